package rules

import (
	"os"
	"strings"
	"testing"
	"testing/fstest"
)

// Durations are bounded by unit: 2^63 (or 10^11 years) once overflowed
// the calculators. At the bounds, date arithmetic on any calculator input
// year stays a valid four-digit date.
func TestDurationBounds(t *testing.T) {
	units, err := os.ReadFile("../../data/rules/_units.yaml")
	if err != nil {
		t.Fatal(err)
	}
	doc := func(unit, conv, value string) string {
		return "x:\n  description: {fr: a, nl: b, en: c}\n  unit: " + unit + "\n  kind: legal\n  convention: " + conv +
			"\n  values:\n    " + fixtureAsOf.String() + ":\n      value: " + value + "\n      status: reported\n      start: reported\n      source: study\n      pinpoint: p. 5\n"
	}
	for _, tc := range []struct {
		unit, conv, value string
		ok                bool
	}{
		{"month", "calendar-months-clamp-end", "1200", true},
		{"month", "calendar-months-clamp-end", "1201", false},
		{"month", "calendar-months-clamp-end", "9223372036854775807", false},
		{"month", "calendar-months-clamp-end", "9223372036854775808", false},
		{"day", "calendar-days", "36500", true},
		{"day", "calendar-days", "36501", false},
		{"year", "calendar-years-clamp-end", "100", true},
		{"year", "calendar-years-clamp-end", "100000000000", false},
	} {
		t.Run(tc.unit+"="+tc.value, func(t *testing.T) {
			src := doc(tc.unit, tc.conv, tc.value)
			_, probs := Load(fstest.MapFS{"r/_units.yaml": {Data: units}, "r/g.yaml": {Data: []byte(src)}}, "r", testOpts())
			var got []string
			for _, p := range probs.Sorted() {
				got = append(got, p.Error())
			}
			bounded := false
			for _, g := range got {
				bounded = bounded || strings.Contains(g, "g.yaml:8:14:") && strings.Contains(g, "is more than")
			}
			if tc.ok && len(got) > 0 || !tc.ok && !bounded {
				t.Errorf("problems: %q", got)
			}
		})
	}
	for _, y := range []int{1900, 2199} {
		for _, d := range []Date{
			Date{y, 1, 31}.AddYears(100), Date{y, 1, 31}.AddMonths(1200), Date{y, 12, 31}.AddDays(36500),
			Date{y, 1, 31}.AddYears(-100), Date{y, 1, 1}.AddDays(-36500),
		} {
			if !d.Valid() || d.Year < 1000 || d.Year > 9999 {
				t.Errorf("%d ± the largest duration: %v", y, d)
			}
		}
	}
}

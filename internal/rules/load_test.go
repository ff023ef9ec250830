package rules

import (
	"flag"
	"fmt"
	"os"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/cire-asbl/fabrique/internal/i18n"
)

var update = flag.Bool("update", false, "rewrite golden files")

// The source keys fixed in docs/design.md.
var designKeys = map[string]bool{
	"cire-2025": true, "loi-1980": true, "loi-1995-traite": true, "dir-2011-98": true,
	"dir-2024-1233": true, "dir-2009-52": true, "dir-2024-1346": true, "myria-2023": true,
	"fedasil-2024": true, "vub-estimate": true, "feb-mobility": true, "verbroeck-2025": true,
	"emn-single-permit": true, "cire-permis-unique": true, "fra-2011": true, "myria-definitions": true,
}

func testOpts() LoadOptions {
	return LoadOptions{
		KnownSource: func(k string) bool { return designKeys[k] },
		Languages:   []string{"fr", "nl", "en"},
		AsOf:        MustDate("2025-12-01"),
		Count:       realWords,
	}
}

// realWords writes unit words with the site's strings files, where the real
// data's words live (internal/i18n).
func realWords(unit, raw, lang string) (string, error) {
	wordsOnce.Do(func() {
		words, _ = i18n.Load(os.DirFS("../.."), "themes/default/i18n", []string{"fr", "nl", "en"}, "fr")
	})
	if lang != "fr" && lang != "nl" && lang != "en" {
		return "", fmt.Errorf("no words for language %q", lang)
	}
	text, _, err := words.Lang(lang).Count(unit, raw)
	return text, err
}

var (
	wordsOnce sync.Once
	words     *i18n.Set
)

// unitsWithWords is a _units.yaml that still carries its own words and
// number formats (the format before the strings files), for the tests of
// that path.
func unitsWithWords(t testing.TB) []byte {
	b, err := os.ReadFile("testdata/units_words.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func loadReal(t *testing.T) *Set {
	t.Helper()
	s, probs := Load(os.DirFS("../../data"), "rules", testOpts())
	if err := probs.Err(); err != nil {
		t.Fatalf("real rule data has problems:\n%v", err)
	}
	return s
}

func TestRealDataLoads(t *testing.T) {
	s := loadReal(t)
	for _, id := range []string{
		"single-permit.renewal-notice", "single-permit.processing-time-legal",
		"single-permit.processing-time-observed", "single-permit.job-search",
		"single-permit.job-search-long", "single-permit.job-search-long-threshold",
		"self-employed.card-validity-flanders", "self-employed.card-validity-brussels",
		"self-employed.card-validity-wallonia", "international-protection.work-access",
		"international-protection.work-access-eu-latest", "international-protection.residents-working",
		"context.undocumented-estimate",
	} {
		if _, ok := s.Lookup(id); !ok {
			t.Errorf("missing parameter %s", id)
		}
	}
	// The legal and the observed processing times are different parameters.
	legal, _ := s.Current("single-permit.processing-time-legal")
	obs, _ := s.Current("single-permit.processing-time-observed")
	if legal.Raw != "90" || obs.Raw != "180" {
		t.Errorf("processing times: legal %s observed %s", legal.Raw, obs.Raw)
	}
	p, _ := s.Lookup("single-permit.processing-time-legal")
	if v, ok := p.At(MustDate("2025-11-30")); !ok || v.Raw != "120" {
		t.Errorf("value before the reported 90 days: %+v", v)
	}
}

func TestFormatRule(t *testing.T) {
	s := loadReal(t)
	const nb = "\u00a0"
	for _, tc := range []struct{ id, lang, want, pin string }{
		{"single-permit.renewal-notice", "fr", "2" + nb + "mois", "section « La durée du permis unique et son renouvellement : des délais trop courts »"},
		{"single-permit.renewal-notice", "nl", "2" + nb + "maanden", ""},
		{"single-permit.renewal-notice", "en", "2" + nb + "months", ""},
		{"single-permit.processing-time-legal", "fr", "90" + nb + "jours", ""},
		{"single-permit.processing-time-legal", "nl", "90" + nb + "dagen", ""},
		{"single-permit.max-validity", "en", "1" + nb + "year", ""},
		{"single-permit.max-validity", "nl", "1" + nb + "jaar", ""},
		{"international-protection.residents-working", "fr", "41" + nb + "%", ""},
		{"international-protection.residents-working", "en", "41%", ""},
		{"context.undocumented-estimate", "fr", "112\u202f000" + nb + "personnes", ""},
		{"context.undocumented-estimate", "nl", "112.000" + nb + "personen", ""},
		{"context.undocumented-estimate", "en", "112,000" + nb + "people", ""},
	} {
		got, cite, err := s.FormatRule(tc.id, tc.lang)
		if err != nil {
			t.Errorf("%s/%s: %v", tc.id, tc.lang, err)
			continue
		}
		if got != tc.want {
			t.Errorf("%s/%s = %q, want %q", tc.id, tc.lang, got, tc.want)
		}
		if cite.Key != "cire-2025" || (tc.pin != "" && cite.Pinpoint != tc.pin) {
			t.Errorf("%s cite = %+v", tc.id, cite)
		}
	}
	if _, _, err := s.FormatRule("single-permit.nope", "fr"); err == nil {
		t.Error("unknown parameter formatted")
	}
	if _, _, err := s.FormatRule("single-permit.renewal-notice", "de"); err == nil {
		t.Error("unknown language formatted")
	}
}

func TestFormatNumber(t *testing.T) {
	opts := testOpts()
	opts.Count = nil
	s, _ := Load(fstest.MapFS{"r/_units.yaml": {Data: unitsWithWords(t)}}, "r", opts)
	for _, tc := range []struct{ raw, lang, want string }{
		{"2025", "fr", "2025"}, {"10000", "en", "10,000"}, {"1234567", "nl", "1.234.567"},
		{"41.5", "fr", "41,5"}, {"41.5", "en", "41.5"}, {"-12000", "en", "-12,000"},
	} {
		if got, _ := s.FormatNumber(tc.raw, tc.lang); got != tc.want {
			t.Errorf("FormatNumber(%s,%s) = %q want %q", tc.raw, tc.lang, got, tc.want)
		}
	}
}

// Each bad file is loaded next to the real _units.yaml; the problems must
// name the exact line:col.
func TestValidationProblems(t *testing.T) {
	units, err := os.ReadFile("../../data/rules/_units.yaml")
	if err != nil {
		t.Fatal(err)
	}
	head := "x:\n  description: {fr: a, nl: b, en: c}\n  unit: month\n  kind: legal\n  convention: calendar-months-clamp-end\n  values:\n"
	val := func(date, extra string) string {
		return "    " + date + ":\n      value: 2\n      start: reported\n      source: cire-2025\n      pinpoint: p. 5\n" + extra
	}
	for _, tc := range []struct {
		name, src string
		want      []string
	}{
		{"ok", head + val("2025-12-01", ""), nil},
		{"unknown source", strings.Replace(head+val("2025-12-01", ""), "source: cire-2025", "source: cire-2099", 1),
			[]string{"g.yaml:10:15: parameter g.x, 2025-12-01: unknown source key \"cire-2099\""}},
		{"unknown also source", head + val("2025-12-01", "      also:\n        - source: nope\n"),
			[]string{"g.yaml:13:19: parameter g.x, 2025-12-01: unknown source key \"nope\""}},
		{"missing pinpoint", strings.Replace(head+val("2025-12-01", ""), "      pinpoint: p. 5\n", "", 1),
			[]string{"g.yaml:7:5: parameter g.x, 2025-12-01: missing pinpoint"}},
		{"missing unit", strings.Replace(head+val("2025-12-01", ""), "  unit: month\n", "", 1),
			[]string{"g.yaml:1:1: parameter g.x: missing unit"}},
		{"unknown unit", strings.Replace(head+val("2025-12-01", ""), "unit: month", "unit: fortnight", 1),
			[]string{"g.yaml:3:9: parameter g.x: unknown unit \"fortnight\""}},
		{"missing language", strings.Replace(head+val("2025-12-01", ""), ", en: c", "", 1),
			[]string{"g.yaml:2:17: parameter g.x: description missing language \"en\""}},
		{"missing convention", strings.Replace(head+val("2025-12-01", ""), "  convention: calendar-months-clamp-end\n", "", 1),
			[]string{"g.yaml:1:1: parameter g.x: a duration (unit month) must declare its date convention"}},
		{"wrong convention", strings.Replace(head+val("2025-12-01", ""), "calendar-months-clamp-end", "calendar-days", 1),
			[]string{"g.yaml:5:15: parameter g.x: convention calendar-days moves dates in days but the unit is month"}},
		{"unsorted", head + val("2025-12-01", "") + val("2020-01-01", ""),
			[]string{"g.yaml:12:5: parameter g.x: start dates out of order: 2020-01-01 comes after 2025-12-01 (line 7)"}},
		{"duplicate", head + val("2025-12-01", "") + val("2025-12-01", ""),
			[]string{"g.yaml:12:5: "}},
		{"none in force", head + val("2026-01-01", ""),
			[]string{"g.yaml:1:1: parameter g.x: no value in force on the reference date 2025-12-01"}},
		{"ended", head + val("2020-01-01", "") + strings.Replace(val("2025-01-01", ""), "value: 2", "value: null", 1),
			[]string{"g.yaml:1:1: parameter g.x: no value in force on the reference date 2025-12-01"}},
		{"fractional duration", strings.Replace(head+val("2025-12-01", ""), "value: 2", "value: 2.5", 1),
			[]string{"g.yaml:8:14: parameter g.x, 2025-12-01: a duration must be a whole, non-negative number"}},
		{"typo field", strings.Replace(head+val("2025-12-01", ""), "pinpoint:", "pinpiont:", 1),
			[]string{"g.yaml:11:7: unknown field \"pinpiont\"", "g.yaml:7:5: parameter g.x, 2025-12-01: missing pinpoint"}},
		{"bad kind", strings.Replace(head+val("2025-12-01", ""), "kind: legal", "kind: rumour", 1),
			[]string{"g.yaml:4:9: parameter g.x: unknown kind \"rumour\""}},
		{"bad date key", head + val("2025-02-30", ""),
			[]string{"g.yaml:7:5: parameter g.x: value key date \"2025-02-30\" does not exist"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fsys := fstest.MapFS{
				"r/_units.yaml": {Data: units},
				"r/g.yaml":      {Data: []byte(tc.src)},
			}
			_, probs := Load(fsys, "r", testOpts())
			var got []string
			for _, p := range probs.Sorted() {
				got = append(got, p.Error())
			}
			if len(tc.want) == 0 && len(got) > 0 {
				t.Fatalf("unexpected problems:\n%s", strings.Join(got, "\n"))
			}
			for _, w := range tc.want {
				found := false
				for _, g := range got {
					if strings.Contains(g, w) {
						found = true
					}
				}
				if !found {
					t.Errorf("want problem %q, got:\n%s", w, strings.Join(got, "\n"))
				}
			}
		})
	}
}

func TestUnitsNeedEveryLanguage(t *testing.T) {
	units := unitsWithWords(t)
	opts := testOpts()
	opts.Count = nil
	opts.Languages = append(opts.Languages, "ar")
	_, probs := Load(fstest.MapFS{"r/_units.yaml": {Data: units}}, "r", opts)
	err := probs.Err()
	if err == nil || !strings.Contains(err.Error(), "unit month: no words for language \"ar\"") ||
		!strings.Contains(err.Error(), "numbers: no format for language \"ar\"") {
		t.Fatalf("want missing-language problems, got %v", err)
	}
}

func TestJSONGolden(t *testing.T) {
	s := loadReal(t)
	a, err := JSON(s)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := JSON(s)
	if string(a) != string(b) {
		t.Fatal("JSON not deterministic")
	}
	const golden = "testdata/rules.json.golden"
	if *update {
		if err := os.WriteFile(golden, a, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update)", err)
	}
	if string(a) != string(want) {
		t.Errorf("rules.json differs from %s; run go test ./internal/rules -update and review the diff", golden)
	}
}

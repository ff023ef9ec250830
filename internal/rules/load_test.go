package rules

import (
	"flag"
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/tools/txtar"
)

var update = flag.Bool("update", false, "rewrite golden files")

// The tests build from their own fictional fixture (testdata/fixture.txtar),
// never from the site's data: an editor's change to data/ cannot break them.
var fixtureAsOf = MustDate("2030-06-15")

func fixtureFS(t testing.TB) fstest.MapFS {
	t.Helper()
	a, err := txtar.ParseFile("testdata/fixture.txtar")
	if err != nil {
		t.Fatal(err)
	}
	m := fstest.MapFS{}
	for _, f := range a.Files {
		m[f.Name] = &fstest.MapFile{Data: f.Data}
	}
	return m
}

func testOpts() LoadOptions {
	return LoadOptions{
		KnownSource: func(k string) bool { return k == "study" || k == "act" },
		Legislation: func(k string) bool { return k == "act" },
		Languages:   []string{"fr", "nl", "en"},
		AsOf:        fixtureAsOf,
	}
}

func loadFixture(t testing.TB) *Set {
	t.Helper()
	s, probs := Load(fixtureFS(t), "rules", testOpts())
	if err := probs.Err(); err != nil {
		t.Fatalf("fixture has problems:\n%v", err)
	}
	if _, w := probs.Count(); w > 0 {
		t.Fatalf("fixture has warnings:\n%v", probs.Sorted())
	}
	return s
}

func TestAtFollowsAppliesFrom(t *testing.T) {
	s := loadFixture(t)
	for _, tc := range []struct {
		id, date, raw, status string
	}{
		{"g.process", "2031-03-09", "100", StatusReported},
		{"g.process", "2031-03-10", "70", StatusAdopted},
		// The first value's start is not known (start: unknown): it also
		// applies before its key.
		{"g.process", "1990-01-01", "100", StatusReported},
		{"g.eu", "2012-01-01", "10", StatusInForce},
		{"g.eu", "2032-01-31", "10", StatusInForce},
		{"g.eu", "2032-02-01", "5", StatusAdopted},
		// A value with a known start (start: effective) never applies before it.
		{"g.eu", "2011-12-31", "", ""},
		// The adopted value is keyed on its adoption date but applies later.
		{"g.eu", "2030-01-01", "10", StatusInForce},
	} {
		v, ok := s.ValueAt(tc.id, MustDate(tc.date))
		if tc.raw == "" {
			if ok {
				t.Errorf("%s on %s: want no value, got %+v", tc.id, tc.date, v)
			}
			continue
		}
		if !ok || v.Raw != tc.raw || v.Status != tc.status {
			t.Errorf("%s on %s: got %q %q (ok %v), want %q %q", tc.id, tc.date, v.Raw, v.Status, ok, tc.raw, tc.status)
		}
	}
}

func TestFormatRuleSaysTheStatus(t *testing.T) {
	s := loadFixture(t)
	for _, tc := range []struct{ id, lang, want, key string }{
		{"g.notice", "fr", "3 mois (FR-rapporté)", "study"},
		{"g.notice", "en", "3 months (EN-reported)", "study"},
		{"g.eu", "nl", "10 maanden", "act"}, // in force: no words added
		{"g.seen", "en", "200 days (EN-seen)", "study"},
		{"g.count", "fr", "12 345 personnes (FR-constaté)", "study"},
	} {
		got, ref, err := s.FormatRule(tc.id, tc.lang)
		if err != nil || got != tc.want || ref.Key != tc.key {
			t.Errorf("FormatRule(%s,%s) = %q %q %v, want %q %q", tc.id, tc.lang, got, ref.Key, err, tc.want, tc.key)
		}
	}
	p, _ := s.Lookup("g.process")
	label, err := s.StatusLabel(p.Values[1], "fr")
	if err != nil || label != "FR-adopté, FR-dès 10 mar 2031" {
		t.Errorf("adopted label %q %v", label, err)
	}
	if d, _ := s.FormatDate(MustDate("2031-03-01"), "fr"); d != "1er mar 2031" {
		t.Errorf("FormatDate day one: %q", d)
	}
}

func TestFormatNumber(t *testing.T) {
	s := loadFixture(t)
	for _, tc := range []struct{ raw, lang, want string }{
		{"2025", "fr", "2025"}, {"10000", "en", "10,000"}, {"1234567", "nl", "1.234.567"},
		{"41.5", "fr", "41,5"}, {"41.5", "en", "41.5"}, {"-12000", "en", "-12,000"},
	} {
		if got, _ := s.FormatNumber(tc.raw, tc.lang); got != tc.want {
			t.Errorf("FormatNumber(%s,%s) = %q want %q", tc.raw, tc.lang, got, tc.want)
		}
	}
}

func TestChangesNewestFirst(t *testing.T) {
	s := loadFixture(t)
	var got []string
	for _, c := range s.Changes() {
		got = append(got, c.ID+"@"+c.From.String()+":"+c.Old.Raw+"→"+c.New.Raw+"/"+c.New.Status)
	}
	want := "g.eu@2032-02-01:10→5/adopted g.process@2031-03-10:100→70/adopted"
	if strings.Join(got, " ") != want {
		t.Errorf("Changes = %v, want %s", got, want)
	}
}

// Each bad file is loaded next to the fixture's _units.yaml; the problems
// must name the exact line:col.
func TestValidationProblems(t *testing.T) {
	units := fixtureFS(t)["rules/_units.yaml"].Data
	head := "x:\n  description: {fr: a, nl: b, en: c}\n  unit: month\n  kind: legal\n  convention: calendar-months-clamp-end\n  values:\n"
	val := func(date, extra string) string {
		return "    " + date + ":\n      value: 2\n      status: reported\n      start: reported\n      source: study\n      pinpoint: p. 5\n" + extra
	}
	ok := head + val("2030-06-15", "")
	for _, tc := range []struct {
		name, src string
		want      []string
		warn      bool
	}{
		{"ok", ok, nil, false},
		{"unknown source", strings.Replace(ok, "source: study", "source: nope", 1),
			[]string{"g.yaml:11:15: parameter g.x, 2030-06-15: unknown source key \"nope\""}, false},
		{"unknown also source", head + val("2030-06-15", "      also:\n        - source: nope\n"),
			[]string{"g.yaml:14:19: parameter g.x, 2030-06-15: unknown source key \"nope\""}, false},
		{"missing pinpoint", strings.Replace(ok, "      pinpoint: p. 5\n", "", 1),
			[]string{"g.yaml:7:5: parameter g.x, 2030-06-15: missing pinpoint"}, false},
		{"missing unit", strings.Replace(ok, "  unit: month\n", "", 1),
			[]string{"g.yaml:1:1: parameter g.x: missing unit"}, false},
		{"unknown unit", strings.Replace(ok, "unit: month", "unit: fortnight", 1),
			[]string{"g.yaml:3:9: parameter g.x: unknown unit \"fortnight\""}, false},
		{"missing language", strings.Replace(ok, ", en: c", "", 1),
			[]string{"g.yaml:2:17: to translate: not translated into \"en\" yet: the \"fr\" text is shown"}, true},
		{"missing convention", strings.Replace(ok, "  convention: calendar-months-clamp-end\n", "", 1),
			[]string{"g.yaml:1:1: parameter g.x: a duration (unit month) must declare its date convention"}, false},
		{"wrong convention", strings.Replace(ok, "calendar-months-clamp-end", "calendar-days", 1),
			[]string{"g.yaml:5:15: parameter g.x: convention calendar-days moves dates in days but the unit is month"}, false},
		{"unsorted", head + val("2030-06-15", "") + val("2020-01-01", ""),
			[]string{"g.yaml:13:5: parameter g.x: start dates out of order: 2020-01-01 comes after 2030-06-15 (line 7)"}, false},
		{"duplicate", head + val("2030-06-15", "") + val("2030-06-15", ""),
			[]string{"g.yaml:13:5: "}, false},
		{"none in force", strings.Replace(head+val("2031-01-01", ""), "start: reported", "start: effective", 1),
			[]string{"g.yaml:1:1: parameter g.x: no value in force on the reference date 2030-06-15"}, false},
		{"ended", head + val("2020-01-01", "") + strings.Replace(val("2025-01-01", ""), "value: 2", "value: null", 1),
			[]string{"g.yaml:1:1: parameter g.x: no value in force on the reference date 2030-06-15"}, false},
		{"fractional duration", strings.Replace(ok, "value: 2", "value: 2.5", 1),
			[]string{"g.yaml:8:14: parameter g.x, 2030-06-15: a duration must be a whole, non-negative number"}, false},
		{"typo field", strings.Replace(ok, "pinpoint:", "pinpiont:", 1),
			[]string{"g.yaml:12:7: unknown field \"pinpiont\"", "g.yaml:7:5: parameter g.x, 2030-06-15: missing pinpoint"}, false},
		{"bad kind", strings.Replace(ok, "kind: legal", "kind: rumour", 1),
			[]string{"g.yaml:4:9: parameter g.x: unknown kind \"rumour\""}, false},
		{"bad date key", head + val("2025-02-30", ""),
			[]string{"g.yaml:7:5: parameter g.x: value key date \"2025-02-30\" does not exist"}, false},
		// Legal status.
		{"missing status", strings.Replace(ok, "      status: reported\n", "", 1),
			[]string{"g.yaml:7:5: parameter g.x, 2030-06-15: missing status (in-force, adopted, reported)"}, false},
		{"unknown status", strings.Replace(ok, "status: reported", "status: rumoured", 1),
			[]string{"g.yaml:9:15: parameter g.x, 2030-06-15: unknown status \"rumoured\""}, false},
		{"status does not fit kind", strings.Replace(ok, "status: reported", "status: observed", 1),
			[]string{"g.yaml:9:15: parameter g.x, 2030-06-15: status observed does not fit a parameter of kind legal"}, false},
		{"in force without legislation", strings.Replace(ok, "status: reported", "status: in-force", 1),
			[]string{"g.yaml:9:15: parameter g.x, 2030-06-15: an in-force value must cite a law or directive with its article"}, false},
		{"in force without article", strings.NewReplacer("status: reported", "status: in-force", "source: study", "source: act").Replace(ok),
			[]string{"g.yaml:9:15: parameter g.x, 2030-06-15: an in-force value must cite a law or directive with its article"}, false},
		{"in force with article", strings.NewReplacer("status: reported", "status: in-force", "source: study", "source: act", "p. 5", "art. 3").Replace(ok),
			nil, false},
		{"in force through also", strings.Replace(head+val("2030-06-15", "      also:\n        - source: act\n          pinpoint: article 7\n"), "status: reported", "status: in-force", 1),
			nil, false},
		{"adopted without applies_from", strings.NewReplacer("status: reported", "status: adopted", "source: study", "source: act", "p. 5", "art. 3").Replace(ok),
			[]string{"g.yaml:9:15: parameter g.x, 2030-06-15: an adopted value needs applies_from"}, false},
		{"applies_from on reported", strings.Replace(ok, "      start: reported\n", "      applies_from: 2030-07-01\n      start: reported\n", 1),
			[]string{"g.yaml:10:21: parameter g.x, 2030-06-15: applies_from is the date a legal text gives; a reported value has none"}, false},
		{"applies_from before key", head + val("2020-01-01", "") + strings.NewReplacer("status: reported", "status: adopted\n      applies_from: 2029-01-01", "source: study", "source: act", "p. 5", "art. 3").Replace(val("2030-01-01", "")),
			[]string{"g.yaml:16:21: parameter g.x, 2030-01-01: applies_from 2029-01-01 is before the value's date key"}, false},
		{"applies out of order", head + strings.NewReplacer("status: reported", "status: adopted\n      applies_from: 2032-01-01", "source: study", "source: act", "p. 5", "art. 3").Replace(val("2020-01-01", "")) + val("2030-01-01", ""),
			[]string{"g.yaml:14:5: parameter g.x, 2030-01-01: applies from 2030-01-01, not after the previous value (from 2032-01-01)"}, false},
		{"legislation without pinpoint", head + val("2030-06-15", "      also:\n        - source: act\n"),
			[]string{"g.yaml:7:5: warning: parameter g.x, 2030-06-15: act is a law or directive: cite it with its article"}, true},
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
			if len(tc.want) > 0 && probs.Failed(false) == tc.warn {
				t.Errorf("failed=%v, want warning-only=%v:\n%s", probs.Failed(false), tc.warn, strings.Join(got, "\n"))
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
	units := fixtureFS(t)["rules/_units.yaml"].Data
	opts := testOpts()
	opts.Languages = append(opts.Languages, "ar")
	_, probs := Load(fstest.MapFS{"r/_units.yaml": {Data: units}}, "r", opts)
	err := probs.Err()
	for _, want := range []string{"unit month: no words for language \"ar\"", "numbers: no format for language \"ar\"",
		"statuses in-force: no words for language \"ar\"", "dates: no format for language \"ar\""} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("want %q, got %v", want, err)
		}
	}
}

func TestJSONGolden(t *testing.T) {
	s := loadFixture(t)
	a, err := JSON(s)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := JSON(s)
	if string(a) != string(b) {
		t.Fatal("JSON not deterministic")
	}
	for _, want := range []string{`"status": "adopted"`, `"applies_from": "2031-03-10"`, `"status": "in-force"`} {
		if !strings.Contains(string(a), want) {
			t.Errorf("rules.json lacks %s", want)
		}
	}
	const golden = "testdata/fixture.json.golden"
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

package prose

import (
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/goccy/go-yaml"
)

// A figure held by the rule data must reach a page through {rule:id}, so
// that when the law changes only the YAML changes. The build (internal/site)
// builds, from every parameter, the ways a writer could type its value in
// French, Dutch or English ("deux mois", "2 mois", "90 jours", "4 maanden",
// "six months", "41 %", "112 000") and warns where a page has one. These
// tests check the matcher on fixed values.

type param = Param

func normUnit(u string) string { return NormUnit(u) }

// paramsFromYAML finds every (value, unit) pair in one rule file, whatever
// its exact shape: a unit applies to everything below the mapping that
// declares it (directly or in metadata), and a value is a number under a
// key named value, or an entry of a values mapping or list (keyed by date).
func paramsFromYAML(name string, src []byte) ([]param, error) {
	var doc any
	if err := yaml.Unmarshal(src, &doc); err != nil {
		return nil, err
	}
	var out []param
	var walk func(n any, unit, where string)
	emit := func(v any, unit, where string) {
		f, ok := number(v)
		if ok && unit != "" {
			out = append(out, param{f, unit, where})
		}
	}
	walk = func(n any, unit, where string) {
		switch n := n.(type) {
		case map[string]any:
			if u, ok := n["unit"].(string); ok {
				unit = normUnit(u)
			}
			if md, ok := n["metadata"].(map[string]any); ok {
				if u, ok := md["unit"].(string); ok {
					unit = normUnit(u)
				}
			}
			keys := make([]string, 0, len(n))
			for k := range n {
				keys = append(keys, k)
			}
			sort.Strings(keys)
			for _, k := range keys {
				v := n[k]
				w := where + "." + k
				switch k {
				case "value", "amount", "default":
					emit(v, unit, w)
				case "values":
					switch vs := v.(type) {
					case map[string]any:
						for dk, dv := range vs {
							emit(dv, unit, w+"."+dk)
							walk(dv, unit, w+"."+dk)
						}
					case []any:
						for i, dv := range vs {
							emit(dv, unit, fmt.Sprintf("%s[%d]", w, i))
							walk(dv, unit, fmt.Sprintf("%s[%d]", w, i))
						}
					}
				default:
					walk(v, unit, w)
				}
			}
		case []any:
			for i, v := range n {
				walk(v, unit, fmt.Sprintf("%s[%d]", where, i))
			}
		}
	}
	walk(doc, "", name)
	return out, nil
}

func number(v any) (float64, bool) {
	switch v := v.(type) {
	case int:
		return float64(v), true
	case int64:
		return float64(v), true
	case uint64:
		return float64(v), true
	case float64:
		return v, true
	case string:
		f, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
		return f, err == nil
	}
	return 0, false
}

type hit = Hit

func forbiddenPhrases(ps []param) *Figures { return NewFigures(ps, testWords()) }

// testWords are the fixture's number and unit words, as strings files
// would give them.
func testWords() *FigureWords {
	w := &FigureWords{}
	w.AddNumbers([]string{"un|une", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix", "onze", "douze"})
	w.AddNumbers([]string{"een|één", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen", "tien", "elf", "twaalf"})
	w.AddNumbers([]string{"one|a single", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"})
	w.AddNumbers([]string{"un|una|uno", "dos", "tres"})
	w.AddUnit("month", "{n}\u00a0mois", "{n} maand", "{n} maanden", "{n} month", "{n} months", "{n}\u00a0meses", "{n} mes", "شهران", "{n} أشهر")
	w.AddUnit("day", "{n}\u00a0jour", "{n}\u00a0jours", "{n} dag", "{n} dagen", "{n} day", "{n} days")
	w.AddUnit("year", "{n}\u00a0an", "{n}\u00a0ans", "{n} année", "{n} années", "{n} jaar", "{n} jaren", "{n} year", "{n} years")
	w.AddUnit("percent", "{n}\u00a0%", "{n} procent", "{n} percent", "{n} pour cent")
	return w
}

func typedDurations(text string, fb *Figures) []hit { return fb.Typed(text) }

// TestTypedDurationsCanFail plants examples against a fixed set of values
// (the ones the analysis gives), so the check is exercised even before the
// rule data exists.
func TestTypedDurationsCanFail(t *testing.T) {
	ps := []param{
		{2, "month", "renewal-notice"}, {90, "day", "processing-legal"},
		{4, "month", "asylum.work-after"}, {6, "month", "asylum.eu-latest"},
		{1, "year", "max-validity"}, {41, "percent", "working-share"},
		{112000, "count", "undocumented-estimate"},
	}
	fb := forbiddenPhrases(ps)
	tests := []struct {
		text string
		bad  bool
	}{
		{"au moins deux mois avant l'échéance", true},
		{"au moins 2 mois avant", true},
		{"un délai de 90 jours", true},
		{"na 4 maanden mag je werken", true},
		{"at the latest six months after", true},
		{"a six-month residence", true},
		{"valable Un An au plus", true},
		{"plus d'un an", true},
		{"environ 41 % des résidents", true},
		{"about 41% of residents", true},
		{"près de 112 000 personnes", true},
		{"112.000 mensen", true},
		{"au moins {rule:single-permit.renewal-notice} avant", false},
		{"loi du 15 décembre 1980, art. 75 [@loi-1980, art. 75]", false},
		{"2009/52/CE du 18 juin 2009", false},
		{"trois mois", false}, // 3 months is not in this fixed set
		{"chaque année", false},
		{"deux moissons", false},
		{"1120000 grains", false},
		// Words from any strings file, not a list in Go: Spanish and Arabic.
		{"al menos dos meses antes", true},
		{"بعد 4 أشهر", true},
		{"dos mesas", false},
	}
	for _, tt := range tests {
		got := typedDurations("x\n"+tt.text, fb)
		if bad := len(got) > 0; bad != tt.bad {
			t.Errorf("%q: flagged=%v (%v), want %v", tt.text, bad, got, tt.bad)
		}
		if len(got) > 0 && got[0].Line != 2 {
			t.Errorf("%q: line %d, want 2", tt.text, got[0].Line)
		}
	}
}

// TestParamsFromYAML: the extractor understands the shapes a rule file may
// take (unit beside the values or in metadata; values keyed by date).
func TestParamsFromYAML(t *testing.T) {
	src := `
renewal-notice:
  description: Le renouvellement doit être introduit avant l'échéance.
  unit: month
  values:
    2019-01-01:
      value: 2
      source: {key: cire-2025, pinpoint: p. 5}
processing-legal:
  metadata: {unit: days}
  values:
    "2019-01-01": 120
    "2025-01-01": {value: 90}
working-share:
  unit: percent
  value: 41
label:
  value: 7
`
	ps, err := paramsFromYAML("single-permit.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range ps {
		got = append(got, fmt.Sprintf("%g %s", p.Value, p.Unit))
	}
	slices.Sort(got)
	got = slices.Compact(got)
	want := []string{"120 day", "2 month", "41 percent", "90 day"}
	if !slices.Equal(got, want) {
		t.Fatalf("got %v, want %v", got, want)
	}
}

package prose

import (
	"fmt"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/goccy/go-yaml"
)

// A figure held by the rule data must reach a page through {rule:id}, so
// that when the law changes only the YAML changes. This test builds, from
// every parameter in data/rules, the ways a writer could type its value in
// French, Dutch or English ("deux mois", "2 mois", "90 jours", "4 maanden",
// "six months", "41 %", "112 000") and fails when a content page (or the
// glossary, which cannot hold {rule:…}) contains one.

const rulesDir = "../../data/rules"

// param is one rule value and its unit, normalised to month, day, year,
// week, percent or count.
type param struct {
	Value float64
	Unit  string
	From  string // file and parameter, for messages
}

// numberWords spells 1–12 in each language; above 12 writers use digits.
var numberWords = map[string][]string{
	"fr": {"", "un|une", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix", "onze", "douze"},
	"nl": {"", "een|één|1", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen", "tien", "elf", "twaalf"},
	"en": {"", "one|a single", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"},
}

// unitWords lists each unit's words, singular and plural, all languages
// together (a French page may quote "months" no more than an English one).
var unitWords = map[string]string{
	"month":   "mois|maand|maanden|month|months",
	"day":     "jour|jours|journée|journées|dag|dagen|day|days",
	"year":    "an|ans|année|années|jaar|jaren|year|years",
	"week":    "semaine|semaines|week|weken|weeks",
	"percent": "%|pour cent|pourcent|procent|percent|per cent",
}

// normUnit maps the unit names the rule files may use onto ours.
func normUnit(u string) string {
	u = strings.ToLower(strings.TrimSpace(u))
	switch {
	case strings.HasPrefix(u, "month"), u == "mois", strings.HasPrefix(u, "maand"):
		return "month"
	case strings.HasPrefix(u, "day"), strings.HasPrefix(u, "jour"), strings.HasPrefix(u, "dag"):
		return "day"
	case strings.HasPrefix(u, "year"), u == "an", u == "ans", strings.HasPrefix(u, "ann"), strings.HasPrefix(u, "jaar"):
		return "year"
	case strings.HasPrefix(u, "week"), strings.HasPrefix(u, "semaine"):
		return "week"
	case strings.Contains(u, "percent"), u == "%", strings.Contains(u, "pour"):
		return "percent"
	case strings.Contains(u, "people"), strings.Contains(u, "person"), strings.Contains(u, "count"),
		strings.Contains(u, "number"), strings.Contains(u, "integer"):
		return "count"
	}
	return ""
}

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

// spellings gives the regexp alternatives for a number as typed.
func spellings(p param) []string {
	var out []string
	n := p.Value
	if n == math.Trunc(n) {
		i := int(n)
		s := strconv.Itoa(i)
		out = append(out, s)
		if i >= 1000 { // 112000 → "112 000", "112.000", "112,000", with any space
			grouped := s[:len(s)-3] + `[\s.,\x{00A0}\x{202F}]?` + s[len(s)-3:]
			out = append(out, grouped)
		}
		if i >= 1 && i <= 12 && p.Unit != "percent" && p.Unit != "count" {
			for _, lang := range []string{"fr", "nl", "en"} {
				out = append(out, strings.Split(numberWords[lang][i], "|")...)
			}
		}
	} else {
		s := strconv.FormatFloat(n, 'f', -1, 64)
		out = append(out, regexp.QuoteMeta(s), regexp.QuoteMeta(strings.Replace(s, ".", ",", 1)))
	}
	return out
}

type forbidden struct {
	re   *regexp.Regexp
	from string
}

const sep = `[\s\x{00A0}\x{202F}-]*`

// forbiddenPhrases builds one case-insensitive pattern per parameter.
func forbiddenPhrases(ps []param) []forbidden {
	var out []forbidden
	for _, p := range ps {
		nums := strings.Join(spellings(p), "|")
		var pat string
		switch {
		case p.Unit == "count":
			pat = `(?i)(?:^|[^\p{L}\p{N}])(?:` + nums + `)(?:$|[^\p{L}\p{N}])`
		case unitWords[p.Unit] != "":
			units := strings.ReplaceAll(unitWords[p.Unit], " ", `\s+`)
			pat = `(?i)(?:^|[^\p{L}\p{N}])(?:` + nums + `)` + sep + `(?:` + units + `)(?:$|[^\p{L}\p{N}])`
		default:
			continue
		}
		out = append(out, forbidden{regexp.MustCompile(pat), fmt.Sprintf("%s = %g %s", p.From, p.Value, p.Unit)})
	}
	return out
}

// directiveRe and citeRe2 cover the syntax in which a figure may legitimately
// stand: {rule:…}, other directives, and citation pinpoints ([@x, p. 5]).
var (
	directiveRe = regexp.MustCompile(`\{[a-z]+:[^}]*\}`)
	citeRe2     = regexp.MustCompile(`\[@[^\]]*\]`)
	// Legal-act references and dates are not durations: "loi du 15 décembre
	// 1980", "2009/52/CE". They cannot match a unit anyway; kept simple.
)

type hit struct {
	Line  int
	Text  string
	Param string
}

// typedDurations returns every forbidden phrase in text, by line.
func typedDurations(text string, fb []forbidden) []hit {
	var out []hit
	for i, line := range strings.Split(text, "\n") {
		line = directiveRe.ReplaceAllString(line, " ")
		line = citeRe2.ReplaceAllString(line, " ")
		for _, f := range fb {
			if m := f.re.FindString(line); m != "" {
				out = append(out, hit{i + 1, strings.TrimSpace(m), f.from})
			}
		}
	}
	return out
}

func loadRuleParams(t *testing.T) []param {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(rulesDir, "*.yaml"))
	more, _ := filepath.Glob(filepath.Join(rulesDir, "*.yml"))
	files = append(files, more...)
	slices.Sort(files)
	var ps []param
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		got, err := paramsFromYAML(filepath.Base(f), src)
		if err != nil {
			t.Errorf("%s: %v", f, err)
			continue
		}
		ps = append(ps, got...)
	}
	return ps
}

// TestNoTypedDurations is the real check over content/ and the glossary.
func TestNoTypedDurations(t *testing.T) {
	ps := loadRuleParams(t)
	if len(ps) == 0 {
		t.Log("no rule parameters found in data/rules yet: nothing to forbid")
		return
	}
	fb := forbiddenPhrases(ps)
	var files []string
	filepath.WalkDir(contentDir, func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(path, ".md") {
			files = append(files, path)
		}
		return nil
	})
	files = append(files, glossaryPath)
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			if os.IsNotExist(err) {
				continue
			}
			t.Fatal(err)
		}
		for _, h := range typedDurations(string(b), fb) {
			t.Errorf("%s:%d: %q is typed by hand; write {rule:…} instead (%s)", f, h.Line, h.Text, h.Param)
		}
	}
	t.Logf("%d rule values, %d files checked", len(ps), len(files))
}

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

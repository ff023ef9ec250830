package leaflet

import (
	"github.com/cire-asbl/fabrique/internal/testsite"
	"reflect"
	"strings"
	"testing"

	"github.com/cire-asbl/fabrique/internal/calc"
	"github.com/cire-asbl/fabrique/internal/pathway"
	"github.com/cire-asbl/fabrique/internal/rules"
)

var langs = []string{"fr", "nl", "en"}

// repoData loads the fixture site's rules, calculators and pathways
// (internal/testsite: the tests' own copy, never edited by editors).
func repoData(t *testing.T) (*rules.Set, *calc.Calculators, *pathway.Set) {
	t.Helper()
	fsys := testsite.FS()
	words := testsite.Words(langs...)
	asOf := rules.MustDate("2025-12-01")
	rs, ps := rules.Load(fsys, "data/rules", rules.WithWords(rules.LoadOptions{Languages: langs, AsOf: asOf}, words))
	if ps.Failed(false) {
		t.Fatalf("rules: %v", ps.Sorted())
	}
	cs, ps := calc.Load(fsys, "data/calculators.yaml", calc.Options{Rules: rs, Languages: langs, UI: calc.UIFrom(words, langs)})
	if ps.Failed(false) {
		t.Fatalf("calculators: %v", ps.Sorted())
	}
	pw, ps := pathway.Load(fsys, "data/pathways", pathway.Options{Langs: langs, Words: words.Prefixed("diagram"),
		Known:    func(id string) bool { _, ok := rs.Lookup(id); return ok },
		Duration: func(id, lang string) (string, error) { s, _, err := rs.FormatRule(id, lang); return s, err }})
	if ps.Failed(false) {
		t.Fatalf("pathways: %v", ps.Sorted())
	}
	return rs, cs, pw
}

func TestRuleRefs(t *testing.T) {
	lbl := func(s string) pathway.Label { return pathway.Label{Text: map[string]string{"en": s}} }
	p := &pathway.Pathway{
		Nodes: []*pathway.Node{
			{Label: lbl("at most {rule:a.one}, then {rule:a.two}")},
			{Label: lbl("no rule here {not:rule}")},
			{Label: lbl("again {rule:a.one} and {rule:b.three|three}")},
		},
		Edges: []*pathway.Edge{{Label: &pathway.Label{Text: map[string]string{"en": "after {rule:c.four}"}}}, {}},
	}
	want := []string{"a.one", "a.two", "b.three", "c.four"}
	if got := RuleRefs(p, "en"); !reflect.DeepEqual(got, want) {
		t.Errorf("RuleRefs = %v, want %v", got, want)
	}
}

// Every pathway that writes {rule:…} has deadlines; the data's pathways and
// the rule set agree on them.
func TestRuleRefsRepo(t *testing.T) {
	rs, _, pw := repoData(t)
	want := map[string]int{"single-permit-first": 3, "single-permit-renewal": 6, "self-employed": 5, "asylum-work": 2, "exploitation": 0}
	for _, id := range pw.IDs() {
		p, _ := pw.Pathway(id)
		refs := RuleRefs(p, "fr")
		if n, ok := want[id]; ok && len(refs) != n {
			t.Errorf("%s: %d deadlines %v, want %d", id, len(refs), refs, n)
		}
		for _, r := range refs {
			if _, ok := rs.Lookup(r); !ok {
				t.Errorf("%s: unknown rule %s", id, r)
			}
		}
		for _, l := range langs[1:] {
			if got := RuleRefs(p, l); !reflect.DeepEqual(got, refs) {
				t.Errorf("%s: %s refs %v differ from fr %v", id, l, got, refs)
			}
		}
	}
}

// fixtureExamples are the worked examples of the fixture site's calculators.
var fixtureExamples = map[string]ExampleSpec{
	"renewal":       {"expiry": "+6 months"},
	"job-loss":      {"job_end": "0", "permit_since": "-1 year"},
	"processing":    {"filed": "0", "stay_until": "+3 months"},
	"asylum-work":   {"filed": "0"},
	"self-employed": {"region": "brussels", "card_issued": "0", "residence_expiry": "+1 year"},
}

func TestParseOffset(t *testing.T) {
	for _, tt := range []struct {
		in      string
		y, m, d int
		bad     bool
	}{{"+6 months", 0, 6, 0, false}, {"-1 year", -1, 0, 0, false}, {"0", 0, 0, 0, false}, {"10 days", 0, 0, 10, false}, {"6 moi", 0, 0, 0, true}, {"six months", 0, 0, 0, true}} {
		y, m, d, err := ParseOffset(tt.in)
		if (err != nil) != tt.bad || y != tt.y || m != tt.m || d != tt.d {
			t.Errorf("%q: %d %d %d %v", tt.in, y, m, d, err)
		}
	}
}

func TestExampleInputs(t *testing.T) {
	c := &calc.Calculator{ID: "renewal", Inputs: []*calc.Input{{Name: "expiry", Type: calc.TypeDate}}}
	tests := []struct {
		asOf, want string
	}{
		{"2025-12-01", "2026-06-01"},
		{"2025-08-31", "2026-02-28"}, // months clamp to the month's end
		{"2023-08-31", "2024-02-29"},
	}
	for _, tt := range tests {
		got := ExampleInputs(c, rules.MustDate(tt.asOf), ExampleSpec{"expiry": "+6 months"})["expiry"]
		if got != tt.want {
			t.Errorf("asOf %s: expiry %v, want %s", tt.asOf, got, tt.want)
		}
	}
	// An unknown calculator: the reference date, the first option, no.
	u := &calc.Calculator{ID: "new", Inputs: []*calc.Input{
		{Name: "d", Type: calc.TypeDate},
		{Name: "c", Type: calc.TypeChoice, Options: []calc.Option{{Value: "x"}, {Value: "y"}}},
		{Name: "f", Type: calc.TypeFlag},
	}}
	want := map[string]any{"d": "2025-12-01", "c": "x", "f": false}
	if got := ExampleInputs(u, rules.MustDate("2025-12-01"), nil); !reflect.DeepEqual(got, want) {
		t.Errorf("defaults %v, want %v", got, want)
	}
	// A scenario choice the data no longer has falls back to the first option.
	s := &calc.Calculator{ID: "self-employed", Inputs: []*calc.Input{{Name: "region", Type: calc.TypeChoice, Options: []calc.Option{{Value: "north"}}}}}
	if got := ExampleInputs(s, rules.MustDate("2025-12-01"), ExampleSpec{"region": "brussels"})["region"]; got != "north" {
		t.Errorf("stale choice: %v", got)
	}
}

// The worked examples run the real calculators: every one accepts its
// example, and the renewal's dates are the rules applied by hand.
func TestWorkedExamples(t *testing.T) {
	rs, cs, _ := repoData(t)
	asOf := rs.AsOf()
	for _, id := range cs.IDs() {
		for _, lang := range langs {
			ex, err := WorkedExample(cs, id, lang, asOf, fixtureExamples[id])
			if err != nil {
				t.Errorf("%s/%s: %v", id, lang, err)
				continue
			}
			c, _ := cs.Get(id)
			if ex.Title == "" || len(ex.Inputs) != len(c.Inputs) || len(ex.Outputs) != len(c.Outputs) {
				t.Errorf("%s/%s: incomplete example %+v", id, lang, ex)
			}
			for _, r := range append(ex.Inputs, ex.Outputs...) {
				if r.Label == "" || r.Value == "" || strings.Contains(r.Value, "-") && strings.Count(r.Value, "-") == 2 {
					t.Errorf("%s/%s: row %+v is empty or an unformatted date", id, lang, r)
				}
			}
		}
	}
	ex, err := WorkedExample(cs, "renewal", "en", asOf, fixtureExamples["renewal"])
	if err != nil {
		t.Fatal(err)
	}
	expiry := asOf.AddMonths(6)
	n, _, _ := rs.Duration("single-permit.renewal-notice")
	days, _, _ := rs.Duration("single-permit.processing-time-legal")
	last := expiry.AddMonths(-n)
	byDecision := expiry.AddDays(-days)
	f := func(d rules.Date) string { s, _ := cs.FormatDate(d, "en"); return s }
	want := []Row{
		{"Last day to file the renewal (minimum notice)", f(last)},
		{"Filing date so the legal processing time ends before expiry", f(byDecision)},
		{"File no later than", f(rules.MinDate(last, byDecision))},
	}
	if !reflect.DeepEqual(ex.Outputs, want) {
		t.Errorf("renewal outputs\n got %v\nwant %v", ex.Outputs, want)
	}
	if ex.Inputs[0].Value != f(expiry) {
		t.Errorf("renewal input %v, want %s", ex.Inputs[0], f(expiry))
	}
	if _, err := WorkedExample(cs, "nope", "en", asOf, nil); err == nil {
		t.Error("unknown calculator: no error")
	}
}

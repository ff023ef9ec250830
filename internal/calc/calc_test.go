package calc

import (
	"flag"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/cire-asbl/fabrique/internal/rules"
	"golang.org/x/tools/txtar"
)

// The tests build from their own fictional fixture (testdata/fixture.txtar:
// rules, calculators and vectors), never from the site's data: an editor's
// change to data/ cannot break them. The site's own vectors
// (data/calculator-vectors.jsonl) are checked by the build.

var update = flag.Bool("update", false, "rewrite golden files")

var langs = []string{"fr", "nl", "en"}

var fixtureAsOf = rules.MustDate("2030-06-15")

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

func loadRulesFS(t testing.TB, fsys fstest.MapFS) *rules.Set {
	t.Helper()
	s, probs := rules.Load(fsys, "rules", rules.LoadOptions{Languages: langs, AsOf: fixtureAsOf,
		Legislation: func(k string) bool { return k == "act" }})
	if err := probs.Err(); err != nil {
		t.Fatal(err)
	}
	return s
}

func loadRules(t testing.TB) *rules.Set { return loadRulesFS(t, fixtureFS(t)) }

func loadCalcsFS(t testing.TB, fsys fstest.MapFS) *Calculators {
	t.Helper()
	c, probs := Load(fsys, "calculators.yaml", Options{Rules: loadRulesFS(t, fsys), Languages: langs})
	if err := probs.Err(); err != nil {
		t.Fatalf("fixture calculators.yaml:\n%v", err)
	}
	return c
}

func loadCalcs(t testing.TB) *Calculators { return loadCalcsFS(t, fixtureFS(t)) }

func readVectors(t testing.TB) []Vector {
	t.Helper()
	vs, probs := ReadVectors("vectors.jsonl", fixtureFS(t)["vectors.jsonl"].Data)
	if err := probs.Err(); err != nil {
		t.Fatal(err)
	}
	return vs
}

func TestVectors(t *testing.T) {
	c := loadCalcs(t)
	src := fixtureFS(t)["vectors.jsonl"].Data
	if probs := c.CheckVectors("vectors.jsonl", src); probs.Failed(true) {
		t.Fatal(probs.Sorted())
	}
	seen := map[string]bool{}
	for _, v := range readVectors(t) {
		seen[v.ID] = true
	}
	for _, id := range c.IDs() {
		if !seen[id] {
			t.Errorf("no vector for calculator %s", id)
		}
	}
}

// A wrong example fails at its line; a change of rule value without an
// example on each side of it fails too.
func TestVectorProblems(t *testing.T) {
	c := loadCalcs(t)
	src := string(fixtureFS(t)["vectors.jsonl"].Data)
	bad := strings.Replace(src, `"advised":"2030-12-30"`, `"advised":"2030-12-31"`, 1)
	probs := c.CheckVectors("v.jsonl", []byte(bad))
	if ps := probs.Sorted(); len(ps) != 1 || !strings.Contains(ps[0].Error(), "v.jsonl:5:1: warning: calculator renew gives") || !probs.Failed(true) {
		t.Errorf("want one warning at v.jsonl:5:1, failing a strict build, got %v", ps)
	}
	var kept []string
	for _, l := range strings.Split(src, "\n") {
		if !strings.Contains(l, `"2032-01-31"`) {
			kept = append(kept, l)
		}
	}
	ps := c.CheckVectors("v.jsonl", []byte(strings.Join(kept, "\n"))).Sorted()
	if len(ps) != 1 || !strings.Contains(ps[0].Error(), "calculator asyl: g.eu changes on 2032-02-01; add an example with filed 2032-01-31") {
		t.Errorf("want a missing-side problem, got %v", ps)
	}
	if err := c.CheckVectors("v.jsonl", []byte("{\"id\":\"renew\"}\n")).Err(); err == nil || !strings.Contains(err.Error(), "v.jsonl:1:1:") {
		t.Errorf("want a shape problem, got %v", err)
	}
}

// The rule values are those of the rules date, and every result says their
// weakest status.
func TestEvaluateOnTheRulesDate(t *testing.T) {
	c := loadCalcs(t)
	before, _ := c.Evaluate("renew", map[string]any{"expiry": "2031-03-09"})
	after, _ := c.Evaluate("renew", map[string]any{"expiry": "2031-03-10"})
	if before["advised"] != "2030-11-29" || after["advised"] != "2030-12-30" {
		t.Errorf("advised: %v / %v", before["advised"], after["advised"])
	}
	st := after[StatusKey].(map[string]any)
	if st["advised"] != rules.StatusAdopted || st["last"] != rules.StatusReported || st["later"] != rules.StatusReported {
		t.Errorf("status %v", st)
	}
	if _, errs := c.Evaluate("asyl", map[string]any{"filed": "2011-12-31"}); len(errs) != 1 || errs[0] != (FieldError{"filed", CodeNoRule}) {
		t.Errorf("before any rule: %v", errs)
	}
}

// The contract other tools rely on: exact ids, rules dates, input and output names.
func TestContract(t *testing.T) {
	c := loadCalcs(t)
	want := map[string][3]string{
		"renew": {"expiry", "expiry", "last advised later"},
		"asyl":  {"filed", "filed", "work eu"},
		"loss":  {"", "job_end since", "until months"},
		"pick":  {"", "region issued expiry urgent", "latest first ends"},
	}
	if len(c.IDs()) != len(want) {
		t.Errorf("calculators: %v", c.IDs())
	}
	for id, w := range want {
		k, ok := c.Get(id)
		if !ok {
			t.Errorf("missing calculator %s", id)
			continue
		}
		var ins, outs []string
		for _, in := range k.Inputs {
			ins = append(ins, in.Name)
		}
		for _, o := range k.Outputs {
			outs = append(outs, o.Name)
		}
		if k.RulesAt != w[0] || strings.Join(ins, " ") != w[1] || strings.Join(outs, " ") != w[2] {
			t.Errorf("%s: rules_at %q inputs %v outputs %v, want %q", id, k.RulesAt, ins, outs, w)
		}
	}
	k, _ := c.Get("renew")
	if k.Outputs[0].Kind != KindDeadline || k.Outputs[1].Kind != KindAdvice || k.Outputs[2].Kind != KindInfo {
		t.Errorf("kinds %s %s %s", k.Outputs[0].Kind, k.Outputs[1].Kind, k.Outputs[2].Kind)
	}
	if k.Outputs[0].Sentence["en"] != "en-file by {value}" {
		t.Errorf("sentence %q", k.Outputs[0].Sentence["en"])
	}
}

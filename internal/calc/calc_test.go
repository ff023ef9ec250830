package calc

import (
	"bufio"
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"strings"
	"testing"

	"github.com/cire-asbl/fabrique/internal/rules"
)

var langs = []string{"fr", "nl", "en"}

func loadRules(t testing.TB) *rules.Set {
	t.Helper()
	s, probs := rules.Load(os.DirFS("../../data"), "rules", ruleOpts())
	if err := probs.Err(); err != nil {
		t.Fatal(err)
	}
	return s
}

func loadCalcs(t testing.TB) *Calculators {
	t.Helper()
	c, probs := Load(os.DirFS("../../data"), "calculators.yaml", calcOpts(loadRules(t)))
	if err := probs.Err(); err != nil {
		t.Fatalf("data/calculators.yaml:\n%v", err)
	}
	return c
}

type vector struct {
	Line   int            `json:"-"`
	ID     string         `json:"id"`
	In     map[string]any `json:"in"`
	Out    map[string]any `json:"out,omitempty"`
	Errors []FieldError   `json:"errors,omitempty"`
}

func readVectors(t testing.TB) []vector {
	t.Helper()
	f, err := os.Open("testdata/vectors.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var vs []vector
	sc := bufio.NewScanner(f)
	line := 0
	for sc.Scan() {
		line++
		text := strings.TrimSpace(sc.Text())
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		var v vector
		dec := json.NewDecoder(strings.NewReader(text))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&v); err != nil {
			t.Fatalf("vectors.jsonl:%d: %v", line, err)
		}
		v.Line = line
		vs = append(vs, v)
	}
	return vs
}

// canon makes Go and JS results comparable: JSON with sorted keys and
// numbers as JSON numbers.
func canon(t testing.TB, v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var x any
	d := json.NewDecoder(bytes.NewReader(b))
	d.UseNumber()
	if err := d.Decode(&x); err != nil {
		t.Fatal(err)
	}
	b, _ = json.Marshal(x)
	return string(b)
}

func goResult(c *Calculators, id string, in map[string]any) any {
	out, errs := c.Evaluate(id, in)
	if errs != nil {
		return map[string]any{"errors": errs}
	}
	return out
}

func TestVectors(t *testing.T) {
	c := loadCalcs(t)
	vs := readVectors(t)
	if len(vs) < 25 {
		t.Fatalf("only %d vectors", len(vs))
	}
	seen := map[string]bool{}
	for _, v := range vs {
		var want any = v.Out
		if v.Errors != nil {
			want = map[string]any{"errors": v.Errors}
		}
		if got := canon(t, goResult(c, v.ID, v.In)); got != canon(t, want) {
			t.Errorf("vectors.jsonl:%d: %s %v\n got %s\nwant %s", v.Line, v.ID, v.In, got, canon(t, want))
		}
		seen[v.ID] = true
	}
	for _, id := range c.IDs() {
		if !seen[id] {
			t.Errorf("no vector for calculator %s", id)
		}
	}
}

// The contract other tools rely on: exact ids, input and output names.
func TestContract(t *testing.T) {
	c := loadCalcs(t)
	want := map[string][2]string{
		"renewal":       {"expiry", "last_filing_day file_by_for_decision file_by"},
		"job-loss":      {"job_end permit_since", "search_until months"},
		"asylum-work":   {"filed", "work_from eu_latest"},
		"self-employed": {"region card_issued residence_expiry", "card_expiry_latest first_to_expire"},
		"processing":    {"filed stay_until", "decision_legal decision_observed stay_ends_first"},
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
		if strings.Join(ins, " ") != w[0] || strings.Join(outs, " ") != w[1] {
			t.Errorf("%s: inputs %v outputs %v, want %q → %q", id, ins, outs, w[0], w[1])
		}
	}
	k, _ := c.Get("self-employed")
	var opts []string
	for _, o := range k.Inputs[0].Options {
		opts = append(opts, o.Value)
	}
	if strings.Join(opts, "|") != "flanders|brussels|wallonia" {
		t.Errorf("region options %v", opts)
	}
}

var update = flag.Bool("update", false, "rewrite golden files")

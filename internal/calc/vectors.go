package calc

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/cire-asbl/fabrique/internal/diag"
)

// Vector is one worked example of a calculator (data/calculator-vectors.jsonl):
// the inputs and the expected results, or the expected errors.
type Vector struct {
	Line   int            `json:"-"`
	ID     string         `json:"id"`
	In     map[string]any `json:"in"`
	Out    map[string]any `json:"out,omitempty"`
	Errors []FieldError   `json:"errors,omitempty"`
}

// ReadVectors parses a vectors file: one JSON object a line; blank lines
// and lines starting with # are skipped. Problems carry path:line.
func ReadVectors(path string, src []byte) ([]Vector, *diag.List) {
	probs := &diag.List{}
	var vs []Vector
	sc := bufio.NewScanner(bytes.NewReader(src))
	sc.Buffer(make([]byte, 1<<16), 1<<20)
	line := 0
	for sc.Scan() {
		line++
		text := strings.TrimSpace(sc.Text())
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		var v Vector
		dec := json.NewDecoder(strings.NewReader(text))
		dec.DisallowUnknownFields()
		dec.UseNumber()
		if err := dec.Decode(&v); err != nil {
			probs.Errorf(path, line, 1, "not a vector (want {\"id\": …, \"in\": {…}, \"out\": {…}} or \"errors\"): %v", err)
			continue
		}
		if (v.Out == nil) == (v.Errors == nil) {
			probs.Errorf(path, line, 1, "a vector has either out (the results) or errors, not both or neither")
			continue
		}
		v.Line = line
		vs = append(vs, v)
	}
	if err := sc.Err(); err != nil {
		probs.Errorf(path, line+1, 1, "%v", err)
	}
	return vs, probs
}

// Canon is the comparable form of a result or an expected result: JSON with
// sorted keys, numbers as written.
func Canon(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprintf("%#v", v)
	}
	var x any
	d := json.NewDecoder(bytes.NewReader(b))
	d.UseNumber()
	if d.Decode(&x) != nil {
		return string(b)
	}
	b, _ = json.Marshal(x)
	return string(b)
}

// Result runs one vector through Go: the results, or {"errors": …}.
func (c *Calculators) Result(v Vector) any {
	in := map[string]any{}
	for k, x := range v.In {
		if n, ok := x.(json.Number); ok { // a number where a date is wanted
			in[k] = n.String()
			if i, err := n.Int64(); err == nil {
				in[k] = int(i)
			}
			continue
		}
		in[k] = x
	}
	out, errs := c.Evaluate(v.ID, in)
	if errs != nil {
		return map[string]any{"errors": errs}
	}
	return out
}

// Want is what a vector expects, in the shape Result returns.
func (v Vector) Want() any {
	if v.Errors != nil {
		return map[string]any{"errors": v.Errors}
	}
	return v.Out
}

// CheckVectors runs every vector of the file at path through the
// calculators and reports each whose result differs, at its line, and every
// change of rule value (applies_from) that a calculator with rules_at meets
// without a vector on the day before and on the day itself. Both are
// warnings (errors under -strict, as CI builds): an editor who changes a
// value in data/rules sees at once which examples to recompute. A line that
// is not a vector is an error.
func (c *Calculators) CheckVectors(path string, src []byte) *diag.List {
	vs, probs := ReadVectors(path, src)
	seen := map[string]map[string]bool{} // calculator → rules date → vector
	for _, v := range vs {
		got, want := Canon(c.Result(v)), Canon(v.Want())
		if got != want {
			probs.Warnf(path, v.Line, 1, "calculator %s gives %s, the example says %s: fix the example or the data", v.ID, got, want)
		}
		if k, ok := c.calcs[v.ID]; ok && k.RulesAt != "" {
			if d, ok := v.In[k.RulesAt].(string); ok {
				if seen[v.ID] == nil {
					seen[v.ID] = map[string]bool{}
				}
				seen[v.ID][d] = true
			}
		}
	}
	for _, id := range c.ids {
		k := c.calcs[id]
		if k.RulesAt == "" {
			continue
		}
		for _, rid := range k.Rules {
			p, _ := c.rules.Lookup(rid)
			for _, val := range p.Values {
				if !val.AppliesFrom.Valid() {
					continue
				}
				for _, d := range []string{val.AppliesFrom.AddDays(-1).String(), val.AppliesFrom.String()} {
					if !seen[id][d] {
						probs.Warnf(path, 0, 0, "calculator %s: %s changes on %s; add an example with %s %s (both sides of the change are shown)", id, rid, val.AppliesFrom, k.RulesAt, d)
					}
				}
			}
		}
	}
	return probs
}

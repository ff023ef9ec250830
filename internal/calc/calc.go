package calc

import (
	"fmt"

	"github.com/cire-asbl/fabrique/internal/rules"
)

// FieldError names an invalid input (or "" for the calculator itself) and a
// stable code; the interface text for codes lives in data/calculators.yaml.
type FieldError struct {
	Field string `json:"field"`
	Code  string `json:"code"`
}

// Evaluate runs calculator id on inputs: dates as "YYYY-MM-DD" strings,
// choices as strings, flags as booleans. It returns the outputs (dates as
// "YYYY-MM-DD" strings, numbers as int, booleans, strings) and, under
// StatusKey, the legal status of the rule values each output was computed
// from; or the field errors — never both. The rule values are those that
// apply on the calculator's rules date (its rules_at input, else asOf);
// when a rule has none then, the error is CodeNoRule on that input. The generated JavaScript gives the same answers for
// the same inputs (the differential test proves it).
func (c *Calculators) Evaluate(id string, inputs map[string]any) (map[string]any, []FieldError) {
	k, ok := c.calcs[id]
	if !ok {
		return nil, []FieldError{{Field: "", Code: CodeUnknown}}
	}
	env := map[string]any{}
	var errs []FieldError
	for _, in := range k.Inputs {
		v, code := validate(in, inputs[in.Name])
		if code != "" {
			errs = append(errs, FieldError{in.Name, code})
			continue
		}
		env[in.Name] = v
	}
	if len(errs) > 0 {
		return nil, errs
	}
	for _, chk := range k.Checks {
		if eval(chk.When, env).(bool) {
			errs = append(errs, FieldError{chk.Field, chk.Code})
		}
	}
	if len(errs) > 0 {
		return nil, errs
	}
	// The rule values are those that apply on the calculator's rules date.
	at := c.rules.AsOf()
	if k.RulesAt != "" {
		at = env[k.RulesAt].(rules.Date)
	}
	for _, id := range k.Rules {
		v, ok := c.rules.ValueAt(id, at)
		if !ok {
			return nil, []FieldError{{Field: k.RulesAt, Code: CodeNoRule}}
		}
		env["@"+id] = v
	}
	for _, l := range k.Lets {
		env[l.Name] = eval(l.Expr, env)
	}
	out := map[string]any{}
	status := map[string]any{}
	for _, o := range k.Outputs {
		v := eval(o.Expr, env)
		env[o.Name] = v
		if d, ok := v.(rules.Date); ok {
			out[o.Name] = d.String()
		} else {
			out[o.Name] = v
		}
		if len(o.Rules) > 0 {
			st := ""
			for _, id := range o.Rules {
				if vs := env["@"+id].(rules.Value).Status; st == "" || rules.Weaker(vs, st) {
					st = vs
				}
			}
			status[o.Name] = st
		}
	}
	if len(status) > 0 {
		out[StatusKey] = status
	}
	return out, nil
}

// validate checks one raw input, in the same order as the generated JS:
// presence, type, format, existence of the day, year range.
func validate(in *Input, raw any) (any, string) {
	switch in.Type {
	case TypeDate:
		if raw == nil || raw == "" {
			return nil, CodeRequired
		}
		s, ok := raw.(string)
		if !ok || len(s) != 10 {
			return nil, CodeInvalid
		}
		for i := 0; i < 10; i++ {
			if (i == 4 || i == 7) != (s[i] == '-') || (s[i] != '-' && (s[i] < '0' || s[i] > '9')) {
				return nil, CodeInvalid
			}
		}
		y := int(s[0]-'0')*1000 + int(s[1]-'0')*100 + int(s[2]-'0')*10 + int(s[3]-'0')
		m := int(s[5]-'0')*10 + int(s[6]-'0')
		d := int(s[8]-'0')*10 + int(s[9]-'0')
		if m < 1 || m > 12 || d < 1 || d > rules.DaysIn(y, m) {
			return nil, CodeInvalid
		}
		if y < MinInputYear || y > MaxInputYear {
			return nil, CodeOutOfRange
		}
		return rules.Date{Year: y, Month: m, Day: d}, ""
	case TypeChoice:
		if raw == nil || raw == "" {
			return nil, CodeRequired
		}
		s, ok := raw.(string)
		if !ok {
			return nil, CodeInvalid
		}
		for _, o := range in.Options {
			if o.Value == s {
				return s, ""
			}
		}
		return nil, CodeInvalid
	case TypeFlag:
		if raw == nil {
			return false, ""
		}
		b, ok := raw.(bool)
		if !ok {
			return nil, CodeInvalid
		}
		return b, ""
	}
	panic(fmt.Sprintf("calc: input type %q passed Load", in.Type))
}

package rules

import "sort"

// Change is one dated change of a parameter: the value before, the value
// after, and from when the new one applies. The "what changed and when"
// page lists them.
type Change struct {
	ID       string
	From     Date // when the new value applies
	Old, New Value
}

// Changes returns every change of every parameter, newest first (ties by
// id): each value after a parameter's first one is a change from the value
// before it. A first value is not a change: the site knows no earlier one.
func (s *Set) Changes() []Change {
	var out []Change
	for _, id := range s.ids {
		p := s.params[id]
		for i := 1; i < len(p.Values); i++ {
			out = append(out, Change{ID: id, From: p.Values[i].From(), Old: p.Values[i-1], New: p.Values[i]})
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if c := out[i].From.Compare(out[j].From); c != 0 {
			return c > 0
		}
		return out[i].ID < out[j].ID
	})
	return out
}

// ValueAt returns the value of id that applies on d (see Param.At).
func (s *Set) ValueAt(id string, d Date) (Value, bool) {
	p, ok := s.Lookup(id)
	if !ok {
		return Value{}, false
	}
	return p.At(d)
}

package yamlpos

import (
	"testing"

	"github.com/cire-asbl/fabrique/internal/diag"
)

func TestParsePositions(t *testing.T) {
	src := []byte("a:\n  b: \"x\"\n  2025-12-01: 3\n  n: null\nlist:\n  - one\n  - two\n")
	var probs diag.List
	n := Parse("f.yaml", src, &probs)
	if probs.Failed(false) {
		t.Fatal(probs.Err())
	}
	b := n.Get("a").Get("b")
	if b.Value != "x" || !b.Quoted || b.Line != 2 || b.Col != 6 {
		t.Errorf("b = %+v", b)
	}
	k := n.Get("a").KeyNode("2025-12-01")
	if k == nil || k.Line != 3 || k.Col != 3 {
		t.Errorf("date key = %+v", k)
	}
	if v := n.Get("a").Get("2025-12-01"); v.Value != "3" || v.Quoted {
		t.Errorf("int = %+v", v)
	}
	if n.Get("a").Get("n").Kind != Null {
		t.Error("null not Null")
	}
	l := n.Get("list")
	if l.Kind != Seq || len(l.Vals) != 2 || l.Vals[1].Value != "two" || l.Vals[1].Line != 7 {
		t.Errorf("list = %+v", l)
	}
}

func TestParseProblems(t *testing.T) {
	for _, tc := range []struct {
		src  string
		want string
	}{
		{"a: 1\na: 2\n", "f.yaml:2:1: "},
		{"a: [1\n", "f.yaml:"},
	} {
		var probs diag.List
		Parse("f.yaml", []byte(tc.src), &probs)
		ps := probs.Sorted()
		if len(ps) == 0 {
			t.Errorf("%q: no problem", tc.src)
			continue
		}
		if got := ps[0].Error(); len(got) < len(tc.want) || got[:len(tc.want)] != tc.want {
			t.Errorf("%q: got %q want prefix %q", tc.src, got, tc.want)
		}
	}
}

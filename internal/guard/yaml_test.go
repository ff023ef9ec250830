package guard

import "testing"

func TestCheck(t *testing.T) {
	for _, tc := range []struct {
		src       string
		line, col int // 0: accepted
	}{
		{"a: b\n", 0, 0},
		{"a: \"*quoted\"\nb: 'x & y'\nc: a * b & c\n", 0, 0},
		{"a: &x 1\n", 1, 4},
		{"a: 1\nb: *x\n", 2, 4},
		{"a:\n  - x\n  - &y [1]\n", 3, 5},
	} {
		p := YAML("f.yaml", 10, []byte(tc.src))
		switch {
		case tc.line == 0 && p != nil:
			t.Errorf("%q: refused: %v", tc.src, p)
		case tc.line != 0 && (p == nil || p.Line != tc.line+10 || p.Col != tc.col):
			t.Errorf("%q: got %v, want %d:%d", tc.src, p, tc.line+10, tc.col)
		}
	}
}

func TestText(t *testing.T) {
	for _, tc := range []struct {
		src       string
		line, col int // 0: accepted
	}{
		{"a\tb\r\nc é « » \u200f ok\n", 0, 0},
		{"\ufeff---\n", 0, 0},
		{"ab\x01", 1, 3},
		{"a\nb\x7f", 2, 2},
		{"é\n\xffx", 2, 1},
		{"x\u0085", 1, 2},
		{"ok\n\xe2\x82", 2, 1},
	} {
		p := Text("f", []byte(tc.src))
		switch {
		case tc.line == 0 && p != nil:
			t.Errorf("%q: refused: %v", tc.src, p)
		case tc.line != 0 && (p == nil || p.Line != tc.line || p.Col != tc.col):
			t.Errorf("%q: got %v, want %d:%d", tc.src, p, tc.line, tc.col)
		}
	}
}

func TestSize(t *testing.T) {
	if p := Size("f", make([]byte, MaxFileBytes)); p != nil {
		t.Errorf("refused at the limit: %v", p)
	}
	if p := Size("f", make([]byte, MaxFileBytes+1)); p == nil || p.Line != 1 {
		t.Errorf("accepted over the limit: %v", p)
	}
}

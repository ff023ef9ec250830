package diag

import (
	"strings"
	"testing"
)

func TestListSortsDedupsAndCounts(t *testing.T) {
	var l List
	l.Errorf("b.md", 2, 1, "second")
	l.Warnf("a.md", 0, 0, "warn")
	l.Errorf("b.md", 1, 5, "first")
	l.Errorf("b.md", 1, 5, "first")
	got := l.Sorted()
	want := []string{"a.md: warning: warn", "b.md:1:5: first", "b.md:2:1: second"}
	if len(got) != len(want) {
		t.Fatalf("got %v", got)
	}
	for i := range want {
		if got[i].Error() != want[i] {
			t.Errorf("%d: %q, want %q", i, got[i].Error(), want[i])
		}
	}
	if l.Failed(false) != true || (&List{}).Failed(true) {
		t.Error("Failed")
	}
	var w List
	w.Warnf("a", 1, 1, "w")
	if w.Failed(false) || !w.Failed(true) || w.Err() != nil {
		t.Error("warnings fail only strict builds")
	}
	if err := l.Err(); err == nil || !strings.Contains(err.Error(), "b.md:2:1: second") {
		t.Errorf("Err = %v", err)
	}
}

func TestLineCol(t *testing.T) {
	src := []byte("ab\nçd\n")
	for _, tt := range []struct{ off, line, col int }{{0, 1, 1}, {2, 1, 3}, {3, 2, 1}, {5, 2, 2}, {99, 3, 1}} {
		if l, c := LineCol(src, tt.off); l != tt.line || c != tt.col {
			t.Errorf("LineCol(%d) = %d:%d, want %d:%d", tt.off, l, c, tt.line, tt.col)
		}
	}
}

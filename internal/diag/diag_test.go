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

func TestUntranslatedNeverFails(t *testing.T) {
	var l List
	l.Untranslatedf("data/x.yaml", 3, 5, "a.title: not translated into %q yet", "ar")
	if l.Failed(true) {
		t.Error("a text to translate fails a strict build: adding a language would turn CI red until every text is translated")
	}
	if e, w := l.Count(); e+w != 0 || l.Untranslated() != 1 {
		t.Errorf("Count = %d, %d; Untranslated = %d; want 0, 0, 1", e, w, l.Untranslated())
	}
	if got, want := l.Sorted()[0].Error(), `data/x.yaml:3:5: to translate: a.title: not translated into "ar" yet`; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	l.Warnf("data/x.yaml", 4, 1, "a real mistake")
	if !l.Failed(true) || l.Failed(false) {
		t.Error("a warning beside texts to translate must still fail a strict build, and only a strict one")
	}
}

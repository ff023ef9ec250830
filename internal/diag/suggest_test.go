package diag

import "testing"

func TestDidYouMean(t *testing.T) {
	known := []string{"description", "glossary", "renewal-notice", "title", "key"}
	for _, tt := range []struct{ word, want string }{
		{"descripton", "description"},
		{"glosary", "glossary"},
		{"renewal-notise", "renewal-notice"},
		{"titel", "title"},
		{"kye", "key"},
		{"colour", ""},
		{"title", ""},
	} {
		if got := Nearest(tt.word, known); got != tt.want {
			t.Errorf("Nearest(%q) = %q, want %q", tt.word, got, tt.want)
		}
	}
	if got := DidYouMean("descripton", known); got != ` (did you mean "description"?)` {
		t.Errorf("DidYouMean = %q", got)
	}
}

func FuzzDistance(f *testing.F) {
	f.Add("kitten", "sitting")
	f.Fuzz(func(t *testing.T, a, b string) {
		if d := distance(a, b); d != distance(b, a) || d < 0 || (a == b) != (d == 0) {
			t.Fatalf("distance(%q, %q) = %d", a, b, d)
		}
	})
}

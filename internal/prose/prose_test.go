package prose

import (
	"reflect"
	"testing"
)

// FuzzCopiedMarkdown holds CopiedMarkdown to Copied(StripMarkup(text)),
// with every run of the stripped text banned so that each one is compared.
func FuzzCopiedMarkdown(f *testing.F) {
	for _, s := range []string{
		"un deux trois quatre cinq six sept huit neuf [@key, p. 5] dix onze douze treize quatorze",
		"a b c d e f g h [lien](ref:x) i j k l m n o p\nq r s t u v w x y z",
		"x [@a\nb] y z ](\n) w v u t s r q p o n m l k j i h g f e d c b a",
		"é è ê à ù û ç ô œ æ · • \u00ad [@k] ](ref:y) un deux trois quatre cinq six sept huit",
		"\xe0[@k] a b c d e f g h i j",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		stripped := StripMarkup(text)
		banned := NewHashSet(Shingles(stripped)...)
		want := Copied(stripped, banned, nil)
		got := CopiedMarkdown(text, banned, nil)
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("CopiedMarkdown(%q) = %v, want %v", text, got, want)
		}
	})
}

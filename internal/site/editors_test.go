package site

import (
	"strings"
	"testing"
	"testing/fstest"
)

// A duration typed by hand is a positioned warning, and fails -strict.
func TestTypedFigureFailsStrict(t *testing.T) {
	m := repoFS(t)
	m["content/fr/essai.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Essai\n---\nIl faut\nau moins deux mois avant.\n")}
	res := Generate(m, Options{})
	if res.Failed(false) {
		t.Fatalf("a warning failed a normal build: %v", res.Problems.Err())
	}
	var found string
	for _, p := range res.Problems.Sorted() {
		if p.Path == "content/fr/essai.md" && strings.Contains(p.Msg, `"deux mois"`) {
			found = p.Error()
		}
	}
	if !strings.HasPrefix(found, "content/fr/essai.md:5:10: warning:") || !strings.Contains(found, "{rule:") {
		t.Fatalf("no positioned warning for \"deux mois\": %q\n%v", found, res.Problems.Sorted())
	}
	if !Generate(m, Options{Strict: true}).Failed(true) {
		t.Fatal("-strict passed with a typed duration")
	}
}

// A French page alone passes -strict: missing translations are notes.
func TestUntranslatedPagePassesStrict(t *testing.T) {
	m := repoFS(t)
	m["content/fr/seule.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Seule\n---\nUne page sans traduction.\n")}
	res := Generate(m, Options{Strict: true})
	if res.Failed(true) {
		t.Fatalf("-strict failed: %v", res.Problems.Sorted())
	}
	notes := 0
	for _, p := range res.Problems.Sorted() {
		if strings.Contains(p.Msg, `page "seule"`) && strings.Contains(p.Error(), "note:") {
			notes++
		}
	}
	if notes != 2 {
		t.Fatalf("want a note for nl and en, got %d: %v", notes, res.Problems.Sorted())
	}
	if _, ok := res.Files["fr/seule/index.html"]; !ok {
		t.Fatal("the page was not built")
	}
}

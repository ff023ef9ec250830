package search

import (
	"testing"
	"testing/fstest"
)

// TestLoadDataPlacesProblems: an editor's mistake in a synonyms file is
// reported at its line and column, all at once.
func TestLoadDataPlacesProblems(t *testing.T) {
	fsys := fstest.MapFS{"data/search/fr.yaml": {Data: []byte(`# synonyms
synonyms:
  - [emploi, travail]
  - [seul]
  - [papiers, "  "]
stopwords: [le]
`)}}
	_, ps := LoadData(fsys, "fr")
	got := ps.Sorted()
	want := []string{
		`data/search/fr.yaml:4:5: synonyms: this group has 1 member(s)`,
		`data/search/fr.yaml:5:15: synonyms: "  " has no letter or digit to search for`,
	}
	if len(got) != len(want) {
		t.Fatalf("got %d problems, want %d: %v", len(got), len(want), got)
	}
	for i, w := range want {
		if g := got[i].Error(); len(g) < len(w) || g[:len(w)] != w {
			t.Errorf("problem %d = %q, want prefix %q", i, g, w)
		}
	}
}

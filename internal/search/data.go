package search

import (
	"io/fs"
	"path"

	"github.com/cire-asbl/fabrique/internal/diag"
	"github.com/cire-asbl/fabrique/internal/yamlpos"
)

// DataDir is where each language's search data lives: {DataDir}/{lang}.yaml.
const DataDir = "data/search"

// Data is what editors keep per language in data/search/{lang}.yaml:
//
//	synonyms:            # each line: words or phrases that find each other
//	  - [emploi, travail, job, boulot]
//	  - [papiers, titre de séjour]
//	stopwords: [le, la, de]   # too common to search for
type Data struct {
	Synonyms  [][]string `yaml:"synonyms"`
	Stopwords []string   `yaml:"stopwords"`
}

// LoadData reads lang's search data; a missing file is no synonyms and no
// stopwords. Problems carry path:line:col.
func LoadData(fsys fs.FS, lang string) (Data, *diag.List) {
	problems := &diag.List{}
	p := path.Join(DataDir, lang+".yaml")
	src, err := fs.ReadFile(fsys, p)
	if err != nil {
		return Data{}, problems
	}
	// Decoded by yamlpos like every data file: unknown keys with "did you
	// mean", every problem at its line:col, all at once.
	var y struct {
		Synonyms  []*yamlpos.Node `yaml:"synonyms"` // each a list of members
		Stopwords []string        `yaml:"stopwords"`
	}
	dec := &yamlpos.Decoder{Path: p, Probs: problems}
	root := yamlpos.Parse(p, src, problems)
	if root == nil {
		return Data{}, problems
	}
	dec.Decode(root, &y)
	d := Data{Stopwords: y.Stopwords}
	for _, g := range y.Synonyms {
		var members []string
		dec.Decode(g, &members)
		if len(members) < 2 {
			problems.Errorf(p, g.Line, g.Col, "synonyms: this group has %d member(s): a group needs at least two words or phrases that find each other (add one, or delete the line)", len(members))
		}
		for j, m := range members {
			if len(Normalize(m)) == 0 {
				at := g.Vals[j]
				problems.Errorf(p, at.Line, at.Col, "synonyms: %q has no letter or digit to search for: remove it", m)
			}
		}
		d.Synonyms = append(d.Synonyms, members)
	}
	return d, problems
}

package search

import (
	"io/fs"
	"path"

	"github.com/cire-asbl/fabrique/internal/diag"
	"github.com/goccy/go-yaml"
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
	var d Data
	if err := yaml.UnmarshalWithOptions(src, &d, yaml.DisallowUnknownField()); err != nil {
		problems.Add(diag.FromYAML(p, 0, err))
		return Data{}, problems
	}
	for i, g := range d.Synonyms {
		if len(g) < 2 {
			problems.Errorf(p, 0, 0, "synonyms: group %d has %d member(s): a group needs at least two words or phrases that find each other", i+1, len(g))
		}
		for _, m := range g {
			if len(Normalize(m)) == 0 {
				problems.Errorf(p, 0, 0, "synonyms: group %d has an empty member %q", i+1, m)
			}
		}
	}
	return d, problems
}

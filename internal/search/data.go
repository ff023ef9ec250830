package search

import (
	"fmt"
	"io/fs"
	"path"

	"github.com/cire-asbl/fabrique/internal/diag"
	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
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
	var file *ast.File // parsed only when there is a problem to place
	at := func(yp string) (int, int) {
		if file == nil {
			if file, err = parser.ParseBytes(src, 0); err != nil {
				return 0, 0
			}
		}
		pp, err := yaml.PathString(yp)
		if err != nil {
			return 0, 0
		}
		n, err := pp.FilterFile(file)
		if err != nil || n == nil || n.GetToken() == nil || n.GetToken().Position == nil {
			return 0, 0
		}
		return n.GetToken().Position.Line, n.GetToken().Position.Column
	}
	for i, g := range d.Synonyms {
		if len(g) < 2 {
			line, col := at(fmt.Sprintf("$.synonyms[%d]", i))
			problems.Errorf(p, line, col, "synonyms: this group has %d member(s): a group needs at least two words or phrases that find each other (add one, or delete the line)", len(g))
		}
		for j, m := range g {
			if len(Normalize(m)) == 0 {
				line, col := at(fmt.Sprintf("$.synonyms[%d][%d]", i, j))
				problems.Errorf(p, line, col, "synonyms: %q has no letter or digit to search for: remove it", m)
			}
		}
	}
	return d, problems
}

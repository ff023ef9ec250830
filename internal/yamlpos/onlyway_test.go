package yamlpos_test

import (
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// Every data file and the front matter's slow path are read through this
// package: no other package of the module imports the YAML library, except
// guard (which tokenizes to refuse anchors before any parser runs), diag
// (which words the library's errors) and guide's diagram writer (which
// writes YAML, never reads it). The sources are read from disk, so the go
// test cache reruns this whenever one changes.
func TestOnlyWayToReadYAML(t *testing.T) {
	allowed := map[string]bool{"internal/yamlpos": true, "internal/guard": true, "internal/diag": true, "internal/guide": true}
	root := filepath.Join("..", "..")
	n := 0
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && p != root && (d.Name() == "node_modules" || d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".")) {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
			return nil
		}
		n++
		f, err := parser.ParseFile(token.NewFileSet(), p, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, filepath.Dir(p))
		for _, imp := range f.Imports {
			path, _ := strconv.Unquote(imp.Path.Value)
			if strings.HasPrefix(path, "github.com/goccy/go-yaml") && !allowed[filepath.ToSlash(rel)] {
				t.Errorf("%s imports %s: read YAML with internal/yamlpos", p, path)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n < 50 {
		t.Fatalf("found %d Go files under %s", n, root)
	}
}

package memfs

import (
	"io/fs"
	"testing"
	"testing/fstest"
)

func TestFS(t *testing.T) {
	m := FS{
		"site.toml":           {Data: []byte("title = 'x'")},
		"content/fr/index.md": {Data: []byte("---\ntitle: a\n---\n")},
		"content/fr/b/c.md":   {Data: []byte("c")},
		"data/link.yaml":      {Data: []byte("elsewhere"), Mode: fs.ModeSymlink | 0o777},
	}
	if err := fstest.TestFS(m, "site.toml", "content/fr/index.md", "content/fr/b/c.md", "data/link.yaml"); err != nil {
		t.Fatal(err)
	}
	// A link is reported as one by the walk the build's guard uses.
	var links []string
	_ = fs.WalkDir(m, ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.Type()&fs.ModeSymlink != 0 {
			links = append(links, p)
		}
		return nil
	})
	if len(links) != 1 || links[0] != "data/link.yaml" {
		t.Errorf("links = %v, want [data/link.yaml]", links)
	}
	if _, err := m.ReadFile("content"); err == nil {
		t.Error("ReadFile of a folder: no error")
	}
	if _, err := fs.Stat(m, "nothing"); err == nil {
		t.Error("Stat of a missing path: no error")
	}
	if _, err := fs.Stat(FS{}, "."); err != nil {
		t.Errorf("the empty FS has no root: %v", err)
	}
}

package srcdir

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
)

// ReadFile must give what os.DirFS gives: the bytes of every file (empty,
// small, larger than a page, larger than the first buffer), an error for
// a folder, a missing file and a name os.DirFS refuses; and the FS passes
// fstest.TestFS like os.DirFS.
func TestReadFileAsDirFS(t *testing.T) {
	root := t.TempDir()
	files := map[string]string{
		"empty.md":          "",
		"a.md":              "---\ntitle: A\n---\nbody\n",
		"content/fr/big.md": strings.Repeat("é", 40000),
		"data/x.yaml":       "k: v",
	}
	for name, text := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, ref := New(root), os.DirFS(root)
	for name, want := range files {
		b, err := fs.ReadFile(got, name)
		if err != nil || string(b) != want {
			t.Errorf("ReadFile(%q) = %d bytes, %v; want %d bytes", name, len(b), err, len(want))
		}
	}
	for _, name := range []string{"content", "missing.md", "../a.md", "/a.md", "content/../a.md", ""} {
		_, err := fs.ReadFile(got, name)
		_, refErr := fs.ReadFile(ref, name)
		var pe *fs.PathError
		if (err == nil) != (refErr == nil) || err != nil && !errors.As(err, &pe) {
			t.Errorf("ReadFile(%q): error %v, os.DirFS's %v", name, err, refErr)
		}
		if errors.Is(refErr, fs.ErrNotExist) != errors.Is(err, fs.ErrNotExist) {
			t.Errorf("ReadFile(%q): not-exist %v, os.DirFS's %v", name, err, refErr)
		}
	}
	if err := fstest.TestFS(got, "a.md", "content/fr/big.md", "data/x.yaml"); err != nil {
		t.Error(err)
	}
}

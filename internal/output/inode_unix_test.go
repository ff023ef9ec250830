//go:build unix

package output

import (
	"os"
	"path/filepath"
	"testing"
)

// A recycled folder is written in place; what other people's files share
// with it — through a symlink or a hard link — must not change.
func TestRecycledFolderDoesNotWriteThroughLinks(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "public")
	outside := t.TempDir()
	secret, snapshot := filepath.Join(outside, "secret"), filepath.Join(outside, "snapshot")
	must(0, os.WriteFile(secret, []byte("secret"), 0o644))

	for _, files := range []Files{
		{"a.txt": []byte("old a"), "b.txt": []byte("old b")},
		{"a.txt": []byte("B a"), "b.txt": []byte("B b")},
	} {
		if err := Write(dir, files); err != nil {
			t.Fatal(err)
		}
	}
	// The spare (the first build's output) is what the next build rewrites.
	spare := filepath.Join(parent, ".public.spare")
	must(0, os.Remove(filepath.Join(spare, "a.txt")))
	must(0, os.Symlink(secret, filepath.Join(spare, "a.txt")))
	must(0, os.Link(filepath.Join(spare, "b.txt"), snapshot))

	want := Files{"a.txt": []byte("new a"), "b.txt": []byte("new b")}
	if err := Write(dir, want); err != nil {
		t.Fatal(err)
	}
	if got := readTree(t, dir); !Equal(got, want) {
		t.Errorf("output = %q", got)
	}
	if fi, err := os.Lstat(filepath.Join(dir, "a.txt")); err != nil || !fi.Mode().IsRegular() {
		t.Errorf("a.txt is not a regular file: %v %v", fi, err)
	}
	for p, want := range map[string]string{secret: "secret", snapshot: "old b"} {
		if b, _ := os.ReadFile(p); string(b) != want {
			t.Errorf("%s was written through the output: %q, want %q", filepath.Base(p), b, want)
		}
	}
}

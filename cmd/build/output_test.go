package main

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// tinySite writes a two-page site with the real theme under dir/site.
func tinySite(t *testing.T, dir string) string {
	t.Helper()
	src := filepath.Join(dir, "site")
	files := map[string]string{
		"site.toml": "title = \"T\"\nbaseURL = \"https://example.org/\"\ndefaultLanguage = \"fr\"\nasOf = \"2025-12-01\"\n" +
			"[[languages]]\ncode = \"fr\"\nname = \"Français\"\n",
		"content/fr/index.md": "---\ntitle: Accueil\nkey: home\n---\nBonjour.\n",
		"content/fr/autre.md": "---\ntitle: Autre\nkey: autre\n---\nAutre page.\n",
		".git/HEAD":           "ref: refs/heads/main\n",
	}
	for name, data := range files {
		p := filepath.Join(src, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.CopyFS(filepath.Join(src, "themes"), os.DirFS("../../themes")); err != nil {
		t.Fatal(err)
	}
	return src
}

// tree maps every path under dir to its bytes (files), its target
// (symlinks) or "/" (folders).
func tree(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		switch {
		case d.Type()&fs.ModeSymlink != 0:
			target, err := os.Readlink(p)
			out[rel] = "-> " + target
			return err
		case d.IsDir():
			out[rel] = "/"
		default:
			b, err := os.ReadFile(p)
			out[rel] = string(b)
			return err
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// The data-loss cases: an -o that is not a previous build is
// refused with exit 2 and a sentence, twice in a row, and every byte that
// was there before is still there.
func TestOutputFolderRefused(t *testing.T) {
	for _, tc := range []struct {
		name, out, want string
	}{
		{"user folder", "d", "not written by this build"},
		{"source root", "site", "is the site's source folder"},
		{"content/fr", "site/content/fr", "overlaps the input folder"},
		{"a file", "site/site.toml", "is a file"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			src := tinySite(t, dir)
			if err := os.MkdirAll(filepath.Join(dir, "d"), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, "d", "t.txt"), []byte("thesis"), 0o644); err != nil {
				t.Fatal(err)
			}
			before := tree(t, dir)
			for i := range 2 {
				var stdout, stderr strings.Builder
				code := run([]string{"-src", src, "-o", filepath.Join(dir, tc.out)}, &stdout, &stderr)
				if code != 2 || !strings.Contains(stderr.String(), tc.want) {
					t.Fatalf("build %d: exit %d, stderr %q; want exit 2 saying %q", i, code, stderr.String(), tc.want)
				}
			}
			same(t, before, tree(t, dir))
		})
	}
}

func same(t *testing.T, before, after map[string]string) {
	t.Helper()
	for k, v := range before {
		if after[k] != v {
			t.Errorf("%s changed: %.40q, was %.40q", k, after[k], v)
		}
	}
	for k := range after {
		if _, ok := before[k]; !ok {
			t.Errorf("%s appeared", k)
		}
	}
}

// A symlinked -o is written through: the link stays, the folder it names
// holds the site; the user's files next to it are untouched.
func TestOutputSymlink(t *testing.T) {
	dir := t.TempDir()
	src := tinySite(t, dir)
	deploy := filepath.Join(dir, "deploy")
	if err := os.MkdirAll(deploy, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "keep.txt"), []byte("keep"), 0o644); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "public")
	if err := os.Symlink(deploy, link); err != nil {
		t.Fatal(err)
	}
	before := tree(t, src)
	for i := range 3 {
		var stdout, stderr strings.Builder
		if code := run([]string{"-src", src, "-o", link}, &stdout, &stderr); code != 0 {
			t.Fatalf("build %d: exit %d: %s", i, code, stderr.String())
		}
		if fi, err := os.Lstat(link); err != nil || fi.Mode()&fs.ModeSymlink == 0 {
			t.Fatalf("build %d: the symlink was replaced", i)
		}
		if _, err := os.Stat(filepath.Join(deploy, "fr", "autre", "index.html")); err != nil {
			t.Fatalf("build %d: the target was not written: %v", i, err)
		}
	}
	same(t, before, tree(t, src))
	if b, _ := os.ReadFile(filepath.Join(dir, "keep.txt")); string(b) != "keep" {
		t.Error("keep.txt changed")
	}
}

// Two builds at once into one folder: each either builds or exits with the
// lock message; the output is a complete build, the source untouched.
func TestOutputConcurrent(t *testing.T) {
	dir := t.TempDir()
	src := tinySite(t, dir)
	out := filepath.Join(dir, "public")
	before := tree(t, src)
	var wg sync.WaitGroup
	codes := make([]int, 4)
	msgs := make([]string, 4)
	for i := range codes {
		wg.Go(func() {
			var stdout, stderr strings.Builder
			codes[i] = run([]string{"-src", src, "-o", out}, &stdout, &stderr)
			msgs[i] = stderr.String()
		})
	}
	wg.Wait()
	ok := 0
	for i, c := range codes {
		switch {
		case c == 0:
			ok++
		case c == 2 && strings.Contains(msgs[i], "another build is writing"):
		default:
			t.Errorf("build %d: exit %d: %s", i, c, msgs[i])
		}
	}
	if ok == 0 {
		t.Error("no build succeeded")
	}
	same(t, before, tree(t, src))
	if _, err := os.Stat(filepath.Join(out, "fr", "autre", "index.html")); err != nil {
		t.Error(err)
	}
}

package output

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// An output folder that is not a previous build, or that holds or is held
// by what the build reads, is refused before anything is written — twice in
// a row, so a first build's spare cannot become the second build's victim.
func TestStageRefuses(t *testing.T) {
	for _, tc := range []struct {
		name string
		out  string // relative to the test folder
		want string
	}{
		{"user folder", "thesis", "not written by this build"},
		{"source root", "site", "is the site's source folder"},
		{"around the source", ".", "must be a named folder"},
		{"parent of the source", "", "contains the site's source folder"},
		{"content language folder", "site/content/fr", "overlaps the input folder"},
		{"inside data", "site/data/new", "overlaps the input folder"},
		{"a file", "site/site.toml", "is a file"},
		{"symlink to a user folder", "link", "not written by this build"},
		{"dangling symlink", "dangling", "leads nowhere"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			root := t.TempDir()
			top := filepath.Join(root, "top")
			writeFiles(t, top, map[string]string{
				"thesis/t.txt":               "thesis",
				"site/site.toml":             "title = 'T'",
				"site/content/fr/index.md":   "bonjour",
				"site/data/glossary.yaml":    "a: b",
				"site/.git/HEAD":             "ref",
				"site/themes/default/a.html": "x",
			})
			if err := os.Symlink(filepath.Join(top, "thesis"), filepath.Join(top, "link")); err != nil {
				t.Fatal(err)
			}
			if err := os.Symlink(filepath.Join(top, "none"), filepath.Join(top, "dangling")); err != nil {
				t.Fatal(err)
			}
			src := filepath.Join(top, "site")
			in := Inputs{Root: src}
			for _, d := range []string{"content", "data", "themes"} {
				in.Folders = append(in.Folders, filepath.Join(src, d))
			}
			before := snapshot(t, root)
			t.Chdir(top)
			out := tc.out
			if out == "" {
				out = top
			}
			for i := range 2 {
				err := Write2(out, in, Files{"index.html": []byte("new")})
				var re *RefusedError
				if !errors.As(err, &re) || !strings.Contains(err.Error(), tc.want) {
					t.Fatalf("build %d: error %v, want a refusal saying %q", i, err, tc.want)
				}
			}
			after := snapshot(t, root)
			for k, v := range before {
				if after[k] != v {
					t.Errorf("%s changed: %q, was %q", k, after[k], v)
				}
			}
			for k := range after {
				if _, ok := before[k]; !ok {
					t.Errorf("%s appeared", k)
				}
			}
		})
	}
}

// Write2 is Write with inputs.
func Write2(dir string, in Inputs, files Files) error {
	st, err := Stage(dir, in)
	if err != nil {
		return err
	}
	for _, name := range files.Sorted() {
		st.Put(name, files[name])
	}
	return st.Commit()
}

// A symlinked output folder is written through: the folder it names gets
// the new site (and its spare sits next to it), the link stays a link.
func TestStageSymlinkWritesThrough(t *testing.T) {
	root := t.TempDir()
	real, link := filepath.Join(root, "deploy", "site"), filepath.Join(root, "public")
	if err := os.MkdirAll(filepath.Dir(real), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(real, link); err != nil {
		t.Fatal(err)
	}
	// A dangling link is refused: the target exists (empty).
	if err := os.Mkdir(real, 0o755); err != nil {
		t.Fatal(err)
	}
	for i, body := range []string{"1", "2", "3"} {
		if err := Write(link, Files{"index.html": []byte(body)}); err != nil {
			t.Fatalf("build %d: %v", i, err)
		}
		if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
			t.Fatalf("build %d: the link was replaced: %v %v", i, fi, err)
		}
		if got := readTree(t, real); string(got["index.html"]) != body {
			t.Errorf("build %d: target holds %q", i, got["index.html"])
		}
	}
	if _, err := os.Stat(filepath.Join(root, "deploy", ".site.spare")); err != nil {
		t.Errorf("no spare next to the target: %v", err)
	}
}

// A second build into the same folder while the first holds the lock exits
// with a message and touches nothing; the first one finishes normally.
func TestStageConcurrent(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "public")
	if err := Write(dir, Files{"index.html": []byte("0")}); err != nil {
		t.Fatal(err)
	}
	first, err := Stage(dir, Inputs{})
	if err != nil {
		t.Fatal(err)
	}
	first.Put("index.html", []byte("1"))
	_ = first.flush() // written: the snapshot below sees a settled folder
	before := snapshot(t, filepath.Dir(dir))
	err = Write(dir, Files{"index.html": []byte("2")})
	var re *RefusedError
	if !errors.As(err, &re) || !strings.Contains(err.Error(), "another build is writing") {
		t.Fatalf("second build: %v, want a refusal", err)
	}
	if after := snapshot(t, filepath.Dir(dir)); len(after) != len(before) {
		t.Errorf("the second build changed something: %q, was %q", keys(after), keys(before))
	}
	if err := first.Commit(); err != nil {
		t.Fatal(err)
	}
	if got := readTree(t, dir); string(got["index.html"]) != "1" {
		t.Errorf("output %q", got["index.html"])
	}
	// The lock is released: a third build goes through.
	if err := Write(dir, Files{"index.html": []byte("3")}); err != nil {
		t.Fatal(err)
	}
}

// Builds killed at any point leave staging folders; the next build removes
// them (they carry the marker, and nobody holds the lock).
func TestKilledBuildsLeaveNoStaging(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "public")
	mine := filepath.Join(parent, ".public.new-mine") // not a build's: kept
	writeFiles(t, mine, map[string]string{"notes.txt": "mine"})
	for i := range 10 {
		st, err := Stage(dir, Inputs{})
		if err != nil {
			t.Fatalf("build %d: %v", i, err)
		}
		for j := range i * 20 {
			st.Put(filepath.Join("p", strings.Repeat("x", j%7), "index.html"), []byte("page"))
		}
		_ = st.flush() // the writer stops with the process
		// A kill: the process ends without Commit or Abort; the kernel
		// releases the lock with the file.
		st.unlock()
		if i == 4 {
			// One build got as far as a spare and a committed output.
			if err := Write(dir, Files{"index.html": []byte("ok")}); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := Write(dir, Files{"index.html": []byte("final")}); err != nil {
		t.Fatal(err)
	}
	entries, _ := os.ReadDir(parent)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
		if strings.Contains(e.Name(), ".new-") && e.Name() != ".public.new-mine" {
			t.Errorf("staging folder left after the next build: %s", e.Name())
		}
	}
	if got := readTree(t, dir); string(got["index.html"]) != "final" {
		t.Errorf("output %q", got)
	}
	if b, err := os.ReadFile(filepath.Join(mine, "notes.txt")); err != nil || string(b) != "mine" {
		t.Errorf("an unmarked folder with a staging name was touched: %v %q (%v)", err, b, names)
	}
}

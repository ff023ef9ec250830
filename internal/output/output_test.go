package output

import (
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// readTree reads every file under dir but the build's marker (which it
// checks is there).
func readTree(t *testing.T, dir string) Files {
	t.Helper()
	if !hasMarker(dir) {
		t.Errorf("%s has no marker", dir)
	}
	out := Files{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || p == filepath.Join(dir, MarkerName) {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = b
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestWriteSwapsWholeFolder(t *testing.T) {
	// Each build's output must be exactly its files, whatever the recycled
	// folder held: the third build rewrites the first one's tree in place.
	builds := []Files{
		{"x/index.html": []byte("old x"), "y": []byte("old y"), "long.txt": []byte("aaaaaaaaaa"),
			"gone/deep/f.txt": []byte("z"), "same.txt": []byte("same"), "size.txt": []byte("aaaa")},
		{"index.html": []byte("b"), "x/index.html": []byte("b x")},
		{"x": []byte("x is a file now"), "y/index.html": []byte("y is a folder now"), "long.txt": []byte("b"),
			"same.txt": []byte("same"), "size.txt": []byte("bbbb"), "new/deep/g.txt": []byte("g")},
		{"index.html": []byte("d")},
	}
	parent := t.TempDir()
	dir := filepath.Join(parent, "public")
	var sameTime time.Time
	for i, files := range builds {
		if err := Write(dir, files); err != nil {
			t.Fatalf("build %d: %v", i, err)
		}
		// A file whose bytes did not change is not rewritten: build 2
		// recycles build 0's folder, where same.txt already says "same".
		switch i {
		case 0:
			sameTime = must(os.Stat(filepath.Join(dir, "same.txt"))).ModTime()
			time.Sleep(20 * time.Millisecond)
		case 2:
			if mt := must(os.Stat(filepath.Join(dir, "same.txt"))).ModTime(); !mt.Equal(sameTime) {
				t.Errorf("an unchanged file was rewritten (modified %v, then %v)", sameTime, mt)
			}
		}
		if got := readTree(t, dir); !Equal(got, files) {
			t.Errorf("build %d: output = %q, want %q", i, got.Sorted(), files.Sorted())
		}
		if i > 0 {
			if got := readTree(t, filepath.Join(parent, ".public.spare")); !Equal(got, builds[i-1]) {
				t.Errorf("build %d: spare = %q, want the previous output", i, got.Sorted())
			}
		}
		entries, _ := os.ReadDir(parent)
		entries = slices.DeleteFunc(entries, func(e os.DirEntry) bool { return e.Name() == ".public.lock" })
		if want := min(i+1, 2); len(entries) != want {
			t.Errorf("build %d: %d entries next to the output, want %d (public, .public.spare): %v", i, len(entries), want, entries)
		}
	}
}

func TestWriteFailureLeavesPreviousOutput(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "public")
	if err := Write(dir, Files{"index.html": []byte("good")}); err != nil {
		t.Fatal(err)
	}
	// A path that cannot be created (a file where a folder must go).
	err := Write(dir, Files{"x": []byte("file"), "x/y.html": []byte("bad")})
	if err == nil {
		t.Fatal("expected an error")
	}
	b, _ := os.ReadFile(filepath.Join(dir, "index.html"))
	if string(b) != "good" {
		t.Fatalf("previous output changed: %q", b)
	}
	// The same with a recycled staging folder (the third build onwards).
	if err := Write(dir, Files{"index.html": []byte("good 2")}); err != nil {
		t.Fatal(err)
	}
	if err := Write(dir, Files{"x": []byte("file"), "x/y.html": []byte("bad")}); err == nil {
		t.Fatal("expected an error")
	}
	if got := readTree(t, dir); !Equal(got, Files{"index.html": []byte("good 2")}) {
		t.Fatalf("previous output changed: %q", got)
	}
	for _, e := range must(os.ReadDir(filepath.Dir(dir))) {
		if strings.Contains(e.Name(), ".new-") {
			t.Errorf("staging folder left behind: %s", e.Name())
		}
	}
}

func TestMinifyAndFingerprint(t *testing.T) {
	m := NewMinifier()
	for _, tc := range []struct{ name, in, want string }{
		{"a.css", "a {  color : red ; }", "a{color:red}"},
		{"a.svg", "<svg  viewBox=\"0 0 10 10\">\n  <g>  </g>\n</svg>", `<svg viewBox="0 0 10 10"><g/></svg>`},
		{"a.json", "{ \"a\" : [ 1, 2 ] }", `{"a":[1,2]}`},
		// Pages are served as the layouts write them (see mediaTypes).
		{"a.html", "<p>  a  </p>\n", "<p>  a  </p>\n"},
	} {
		if out, err := m.Minify(tc.name, []byte(tc.in)); err != nil || string(out) != tc.want {
			t.Errorf("Minify(%s) = %q, %v; want %q", tc.name, out, err, tc.want)
		}
	}
	if got := Fingerprint("css/site.css", []byte("x")); !strings.HasPrefix(got, "css/site.") || !strings.HasSuffix(got, ".css") || got == Fingerprint("css/site.css", []byte("y")) {
		t.Errorf("fingerprint %q", got)
	}
	if b, _ := m.Minify("robots.txt", []byte("a  b")); string(b) != "a  b" {
		t.Error("unknown types must pass through")
	}
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

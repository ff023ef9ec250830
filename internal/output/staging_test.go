package output

import (
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"testing"
	"time"
)

// snapshot returns every entry under dir, hidden ones included, with the
// bytes of files and the target of symlinks, so a test can tell whether a
// folder changed at all.
func snapshot(t *testing.T, dir string) map[string]string {
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

func keys(m map[string]string) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// A name is written where filepath.Join puts it, so stale removal and the
// conflict checks must know it by that same path: otherwise a recycled
// folder loses the file this build wrote. A name that leads out of the
// staging folder (into the live output next to it) must fail the build.
func TestStagingNames(t *testing.T) {
	for _, tc := range []struct {
		name  string
		files Files
		want  Files // nil: the build must fail and leave the output as it was
	}{
		{"double slash", Files{"a//b.html": []byte("b")}, Files{"a/b.html": []byte("b")}},
		{"dot segment", Files{"./a/./b.html": []byte("b")}, Files{"a/b.html": []byte("b")}},
		{"leading slash", Files{"/index.html": []byte("i")}, Files{"index.html": []byte("i")}},
		{"dot dot inside", Files{"x/../index.html": []byte("i")}, Files{"index.html": []byte("i")}},
		{"into the live output", Files{"../public/index.html": []byte("evil"), "ok.html": []byte("ok")}, nil},
		{"the staging folder itself", Files{"": []byte("x")}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "public")
			// Builds 0 and 1 leave a spare; build 2 recycles it.
			prev := Files{"index.html": []byte("prev"), "a/b.html": []byte("prev")}
			for i := range 2 {
				if err := Write(dir, prev); err != nil {
					t.Fatalf("build %d: %v", i, err)
				}
			}
			before := snapshot(t, dir)
			err := Write(dir, tc.files)
			if tc.want == nil {
				if err == nil {
					t.Error("expected an error")
				}
				if after := snapshot(t, dir); len(after) != len(before) || !Equal(readTree(t, dir), prev) {
					t.Errorf("output changed: %q, was %q", keys(after), keys(before))
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := readTree(t, dir); !Equal(got, tc.want) {
				t.Errorf("output = %q, want %q", got.Sorted(), tc.want.Sorted())
			}
		})
	}
}

// An output path whose staging folder would sit inside the output itself
// (".", ".." or the root) must be refused before anything is written: a
// failed build would otherwise leave its folder in the output.
func TestStageRefusesOutputContainingItsSibling(t *testing.T) {
	for _, tc := range []struct{ name, out, cwd string }{
		{"current folder", ".", ""},
		{"empty", "", ""},
		{"parent", "..", "sub"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			if err := os.WriteFile(filepath.Join(dir, "keep.txt"), []byte("k"), 0o644); err != nil {
				t.Fatal(err)
			}
			if err := os.Mkdir(filepath.Join(dir, "sub"), 0o755); err != nil {
				t.Fatal(err)
			}
			before := snapshot(t, dir)
			t.Chdir(filepath.Join(dir, tc.cwd))
			for range 2 {
				if err := Write(tc.out, Files{"index.html": []byte("i")}); err == nil {
					t.Fatalf("Write(%q) succeeded", tc.out)
				}
			}
			if after := snapshot(t, dir); len(after) != len(before) {
				t.Errorf("folder changed: %q, was %q", keys(after), keys(before))
			}
		})
	}
}

// Something that is not a build's output holding the spare's name (a file,
// a symlink, a folder without the marker) is someone's: the build leaves it
// alone, and still succeeds (without a spare to recycle).
func TestSpareNameTaken(t *testing.T) {
	for _, tc := range []struct {
		name  string
		block func(t *testing.T, spare, elsewhere string)
	}{
		{"file", func(t *testing.T, spare, _ string) {
			if err := os.WriteFile(spare, []byte("x"), 0o644); err != nil {
				t.Fatal(err)
			}
		}},
		{"symlink to a folder", func(t *testing.T, spare, elsewhere string) {
			if err := os.Symlink(elsewhere, spare); err != nil {
				t.Fatal(err)
			}
		}},
		{"dangling symlink", func(t *testing.T, spare, elsewhere string) {
			if err := os.Symlink(filepath.Join(elsewhere, "none"), spare); err != nil {
				t.Fatal(err)
			}
		}},
		{"unmarked folder", func(t *testing.T, spare, elsewhere string) {
			if err := os.CopyFS(spare, os.DirFS(elsewhere)); err != nil {
				t.Fatal(err)
			}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			parent := t.TempDir()
			dir, spare, elsewhere := filepath.Join(parent, "public"), filepath.Join(parent, ".public.spare"), t.TempDir()
			if err := os.WriteFile(filepath.Join(elsewhere, "mine.txt"), []byte("mine"), 0o644); err != nil {
				t.Fatal(err)
			}
			if err := Write(dir, Files{"index.html": []byte("1")}); err != nil {
				t.Fatal(err)
			}
			tc.block(t, spare, elsewhere)
			before := snapshot(t, parent)[".public.spare"]
			if err := Write(dir, Files{"index.html": []byte("2")}); err != nil {
				t.Fatal(err)
			}
			if got := readTree(t, dir); !Equal(got, Files{"index.html": []byte("2")}) {
				t.Errorf("output = %q", got.Sorted())
			}
			if got := snapshot(t, parent); got[".public.spare"] != before {
				t.Errorf("the spare's name was taken over: %q, was %q", got[".public.spare"], before)
			}
			if got := snapshot(t, elsewhere); len(got) != 2 || got["mine.txt"] != "mine" {
				t.Errorf("the symlink's target changed: %q", keys(got))
			}
		})
	}
}

// A file put twice in one build holds its last bytes, in a fresh folder
// (the first build's path: new files, no old ones to compare) and in a
// recycled one.
func TestFilePutTwice(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	for build := range 2 { // the second recycles the first's folder
		st, err := Stage(out, Inputs{})
		if err != nil {
			t.Fatal(err)
		}
		st.Put("a/b.txt", []byte("first, and longer"))
		st.Put("a/b.txt", []byte("second"))
		st.Put("c.txt", []byte("c"))
		if err := st.Commit(); err != nil {
			t.Fatal(err)
		}
		got := snapshot(t, out)
		if got["a/b.txt"] != "second" || got["c.txt"] != "c" {
			t.Errorf("build %d: a/b.txt = %q, c.txt = %q", build+1, got["a/b.txt"], got["c.txt"])
		}
	}
}

// PutThen hands a buffer back once it is written, so a caller reusing it
// never changes a file: each file must hold what was put, and done must
// come once per file, also for the files dropped after a write error.
func TestPutThen(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	st, err := Stage(out, Inputs{})
	if err != nil {
		t.Fatal(err)
	}
	buf := []byte("0")
	back := make(chan struct{}, 1)
	calls := 0
	for i := range 5 {
		buf[0] = byte('0' + i) // reused: only once handed back
		st.PutThen(filepath.ToSlash(filepath.Join("p", string(rune('a'+i)), "index.html")), buf, func() { calls++; back <- struct{}{} })
		select {
		case <-back:
		case <-time.After(time.Minute):
			t.Fatalf("file %d: done never called", i)
		}
	}
	if err := st.Commit(); err != nil {
		t.Fatal(err)
	}
	got := snapshot(t, out)
	for i := range 5 {
		name := filepath.Join("p", string(rune('a'+i)), "index.html")
		if want := string(rune('0' + i)); got[name] != want {
			t.Errorf("%s = %q, want %q", name, got[name], want)
		}
	}
	if calls != 5 {
		t.Errorf("done called %d times, want 5", calls)
	}

	// After a refused name, the files still queued are dropped, and handed
	// back all the same.
	st, err = Stage(out, Inputs{})
	if err != nil {
		t.Fatal(err)
	}
	calls = 0
	st.PutThen("../outside.txt", []byte("x"), func() { calls++ })
	st.PutThen("after.txt", []byte("y"), func() { calls++ })
	if err := st.Commit(); err == nil {
		t.Error("Commit after a refused name: no error")
	}
	if calls != 2 {
		t.Errorf("after an error, done called %d times, want 2", calls)
	}
}

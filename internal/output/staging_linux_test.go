package output

import (
	"path/filepath"
	"syscall"
	"testing"
)

// A recycled folder that cannot be listed (here: no file descriptor left) must not let its stale entries into the output:
// the build fails, or the output is exactly its files.
func TestStaleListingFails(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "public")
	old := Files{"index.html": []byte("0"), "stale.html": []byte("stale"), "gone/x.html": []byte("x")}
	prev := Files{"index.html": []byte("1")}
	for _, files := range []Files{old, prev} {
		if err := Write(dir, files); err != nil {
			t.Fatal(err)
		}
	}
	listFolder = func(string) listing { return listing{err: syscall.EMFILE} }
	defer func() { listFolder = list }()
	st, err := Stage(dir, Inputs{}) // recycles old's folder
	if err != nil {
		t.Fatal(err)
	}
	files := Files{"index.html": []byte("2")}
	for name, b := range files {
		st.Put(name, b)
	}
	if err := st.Commit(); err != nil {
		if got := readTree(t, dir); !Equal(got, prev) {
			t.Errorf("failed build changed the output: %q", got.Sorted())
		}
		return
	}
	if got := readTree(t, dir); !Equal(got, files) {
		t.Errorf("output = %q, want %q", got.Sorted(), files.Sorted())
	}
}

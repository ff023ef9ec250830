package rawsys

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/sys/unix"
)

// A folder made, a file created in it, written, read back and stat'ed,
// as the build does, and the errors a build meets, as os reports them.
func TestFileRoundTrip(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "a")
	if err := Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := Mkdir(dir, 0o755); !errors.Is(err, fs.ErrExist) {
		t.Errorf("Mkdir of an existing folder: %v, want fs.ErrExist", err)
	}
	if err := Mkdir(filepath.Join(dir, "x", "y"), 0o755); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Mkdir without its parent: %v, want fs.ErrNotExist", err)
	}
	p := filepath.Join(dir, "index.html")
	want := strings.Repeat("é<p>", 50000) // larger than one page
	fd, err := Open(p, unix.O_WRONLY|unix.O_CREAT|unix.O_EXCL, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	for b := []byte(want); len(b) > 0; {
		n, err := Write(fd, b)
		if err != nil {
			t.Fatal(err)
		}
		b = b[n:]
	}
	if err := Close(fd); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(p, unix.O_WRONLY|unix.O_CREAT|unix.O_EXCL, 0o644); !errors.Is(err, fs.ErrExist) {
		t.Errorf("Open O_EXCL of an existing file: %v, want fs.ErrExist", err)
	}
	if got, err := os.ReadFile(p); err != nil || string(got) != want {
		t.Fatalf("os.ReadFile: %d bytes, %v; want %d bytes", len(got), err, len(want))
	}

	fd, err = Open(p, unix.O_RDONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer Close(fd)
	var st unix.Stat_t
	if err := Fstat(fd, &st); err != nil || st.Size != int64(len(want)) || st.Mode&unix.S_IFMT != unix.S_IFREG {
		t.Errorf("Fstat: size %d, mode %o, %v; want a regular file of %d bytes", st.Size, st.Mode, err, len(want))
	}
	if fl, err := unix.FcntlInt(uintptr(fd), unix.F_GETFD, 0); err != nil || fl&unix.FD_CLOEXEC == 0 {
		t.Errorf("the descriptor is not close-on-exec (flags %#x, %v)", fl, err)
	}
	var got []byte
	buf := make([]byte, 4096)
	for {
		n, err := Read(fd, buf)
		if err != nil {
			t.Fatal(err)
		}
		if n == 0 {
			break
		}
		got = append(got, buf[:n]...)
	}
	if string(got) != want {
		t.Errorf("Read: %d bytes, want %d", len(got), len(want))
	}
	if n, err := Read(fd, nil); n != 0 || err != nil {
		t.Errorf("Read into nothing: %d, %v", n, err)
	}

	if _, err := Open(filepath.Join(dir, "missing"), unix.O_RDONLY, 0); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Open of a missing file: %v, want fs.ErrNotExist", err)
	}
	if _, err := Open("a\x00b", unix.O_RDONLY, 0); err == nil {
		t.Error("Open of a path with a NUL byte: no error")
	}
	if err := Close(-1); err == nil {
		t.Error("Close(-1): no error")
	}
	if err := Fstat(-1, &st); err == nil {
		t.Error("Fstat(-1): no error")
	}
}

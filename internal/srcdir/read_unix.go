//go:build unix

package srcdir

import (
	"io/fs"
	"os"

	"golang.org/x/sys/unix"

	"github.com/cire-asbl/fabrique/internal/rawsys"
)

// readFile reads the file at p: open, fstat for its size, read to the end,
// close, with raw system calls (internal/rawsys). Anything but a regular
// file (a FIFO, a device: a read could wait) is read by os.ReadFile; it is
// opened non-blocking first, so that a FIFO without a writer does not hold
// the thread either.
func readFile(p string) ([]byte, error) {
	fd, err := rawsys.Open(p, unix.O_RDONLY|unix.O_NONBLOCK, 0)
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: p, Err: err}
	}
	defer rawsys.Close(fd)
	var st unix.Stat_t
	if err := rawsys.Fstat(fd, &st); err != nil {
		return nil, &fs.PathError{Op: "stat", Path: p, Err: err}
	}
	if st.Mode&unix.S_IFMT != unix.S_IFREG {
		return os.ReadFile(p)
	}
	size := 512
	if st.Size > 0 && st.Size < 1<<30 {
		size = int(st.Size) + 1 // one more, so the read that finds the end needs no new buffer
	}
	b := make([]byte, 0, size)
	for {
		if len(b) == cap(b) {
			b = append(b, 0)[:len(b)] // the file grew since fstat
		}
		n, err := rawsys.Read(fd, b[len(b):cap(b)])
		if err != nil {
			return nil, &fs.PathError{Op: "read", Path: p, Err: err}
		}
		if n == 0 {
			return b, nil
		}
		b = b[:len(b)+n]
	}
}

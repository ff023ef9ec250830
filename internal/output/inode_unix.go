//go:build unix

package output

import (
	"errors"
	"io/fs"
	"os"
	"syscall"

	"golang.org/x/sys/unix"

	"github.com/cire-asbl/fabrique/internal/rawsys"
)

// noFollow makes opening a file in the recycled folder fail on a symlink
// instead of writing wherever it points.
const noFollow = syscall.O_NOFOLLOW

func isSymlinkError(err error) bool { return errors.Is(err, syscall.ELOOP) }

// shared reports whether the file has other names (hard links, as made by
// `cp -al` or rsync --link-dest snapshots of the output): writing it in
// place would change those copies too.
func shared(fi fs.FileInfo) bool {
	st, ok := fi.Sys().(*syscall.Stat_t)
	return ok && st.Nlink > 1
}

// openFile is os.OpenFile without the runtime's poller. os.OpenFile offers
// every file it opens to the poller: for a regular file on Linux that is
// five system calls that achieve nothing (non-blocking on, an epoll_ctl
// that fails, non-blocking off), 300,000 of them for the 60,000 files of a
// 30,000-page site. A descriptor handed to os.NewFile is used as it is
// (one fcntl to read its flags).
func openFile(p string, flag int, perm uint32) (*os.File, error) {
	fd, err := rawsys.Open(p, flag, perm)
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: p, Err: err}
	}
	return os.NewFile(uintptr(fd), p), nil
}

// create writes b to a new file p and reports whether p already existed
// (then nothing is written). It is the first build's path: in a fresh
// staging folder every file is new, so there is no old file to compare or
// to stat, and three raw system calls do it (open, write, close; see
// internal/rawsys).
func create(p string, b []byte) (existed bool, err error) {
	fd, err := rawsys.Open(p, unix.O_WRONLY|unix.O_CREAT|unix.O_EXCL, 0o644)
	if err == unix.EEXIST {
		return true, nil
	}
	if err != nil {
		return false, &fs.PathError{Op: "open", Path: p, Err: err}
	}
	for len(b) > 0 && err == nil {
		var n int
		n, err = rawsys.Write(fd, b)
		b = b[max(n, 0):]
	}
	if cerr := rawsys.Close(fd); err == nil {
		err = cerr
	}
	if err != nil {
		return false, &fs.PathError{Op: "write", Path: p, Err: err}
	}
	return false, nil
}

// mkdir is os.Mkdir with a raw system call (see internal/rawsys): the
// first build makes 30,000 folders.
func mkdir(d string, perm uint32) error {
	if err := rawsys.Mkdir(d, perm); err != nil {
		return &fs.PathError{Op: "mkdir", Path: d, Err: err}
	}
	return nil
}

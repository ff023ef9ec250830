//go:build unix

package output

import (
	"errors"
	"os"

	"golang.org/x/sys/unix"
)

// lock takes the lock file next to the output folder, so that two builds
// into one folder cannot interleave their staging, swap and cleanup. It
// does not wait: the second build exits with a message instead of
// silently building a site the first one is about to replace. The lock is
// released when the file is closed, also when the process is killed.
func lock(name, dir string) (*os.File, error) {
	f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, err
	}
	if err := unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, unix.EWOULDBLOCK) {
			return nil, refuse("another build is writing %s right now (it holds %s): wait for it to finish, then build again", dir, name)
		}
		return nil, err
	}
	return f, nil
}

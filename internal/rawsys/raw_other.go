//go:build unix && !(linux && (amd64 || arm64))

package rawsys

import "golang.org/x/sys/unix"

// Open opens path with flag|O_CLOEXEC and returns its descriptor.
func Open(path string, flag int, perm uint32) (int, error) {
	return retry(func() (int, error) { return unix.Open(path, flag|unix.O_CLOEXEC, perm) })
}

// Mkdir makes the folder path.
func Mkdir(path string, perm uint32) error {
	_, err := retry(func() (int, error) { return 0, unix.Mkdir(path, perm) })
	return err
}

// Read reads into b and returns how many bytes it read (0 at the end).
func Read(fd int, b []byte) (int, error) {
	return retry(func() (int, error) { return unix.Read(fd, b) })
}

// Write writes from b and returns how many bytes it wrote, which may be
// fewer than len(b).
func Write(fd int, b []byte) (int, error) {
	return retry(func() (int, error) { return unix.Write(fd, b) })
}

// Close closes fd.
func Close(fd int) error { return unix.Close(fd) }

// Fstat fills st with what fd refers to.
func Fstat(fd int, st *unix.Stat_t) error {
	_, err := retry(func() (int, error) { return 0, unix.Fstat(fd, st) })
	return err
}

func retry(f func() (int, error)) (int, error) {
	for {
		n, err := f()
		if err != unix.EINTR {
			return n, err
		}
	}
}

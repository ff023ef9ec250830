//go:build linux && (amd64 || arm64)

package rawsys

import (
	"runtime"
	"syscall"
	"unsafe"

	"golang.org/x/sys/unix"
)

// Open opens path with flag|O_CLOEXEC and returns its descriptor.
func Open(path string, flag int, perm uint32) (int, error) {
	p, err := syscall.BytePtrFromString(path)
	if err != nil {
		return -1, err
	}
	cwd := unix.AT_FDCWD
	for {
		r, _, e := syscall.RawSyscall6(syscall.SYS_OPENAT, uintptr(cwd), uintptr(unsafe.Pointer(p)), uintptr(flag|unix.O_CLOEXEC), uintptr(perm), 0, 0)
		runtime.KeepAlive(p)
		if e != syscall.EINTR {
			return int(r), errno(e)
		}
	}
}

// Mkdir makes the folder path.
func Mkdir(path string, perm uint32) error {
	p, err := syscall.BytePtrFromString(path)
	if err != nil {
		return err
	}
	cwd := unix.AT_FDCWD
	for {
		_, _, e := syscall.RawSyscall(syscall.SYS_MKDIRAT, uintptr(cwd), uintptr(unsafe.Pointer(p)), uintptr(perm))
		runtime.KeepAlive(p)
		if e != syscall.EINTR {
			return errno(e)
		}
	}
}

// Read reads into b and returns how many bytes it read (0 at the end).
func Read(fd int, b []byte) (int, error) {
	return rw(syscall.SYS_READ, fd, b)
}

// Write writes from b and returns how many bytes it wrote, which may be
// fewer than len(b).
func Write(fd int, b []byte) (int, error) {
	return rw(syscall.SYS_WRITE, fd, b)
}

func rw(trap uintptr, fd int, b []byte) (int, error) {
	if len(b) == 0 {
		return 0, nil
	}
	for {
		r, _, e := syscall.RawSyscall(trap, uintptr(fd), uintptr(unsafe.Pointer(&b[0])), uintptr(len(b)))
		if e != syscall.EINTR {
			if e != 0 {
				return 0, e
			}
			return int(r), nil
		}
	}
}

// Close closes fd. It is not tried again on EINTR: on Linux the
// descriptor is released whatever close returns.
func Close(fd int) error {
	_, _, e := syscall.RawSyscall(syscall.SYS_CLOSE, uintptr(fd), 0, 0)
	return errno(e)
}

// Fstat fills st with what fd refers to.
func Fstat(fd int, st *unix.Stat_t) error {
	for {
		_, _, e := syscall.RawSyscall(syscall.SYS_FSTAT, uintptr(fd), uintptr(unsafe.Pointer(st)), 0)
		if e != syscall.EINTR {
			return errno(e)
		}
	}
}

// errno is e as an error, nil for 0 (a zero syscall.Errno is not a nil
// error).
func errno(e syscall.Errno) error {
	if e == 0 {
		return nil
	}
	return e
}

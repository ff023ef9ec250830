// Package rawsys opens, reads, writes and closes regular files and makes
// folders with raw system calls: calls the Go scheduler is not told about.
//
// Contract: each function is its POSIX namesake (open with O_CLOEXEC
// added, read, write, close, fstat, mkdir), tried again when a signal
// interrupts it (EINTR), returning a syscall.Errno on failure, so that
// errors.Is(err, fs.ErrNotExist) and the like hold. Open and Mkdir take a
// path relative to the working folder or absolute. Use it for regular files
// only: a call that can wait (a FIFO, a terminal, a socket) would hold one
// of the program's GOMAXPROCS threads for as long as it waits.
//
// Why: the build reads 30,000 Markdown files and writes 30,000 folders and
// 33,000 files; on the virtual machines it runs on, mkdir and creating a
// file take 75–150 µs of kernel CPU each. When a goroutine's system call
// lasts over 20 µs, the runtime's monitor thread takes its processor away
// and hands it to another thread, which the kernel then schedules on the
// same two cores: thousands of handoffs, thread wake-ups and monitor
// wake-ups (its sleep stays at 20 µs while it finds work), for calls that
// are CPU work in the kernel, not waits. A raw call keeps its processor.
// Measured on the 30,003-page benchmark site (farm-bench, first builds, a
// quiet machine): wall 0.88, CPU 0.91 against the same build with ordinary
// system calls.
//
// On Linux amd64 and arm64 the calls are raw; elsewhere they are
// golang.org/x/sys/unix's, with the same EINTR retry.
package rawsys

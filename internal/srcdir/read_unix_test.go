//go:build unix

package srcdir

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// A FIFO in the source folder is read as os.DirFS reads it (to its
// writer's end), not with the raw calls meant for regular files, and
// opening it does not wait for a writer.
func TestReadFileFIFO(t *testing.T) {
	root := t.TempDir()
	p := filepath.Join(root, "pipe.md")
	if err := unix.Mkfifo(p, 0o644); err != nil {
		t.Skip("no FIFO here:", err)
	}
	go func() {
		time.Sleep(50 * time.Millisecond) // the reader opens first
		f, err := os.OpenFile(p, os.O_WRONLY, 0)
		if err != nil {
			return
		}
		f.WriteString("title: piped\n")
		f.Close()
	}()
	done := make(chan struct{})
	var got []byte
	var err error
	go func() {
		got, err = New(root).(dir).ReadFile("pipe.md")
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("ReadFile of a FIFO did not return")
	}
	if err != nil || string(got) != "title: piped\n" {
		t.Errorf("ReadFile(pipe.md) = %q, %v", got, err)
	}
}

//go:build !unix

package output

import (
	"io/fs"
	"os"
)

const noFollow = 0

func isSymlinkError(error) bool { return false }

func shared(fs.FileInfo) bool { return false }

func openFile(p string, flag int, perm uint32) (*os.File, error) {
	return os.OpenFile(p, flag, fs.FileMode(perm))
}

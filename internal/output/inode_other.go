//go:build !unix

package output

import (
	"errors"
	"io/fs"
	"os"
)

const noFollow = 0

func isSymlinkError(error) bool { return false }

func shared(fs.FileInfo) bool { return false }

func openFile(p string, flag int, perm uint32) (*os.File, error) {
	return os.OpenFile(p, flag, fs.FileMode(perm))
}

func create(p string, b []byte) (existed bool, err error) {
	f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return true, nil
	}
	if err != nil {
		return false, err
	}
	_, err = f.Write(b)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return false, err
}

func mkdir(d string, perm uint32) error { return os.Mkdir(d, fs.FileMode(perm)) }

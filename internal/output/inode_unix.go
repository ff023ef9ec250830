//go:build unix

package output

import (
	"errors"
	"io/fs"
	"syscall"
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

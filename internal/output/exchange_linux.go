package output

import (
	"errors"

	"golang.org/x/sys/unix"
)

// exchange swaps two paths in one step (renameat2 RENAME_EXCHANGE), so the
// output folder never stops existing, even for a moment. File systems
// without it fall back to two renames.
func exchange(a, b string) error {
	err := unix.Renameat2(unix.AT_FDCWD, a, unix.AT_FDCWD, b, unix.RENAME_EXCHANGE)
	if errors.Is(err, unix.EINVAL) || errors.Is(err, unix.ENOSYS) {
		return exchangeByRenames(a, b)
	}
	return err
}

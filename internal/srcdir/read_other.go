//go:build !unix

package srcdir

import "os"

func readFile(p string) ([]byte, error) { return os.ReadFile(p) }

//go:build !unix

package output

import "io/fs"

const noFollow = 0

func isSymlinkError(error) bool { return false }

func shared(fs.FileInfo) bool { return false }

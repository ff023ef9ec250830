// Package testsite gives tests a whole site of their own: a frozen copy of
// content/, data/ and site.toml under testdata/site. Editors change the real
// content and data; tests that need a realistic site (every layout, every
// data kind, three languages) read this copy instead, so a legal edit in
// data/ never breaks a Go test.
//
// Refresh the copy only when the *format* of content or data changes (a new
// required field), never to follow a value:
//
//	rm -rf internal/testsite/testdata/site && mkdir -p internal/testsite/testdata/site &&
//	cp -r content data site.toml internal/testsite/testdata/site/
//
// Tests that check values check this copy's values, which nobody edits.
package testsite

import (
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
)

// Dir is the fixture site's root folder on disk.
func Dir() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "testdata", "site")
}

// FS is the fixture site (without a theme: tests add the real one).
func FS() fs.FS { return os.DirFS(Dir()) }

// ThemesDir is the repository's themes folder: the theme is code, not
// editors' data, so tests use the real one.
func ThemesDir() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..", "themes")
}

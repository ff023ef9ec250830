// Package output is the last stage: it minifies a finished site held in
// memory and swaps it into the output folder atomically.
//
// Contract:
//   - Files maps slash paths ("fr/index.html") to bytes; Write writes them all
//     into a fresh sibling folder, then renames it into place. If anything
//     fails, the previous output folder is left byte-for-byte untouched.
//   - Minify is deterministic and keeps what the accessibility and HTML
//     checks rely on (document tags, end tags, quotes, lang/dir attributes).
package output

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/css"
	"github.com/tdewolff/minify/v2/html"
	"github.com/tdewolff/minify/v2/js"
	"github.com/tdewolff/minify/v2/json"
	"github.com/tdewolff/minify/v2/svg"
	"github.com/tdewolff/minify/v2/xml"
)

// Files is a site in memory.
type Files map[string][]byte

// Sorted returns the paths in order.
func (f Files) Sorted() []string {
	out := make([]string, 0, len(f))
	for p := range f {
		out = append(out, p)
	}
	sort.Strings(out)
	return out
}

// Minifier minifies by file extension.
type Minifier struct{ m *minify.M }

// NewMinifier sets up the minifiers once per build.
func NewMinifier() *Minifier {
	m := minify.New()
	m.Add("text/html", &html.Minifier{KeepDocumentTags: true, KeepEndTags: true, KeepQuotes: true, KeepDefaultAttrVals: true, KeepSpecialComments: false})
	m.AddFunc("text/css", css.Minify)
	m.Add("application/javascript", &js.Minifier{KeepVarNames: false})
	m.AddFunc("image/svg+xml", svg.Minify)
	m.AddFunc("application/json", json.Minify)
	m.AddFunc("application/ld+json", json.Minify)
	m.AddFuncRegexp(regexp.MustCompile("[/+]xml$"), xml.Minify)
	return &Minifier{m: m}
}

var mediaTypes = map[string]string{
	".html": "text/html", ".css": "text/css", ".js": "application/javascript", ".mjs": "application/javascript",
	".svg": "image/svg+xml", ".json": "application/json",
}

// Minify returns the minified bytes of a file, or the bytes unchanged for
// types it does not know.
func (mz *Minifier) Minify(name string, b []byte) ([]byte, error) {
	mt, ok := mediaTypes[path.Ext(name)]
	if !ok {
		return b, nil
	}
	out, err := mz.m.Bytes(mt, b)
	if err != nil {
		return nil, fmt.Errorf("%s: minify: %w", name, err)
	}
	return out, nil
}

// Fingerprint returns name with a content hash before its extension
// (css/site.css → css/site.1a2b3c4d.css), so it can be cached for a year.
func Fingerprint(name string, b []byte) string {
	sum := sha256.Sum256(b)
	ext := path.Ext(name)
	return name[:len(name)-len(ext)] + "." + hex.EncodeToString(sum[:4]) + ext
}

// Write swaps files into dir atomically (see the package doc).
func Write(dir string, files Files) error {
	dir = filepath.Clean(dir)
	parent := filepath.Dir(dir)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return err
	}
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(dir)+".new-")
	if err != nil {
		return err
	}
	ok := false
	defer func() {
		if !ok {
			os.RemoveAll(tmp)
		}
	}()
	for _, name := range files.Sorted() {
		p := filepath.Join(tmp, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, files[name], 0o644); err != nil {
			return err
		}
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		return err
	}
	old := ""
	if _, err := os.Stat(dir); err == nil {
		old = tmp + ".old"
		if err := os.Rename(dir, old); err != nil {
			return fmt.Errorf("cannot move the previous %s aside: %w", dir, err)
		}
	}
	if err := os.Rename(tmp, dir); err != nil {
		if old != "" {
			_ = os.Rename(old, dir) // put the previous site back
		}
		return err
	}
	ok = true
	if old != "" {
		return os.RemoveAll(old)
	}
	return nil
}

// Equal reports whether two file sets are byte-identical (used by tests).
func Equal(a, b Files) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if !bytes.Equal(v, b[k]) {
			return false
		}
	}
	return true
}

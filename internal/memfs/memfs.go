// Package memfs is a read-only file system held in a map: the dev server's
// snapshot of the site's inputs, which site.Generate reads as any fs.FS.
//
// Contract:
//   - Keys are slash paths relative to the root, without a leading "/" or
//     "./" ("content/fr/index.md"); folders are implied by the files under
//     them and need no entry.
//   - It implements fs.FS, fs.ReadFileFS, fs.StatFS and fs.ReadDirFS.
//     ReadDir lists entries sorted by name, as os.DirFS does.
//   - A file whose Mode has fs.ModeSymlink is reported as a link (Stat and
//     ReadDir say so) and never followed: the build refuses links in
//     content/ and data/ as it does on disk.
//   - It is not safe for concurrent writes; reads of an unchanged map are.
//
// It exists so production code does not import testing/fstest, whose MapFS
// it replaces.
package memfs

import (
	"io"
	"io/fs"
	"path"
	"sort"
	"strings"
	"time"
)

// File is one file's bytes and mode (0 means a regular file, 0o444).
type File struct {
	Data []byte
	Mode fs.FileMode
}

// FS maps slash paths to files.
type FS map[string]*File

// Open implements fs.FS.
func (m FS) Open(name string) (fs.File, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	if f, ok := m[name]; ok && f != nil {
		return &openFile{info: info{name: path.Base(name), f: f}, r: strings.NewReader(string(f.Data))}, nil
	}
	entries, ok := m.list(name)
	if !ok {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	return &openDir{info: info{name: path.Base(name), dir: true}, entries: entries}, nil
}

// ReadFile implements fs.ReadFileFS: a copy of the file's bytes.
func (m FS) ReadFile(name string) ([]byte, error) {
	f, ok := m[name]
	if !ok || f == nil || !fs.ValidPath(name) {
		if _, isDir := m.list(name); isDir && fs.ValidPath(name) {
			return nil, &fs.PathError{Op: "read", Path: name, Err: errIsDir}
		}
		return nil, &fs.PathError{Op: "read", Path: name, Err: fs.ErrNotExist}
	}
	return append([]byte(nil), f.Data...), nil
}

// Stat implements fs.StatFS.
func (m FS) Stat(name string) (fs.FileInfo, error) {
	f, err := m.Open(name)
	if err != nil {
		return nil, &fs.PathError{Op: "stat", Path: name, Err: fs.ErrNotExist}
	}
	return f.Stat()
}

// ReadDir implements fs.ReadDirFS.
func (m FS) ReadDir(name string) ([]fs.DirEntry, error) {
	if _, isFile := m[name]; isFile || !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: fs.ErrInvalid}
	}
	entries, ok := m.list(name)
	if !ok {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: fs.ErrNotExist}
	}
	return entries, nil
}

var errIsDir = &dirError{}

type dirError struct{}

func (*dirError) Error() string { return "is a directory" }

// list returns the entries directly under dir, and whether dir exists (the
// root always does; another folder when some file lies under it).
func (m FS) list(dir string) ([]fs.DirEntry, bool) {
	prefix := dir + "/"
	if dir == "." {
		prefix = ""
	}
	seen := map[string]fs.DirEntry{}
	for p, f := range m {
		if f == nil || !strings.HasPrefix(p, prefix) {
			continue
		}
		rest := p[len(prefix):]
		if i := strings.IndexByte(rest, '/'); i >= 0 {
			name := rest[:i]
			if _, ok := seen[name]; !ok {
				seen[name] = info{name: name, dir: true}
			}
			continue
		}
		seen[rest] = info{name: rest, f: f}
	}
	if len(seen) == 0 && dir != "." {
		return nil, false
	}
	out := make([]fs.DirEntry, 0, len(seen))
	for _, e := range seen {
		out = append(out, e)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name() < out[j].Name() })
	return out, true
}

// info is both the fs.FileInfo and the fs.DirEntry of a file or folder.
type info struct {
	name string
	f    *File
	dir  bool
}

func (i info) Name() string { return i.name }
func (i info) Size() int64 {
	if i.f == nil {
		return 0
	}
	return int64(len(i.f.Data))
}
func (i info) Mode() fs.FileMode {
	switch {
	case i.dir:
		return fs.ModeDir | 0o555
	case i.f.Mode == 0:
		return 0o444
	}
	return i.f.Mode
}
func (i info) ModTime() time.Time         { return time.Time{} }
func (i info) IsDir() bool                { return i.dir }
func (i info) Sys() any                   { return nil }
func (i info) Type() fs.FileMode          { return i.Mode().Type() }
func (i info) Info() (fs.FileInfo, error) { return i, nil }

type openFile struct {
	info
	r *strings.Reader
}

func (f *openFile) Stat() (fs.FileInfo, error) { return f.info, nil }
func (f *openFile) Read(p []byte) (int, error) { return f.r.Read(p) }
func (f *openFile) Close() error               { return nil }
func (f *openFile) Seek(off int64, whence int) (int64, error) {
	return f.r.Seek(off, whence)
}
func (f *openFile) ReadAt(p []byte, off int64) (int, error) { return f.r.ReadAt(p, off) }

type openDir struct {
	info
	entries []fs.DirEntry
	off     int
}

func (d *openDir) Stat() (fs.FileInfo, error) { return d.info, nil }
func (d *openDir) Read([]byte) (int, error) {
	return 0, &fs.PathError{Op: "read", Path: d.name, Err: errIsDir}
}
func (d *openDir) Close() error { return nil }

// ReadDir implements fs.ReadDirFile.
func (d *openDir) ReadDir(n int) ([]fs.DirEntry, error) {
	rest := d.entries[d.off:]
	if n <= 0 {
		d.off = len(d.entries)
		return rest, nil
	}
	if len(rest) == 0 {
		return nil, io.EOF
	}
	if n > len(rest) {
		n = len(rest)
	}
	d.off += n
	return rest[:n], nil
}

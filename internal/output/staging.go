package output

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"syscall"
)

// Staging is a new version of an output folder being written. Files go into
// a hidden sibling folder as they are produced (a large site is never held
// in memory), and Commit swaps it with the output folder in one step, so the
// previous output is untouched until the new one is complete.
//
// The sibling is recycled: Commit keeps the output it replaced as
// ".NAME.spare", and the next build rewrites that folder in place instead of
// creating a fresh tree. Creating 30,000 folders and files costs far more
// than overwriting them, and on ext4 a tree created right after another was
// deleted is slower still: the inode allocator skips recently freed inodes
// one by one (measured here: 30,000 pages took 8 s of kernel time after an
// `rm -rf` of the previous output, 1 s when overwritten; see bench/README.md).
// Entries of the recycled folder that the new build did not write are
// removed before the swap; the folder is listed while the build runs.
//
// Put is safe for concurrent use; one goroutine does the writing, so
// rendering goes on while it waits on the disk.
type Staging struct {
	dir, tmp, spare string
	lock            *os.File // held from Stage to the end of Commit or Abort
	queue           chan stagedFile
	done            chan struct{}
	err             error           // first write error, read after done
	written         map[string]bool // slash paths written, read after done
	listed          chan listing    // the recycled folder's entries, or nil
	scratch         []byte          // the writer's buffer for comparing old files
}

// listing is what the recycled folder held when the build started.
type listing struct {
	paths []string
	err   error
}

type stagedFile struct {
	name string
	data []byte
	done func() // after data is written or dropped (PutThen)
}

// Spare is where the output dir replaced by a build is kept for the next
// one: ".NAME.spare" next to it.
func Spare(dir string) string {
	dir = filepath.Clean(dir)
	return filepath.Join(filepath.Dir(dir), "."+filepath.Base(dir)+".spare")
}

// Stage starts writing a new version of dir, a build's output folder that
// reads nothing from in (see Inputs and resolve for what is refused).
func Stage(dir string, in Inputs) (*Staging, error) {
	dir = filepath.Clean(dir)
	_, base := filepath.Split(dir)
	// The staging folder and the spare are made next to dir in parent; for
	// ".", ".." or the root, parent is dir itself or inside it, so a failed
	// build would leave them in the output (and the swap cannot work).
	if base == "" || base == "." || base == ".." {
		return nil, refuse("output folder %q: must be a named folder, not the current folder, a parent or the root", dir)
	}
	target, err := resolve(dir, in)
	if err != nil {
		return nil, err
	}
	// A symlinked output is written through: the folder it names is
	// staged, swapped and recycled next to itself; the link stays.
	dir = target
	parent, base := filepath.Split(dir)
	if parent == "" {
		parent = "."
	}
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, err
	}
	lk, err := lock(filepath.Join(parent, "."+base+".lock"), dir)
	if err != nil {
		return nil, err
	}
	s := &Staging{dir: dir, spare: Spare(dir), lock: lk, queue: make(chan stagedFile, 256),
		done: make(chan struct{}), written: map[string]bool{MarkerName: true}}
	fail := func(err error) (*Staging, error) {
		s.unlock()
		return nil, err
	}
	// Checked again under the lock: a build that finished meanwhile may
	// have created dir.
	if _, err := resolve(dir, in); err != nil {
		return fail(err)
	}
	cleanLeftovers(parent, base)
	tmp, err := os.MkdirTemp(parent, "."+base+".new-")
	if err != nil {
		return fail(err)
	}
	s.tmp = tmp
	// Marked at once, so that a build killed from here on leaves a folder
	// the next one knows it may delete.
	if err := writeMarker(tmp); err != nil {
		os.RemoveAll(tmp)
		return fail(err)
	}
	// Only a spare that a build wrote is recycled; anything else by that
	// name is left alone (an empty folder, the former content of an empty
	// output folder, is removed).
	if fi, err := os.Lstat(s.spare); err == nil && fi.IsDir() {
		if hasMarker(s.spare) {
			// The marked reservation gives a unique name; the spare takes it.
			if os.RemoveAll(tmp) == nil && os.Rename(s.spare, tmp) == nil {
				s.listed = make(chan listing, 1)
				go func() { s.listed <- listFolder(tmp) }()
			} else if err := os.Mkdir(tmp, 0o755); err != nil && !errors.Is(err, fs.ErrExist) {
				return fail(err)
			}
			if err := writeMarker(tmp); err != nil {
				os.RemoveAll(tmp)
				return fail(err)
			}
		} else if isEmpty(s.spare) {
			_ = os.Remove(s.spare)
		}
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		os.RemoveAll(tmp)
		return fail(err)
	}
	go s.write()
	return s, nil
}

// writeMarker writes the marker into a staging folder.
func writeMarker(dir string) error {
	var scratch []byte
	return overwrite(filepath.Join(dir, MarkerName), markerData, &scratch)
}

// cleanLeftovers removes the staging folders of builds that were killed
// before they finished (".NAME.new-*", and ".swap" names of the rename
// fallback). It runs under the lock, so none of them belongs to a running
// build; only marked or empty folders are removed.
func cleanLeftovers(parent, base string) {
	matches, _ := filepath.Glob(filepath.Join(parent, "."+globEscape(base)+".new-*"))
	for _, m := range matches {
		fi, err := os.Lstat(m)
		if err != nil || !fi.IsDir() {
			continue
		}
		if hasMarker(m) {
			_ = os.RemoveAll(m)
		} else if isEmpty(m) {
			_ = os.Remove(m)
		}
	}
}

// globEscape quotes the characters filepath.Match treats specially.
func globEscape(s string) string {
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune(`*?[]\`, r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

func (s *Staging) unlock() {
	if s.lock != nil {
		s.lock.Close()
		s.lock = nil
	}
}

// listFolder is list; a test replaces it to make the listing fail.
var listFolder = list

// list returns the slash paths under root in WalkDir's order: each folder
// is followed by everything in it (removeStale relies on that).
func list(root string) listing {
	var out []string
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			// A folder the writer removed or replaced by a file meanwhile
			// is gone with what it held. Any other error means entries were
			// not seen, and an entry not seen is never removed: fail rather
			// than let stale files into the output.
			if errors.Is(err, fs.ErrNotExist) || errors.Is(err, syscall.ENOTDIR) {
				return nil
			}
			return err
		}
		if p != root {
			rel, _ := filepath.Rel(root, p)
			out = append(out, filepath.ToSlash(rel))
		}
		return nil
	})
	return listing{out, err}
}

func (s *Staging) write() {
	defer close(s.done)
	made := map[string]bool{}
	for f := range s.queue {
		s.writeFile(f, made)
		if f.done != nil {
			f.done()
		}
	}
}

// writeFile writes one queued file, or drops it after the first error
// (which Commit returns).
func (s *Staging) writeFile(f stagedFile, made map[string]bool) {
	if s.err != nil {
		return // drain
	}
	// Know the file by the path it is written at (filepath.Join cleans
	// "a//b", "./a", "/a"): removeStale and clearWay match written names
	// against the folder's real paths, and would otherwise delete it. A
	// name leading out of the staging folder (into the live output next
	// to it) or naming the folder itself is refused.
	rel, err := filepath.Rel(s.tmp, filepath.Join(s.tmp, filepath.FromSlash(f.name)))
	if err != nil || rel == "." || !filepath.IsLocal(rel) {
		s.err = fmt.Errorf("%q: not a file path inside the output folder", f.name)
		return
	}
	f.name = filepath.ToSlash(rel)
	if f.name == MarkerName {
		s.err = fmt.Errorf("%q: the name is reserved for the output folder's marker", f.name)
		return
	}
	if err := s.writeOne(f, made); err != nil {
		s.err = fmt.Errorf("%s: %w", f.name, err)
		return
	}
	s.written[f.name] = true
}

// writeOne writes one file into the staging folder. In a recycled folder,
// what a previous build left in the way (a folder where a file now goes, a
// file where a folder now goes) is removed and the write tried again.
func (s *Staging) writeOne(f stagedFile, made map[string]bool) error {
	p := filepath.Join(s.tmp, filepath.FromSlash(f.name))
	d := filepath.Dir(p)
	err := s.mkdir(d, made)
	if err == nil && s.listed == nil {
		// A fresh folder: the file is new, unless this build writes it twice.
		var existed bool
		if existed, err = create(p, f.data); err == nil && !existed {
			return nil
		}
	}
	if err == nil {
		err = overwrite(p, f.data, &s.scratch)
	}
	if err != nil && s.listed != nil && s.clearWay(f.name) {
		delete(made, d)
		if err = s.mkdir(d, made); err == nil {
			err = overwrite(p, f.data, &s.scratch)
		}
	}
	return err
}

// mkdir makes sure folder d exists, once per folder. One Mkdir is the
// common case (the parent was made for a sibling page); an existing entry
// is accepted here and found out by the write if it is not a folder.
func (s *Staging) mkdir(d string, made map[string]bool) error {
	if made[d] {
		return nil
	}
	err := mkdir(d, 0o755)
	if errors.Is(err, fs.ErrNotExist) {
		err = os.MkdirAll(d, 0o755)
	}
	if err != nil && !errors.Is(err, fs.ErrExist) {
		return err
	}
	made[d] = true
	return nil
}

// clearWay removes, on the way to the file name, the old files standing
// where folders must go and an old folder standing where the file must go.
// It reports whether it removed anything; it never removes what this build
// wrote.
func (s *Staging) clearWay(name string) bool {
	for i := 0; i <= len(name); i++ {
		if i < len(name) && name[i] != '/' {
			continue
		}
		prefix := name[:i]
		fp := filepath.Join(s.tmp, filepath.FromSlash(prefix))
		fi, err := os.Lstat(fp)
		switch {
		case err != nil:
			return false
		case i < len(name) && !fi.IsDir():
			// The rest of the way is free once this file is gone.
			return !s.written[prefix] && os.Remove(fp) == nil
		case i == len(name) && fi.IsDir():
			for w := range s.written {
				if strings.HasPrefix(w, name+"/") {
					return false
				}
			}
			return os.RemoveAll(fp) == nil
		}
	}
	return false
}

// overwrite writes b at p, reusing the file if there is one: rewriting an
// inode in place is cheaper than allocating one, and nothing reads the
// staging folder until it is complete. A file that already holds exactly b
// is left alone: no write, no disk traffic, and its modification time still
// says when its content last changed (which rsync-style deploys and
// Last-Modified headers rely on). A symlink or a file with other hard links
// is replaced, not written through. scratch is the writer's reusable buffer.
func overwrite(p string, b []byte, scratch *[]byte) error {
	f, err := openFile(p, os.O_RDWR|os.O_CREATE|noFollow, 0o644)
	if err != nil && isSymlinkError(err) && os.Remove(p) == nil {
		f, err = openFile(p, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o644)
	}
	if err != nil {
		return err
	}
	fi, err := f.Stat()
	if err == nil && fi.Size() == int64(len(b)) && len(b) > 0 {
		if cap(*scratch) < len(b) {
			*scratch = make([]byte, len(b))
		}
		old := (*scratch)[:len(b)]
		if n, _ := f.ReadAt(old, 0); n == len(b) && bytes.Equal(old, b) {
			return f.Close()
		}
	}
	if err == nil && shared(fi) {
		// Someone else's hard link to this file (a snapshot of an older
		// output) must keep its bytes: write a new file instead.
		f.Close()
		if err = os.Remove(p); err != nil {
			return err
		}
		if f, err = openFile(p, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o644); err != nil {
			return err
		}
		fi, err = f.Stat()
	}
	if err == nil {
		_, err = f.WriteAt(b, 0)
	}
	if err == nil && fi.Size() > int64(len(b)) {
		err = f.Truncate(int64(len(b))) // a longer old file leaves a tail
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// Put queues one file (a slash path relative to the output folder); write
// errors are returned by Commit. b must not change until Commit or Abort.
func (s *Staging) Put(name string, b []byte) error { return s.PutThen(name, b, nil) }

// PutThen is Put that calls done (if not nil) once b is written, or dropped
// after a write error: the caller may then reuse b. A build that renders
// each page into a pooled buffer gets it back this way.
func (s *Staging) PutThen(name string, b []byte, done func()) error {
	s.queue <- stagedFile{name, b, done}
	return nil
}

// flush waits for every queued file to be written.
func (s *Staging) flush() error {
	select {
	case <-s.done:
	default:
		close(s.queue)
		<-s.done
	}
	return s.err
}

// Abort stops writing; the output folder is untouched. The staging folder
// is kept as the spare for the next build.
func (s *Staging) Abort() {
	defer s.unlock()
	_ = s.flush()
	if s.listed != nil {
		<-s.listed
		s.listed = nil
	}
	if os.Rename(s.tmp, s.spare) != nil {
		os.RemoveAll(s.tmp)
	}
}

// Commit removes what a previous build left in the staging folder and this
// one did not write, then swaps the staging folder with the output folder.
// On failure the output folder is as it was.
func (s *Staging) Commit() error {
	defer s.unlock()
	if err := s.flush(); err != nil {
		s.Abort()
		return err
	}
	if err := s.removeStale(); err != nil {
		s.Abort()
		return err
	}
	// What was checked at Stage is checked again before the swap: a
	// folder someone put at dir during the build is not replaced.
	fi, err := os.Lstat(s.dir)
	if err == nil && (!fi.IsDir() || !hasMarker(s.dir) && !isEmpty(s.dir)) {
		s.Abort()
		return refuse("output folder %s changed during the build and is no longer a build's output: left untouched", s.dir)
	}
	if errors.Is(err, fs.ErrNotExist) {
		if err := os.Rename(s.tmp, s.dir); err != nil {
			s.Abort()
			return err
		}
		return nil
	}
	if err := exchange(s.tmp, s.dir); err != nil {
		s.Abort()
		return fmt.Errorf("cannot swap the new %s in: %w", s.dir, err)
	}
	// s.tmp now holds the previous output: it becomes the spare.
	if os.Rename(s.tmp, s.spare) != nil {
		return os.RemoveAll(s.tmp)
	}
	return nil
}

// removeStale deletes the recycled folder's entries that are neither a
// file written by this build nor a folder on the way to one.
func (s *Staging) removeStale() error {
	if s.listed == nil {
		return nil
	}
	l := <-s.listed
	s.listed = nil
	if l.err != nil {
		return fmt.Errorf("listing the recycled folder: %w", l.err)
	}
	old := l.paths
	keep := make(map[string]bool, len(s.written)*2)
	for name := range s.written {
		for p := name; p != "." && !keep[p]; p = path.Dir(p) {
			keep[p] = true
		}
	}
	gone := "" // the last folder removed: what follows it inside is gone too
	for _, p := range old {
		if keep[p] || gone != "" && strings.HasPrefix(p, gone+"/") {
			continue
		}
		// ENOTDIR: a folder on the way is now a file of this build, so the
		// entry is gone already.
		if err := os.RemoveAll(filepath.Join(s.tmp, filepath.FromSlash(p))); err != nil && !errors.Is(err, syscall.ENOTDIR) {
			return err
		}
		gone = p
	}
	return nil
}

// exchangeByRenames swaps a and b through a third name. If the second
// rename fails, b is put back.
func exchangeByRenames(a, b string) error {
	aside := a + ".swap"
	if err := os.Rename(b, aside); err != nil {
		return err
	}
	if err := os.Rename(a, b); err != nil {
		_ = os.Rename(aside, b)
		return err
	}
	return os.Rename(aside, a)
}

package serve

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/fsnotify/fsnotify"
)

// Watch rebuilds on changes until ctx is done. Events are collected into a
// set of changed paths; the rebuild starts once no event has arrived for
// the debounce interval, so an editor's write-temp-then-rename save or a
// `git checkout` of many files makes one build.
func (s *Server) Watch(ctx context.Context) error {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return err
	}
	defer w.Close()
	root := s.opts.Src
	// The root itself (non-recursively) for site.toml: an atomic save
	// replaces the file, which a watch on the file alone would lose.
	if err := w.Add(root); err != nil {
		return err
	}
	for _, top := range []string{"content", "data", "themes"} {
		s.addTree(w, filepath.Join(root, top))
	}
	s.mu.Lock()
	s.watching = true
	s.mu.Unlock()

	pending := map[string]bool{}
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil
		case err, ok := <-w.Errors:
			if !ok {
				return nil
			}
			fmt.Fprintf(s.opts.Log, "watch: %v\n", err)
		case ev, ok := <-w.Events:
			if !ok {
				return nil
			}
			rel, err := filepath.Rel(root, ev.Name)
			if err != nil {
				continue
			}
			rel = filepath.ToSlash(rel)
			if !isInput(rel) {
				continue
			}
			if ev.Has(fsnotify.Create) {
				// A new folder: watch it and everything already in it (a
				// folder moved in arrives whole, with no events inside).
				if fi, err := os.Stat(ev.Name); err == nil && fi.IsDir() {
					s.addTree(w, ev.Name)
				}
			}
			if ignored(rel) {
				continue
			}
			pending[rel] = true
			timer.Reset(s.opts.Debounce)
		case <-timer.C:
			paths := make([]string, 0, len(pending))
			for p := range pending {
				paths = append(paths, p)
			}
			pending = map[string]bool{}
			s.Changed(paths)
		}
	}
}

// addTree watches a folder and its subfolders (fsnotify is not recursive).
func (s *Server) addTree(w *fsnotify.Watcher, dir string) {
	_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if d.IsDir() {
			if err := w.Add(p); err != nil {
				fmt.Fprintf(s.opts.Log, "watch %s: %v\n", p, err)
			}
		}
		return nil
	})
}

// Watching reports whether the watcher is set up (tests wait for it before
// touching files).
func (s *Server) Watching() bool {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.watching
}

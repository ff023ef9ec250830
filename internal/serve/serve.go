// Package serve is the live preview: it builds the site in memory, serves
// it over HTTP, watches the sources and rebuilds on every save, and tells
// open pages to reload through Server-Sent Events.
//
// Contract:
//   - Only files of the last good build are served, from memory: no request
//     reaches the disk, so ".." segments, encoded slashes or backslashes
//     (refused with 400) and symlinks cannot expose anything outside the
//     site. The listener binds loopback; another address needs Public
//     (and gets a warning). Only requests whose Host is loopback, -addr's
//     or -base's host are answered (421 otherwise: DNS rebinding), and at
//     most MaxClients live-reload streams are held.
//   - A build with errors keeps the last good site; every HTML response then
//     carries an overlay listing each error (file:line:col, message, the
//     lines around it highlighted by chroma with CSS classes). The terminal
//     gets the same list.
//   - In serve mode only, HTML responses get an external
//     <script src="/_serve/reload.js"> (no inline script: the pages' CSP
//     allows 'self'). The script listens on /_serve/events and reloads.
//   - Watching covers content/, data/, themes/ and site.toml, including
//     folders created later. Bursts of events (editors' atomic saves:
//     write temp, rename) are coalesced by a short debounce; a change that
//     leaves every input byte-identical triggers no rebuild.
//   - Builds read from an in-memory snapshot of the inputs that is updated
//     only for the paths that changed, so a rebuild never rereads the tree.
package serve

import (
	"bytes"
	"context"
	"crypto/sha256"
	"fmt"
	"io"
	"io/fs"
	"mime"
	"net"
	"net/http"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/cire-asbl/fabrique/internal/diag"
	"github.com/cire-asbl/fabrique/internal/memfs"
	"github.com/cire-asbl/fabrique/internal/output"
	"github.com/cire-asbl/fabrique/internal/site"
)

// Options configure a Server.
type Options struct {
	Src      string        // site root (default ".")
	Addr     string        // listen address (default 127.0.0.1:1313)
	BaseURL  string        // base URL of the preview (default http://Addr/)
	Debounce time.Duration // quiet time before a rebuild (default 15ms: editors' atomic saves arrive within a millisecond or two)
	Log      io.Writer     // build reports (default io.Discard)
	// Public allows Addr to be other than loopback (the preview is then
	// reachable from the network: a warning is printed).
	Public bool
}

// MaxClients bounds the live-reload streams held open at once; more get
// 503 (each holds a connection and a goroutine; a page holds one).
const MaxClients = 64

// DefaultAddr is loopback only: a preview is not a public server.
const DefaultAddr = "127.0.0.1:1313"

// watched are the inputs, relative to the site root; a trailing slash marks
// a folder watched recursively.
var watched = []string{"content/", "data/", "themes/", "site.toml"}

// Build is one finished build as the server sees it.
type Build struct {
	Seq      int           // 1 for the first build, +1 per build
	Duration time.Duration // time spent in site.Generate
	Errors   []diag.Problem
	Warnings int
	Skipped  bool // inputs unchanged: nothing was rebuilt
}

// Server holds the last good site and the current problems.
type Server struct {
	opts Options

	// snap is the inputs in memory; only the build goroutine touches it.
	snap    memfs.FS
	hashes  map[string][32]byte
	buildMu sync.Mutex  // one build at a time
	cache   *site.Cache // unchanged pages are not converted or rendered again

	mu       sync.RWMutex
	files    output.Files // last good site
	errors   []diag.Problem
	warnings []diag.Problem    // shown in the overlay too: they fail -strict (CI)
	sources  map[string][]byte // file bytes for the overlay's excerpts
	seq      int
	subs     map[chan int]struct{}
	hosts    []string   // Host names answered besides loopback (see allowedHost)
	builds   chan Build // optional observer (tests)
	watching bool
}

// New loads the inputs and runs the first build.
func New(opts Options) (*Server, error) {
	if opts.Src == "" {
		opts.Src = "."
	}
	if opts.Addr == "" {
		opts.Addr = DefaultAddr
	}
	if opts.BaseURL == "" {
		opts.BaseURL = "http://" + opts.Addr + "/"
	}
	if opts.Debounce == 0 {
		opts.Debounce = 15 * time.Millisecond
	}
	if opts.Log == nil {
		opts.Log = io.Discard
	}
	if _, err := os.Stat(filepath.Join(opts.Src, "site.toml")); err != nil {
		return nil, fmt.Errorf("%s is not a site root (no site.toml): %w", opts.Src, err)
	}
	s := &Server{opts: opts, snap: memfs.FS{}, hashes: map[string][32]byte{}, subs: map[chan int]struct{}{},
		hosts: allowedHosts(opts)}
	for _, w := range watched {
		s.readPath(strings.TrimSuffix(w, "/"))
	}
	s.build()
	return s, nil
}

// ignored says whether a file name is an editor's scratch file, which
// neither changes the site nor deserves a rebuild.
func ignored(name string) bool {
	base := path.Base(name)
	return strings.HasPrefix(base, ".") || strings.HasSuffix(base, "~") ||
		strings.HasSuffix(base, ".swp") || strings.HasSuffix(base, ".swx") || base == "4913"
}

// isInput says whether a slash path relative to the root is watched.
func isInput(rel string) bool {
	for _, w := range watched {
		if rel == strings.TrimSuffix(w, "/") || (strings.HasSuffix(w, "/") && strings.HasPrefix(rel, w)) {
			return true
		}
	}
	return false
}

// readPath (re)reads one input path into the snapshot: a file, a folder
// (recursively), or a path that no longer exists (removed with everything
// under it). It reports whether any byte changed.
func (s *Server) readPath(rel string) bool {
	changed := false
	abs := filepath.Join(s.opts.Src, filepath.FromSlash(rel))
	fi, err := os.Lstat(abs)
	if err != nil {
		prefix := rel + "/"
		for p := range s.snap {
			if p == rel || strings.HasPrefix(p, prefix) {
				delete(s.snap, p)
				delete(s.hashes, p)
				changed = true
			}
		}
		return changed
	}
	if fi.Mode()&fs.ModeSymlink != 0 {
		// Kept as a link, never followed: the build refuses links in
		// content/ and data/ as it does on disk, and neither a page nor
		// the overlay's excerpts can show a file outside the tree.
		if ignored(rel) {
			return false
		}
		target, err := os.Readlink(abs)
		if err != nil {
			return false
		}
		sum := sha256.Sum256([]byte("link:" + target))
		if old, ok := s.hashes[rel]; ok && old == sum {
			return false
		}
		s.snap[rel] = &memfs.File{Data: []byte(target), Mode: fs.ModeSymlink | 0o777}
		s.hashes[rel] = sum
		return true
	}
	if !fi.IsDir() {
		if ignored(rel) {
			return false
		}
		data, err := os.ReadFile(abs)
		if err != nil {
			return false // being written; the next event rereads it
		}
		sum := sha256.Sum256(data)
		if old, ok := s.hashes[rel]; ok && old == sum {
			return false
		}
		s.snap[rel] = &memfs.File{Data: data}
		s.hashes[rel] = sum
		return true
	}
	// A folder: drop what vanished, read what is there.
	present := map[string]bool{}
	_ = filepath.WalkDir(abs, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil
		}
		r, _ := filepath.Rel(s.opts.Src, p)
		r = filepath.ToSlash(r)
		present[r] = true
		if s.readPath(r) {
			changed = true
		}
		return nil
	})
	prefix := rel + "/"
	for p := range s.snap {
		if strings.HasPrefix(p, prefix) && !present[p] {
			delete(s.snap, p)
			delete(s.hashes, p)
			changed = true
		}
	}
	return changed
}

// build runs site.Generate on the snapshot and publishes the result.
func (s *Server) build() Build {
	s.buildMu.Lock()
	defer s.buildMu.Unlock()
	start := time.Now()
	if s.cache == nil {
		s.cache = site.NewCache()
	}
	res := site.Generate(s.snap, site.Options{BaseURL: s.opts.BaseURL, Cache: s.cache})
	b := Build{Duration: time.Since(start)}
	var warns []diag.Problem
	for _, p := range res.Problems.Sorted() {
		if p.Severity == diag.Error {
			b.Errors = append(b.Errors, p)
		} else if p.Severity == diag.Warning {
			b.Warnings++
			warns = append(warns, p)
		}
	}
	srcs := map[string][]byte{}
	for _, p := range append(b.Errors, warns...) {
		if f, ok := s.snap[p.Path]; ok && f.Mode.IsRegular() {
			srcs[p.Path] = f.Data
		}
	}
	s.mu.Lock()
	if len(b.Errors) == 0 {
		s.files = res.Files
	}
	s.errors, s.warnings, s.sources = b.Errors, warns, srcs
	s.seq++
	b.Seq = s.seq
	for ch := range s.subs {
		select {
		case ch <- b.Seq:
		default: // a slow client gets the next one
		}
	}
	obs := s.builds
	s.mu.Unlock()
	s.report(b, res.Problems)
	if obs != nil {
		obs <- b
	}
	return b
}

func (s *Server) report(b Build, problems *diag.List) {
	w := s.opts.Log
	for _, p := range problems.Sorted() {
		fmt.Fprintln(w, p.Error())
	}
	s.mu.RLock()
	n := len(s.files)
	s.mu.RUnlock()
	if len(b.Errors) > 0 {
		fmt.Fprintf(w, "build %d: %d error(s) in %v; still serving the last good site (%d files)\n", b.Seq, len(b.Errors), b.Duration.Round(time.Millisecond), n)
		return
	}
	fmt.Fprintf(w, "build %d: %d files in %v\n", b.Seq, n, b.Duration.Round(time.Millisecond))
}

// Changed applies a set of changed input paths (relative, slash-separated)
// and rebuilds if any byte differs. It is what the watcher calls after the
// debounce; tests may call it directly.
func (s *Server) Changed(paths []string) Build {
	sort.Strings(paths)
	changed := false
	for _, p := range paths {
		if s.readPath(p) {
			changed = true
		}
	}
	if !changed {
		s.mu.RLock()
		b := Build{Seq: s.seq, Skipped: true}
		s.mu.RUnlock()
		return b
	}
	return s.build()
}

// Errors returns the problems of the latest build.
func (s *Server) Errors() []diag.Problem {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return append([]diag.Problem(nil), s.errors...)
}

// Run serves until ctx is done: listen, watch, rebuild.
func Run(ctx context.Context, opts Options) error {
	s, err := New(opts)
	if err != nil {
		return err
	}
	loopback, err := isLoopback(s.opts.Addr)
	if err != nil {
		return err
	}
	if !loopback && !s.opts.Public {
		return fmt.Errorf("-addr %s is reachable from other machines: the preview is for this computer (use 127.0.0.1:PORT), or add -public to expose it on purpose", s.opts.Addr)
	}
	ln, err := net.Listen("tcp", s.opts.Addr)
	if err != nil {
		return err
	}
	if !loopback {
		fmt.Fprintf(s.opts.Log, "warning: the preview at %s is reachable from your network: anyone who can reach this machine can read the draft site\n", ln.Addr())
	}
	srv := &http.Server{Handler: s.Handler(), ReadHeaderTimeout: 10 * time.Second}
	fmt.Fprintf(s.opts.Log, "serving %s on http://%s/ (Ctrl-C to stop)\n", s.opts.Src, ln.Addr())
	watchErr := make(chan error, 1)
	go func() { watchErr <- s.Watch(ctx) }()
	go func() {
		<-ctx.Done()
		sctx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		s.closeSubs()
		_ = srv.Shutdown(sctx)
	}()
	if err := srv.Serve(ln); err != nil && err != http.ErrServerClosed {
		return err
	}
	select {
	case err := <-watchErr:
		return err
	case <-time.After(time.Second):
		return nil
	}
}

func (s *Server) closeSubs() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for ch := range s.subs {
		close(ch)
		delete(s.subs, ch)
	}
}

// mimeType by extension, with the types a static host would send.
func mimeType(name string) string {
	switch path.Ext(name) {
	case ".html":
		return "text/html; charset=utf-8"
	case "":
		return "text/plain; charset=utf-8"
	}
	if t := mime.TypeByExtension(path.Ext(name)); t != "" {
		return t
	}
	return "application/octet-stream"
}

// lookup finds a file of the last good site for a clean request path.
func (s *Server) lookup(p string) (name string, data []byte, ok bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	name = strings.TrimPrefix(p, "/")
	if name == "" || strings.HasSuffix(name, "/") {
		name += "index.html"
	}
	data, ok = s.files[name]
	return name, data, ok
}

// inject adds the reload script and, when the latest build failed, the
// error overlay, just before </body>.
func (s *Server) inject(page []byte) []byte {
	var extra bytes.Buffer
	s.mu.RLock()
	errs, warns, srcs := s.errors, s.warnings, s.sources
	s.mu.RUnlock()
	if len(errs)+len(warns) > 0 {
		extra.WriteString(`<link rel="stylesheet" href="/_serve/overlay.css">`)
		extra.WriteString(overlayHTML(errs, warns, srcs))
	}
	extra.WriteString(`<script src="/_serve/reload.js"></script>`)
	i := bytes.LastIndex(page, []byte("</body>"))
	if i < 0 {
		return append(append([]byte(nil), page...), extra.Bytes()...)
	}
	out := make([]byte, 0, len(page)+extra.Len())
	out = append(out, page[:i]...)
	out = append(out, extra.Bytes()...)
	return append(out, page[i:]...)
}

// SetBuildObserver makes every finished build be sent on ch (tests).
func (s *Server) SetBuildObserver(ch chan Build) {
	s.mu.Lock()
	s.builds = ch
	s.mu.Unlock()
}

// isLoopback reports whether addr ("host:port") binds loopback only.
func isLoopback(addr string) (bool, error) {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false, fmt.Errorf("-addr %q: %v (use host:port, e.g. 127.0.0.1:1313)", addr, err)
	}
	if host == "localhost" {
		return true, nil
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback(), nil
}

// allowedHosts lists the host names a request may carry besides loopback.
func allowedHosts(opts Options) []string {
	var out []string
	add := func(h string) {
		h = strings.ToLower(strings.TrimSuffix(strings.Trim(h, "[]"), "."))
		if h != "" {
			out = append(out, h)
		}
	}
	host, _, _ := net.SplitHostPort(opts.Addr)
	add(host)
	if u, err := url.Parse(opts.BaseURL); err == nil {
		add(u.Hostname())
	}
	if ip := net.ParseIP(host); host == "" || ip != nil && ip.IsUnspecified() {
		if addrs, err := net.InterfaceAddrs(); err == nil {
			for _, a := range addrs {
				if n, ok := a.(*net.IPNet); ok {
					add(n.IP.String())
				}
			}
		}
		if name, err := os.Hostname(); err == nil {
			add(name)
		}
	}
	return out
}

package qa

import (
	"errors"
	"mime"
	"net"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strings"
)

// Server serves a built site from 127.0.0.1 on a random port, the way a
// static host would: directory URLs serve their index.html, and every
// response carries the headers the site's _headers file gives its path.
type Server struct {
	URL   string // origin, e.g. "http://127.0.0.1:41234", no trailing slash
	dir   string
	rules []headerRule
	ln    net.Listener
	srv   *http.Server
}

// Listen opens the listener before the site exists, so that the caller can
// build the site with the server's origin as its base URL; call Serve next.
func Listen() (*Server, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	return &Server{URL: "http://" + ln.Addr().String(), ln: ln}, nil
}

// Serve starts serving dir, reading its _headers file if it has one.
func (s *Server) Serve(dir string) error {
	s.dir = dir
	if b, err := os.ReadFile(filepath.Join(dir, "_headers")); err == nil {
		s.rules = parseHeaders(b)
	} else if !errors.Is(err, os.ErrNotExist) {
		return err
	}
	s.srv = &http.Server{Handler: s}
	go s.srv.Serve(s.ln)
	return nil
}

// Close stops the server.
func (s *Server) Close() error {
	if s.srv == nil {
		return s.ln.Close()
	}
	return s.srv.Close()
}

func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	p := path.Clean("/" + r.URL.Path)
	if strings.HasSuffix(r.URL.Path, "/") && p != "/" {
		p += "/"
	}
	file := filepath.Join(s.dir, filepath.FromSlash(p))
	if fi, err := os.Stat(file); err == nil && fi.IsDir() {
		if !strings.HasSuffix(p, "/") {
			http.Redirect(w, r, p+"/", http.StatusMovedPermanently)
			return
		}
		file = filepath.Join(file, "index.html")
	}
	status := http.StatusOK
	b, err := os.ReadFile(file)
	if err != nil || strings.HasPrefix(path.Base(p), "_") {
		// _headers and friends are instructions to the host, not pages.
		status = http.StatusNotFound
		file = filepath.Join(s.dir, "404.html")
		if b, err = os.ReadFile(file); err != nil {
			b = []byte("not found")
			file = "404.txt"
		}
	}
	for k, vs := range headersFor(s.rules, p) {
		for _, v := range vs {
			w.Header().Add(k, v)
		}
	}
	ct := mime.TypeByExtension(filepath.Ext(file))
	if ct == "" {
		ct = http.DetectContentType(b)
	}
	w.Header().Set("Content-Type", ct)
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		w.Write(b)
	}
}

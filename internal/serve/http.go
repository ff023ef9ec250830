package serve

import (
	"fmt"
	"net"
	"net/http"
	"strings"
	"time"
)

// Handler serves the site, the reload script, the overlay's stylesheet and
// the event stream.
func (s *Server) Handler() http.Handler {
	return http.HandlerFunc(s.serveHTTP)
}

// unsafePath refuses what could name something outside the site, before
// any lookup: net/http has already decoded %2e%2e into "..", but an encoded
// slash stays encoded in RawPath, so the escaped form is checked as well.
func unsafePath(r *http.Request) bool {
	raw := strings.ToLower(r.URL.EscapedPath())
	if strings.Contains(raw, "%2f") || strings.Contains(raw, "%5c") || strings.Contains(raw, "%00") {
		return true
	}
	p := r.URL.Path
	if !strings.HasPrefix(p, "/") || strings.HasPrefix(p, "//") || strings.ContainsAny(p, "\\\x00") {
		return true
	}
	for _, seg := range strings.Split(p[1:], "/") {
		if seg == ".." || seg == "." {
			return true
		}
	}
	return false
}

func (s *Server) serveHTTP(w http.ResponseWriter, r *http.Request) {
	if !s.allowedHost(r.Host) {
		// DNS rebinding: a page on attacker.example whose name now points
		// at 127.0.0.1 would otherwise read the preview.
		http.Error(w, "misdirected request: this preview answers only to localhost", http.StatusMisdirectedRequest)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	if unsafePath(r) {
		http.Error(w, "bad path", http.StatusBadRequest)
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	switch r.URL.Path {
	case "/_serve/events":
		s.events(w, r)
		return
	case "/_serve/reload.js":
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
		fmt.Fprint(w, reloadJS)
		return
	case "/_serve/overlay.css":
		w.Header().Set("Content-Type", "text/css; charset=utf-8")
		fmt.Fprint(w, overlayCSS())
		return
	}
	name, data, ok := s.lookup(r.URL.Path)
	if !ok && !strings.HasSuffix(r.URL.Path, "/") {
		// /fr/a → /fr/a/ when that page exists, as static hosts do.
		if _, _, dir := s.lookup(r.URL.Path + "/"); dir {
			http.Redirect(w, r, r.URL.Path+"/", http.StatusMovedPermanently)
			return
		}
	}
	status := http.StatusOK
	if !ok {
		status = http.StatusNotFound
		name, data, ok = s.lookup("/404.html")
		if !ok {
			name, data = "404.html", []byte("<!DOCTYPE html><title>404</title><body><p>not found</p></body>")
		}
	}
	ctype := mimeType(name)
	if strings.HasPrefix(ctype, "text/html") {
		data = s.inject(data)
	}
	w.Header().Set("Content-Type", ctype)
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		_, _ = w.Write(data)
	}
}

// events is the Server-Sent Events stream: one "data: SEQ" message per
// finished build. Pages reload on any message.
func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	fl, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	ch := make(chan int, 1)
	s.mu.Lock()
	if len(s.subs) >= MaxClients {
		s.mu.Unlock()
		http.Error(w, "too many live-reload clients", http.StatusServiceUnavailable)
		return
	}
	s.subs[ch] = struct{}{}
	seq := s.seq
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		delete(s.subs, ch)
		s.mu.Unlock()
	}()
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Connection", "keep-alive")
	// The first message states the current build. After a reconnect (a
	// server restart, a laptop waking up) the script compares it with the
	// number it saw first and reloads if builds happened in between.
	fmt.Fprintf(w, "retry: 500\nevent: hello\ndata: %d\n\n", seq)
	fl.Flush()
	ping := time.NewTicker(20 * time.Second)
	defer ping.Stop()
	for {
		select {
		case <-r.Context().Done():
			return
		case n, open := <-ch:
			if !open {
				return
			}
			fmt.Fprintf(w, "event: reload\ndata: %d\n\n", n)
			fl.Flush()
		case <-ping.C:
			fmt.Fprint(w, ": ping\n\n")
			fl.Flush()
		}
	}
}

// reloadJS listens for builds and reloads the page, keeping the scroll
// position across the reload so an editor stays where they were reading.
const reloadJS = `// Live preview (serve mode only): reload when the site is rebuilt.
(function () {
  "use strict";
  var key = "_serve.scroll:" + location.pathname;
  try {
    var y = sessionStorage.getItem(key);
    if (y !== null) { sessionStorage.removeItem(key); window.scrollTo(0, +y); }
  } catch (e) {}
  function reload() {
    try { sessionStorage.setItem(key, String(window.scrollY)); } catch (e) {}
    location.reload();
  }
  var seen = null;
  var es = new EventSource("/_serve/events");
  es.addEventListener("hello", function (e) {
    if (seen !== null && e.data !== seen) { reload(); }
    seen = e.data;
  });
  es.addEventListener("reload", reload);
})();
`

// allowedHost reports whether a request's Host names this preview:
// loopback names, the host of -addr, the host of -base, and, when -addr
// binds every interface (with -public), this machine's addresses.
func (s *Server) allowedHost(hostport string) bool {
	host := hostport
	if h, _, err := net.SplitHostPort(hostport); err == nil {
		host = h
	}
	host = strings.ToLower(strings.TrimSuffix(strings.Trim(host, "[]"), "."))
	switch host {
	case "localhost", "127.0.0.1", "::1":
		return true
	case "":
		return false
	}
	for _, a := range s.hosts {
		if host == a {
			return true
		}
	}
	return false
}

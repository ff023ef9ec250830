package serve

import (
	"bufio"
	"context"
	"io"
	"io/fs"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// fixture is a small trilingual site; the theme is the repository's own.
var fixture = map[string]string{
	"site.toml": `title = "Test"
baseURL = "https://example.org/"
defaultLanguage = "fr"
theme = "default"
asOf = "2025-12-01"
[[languages]]
code = "fr"
name = "Français"
[[languages]]
code = "nl"
name = "Nederlands"
[[languages]]
code = "en"
name = "English"
`,
	"content/fr/index.md": "---\ntitle: Accueil\ndescription: Le site.\nkey: home\n---\nBienvenue. Voir [à propos](ref:about).\n",
	"content/nl/index.md": "---\ntitle: Home\ndescription: De site.\nkey: home\n---\nWelkom.\n",
	"content/en/index.md": "---\ntitle: Home\ndescription: The site.\nkey: home\n---\nWelcome.\n",
	"content/fr/about.md": "---\ntitle: À propos\ndescription: Qui.\nkey: about\n---\n## Qui\n\nPremier texte.\n",
}

// harness is a server on a temp copy of the fixture, with its watcher
// running and one SSE client connected.
type harness struct {
	t      *testing.T
	dir    string
	srv    *Server
	http   *httptest.Server
	events chan string // "reload" data lines
	builds chan Build
}

func newHarness(t *testing.T) *harness {
	t.Helper()
	dir := t.TempDir()
	for name, body := range fixture {
		write(t, filepath.Join(dir, name), body)
	}
	copyTree(t, "../../themes", filepath.Join(dir, "themes"))
	srv, err := New(Options{Src: dir, Debounce: 30 * time.Millisecond, BaseURL: "http://127.0.0.1/"})
	if err != nil {
		t.Fatal(err)
	}
	if errs := srv.Errors(); len(errs) > 0 {
		t.Fatalf("fixture does not build: %v", errs)
	}
	h := &harness{t: t, dir: dir, srv: srv, events: make(chan string, 16), builds: make(chan Build, 16)}
	srv.SetBuildObserver(h.builds)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { _ = srv.Watch(ctx); close(done) }()
	for !srv.Watching() {
		time.Sleep(5 * time.Millisecond)
	}
	h.http = httptest.NewServer(srv.Handler())
	t.Cleanup(func() {
		cancel()
		srv.closeSubs()
		h.http.Close()
		<-done
	})
	h.subscribe()
	return h
}

// subscribe connects to the event stream and forwards reload events.
func (h *harness) subscribe() {
	resp, err := http.Get(h.http.URL + "/_serve/events")
	if err != nil {
		h.t.Fatal(err)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "text/event-stream" {
		h.t.Fatalf("events content type %q", ct)
	}
	hello := make(chan struct{})
	go func() {
		defer resp.Body.Close()
		sc := bufio.NewScanner(resp.Body)
		event := ""
		for sc.Scan() {
			line := sc.Text()
			switch {
			case strings.HasPrefix(line, "event: "):
				event = strings.TrimPrefix(line, "event: ")
			case strings.HasPrefix(line, "data: ") && event == "hello":
				close(hello)
			case strings.HasPrefix(line, "data: ") && event == "reload":
				h.events <- strings.TrimPrefix(line, "data: ")
			}
		}
	}()
	select {
	case <-hello:
	case <-time.After(5 * time.Second):
		h.t.Fatal("no hello event on /_serve/events")
	}
}

// waitReload waits for the reload event of the next build and returns it.
func (h *harness) waitReload() Build {
	h.t.Helper()
	var b Build
	select {
	case b = <-h.builds:
	case <-time.After(10 * time.Second):
		h.t.Fatal("no rebuild within 10s of the change")
	}
	select {
	case <-h.events:
	case <-time.After(5 * time.Second):
		h.t.Fatal("rebuilt, but no reload event reached the browser")
	}
	return b
}

func (h *harness) get(p string) (int, string) {
	h.t.Helper()
	resp, err := http.Get(h.http.URL + p)
	if err != nil {
		h.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func write(t *testing.T, p, body string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
}

func copyTree(t *testing.T, from, to string) {
	t.Helper()
	err := filepath.WalkDir(from, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		write(t, filepath.Join(to, rel), string(b))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestWatch drives the server through real fsnotify events, one change at
// a time, checking what is served after each reload event.
func TestWatch(t *testing.T) {
	h := newHarness(t)
	about := filepath.Join(h.dir, "content/fr/about.md")
	page := func(title, body string) string {
		return "---\ntitle: " + title + "\ndescription: Qui.\nkey: about\n---\n## Qui\n\n" + body + "\n"
	}
	steps := []struct {
		name   string
		change func()
		url    string
		status int
		want   []string // substrings of the body
		absent []string
	}{
		{
			name:   "edit",
			change: func() { write(t, about, page("À propos", "Texte modifié.")) },
			url:    "/fr/about/", status: 200,
			want:   []string{"Texte modifié", `<script src="/_serve/reload.js"></script>`},
			absent: []string{"Premier texte", "Build failed"},
		},
		{
			name: "atomic save (write temp, rename over)",
			change: func() {
				tmp := about + ".tmp~"
				write(t, tmp, page("À propos", "Sauvé atomiquement."))
				must(t, os.Rename(tmp, about))
			},
			url: "/fr/about/", status: 200,
			want: []string{"Sauvé atomiquement"},
		},
		{
			name: "create",
			change: func() {
				write(t, filepath.Join(h.dir, "content/fr/new.md"), "---\ntitle: Nouvelle\nkey: new\n---\nUne nouvelle page.\n")
			},
			url: "/fr/new/", status: 200,
			want: []string{"Une nouvelle page"},
		},
		{
			name: "create in a new folder",
			change: func() {
				write(t, filepath.Join(h.dir, "content/fr/sub/deep/page.md"), "---\ntitle: Profonde\nkey: deep\n---\nTout au fond.\n")
			},
			url: "/fr/sub/deep/page/", status: 200,
			want: []string{"Tout au fond"},
		},
		{
			name: "edit in the new folder (now watched)",
			change: func() {
				write(t, filepath.Join(h.dir, "content/fr/sub/deep/page.md"), "---\ntitle: Profonde\nkey: deep\n---\nModifiée au fond.\n")
			},
			url: "/fr/sub/deep/page/", status: 200,
			want: []string{"Modifiée au fond"},
		},
		{
			name: "rename",
			change: func() {
				must(t, os.Rename(filepath.Join(h.dir, "content/fr/new.md"), filepath.Join(h.dir, "content/fr/renamed.md")))
			},
			url: "/fr/renamed/", status: 200,
			want: []string{"Une nouvelle page"},
		},
		{
			name:   "rename: old URL gone",
			change: nil,
			url:    "/fr/new/", status: 404,
		},
		{
			name:   "delete",
			change: func() { must(t, os.Remove(filepath.Join(h.dir, "content/fr/renamed.md"))) },
			url:    "/fr/renamed/", status: 404,
		},
		{
			name:   "break front matter: overlay with file:line, last good page underneath",
			change: func() { write(t, about, "---\ntitle: À propos\ndescription: [Qui\nkey: about\n---\nCassé.\n") },
			url:    "/fr/about/", status: 200,
			want: []string{
				`id="serve-overlay"`, "content/fr/about.md:4:1", `<link rel="stylesheet" href="/_serve/overlay.css">`,
				`class="chroma"`, `class="line hl"`, "Sauvé atomiquement", // the last good build
			},
			absent: []string{"<p>Cassé"},
		},
		{
			name:   "fix front matter: overlay gone",
			change: func() { write(t, about, page("À propos", "Réparé.")) },
			url:    "/fr/about/", status: 200,
			want:   []string{"Réparé"},
			absent: []string{"Build failed"},
		},
	}
	for _, st := range steps {
		if st.change != nil {
			st.change()
			b := h.waitReload()
			// Tools may emit several events for one change, spread over
			// more than the debounce: settle before reading.
			h.settle()
			t.Logf("%s: build %d in %v", st.name, b.Seq, b.Duration)
		}
		status, body := h.get(st.url)
		if status != st.status {
			t.Errorf("%s: GET %s = %d, want %d", st.name, st.url, status, st.status)
		}
		for _, w := range st.want {
			if !strings.Contains(body, w) {
				t.Errorf("%s: GET %s lacks %q; errors: %v", st.name, st.url, w, h.srv.Errors())
			}
		}
		for _, a := range st.absent {
			if strings.Contains(body, a) {
				t.Errorf("%s: GET %s still has %q", st.name, st.url, a)
			}
		}
	}
}

// settle drains builds and reload events until none arrives for a while.
func (h *harness) settle() {
	for {
		select {
		case <-h.builds:
		case <-h.events:
		case <-time.After(150 * time.Millisecond):
			return
		}
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// TestUnchangedInputsSkipBuild: saving identical bytes rebuilds nothing.
func TestUnchangedInputsSkipBuild(t *testing.T) {
	dir := t.TempDir()
	for name, body := range fixture {
		write(t, filepath.Join(dir, name), body)
	}
	copyTree(t, "../../themes", filepath.Join(dir, "themes"))
	s, err := New(Options{Src: dir})
	if err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(dir, "content/fr/about.md"), fixture["content/fr/about.md"])
	if b := s.Changed([]string{"content/fr/about.md", "content/fr/.about.md.swp"}); !b.Skipped || b.Seq != 1 {
		t.Errorf("identical save: %+v, want skipped at build 1", b)
	}
	write(t, filepath.Join(dir, "content/fr/about.md"), fixture["content/fr/about.md"]+"Plus.\n")
	if b := s.Changed([]string{"content/fr/about.md"}); b.Skipped || b.Seq != 2 {
		t.Errorf("real change: %+v, want build 2", b)
	}
}

// TestUnsafePaths sends raw request lines (no client-side cleaning) and
// checks nothing outside the site is served, even with a file next to the
// site root and a symlink inside the theme pointing out.
func TestUnsafePaths(t *testing.T) {
	h := newHarness(t)
	write(t, filepath.Join(filepath.Dir(h.dir), "secret.txt"), "TOPSECRET")
	_ = os.Symlink("/etc/passwd", filepath.Join(h.dir, "themes/default/static/passwd"))
	ln := h.http.Listener.Addr().String()
	cases := []struct {
		target string
		want   []int
	}{
		{"/../site.toml", []int{400}},
		{"/%2e%2e/site.toml", []int{400}},
		{"/%2E%2E/%2E%2E/secret.txt", []int{400}},
		{"/fr%2f..%2f..%2fsite.toml", []int{400}},
		{"/fr/..%2f..%2fsite.toml", []int{400}},
		{"/fr/..\\..\\site.toml", []int{400}},
		{"//etc/passwd", []int{400}},
		{"/./site.toml", []int{400}},
		{"/site.toml", []int{404}},
		{"/content/fr/about.md", []int{404}},
		{"/passwd", []int{404}},
		{"/static/passwd", []int{404}},
		{"/fr/about/", []int{200}},
	}
	for _, c := range cases {
		status, body := rawGet(t, ln, c.target)
		ok := false
		for _, w := range c.want {
			ok = ok || status == w
		}
		if !ok {
			t.Errorf("GET %s = %d, want %v", c.target, status, c.want)
		}
		for _, leak := range []string{"TOPSECRET", "root:", "defaultLanguage", "key: about"} {
			if strings.Contains(body, leak) {
				t.Errorf("GET %s leaked %q", c.target, leak)
			}
		}
	}
}

func rawGet(t *testing.T, addr, target string) (int, string) {
	t.Helper()
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	_, _ = io.WriteString(c, "GET "+target+" HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
	resp, err := http.ReadResponse(bufio.NewReader(c), nil)
	if err != nil {
		t.Fatalf("GET %s: %v", target, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// TestOverlayExcerpt: the excerpt numbers lines from the file and marks the
// error's line.
func TestOverlayExcerpt(t *testing.T) {
	src := []byte("a: 1\nb: 2\nc: [\nd: 4\ne: 5\nf: 6\ng: 7\nh: 8\n")
	got := excerpt("data/x.yaml", src, 3)
	for _, want := range []string{`class="line hl"`, ">1<", ">6<"} {
		if !strings.Contains(got, want) {
			t.Errorf("excerpt lacks %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, ">7<") || strings.Contains(got, "style=") {
		t.Errorf("excerpt shows line 7 or has a style attribute:\n%s", got)
	}
}

package main

// -pdf: print every leaflet (see internal/site/leaflet.go) to
// public/leaflets/{lang}/{pathway}.pdf with headless Chromium, from a local
// HTTP server of the freshly built output (file:// would break the site's
// root-relative links). Without a browser the step says so and the build
// still succeeds: the HTML leaflets print from any browser.

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/cire-asbl/fabrique/internal/site"
)

// chromiumCandidates are the browser binaries tried in order; CHROMIUM
// overrides them.
var chromiumCandidates = []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"}

func findChromium() string {
	if c := os.Getenv("CHROMIUM"); c != "" {
		if p, err := exec.LookPath(c); err == nil {
			return p
		}
		return ""
	}
	for _, c := range chromiumCandidates {
		if p, err := exec.LookPath(c); err == nil {
			return p
		}
	}
	return ""
}

// printLeaflets prints the leaflets the manifest lists. A missing browser is
// not an error (exit 0, clear message); a failed print is (exit 1).
func printLeaflets(out string, stdout, stderr io.Writer) int {
	raw, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(site.LeafletManifestPath)))
	if errors.Is(err, os.ErrNotExist) {
		fmt.Fprintln(stdout, "pdf: this site has no leaflets; nothing to print")
		return 0
	}
	if err != nil {
		fmt.Fprintf(stderr, "pdf: %v\n", err)
		return 1
	}
	var man site.LeafletManifest
	if err := json.Unmarshal(raw, &man); err != nil {
		fmt.Fprintf(stderr, "pdf: %s: %v\n", site.LeafletManifestPath, err)
		return 1
	}
	browser := findChromium()
	if browser == "" {
		fmt.Fprintf(stderr, "pdf: no Chromium found (tried %s; set CHROMIUM to a Chrome or Chromium binary): PDFs not printed. The HTML leaflets were built and print from any browser.\n", strings.Join(chromiumCandidates, ", "))
		return 0
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fmt.Fprintf(stderr, "pdf: local server: %v\n", err)
		return 1
	}
	base := man.BasePath
	if base == "" {
		base = "/"
	}
	mux := http.NewServeMux()
	mux.Handle(base, http.StripPrefix(strings.TrimSuffix(base, "/"), http.FileServer(http.Dir(out))))
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	go srv.Serve(ln)
	defer srv.Close()
	root := "http://" + ln.Addr().String() + strings.TrimSuffix(base, "/") + "/"

	// A few browsers at once: each print is mostly process start-up.
	type job struct{ src, dst string }
	jobs := make(chan job)
	errs := make([]string, 0)
	var mu sync.Mutex
	var wg sync.WaitGroup
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				if err := printPDF(browser, j.src, j.dst); err != nil {
					mu.Lock()
					errs = append(errs, fmt.Sprintf("%s: %v", j.dst, err))
					mu.Unlock()
				}
			}
		}()
	}
	for _, l := range man.Leaflets {
		src := root + strings.TrimSuffix(l.HTML, "index.html")
		jobs <- job{src, filepath.Join(out, filepath.FromSlash(l.PDF))}
	}
	close(jobs)
	wg.Wait()
	if len(errs) > 0 {
		for _, e := range errs {
			fmt.Fprintf(stderr, "pdf: %s\n", e)
		}
		return 1
	}
	fmt.Fprintf(stdout, "pdf: printed %d leaflets with %s\n", len(man.Leaflets), browser)
	return 0
}

func printPDF(browser, url, dst string) error {
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return err
	}
	profile, err := os.MkdirTemp("", "fabrique-chromium-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(profile)
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	tmp := dst + ".tmp"
	cmd := exec.CommandContext(ctx, browser,
		"--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
		"--disable-component-update", "--disable-sync", "--no-first-run",
		"--user-data-dir="+profile, "--no-pdf-header-footer", "--print-to-pdf-no-header",
		"--print-to-pdf="+tmp, url)
	msg, err := cmd.CombinedOutput()
	if err != nil {
		return fmt.Errorf("%v: %s", err, lastLines(string(msg), 5))
	}
	if fi, err := os.Stat(tmp); err != nil || fi.Size() == 0 {
		return fmt.Errorf("chromium wrote no PDF: %s", lastLines(string(msg), 5))
	}
	return os.Rename(tmp, dst)
}

func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}

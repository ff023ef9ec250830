package main

// -pdf: print every leaflet (see internal/site/leaflet.go) to
// public/leaflets/{lang}/{pathway}.pdf with headless Chromium, from a local
// HTTP server of the freshly built output (file:// would break the site's
// root-relative links). Without a browser the step says so and the build
// still succeeds: the HTML leaflets print from any browser.

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
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

// printLeaflets prints the leaflets the build made (man, from its result:
// nothing is read back from the output) into out. A missing browser is not
// an error (exit 0, clear message); a failed print is (exit 1).
func printLeaflets(out string, man site.LeafletManifest, stdout, stderr io.Writer) int {
	if len(man.Leaflets) == 0 {
		fmt.Fprintln(stdout, "pdf: this site has no leaflets; nothing to print")
		return 0
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

	// One browser, a tab per core: starting Chromium is most of the cost of
	// a print, so it starts once (it used to start once per leaflet); more
	// tabs than cores only take turns (on 2 cores, 3 tabs printed 100
	// leaflets in 46 s, 2 tabs in 42.5–44.4 s, 4 tabs in 49 s).
	pool, err := newPrinter(browser, max(1, runtime.NumCPU()))
	if err != nil {
		fmt.Fprintf(stderr, "pdf: %v\n", err)
		return 1
	}
	defer pool.close()
	type job struct{ src, dst string }
	jobs := make(chan job)
	errs := make([]string, 0)
	var mu sync.Mutex
	var wg sync.WaitGroup
	for _, tab := range pool.tabs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				if err := printPDF(tab, j.src, j.dst); err != nil {
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

// printer is one headless Chromium with a pool of tabs.
type printer struct {
	tabs    []context.Context
	cancels []context.CancelFunc
	profile string
}

func newPrinter(browser string, n int) (*printer, error) {
	profile, err := os.MkdirTemp("", "fabrique-chromium-")
	if err != nil {
		return nil, err
	}
	opts := []chromedp.ExecAllocatorOption{chromedp.ExecPath(browser), chromedp.UserDataDir(profile)}
	for _, f := range []string{"headless", "no-sandbox", "disable-gpu", "disable-background-networking",
		"disable-component-update", "disable-sync", "no-first-run"} {
		opts = append(opts, chromedp.Flag(f, true))
	}
	p := &printer{profile: profile}
	actx, acancel := chromedp.NewExecAllocator(context.Background(), opts...)
	first, cancel := chromedp.NewContext(actx)
	p.cancels = append(p.cancels, cancel, acancel)
	if err := noScripts(first); err != nil {
		p.close()
		return nil, fmt.Errorf("starting %s: %w", browser, err)
	}
	p.tabs = append(p.tabs, first)
	for len(p.tabs) < n {
		tab, cancel := chromedp.NewContext(first)
		p.cancels = append(p.cancels, cancel)
		// Open the tab now, on a context that lives as long as the pool: a
		// tab opened lazily by printPDF's first Run would be tied to that
		// call's timeout context and stop seeing events once it ends (every
		// later load then waits forever).
		if err := noScripts(tab); err != nil {
			p.close()
			return nil, fmt.Errorf("opening a tab: %w", err)
		}
		p.tabs = append(p.tabs, tab)
	}
	return p, nil
}

// noScripts turns JavaScript off in a tab: a leaflet needs none to print,
// and the site's offline script would register the service worker and have
// it download the whole language again for every leaflet, while the page
// prints (and could unhide the footer's "ready offline" note in one PDF and
// not another).
func noScripts(tab context.Context) error {
	if err := chromedp.Do(tab); err != nil {
		return err
	}
	_, err := chromedp.Call(tab, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
	return err
}

func (p *printer) close() {
	for i := len(p.cancels) - 1; i >= 0; i-- {
		p.cancels[i]()
	}
	os.RemoveAll(p.profile)
}

// printPDF prints url on A4 unless the page's @page says otherwise (the
// leaflets set their own size and margins), without header or footer.
func printPDF(tab context.Context, url, dst string) error {
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(tab, 90*time.Second)
	defer cancel()
	start := time.Now()
	if err := chromedp.Do(ctx, chromedp.Navigate(url)); err != nil {
		return fmt.Errorf("loading %s (after %v): %w", url, time.Since(start).Round(time.Millisecond), err)
	}
	pdf, err := chromedp.Run(ctx, chromedp.PrintToPDF(chromedp.PDFPaper(chromedp.PaperA4), chromedp.PDFPreferCSSPageSize()))
	if err != nil {
		return err
	}
	if len(pdf) == 0 {
		return errors.New("chromium returned an empty PDF")
	}
	tmp := dst + ".tmp"
	if err := os.WriteFile(tmp, pdf, 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, dst)
}

package qa

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	ics "github.com/arran4/golang-ical"
	cdpbrowser "github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"github.com/cire-asbl/fabrique/internal/calc"
	"github.com/cire-asbl/fabrique/internal/config"
	"github.com/cire-asbl/fabrique/internal/i18n"
	"github.com/cire-asbl/fabrique/internal/output"
	"github.com/cire-asbl/fabrique/internal/qa/qatest"
	"github.com/cire-asbl/fabrique/internal/rules"
	"github.com/cire-asbl/fabrique/internal/site"
)

// servedRealSite builds the repository's site into a temporary folder
// and serves it from 127.0.0.1 until the test ends. The site's base URL is
// the server's, so that its sitemap and absolute links point at it.
func servedRealSite(t *testing.T) (*Server, string, *site.Result) {
	t.Helper()
	srv, err := Listen()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	dir := filepath.Join(t.TempDir(), "public")
	res := site.Generate(os.DirFS(repoRoot), site.Options{Src: repoRoot, Out: dir, BaseURL: srv.URL + "/"})
	if res.Failed(false) {
		t.Fatalf("the site does not build: %v", res.Problems.Err())
	}
	if err := output.Write(dir, res.Files); err != nil {
		t.Fatal(err)
	}
	if err := srv.Serve(dir); err != nil {
		t.Fatal(err)
	}
	return srv, dir, res
}

// pageWith returns the first sitemap page (in sitemap order) whose HTML
// contains marker.
func pageWith(t *testing.T, dir, marker string) string {
	t.Helper()
	paths, err := sitemapPaths(dir, "/")
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range paths {
		b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(p), "index.html"))
		if err == nil && strings.Contains(string(b), marker) {
			return p
		}
	}
	t.Fatalf("no page of the sitemap contains %s", marker)
	return ""
}

// TestCalendarFile: the renewal calculator's "Add to my calendar" files,
// made in the browser, parse as iCalendar and hold the Go evaluator's dates
// as all-day events with a reminder and the page's address — on the first
// page with the calculator (French, the month typed "juin") and on the
// Arabic one (the month typed "يونيو"), whose reminder is in Arabic with the
// date written the Arabic way.
func TestCalendarFile(t *testing.T) {
	tl := tools.Need(t)
	srv, dir, _ := servedRealSite(t)
	first := pageWith(t, dir, `data-calculator="renewal"`)
	calendarFile(t, tl, srv.URL+first, first, "juin", "")
	if ar := pageWithUnder(dir, "/ar/", `data-calculator="renewal"`); ar != "" {
		calendarFile(t, tl, srv.URL+ar, ar, "يونيو", "ar")
	} else {
		t.Log("no Arabic page with the renewal calculator yet")
	}
}

// jsString is s as a JavaScript string literal.
func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// pageWithUnder is pageWith among the pages under prefix, or "".
func pageWithUnder(dir, prefix, marker string) string {
	paths, err := sitemapPaths(dir, "/")
	if err != nil {
		return ""
	}
	for _, p := range paths {
		if !strings.HasPrefix(p, prefix) {
			continue
		}
		b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(p), "index.html"))
		if err == nil && strings.Contains(string(b), marker) {
			return p
		}
	}
	return ""
}

// calendarFile checks the calendar files of page p, the month typed as
// month; when reminderLang is set, every reminder must say "on {date}" with
// the date written in that language (Go's formatter, internal/i18n).
func calendarFile(t *testing.T, tl qatest.Tools, pageURL, p, month, reminderLang string) {
	t.Helper()

	cfg, ps := config.Load(os.DirFS(repoRoot))
	if cfg == nil {
		t.Fatal(ps.Err())
	}
	asOf, err := rules.ParseDate(cfg.AsOf)
	if err != nil {
		t.Fatal(err)
	}
	data := os.DirFS(filepath.Join(repoRoot, "data"))
	words, wps := i18n.Load(os.DirFS(filepath.Join(repoRoot, "themes", "default")), "i18n", cfg.Codes(), cfg.DefaultLanguage)
	if wps.Failed(false) {
		t.Fatal(wps.Err())
	}
	rs, ps := rules.Load(data, "rules", rules.WithWords(rules.LoadOptions{Languages: cfg.Codes(), AsOf: asOf}, words))
	if err := ps.Err(); err != nil {
		t.Fatal(err)
	}
	cs, ps := calc.Load(data, "calculators.yaml", calc.Options{Rules: rs, Languages: cfg.Codes(), UI: calc.UIFrom(words, cfg.Codes())})
	if err := ps.Err(); err != nil {
		t.Fatal(err)
	}
	// Far enough ahead that it is in the future whatever the test machine's
	// clock says (the browser offers a calendar file for coming dates only).
	const expiry = "2099-06-15"
	want, errs := cs.Evaluate("renewal", map[string]any{"expiry": expiry})
	if len(errs) > 0 {
		t.Fatalf("Go evaluator: %v", errs)
	}

	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	br, err := startBrowser(ctx, tl.Chromium)
	if err != nil {
		t.Fatal(err)
	}
	defer br.close()
	if err := chromedp.Do(br.ctx, chromedp.Navigate(pageURL)); err != nil {
		t.Fatal(err)
	}
	// Download each file the way a visitor does, into a folder, and wait
	// for the browser to report the download complete: a fixed wait or the
	// file's mere presence is not enough under load (the browser may create
	// the file before writing it; CI once read it empty: "0 events").
	dl := t.TempDir()
	began := make(chan *cdpbrowser.EventDownloadWillBegin, 16)
	ended := make(chan *cdpbrowser.EventDownloadProgress, 16)
	if err := chromedp.ListenBrowser(br.ctx, func(ev any) {
		switch e := ev.(type) {
		case *cdpbrowser.EventDownloadWillBegin:
			select {
			case began <- e:
			default:
			}
		case *cdpbrowser.EventDownloadProgress:
			if e.State == cdpbrowser.DownloadProgressStateCompleted || e.State == cdpbrowser.DownloadProgressStateCanceled {
				select {
				case ended <- e:
				default:
				}
			}
		}
	}); err != nil {
		t.Fatal(err)
	}
	events := true
	// allowAndName: each file is saved under its download's GUID, so a
	// name the browser de-duplicates ("x (1).ics") cannot mislead the test.
	if _, err := chromedp.CallBrowser(br.ctx, cdpbrowser.SetDownloadBehavior, cdpbrowser.SetDownloadBehaviorParams{
		Behavior: cdpbrowser.SetDownloadBehaviorBehaviorAllowAndName, DownloadPath: dl, EventsEnabled: &events}); err != nil {
		t.Fatal(err)
	}
	// The result is drawn after the submit event's handler: wait for its
	// calendar links (the deadline is generous; the test is as fast as the
	// browser).
	type link struct{ Name, Download string }
	links, err := evalAwait[[]link](br.ctx, `(async () => {
  const form = document.querySelector('form[data-calculator="renewal"]');
  form.elements['expiry-day'].value = '15';
  form.elements['expiry-month'].value = `+jsString(month)+`;
  form.elements['expiry-year'].value = '2099';
  form.requestSubmit();
  for (let i = 0; i < 600 && !form.querySelector('a[data-ics]'); i++) await new Promise(r => setTimeout(r, 50));
  return [...form.querySelectorAll('a[data-ics]')].map(a => ({name: a.dataset.ics, download: a.download}));
})()`)
	if err != nil {
		t.Fatal(err)
	}
	type file struct{ Name, Text, Download string }
	var files []file
	for i, l := range links {
		if _, err := eval[bool](br.ctx, fmt.Sprintf(`(document.querySelectorAll('form[data-calculator="renewal"] a[data-ics]')[%d].click(), true)`, i)); err != nil {
			t.Fatal(err)
		}
		var b *cdpbrowser.EventDownloadWillBegin
		select {
		case b = <-began:
		case <-ctx.Done():
			t.Fatalf("%s: %s: no download began", p, l.Name)
		}
		if b.SuggestedFilename != l.Download {
			t.Errorf("%s: the browser saves %q, the link says %q", l.Name, b.SuggestedFilename, l.Download)
		}
		for done := false; !done; {
			select {
			case e := <-ended:
				if e.GUID != b.GUID {
					continue
				}
				if e.State != cdpbrowser.DownloadProgressStateCompleted {
					t.Fatalf("%s: %s: download %s", p, l.Name, e.State)
				}
				done = true
			case <-ctx.Done():
				t.Fatalf("%s: %s was not downloaded: %v", p, l.Download, ctx.Err())
			}
		}
		text, err := os.ReadFile(filepath.Join(dl, b.GUID))
		if err != nil {
			t.Fatalf("%s: %v", l.Name, err)
		}
		files = append(files, file{l.Name, string(text), l.Download})
	}
	if len(files) == 0 {
		t.Fatalf("%s: the result offers no calendar file", p)
	}
	for _, f := range files {
		if !strings.HasSuffix(f.Download, ".ics") {
			t.Errorf("%s: download name %q", f.Name, f.Download)
		}
		cal, err := ics.ParseCalendar(strings.NewReader(f.Text))
		if err != nil {
			t.Errorf("%s: does not parse: %v\n%s", f.Name, err, f.Text)
			continue
		}
		evs := cal.Events()
		if len(evs) != 1 {
			t.Errorf("%s: %d events, want 1", f.Name, len(evs))
			continue
		}
		ev := evs[0]
		start := ev.GetProperty(ics.ComponentPropertyDtStart)
		wantDate := strings.ReplaceAll(fmt.Sprint(want[f.Name]), "-", "")
		if start == nil || start.Value != wantDate {
			t.Errorf("%s: DTSTART %v, want the Go evaluator's %s", f.Name, start, want[f.Name])
		} else if v := start.ICalParameters["VALUE"]; len(v) != 1 || v[0] != "DATE" {
			t.Errorf("%s: DTSTART is not an all-day date: %v", f.Name, start.ICalParameters)
		}
		if u := ev.GetProperty(ics.ComponentPropertyUrl); u == nil || u.Value != pageURL {
			t.Errorf("%s: URL %v, want %s", f.Name, u, pageURL)
		}
		if len(ev.Alarms()) == 0 {
			t.Errorf("%s: no reminder (VALARM)", f.Name)
		}
		if reminderLang != "" {
			wantReminder := words.Lang(reminderLang).ISODate(fmt.Sprint(want[f.Name]))
			for _, a := range ev.Alarms() {
				if d := a.GetProperty(ics.ComponentPropertyDescription); d == nil || !strings.Contains(d.Value, wantReminder) {
					t.Errorf("%s %s: reminder %v, want it to hold %q", p, f.Name, d, wantReminder)
				}
			}
		}
		t.Logf("%s %s: %s → DTSTART %s", p, f.Name, expiry, wantDate)
	}
}

// TestOffline: after one visit to a page, with the network cut (DevTools
// offline, and the server itself stopped), three other pages of the same
// language load from the service worker's cache.
func TestOffline(t *testing.T) {
	tl := tools.Need(t)
	srv, dir, res := servedRealSite(t)
	paths, err := sitemapPaths(dir, "/")
	if err != nil {
		t.Fatal(err)
	}
	lang := res.Config.DefaultLanguage
	first := "/" + lang + "/"
	// The service worker keeps the pages of the language that fit its
	// budget, in menu order (pathways first): the three pages tried are the
	// first three of that list that are in the sitemap.
	sw, err := os.ReadFile(filepath.Join(dir, "sw.js"))
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(lang + `:\[([^\]]*)\]`).FindSubmatch(sw)
	if m == nil {
		t.Fatalf("sw.js lists no files for %s", lang)
	}
	inSitemap := map[string]bool{}
	for _, p := range paths {
		inSitemap[p] = true
	}
	var others []string
	for _, q := range strings.Split(string(m[1]), ",") {
		p := strings.Trim(q, `"`)
		if strings.HasPrefix(p, first) && p != first && inSitemap[p] && len(others) < 3 {
			others = append(others, p)
		}
	}
	if len(others) < 3 {
		t.Fatalf("fewer than 3 other %s pages kept by the service worker: %v", lang, others)
	}

	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	br, err := startBrowser(ctx, tl.Chromium)
	if err != nil {
		t.Fatal(err)
	}
	defer br.close()
	if err := chromedp.Do(br.ctx, chromedp.Navigate(srv.URL+first)); err != nil {
		t.Fatal(err)
	}
	ready, err := evalAwait[bool](br.ctx, `new Promise((resolve) => {
  const t0 = Date.now();
  const poll = () => {
    if (document.documentElement.dataset.offline === 'ready') return resolve(!document.querySelector('[data-offline-note]').hidden);
    if (Date.now() - t0 > 60000) return resolve(false);
    setTimeout(poll, 100);
  };
  poll();
})`)
	if err != nil {
		t.Fatal(err)
	}
	if !ready {
		t.Fatalf("%s: the service worker did not say the language is available offline within 60 s", first)
	}

	// Cut the network: DevTools offline, and no server behind it either.
	if _, err := chromedp.Call(br.ctx, network.Enable, network.EnableParams{}); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(br.ctx, network.EmulateNetworkConditionsByRule, network.EmulateNetworkConditionsByRuleParams{
		MatchedNetworkConditions: []*network.Conditions{{Offline: true, DownloadThroughput: -1, UploadThroughput: -1}}}); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(br.ctx, network.OverrideNetworkState, network.OverrideNetworkStateParams{Offline: true, DownloadThroughput: -1, UploadThroughput: -1}); err != nil {
		t.Fatal(err)
	}
	srv.Close()
	for _, p := range others {
		if err := chromedp.Do(br.ctx, chromedp.Navigate(srv.URL+p)); err != nil {
			t.Errorf("offline, %s: %v", p, err)
			continue
		}
		h1, err := eval[string](br.ctx, `(document.querySelector('main h1') || {}).textContent || ''`)
		if err != nil || strings.TrimSpace(h1) == "" {
			t.Errorf("offline, %s: no page (h1 %q, %v)", p, h1, err)
			continue
		}
		t.Logf("offline, %s: %q", p, h1)
	}
}

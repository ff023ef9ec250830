package qa

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Finding is one failed gate on one page.
type Finding struct {
	Page  string // URL path, e.g. "/fr/permis-unique/"; "" for the whole site
	Check string // the gate, e.g. "axe light 320px", "privacy", "keyboard"
	Rule  string // axe rule id, "vnu", "same-origin", "skip-link", …
	Where string // CSS path of the element, or line/column
	Msg   string
}

func (f Finding) String() string {
	s := fmt.Sprintf("%s [%s] %s", orSite(f.Page), f.Check, f.Rule)
	if f.Where != "" {
		s += " at " + f.Where
	}
	return s + ": " + f.Msg
}

func orSite(p string) string {
	if p == "" {
		return "(site)"
	}
	return p
}

// Budgets are gzip byte budgets. Zero means no budget.
type Budgets struct {
	Home   int // a home page (URL path "/" or "/xx/"): one network round trip
	Page   int // any page, its inline SVG diagrams excluded
	CalcJS int // the calculators' JavaScript (a file named calculators*.js)
}

// DefaultBudgets are the budgets: 14 KB, 30 KB, 10 KB.
var DefaultBudgets = Budgets{Home: 14 * 1024, Page: 30 * 1024, CalcJS: 10 * 1024}

// Config says what to check and with which tools.
type Config struct {
	Dir      string // the built site
	Server   *Server
	BasePath string // path prefix of the site's base URL, removed from sitemap URLs
	Chromium string // path to the browser
	Java     string // path to java
	AxeJS    string // path to axe.min.js
	VnuJar   string // path to vnu.jar
	Budgets  Budgets
	// Paths are more URL paths to check besides the sitemap's (pages
	// deliberately left out of it, like the guide's steps).
	Paths []string
	Tabs  int                              // pages checked at the same time; 0 means 2
	Logf  func(format string, args ...any) // progress and tables; may be nil
	// Full reports whether a page in lang goes through every check (nil:
	// every language does). The others go through WordsChecks: what a
	// translation can change — its words' length, their lang, the text's
	// contrast where it lands — but not the behaviour and colours it shares
	// with the same page in a fully checked language (see WordsChecks).
	Full func(lang string) bool
}

// Weight is what one page makes the browser fetch, gzip-compressed.
type Weight struct {
	HTML, CSS, JS, Other int // bytes
	Excluded             int // inline SVG stripped from the HTML before compressing
}

// Total is the page's weight against its budget.
func (w Weight) Total() int { return w.HTML + w.CSS + w.JS + w.Other }

// PageReport is what the gates learnt about one page.
type PageReport struct {
	Path        string
	Lang        string
	Calculators int
	Weight      Weight
	Budget      int
	Findings    int
	Notes       []string // what the calculator checks did, for -v logs
	Full        bool     // every check ran (else WordsChecks)
}

// Report is the outcome of a [Run].
type Report struct {
	Pages     []PageReport
	Checks    []string // the gates run on every page
	Findings  []Finding
	HTMLFiles int // files given to the Nu checker
	Elapsed   time.Duration
}

// PerPageChecks are the gates every page goes through; the summary line
// multiplies pages by these. A page with calculators gets "calculator" on
// top, counted separately.
var PerPageChecks = []string{
	"axe light 1280px", "axe dark 1280px", "axe light 320px", "axe dark 320px",
	"html-valid", "same-origin", "no-cookie", "csp-meta", "csp-violations", "js-errors",
	"skip-link", "focus-visible", "reflow 320px", "weight", "reader 360px", "reader 320px",
}

// WordsChecks are the gates a page in a language that is not fully checked
// goes through (Config.Full). They are the ones whose outcome a translation
// can change: axe on the narrowest light page (where long words overflow
// and target sizes shrink; names, labels and lang attributes are the same
// at every width), reflow, the reader's phone checks, weight, the privacy
// and script checks. Left to the fully checked languages, since the theme,
// scripts and colours are shared: axe in dark mode and at 1280 px, the Tab
// walk (skip link, focus visible) and the keyboard calculator checks (the
// calculators' date parsing is tested in every language by Go tests).
// A 2-core CI machine cannot run all 16 checks on six languages' pages
// within its 10 minutes.
var WordsChecks = []string{
	"axe light 320px",
	"html-valid", "same-origin", "no-cookie", "csp-meta", "csp-violations", "js-errors",
	"reflow 320px", "weight", "reader 360px", "reader 320px",
}

// Summary is the one line the suite prints, e.g.
// "qa: 48 pages (en 16, fr 16, nl 16) × 14 checks + 5 calculator pages, 0 violations".
func (r *Report) Summary() string {
	full, words := map[string]int{}, map[string]int{}
	calc := 0
	for _, p := range r.Pages {
		l := p.Lang
		if l == "" {
			l = "?"
		}
		if p.Full {
			full[l]++
		} else {
			words[l]++
		}
		if p.Calculators > 0 && p.Full {
			calc++
		}
	}
	list := func(m map[string]int) string {
		var ls []string
		for _, l := range sortedKeys(m) {
			ls = append(ls, fmt.Sprintf("%s %d", l, m[l]))
		}
		return strings.Join(ls, ", ")
	}
	nf := 0
	for _, n := range full {
		nf += n
	}
	out := fmt.Sprintf("qa: %d pages (%s) × %d checks", nf, list(full), len(r.Checks))
	if len(words) > 0 {
		out += fmt.Sprintf(" + %d pages (%s) × %d checks", len(r.Pages)-nf, list(words), len(WordsChecks))
	}
	return out + fmt.Sprintf(" + keyboard calculator checks on %d pages, %d violations", calc, len(r.Findings))
}

// ByRule groups the findings by gate and rule, one line each with how
// many there are and on which pages, for a reader of a long failing run.
// It is "" when there is no finding.
func (r *Report) ByRule() string {
	groups := map[string][]string{}
	for _, f := range r.Findings {
		k := f.Check + " " + f.Rule
		groups[k] = append(groups[k], orSite(f.Page))
	}
	var b strings.Builder
	for _, k := range sortedKeys(groups) {
		ps := dedupe(groups[k])
		sort.Strings(ps)
		fmt.Fprintf(&b, "%-50s %3d× on %d page(s): %s\n", k, len(groups[k]), len(ps), strings.Join(ps, " "))
	}
	return b.String()
}

// WeightTable renders the per-page weight table.
func (r *Report) WeightTable() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%-48s %7s %6s %6s %6s %7s %7s %s\n", "page (gzip bytes)", "html", "css", "js", "other", "total", "budget", "svg excl.")
	for _, p := range r.Pages {
		w := p.Weight
		mark := ""
		if p.Budget > 0 && w.Total() > p.Budget {
			mark = "  OVER"
		}
		fmt.Fprintf(&b, "%-48s %7d %6d %6d %6d %7d %7d %d%s\n", p.Path, w.HTML, w.CSS, w.JS, w.Other, w.Total(), p.Budget, w.Excluded, mark)
	}
	return b.String()
}

// Run runs every gate over every sitemap URL of cfg.Dir. It returns an error
// only when a gate could not run; what the gates find is in the report.
func Run(ctx context.Context, cfg Config) (*Report, error) {
	start := time.Now()
	logf := cfg.Logf
	if logf == nil {
		logf = func(string, ...any) {}
	}
	if abs, err := filepath.Abs(cfg.Dir); err == nil {
		cfg.Dir = abs // the Nu checker reports absolute paths
	}
	paths, err := sitemapPaths(cfg.Dir, cfg.BasePath)
	if err != nil {
		return nil, err
	}
	// The language chooser at the root and the 404 page are not in the
	// sitemap (they are no page of a language) but every visitor may land
	// on them.
	for _, extra := range []struct{ file, path string }{{"index.html", "/"}, {"404.html", "/404.html"}} {
		if _, err := os.Stat(filepath.Join(cfg.Dir, extra.file)); err == nil && !slices.Contains(paths, extra.path) {
			paths = append(paths, extra.path)
		}
	}
	for _, p := range cfg.Paths {
		if !slices.Contains(paths, p) {
			paths = append(paths, p)
		}
	}
	rep := &Report{Checks: PerPageChecks}

	// The Nu checker runs in its own process while the browser works.
	type vnuResult struct {
		fs  []Finding
		n   int
		err error
	}
	vnuDone := make(chan vnuResult, 1)
	go func() {
		fs, n, err := runVnu(ctx, cfg.Java, cfg.VnuJar, cfg.Dir)
		vnuDone <- vnuResult{fs, n, err}
	}()

	rep.Findings = append(rep.Findings, siteFindings(cfg)...)

	axeSrc, err := os.ReadFile(cfg.AxeJS)
	if err != nil {
		return nil, err
	}
	b, err := startBrowser(ctx, cfg.Chromium)
	if err != nil {
		return nil, err
	}
	defer b.close()
	// Pages are independent, so a few tabs share the browser; results are
	// stored by sitemap position, so the report does not depend on timing.
	ntabs := cfg.Tabs
	if ntabs <= 0 {
		ntabs = 2
	}
	ntabs = min(ntabs, len(paths))
	type result struct {
		pr  PageReport
		fs  []Finding
		err error
	}
	results := make([]result, len(paths))
	next := make(chan int)
	var wg sync.WaitGroup
	var done atomic.Int32
	for i := 0; i < ntabs; i++ {
		tb, err := b.newTab(i == 0, cfg.Server.URL, string(axeSrc))
		if err != nil {
			return nil, err
		}
		wg.Go(func() {
			defer tb.cancel()
			for j := range next {
				pr, fs, err := tb.checkPage(paths[j], cfg)
				pr.Findings = len(fs)
				results[j] = result{pr, fs, err}
				logf("qa: %d/%d %s: %d findings", done.Add(1), len(paths), paths[j], len(fs))
			}
		})
	}
	for j := range paths {
		next <- j
	}
	close(next)
	wg.Wait()
	for j, r := range results {
		if r.err != nil {
			return nil, fmt.Errorf("%s: %w", paths[j], r.err)
		}
		rep.Pages = append(rep.Pages, r.pr)
		rep.Findings = append(rep.Findings, r.fs...)
	}

	v := <-vnuDone
	if v.err != nil {
		return nil, v.err
	}
	rep.HTMLFiles = v.n
	rep.Findings = append(rep.Findings, v.fs...)
	sort.SliceStable(rep.Findings, func(i, j int) bool {
		a, b := rep.Findings[i], rep.Findings[j]
		if a.Page != b.Page {
			return a.Page < b.Page
		}
		return a.Check < b.Check
	})
	rep.Elapsed = time.Since(start)
	return rep, nil
}

// siteFindings are the checks on files rather than pages: the _headers file
// must exist and carry a CSP, and the calculators' script must fit its budget.
func siteFindings(cfg Config) []Finding {
	var fs []Finding
	hb, err := os.ReadFile(filepath.Join(cfg.Dir, "_headers"))
	if err != nil {
		fs = append(fs, Finding{Check: "csp-meta", Rule: "_headers", Msg: "no _headers file: hosts that read one send no Content-Security-Policy header"})
	} else if headersFor(parseHeaders(hb), "/").Get("Content-Security-Policy") == "" {
		fs = append(fs, Finding{Check: "csp-meta", Rule: "_headers", Msg: "_headers gives / no Content-Security-Policy"})
	}
	if cfg.Budgets.CalcJS > 0 {
		// The calculators' JavaScript is every script named calculator*
		// (the generated formulas and the form behaviour, fingerprinted or
		// not), counted together: a page with a calculator may load them all.
		var files []string
		for _, pat := range []string{"calculator*.js", "*/calculator*.js", "*/*/calculator*.js"} {
			m, _ := filepath.Glob(filepath.Join(cfg.Dir, pat))
			files = append(files, m...)
		}
		total := 0
		var names []string
		for _, m := range files {
			b, err := os.ReadFile(m)
			if err != nil {
				continue
			}
			rel, _ := filepath.Rel(cfg.Dir, m)
			n := gzipSize(b)
			total += n
			names = append(names, fmt.Sprintf("%s %d", filepath.ToSlash(rel), n))
		}
		if total > cfg.Budgets.CalcJS {
			fs = append(fs, Finding{Check: "weight", Rule: "calculators-js", Where: strings.Join(names, ", "),
				Msg: fmt.Sprintf("%d bytes gzipped together, budget %d", total, cfg.Budgets.CalcJS)})
		}
		if cfg.Logf != nil && len(names) > 0 {
			cfg.Logf("qa: calculators' JavaScript: %s = %d bytes gzipped (budget %d)", strings.Join(names, " + "), total, cfg.Budgets.CalcJS)
		}
	}
	return fs
}

// isHome reports whether a URL path is a home page: the root or a language
// root such as "/fr/".
func isHome(p string) bool {
	return homePath.MatchString(p)
}

var homePath = regexp.MustCompile(`^/([a-z]{2,3}(-[a-zA-Z]{2,4})?/)?(index\.html)?$`)

// fileFor maps a same-origin URL to the file under dir that serves it.
func fileFor(dir, origin, raw string) (string, bool) {
	u, err := url.Parse(raw)
	if err != nil || u.Scheme+"://"+u.Host != origin {
		return "", false
	}
	p := path.Clean("/" + u.Path)
	f := filepath.Join(dir, filepath.FromSlash(p))
	if strings.HasSuffix(u.Path, "/") {
		f = filepath.Join(f, "index.html")
	}
	return f, true
}

package qa

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"regexp"
	"strings"
	"sync"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/fetch"
	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// ChromiumFlags are the flags the browser starts with (besides the fresh
// profile directory and the DevTools pipe chromedp adds). Without the
// network-related ones Chromium phones home, which would both slow the
// suite and break the promise that the gates make no outside request.
var ChromiumFlags = []string{
	"headless", "no-sandbox", "disable-gpu", "disable-background-networking",
	"disable-component-update", "disable-sync", "no-first-run",
}

type request struct {
	url    string
	typ    network.ResourceType
	status int64
	failed string
}

// events is what the browser reported while one page was under test.
type events struct {
	reqs       map[network.RequestID]*request
	order      []network.RequestID
	csp        []string
	cspLog     []string
	exceptions []string
}

// browser is one Chromium process with a fresh profile.
type browser struct {
	ctx     context.Context // the first tab's context; new tabs derive from it
	cancel  []context.CancelFunc
	userDir string
}

// tab is one page under test at a time, with the events it reported.
type tab struct {
	ctx    context.Context
	cancel context.CancelFunc
	origin string
	axe    string

	mu     sync.Mutex
	ev     events
	paused chan *fetch.EventRequestPaused
}

func startBrowser(parent context.Context, chromium string) (*browser, error) {
	dir, err := os.MkdirTemp("", "qa-chromium-")
	if err != nil {
		return nil, err
	}
	opts := []chromedp.ExecAllocatorOption{chromedp.ExecPath(chromium), chromedp.UserDataDir(dir)}
	for _, f := range ChromiumFlags {
		opts = append(opts, chromedp.Flag(f, true))
	}
	actx, acancel := chromedp.NewExecAllocator(parent, opts...)
	ctx, cancel := chromedp.NewContext(actx)
	b := &browser{ctx: ctx, cancel: []context.CancelFunc{cancel, acancel}, userDir: dir}
	if err := chromedp.Do(ctx); err != nil {
		b.close()
		return nil, fmt.Errorf("starting %s: %w", chromium, err)
	}
	return b, nil
}

func (b *browser) close() {
	for _, c := range b.cancel {
		c()
	}
	os.RemoveAll(b.userDir)
}

// newTab opens a tab (the first call reuses the browser's first tab) and
// sets up its listeners.
func (b *browser) newTab(first bool, origin, axe string) (*tab, error) {
	ctx, cancel := b.ctx, context.CancelFunc(func() {})
	if !first {
		// Its own browser context: cookies and storage are per tab, so a
		// cookie is blamed on the page that set it.
		ctx, cancel = chromedp.NewContext(b.ctx, chromedp.WithNewBrowserContext())
	}
	t := &tab{ctx: ctx, cancel: cancel, origin: origin, axe: axe, paused: make(chan *fetch.EventRequestPaused, 4096)}
	t.reset()
	if err := chromedp.Listen(ctx, t.onEvent); err != nil {
		cancel()
		return nil, err
	}
	go t.release()
	steps := []func() error{
		func() error { _, err := chromedp.Call(ctx, network.Enable, network.EnableParams{}); return err },
		func() error { _, err := chromedp.Call(ctx, cdplog.Enable, struct{}{}); return err },
		// Several tabs run at once and only one can have the window's focus:
		// emulate focus in each, or :focus-visible and focus events would
		// depend on which tab the browser happened to bring forward.
		func() error {
			_, err := chromedp.Call(ctx, emulation.SetFocusEmulationEnabled, emulation.SetFocusEmulationEnabledParams{Enabled: true})
			return err
		},
		func() error {
			_, err := chromedp.Call(ctx, runtime.AddBinding, runtime.AddBindingParams{Name: cspBinding})
			return err
		},
		func() error {
			_, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: cspListenerJS})
			return err
		},
		// Every request pauses here first: same-origin ones go on, any other
		// is recorded (by the Network events) and then failed, so that no
		// test, not even the broken fixture, reaches the outside world.
		func() error { _, err := chromedp.Call(ctx, fetch.Enable, fetch.EnableParams{}); return err },
	}
	for _, s := range steps {
		if err := s(); err != nil {
			cancel()
			return nil, err
		}
	}
	return t, nil
}

func (b *tab) reset() {
	b.mu.Lock()
	b.ev = events{reqs: map[network.RequestID]*request{}}
	b.mu.Unlock()
}

// onEvent runs in chromedp's read loop: it must only record, never call.
func (b *tab) onEvent(ev any) {
	switch e := ev.(type) {
	case *fetch.EventRequestPaused:
		select {
		case b.paused <- e:
		default: // cannot happen with a sane page; the request then times out
		}
		return
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	switch e := ev.(type) {
	case *network.EventRequestWillBeSent:
		if _, ok := b.ev.reqs[e.RequestID]; !ok {
			b.ev.order = append(b.ev.order, e.RequestID)
		}
		b.ev.reqs[e.RequestID] = &request{url: e.Request.URL, typ: e.Type}
	case *network.EventResponseReceived:
		if r, ok := b.ev.reqs[e.RequestID]; ok && e.Response != nil {
			r.status = e.Response.Status
		}
	case *network.EventLoadingFailed:
		if r, ok := b.ev.reqs[e.RequestID]; ok {
			r.failed = e.ErrorText + " " + string(e.BlockedReason)
		}
	case *runtime.EventBindingCalled:
		if e.Name == cspBinding {
			b.ev.csp = append(b.ev.csp, e.Payload)
		}
	case *runtime.EventExceptionThrown:
		if d := e.ExceptionDetails; d != nil {
			msg := d.Text
			if d.Exception != nil && d.Exception.Description != "" {
				msg = d.Exception.Description
			}
			b.ev.exceptions = append(b.ev.exceptions, fmt.Sprintf("%s (%s:%d:%d)", firstLine(msg), d.URL, d.LineNumber+1, d.ColumnNumber+1))
		}
	case *cdplog.EventEntryAdded:
		if en := e.Entry; en != nil && en.Level == cdplog.EntryLevelError && strings.Contains(en.Text, "Content Security Policy") {
			b.ev.cspLog = append(b.ev.cspLog, en.Text)
		}
	}
}

// release answers paused requests: same origin (and data:/blob:) go on,
// anything else fails as if an ad blocker had stopped it.
func (b *tab) release() {
	for {
		select {
		case <-b.ctx.Done():
			return
		case e := <-b.paused:
			if b.sameOrigin(e.Request.URL) || !isNetworkURL(e.Request.URL) {
				chromedp.Call(b.ctx, fetch.ContinueRequest, fetch.ContinueRequestParams{RequestID: e.RequestID})
			} else {
				chromedp.Call(b.ctx, fetch.FailRequest, fetch.FailRequestParams{RequestID: e.RequestID, ErrorReason: network.ErrorReasonBlockedByClient})
			}
		}
	}
}

func (b *tab) sameOrigin(raw string) bool {
	u, err := url.Parse(raw)
	return err == nil && u.Scheme+"://"+u.Host == b.origin
}

func isNetworkURL(raw string) bool {
	u, err := url.Parse(raw)
	if err != nil {
		return true
	}
	switch u.Scheme {
	case "data", "blob", "about":
		return false
	}
	return true
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(s, "\n")
	return s
}

// eval evaluates expr in the page and decodes its JSON value into T.
func eval[T any](ctx context.Context, expr string) (T, error) {
	return chromedp.Run(ctx, chromedp.Evaluate[T](expr))
}

func evalAwait[T any](ctx context.Context, expr string) (T, error) {
	return chromedp.Run(ctx, chromedp.Evaluate[T](expr, chromedp.EvalAwaitPromise))
}

func (b *tab) navigate(ctx context.Context, u string) error {
	return chromedp.Do(ctx, chromedp.Navigate(u))
}

func (b *tab) viewport(ctx context.Context, w, h int64) error {
	return chromedp.Do(ctx, chromedp.EmulateViewport(w, h))
}

func (b *tab) scheme(ctx context.Context, s string) error {
	_, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
		Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: s}},
	})
	if err != nil {
		return err
	}
	_, err = evalAwait[int](ctx, settleJS)
	return err
}

func (b *tab) key(ctx context.Context, k string) error {
	return chromedp.Do(ctx, chromedp.KeyEvent(k))
}

type axeViolation struct {
	Rule, Impact, Help, Target, HTML, Summary string
}

// runAxe injects axe-core once per document and runs it.
func (b *tab) runAxe(ctx context.Context) ([]axeViolation, error) {
	has, err := eval[bool](ctx, `typeof axe !== 'undefined'`)
	if err != nil {
		return nil, err
	}
	if !has {
		if _, err := eval[chromedp.Void](ctx, b.axe+"\n;0"); err != nil {
			return nil, fmt.Errorf("injecting axe-core: %w", err)
		}
	}
	if _, err := evalAwait[int](ctx, settleJS); err != nil {
		return nil, err
	}
	return evalAwait[[]axeViolation](ctx, axeRunJS)
}

type staticInfo struct {
	Lang        string
	CSP         string
	CSPCount    int
	CSPInHead   bool
	Before      []string
	Calculators int
	MainCount   int
}

type focusInfo struct {
	Path, HTML, Href, Style string
	Visible, OnScreen       bool
	IsMain, InMain          bool
}

type reflowInfo struct {
	ScrollWidth int
	Problems    []struct {
		Path, HTML, Why string
		Width           int
	}
}

type formInfo struct {
	Index    int
	Name     string
	Controls []string
}

type liveRegion struct{ Path, Text string }

type summaryInfo struct {
	Path, HTML, URL string
	Links           int
	Broken          []string
	IsField         bool
}

type fillStep struct{ Path, Text, Date string }

var unsafeInline = regexp.MustCompile(`(?i)'unsafe-inline'`)

// checkPage runs every browser gate on one URL path.
func (b *tab) checkPage(p string, cfg Config) (PageReport, []Finding, error) {
	ctx, cancel := context.WithTimeout(b.ctx, 90*time.Second)
	defer cancel()
	pageURL := b.origin + p
	pr := PageReport{Path: p}
	var fs []Finding
	add := func(check, rule, where, msg string) {
		fs = append(fs, Finding{Page: p, Check: check, Rule: rule, Where: where, Msg: msg})
	}
	b.reset()
	if _, err := chromedp.Call(ctx, network.ClearBrowserCookies, cdp.Empty{}); err != nil {
		return pr, nil, err
	}

	// Light, wide, pristine page first.
	if err := b.viewport(ctx, 1280, 900); err != nil {
		return pr, nil, err
	}
	if err := b.scheme(ctx, "light"); err != nil {
		return pr, nil, err
	}
	if err := b.navigate(ctx, pageURL); err != nil {
		return pr, nil, err
	}
	st, err := eval[staticInfo](ctx, js(staticJS))
	if err != nil {
		return pr, nil, err
	}
	pr.Lang, pr.Calculators = st.Lang, st.Calculators
	pr.Full = cfg.Full == nil || cfg.Full(st.Lang)
	b.checkCSPMeta(st, p, cfg, add)

	// axe in both colour schemes at both widths; reflow at 320 px. A page
	// of a language not fully checked: axe light at 320 px only
	// (WordsChecks).
	widths := []int64{1280, 320}
	if !pr.Full {
		widths = []int64{320}
	}
	for _, width := range widths {
		if err := b.viewport(ctx, width, 900); err != nil {
			return pr, nil, err
		}
		if width == 320 {
			if _, err := evalAwait[int](ctx, settleJS); err != nil {
				return pr, nil, err
			}
			rf, err := eval[reflowInfo](ctx, js(reflowJS, 320))
			if err != nil {
				return pr, nil, err
			}
			if rf.ScrollWidth > 321 {
				add("reflow 320px", "page-scrolls", "html", fmt.Sprintf("the page is %d px wide at a 320 px viewport", rf.ScrollWidth))
			}
			for _, pb := range rf.Problems {
				add("reflow 320px", "wide-element", pb.Path, pb.Why+": "+pb.HTML)
			}
		}
		schemes := []string{"light", "dark"}
		if width == 320 {
			schemes = []string{"dark", "light"} // saves one switch
		}
		if !pr.Full {
			schemes = []string{"light"}
		}
		for _, s := range schemes {
			if err := b.scheme(ctx, s); err != nil {
				return pr, nil, err
			}
			vs, err := b.runAxe(ctx)
			if err != nil {
				return pr, nil, err
			}
			for _, v := range vs {
				add(fmt.Sprintf("axe %s %dpx", s, width), v.Rule, v.Target, v.Help+" ("+v.Impact+"): "+v.Summary+" — "+v.HTML)
			}
		}
	}
	// Diagrams on phones (diagrams.go).
	if err := b.checkDiagrams(ctx, add); err != nil {
		return pr, nil, err
	}
	// The reader on a phone: main near the top, no table broken letter by
	// letter, a pathway page's leaflet (reader.go).
	if err := b.checkReader(ctx, add); err != nil {
		return pr, nil, err
	}
	if err := b.viewport(ctx, 1280, 900); err != nil {
		return pr, nil, err
	}

	// Keyboard: walk every Tab stop from a fresh load (fully checked
	// languages only: WordsChecks).
	var stops []focusInfo
	if pr.Full {
		stops, err = b.tabWalk(ctx, pageURL)
		if err != nil {
			return pr, nil, err
		}
	}
	if len(stops) == 0 {
		if pr.Full {
			add("skip-link", "no-tab-stop", "", "Tab reaches nothing on the page")
		}
	} else if !strings.HasPrefix(stops[0].Href, "#") {
		add("skip-link", "first-tab-stop", stops[0].Path, "the first Tab stop is not a skip link to main: "+stops[0].HTML)
	}
	seen := map[string]bool{}
	for _, s := range stops {
		if seen[s.Path] {
			continue
		}
		seen[s.Path] = true
		if !s.Visible {
			add("focus-visible", "no-indicator", s.Path, "focused, but no outline or box-shadow ("+s.Style+"): "+s.HTML)
		} else if !s.OnScreen {
			add("focus-visible", "off-screen", s.Path, "focused, but not on screen: "+s.HTML)
		}
	}
	if len(stops) > 0 && strings.HasPrefix(stops[0].Href, "#") {
		if err := b.checkSkipLink(ctx, pageURL, add); err != nil {
			return pr, nil, err
		}
	}
	if st.MainCount != 1 {
		add("skip-link", "main", "", fmt.Sprintf("the page has %d <main> elements, want 1", st.MainCount))
	}

	// Calculators.
	if st.Calculators > 0 && pr.Full {
		if err := b.checkCalculators(ctx, pageURL, stops, add, func(n string) { pr.Notes = append(pr.Notes, n) }); err != nil {
			return pr, nil, err
		}
	}

	// Privacy: cookies, requests, CSP reports, script errors.
	ck, err := chromedp.Call(ctx, network.GetCookies, network.GetCookiesParams{URLs: []string{pageURL}})
	if err != nil {
		return pr, nil, err
	}
	for _, c := range ck.Cookies {
		add("no-cookie", "cookie", c.Name, "the page set a cookie "+c.Name+" for "+c.Domain)
	}
	// Let late reports arrive (they are asynchronous events).
	evalAwait[int](ctx, settleJS)
	b.mu.Lock()
	ev := b.ev
	b.mu.Unlock()
	reported := map[string]bool{}
	for _, id := range ev.order {
		r := ev.reqs[id]
		if reported[r.url] {
			continue // the page was loaded several times
		}
		reported[r.url] = true
		if r.typ == network.ResourceTypeOther && strings.HasSuffix(r.url, "/favicon.ico") {
			// Chromium probes /favicon.ico by itself when a page declares
			// no icon; the page did not ask for it.
			continue
		}
		switch {
		case isNetworkURL(r.url) && !b.sameOrigin(r.url):
			add("same-origin", "third-party-request", r.url, fmt.Sprintf("the page requested another origin (%s)", r.typ))
		case b.sameOrigin(r.url) && r.status >= 400:
			add("same-origin", "broken-link", r.url, fmt.Sprintf("HTTP %d for a %s the page loads", r.status, r.typ))
		}
	}
	for _, c := range dedupe(ev.csp) {
		var v struct {
			Directive, Blocked, Source, Sample string
			Line                               int
		}
		json.Unmarshal([]byte(c), &v)
		add("csp-violations", v.Directive, fmt.Sprintf("%s:%d", v.Source, v.Line), "blocked "+v.Blocked+" "+v.Sample)
	}
	if len(ev.csp) == 0 {
		for _, l := range dedupe(ev.cspLog) {
			add("csp-violations", "console", "", l)
		}
	}
	for _, e := range dedupe(ev.exceptions) {
		add("js-errors", "exception", "", e)
	}

	// Weight.
	pr.Weight, pr.Budget = b.weigh(cfg, p, pageURL, ev)
	if pr.Budget > 0 && pr.Weight.Total() > pr.Budget {
		add("weight", "budget", "", fmt.Sprintf("%d bytes gzipped (html %d, css %d, js %d, other %d), budget %d",
			pr.Weight.Total(), pr.Weight.HTML, pr.Weight.CSS, pr.Weight.JS, pr.Weight.Other, pr.Budget))
	}
	return pr, fs, nil
}

func dedupe(ss []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range ss {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

func (b *tab) checkCSPMeta(st staticInfo, p string, cfg Config, add func(check, rule, where, msg string)) {
	switch {
	case st.CSP == "":
		add("csp-meta", "missing", "head", "no <meta http-equiv=\"Content-Security-Policy\">")
		return
	case st.CSPCount > 1:
		add("csp-meta", "several", "head", fmt.Sprintf("%d CSP meta tags", st.CSPCount))
	case !st.CSPInHead:
		add("csp-meta", "not-in-head", "", "the CSP meta tag is not a child of <head>")
	}
	if unsafeInline.MatchString(st.CSP) {
		add("csp-meta", "unsafe-inline", "head", "the policy allows 'unsafe-inline': "+st.CSP)
	}
	if d := cspDirectives(st.CSP); d["default-src"] == "" && d["script-src"] == "" {
		add("csp-meta", "no-script-policy", "head", "the policy restricts neither default-src nor script-src: "+st.CSP)
	}
	for _, el := range st.Before {
		add("csp-meta", "too-late", el, "this resource comes before the CSP meta tag, which does not govern it")
	}
	hb, err := os.ReadFile(cfg.Dir + "/_headers")
	if err != nil {
		return // reported once for the site
	}
	hcsp := headersFor(parseHeaders(hb), p).Get("Content-Security-Policy")
	if hcsp == "" {
		add("csp-meta", "_headers", p, "_headers gives this path no Content-Security-Policy")
	} else if m := cspMismatch(st.CSP, hcsp); m != "" {
		add("csp-meta", "_headers", p, "the meta tag and _headers disagree: "+m)
	}
}

// tabWalk loads the page and presses Tab until focus leaves the document
// or comes back to the first stop, recording each focused element.
func (b *tab) tabWalk(ctx context.Context, pageURL string) ([]focusInfo, error) {
	if err := b.navigate(ctx, pageURL); err != nil {
		return nil, err
	}
	var stops []focusInfo
	for i := 0; i < 600; i++ {
		if err := b.key(ctx, kb.Tab); err != nil {
			return nil, err
		}
		fi, err := eval[focusInfo](ctx, js(focusJS))
		if err != nil {
			return nil, err
		}
		if fi.Path == "" || len(stops) > 0 && fi.Path == stops[0].Path {
			break
		}
		stops = append(stops, fi)
	}
	return stops, nil
}

// checkSkipLink: from a fresh load, Tab then Enter must put focus on main,
// or at least move the sequential focus starting point there, so that the
// next Tab lands inside main.
func (b *tab) checkSkipLink(ctx context.Context, pageURL string, add func(check, rule, where, msg string)) error {
	if err := b.navigate(ctx, pageURL); err != nil {
		return err
	}
	if err := b.key(ctx, kb.Tab); err != nil {
		return err
	}
	if err := b.key(ctx, kb.Enter); err != nil {
		return err
	}
	fi, err := eval[focusInfo](ctx, js(focusJS))
	if err != nil {
		return err
	}
	if fi.IsMain || fi.InMain {
		return nil
	}
	if err := b.key(ctx, kb.Tab); err != nil {
		return err
	}
	next, err := eval[focusInfo](ctx, js(focusJS))
	if err != nil {
		return err
	}
	if !next.InMain {
		add("skip-link", "target", "", "after Enter on the skip link, focus is on "+orNothing(fi.Path)+" and the next Tab goes to "+orNothing(next.Path)+", not into main")
	}
	return nil
}

func orNothing(s string) string {
	if s == "" {
		return "the document body"
	}
	return s
}

// checkCalculators proves each calculator works with the keyboard alone.
func (b *tab) checkCalculators(ctx context.Context, pageURL string, stops []focusInfo, add func(check, rule, where, msg string), note func(string)) error {
	if err := b.navigate(ctx, pageURL); err != nil {
		return err
	}
	forms, err := eval[[]formInfo](ctx, js(formsJS))
	if err != nil {
		return err
	}
	order := map[string]int{}
	for i, s := range stops {
		if _, ok := order[s.Path]; !ok {
			order[s.Path] = i
		}
	}
	for _, f := range forms {
		where := fmt.Sprintf("form[data-calculator=%q]", f.Name)
		// Tab order: the controls must all be Tab stops, in DOM order.
		last := -1
		for _, c := range f.Controls {
			i, ok := order[c]
			if !ok {
				add("calculator", "tab-order", c, "Tab never reaches this control of "+where)
				continue
			}
			if i < last {
				add("calculator", "tab-order", c, "Tab reaches this control of "+where+" out of order")
			}
			last = i
		}

		// Enter on the empty form.
		if err := b.navigate(ctx, pageURL); err != nil {
			return err
		}
		fields, err := eval[[]string](ctx, js(prepareFormJS, f.Index))
		if err != nil {
			return err
		}
		if len(fields) == 0 {
			add("calculator", "no-field", where, "the calculator has no text field")
			continue
		}
		if err := b.key(ctx, kb.Enter); err != nil {
			return err
		}
		sum, err := b.waitSummary(ctx)
		if err != nil {
			return err
		}
		switch {
		case sum.URL != pageURL:
			add("calculator", "enter-empty", where, "Enter on the empty form left the page for "+sum.URL+" (no script handled it)")
			continue
		case sum.IsField || sum.Path == "":
			add("calculator", "error-summary-focus", where, "Enter on the empty form did not move focus to an error summary (focus: "+orNothing(sum.Path)+")")
		case sum.Links == 0:
			add("calculator", "error-summary-links", sum.Path, "the focused error summary has no link to a field: "+sum.HTML)
		}
		for _, id := range sum.Broken {
			add("calculator", "error-summary-links", sum.Path, "the error summary links to #"+id+", which does not exist")
		}
		vs, err := b.runAxe(ctx)
		if err != nil {
			return err
		}
		for _, v := range vs {
			add("axe light 1280px, calculator errors shown", v.Rule, v.Target, v.Help+" ("+v.Impact+"): "+v.Summary+" — "+v.HTML)
		}

		// Valid dates, typed, then Enter: a result in a polite live region.
		ok := false
		var tried []string
		for _, shift := range []int{1, -1} {
			if err := b.navigate(ctx, pageURL); err != nil {
				return err
			}
			before, err := eval[[]liveRegion](ctx, js(liveJS))
			if err != nil {
				return err
			}
			steps, err := eval[[]fillStep](ctx, js(fillFormJS, f.Index, shift))
			if err != nil {
				return err
			}
			var typed []string
			for _, s := range steps {
				if s.Date != "" {
					continue // set by the script: a date picker takes no typing
				}
				if okf, err := eval[bool](ctx, js(focusPathJS, s.Path, true)); err != nil {
					return err
				} else if !okf {
					add("calculator", "fill", s.Path, "cannot focus this field")
					continue
				}
				if err := b.key(ctx, s.Text); err != nil {
					return err
				}
				typed = append(typed, s.Text)
			}
			if err := b.key(ctx, kb.Enter); err != nil {
				return err
			}
			res, err := b.waitLive(ctx, before)
			if err != nil {
				return err
			}
			tried = append(tried, strings.Join(typed, "/")+" → "+res)
			if strings.HasPrefix(res, "ok") {
				ok = true
				if strings.HasPrefix(res, "ok, new region") {
					add("calculator", "live-region", where, "the result appeared in a live region that did not exist before: screen readers announce only changes to regions already in the page")
				}
				break
			}
		}
		note(fmt.Sprintf("%s: %d controls in Tab order; empty Enter → focus on %s (%d links); valid input %s", where, len(f.Controls), orNothing(sum.Path), sum.Links, strings.Join(tried, "; ")))
		if !ok {
			add("calculator", "result", where, "valid dates and Enter put no result in an aria-live=\"polite\" region ("+strings.Join(tried, "; ")+")")
		}
	}
	return nil
}

// waitSummary polls briefly for focus to leave the field after Enter.
func (b *tab) waitSummary(ctx context.Context) (summaryInfo, error) {
	var s summaryInfo
	var err error
	for i := 0; i < 20; i++ {
		s, err = eval[summaryInfo](ctx, js(summaryJS))
		if err != nil || !s.IsField {
			return s, err
		}
		time.Sleep(25 * time.Millisecond)
	}
	return s, nil
}

// waitLive polls briefly for a polite live region whose text changed.
func (b *tab) waitLive(ctx context.Context, before []liveRegion) (string, error) {
	old := map[string]string{}
	for _, r := range before {
		old[r.Path] = r.Text
	}
	for i := 0; i < 20; i++ {
		now, err := eval[[]liveRegion](ctx, js(liveJS))
		if err != nil {
			return "", err
		}
		for _, r := range now {
			t, existed := old[r.Path]
			if r.Text != "" && r.Text != t {
				if !existed {
					return "ok, new region " + r.Path, nil
				}
				return "ok", nil
			}
		}
		time.Sleep(25 * time.Millisecond)
	}
	fi, err := eval[focusInfo](ctx, js(focusJS))
	if err != nil {
		return "", err
	}
	return "no change; focus on " + orNothing(fi.Path), nil
}

var inlineSVG = regexp.MustCompile(`(?is)<svg\b.*?</svg>`)

// weigh computes the page's gzip weight from the files the browser fetched.
func (b *tab) weigh(cfg Config, p, pageURL string, ev events) (Weight, int) {
	var w Weight
	budget := cfg.Budgets.Page
	if isHome(p) && cfg.Budgets.Home > 0 {
		budget = cfg.Budgets.Home
	}
	if f, ok := fileFor(cfg.Dir, b.origin, pageURL); ok {
		if html, err := os.ReadFile(f); err == nil {
			stripped := inlineSVG.ReplaceAll(html, nil)
			w.HTML = gzipSize(stripped)
			w.Excluded = gzipSize(html) - w.HTML
		}
	}
	seen := map[string]bool{}
	for _, id := range ev.order {
		r := ev.reqs[id]
		if r.typ == network.ResourceTypeDocument || seen[r.url] || !b.sameOrigin(r.url) {
			continue
		}
		seen[r.url] = true
		f, ok := fileFor(cfg.Dir, b.origin, r.url)
		if !ok {
			continue
		}
		data, err := os.ReadFile(f)
		if err != nil {
			continue
		}
		n := gzipSize(data)
		switch {
		case r.typ == network.ResourceTypeStylesheet:
			w.CSS += n
		case r.typ == network.ResourceTypeScript:
			w.JS += n
		case strings.HasSuffix(f, ".svg"):
			w.Excluded += n
		case strings.HasSuffix(f, ".html") || strings.HasSuffix(f, "/sw.js") || r.typ == network.ResourceTypeOther:
			// No page loads another page as a resource: these are the
			// service worker and the copies it keeps of the language's
			// pages for offline reading, fetched after the page has loaded.
			// The budgets are the page's own weight, without the service
			// worker (issue 15).
			w.Excluded += n
		default:
			w.Other += n
		}
	}
	return w, budget
}

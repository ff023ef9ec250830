// Package site is the build, read top to bottom:
//
//	Load     site.toml, the theme, data/ and content/{lang}/**.md
//	Validate every loader reports diag.Problems (path:line:col), all collected
//	Resolve  translations, URLs, menus, links between pages
//	Render   Markdown → HTML (in parallel), then the theme's layouts
//	Write    minify assets, fingerprint, stage and swap into the output folder
//
// Site format (what editors write):
//
//	site.toml                 title, baseURL, defaultLanguage, theme, asOf, [[languages]]
//	content/{lang}/**.md      YAML front matter (see content.FrontMatter) + Markdown
//	data/sources.yaml         legal sources, cited as [@key, pinpoint]
//	data/rules/*.yaml         dated rule parameters, used as {rule:file.key}
//	data/calculators.yaml     calculators, embedded as {calculator:id}
//	data/pathways/*.yaml      pathway graphs, embedded as {diagram:id}
//	data/glossary.yaml        glossary terms, used as {term:id}
//	data/guide.yaml           the questionnaire, under the page with layout: guide (guide.go)
//	themes/{theme}/           layouts/*.html, assets/{css,js}/, i18n/{lang}.toml
//
// Output (under the output folder): index.html (language chooser),
// {lang}/index.html, one {url}/index.html per page, sitemap.xml, robots.txt,
// 404.html, _headers, css/ and js/ assets (fingerprinted), data/rules.json,
// diagrams/{lang}/{id}.svg.
//
// Contract: the same input gives byte-identical output; a build with errors
// (or warnings under Strict) writes nothing; no input makes it panic.
package site

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/cire-asbl/fabrique/internal/config"
	"github.com/cire-asbl/fabrique/internal/content"
	"github.com/cire-asbl/fabrique/internal/diag"
	"github.com/cire-asbl/fabrique/internal/markdown"
	"github.com/cire-asbl/fabrique/internal/output"
	"github.com/cire-asbl/fabrique/internal/render"
)

// Options say what to build and how.
type Options struct {
	Src     string // site root on disk (Build only)
	Out     string // output folder (Build only)
	BaseURL string // overrides site.toml's baseURL when set
	Strict  bool   // warnings fail the build
	// PDF says the leaflets will be printed to PDF into the output (build
	// -pdf with a browser): only then do pages link the PDFs; with Strict,
	// a placeholder baseURL is then an error, since QR codes would carry it.
	PDF bool
	// Cache, when set, is reused across builds of the same site (the dev
	// server); work whose inputs did not change is taken from it.
	Cache *Cache
}

// Result is a generated site: in memory (Generate), or written (Build,
// whose Files stay empty).
type Result struct {
	Files        output.Files
	Problems     *diag.List
	Config       *config.Site
	Translations []*content.Entry
	// Leaflets are the leaflets built, what -pdf prints (also written as
	// leaflets/leaflets.json for other tools).
	Leaflets LeafletManifest
}

// Failed reports whether the result must not be written.
func (r *Result) Failed(strict bool) bool { return r.Problems.Failed(strict) }

// Build generates the site from opts.Src and, if there is no error (and no
// warning under Strict), swaps it into opts.Out. The result's Problems hold
// every problem (its Files are on disk, not in memory); err is set when the
// build failed for any reason.
func Build(opts Options) (*Result, error) {
	src := opts.Src
	if src == "" {
		src = "."
	}
	in := output.Inputs{Root: src}
	for _, d := range []string{"content", "data", "themes"} {
		in.Folders = append(in.Folders, filepath.Join(src, d))
	}
	st, err := output.Stage(opts.Out, in)
	if err != nil {
		return &Result{Files: output.Files{}, Problems: &diag.List{}}, err
	}
	res := generate(os.DirFS(src), opts, &stagingSink{st: st})
	if res.Failed(opts.Strict) {
		st.Abort()
		e, w := res.Problems.Count()
		return res, fmt.Errorf("build failed: %d error(s), %d warning(s); %s left untouched", e, w, opts.Out)
	}
	if err := st.Commit(); err != nil {
		return res, err
	}
	return res, nil
}

// Generate runs the whole pipeline in memory. It never panics: a panic in a
// stage is turned into a problem, so a bad input cannot crash an editor's
// preview or CI with a stack trace.
func Generate(fsys fs.FS, opts Options) *Result {
	res := generate(fsys, opts, nil)
	if res.Failed(opts.Strict) {
		res.Files = output.Files{}
	}
	return res
}

// generate runs the pipeline, handing every finished file (assets minified) to
// sink, or keeping it in Result.Files when sink is nil.
func generate(fsys fs.FS, opts Options, sink fileSink) (res *Result) {
	res = &Result{Files: output.Files{}, Problems: &diag.List{}}
	if sink == nil {
		sink = &memorySink{files: res.Files}
	}
	defer func() {
		if r := recover(); r != nil {
			res.Problems.Errorf("(build)", 0, 0, "internal error: %v — please report it with the input that caused it", r)
			res.Files = output.Files{}
		}
	}()
	b := &builder{fsys: fsys, opts: opts, res: res, problems: res.Problems, sink: sink, minifier: output.NewMinifier()}
	b.run()
	return res
}

// fileSink receives finished files; it is safe for concurrent use.
type fileSink interface {
	put(name string, data []byte) error
}

type memorySink struct {
	mu    sync.Mutex
	files output.Files
}

func (m *memorySink) put(name string, data []byte) error {
	m.mu.Lock()
	m.files[name] = data
	m.mu.Unlock()
	return nil
}

// stagingSink writes each file as soon as it is done, so a large site is
// never held in memory; the staging folder is swapped in only on success.
type stagingSink struct{ st *output.Staging }

func (s *stagingSink) put(name string, data []byte) error { return s.st.Put(name, data) }

// put minifies a finished file (assets only: see output.Minifier), writes it
// and returns what it wrote.
func (b *builder) put(name string, data []byte) []byte {
	if strings.HasSuffix(name, ".svg") {
		// A control character that reached a label through a YAML escape
		// ("\u0001") would make the file invalid XML, which browsers refuse
		// to show at all.
		if err := wellFormed(data); err != nil {
			b.problems.Errorf(name, 0, 0, "generated SVG is not valid XML (%v): look for a control character in the labels of its data file", err)
		}
	}
	min := b.minify(name, data)
	b.write(name, min)
	return min
}

// minify minifies by file type; on a minifier error the file is kept as is
// and the error reported.
func (b *builder) minify(name string, data []byte) []byte {
	min, err := b.minifier.Minify(name, data)
	if err != nil {
		b.problems.Errorf(name, 0, 0, "%v", err)
		return data
	}
	return min
}

// write hands a finished file to the sink.
func (b *builder) write(name string, data []byte) {
	b.record(name, data)
	if err := b.sink.put(name, data); err != nil {
		b.problems.Errorf(name, 0, 0, "cannot write: %v", err)
	}
}

type builder struct {
	fsys     fs.FS
	home     *content.Entry // the home page's translations (see homeEntry)
	opts     Options
	res      *Result
	problems *diag.List

	cfg      *config.Site
	theme    *render.Theme
	pages    []*content.Page
	entries  []*content.Entry
	byKey    map[string]*content.Entry
	basePath string // path part of the base URL, ending in "/"
	baseURL  *url.URL
	data     *siteData
	conv     *markdown.Converter
	rendered []*renderedPage
	assets   assets
	menuOnce sync.Once
	menus    map[string][]Link
	sink     fileSink
	minifier *output.Minifier
	inputs   uint64 // hash of every input but the pages' own bytes (with Cache)
	fragMu   sync.Mutex
	frags    map[string]template.HTML // memoized layout fragments (chrome)

	search *searchState

	tplOnce   sync.Once   // a broken layout is reported once
	tplBroken atomic.Bool // and stops rendering

	index index // the site once converted (resolve.go)

	outMu    sync.Mutex
	outFiles map[string]outFile // every file written: the service worker's manifest and version
	guide    *guideState        // data/guide.yaml, nil without one (guide.go)
}

func (b *builder) run() {
	// Load.
	cfg, ps := config.Load(b.fsys)
	b.problems.Merge(ps)
	if cfg == nil {
		return
	}
	if b.opts.BaseURL != "" {
		cfg.BaseURL = b.opts.BaseURL
		if !strings.HasSuffix(cfg.BaseURL, "/") {
			cfg.BaseURL += "/"
		}
	}
	u, err := url.Parse(cfg.BaseURL)
	if err != nil || u.Scheme == "" || u.Host == "" {
		b.problems.Errorf("-base", 0, 0, "%q is not an absolute URL like https://example.org/", cfg.BaseURL)
		return
	}
	b.checkBaseURL(u)
	b.cfg, b.baseURL, b.basePath = cfg, u, u.Path
	if b.basePath == "" {
		b.basePath = "/"
	}
	b.res.Config = cfg
	langs := cfg.Codes()

	theme, ps := render.Load(b.fsys, "themes/"+cfg.Theme, langs, cfg.DefaultLanguage)
	b.problems.Merge(ps)
	b.theme = theme
	if ps.Failed(false) {
		b.tplBroken.Store(true) // reported once above; pages would only repeat it
	}

	var parse content.ParseFunc
	if b.opts.Cache != nil {
		parse = b.opts.Cache.parse
		defer b.opts.Cache.sweep()
	}
	pages, ps := content.LoadWith(b.fsys, langs, parse)
	b.problems.Merge(ps)
	b.pages = pages

	// Every data file passes the YAML guard before any loader decodes it:
	// one alias bomb would otherwise take the build's memory.
	if !guardData(b.fsys, b.problems) {
		return
	}
	b.data = loadData(b.fsys, cfg, theme.I18n, b.problems)
	b.loadLeafletData()
	b.checkProse()
	b.loadGuide()

	// Resolve.
	b.resolveTranslations()
	if b.opts.Cache != nil {
		b.inputs = b.inputsKey()
	}
	b.assets = b.buildAssets()

	// Render Markdown, then check links now that every id is known.
	b.data.resolvePages(b)
	b.prepareSearch()
	b.checkLayouts()
	b.conv = markdown.New()
	b.convertAll()
	// Pages whose layout file needs the whole site (the sources page lists
	// who cites what, the search page points at the index) are rendered
	// once every page is converted; the others were written as soon as
	// their Markdown was converted. The ids layouts write are link targets.
	b.resolve()
	b.buildSearch()
	b.renderLayouts()
	b.checkLinks()
	b.data.checkUsage(b.index.cited, b.problems)
	if b.problems.Failed(b.opts.Strict) {
		return
	}
	b.renderDeferred()
	b.renderGuide()
	b.renderLeaflets()
	b.writeExtras()
	b.writeServiceWorker()
}

// checkBaseURL flags the placeholder address (example.org and the like,
// RFC 2606): pages work anywhere, but the sitemap, canonical links and the
// QR codes printed on leaflets would carry it.
func (b *builder) checkBaseURL(u *url.URL) {
	h := strings.ToLower(u.Hostname())
	placeholder := h == "localhost" || strings.HasSuffix(h, ".example") || strings.HasSuffix(h, ".invalid") || strings.HasSuffix(h, ".test")
	for _, d := range []string{"example.org", "example.com", "example.net"} {
		placeholder = placeholder || h == d || strings.HasSuffix(h, "."+d)
	}
	if !placeholder || (b.opts.BaseURL != "" && !b.opts.PDF) {
		return // a -base given on the command line is deliberate (previews, tests)
	}
	where, line, col := config.Path, 0, 0
	if src, err := fs.ReadFile(b.fsys, config.Path); err == nil {
		if i := bytes.Index(src, []byte("baseURL")); i >= 0 {
			line, col = diag.LineCol(src, i)
		}
	}
	if b.opts.BaseURL != "" {
		where, line, col = "-base", 0, 0
	}
	const msg = "baseURL %s is a placeholder: set the address the site is published at before publishing (the sitemap, canonical links and the QR codes on printed leaflets carry it)"
	if b.opts.PDF && b.opts.Strict {
		b.problems.Errorf(where, line, col, msg, u)
		return
	}
	b.problems.Notef(where, line, col, msg, u)
}

// url turns a site path ("/fr/a/") into a URL under the base path.
func (b *builder) url(p string) string {
	return strings.TrimSuffix(b.basePath, "/") + p
}

// abs turns a site path into an absolute URL.
func (b *builder) abs(p string) string {
	u := *b.baseURL
	u.Path = b.url(p)
	return u.String()
}

func (b *builder) resolveTranslations() {
	b.entries = content.Translations(b.pages, b.cfg.DefaultLanguage)
	b.res.Translations = b.entries
	b.home = findHome(b.entries)
	b.byKey = map[string]*content.Entry{}
	for _, e := range b.entries {
		b.byKey[e.Key] = e
	}
	content.CheckTranslations(b.entries, b.cfg.Codes(), b.cfg.DefaultLanguage, func(p *content.Page, msg string) {
		line := 1
		if i := bytes.Index(p.Source, []byte("translatedFrom")); i >= 0 {
			line, _ = diag.LineCol(p.Source, i)
		}
		b.problems.Warnf(p.Path, line, 1, "%s", msg)
	})
	for _, e := range b.entries {
		for _, lang := range b.cfg.Codes() {
			if e.ByLang[lang] == nil {
				b.problems.Notef("content/"+lang, 0, 0, "page %q (%s) has no %s version yet: the language switcher will say so (go run ./cmd/build new translation %s %s)", e.Key, firstPath(e), lang, lang, strings.TrimSuffix(strings.TrimPrefix(firstPath(e), "content/"), ".md"))
			}
		}
	}
	b.checkFooter()
	if b.homePage(b.cfg.DefaultLanguage) == nil {
		b.problems.Errorf("content", 0, 0, "no home page: create content/%s/index.md", b.cfg.DefaultLanguage)
	}
}

// checkFooter reports a key in site.toml's footer list that names no page:
// without it a misspelt key silently drops the link from every page.
func (b *builder) checkFooter() {
	src, _ := fs.ReadFile(b.fsys, "site.toml")
	keys := make([]string, 0, len(b.byKey))
	for k := range b.byKey {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, key := range b.cfg.Footer {
		if b.byKey[key] != nil {
			continue
		}
		line, col := 0, 0
		if i := bytes.Index(src, []byte(strconv.Quote(key))); i >= 0 {
			line, col = diag.LineCol(src, i)
		}
		b.problems.Errorf("site.toml", line, col, "footer: no page has the key %q%s", key, diag.DidYouMean(key, keys))
	}
}

func firstPath(e *content.Entry) string {
	if e.Source != nil {
		return e.Source.Path
	}
	var paths []string
	for _, p := range e.ByLang {
		paths = append(paths, p.Path)
	}
	sort.Strings(paths)
	return paths[0]
}

// renderedPage is a page after Markdown conversion.
type renderedPage struct {
	page  *content.Page
	env   *markdown.Env
	html  []byte
	brief [][]byte
	// A page with a layout file: its data, layout part included, and the
	// ids that part writes (renderLayouts).
	data      *PageData
	layoutIDs []string
}

// Resolve implements markdown.Links: a translation key to a URL in lang.
type linkResolver struct{ b *builder }

func (l linkResolver) Resolve(key, fragment, lang string) (string, error) {
	e := l.b.byKey[key]
	if e == nil {
		return "", fmt.Errorf("no page has key %q", key)
	}
	p := e.ByLang[lang]
	if p == nil {
		if e.Source != nil {
			return "", fallback{fmt.Sprintf("page %q has no %s version yet; linking the %s version", key, lang, e.Source.Lang), l.b.url(e.Source.URL)}
		}
		return "", fmt.Errorf("page %q has no %s version", key, lang)
	}
	return l.b.url(p.URL), nil
}

// fallback is a link to a page's source-language version (markdown.Fallback).
type fallback struct{ msg, url string }

func (f fallback) Error() string       { return f.msg }
func (f fallback) FallbackURL() string { return f.url }

func (b *builder) convertAll() {
	b.rendered = make([]*renderedPage, len(b.pages))
	work := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range work {
				rp := b.convert(b.pages[i])
				b.rendered[i] = rp
				b.indexPage(rp)
				if rp.html != nil && !hasLayout(rp.page) {
					b.renderPage(rp)
					rp.html = nil            // written: do not hold it
					if b.opts.Cache == nil { // the cache keys later builds on the bytes
						rp.page.Release()
						rp.env.Release()
					}
				}
			}
		}()
	}
	for i := range b.pages {
		work <- i
	}
	close(work)
	wg.Wait()
}

func (b *builder) newEnv(p *content.Page) *markdown.Env {
	env := &markdown.Env{
		Lang: p.Lang, Path: p.Path, Source: p.Source, BodyOffset: p.BodyOffset,
		Problems: b.problems, Links: linkResolver{b}, BasePath: strings.TrimSuffix(b.basePath, "/"),
	}
	b.attach(env)
	return env
}

// attach gives a Markdown environment the data resolvers: rule values,
// citations, terms, embedded blocks, and the ids "did you mean" suggests.
func (b *builder) attach(env *markdown.Env) {
	d := b.data
	if d.rules != nil {
		env.Rules = d.rules
	}
	if d.sources != nil {
		env.Citer = d.sources
	}
	if d.glossary != nil {
		env.Glossary = d.glossary
	}
	env.Known = func(kind string) []string {
		if kind != "page" {
			return d.known(kind)
		}
		keys := make([]string, 0, len(b.entries))
		for _, e := range b.entries {
			keys = append(keys, e.Key)
		}
		return keys
	}
	lang, _ := b.cfg.Lang(env.Lang)
	env.Blocks = &pageBlocks{d: d, b: b, dir: lang.Dir, count: map[string]int{}}
}

func (b *builder) convert(p *content.Page) *renderedPage {
	if b.opts.Cache != nil {
		return b.cachedConvert(p)
	}
	return b.convertInto(p, b.problems)
}

// convertInto converts one page, reporting its problems to problems.
func (b *builder) convertInto(p *content.Page, problems *diag.List) (rp *renderedPage) {
	rp = &renderedPage{page: p}
	defer func() {
		if r := recover(); r != nil {
			problems.Errorf(p.Path, 0, 0, "internal error while rendering this page: %v", r)
		}
	}()
	env := b.newEnv(p)
	env.Problems = problems
	rp.env = env
	out, err := b.conv.Convert(env, p.Body())
	if err != nil {
		problems.Errorf(p.Path, 0, 0, "markdown: %v", err)
		return rp
	}
	if strings.Contains(string(out), "<h1") {
		problems.Errorf(p.Path, 0, 0, "the body has a level-1 heading: the title is the page's only h1; start sections with ##")
	}
	rp.html = out
	for _, item := range p.Brief {
		// A brief item is a summary: its rule values are sourced in the body
		// below, so it carries no notes of its own.
		benv := b.newEnv(p)
		benv.Problems = problems
		benv.Source = nil // positions inside front matter are not body positions
		benv.Citer = nil
		if benv.Rules != nil {
			benv.Rules = unsourced{benv.Rules}
		}
		h, err := b.conv.ConvertInline(benv, item)
		if err != nil {
			problems.Errorf(p.Path, 0, 0, "brief: %v", err)
			continue
		}
		rp.brief = append(rp.brief, h)
	}
	return rp
}

// unsourced formats rule values without their citation.
type unsourced struct{ markdown.RuleFormatter }

func (u unsourced) FormatRule(id, lang string) (string, markdown.CiteRef, error) {
	text, _, err := u.RuleFormatter.FormatRule(id, lang)
	return text, markdown.CiteRef{}, err
}

// checkLinks verifies every internal link and #fragment against the pages
// and ids of the whole site, reporting each at the linking page's line:col.
func (b *builder) checkLinks() {
	ids := map[string]map[string]bool{} // url → ids
	for _, rp := range b.rendered {
		if rp == nil || rp.env == nil {
			continue
		}
		set := map[string]bool{}
		for _, id := range rp.env.IDs {
			set[id] = true
		}
		for _, id := range rp.layoutIDs {
			set[id] = true
		}
		ids[b.url(rp.page.URL)] = set
	}
	files := map[string]bool{} // generated files: what an image may show
	for _, extra := range b.extraURLs() {
		files[extra] = true
		if _, ok := ids[extra]; !ok {
			ids[extra] = nil
		}
	}
	for _, rp := range b.rendered {
		if rp == nil || rp.env == nil {
			continue
		}
		self := b.url(rp.page.URL)
		for _, l := range rp.env.LinksOut {
			target, frag, _ := strings.Cut(l.URL, "#")
			if target == "" {
				target = self
			}
			set, ok := ids[target]
			switch {
			case l.File && !files[target]:
				b.problems.Errorf(rp.page.Path, l.Line, l.Col, "image %s: the site has no such file", l.URL)
			case !ok:
				b.problems.Errorf(rp.page.Path, l.Line, l.Col, "link to %s: no page has this URL (link pages with ref:KEY)", l.URL)
			case frag != "" && !set[frag]:
				b.problems.Errorf(rp.page.Path, l.Line, l.Col, "link to %s: the page has no element with id %q", l.URL, frag)
			}
		}
	}
}

// extraURLs are generated files that pages may link to.
func (b *builder) extraURLs() []string {
	out := []string{b.url("/"), b.url("/data/rules.json")}
	if b.data.pathways != nil {
		for _, l := range b.cfg.Codes() {
			for _, id := range b.data.pathways.IDs() {
				out = append(out, b.url(diagramPath(l, id)))
			}
		}
	}
	if b.guide != nil {
		for _, l := range b.cfg.Codes() {
			out = append(out, b.url(diagramPath(l, guideID)))
		}
	}
	return out
}

// wellFormed reports the first XML syntax error in data.
func wellFormed(data []byte) error {
	d := xml.NewDecoder(bytes.NewReader(data))
	for {
		_, err := d.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

// Package site is the build, read top to bottom (builder.run, in this
// file, calls the steps in this order; each step is in the file named):
//
//	Load      site.toml, the theme, content/{lang}/**.md, data/     load.go, data.go, leafletdata.go, guide.go
//	Validate  every loader reports diag.Problems (path:line:col), all collected; prose.go, layouts.go (checkLayouts)
//	Resolve   translations, assets, search documents                translations.go, assets.go, search.go
//	Convert   Markdown → HTML in parallel; a page without a layout  convert.go, pages.go, cache.go
//	          file is rendered and written as soon as converted
//	Resolve   once every page is converted: who cites what, the     resolve.go, search.go, layouts.go
//	          leaflets, the search index, the layout files' parts;
//	          then every link and #fragment                         links.go
//	Render    pages with a layout file, the questionnaire, leaflets pages.go, guide.go, leaflet.go
//	Write     chooser, 404, robots.txt, _headers, sitemap.xml,      write.go, chooser.go, headers.go, sitemap.go,
//	          assets, data files, the service worker; each file is  offline.go, builder.go (put: minify, stage,
//	          staged and the folder swapped in on success           swap in on success)
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
	"fmt"
	"io/fs"
	"path/filepath"

	"github.com/cire-asbl/fabrique/internal/config"
	"github.com/cire-asbl/fabrique/internal/content"
	"github.com/cire-asbl/fabrique/internal/diag"
	"github.com/cire-asbl/fabrique/internal/markdown"
	"github.com/cire-asbl/fabrique/internal/output"
	"github.com/cire-asbl/fabrique/internal/srcdir"
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
	res := generate(srcdir.New(src), opts, &stagingSink{st: st})
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

func (b *builder) run() {
	if b.opts.Cache != nil {
		defer b.opts.Cache.sweep() // forget what this build did not use
	}
	// Load and validate: every loader reports all its problems.
	if !b.load() {
		return
	}

	// Resolve what pages need before conversion.
	b.resolveTranslations()
	if b.opts.Cache != nil {
		b.inputs = b.inputsKey()
	}
	b.assets = b.buildAssets()
	b.resolveRoles()
	b.prepareSearch()
	b.checkLayouts()

	// Convert Markdown; a page without a layout file is rendered and
	// written as soon as it is converted (a large site is never held).
	b.conv = markdown.New()
	b.convertAll()

	// Resolve what needs every page converted: who cites what, the
	// leaflets, the search index, the layout files' parts (the sources page
	// lists who cites what, the search page points at the index); then
	// check links, now that every id is known.
	b.resolve()
	b.buildSearch()
	b.renderLayouts()
	b.checkLinks()
	b.data.checkUsage(b.index.cited, b.problems)
	if b.problems.Failed(b.opts.Strict) {
		return
	}

	// Render and write the rest.
	b.renderDeferred()
	b.renderGuide()
	b.renderLeaflets()
	b.writeExtras()
	b.writeServiceWorker()
}

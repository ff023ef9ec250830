package site

// builder.go: the build's state, passed to every step, with the types of
// what the steps leave in it (converted pages, the leaflets to build, the
// index resolved once every page is converted, the pages playing a role,
// the loaded questionnaire, the assets, every file written), and how a
// finished file leaves it (minified, checked, handed to the sink). It
// defines no step: a step file fills its part of the state, later steps
// read it.

import (
	"bytes"
	"encoding/xml"
	"hash/crc32"
	"html/template"
	"io"
	"io/fs"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"unsafe"

	"github.com/cire-asbl/fabrique/internal/config"
	"github.com/cire-asbl/fabrique/internal/content"
	"github.com/cire-asbl/fabrique/internal/diag"
	"github.com/cire-asbl/fabrique/internal/guide"
	"github.com/cire-asbl/fabrique/internal/markdown"
	"github.com/cire-asbl/fabrique/internal/output"
	"github.com/cire-asbl/fabrique/internal/pathway"
	"github.com/cire-asbl/fabrique/internal/render"
	"github.com/cire-asbl/fabrique/internal/sources"
)

// fileSink receives finished files; it is safe for concurrent use. done,
// if not nil, is called once the sink no longer needs data (a sink that
// keeps the files never calls it).
type fileSink interface {
	put(name string, data []byte, done func()) error
}

type memorySink struct {
	mu    sync.Mutex
	files output.Files
}

func (m *memorySink) put(name string, data []byte, _ func()) error {
	m.mu.Lock()
	m.files[name] = data
	m.mu.Unlock()
	return nil
}

// stagingSink writes each file as soon as it is done, so a large site is
// never held in memory; the staging folder is swapped in only on success.
type stagingSink struct{ st *output.Staging }

func (s *stagingSink) put(name string, data []byte, done func()) error {
	return s.st.PutThen(name, data, done)
}

// put minifies a finished file (assets only: see output.Minifier), writes it
// and returns what it wrote.
func (b *builder) put(name string, data []byte) []byte { return b.putThen(name, data, nil) }

// putThen is put that calls done (if not nil) once the sink no longer
// needs data.
func (b *builder) putThen(name string, data []byte, done func()) []byte {
	if strings.HasSuffix(name, ".svg") {
		// A control character that reached a label through a YAML escape
		// ("\u0001") would make the file invalid XML, which browsers refuse
		// to show at all.
		if err := wellFormed(data); err != nil {
			b.problems.Errorf(name, 0, 0, "generated SVG is not valid XML (%v): look for a control character in the labels of its data file", err)
		}
	}
	min := b.minify(name, data)
	b.write(name, min, done)
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

// write hands a finished file to the sink, which calls done (if not nil)
// once it no longer needs data.
func (b *builder) write(name string, data []byte, done func()) {
	b.record(name, data)
	if err := b.sink.put(name, data, done); err != nil {
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

	index index     // the site once converted (resolve.go)
	roles rolePages // the pages whose layout plays a role (theme.toml)

	outMu    sync.Mutex
	outFiles map[string]outFile // every file written: the service worker's manifest and version
	guide    *guideState        // data/guide.yaml, nil without one (guide.go)
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

type outFile struct {
	size int
	sum  uint32
}

// castagnoli is CRC-32C, which the processor computes itself (SSE 4.2,
// ARMv8): every byte of the site is summed, and CRC-64 in software was 1 %
// of a large build's CPU. A changed file keeping its sum (one chance in
// four billion) would leave readers' offline copy stale until the next
// change.
var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// record notes a written file's size and checksum (safe for concurrent use).
func (b *builder) record(name string, data []byte) {
	f := outFile{size: len(data), sum: crc32.Checksum(data, castagnoli)}
	b.outMu.Lock()
	if b.outFiles == nil {
		b.outFiles = map[string]outFile{}
	}
	b.outFiles[name] = f
	b.outMu.Unlock()
}

// body is the converted HTML as a string. It shares html's bytes rather
// than copying them (a copy of every page was a twentieth of a large
// build's allocation): html is never written once the converter has made
// it, only replaced or dropped whole.
func (rp *renderedPage) body() string {
	return unsafe.String(unsafe.SliceData(rp.html), len(rp.html))
}

// index is the site once converted.
type index struct {
	// cited: language → source key → the pages of that language citing it,
	// in page order, each once.
	cited map[string]map[string][]sources.PageRef
	// leaflets: language → its leaflets, in the order of the pathway pages.
	leaflets map[string][]leafletRef
}

// rolePages is, for each role of theme.toml (render.Roles), the page of
// each language whose layout plays it: the search page, the glossary, the
// questionnaire's start. Found once, after loading; the build asks it
// instead of naming layouts or translation keys.
type rolePages map[string]map[string]*content.Page

// page is lang's page playing role, or nil.
func (r rolePages) page(role, lang string) *content.Page { return r[role][lang] }

// urls is the URL of the page playing role in each language.
func (r rolePages) urls(role string, url func(string) string) map[string]string {
	out := map[string]string{}
	for lang, p := range r[role] {
		out[lang] = url(p.URL)
	}
	return out
}

// assets are the theme's CSS and JS, concatenated, minified and fingerprinted once per
// build so every page can reference them and browsers can cache them for a
// year (see _headers).
type assets struct {
	css    string // URL of the stylesheet
	calcUI string // URL of the calculators' UI module
	// offline registers the service worker (every page); notFound picks
	// the root 404 page's language from the address.
	offline, notFound string
	search            string // URL of the search page's module
	calcJS            string // URL the UI module imports the calculators from (with its version query)
	files             map[string][]byte
}

// renderedPage is a page after Markdown conversion.
type renderedPage struct {
	page  *content.Page
	env   *markdown.Env
	html  []byte // never written once made: body reads it as a string
	brief [][]byte
	// A page with a layout file: its data, layout part included, and the
	// ids that part writes (renderLayouts).
	data      *PageData
	layoutIDs []string
}

// leafletRef is a leaflet to build: a pathway with a page in a language.
type leafletRef struct {
	lang, id string
	page     *renderedPage // the pathway's page ({diagram:id} in its body)
	url      string        // site path of the leaflet page
	pdf      string        // site path of the PDF
}

// guideState is the loaded guide and its diagram.
type guideState struct {
	g       *guide.Guide
	diagram *pathway.Set
}

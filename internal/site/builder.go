package site

// builder.go: the build's state, passed to every step, and how a finished
// file leaves it (minified, checked, handed to the sink).

import (
	"bytes"
	"encoding/xml"
	"html/template"
	"io"
	"io/fs"
	"net/url"
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

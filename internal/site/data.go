package site

import (
	"io/fs"

	"github.com/cire-asbl/fabrique/internal/config"
	"github.com/cire-asbl/fabrique/internal/content"
	"github.com/cire-asbl/fabrique/internal/diag"
	"github.com/cire-asbl/fabrique/internal/markdown"
)

// siteData holds everything loaded from data/: sources, rules, calculators,
// pathways and the glossary, and knows how each plugs into pages.
type siteData struct {
}

func loadData(fsys fs.FS, cfg *config.Site, problems *diag.List) *siteData {
	return &siteData{}
}

// attach gives a page's Markdown environment the data resolvers.
func (d *siteData) attach(env *markdown.Env, b *builder) {}

// extraIDs are ids a generated layout adds to a page (glossary entries,
// source anchors), so #fragment links to them resolve.
func (d *siteData) extraIDs(p *content.Page) []string { return nil }

// files lists generated URLs pages may link to (diagrams, leaflets).
func (d *siteData) files(b *builder) []string { return nil }

func (d *siteData) needsCalculatorJS(env *markdown.Env) bool { return false }

// layoutBody renders the generated part of special layouts and their JSON-LD.
func (d *siteData) layoutBody(b *builder, p *content.Page, rp *renderedPage) (html, jsonld string, err error) {
	return "", "", nil
}

func (d *siteData) writeFiles(b *builder) {}

func (d *siteData) css() string { return "" }

func (d *siteData) calculatorsJS() []byte { return nil }

package site

// convert.go: Markdown to HTML, in parallel, each page with the data
// resolvers (rule values, citations, terms, embedded blocks: a calculator
// with its worked example, a diagram).

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/cire-asbl/fabrique/internal/content"
	"github.com/cire-asbl/fabrique/internal/diag"
	"github.com/cire-asbl/fabrique/internal/leaflet"
	"github.com/cire-asbl/fabrique/internal/markdown"
	"github.com/cire-asbl/fabrique/internal/par"
	"github.com/cire-asbl/fabrique/internal/render"
	"github.com/cire-asbl/fabrique/internal/rules"
)

// hasLayout says whether a page's layout file writes part of it, so it is
// rendered once every page is converted (renderLayouts).
func hasLayout(p *content.Page) bool { return p.Layout != render.PageLayout }

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
	par.Each(len(b.pages), func(i int) {
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
	})
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
		env.Glossary = glossaryLinks{d}
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
	env.Blocks = b.blocks(lang.Dir)
}

// blocks renders the {calculator:…} and {diagram:…} of one page written
// in direction dir.
func (b *builder) blocks(dir string) *pageBlocks {
	return &pageBlocks{d: b.data, example: b.workedExample, url: b.url, dir: dir, count: map[string]int{}}
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
	if bytes.Contains(out, []byte("<h1")) {
		problems.Errorf(p.Path, 0, 0, "the body has a level-1 heading: the title is the page's only h1; start sections with ##")
	}
	if out == nil {
		// An empty body converts to nothing, but the page is still a page:
		// nil html means "not converted" to the steps after this one.
		out = []byte{}
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

// WorkedExample is what the layout's "worked-example" shows inside a
// calculator without JavaScript: the leaflets' example (the Go evaluator on
// dates derived from asOf, never the clock), the outputs that have a
// sentence worded as that sentence.
type WorkedExample struct {
	Title, Intro string
	Inputs       []leaflet.Row
	Sentences    []string
	Outputs      []leaflet.Row
}

// workedExample renders calculator id's worked example in lang, or "" if
// the calculator has no interface text for it.
func (b *builder) workedExample(id, lang string) (string, error) {
	cs := b.data.calcs
	c, ok := cs.Get(id)
	if !ok {
		return "", nil
	}
	asOf, err := rules.ParseDate(b.cfg.AsOf)
	if err != nil {
		return "", nil // reported by the loaders
	}
	title, intro := cs.Text(lang, "example_title"), cs.Text(lang, "example_intro")
	if title == "" {
		return "", nil
	}
	var spec leaflet.ExampleSpec
	if b.data.leaflets != nil {
		spec = b.data.leaflets.Examples[id] // data/leaflets.yaml: the same example as the leaflet's
	}
	ex, err := leaflet.WorkedExample(cs, id, lang, asOf, spec)
	if err != nil {
		return "", err
	}
	asOfText, err := cs.FormatDate(asOf, lang)
	if err != nil {
		return "", err
	}
	v := WorkedExample{Title: title, Intro: strings.ReplaceAll(intro, "{date}", asOfText)}
	for _, r := range ex.Inputs {
		v.Inputs = append(v.Inputs, leaflet.Row{Label: r.Label, Value: r.Value})
	}
	for i, r := range ex.Outputs {
		if i < len(c.Outputs) && c.Outputs[i].Sentence[lang] != "" {
			v.Sentences = append(v.Sentences, strings.ReplaceAll(c.Outputs[i].Sentence[lang], "{value}", r.Value))
			continue
		}
		v.Outputs = append(v.Outputs, leaflet.Row{Label: r.Label, Value: r.Value})
	}
	out, err := b.theme.Fragment("worked-example", v)
	return string(out), err
}

package markdown

import (
	"github.com/cire-asbl/fabrique/internal/cite"
	"github.com/cire-asbl/fabrique/internal/diag"
	"github.com/yuin/goldmark/parser"
	"sort"
	"unicode/utf8"
)

// The citation vocabulary lives in the leaf package cite, so the domain
// (rules, sources, calculators, glossary) can name it without importing
// this package and goldmark; these are its names on the Markdown side.
type (
	CiteRef          = cite.Ref
	RuleFormatter    = cite.RuleFormatter
	Citer            = cite.Citer
	ShortNoter       = cite.ShortNoter
	PinpointRequirer = cite.PinpointRequirer
	NoteLabeler      = cite.NoteLabeler
)

// Glossary resolves a term id to its text and the URL of its definition.
type Glossary interface {
	Term(id, lang string) (text, href string, ok bool)
}

// Blocks renders block directives ({calculator:x}, {diagram:y}) to HTML.
type Blocks interface {
	Block(name, arg, lang string) (html string, err error)
}

// Links resolves a translation key (and optional fragment) to a URL in lang.
type Links interface {
	Resolve(key, fragment, lang string) (url string, err error)
}

// Env is what our extensions know about the page being converted. One Env
// per conversion; never shared between goroutines.
type Env struct {
	Lang string
	Path string // source path, for problems
	// Source is the whole file; BodyOffset is where the Markdown body starts
	// in it, so positions in the body map to file line:col.
	Source     []byte
	BodyOffset int
	Problems   *diag.List

	// BasePath is the path part of the site's base URL without its final
	// slash ("" or "/sub"): site-absolute links written "/data/rules.json"
	// are published under it.
	BasePath string

	Rules    RuleFormatter
	Citer    Citer
	Glossary Glossary
	Blocks   Blocks
	Links    Links
	// Known lists the ids of one kind ("rule", "term", "source", "calculator",
	// "diagram", "page"), for "did you mean" in problems. Optional.
	Known func(kind string) []string

	// Filled during conversion.
	Cited    []CiteRef // every citation, in order, for "cited on" back-links
	IDs      []string  // heading and note ids, for #fragment checks
	LinksOut []Link    // internal links to check after all pages are known
	Embeds   []Embed   // block directives, in reading order: what the page embeds

	lineStarts []int
}

// Embed is a block directive a page uses ({calculator:renewal} is
// {Name: "calculator", Arg: "renewal"}).
type Embed struct{ Name, Arg string }

// Embedded lists the arguments of the page's block directives named name,
// in reading order.
func (e *Env) Embedded(name string) []string {
	var out []string
	for _, b := range e.Embeds {
		if b.Name == name {
			out = append(out, b.Arg)
		}
	}
	return out
}

// Link is an internal link found in a page, kept for validation.
type Link struct {
	URL       string
	Line, Col int
	File      bool // an image: the URL must be a file of the output
}

// Release drops the page bytes and line index once the page is converted;
// Pos then returns 0, 0. What conversion collected (Cited, IDs, LinksOut,
// Embeds) is kept.
func (e *Env) Release() {
	e.Source, e.lineStarts = nil, nil
}

// Pos converts an offset in the Markdown body to a file line and column.
// Line starts are indexed once per page, so a page with many links or
// problems does not rescan the file for each.
func (e *Env) Pos(bodyOffset int) (line, col int) {
	if e == nil || e.Source == nil {
		return 0, 0
	}
	off := e.BodyOffset + bodyOffset
	if off > len(e.Source) {
		off = len(e.Source)
	}
	if e.lineStarts == nil {
		e.lineStarts = []int{0}
		for i, c := range e.Source {
			if c == '\n' {
				e.lineStarts = append(e.lineStarts, i+1)
			}
		}
	}
	i := sort.SearchInts(e.lineStarts, off+1) - 1
	if i < 0 {
		i = 0
	}
	start := e.lineStarts[i]
	return i + 1, utf8.RuneCount(e.Source[start:off]) + 1
}

var envKey = parser.NewContextKey()

// WithEnv stores env in a goldmark parser context so extensions can find it.
func WithEnv(pc parser.Context, env *Env) parser.Context {
	pc.Set(envKey, env)
	return pc
}

// EnvFrom returns the Env stored in pc, or nil when converting outside a site
// build (extensions must then degrade gracefully, never panic).
func EnvFrom(pc parser.Context) *Env {
	if pc == nil {
		return nil
	}
	env, _ := pc.Get(envKey).(*Env)
	return env
}

// suggest is " (did you mean …?)" for an unknown id of kind, or "".
func (e *Env) suggest(kind, id string) string {
	if e == nil || e.Known == nil {
		return ""
	}
	return diag.DidYouMean(id, e.Known(kind))
}

package markdown

import (
	"strconv"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Links between pages are written [text](ref:KEY) or [text](ref:KEY#id):
// KEY is the translation key, so the same Markdown works in every language
// and survives a slug change. Site-absolute links (/fr/…) and #fragments are
// recorded for the site to check once every page and heading id is known.

const linkTransformerPriority = 60

type linkChecks struct{}

func (linkChecks) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithASTTransformers(util.Prioritized(linkTransformer{}, linkTransformerPriority)))
}

type linkTransformer struct{}

func (linkTransformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	env := EnvFrom(pc)
	if env == nil {
		return
	}
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.ListItem:
			if !n.HasChildren() || n.FirstChild() == n.LastChild() && isBlank(n.FirstChild(), reader.Source()) {
				// An empty bullet reads as a stray dot to a screen reader
				// and as a missing item to everyone else.
				line, col := env.Pos(max(n.Pos(), 0))
				env.Problems.Errorf(env.Path, line, col, "empty list item: write its text or delete the line")
			}
			return ast.WalkContinue, nil
		case *ast.Image:
			checkImage(env, n)
			return ast.WalkContinue, nil
		case *ast.AutoLink:
			if msg := badScheme(string(n.URL(reader.Source()))); msg != "" {
				line, col := env.Pos(firstOffset(n))
				env.Problems.Errorf(env.Path, line, col, "%s", msg)
			}
			return ast.WalkContinue, nil
		}
		link, ok := n.(*ast.Link)
		if !ok {
			return ast.WalkContinue, nil
		}
		dest := string(link.Destination)
		line, col := env.Pos(firstOffset(link))
		if msg := badScheme(dest); msg != "" {
			env.Problems.Errorf(env.Path, line, col, "%s", msg)
			return ast.WalkContinue, nil
		}
		switch {
		case strings.HasPrefix(dest, "ref:"):
			key, frag, _ := strings.Cut(strings.TrimPrefix(dest, "ref:"), "#")
			if env.Links == nil {
				return ast.WalkContinue, nil
			}
			url, err := env.Links.Resolve(key, frag, env.Lang)
			if fb, ok := err.(Fallback); ok {
				// The page exists, but not in this language: link the
				// version that exists rather than fail, and say so.
				env.Problems.Notef(env.Path, line, col, "link %s: %v", dest, err)
				url, err = fb.FallbackURL(), nil
			}
			if err != nil {
				env.Problems.Errorf(env.Path, line, col, "link %s: %v%s", dest, err, env.suggest("page", key))
				return ast.WalkContinue, nil
			}
			if frag != "" {
				url += "#" + frag
			}
			link.Destination = []byte(url)
			env.LinksOut = append(env.LinksOut, Link{URL: url, Line: line, Col: col})
		case strings.HasPrefix(dest, "/") && !strings.HasPrefix(dest, "//"):
			// Published under the base path, like every URL the site makes.
			dest = env.BasePath + dest
			link.Destination = []byte(dest)
			env.LinksOut = append(env.LinksOut, Link{URL: dest, Line: line, Col: col})
		case strings.HasPrefix(dest, "#"):
			env.LinksOut = append(env.LinksOut, Link{URL: dest, Line: line, Col: col})
		}
		return ast.WalkContinue, nil
	})
}

// isBlank reports whether a block holds no text.
func isBlank(n ast.Node, src []byte) bool {
	if n.Type() != ast.TypeBlock || n.HasChildren() {
		return false
	}
	lines := n.Lines()
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		if len(strings.TrimSpace(string(seg.Value(src)))) > 0 {
			return false
		}
	}
	return true
}

// schemes a link may use; anything else (javascript:, data:, file:,
// vbscript:…) is an error rather than the empty href goldmark would write.
var schemes = map[string]bool{"http": true, "https": true, "mailto": true, "tel": true, "ref": true}

// badScheme returns a problem for a destination with a scheme that is not
// allowed, or "".
func badScheme(dest string) string {
	d := strings.TrimSpace(dest)
	i := strings.IndexAny(d, ":/?#")
	if i <= 0 || d[i] != ':' {
		return "" // no scheme: a path or a fragment
	}
	scheme := strings.ToLower(d[:i])
	if schemes[scheme] {
		return ""
	}
	return "link " + strconv.Quote(truncate(d, 40)) + ": the scheme \"" + truncate(scheme, 20) + ":\" is not allowed; use https:, mailto:, tel:, ref:KEY or a path starting with /"
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}

// checkImage allows only images that are files of the site: a path
// starting with "/" (checked against the output with the other links).
// A page must never make the reader's browser ask another origin for
// anything: that request tells it who reads what.
func checkImage(env *Env, img *ast.Image) {
	dest := string(img.Destination)
	line, col := env.Pos(firstOffset(img))
	if !strings.HasPrefix(dest, "/") || strings.HasPrefix(dest, "//") {
		env.Problems.Errorf(env.Path, line, col, "image %q: only files of this site may be shown (a path starting with /, e.g. /img/schema.png); a page never loads anything from another site", truncate(dest, 60))
		return
	}
	dest = env.BasePath + dest
	img.Destination = []byte(dest)
	env.LinksOut = append(env.LinksOut, Link{URL: dest, Line: line, Col: col, File: true})
}

// Fallback is the error a Links resolver returns when the page exists in
// another language only; FallbackURL is that version's URL.
type Fallback interface {
	error
	FallbackURL() string
}

// firstOffset finds a source offset for an inline node from its first text
// descendant (links carry no position of their own). The "[" is one byte
// before the text.
func firstOffset(n ast.Node) int {
	off := -1
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, ok := c.(*ast.Text); ok && entering {
			off = t.Segment.Start - 1
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	if off < 0 {
		return 0
	}
	return off
}

package markdown

import (
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
		link, ok := n.(*ast.Link)
		if !ok || !entering {
			return ast.WalkContinue, nil
		}
		dest := string(link.Destination)
		line, col := env.Pos(firstOffset(link))
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
		case strings.HasPrefix(dest, "/") || strings.HasPrefix(dest, "#"):
			env.LinksOut = append(env.LinksOut, Link{URL: dest, Line: line, Col: col})
		}
		return ast.WalkContinue, nil
	})
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

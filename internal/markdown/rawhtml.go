package markdown

import (
	"html"
	"regexp"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// Editors may write a few inline tags — the analysis itself uses <sup> for
// note numbers — and nothing else: any other raw HTML is shown escaped, as
// text, so a page can never carry a script, a style or a tracker.
var allowedTag = regexp.MustCompile(`^<(?:` +
	`/?(?:sup|sub|abbr|span)` +
	`|sup|sub|br\s*/?` +
	`|abbr(?:\s+title="[^"<>]*")?` +
	`|span(?:\s+lang="[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*")?` +
	`)\s*>$`)

// AllowedInlineHTML reports whether a raw inline tag is kept.
func AllowedInlineHTML(tag string) bool { return allowedTag.MatchString(tag) }

const rawHTMLRendererPriority = 90 // before goldmark's own HTML renderer (1000)

type rawHTMLAllowlist struct{}

func (rawHTMLAllowlist) Extend(m goldmark.Markdown) {
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(rawHTMLRenderer{}, rawHTMLRendererPriority)))
}

type rawHTMLRenderer struct{}

func (rawHTMLRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindRawHTML, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkSkipChildren, nil
		}
		segs := n.(*ast.RawHTML).Segments
		var raw []byte
		for i := 0; i < segs.Len(); i++ {
			s := segs.At(i)
			raw = append(raw, s.Value(src)...)
		}
		if AllowedInlineHTML(string(raw)) {
			w.Write(raw)
		} else {
			w.WriteString(html.EscapeString(string(raw)))
		}
		return ast.WalkSkipChildren, nil
	})
	reg.Register(ast.KindHTMLBlock, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkSkipChildren, nil
		}
		b := n.(*ast.HTMLBlock)
		w.WriteString("<p>")
		lines := b.Lines()
		for i := 0; i < lines.Len(); i++ {
			s := lines.At(i)
			w.WriteString(html.EscapeString(string(s.Value(src))))
		}
		if b.HasClosure() {
			w.WriteString(html.EscapeString(string(b.ClosureLine.Value(src))))
		}
		w.WriteString("</p>\n")
		return ast.WalkSkipChildren, nil
	})
}

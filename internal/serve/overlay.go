package serve

import (
	"bytes"
	"fmt"
	"html"
	"path"
	"strings"
	"sync"

	"github.com/alecthomas/chroma/v2"
	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/alecthomas/chroma/v2/styles"

	"github.com/cire-asbl/fabrique/internal/diag"
)

// contextLines is how many lines the overlay shows on each side of an error.
const contextLines = 3

// maxOverlayErrors keeps the overlay readable when one mistake cascades.
const maxOverlayErrors = 20

// overlayHTML lists the build errors, then the warnings (they fail -strict,
// which CI runs: a typed duration, copied text, an out-of-date translation).
// It is plain markup styled by /_serve/overlay.css (the CSP forbids style
// attributes), with the excerpt of each file highlighted by chroma using CSS
// classes.
func overlayHTML(errs, warns []diag.Problem, srcs map[string][]byte) string {
	var b strings.Builder
	b.WriteString(`<div id="serve-overlay" class="serve-overlay" role="alertdialog" aria-modal="false" aria-labelledby="serve-overlay-title">`)
	if len(errs) > 0 {
		fmt.Fprintf(&b, `<h2 id="serve-overlay-title">Build failed: %d error(s), %d warning(s). The page below is the last good build.</h2>`, len(errs), len(warns))
	} else {
		fmt.Fprintf(&b, `<h2 id="serve-overlay-title">%d warning(s): the page below is up to date, but CI (-strict) will refuse it until they are fixed.</h2>`, len(warns))
	}
	all := append(append([]diag.Problem(nil), errs...), warns...)
	for i, p := range all {
		if i == maxOverlayErrors {
			fmt.Fprintf(&b, `<p>… and %d more (see the terminal).</p>`, len(all)-i)
			break
		}
		b.WriteString(`<section class="serve-error">`)
		loc := p.Path
		if p.Line > 0 {
			loc += fmt.Sprintf(":%d", p.Line)
			if p.Col > 0 {
				loc += fmt.Sprintf(":%d", p.Col)
			}
		}
		msg := p.Msg
		if p.Severity == diag.Warning {
			msg = "warning: " + msg
		}
		fmt.Fprintf(&b, `<p class="serve-loc"><code>%s</code></p><p class="serve-msg">%s</p>`, html.EscapeString(loc), html.EscapeString(msg))
		if src, ok := srcs[p.Path]; ok && p.Line > 0 {
			b.WriteString(excerpt(p.Path, src, p.Line))
		}
		b.WriteString(`</section>`)
	}
	b.WriteString(`</div>`)
	return b.String()
}

// excerpt highlights the lines around line (1-based) of a file.
func excerpt(name string, src []byte, line int) string {
	lines := strings.SplitAfter(string(src), "\n")
	if line > len(lines) {
		line = len(lines)
	}
	from := max(1, line-contextLines)
	to := min(len(lines), line+contextLines)
	text := strings.Join(lines[from-1:to], "")
	lexer := lexerFor(name)
	it, err := chroma.Coalesce(lexer).Tokenise(nil, text)
	if err != nil {
		return "<pre>" + html.EscapeString(text) + "</pre>"
	}
	f := chromahtml.New(
		chromahtml.WithClasses(true),
		chromahtml.WithLineNumbers(true),
		chromahtml.BaseLineNumber(from),
		chromahtml.HighlightLines([][2]int{{line, line}}),
	)
	var buf bytes.Buffer
	if err := f.Format(&buf, styles.Get("github"), it); err != nil {
		return "<pre>" + html.EscapeString(text) + "</pre>"
	}
	return buf.String()
}

func lexerFor(name string) chroma.Lexer {
	var l chroma.Lexer
	switch path.Ext(name) {
	case ".md":
		l = lexers.Get("markdown")
	case ".yaml", ".yml":
		l = lexers.Get("yaml")
	case ".toml":
		l = lexers.Get("toml")
	case ".html":
		l = lexers.Get("go-html-template")
	case ".css":
		l = lexers.Get("css")
	case ".js":
		l = lexers.Get("javascript")
	}
	if l == nil {
		l = lexers.Fallback
	}
	return l
}

var (
	cssOnce sync.Once
	cssText string
)

// overlayCSS is the overlay's own stylesheet plus chroma's classes; it is
// served as a file, so the pages' CSP ('self') allows it.
func overlayCSS() string {
	cssOnce.Do(func() {
		var buf bytes.Buffer
		buf.WriteString(`.serve-overlay{position:fixed;inset:0;z-index:2147483647;overflow:auto;margin:0;padding:1.5rem;` +
			`background:rgba(255,255,255,.97);color:#1f2328;font:15px/1.45 system-ui,sans-serif;border-top:6px solid #cf222e}` +
			`.serve-overlay h2{margin:0 0 1rem;font-size:1.2rem;color:#cf222e}` +
			`.serve-error{margin:0 0 1.25rem;padding:.75rem 1rem;border:1px solid #d0d7de;border-radius:6px;background:#fff}` +
			`.serve-loc{margin:0;font-weight:600}.serve-msg{margin:.25rem 0 .5rem}` +
			`.serve-overlay pre{margin:0;padding:.5rem;overflow:auto;font:13px/1.4 ui-monospace,monospace}` +
			`.serve-overlay .chroma .hl{display:block;background:#ffebe9}` +
			`.serve-overlay .chroma .ln{margin-right:.75em;color:#6e7781;user-select:none}` + "\n")
		f := chromahtml.New(chromahtml.WithClasses(true))
		_ = f.WriteCSS(&buf, styles.Get("github"))
		cssText = buf.String()
	})
	return cssText
}

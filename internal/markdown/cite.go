package markdown

// cite.go: the citation syntax, in the spirit of Pandoc's.
//
//	[@loi-1980]                     one source
//	[@loi-1980, art. 75]            with a pinpoint (article, page, section…)
//	[@cire-2025, p. 3; @fra-2011]   several sources in one note
//
// A citation must fit on one line. The parser triggers on '[' and steps
// aside (returns nil) unless '@' follows, so goldmark's link and footnote
// parsers keep '[text](url)' and '[^1]'; '[@handle](url)' stays a link.
// Malformed citations ('[@]', '[@a,]', text before a key, no closing ']')
// are reported at the file's line:col and left as literal text. Keys are
// checked against env.Citer, and recorded in env.Cited, by the notes
// transformer (notes.go), which also numbers them — so citations inserted by
// other extensions (rule values) are checked and numbered the same way.

import (
	"bytes"
	"fmt"
	"html"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

const (
	// citationParserPriority puts the citation parser before goldmark's
	// footnote (101) and link (200) parsers, which also trigger on '['.
	citationParserPriority = 90
	// citationRendererPriority: any value works (the kinds are ours); kept
	// next to goldmark's footnote renderer (500) for readability.
	citationRendererPriority = 500
)

// KindCitation is the kind of *Citation.
var KindCitation = ast.NewNodeKind("Citation")

// Citation is one citation: one or more sources, rendered as one numbered
// note. Number is set by the notes transformer (0 until then).
type Citation struct {
	ast.BaseInline
	Refs []CiteRef
	// Offsets are the body offsets of each ref's key, for problems.
	Offsets []int
	Number  int
	// Inline, when set, is rendered in place instead of a note reference:
	// a citation inside a footnote's text is spelled out, not nested.
	Inline string
}

// Kind implements ast.Node.
func (n *Citation) Kind() ast.NodeKind { return KindCitation }

// Dump implements ast.Node.
func (n *Citation) Dump(source []byte, level int) {
	m := map[string]string{"Number": fmt.Sprint(n.Number)}
	for i, r := range n.Refs {
		m[fmt.Sprintf("Ref%d", i)] = r.Key + "|" + r.Pinpoint
	}
	ast.DumpHelper(n, source, level, m, nil)
}

// NewCitation builds a citation of refs found at body offset.
func NewCitation(refs []CiteRef, offset int) *Citation {
	c := &Citation{Refs: refs}
	for range refs {
		c.Offsets = append(c.Offsets, offset)
	}
	return c
}

// Citations is the goldmark extension for [@key] citations and the page's
// numbered notes (notes.go); add it with extension.Footnote so ordinary
// [^1] footnotes share the numbering.
var Citations goldmark.Extender = citations{}

type citations struct{}

func (citations) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(
		parser.WithInlineParsers(util.Prioritized(citationParser{}, citationParserPriority)),
		parser.WithASTTransformers(util.Prioritized(notesTransformer{}, notesTransformerPriority)),
	)
	m.Renderer().AddOptions(renderer.WithNodeRenderers(
		util.Prioritized(citationRenderer{}, citationRendererPriority),
	))
}

type citationParser struct{}

func (citationParser) Trigger() []byte { return []byte{'['} }

func (citationParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, seg := block.PeekLine()
	if len(line) < 2 || line[0] != '[' || line[1] != '@' {
		return nil
	}
	env := EnvFrom(pc)
	end := -1
	for i := 2; i < len(line) && end < 0; i++ {
		switch line[i] {
		case ']':
			end = i
		case '[', '\n':
			i = len(line)
		}
	}
	if end < 0 {
		citeProblem(env, seg.Start, "unterminated citation: missing ']' on the same line (write [@key] or [@key, pinpoint])")
		return nil
	}
	if end+1 < len(line) && line[end+1] == '(' {
		return nil // [@handle](url) is a link
	}
	refs, offsets, ok := parseCiteRefs(line[1:end], seg.Start+1, env)
	block.Advance(end + 1)
	if !ok {
		return ast.NewTextSegment(text.NewSegment(seg.Start, seg.Start+end+1))
	}
	return &Citation{Refs: refs, Offsets: offsets}
}

// parseCiteRefs reads "@a, pin; @b" starting at body offset off.
func parseCiteRefs(s []byte, off int, env *Env) (refs []CiteRef, offsets []int, ok bool) {
	ok = true
	for start := 0; start <= len(s); {
		end := bytes.IndexByte(s[start:], ';')
		if end < 0 {
			end = len(s)
		} else {
			end += start
		}
		part := s[start:end]
		lead := len(part) - len(bytes.TrimLeft(part, " \t"))
		part = bytes.TrimSpace(part)
		at := off + start + lead
		switch {
		case len(part) == 0 || part[0] != '@':
			citeProblem(env, at, "citation: each source must start with @key, as in [@a, p. 3; @b]")
			ok = false
		default:
			k := 1
			for k < len(part) && isKeyByte(part[k]) {
				k++
			}
			key := string(part[1:k])
			rest := bytes.TrimSpace(part[k:])
			var pin string
			switch {
			case key == "":
				citeProblem(env, at, "citation: empty source key after '@'")
				ok = false
			case len(rest) == 0:
			case rest[0] == ',':
				pin = strings.TrimSpace(string(rest[1:]))
				if pin == "" {
					citeProblem(env, at, "citation [@%s,]: empty pinpoint after ',' (write [@%s] or [@%s, art. 75])", key, key, key)
					ok = false
				}
			default:
				citeProblem(env, at, "citation: unexpected %q after @%s (write [@%s, pinpoint])", string(rest), key, key)
				ok = false
			}
			refs = append(refs, CiteRef{Key: key, Pinpoint: pin})
			offsets = append(offsets, at+1)
		}
		start = end + 1
	}
	return refs, offsets, ok
}

func isKeyByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.' || c == ':'
}

// citeProblem reports at a body offset; without an Env it is dropped.
func citeProblem(env *Env, offset int, format string, args ...any) {
	if env == nil || env.Problems == nil {
		return
	}
	line, col := env.Pos(offset)
	env.Problems.Errorf(env.Path, line, col, format, args...)
}

// citeText is a citation written back as text, for conversions without the
// notes transformer or without a Citer.
func citeText(refs []CiteRef) string {
	var parts []string
	for _, r := range refs {
		p := "@" + r.Key
		if r.Pinpoint != "" {
			p += ", " + r.Pinpoint
		}
		parts = append(parts, p)
	}
	return strings.Join(parts, "; ")
}

type citationRenderer struct{}

func (citationRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindCitation, renderCitation)
	reg.Register(KindNoteRef, renderNoteRef)
	reg.Register(KindNotes, renderNotes)
	reg.Register(KindNote, renderNote)
	reg.Register(KindNoteBacklinks, renderNoteBacklinks)
}

func renderCitation(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkSkipChildren, nil
	}
	c := n.(*Citation)
	switch {
	case c.Number > 0:
		writeNoteRef(w, c.Number, noteRefID(c.Number, 1))
	case c.Inline != "":
		_, _ = w.WriteString(c.Inline)
	default:
		_, _ = w.WriteString("[" + html.EscapeString(citeText(c.Refs)) + "]")
	}
	return ast.WalkSkipChildren, nil
}

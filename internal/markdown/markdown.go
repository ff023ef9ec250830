// Package markdown converts page bodies to HTML with goldmark and the site's
// extensions, one file each:
//
//   - directive.go: {name:arg} and {name:arg|text} — rule values, glossary
//     terms, and block embeds (calculators, diagrams);
//   - cite.go, notes.go: [@key, pinpoint] citations and one accessible,
//     numbered notes list shared with ordinary [^1] footnotes;
//   - links.go: ref:KEY links between pages, checked against the site;
//   - rawhtml.go: the inline HTML allowlist (everything else is escaped);
//   - typography.go: French spacing and apostrophes.
//
// Contract: Convert never panics; problems found in the body are reported to
// env.Problems with the file's line and column; output is deterministic.
// A Converter is safe for concurrent use; an Env is not.
package markdown

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
)

var (
	noteRefStart = []byte(`<sup><a href="#note-`)
	noteSep      = []byte(`<sup class="note-sep" aria-hidden="true">,</sup>`)
)

// glueNotes removes the white space before each note reference. (A regexp
// here backtracked over every page and cost a tenth of a large build.) It
// works in place, the HTML only getting shorter, unless two notes meet and
// need a separator: a new slice then, which is rare.
func glueNotes(b []byte) []byte {
	if !bytes.Contains(b, noteRefStart) {
		return b
	}
	out := b[:0] // writes never overtake reads: bytes are only dropped
	if notesMeet(b) {
		out = make([]byte, 0, len(b)+len(noteSep))
	}
	for {
		i := bytes.Index(b, noteRefStart)
		if i < 0 {
			return append(out, b...)
		}
		j := noteGlue(b, i)
		out = append(out, b[:j]...)
		if bytes.HasSuffix(b[:j], []byte("</sup>")) {
			// Two notes in a row would read "12": separate them.
			out = append(out, noteSep...)
		}
		out = append(out, noteRefStart...)
		b = b[i+len(noteRefStart):]
	}
}

// noteGlue is where the text before the note reference at i ends, once
// its trailing white space is dropped.
func noteGlue(b []byte, i int) int {
	for i > 0 && (b[i-1] == ' ' || b[i-1] == '\t' || b[i-1] == '\n') {
		i--
	}
	return i
}

// notesMeet reports whether a note reference in b follows another one.
func notesMeet(b []byte) bool {
	for off := 0; ; {
		i := bytes.Index(b[off:], noteRefStart)
		if i < 0 {
			return false
		}
		if bytes.HasSuffix(b[:noteGlue(b, off+i)], []byte("</sup>")) {
			return true
		}
		off += i + len(noteRefStart)
	}
}

// bufWriter lets goldmark write straight into a bytes.Buffer: given a plain
// io.Writer it wraps it in a new 4 KB bufio.Writer for every page.
type bufWriter struct{ *bytes.Buffer }

func (bufWriter) Buffered() int { return 0 }
func (bufWriter) Flush() error  { return nil }

var _ util.BufWriter = bufWriter{}

// Converter turns Markdown into HTML for one site.
type Converter struct {
	md goldmark.Markdown // every extension
	// noAutolink is md without Linkify, for the bodies where Linkify
	// cannot find anything (mayAutolink): it is called at every space of
	// the text, and was a twentieth of the conversion time of a large site
	// whose pages have no bare address.
	noAutolink goldmark.Markdown
}

// New builds the goldmark pipeline with every site extension.
func New() *Converter {
	return &Converter{md: pipeline(extension.Linkify), noAutolink: pipeline()}
}

func pipeline(extra ...goldmark.Extender) goldmark.Markdown {
	return goldmark.New(
		goldmark.WithExtensions(append([]goldmark.Extender{
			extension.Table,
			extension.Strikethrough,
			extension.Footnote,
			directives{},
			linkChecks{},
			rawHTMLAllowlist{},
			Citations, // after Footnote: one numbering for both
		}, extra...)...),
		goldmark.WithParserOptions(parser.WithAttribute(), parser.WithAutoHeadingID()),
		goldmark.WithRendererOptions(html.WithXHTML()),
	)
}

// emailLocal is every byte goldmark accepts before the @ of an address it
// links (util.FindEmailIndex).
const emailLocal = "!#$%&'*+-./0123456789=?ABCDEFGHIJKLMNOPQRSTUVWXYZ^_`abcdefghijklmnopqrstuvwxyz{|}~"

// mayAutolink reports whether Linkify could change the HTML of src: it
// links only text that starts with http:, https:, ftp: or www., or an
// address whose @ follows one of emailLocal (so a citation's "[@key" is
// not one). It also keeps one space of a hard line break written with
// blanks ("a  \n"), which the HTML without it drops (found by
// FuzzAutolinkGate). A false positive costs time, never a link.
func mayAutolink(src []byte) bool {
	for _, s := range [...]string{"http", "ftp:", "www."} {
		if bytes.Contains(src, []byte(s)) {
			return true
		}
	}
	if blankBreak(src, '\n') || blankBreak(src, '\r') {
		return true
	}
	for i := bytes.IndexByte(src, '@'); i >= 0; {
		if i > 0 && strings.IndexByte(emailLocal, src[i-1]) >= 0 {
			return true
		}
		j := bytes.IndexByte(src[i+1:], '@')
		if j < 0 {
			break
		}
		i += 1 + j
	}
	return false
}

// blankBreak reports whether a line end nl ('\n' or '\r') follows two
// blanks or more, or a tab among the blanks before it. A '\r' counts as a
// blank there: Linkify also keeps a "\r" followed by blanks before a line
// end ("0\r \n0", found by FuzzAutolinkGate). It jumps from line end to
// line end (bytes.IndexByte) and looks back, instead of testing every byte:
// the gate runs on every page.
func blankBreak(src []byte, nl byte) bool {
	for i := bytes.IndexByte(src, nl); i >= 0; {
		blanks, tab := 0, false
		for k := i - 1; k >= 0 && (src[k] == ' ' || src[k] == '\t' || src[k] == '\r'); k-- {
			blanks++
			tab = tab || src[k] == '\t'
		}
		if blanks >= 2 || tab {
			return true
		}
		j := bytes.IndexByte(src[i+1:], nl)
		if j < 0 {
			return false
		}
		i += 1 + j
	}
	return false
}

// Convert renders body (the Markdown after the front matter) for env.
// A body over a limit (see limits.go) is not converted: the problem is
// reported at its position and the result is empty.
func (c *Converter) Convert(env *Env, body []byte) ([]byte, error) {
	if off, msg := checkLimits(body); msg != "" {
		if env == nil || env.Problems == nil {
			return nil, fmt.Errorf("%s", msg)
		}
		line, col := env.Pos(off)
		env.Problems.Errorf(env.Path, line, col, "%s", msg)
		return nil, nil
	}
	pc := parser.NewContext(parser.WithIDs(newIDs(env)))
	WithEnv(pc, env)
	var buf bytes.Buffer
	buf.Grow(len(body) + len(body)/2 + 1024) // HTML is rarely half again as long as its Markdown
	md := c.md
	if !mayAutolink(body) {
		md = c.noAutolink
	}
	if err := md.Convert(body, bufWriter{&buf}, parser.WithContext(pc)); err != nil {
		return nil, err
	}
	// Editors write "text [@key]" with a space; a note number must not be
	// left alone at the start of a line, so it is glued to the word before.
	out := glueNotes(buf.Bytes())
	if env != nil {
		out = TypographyHTML(env.Lang, out)
	}
	return out, nil
}

// ConvertInline renders a short piece of inline Markdown (a front-matter
// "brief" item) without the surrounding <p>.
func (c *Converter) ConvertInline(env *Env, text string) ([]byte, error) {
	out, err := c.Convert(env, []byte(text))
	if err != nil {
		return nil, err
	}
	out = bytes.TrimSpace(out)
	out = bytes.TrimPrefix(out, []byte("<p>"))
	out = bytes.TrimSuffix(out, []byte("</p>"))
	return out, nil
}

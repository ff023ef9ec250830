package markdown

// notes.go: one numbering per page for citations ([@key], rule sources) and
// ordinary footnotes ([^1]), and one accessible notes section at the end:
//
//	<sup><a href="#note-N" id="ref-N" aria-describedby="notes-label">N</a></sup>
//	…
//	<section class="notes" aria-labelledby="notes-label">
//	<h2 id="notes-label" class="visually-hidden">Notes</h2>
//	<ol><li id="note-N"><p>… <a href="#ref-N" aria-label="Back to reference N">↩︎</a></p></li></ol>
//	</section>
//
// Numbers follow the reading order of the page. A footnote referenced twice
// keeps its number; its second reference gets id ref-N-2 and the note a
// second back-link. A citation inside a link is moved just after the link
// (an <a> cannot nest), and a citation inside a footnote's text is spelled
// out there instead of becoming a note of a note. The heading and back-link
// words come from env.Citer when it implements NoteLabeler (data, per
// language), else English.

import (
	"fmt"
	"html"
	"strconv"
	"strings"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// notesTransformerPriority runs the notes transformer after goldmark's
// footnote transformer (999), which gathers [^1] definitions into a list,
// and after directive.go's transformer (50), which inserts rule citations.
const notesTransformerPriority = 1000

var (
	// KindNoteRef is the kind of *NoteRef.
	KindNoteRef = ast.NewNodeKind("NoteRef")
	// KindNotes is the kind of *Notes.
	KindNotes = ast.NewNodeKind("Notes")
	// KindNote is the kind of *Note.
	KindNote = ast.NewNodeKind("Note")
	// KindNoteBacklinks is the kind of *NoteBacklinks.
	KindNoteBacklinks = ast.NewNodeKind("NoteBacklinks")
)

// NoteRef replaces a goldmark footnote reference once numbered.
type NoteRef struct {
	ast.BaseInline
	Number int
	ID     string // ref-N, or ref-N-K for the K-th reference to the same note
}

// Kind implements ast.Node.
func (n *NoteRef) Kind() ast.NodeKind { return KindNoteRef }

// Dump implements ast.Node.
func (n *NoteRef) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Number": fmt.Sprint(n.Number), "ID": n.ID}, nil)
}

// Notes is the notes section appended to the document.
type Notes struct {
	ast.BaseBlock
	Heading string
}

// Kind implements ast.Node.
func (n *Notes) Kind() ast.NodeKind { return KindNotes }

// Dump implements ast.Node.
func (n *Notes) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Heading": n.Heading}, nil)
}

// Backlink is one link from a note back to a reference.
type Backlink struct {
	RefID, Label string
	K            int // 1 for the first reference
}

// Note is one numbered note: a citation (HTML) or a footnote (children).
type Note struct {
	ast.BaseBlock
	Number    int
	HTML      string
	Backlinks []Backlink
}

// Kind implements ast.Node.
func (n *Note) Kind() ast.NodeKind { return KindNote }

// Dump implements ast.Node.
func (n *Note) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Number": fmt.Sprint(n.Number), "HTML": n.HTML}, nil)
}

// NoteBacklinks renders the back-links of a footnote inside its last paragraph.
type NoteBacklinks struct {
	ast.BaseInline
	Links []Backlink
}

// Kind implements ast.Node.
func (n *NoteBacklinks) Kind() ast.NodeKind { return KindNoteBacklinks }

// Dump implements ast.Node.
func (n *NoteBacklinks) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

func noteRefID(number, k int) string {
	if k <= 1 {
		return "ref-" + strconv.Itoa(number)
	}
	return "ref-" + strconv.Itoa(number) + "-" + strconv.Itoa(k)
}

type notesTransformer struct{}

func (notesTransformer) Transform(doc *ast.Document, _ text.Reader, pc parser.Context) {
	env := EnvFrom(pc)
	lang := ""
	var citer Citer
	if env != nil {
		lang, citer = env.Lang, env.Citer
	}
	heading, back := "Notes", "Back to reference {n}"
	if nl, ok := citer.(NoteLabeler); ok {
		if h, b := nl.NoteLabels(lang); h != "" && strings.Contains(b, "{n}") {
			heading, back = h, b
		}
	}
	backLabel := func(number, k int) string {
		s := strings.ReplaceAll(back, "{n}", strconv.Itoa(number))
		if k > 1 {
			s += " (" + strconv.Itoa(k) + ")"
		}
		return s
	}

	// goldmark's footnote transformer appended its list to the document;
	// take the definitions out of it, by index.
	defs := map[int]*east.Footnote{}
	for c := doc.FirstChild(); c != nil; {
		next := c.NextSibling()
		if list, ok := c.(*east.FootnoteList); ok {
			for f := list.FirstChild(); f != nil; f = f.NextSibling() {
				if fn, ok := f.(*east.Footnote); ok {
					defs[fn.Index] = fn
				}
			}
			doc.RemoveChild(doc, c)
		}
		c = next
	}

	// Reading order of every reference, before the tree changes.
	var refs []ast.Node
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			switch n.(type) {
			case *Citation, *east.FootnoteLink:
				refs = append(refs, n)
			}
		}
		return ast.WalkContinue, nil
	})

	var notes []*Note
	byIndex := map[int]*Note{}
	for _, r := range refs {
		moveOutOfLink(r)
		switch r := r.(type) {
		case *Citation:
			note := &Note{Number: len(notes) + 1, HTML: citationHTML(env, citer, lang, r, true)}
			r.Number = note.Number
			note.Backlinks = []Backlink{{RefID: noteRefID(note.Number, 1), Label: backLabel(note.Number, 1), K: 1}}
			notes = append(notes, note)
		case *east.FootnoteLink:
			note := byIndex[r.Index]
			if note == nil {
				note = &Note{Number: len(notes) + 1}
				byIndex[r.Index] = note
				notes = append(notes, note)
				if def := defs[r.Index]; def != nil {
					moveFootnoteBody(def, note)
				}
			}
			k := len(note.Backlinks) + 1
			id := noteRefID(note.Number, k)
			note.Backlinks = append(note.Backlinks, Backlink{RefID: id, Label: backLabel(note.Number, k), K: k})
			r.Parent().ReplaceChild(r.Parent(), r, &NoteRef{Number: note.Number, ID: id})
		}
	}
	if len(notes) == 0 {
		return
	}

	section := &Notes{Heading: heading}
	for _, note := range notes {
		if note.HTML == "" {
			// A footnote: back-links go at the end of its last paragraph.
			last := note.LastChild()
			if last == nil || last.Kind() != ast.KindParagraph {
				last = ast.NewParagraph()
				note.AppendChild(note, last)
			}
			last.AppendChild(last, &NoteBacklinks{Links: note.Backlinks})
			// Citations in a footnote's text are spelled out in place.
			_ = ast.Walk(note, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
				if c, ok := n.(*Citation); ok && entering {
					c.Inline = citationHTML(env, citer, lang, c, false)
				}
				return ast.WalkContinue, nil
			})
		}
		section.AppendChild(section, note)
	}
	doc.AppendChild(doc, section)
	if env != nil {
		env.IDs = append(env.IDs, "notes-label")
		for _, note := range notes {
			env.IDs = append(env.IDs, "note-"+strconv.Itoa(note.Number))
			for _, b := range note.Backlinks {
				env.IDs = append(env.IDs, b.RefID)
			}
		}
	}
}

// citationHTML checks c's keys, records them in env.Cited and returns the
// note body: each source formatted by the Citer, joined by "; ".
func citationHTML(env *Env, citer Citer, lang string, c *Citation, note bool) string {
	var parts []string
	for i, ref := range c.Refs {
		off := 0
		if i < len(c.Offsets) {
			off = c.Offsets[i]
		}
		if env != nil {
			env.Cited = append(env.Cited, ref)
		}
		if citer == nil {
			parts = append(parts, html.EscapeString(citeText([]CiteRef{ref})))
			continue
		}
		if !citer.Known(ref.Key) {
			citeProblem(env, off, "unknown source %q in citation%s (see data/sources.yaml)", ref.Key, env.suggest("source", ref.Key))
			parts = append(parts, html.EscapeString(citeText([]CiteRef{ref})))
			continue
		}
		if pr, ok := citer.(PinpointRequirer); ok && env != nil && env.Problems != nil && strings.TrimSpace(ref.Pinpoint) == "" && pr.NeedsPinpoint(ref.Key) {
			line, col := env.Pos(off)
			env.Problems.Warnf(env.Path, line, col, "citation @%s: a law or directive is cited with its article; write [@%s, art. …]", ref.Key, ref.Key)
		}
		var body string
		var err error
		if sn, ok := citer.(ShortNoter); ok && env != nil && citedBefore(env.Cited[:len(env.Cited)-1], ref.Key) {
			body, err = sn.ShortNote(ref, lang)
		} else {
			body, err = citer.Note(ref, lang)
		}
		if err != nil {
			citeProblem(env, off, "citation @%s: %v", ref.Key, err)
			body = html.EscapeString(citeText([]CiteRef{ref}))
		}
		parts = append(parts, strings.TrimSuffix(body, "."))
	}
	out := strings.Join(parts, "; ")
	if note {
		return out + "."
	}
	return "(" + out + ")"
}

func citedBefore(refs []CiteRef, key string) bool {
	for _, r := range refs {
		if r.Key == key {
			return true
		}
	}
	return false
}

// moveOutOfLink puts n right after the link that contains it, if any: a note
// reference is a link and links cannot nest.
func moveOutOfLink(n ast.Node) {
	var link ast.Node
	for p := n.Parent(); p != nil; p = p.Parent() {
		if p.Kind() == ast.KindLink || p.Kind() == ast.KindAutoLink {
			link = p
		}
	}
	if link == nil {
		return
	}
	n.Parent().RemoveChild(n.Parent(), n)
	link.Parent().InsertAfter(link.Parent(), link, n)
}

// moveFootnoteBody moves the blocks of a footnote definition into note,
// dropping goldmark's own back-links (ours replace them).
func moveFootnoteBody(def *east.Footnote, note *Note) {
	var drop []ast.Node
	_ = ast.Walk(def, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering && n.Kind() == east.KindFootnoteBacklink {
			drop = append(drop, n)
		}
		return ast.WalkContinue, nil
	})
	for _, n := range drop {
		n.Parent().RemoveChild(n.Parent(), n)
	}
	for c := def.FirstChild(); c != nil; {
		next := c.NextSibling()
		note.AppendChild(note, c)
		c = next
	}
}

func writeNoteRef(w util.BufWriter, number int, id string) {
	n := strconv.Itoa(number)
	_, _ = w.WriteString(`<sup><a href="#note-` + n + `" id="` + id + `" aria-describedby="notes-label">` + n + `</a></sup>`)
}

func renderNoteRef(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		r := n.(*NoteRef)
		writeNoteRef(w, r.Number, r.ID)
	}
	return ast.WalkSkipChildren, nil
}

func renderNotes(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		_, _ = w.WriteString("<section class=\"notes\" aria-labelledby=\"notes-label\">\n<h2 id=\"notes-label\" class=\"visually-hidden\">" +
			html.EscapeString(n.(*Notes).Heading) + "</h2>\n<ol>\n")
	} else {
		_, _ = w.WriteString("</ol>\n</section>\n")
	}
	return ast.WalkContinue, nil
}

func renderNote(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	note := n.(*Note)
	if entering {
		_, _ = w.WriteString(`<li id="note-` + strconv.Itoa(note.Number) + `">`)
		if note.HTML != "" {
			_, _ = w.WriteString("<p>" + note.HTML)
			writeBacklinks(w, note.Backlinks)
			_, _ = w.WriteString("</p>")
		} else {
			_ = w.WriteByte('\n')
		}
		return ast.WalkContinue, nil
	}
	_, _ = w.WriteString("</li>\n")
	return ast.WalkContinue, nil
}

func renderNoteBacklinks(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		writeBacklinks(w, n.(*NoteBacklinks).Links)
	}
	return ast.WalkSkipChildren, nil
}

// writeBacklinks writes " ↩︎" links; the text-presentation selector keeps
// the arrow from turning into an emoji.
func writeBacklinks(w util.BufWriter, links []Backlink) {
	for _, b := range links {
		_, _ = w.WriteString(` <a href="#` + b.RefID + `" aria-label="` + html.EscapeString(b.Label) + `">↩︎`)
		if b.K > 1 {
			_, _ = w.WriteString("<sup>" + strconv.Itoa(b.K) + "</sup>")
		}
		_, _ = w.WriteString("</a>")
	}
}

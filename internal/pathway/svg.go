package pathway

import (
	"bytes"
	"fmt"
	"html"
	"html/template"
	"strings"

	"github.com/cire-asbl/fabrique/internal/textdir"
	"github.com/cire-asbl/fabrique/internal/typography"
)

// Default presentation: black on white, so the inline SVG reads (and
// prints) without any stylesheet; diagram.css may recolour through classes.
const (
	ink   = "#1a1a1a"
	paper = "#ffffff"
)

// xmlEscape escapes a text or an attribute value of the SVG writer. Its
// five references (&amp; &lt; &gt; &#34; &#39;) are XML's as much as HTML's,
// so the same drawing is valid inline in a page and as a standalone .svg.
func xmlEscape(s string) string { return html.EscapeString(s) }

// inline is a drawing of the SVG writer as HTML for a page's template: the
// writer escaped every text in it.
func inline(svg []byte) template.HTML { return template.HTML(svg) }

// legendSample is one shape of the legend, drawn small and decorative for
// the page's legend (figure.html), where the words are HTML text.
func legendSample(k [2]string) template.HTML {
	bx := Box{2, 2, legendSampleW - 4, legendSampleH - 4}
	return template.HTML(fmt.Sprintf("<svg class=\"pw-diagram\" viewBox=\"0 0 %s %s\" width=\"%s\" height=\"%s\" aria-hidden=\"true\" focusable=\"false\"><g class=\"pw-node pw-%s%s\">%s</g></svg>",
		num(legendSampleW), num(legendSampleH), num(legendSampleW), num(legendSampleH), k[0], prefixed(" pw-", k[1]), shape(k[0], k[1], bx)))
}

// SVG renders the diagram of pathway id in lang. dir is "ltr" or "rtl"
// (mirrored layout). standalone adds the XML declaration, a drawn title, a
// legend and a link to StandaloneCSS (no <style>: see StandaloneStylesheet).
func (s *Set) SVG(id, lang, dir string, standalone bool) ([]byte, error) {
	pw, ok := s.pathways[id]
	if !ok {
		return nil, fmt.Errorf("unknown pathway %q", id)
	}
	L, err := s.layout(pw, lang, dir == "rtl")
	if err != nil {
		return nil, err
	}
	return s.svg(pw, L, lang, dir, standalone)
}

// Layout returns the geometry of a pathway's diagram (for tests and tools).
func (s *Set) Layout(id, lang, dir string) (*Layout, error) {
	pw, ok := s.pathways[id]
	if !ok {
		return nil, fmt.Errorf("unknown pathway %q", id)
	}
	return s.layout(pw, lang, dir == "rtl")
}

func domID(id, lang string) string { return "pw-" + id + "-" + lang }

// description is the SVG's <desc>: the summary, the irregular exits, a pointer to
// the text version.
func (s *Set) description(pw *Pathway, L *Layout, lang string) string {
	var exits []string
	for _, n := range L.Nodes {
		if n.Outcome == Irregular {
			exits = append(exits, n.Text)
		}
	}
	d := strings.TrimSpace(s.plain(pw.Summary, lang))
	if len(exits) > 0 {
		d += " " + strings.ReplaceAll(s.word("irregular-exits", lang), "{list}", strings.Join(exits, " ; "))
	}
	// The list separator is written here: typeset the whole, as every
	// data text and interface word already is.
	return typography.Text(lang, d+" "+s.word("desc-suffix", lang))
}

// The two drawings of a pathway: each has its own ids (a page holds both)
// and a class the stylesheet switches on.
type drawingKind struct{ idSuffix, class string }

var (
	wideKind   = drawingKind{"", "pw-wide"}
	narrowKind = drawingKind{"-v", "pw-narrow"}
	printKind  = drawingKind{"-p", "pw-print"}
)

func (s *Set) svg(pw *Pathway, L *Layout, lang, dir string, standalone bool) ([]byte, error) {
	return s.svgAs(pw, L, lang, dir, standalone, wideKind)
}

func (s *Set) svgAs(pw *Pathway, L *Layout, lang, dir string, standalone bool, kind drawingKind) ([]byte, error) {
	var b bytes.Buffer
	pre := domID(pw.ID, lang) + kind.idSuffix
	W, H := L.W, L.H
	var head []Line
	headH, legendH := 0.0, 0.0
	if standalone {
		for _, l := range wrap(s.plain(pw.Title, lang), 18, W-2*margin, true) {
			head = append(head, Line{Text: l, Bold: true, Size: 18})
		}
		headH = float64(len(head))*24 + 14
		legendH = legendHeight()
		if lw := s.legendWidth(lang) + 2*margin; lw > W {
			W = lw
		}
	}
	total := H + headH + legendH
	if standalone {
		b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
		b.WriteString(`<?xml-stylesheet href="` + StandaloneStylesheet + `" type="text/css"?>` + "\n")
	}
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" class="pw-diagram %s" viewBox="0 0 %s %s" width="%s" height="%s" role="img" aria-labelledby="%s-title %s-desc" lang="%s" direction="%s" font-family="%s" font-size="%s" fill="%s">`,
		kind.class, num(W), num(total), num(W), num(total), pre, pre, xmlEscape(lang), dirAttr(dir), fontFamily, num(fontSize), ink)
	b.WriteString("\n")
	fmt.Fprintf(&b, "<title id=\"%s-title\">%s</title>\n", pre, xmlEscape(s.plain(pw.Title, lang)))
	fmt.Fprintf(&b, "<desc id=\"%s-desc\">%s</desc>\n", pre, xmlEscape(s.description(pw, L, lang)))
	if standalone {
		fmt.Fprintf(&b, "<rect class=\"pw-page\" width=\"%s\" height=\"%s\" fill=\"%s\"/>\n", num(W), num(total), paper)
	}
	fmt.Fprintf(&b, `<defs><marker id="%s-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path class="pw-arrow" d="M0 0L10 5L0 10z" fill="%s"/></marker></defs>`+"\n", pre, ink)
	if standalone {
		for i, l := range head {
			x, anchor := margin, "start"
			if dir == "rtl" {
				x = W - margin
			}
			own := ""
			if d := textdir.FirstStrong(l.Text); d != "" && d != dirAttr(dir) {
				own = ` direction="` + d + `"`
			}
			fmt.Fprintf(&b, "<text class=\"pw-title\" x=\"%s\" y=\"%s\" font-size=\"18\" font-weight=\"bold\" text-anchor=\"%s\"%s>%s</text>\n", num(x), num(margin+18+float64(i)*24), anchor, own, xmlEscape(l.Text))
		}
	}
	// Centre the diagram if the legend made the page wider.
	dx := (W - L.W) / 2
	if standalone || dx != 0 {
		fmt.Fprintf(&b, "<g transform=\"translate(%s %s)\">\n", num(dx), num(headH))
	} else {
		b.WriteString("<g>\n")
	}
	b.WriteString("<g class=\"pw-edges\" fill=\"none\">\n")
	for _, e := range L.Edges {
		fmt.Fprintf(&b, "<path class=\"pw-edge\" d=\"%s\" stroke=\"%s\" stroke-width=\"1.5\" marker-end=\"url(#%s-arrow)\"/>\n", e.D, ink, pre)
	}
	b.WriteString("</g>\n")
	for _, c := range L.Connectors {
		fmt.Fprintf(&b, "<g class=\"pw-connector\"><circle class=\"pw-shape\" cx=\"%s\" cy=\"%s\" r=\"%s\" fill=\"%s\" stroke=\"%s\" stroke-width=\"1.5\"/><text x=\"%s\" y=\"%s\" text-anchor=\"middle\" font-size=\"%s\" font-weight=\"bold\">%s</text></g>\n",
			num(c.X), num(c.Y), num(connR), paper, ink, num(c.X), num(c.Y+connSize*0.35), num(connSize), xmlEscape(c.Letter))
	}
	for _, e := range L.Edges {
		if e.Label == "" {
			continue
		}
		bx := e.LabelBox
		fmt.Fprintf(&b, "<g class=\"pw-cond\"><rect x=\"%s\" y=\"%s\" width=\"%s\" height=\"%s\" rx=\"3\" fill=\"%s\"/>", num(bx.X), num(bx.Y), num(bx.W), num(bx.H), paper)
		writeLines(&b, e.LabelLines, dir, "font-size=\""+num(labelSize)+"\" font-style=\"italic\"")
		b.WriteString("</g>\n")
	}
	for _, n := range L.Nodes {
		cls := "pw-node pw-" + n.Kind
		if n.Outcome != "" {
			cls += " pw-" + n.Outcome
		}
		fmt.Fprintf(&b, "<g class=\"%s\">", cls)
		b.WriteString(shape(n.Kind, n.Outcome, n.Box))
		writeLines(&b, n.Lines, dir, "")
		b.WriteString("</g>\n")
	}
	b.WriteString("</g>\n")
	if standalone {
		s.drawLegend(&b, lang, dir, W, H+headH)
	}
	b.WriteString("</svg>\n")
	return b.Bytes(), nil
}

func dirAttr(dir string) string {
	if dir == "rtl" {
		return "rtl"
	}
	return "ltr"
}

// writeLines writes centred text lines. A line whose first strong letter
// goes the other way than the diagram (a French label not yet translated in
// an Arabic diagram, an Arabic name in a French one) gets its own direction,
// as dir="auto" would in HTML: otherwise the bidi algorithm moves its
// punctuation and numbers to the wrong end ("-an (selon l’analyse du CI 1").
func writeLines(b *bytes.Buffer, lines []Line, dir, attrs string) {
	for _, l := range lines {
		extra := attrs
		if l.Bold {
			extra += ` font-weight="bold"`
		}
		if d := textdir.FirstStrong(l.Text); d != "" && d != dirAttr(dir) {
			extra += ` direction="` + d + `"`
		}
		fmt.Fprintf(b, `<text x="%s" y="%s" text-anchor="middle"%s>%s</text>`, num(l.X), num(l.Y), spaceBefore(extra), xmlEscape(l.Text))
	}
}

func spaceBefore(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	return " " + s
}

// shape draws a node's outline: steps are plain rectangles, decisions
// hexagons, legal stay a solid rounded box, pending a dashed rounded box,
// irregular stay a double octagon with a thick outer line.
func shape(kind, outcome string, bx Box) string {
	x, y, w, h := bx.X, bx.Y, bx.W, bx.H
	common := fmt.Sprintf(`fill="%s" stroke="%s"`, paper, ink)
	switch {
	case kind == KindDecision:
		p := hexPoint
		return fmt.Sprintf(`<polygon class="pw-shape" points="%s,%s %s,%s %s,%s %s,%s %s,%s %s,%s" %s stroke-width="1.5"/>`,
			num(x+p), num(y), num(x+w-p), num(y), num(x+w), num(y+h/2), num(x+w-p), num(y+h), num(x+p), num(y+h), num(x), num(y+h/2), common)
	case outcome == Irregular:
		return octagon(x, y, w, h, octCorner, "pw-shape", common+` stroke-width="3.5"`) +
			octagon(x+4.5, y+4.5, w-9, h-9, octCorner-2, "pw-inner", fmt.Sprintf(`fill="none" stroke="%s" stroke-width="1"`, ink))
	case outcome == Pending:
		return fmt.Sprintf(`<rect class="pw-shape" x="%s" y="%s" width="%s" height="%s" rx="14" %s stroke-width="2" stroke-dasharray="7 4"/>`, num(x), num(y), num(w), num(h), common)
	case outcome == LegalStay:
		return fmt.Sprintf(`<rect class="pw-shape" x="%s" y="%s" width="%s" height="%s" rx="14" %s stroke-width="2.5"/>`, num(x), num(y), num(w), num(h), common)
	}
	return fmt.Sprintf(`<rect class="pw-shape" x="%s" y="%s" width="%s" height="%s" rx="2" %s stroke-width="1.25"/>`, num(x), num(y), num(w), num(h), common)
}

func octagon(x, y, w, h, c float64, cls, attrs string) string {
	pts := [][2]float64{{x + c, y}, {x + w - c, y}, {x + w, y + c}, {x + w, y + h - c}, {x + w - c, y + h}, {x + c, y + h}, {x, y + h - c}, {x, y + c}}
	var ps []string
	for _, p := range pts {
		ps = append(ps, num(p[0])+","+num(p[1]))
	}
	return fmt.Sprintf(`<polygon class="%s" points="%s" %s/>`, cls, strings.Join(ps, " "), attrs)
}

// legendKinds lists the shapes explained by the legend, in order.
var legendKinds = [][2]string{{KindStep, ""}, {KindDecision, ""}, {KindOutcome, LegalStay}, {KindOutcome, Pending}, {KindOutcome, Irregular}}

func legendKey(k [2]string) string {
	if k[1] != "" {
		return "kind." + k[1]
	}
	return "kind." + k[0]
}

const (
	legendSampleW = 54.0
	legendSampleH = 26.0
	legendRow     = 34.0
)

func legendHeight() float64 { return 24 + float64(len(legendKinds))*legendRow + margin }

func (s *Set) legendWidth(lang string) float64 {
	w := textWidth(s.word("legend", lang), fontSize, true)
	for _, k := range legendKinds {
		w = max(w, legendSampleW+10+textWidth(s.word(legendKey(k), lang), fontSize, false))
	}
	return w
}

func (s *Set) drawLegend(b *bytes.Buffer, lang, dir string, W, y0 float64) {
	rtl := dir == "rtl"
	fx := func(x, w float64) float64 { // mirror a box's left edge
		if rtl {
			return W - x - w
		}
		return x
	}
	b.WriteString("<g class=\"pw-legend\">\n")
	tx := margin
	if rtl {
		tx = W - margin
	}
	fmt.Fprintf(b, "<text x=\"%s\" y=\"%s\" font-weight=\"bold\">%s</text>\n", num(tx), num(y0+16), xmlEscape(s.word("legend", lang)))
	for i, k := range legendKinds {
		y := y0 + 24 + float64(i)*legendRow
		bx := Box{fx(margin, legendSampleW), y, legendSampleW, legendSampleH}
		fmt.Fprintf(b, "<g class=\"pw-node pw-%s%s\">%s</g>", k[0], prefixed(" pw-", k[1]), shape(k[0], k[1], bx))
		lx := margin + legendSampleW + 10
		if rtl {
			lx = W - lx
		}
		fmt.Fprintf(b, "<text x=\"%s\" y=\"%s\">%s</text>\n", num(lx), num(y+legendSampleH/2+5), xmlEscape(s.word(legendKey(k), lang)))
	}
	b.WriteString("</g>\n")
}

func prefixed(p, s string) string {
	if s == "" {
		return ""
	}
	return p + s
}

// StandaloneStylesheet is where a standalone SVG finds StandaloneCSS,
// relative to the SVG (the site writes SVGs at diagrams/{lang}/{id}.svg and
// the stylesheet at css/diagram-standalone.css). An external stylesheet,
// not <style>: the site's CSP (default-src 'self', no unsafe-inline) blocks
// inline styles in the SVG file too. Without it (a downloaded copy) the
// presentation attributes still draw the diagram in black on white.
const StandaloneStylesheet = "../../css/diagram-standalone.css"

// StandaloneCSS colours standalone SVGs (dark mode, status fills). Inline
// SVG in pages uses the site's diagram.css instead.
const StandaloneCSS = `@media (prefers-color-scheme: dark){.pw-page{fill:#111}.pw-diagram text{fill:#eee}.pw-shape,.pw-cond rect{fill:#1c1c1c}.pw-shape,.pw-inner,.pw-edge{stroke:#ddd}.pw-arrow{fill:#ddd}.pw-irregular .pw-shape{fill:#3a1414}}` +
	`@media screen and (prefers-color-scheme: light){.pw-irregular .pw-shape{fill:#fdecec;stroke:#8b0000}.pw-irregular .pw-inner{stroke:#8b0000}.pw-legal-stay .pw-shape{fill:#eef7ee}.pw-pending .pw-shape{fill:#fff8e6}}` +
	`@media print{.pw-page,.pw-shape,.pw-cond rect{fill:#fff}.pw-diagram text{fill:#000}.pw-shape,.pw-inner,.pw-edge{stroke:#000}}`

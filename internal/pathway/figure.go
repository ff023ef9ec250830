package pathway

import (
	"fmt"
	"sort"
	"strings"
)

// Figure is the HTML block that replaces {diagram:ID} in a page: the inline
// SVGs (wide and vertical) in a labelled, keyboard-scrollable region, the
// legend, a link to the standalone SVG, and the text version built from the
// same graph, collapsed behind its summary.
func (s *Set) Figure(id, lang, dir, standaloneURL string) (string, error) {
	pw, ok := s.pathways[id]
	if !ok {
		return "", fmt.Errorf("unknown pathway %q", id)
	}
	L, err := s.layout(pw, lang, dir == "rtl")
	if err != nil {
		return "", err
	}
	svg, err := s.svg(pw, L, lang, dir, false)
	if err != nil {
		return "", err
	}
	V, err := s.vertical(pw, lang, dir == "rtl", NarrowWidth)
	if err != nil {
		return "", err
	}
	narrow, err := s.svgAs(pw, V, lang, dir, false, narrowKind)
	if err != nil {
		return "", err
	}
	pre := domID(id, lang)
	title := s.plain(pw.Title, lang)
	var b strings.Builder
	fmt.Fprintf(&b, "<figure class=\"diagram\" id=\"%s\">\n", pre)
	// dir="auto": a title not yet translated reads in its own direction.
	fmt.Fprintf(&b, "<figcaption class=\"diagram-title\" dir=\"auto\">%s</figcaption>\n", esc(title))
	fmt.Fprintf(&b, "<div class=\"diagram-scroll\" role=\"region\" aria-label=\"%s\" tabindex=\"0\">\n",
		esc(strings.ReplaceAll(s.word("region", lang), "{title}", title)))
	// Both drawings; diagram.css shows one (display: none hides the other
	// from assistive technology too): the vertical one on narrow screens,
	// the wide one elsewhere and on paper.
	b.Write(svg)
	b.Write(narrow)
	b.WriteString("</div>\n")
	b.WriteString(s.legendHTML(lang))
	fmt.Fprintf(&b, "<p class=\"diagram-open\"><a href=\"%s\" type=\"image/svg+xml\">%s</a></p>\n", esc(standaloneURL), esc(s.word("open", lang)))
	text, err := s.textVersion(pw, lang, dir)
	if err != nil {
		return "", err
	}
	b.WriteString(text)
	b.WriteString("</figure>\n")
	return b.String(), nil
}

// legendHTML repeats the shapes as small decorative SVGs next to words, so
// the legend reflows on a phone instead of scrolling with the diagram.
func (s *Set) legendHTML(lang string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "<div class=\"diagram-legend\"><p class=\"diagram-legend-title\">%s</p>\n<ul>\n", esc(s.word("legend", lang)))
	for _, k := range legendKinds {
		bx := Box{2, 2, legendSampleW - 4, legendSampleH - 4}
		fmt.Fprintf(&b, "<li><svg class=\"pw-diagram\" viewBox=\"0 0 %s %s\" width=\"%s\" height=\"%s\" aria-hidden=\"true\" focusable=\"false\"><g class=\"pw-node pw-%s%s\">%s</g></svg> %s</li>\n",
			num(legendSampleW), num(legendSampleH), num(legendSampleW), num(legendSampleH), k[0], prefixed(" pw-", k[1]), shape(k[0], k[1], bx), esc(s.word(legendKey(k), lang)))
	}
	b.WriteString("</ul></div>\n")
	return b.String()
}

// readingOrder lists node indices top to bottom, then in reading direction
// of the left-to-right layout (the text version is the same in RTL: logical
// order, not visual).
func readingOrder(L *Layout) []int {
	idx := make([]int, len(L.Nodes))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool {
		na, nb := L.Nodes[idx[a]].Box, L.Nodes[idx[b]].Box
		if na.Y+na.H/2 != nb.Y+nb.H/2 {
			return na.Y+na.H/2 < nb.Y+nb.H/2
		}
		return na.X < nb.X
	})
	return idx
}

// textVersion is an ordered list of every node; under each, its exits with
// their conditions and a link to the step they lead to. Outcomes carry the
// same prefix as in the drawing ("⚠ séjour irrégulier").
//
// Each text from the data is a <bdi>: a label not yet translated (French in
// an Arabic page) keeps its own direction, and its punctuation stays put.
// The arrow points forward in the reading direction (← in right-to-left).
func (s *Set) textVersion(pw *Pathway, lang, dir string) (string, error) {
	arrow := "→"
	if dir == "rtl" {
		arrow = "←"
	}
	// The order must not depend on direction: compute on an LTR layout.
	ltr, err := s.layout(pw, lang, false)
	if err != nil {
		return "", err
	}
	ord := readingOrder(ltr)
	num := map[string]int{}
	for k, i := range ord {
		num[ltr.Nodes[i].ID] = k + 1
	}
	pre := domID(pw.ID, lang)
	var b strings.Builder
	// Closed by default: on a phone an open text version made the page
	// thousands of pixels longer; the summary is the toggle, without JS.
	fmt.Fprintf(&b, "<details class=\"diagram-text\">\n<summary>%s</summary>\n<ol>\n", esc(s.word("text-version", lang)))
	for _, i := range ord {
		n := ltr.Nodes[i]
		fmt.Fprintf(&b, "<li id=\"%s-%s\">", pre, n.ID)
		if n.Outcome != "" {
			fmt.Fprintf(&b, "<strong>%s</strong> — ", esc(s.word("prefix."+n.Outcome, lang)))
		}
		b.WriteString(bdi(n.Text))
		var exits []string
		for _, e := range ltr.Edges {
			if e.From != n.ID {
				continue
			}
			to := num[e.To]
			target := ltr.Nodes[pw.index[e.To]]
			// The accessible name starts with the visible "step N" (label in
			// name) and adds the step's text, so a screen reader's list of
			// links makes sense out of context.
			stepN := fmt.Sprintf("%s %d", s.word("step", lang), to)
			link := fmt.Sprintf("<a href=\"#%s-%s\" aria-label=\"%s\">%s</a>", pre, e.To, esc(stepN+" — "+target.Text), esc(stepN))
			t := bdi(target.Text)
			if target.Outcome != "" {
				t = esc(s.word("prefix."+target.Outcome, lang)) + " — " + t
			}
			cond := esc(s.word("then", lang))
			if e.Label != "" {
				cond = bdi(e.Label)
			}
			exits = append(exits, fmt.Sprintf("<li>%s %s %s (%s)</li>", cond, arrow, t, link))
		}
		if len(exits) > 0 {
			b.WriteString("\n<ul>" + strings.Join(exits, "") + "</ul>\n")
		} else {
			fmt.Fprintf(&b, " <em>(%s)</em>", esc(s.word("end", lang)))
		}
		b.WriteString("</li>\n")
	}
	b.WriteString("</ol>\n</details>\n")
	return b.String(), nil
}

// bdi isolates a text from the data: its direction is its own first strong
// letter's, whatever the page's.
func bdi(t string) string { return "<bdi>" + esc(t) + "</bdi>" }

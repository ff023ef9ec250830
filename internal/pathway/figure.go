package pathway

import (
	_ "embed"
	"fmt"
	"html/template"
	"sort"
	"strings"
)

// figureHTML is the page markup around the drawings; html/template escapes
// every word for its context.
//
//go:embed figure.html
var figureHTML string

var figureTmpl = template.Must(template.New("figure.html").Parse(figureHTML))

// figureView is what figure.html shows.
type figureView struct {
	ID, Title, Region string
	Wide, Narrow      template.HTML // the SVG writer's drawings
	Legend            string        // the legend's title
	Kinds             []legendItem
	Standalone        string // the standalone SVG's URL
	Open              string
	TextVersion       string     // the summary of the text version
	Steps             []stepView // every node, in reading order
	Then, Arrow, End  string     // an exit without a label; → or ←; a node without exits
}

// legendItem is one shape of the legend, drawn small, and its words.
type legendItem struct {
	Sample template.HTML
	Text   string
}

// stepView is one node of the text version.
type stepView struct {
	ID     string
	Prefix string // an outcome's words ("⚠ séjour irrégulier"), else ""
	Text   string
	Exits  []exitView
}

// exitView is one edge out of a node: its condition (Label, else the
// figure's Then), the target's outcome prefix and text, and the link to it.
type exitView struct {
	Label, Prefix, Text string
	Href, Name, Step    string
}

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
	title := s.plain(pw.Title, lang)
	v := figureView{ID: domID(id, lang), Title: title, Region: strings.ReplaceAll(s.word("region", lang), "{title}", title),
		// Both drawings; diagram.css shows one (display: none hides the
		// other from assistive technology too): the vertical one on narrow
		// screens, the wide one elsewhere and on paper.
		Wide: inline(svg), Narrow: inline(narrow),
		Legend: s.word("legend", lang), Standalone: standaloneURL, Open: s.word("open", lang)}
	// The legend repeats the shapes as small decorative SVGs next to words,
	// so it reflows on a phone instead of scrolling with the diagram.
	for _, k := range legendKinds {
		v.Kinds = append(v.Kinds, legendItem{Sample: legendSample(k), Text: s.word(legendKey(k), lang)})
	}
	if err := s.textVersion(&v, pw, lang, dir); err != nil {
		return "", err
	}
	var b strings.Builder
	if err := figureTmpl.Execute(&b, v); err != nil {
		return "", err
	}
	return b.String(), nil
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
// Each text from the data is a <bdi> (figure.html): a label not yet
// translated (French in an Arabic page) keeps its own direction, and its
// punctuation stays put. The arrow points forward in the reading direction
// (← in right-to-left).
func (s *Set) textVersion(v *figureView, pw *Pathway, lang, dir string) error {
	v.Arrow = "→"
	if dir == "rtl" {
		v.Arrow = "←"
	}
	// The order must not depend on direction: compute on an LTR layout.
	ltr, err := s.layout(pw, lang, false)
	if err != nil {
		return err
	}
	ord := readingOrder(ltr)
	num := map[string]int{}
	for k, i := range ord {
		num[ltr.Nodes[i].ID] = k + 1
	}
	pre := domID(pw.ID, lang)
	// Closed by default (figure.html): on a phone an open text version made
	// the page thousands of pixels longer; the summary is the toggle, without JS.
	v.TextVersion, v.Then, v.End = s.word("text-version", lang), s.word("then", lang), s.word("end", lang)
	prefix := func(outcome string) string {
		if outcome == "" {
			return ""
		}
		return s.word("prefix."+outcome, lang)
	}
	for _, i := range ord {
		n := ltr.Nodes[i]
		st := stepView{ID: pre + "-" + n.ID, Prefix: prefix(n.Outcome), Text: n.Text}
		for _, e := range ltr.Edges {
			if e.From != n.ID {
				continue
			}
			target := ltr.Nodes[pw.index[e.To]]
			// The accessible name starts with the visible "step N" (label in
			// name) and adds the step's text, so a screen reader's list of
			// links makes sense out of context.
			stepN := fmt.Sprintf("%s %d", s.word("step", lang), num[e.To])
			st.Exits = append(st.Exits, exitView{Label: e.Label, Prefix: prefix(target.Outcome), Text: target.Text,
				Href: "#" + pre + "-" + e.To, Name: stepN + " — " + target.Text, Step: stepN})
		}
		v.Steps = append(v.Steps, st)
	}
	return nil
}

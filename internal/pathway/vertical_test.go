package pathway

import (
	"math"
	"regexp"
	"sort"
	"strings"
	"testing"
	"testing/fstest"
	"unicode/utf8"
)

// Small fixture graphs for the narrow layout: a chain, a decision whose
// branches merge again, several exits into one node, long words and long
// conditions (the wrap must hold them inside 272 px).
var narrowFixtures = map[string]string{
	"chain": `title: {fr: Chaîne, nl: Keten, en: Chain}
summary: {fr: S, nl: S, en: S}
nodes:
  - {id: a, kind: step, label: {fr: Début, nl: Begin, en: Start}}
  - {id: b, kind: step, label: {fr: Milieu, nl: Midden, en: Middle}}
  - {id: c, kind: outcome, outcome: legal-stay, label: {fr: Fin, nl: Einde, en: End}}
edges:
  - {from: a, to: b}
  - {from: b, to: c, label: {fr: ensuite, nl: daarna, en: then}}
`,
	"branches": `title: {fr: Branches, nl: Takken, en: Branches}
summary: {fr: S, nl: S, en: S}
nodes:
  - id: start
    kind: step
    label: {fr: "Un permis en cours, lié au contrat de travail, pour au plus {rule:single-permit.max-validity}", nl: "Lopende vergunning, gekoppeld aan het contract, hoogstens {rule:single-permit.max-validity}", en: "A permit running, tied to the work contract, for at most {rule:single-permit.max-validity}"}
  - {id: q1, kind: decision, label: {fr: "L'employeur demande-t-il le renouvellement à temps ?", nl: "Vraagt de werkgever de verlenging op tijd aan?", en: "Does the employer apply in time?"}}
  - {id: q2, kind: decision, label: {fr: "Nouvel employeur trouvé ?", nl: "Nieuwe werkgever gevonden?", en: "New employer found?"}}
  - {id: exam, kind: step, label: {fr: "Examen du dossier", nl: "Onderzoek", en: "Examination"}}
  - {id: ok, kind: outcome, outcome: legal-stay, label: {fr: "Permis renouvelé", nl: "Verlengd", en: "Renewed"}}
  - {id: wait, kind: outcome, outcome: pending, label: {fr: "En attente d'une décision", nl: "Wachten", en: "Waiting"}}
  - {id: lost, kind: outcome, outcome: irregular, label: {fr: "Séjour perdu : Arbeitsmarktzulassungsverfahrensbestimmungen", nl: "Verblijf verloren", en: "Stay lost"}}
edges:
  - {from: start, to: q1}
  - {from: q1, to: exam, label: {fr: oui, nl: ja, en: "yes"}}
  - {from: q1, to: q2, label: {fr: "non, ou la demande arrive après la date limite fixée par la réglementation régionale", nl: nee, en: "no"}}
  - {from: q1, to: lost, label: {fr: "refus", nl: weigering, en: refusal}}
  - {from: exam, to: ok, label: {fr: "décision à temps", nl: "op tijd", en: "in time"}}
  - {from: exam, to: wait}
  - {from: exam, to: lost, label: {fr: "trop tard", nl: "te laat", en: "too late"}}
  - {from: q2, to: exam, label: {fr: oui, nl: ja, en: "yes"}}
  - {from: q2, to: lost, label: {fr: non, nl: nee, en: "no"}}
`,
}

func loadFixtures(t *testing.T) *Set {
	t.Helper()
	fsys := fstest.MapFS{"p/_labels.yaml": {Data: []byte(labelsYAML)}}
	for id, src := range narrowFixtures {
		fsys["p/"+id+".yaml"] = &fstest.MapFile{Data: []byte(src)}
	}
	s, probs := Load(fsys, "p", Options{Langs: langs, Known: known, Duration: fakeDuration(fakeDurations)})
	for _, p := range probs.Sorted() {
		t.Fatalf("%v", p)
	}
	return s
}

type seg struct {
	edge string
	a, b Pt
}

func segments(L *Layout) []seg {
	var out []seg
	for _, e := range L.Edges {
		for k := 0; k+1 < len(e.Points); k++ {
			out = append(out, seg{e.From + "→" + e.To, e.Points[k], e.Points[k+1]})
		}
	}
	return out
}

// crossesInside: the segment passes through the inside of b (touching the
// border does not count).
func crossesInside(s seg, b Box) bool {
	const eps = 0.5
	x0, x1 := math.Min(s.a.X, s.b.X), math.Max(s.a.X, s.b.X)
	y0, y1 := math.Min(s.a.Y, s.b.Y), math.Max(s.a.Y, s.b.Y)
	return x1 > b.X+eps && x0 < b.X+b.W-eps && y1 > b.Y+eps && y0 < b.Y+b.H-eps
}

// TestNarrowGeometry: in every language and direction, the vertical drawing
// is no wider than NarrowWidth (which fits a 320 px screen at scale 1), its
// text is at least 12 px, nothing overlaps, every line fits its box, edges
// start at the bottom of their source and end on their target's border,
// and no edge runs through a node or along another edge's lane.
func TestNarrowGeometry(t *testing.T) {
	s := loadFixtures(t)
	for _, id := range s.IDs() {
		for _, lang := range langs {
			for _, dir := range []string{"ltr", "rtl"} {
				name := id + "/" + lang + "/" + dir
				L, err := s.NarrowLayout(id, lang, dir)
				if err != nil {
					t.Fatal(err)
				}
				if L.W > NarrowWidth {
					t.Errorf("%s: width %v > %v", name, L.W, NarrowWidth)
				}
				type named struct {
					name string
					b    Box
				}
				var boxes []named
				byID := map[string]*PlacedNode{}
				for _, n := range L.Nodes {
					boxes = append(boxes, named{"node " + n.ID, n.Box})
					byID[n.ID] = n
					fits(t, name+" node "+n.ID, n.Lines, n.Box, n)
					for _, l := range n.Lines {
						if l.Size < 12 {
							t.Errorf("%s: node %s text at %v px", name, n.ID, l.Size)
						}
					}
				}
				for _, e := range L.Edges {
					if e.Label == "" {
						continue
					}
					boxes = append(boxes, named{"label " + e.From + "→" + e.To, e.LabelBox})
					fits(t, name+" label "+e.From+"→"+e.To, e.LabelLines, e.LabelBox, nil)
					for _, l := range e.LabelLines {
						if l.Size < 12 {
							t.Errorf("%s: label %s→%s at %v px", name, e.From, e.To, l.Size)
						}
					}
				}
				for i := range boxes {
					b := boxes[i].b
					if b.X < 0 || b.Y < 0 || b.X+b.W > L.W || b.Y+b.H > L.H {
						t.Errorf("%s: %s outside the canvas %vx%v: %+v", name, boxes[i].name, L.W, L.H, b)
					}
					for j := i + 1; j < len(boxes); j++ {
						if overlap(b, boxes[j].b) {
							t.Errorf("%s: %s overlaps %s", name, boxes[i].name, boxes[j].name)
						}
					}
				}
				segs := segments(L)
				for _, e := range L.Edges {
					src, dst := byID[e.From], byID[e.To]
					if !onBorder(e.Points[0], src.Box, false) {
						t.Errorf("%s: edge %s→%s starts at %v, not on the bottom of %+v", name, e.From, e.To, e.Points[0], src.Box)
					}
					end := e.Points[len(e.Points)-1]
					if !onBorder(end, dst.Box, true) && !onSide(end, dst) {
						t.Errorf("%s: edge %s→%s ends at %v, not on the border of %+v", name, e.From, e.To, end, dst.Box)
					}
				}
				for _, sg := range segs {
					for _, n := range L.Nodes {
						if crossesInside(sg, n.Box) {
							t.Errorf("%s: edge %s runs through node %s", name, sg.edge, n.ID)
						}
					}
					// A condition sits on its own edge only.
					for _, e := range L.Edges {
						if e.Label != "" && e.From+"→"+e.To != sg.edge && crossesInside(sg, e.LabelBox) {
							t.Errorf("%s: edge %s runs through the condition of %s→%s", name, sg.edge, e.From, e.To)
						}
					}
				}
				// Vertical runs of two edges never share a stretch, except the
				// spine under a common source.
				for i, p := range segs {
					for _, q := range segs[i+1:] {
						if p.edge == q.edge || p.a.X != p.b.X || q.a.X != q.b.X || p.a.X != q.a.X {
							continue
						}
						if strings.SplitN(p.edge, "→", 2)[0] == strings.SplitN(q.edge, "→", 2)[0] && p.a == q.a {
							continue // the same source's spine
						}
						lo := math.Max(math.Min(p.a.Y, p.b.Y), math.Min(q.a.Y, q.b.Y))
						hi := math.Min(math.Max(p.a.Y, p.b.Y), math.Max(q.a.Y, q.b.Y))
						if hi-lo > 0.5 {
							t.Errorf("%s: edges %s and %s overlap along x=%v from y=%v to %v", name, p.edge, q.edge, p.a.X, lo, hi)
						}
					}
				}
			}
		}
	}
}

// onSide: p is on the node's inline-start or inline-end side (between its
// top and bottom).
func onSide(p Pt, n *PlacedNode) bool {
	b := n.Box
	if p.Y <= b.Y || p.Y >= b.Y+b.H {
		return false
	}
	if math.Abs(p.X-b.X) < 0.01 || math.Abs(p.X-(b.X+b.W)) < 0.01 {
		return true
	}
	// A hexagon's side is two slanted edges.
	return n.Kind == KindDecision && (math.Abs(p.X-rightEdgeAt(n, p.Y)) < 0.6 || math.Abs(p.X-(b.X+b.W-rightEdgeAt(n, p.Y)+b.X)) < 0.6)
}

// TestNarrowRTLMirrors: the RTL drawing is the LTR one flipped.
func TestNarrowRTLMirrors(t *testing.T) {
	s := loadFixtures(t)
	for _, id := range s.IDs() {
		l, _ := s.NarrowLayout(id, "fr", "ltr")
		r, _ := s.NarrowLayout(id, "fr", "rtl")
		if l.W != r.W || l.H != r.H {
			t.Fatalf("%s: sizes differ", id)
		}
		for i := range l.Nodes {
			a, b := l.Nodes[i].Box, r.Nodes[i].Box
			if math.Abs(a.X-(r.W-b.X-b.W)) > 0.01 || a.Y != b.Y {
				t.Errorf("%s: node %s not mirrored: %+v vs %+v", id, l.Nodes[i].ID, a, b)
			}
		}
		for i := range l.Edges {
			for k, p := range l.Edges[i].Points {
				q := r.Edges[i].Points[k]
				if math.Abs(p.X-(r.W-q.X)) > 0.01 || p.Y != q.Y {
					t.Errorf("%s: edge %d point %d not mirrored: %v vs %v", id, i, k, p, q)
				}
			}
		}
	}
}

// TestNarrowStacksBranches: every edge goes down, a node shared by two
// branches (exam, reached from q1 and q2) comes after both, and the
// outcomes follow the step they leave from.
func TestNarrowStacksBranches(t *testing.T) {
	s := loadFixtures(t)
	L, _ := s.NarrowLayout("branches", "fr", "ltr")
	y := map[string]float64{}
	for _, n := range L.Nodes {
		y[n.ID] = n.Box.Y
	}
	for _, e := range L.Edges {
		if y[e.To] <= y[e.From] {
			t.Errorf("edge %s→%s goes up", e.From, e.To)
		}
	}
	var ids []string
	for _, n := range L.Nodes {
		ids = append(ids, n.ID)
	}
	sort.Slice(ids, func(a, b int) bool { return y[ids[a]] < y[ids[b]] })
	if got, want := strings.Join(ids, " "), "start q1 q2 exam ok wait lost"; got != want {
		t.Errorf("order %s, want %s", got, want)
	}
}

// TestFigureHasBothDrawings: the figure carries the wide and the narrow SVG,
// each an image with its own title and description ids, and the text
// version closed behind its summary.
func TestFigureHasBothDrawings(t *testing.T) {
	s := loadFixtures(t)
	fig, err := s.Figure("branches", "fr", "rtl", "/x.svg")
	if err != nil {
		t.Fatal(err)
	}
	svgs := regexp.MustCompile(`<svg [^>]*class="pw-diagram (pw-wide|pw-narrow)"[^>]*>`).FindAllStringSubmatch(fig, -1)
	if len(svgs) != 2 || svgs[0][1] != "pw-wide" || svgs[1][1] != "pw-narrow" {
		t.Fatalf("want a wide and a narrow SVG, got %v", svgs)
	}
	for _, m := range svgs {
		for _, want := range []string{`role="img"`, `direction="rtl"`} {
			if !strings.Contains(m[0], want) {
				t.Errorf("%s lacks %s", m[0], want)
			}
		}
	}
	for _, id := range []string{"pw-branches-fr-title", "pw-branches-fr-v-title", "pw-branches-fr-desc", "pw-branches-fr-v-desc", "pw-branches-fr-v-arrow"} {
		if n := strings.Count(fig, `id="`+id+`"`); n != 1 {
			t.Errorf("id %s appears %d times", id, n)
		}
	}
	if !strings.Contains(fig, `<details class="diagram-text">`) {
		t.Error("the text version should be a closed <details>")
	}
	if !strings.Contains(fig, `<svg xmlns="http://www.w3.org/2000/svg" class="pw-diagram pw-narrow" viewBox="0 0 272 `) {
		t.Error("the narrow SVG should be 272 units wide")
	}
}

// FuzzWrapHard: wrapping for the narrow drawing terminates, keeps every
// letter in order, and every line fits unless it is a single glyph.
func FuzzWrapHard(f *testing.F) {
	for _, s := range []string{"", "a b c", "Arbeitsmarktzulassungsverfahrensbestimmungen", "délai : 3 mois", "⚠⚠⚠⚠⚠⚠⚠⚠⚠⚠⚠⚠⚠⚠⚠⚠⚠⚠"} {
		f.Add(s, 60.0)
	}
	f.Fuzz(func(t *testing.T, s string, max float64) {
		if max < 1 || max > 1000 || math.IsNaN(max) || !utf8.ValidString(s) { // labels come from YAML: valid UTF-8
			return
		}
		lines := wrapHard(s, 14, max, false)
		var got strings.Builder
		for _, l := range lines {
			if textWidth(l, 14, false) > max && len([]rune(strings.TrimSuffix(l, "-"))) > 1 {
				t.Errorf("line %q is wider than %v", l, max)
			}
			got.WriteString(strings.TrimSuffix(l, "-"))
		}
		strip := func(x string) string {
			return strings.Map(func(r rune) rune {
				if r == ' ' || r == '\t' || r == '\n' || r == '\u00a0' || r == '-' {
					return -1
				}
				return r
			}, x)
		}
		if strip(got.String()) != strip(s) {
			t.Errorf("letters changed: %q → %q", s, lines)
		}
	})
}

// TestPrintColumns: the print drawing is at most PrintWidth wide (so it
// prints at scale ≥ 1 across an A4 text width), its text is ≥ 12 px (9 pt
// at scale 1), nothing overlaps, and every connector letter appears twice.
func TestPrintColumns(t *testing.T) {
	s := loadFixtures(t)
	for _, id := range s.IDs() {
		for _, dir := range []string{"ltr", "rtl"} {
			name := id + "/" + dir
			L, err := s.PrintLayout(id, "fr", dir)
			if err != nil {
				t.Fatal(err)
			}
			if L.W > PrintWidth {
				t.Errorf("%s: width %v > %v", name, L.W, PrintWidth)
			}
			var boxes []Box
			for _, n := range L.Nodes {
				boxes = append(boxes, n.Box)
				fits(t, name+" node "+n.ID, n.Lines, n.Box, n)
				for _, l := range n.Lines {
					if l.Size < 12 {
						t.Errorf("%s: text at %v px", name, l.Size)
					}
				}
			}
			for _, e := range L.Edges {
				if e.Label != "" {
					boxes = append(boxes, e.LabelBox)
					fits(t, name+" label", e.LabelLines, e.LabelBox, nil)
				}
			}
			letters := map[string]int{}
			for _, c := range L.Connectors {
				letters[c.Letter]++
				boxes = append(boxes, Box{c.X - connR, c.Y - connR, 2 * connR, 2 * connR})
			}
			for l, n := range letters {
				if n != 2 {
					t.Errorf("%s: connector %s appears %d times", name, l, n)
				}
			}
			for i, b := range boxes {
				if b.X < 0 || b.Y < 0 || b.X+b.W > L.W || b.Y+b.H > L.H {
					t.Errorf("%s: box %d outside the canvas %vx%v: %+v", name, i, L.W, L.H, b)
				}
				for _, c := range boxes[i+1:] {
					if overlap(b, c) {
						t.Errorf("%s: %+v overlaps %+v", name, b, c)
					}
				}
			}
		}
	}
}

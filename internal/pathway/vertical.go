package pathway

import (
	"fmt"
	"math"
	"sort"
	"strings"
)

// The narrow layout: the same graph drawn for a phone. Nodes stand one
// under the other, full width, branch after branch (stackOrder), so
// branches that the wide drawing puts side by side are stacked. Under each node, one row per exit, its condition
// written on it:
//
//   - the exit to the very next node runs straight down a "spine" near the
//     box's inline-start edge, its condition beside it;
//   - every other exit leaves the spine horizontally, its condition sitting
//     on the line, runs down a lane in the gutter at the inline-end side and
//     enters its target from that side.
//
// Lanes are assigned like intervals to rooms (greedy by start row, the
// fewest lanes that keep vertical runs apart), so the gutter is as narrow as
// the graph allows. Everything is sized from NarrowWidth: a 320 px screen
// shows the drawing at scale 1, so text keeps its drawn size (14 px in
// boxes, 13 px on conditions).
const (
	// NarrowWidth is the vertical drawing's width: a 320 px screen has a
	// 288 px column (1rem padding each side) minus the scroll region's
	// border and padding (10 px); a little slack for rounding.
	NarrowWidth  = 272.0
	laneGap      = 9.0  // between two lanes
	gutterPad    = 8.0  // between the boxes and the first lane
	spineInset   = 18.0 // the spine's distance from the box's inline-start edge
	condIndent   = 10.0 // a condition's distance from the spine
	exitGap      = 6.0  // between a box or exit row and the next
	arrowRoom    = 12.0 // above a box an arrow enters from the top
	nodeSpacing  = 18.0 // between a node without exits and the next
	minExitH     = 10.0 // an exit row without a condition
	minNarrowBox = 140.0
)

// stackOrder lists the nodes so that each branch is told to its end before
// the next one starts: a topological order (every node after all its
// predecessors) that always continues with the first ready child of the
// node just placed, in the file's edge order.
func stackOrder(pw *Pathway) []int {
	indeg := make([]int, len(pw.Nodes))
	for _, e := range pw.Edges {
		indeg[pw.index[e.To.S]]++
	}
	var stack []int
	for i := len(pw.Nodes) - 1; i >= 0; i-- {
		if indeg[i] == 0 {
			stack = append(stack, i)
		}
	}
	var ord []int
	for len(stack) > 0 {
		u := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		ord = append(ord, u)
		for k := len(pw.Edges) - 1; k >= 0; k-- {
			e := pw.Edges[k]
			if pw.index[e.From.S] != u {
				continue
			}
			v := pw.index[e.To.S]
			if indeg[v]--; indeg[v] == 0 {
				stack = append(stack, v)
			}
		}
	}
	return ord
}

// NarrowLayout returns the geometry of a pathway's vertical drawing.
func (s *Set) NarrowLayout(id, lang, dir string) (*Layout, error) {
	pw, ok := s.pathways[id]
	if !ok {
		return nil, fmt.Errorf("unknown pathway %q", id)
	}
	return s.vertical(pw, lang, dir == "rtl", NarrowWidth)
}

// NarrowSVG renders the vertical drawing (inline form: no <style>).
func (s *Set) NarrowSVG(id, lang, dir string) ([]byte, error) {
	pw, ok := s.pathways[id]
	if !ok {
		return nil, fmt.Errorf("unknown pathway %q", id)
	}
	L, err := s.vertical(pw, lang, dir == "rtl", NarrowWidth)
	if err != nil {
		return nil, err
	}
	return s.svgAs(pw, L, lang, dir, false, narrowKind)
}

type exitRow struct {
	edge   int // index in pw.Edges and L.Edges
	direct bool
	lane   int
	top, h float64
}

func (s *Set) vertical(pw *Pathway, lang string, rtl bool, width float64) (*Layout, error) {
	ord := stackOrder(pw)
	pos := make([]int, len(pw.Nodes))
	for k, i := range ord {
		pos[i] = k
	}
	// Exits per node: lane exits by target position, the direct one last
	// (it continues the spine into the next box).
	exits := make([][]*exitRow, len(pw.Nodes))
	for ei, e := range pw.Edges {
		u, v := pw.index[e.From.S], pw.index[e.To.S]
		exits[u] = append(exits[u], &exitRow{edge: ei, direct: pos[v] == pos[u]+1, lane: -1})
	}
	for u := range exits {
		xs := exits[u]
		// At most one direct exit: a second edge to the same node goes by a lane.
		seen := false
		for _, x := range xs {
			if x.direct && seen {
				x.direct = false
			}
			seen = seen || x.direct
		}
		sort.SliceStable(xs, func(a, b int) bool {
			if xs[a].direct != xs[b].direct {
				return !xs[a].direct
			}
			return pos[pw.index[pw.Edges[xs[a].edge].To.S]] < pos[pw.index[pw.Edges[xs[b].edge].To.S]]
		})
	}
	// Lanes: a lane exit occupies its lane from its exit row (after its
	// source, at sub-position k) to its target's row. Closed intervals, so
	// two edges into the same node use two lanes (they enter at two heights).
	type span struct {
		x        *exitRow
		from, to float64
	}
	var spans []span
	for u, xs := range exits {
		for k, x := range xs {
			if x.direct {
				continue
			}
			v := pw.index[pw.Edges[x.edge].To.S]
			spans = append(spans, span{x, float64(pos[u]) + 0.5 + float64(k)*0.01, float64(pos[v])})
		}
	}
	sort.SliceStable(spans, func(a, b int) bool { return spans[a].from < spans[b].from })
	var laneEnd []float64
	for _, sp := range spans {
		lane := -1
		for l, end := range laneEnd {
			if end < sp.from {
				lane = l
				break
			}
		}
		if lane < 0 {
			lane = len(laneEnd)
			laneEnd = append(laneEnd, 0)
		}
		laneEnd[lane] = sp.to
		sp.x.lane = lane
	}
	nLanes := len(laneEnd)
	W := width
	boxX := margin
	boxW := W - 2*margin
	if nLanes > 0 {
		boxW -= gutterPad + float64(nLanes)*laneGap
	}
	boxW = math.Floor(math.Max(boxW, minNarrowBox))
	spineX := boxX + spineInset
	laneX := func(l int) float64 { return boxX + boxW + gutterPad + float64(l)*laneGap + laneGap/2 }

	L := &Layout{}
	for _, n := range pw.Nodes {
		txt, err := s.text(&n.Label, lang)
		if err != nil {
			return nil, fmt.Errorf("%s: node %s: %w", pw.Path, n.ID.S, err)
		}
		pn := &PlacedNode{ID: n.ID.S, Kind: n.Kind.S, Outcome: n.Outcome.S, Text: txt}
		px, py := nodePad(pn)
		inner := boxW - 2*px
		var lines []Line
		if n.Kind.S == KindOutcome {
			for _, l := range wrapHard(s.word("prefix."+n.Outcome.S, lang), fontSize, inner, true) {
				lines = append(lines, Line{Text: l, Bold: true, Size: fontSize})
			}
		}
		for _, l := range wrapHard(txt, fontSize, inner, false) {
			lines = append(lines, Line{Text: l, Size: fontSize})
		}
		pn.Lines = lines
		pn.Box = Box{X: boxX, W: boxW, H: float64(len(lines))*lineHeight + 2*py}
		L.Nodes = append(L.Nodes, pn)
	}
	for _, e := range pw.Edges {
		pe := &PlacedEdge{From: e.From.S, To: e.To.S}
		if e.Label != nil {
			txt, err := s.text(e.Label, lang)
			if err != nil {
				return nil, fmt.Errorf("%s: edge %s → %s: %w", pw.Path, e.From.S, e.To.S, err)
			}
			pe.Label = txt
		}
		L.Edges = append(L.Edges, pe)
	}
	// Conditions: wrapped to the room between the spine and the box's end.
	condX := spineX + condIndent
	condMax := boxX + boxW - condX - 2*labelPadX
	// Vertical placement, in reading order.
	y := margin
	hasDirectIn := make([]bool, len(pw.Nodes))
	for _, xs := range exits {
		for _, x := range xs {
			if x.direct {
				hasDirectIn[pw.index[pw.Edges[x.edge].To.S]] = true
			}
		}
	}
	L.rowTops = make([]float64, len(ord)+1)
	for k, u := range ord {
		L.rowTops[k] = y
		if k > 0 && hasDirectIn[u] {
			y += arrowRoom
		}
		pn := L.Nodes[u]
		pn.Box.Y = y
		y += pn.Box.H
		for _, x := range exits[u] {
			pe := L.Edges[x.edge]
			y += exitGap
			x.top, x.h = y, minExitH
			if pe.Label != "" {
				lw := 0.0
				for _, l := range wrapHard(pe.Label, labelSize, condMax, false) {
					pe.LabelLines = append(pe.LabelLines, Line{Text: l, Size: labelSize})
					lw = math.Max(lw, textWidth(l, labelSize, false))
				}
				x.h = float64(len(pe.LabelLines))*labelLineH + 2*labelPadY
				pe.LabelBox = Box{condX, y, math.Ceil(lw + 2*labelPadX), x.h}
			}
			y += x.h
		}
		if len(exits[u]) == 0 {
			y += nodeSpacing
		}
	}
	L.rowTops[len(ord)] = y
	L.W, L.H = W, math.Ceil(y+margin)
	// Edge paths. Ports on a target's inline-end border, in lane order.
	ins := make([][]*exitRow, len(pw.Nodes))
	for _, xs := range exits {
		for _, x := range xs {
			if !x.direct {
				v := pw.index[pw.Edges[x.edge].To.S]
				ins[v] = append(ins[v], x)
			}
		}
	}
	portY := map[*exitRow]float64{}
	for v, xs := range ins {
		b := L.Nodes[v].Box
		in := portInsetY(L.Nodes[v])
		for k, x := range xs {
			portY[x] = round(b.Y + in + (b.H-2*in)*float64(k+1)/float64(len(xs)+1))
		}
	}
	for u, xs := range exits {
		src := L.Nodes[u].Box
		for _, x := range xs {
			pe := L.Edges[x.edge]
			dst := L.Nodes[pw.index[pe.To]]
			start := Pt{spineX, src.Y + src.H}
			if x.direct {
				pe.Points = []Pt{start, {spineX, dst.Box.Y}}
				continue
			}
			mid := round(x.top + x.h/2)
			py := portY[x]
			lx := laneX(x.lane)
			pe.Points = []Pt{start, {spineX, mid}, {lx, mid}, {lx, py}, {rightEdgeAt(dst, py), py}}
		}
	}
	if rtl {
		mirror(L)
	}
	for _, pn := range L.Nodes {
		placeLines(pn.Lines, pn.Box, lineHeight, fontSize)
	}
	for _, pe := range L.Edges {
		placeLines(pe.LabelLines, pe.LabelBox, labelLineH, labelSize)
		pe.D = orthoPath(pe.Points)
	}
	return L, nil
}

// portInsetY keeps entry points on the straight part of the inline-end side.
func portInsetY(pn *PlacedNode) float64 {
	if pn.Outcome == Irregular {
		return octCorner
	}
	if pn.Kind == KindOutcome {
		return 10
	}
	return 0
}

// rightEdgeAt is the x where a horizontal line at y meets the node's
// inline-end side (the hexagon's side is two slanted edges).
func rightEdgeAt(pn *PlacedNode, y float64) float64 {
	b := pn.Box
	if pn.Kind == KindDecision {
		d := math.Abs(y-(b.Y+b.H/2)) / (b.H / 2)
		return round(b.X + b.W - hexPoint*d)
	}
	return b.X + b.W
}

// orthoPath draws axis-aligned segments.
func orthoPath(p []Pt) string {
	var d strings.Builder
	d.WriteString("M" + num(p[0].X) + " " + num(p[0].Y))
	for i := 1; i < len(p); i++ {
		a, b := p[i-1], p[i]
		switch {
		case a.X == b.X && a.Y == b.Y:
		case a.X == b.X:
			d.WriteString("V" + num(b.Y))
		case a.Y == b.Y:
			d.WriteString("H" + num(b.X))
		default:
			d.WriteString("L" + num(b.X) + " " + num(b.Y))
		}
	}
	return d.String()
}

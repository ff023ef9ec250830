package pathway

import (
	"fmt"
	"math"
	"sort"
)

// Geometry constants, in SVG user units (= CSS px at scale 1).
const (
	fontSize      = 14.0
	lineHeight    = 18.0
	labelSize     = 13.0
	labelLineH    = 16.0
	maxNodeText   = 176.0 // wrap width inside a node box
	maxLabelText  = 140.0 // wrap width of an edge condition
	minNodeW      = 120.0
	bandGap       = 26.0 // vertical room for the curve between two bands
	nodeGap       = 26.0 // horizontal gap between boxes
	dummyGap      = 12.0 // horizontal gap next to a pass-through edge
	dummyW        = 6.0
	margin        = 12.0
	labelPadX     = 6.0
	labelPadY     = 3.0
	hexPoint      = 14.0 // decision hexagon: depth of the side points
	octCorner     = 10.0 // irregular octagon: corner cut
	irregularPadX = 24.0
	roundPadX     = 16.0
	stepPadX      = 12.0
	padY          = 10.0
	irregularPadY = 13.0
)

// Pt is a point.
type Pt struct{ X, Y float64 }

// Box is an axis-aligned rectangle (top-left corner, size).
type Box struct{ X, Y, W, H float64 }

// Line is one line of text: its centre x and baseline y.
type Line struct {
	Text string
	Bold bool
	X, Y float64
	Size float64
}

// PlacedNode is a node with its box and text lines.
type PlacedNode struct {
	ID, Kind, Outcome string
	Box               Box
	Lines             []Line
	Text              string // the label as resolved, without the kind prefix
}

// PlacedEdge is an edge drawn as a path; Points are the path's anchor points
// (first on the source's bottom border, last on the target's top border).
type PlacedEdge struct {
	From, To   string
	Points     []Pt
	D          string // SVG path data
	Label      string
	LabelBox   Box
	LabelLines []Line
}

// Layout is a laid-out diagram in one language and direction.
type Layout struct {
	W, H  float64
	Nodes []*PlacedNode
	Edges []*PlacedEdge
	// Connectors join an edge cut by a column break (print layout): the
	// same letter at the bottom of one column and the top of the next.
	Connectors []Connector

	rowTops []float64 // vertical layout: where each row (node in order) starts; one more for the end
}

// Connector is a lettered circle where an edge leaves or resumes.
type Connector struct {
	X, Y   float64
	Letter string
}

type item struct {
	node    int // index in pw.Nodes, or -1 for an edge point
	edge    int // for edge points
	w, h    float64
	x, y    float64 // centre
	rank    int
	up, dn  []int // neighbour items
	labeled bool
}

// layout places a pathway in lang; rtl mirrors it.
func (s *Set) layout(pw *Pathway, lang string, rtl bool) (*Layout, error) {
	L := &Layout{}
	var items []*item
	// Node boxes and text.
	for i, n := range pw.Nodes {
		txt, err := s.text(&n.Label, lang)
		if err != nil {
			return nil, fmt.Errorf("%s: node %s: %w", pw.Path, n.ID.S, err)
		}
		pn := &PlacedNode{ID: n.ID.S, Kind: n.Kind.S, Outcome: n.Outcome.S, Text: txt}
		var lines []Line
		if n.Kind.S == KindOutcome {
			for _, l := range wrap(s.word("prefix."+n.Outcome.S, lang), fontSize, maxNodeText, true) {
				lines = append(lines, Line{Text: l, Bold: true, Size: fontSize})
			}
		}
		for _, l := range wrap(txt, fontSize, maxNodeText, false) {
			lines = append(lines, Line{Text: l, Size: fontSize})
		}
		px, py := nodePad(pn)
		w := 0.0
		for _, l := range lines {
			w = math.Max(w, textWidth(l.Text, l.Size, l.Bold))
		}
		w = math.Max(minNodeW, math.Ceil(w+2*px))
		h := float64(len(lines))*lineHeight + 2*py
		pn.Lines = lines
		pn.Box = Box{W: w, H: h}
		L.Nodes = append(L.Nodes, pn)
		items = append(items, &item{node: i, w: w, h: h})
	}
	// Ranks: longest path from the sources, in declaration order.
	rank := make([]int, len(pw.Nodes))
	indeg := make([]int, len(pw.Nodes))
	for _, e := range pw.Edges {
		indeg[pw.index[e.To.S]]++
	}
	var queue []int
	for i := range pw.Nodes {
		if indeg[i] == 0 {
			queue = append(queue, i)
		}
	}
	for len(queue) > 0 {
		u := queue[0]
		queue = queue[1:]
		for _, e := range pw.Edges {
			if pw.index[e.From.S] != u {
				continue
			}
			v := pw.index[e.To.S]
			if rank[u]+1 > rank[v] {
				rank[v] = rank[u] + 1
			}
			indeg[v]--
			if indeg[v] == 0 {
				queue = append(queue, v)
			}
		}
	}
	for i := range pw.Nodes {
		items[i].rank = 2 * rank[i]
	}
	// Edges become chains of points, one per band crossed; the first point
	// carries the condition label so it sits just below its source.
	chains := make([][]int, len(pw.Edges))
	for ei, e := range pw.Edges {
		pe := &PlacedEdge{From: e.From.S, To: e.To.S}
		u, v := pw.index[e.From.S], pw.index[e.To.S]
		chain := []int{u}
		for r := items[u].rank + 1; r < items[v].rank; r++ {
			it := &item{node: -1, edge: ei, w: dummyW, rank: r}
			if r == items[u].rank+1 && e.Label != nil {
				txt, err := s.text(e.Label, lang)
				if err != nil {
					return nil, fmt.Errorf("%s: edge %s → %s: %w", pw.Path, e.From.S, e.To.S, err)
				}
				pe.Label = txt
				lw := 0.0
				for _, l := range wrap(txt, labelSize, maxLabelText, false) {
					pe.LabelLines = append(pe.LabelLines, Line{Text: l, Size: labelSize})
					lw = math.Max(lw, textWidth(l, labelSize, false))
				}
				it.w = math.Ceil(lw + 2*labelPadX)
				it.h = float64(len(pe.LabelLines))*labelLineH + 2*labelPadY
				it.labeled = true
			}
			items = append(items, it)
			chain = append(chain, len(items)-1)
		}
		chain = append(chain, v)
		for k := 0; k+1 < len(chain); k++ {
			items[chain[k]].dn = append(items[chain[k]].dn, chain[k+1])
			items[chain[k+1]].up = append(items[chain[k+1]].up, chain[k])
		}
		chains[ei] = chain
		L.Edges = append(L.Edges, pe)
	}
	nr := 0
	for _, it := range items {
		if it.rank+1 > nr {
			nr = it.rank + 1
		}
	}
	layers := make([][]int, nr)
	for i, it := range items {
		layers[it.rank] = append(layers[it.rank], i)
	}
	order(items, layers)
	// Vertical: each band as tall as its tallest item, items centred.
	top := make([]float64, nr)
	bottom := make([]float64, nr)
	y := margin
	for r, layer := range layers {
		h := 0.0
		for _, i := range layer {
			h = math.Max(h, items[i].h)
		}
		top[r], bottom[r] = y, y+h
		for _, i := range layer {
			items[i].y = y + h/2
		}
		y += h + bandGap
	}
	L.H = y - bandGap + margin
	placeX(items, layers)
	// Normalise to the margin.
	minX, maxX := math.Inf(1), math.Inf(-1)
	for _, it := range items {
		minX = math.Min(minX, it.x-it.w/2)
		maxX = math.Max(maxX, it.x+it.w/2)
	}
	for _, it := range items {
		it.x = round(it.x - minX + margin)
	}
	L.W = math.Ceil(maxX - minX + 2*margin)
	L.H = math.Ceil(L.H)
	for i, pn := range L.Nodes {
		it := items[i]
		pn.Box.X, pn.Box.Y = it.x-it.w/2, it.y-it.h/2
	}
	// Ports: spread each node's outgoing edges along its bottom border and
	// incoming edges along its top, in the order of their other ends.
	outPort := make([]float64, len(pw.Edges))
	inPort := make([]float64, len(pw.Edges))
	for ni, pn := range L.Nodes {
		var outs, ins []int
		for ei := range pw.Edges {
			c := chains[ei]
			if c[0] == ni {
				outs = append(outs, ei)
			}
			if c[len(c)-1] == ni {
				ins = append(ins, ei)
			}
		}
		spread := func(es []int, next func(ei int) float64, dst []float64) {
			sort.SliceStable(es, func(a, b int) bool { return next(es[a]) < next(es[b]) })
			in := portInset(pn)
			x0, w := pn.Box.X+in, pn.Box.W-2*in
			for k, ei := range es {
				dst[ei] = round(x0 + w*(float64(k)+0.5)/float64(len(es)))
			}
		}
		spread(outs, func(ei int) float64 { return items[chains[ei][1]].x }, outPort)
		spread(ins, func(ei int) float64 { c := chains[ei]; return items[c[len(c)-2]].x }, inPort)
	}
	for ei, pe := range L.Edges {
		c := chains[ei]
		src, dst := L.Nodes[c[0]], L.Nodes[c[len(c)-1]]
		pts := []Pt{{outPort[ei], src.Box.Y + src.Box.H}, {outPort[ei], bottom[items[c[0]].rank]}}
		for _, k := range c[1 : len(c)-1] {
			it := items[k]
			pts = append(pts, Pt{it.x, top[it.rank]}, Pt{it.x, bottom[it.rank]})
			if it.labeled {
				pe.LabelBox = Box{it.x - it.w/2, it.y - it.h/2, it.w, it.h}
			}
		}
		pts = append(pts, Pt{inPort[ei], top[items[c[len(c)-1]].rank]}, Pt{inPort[ei], dst.Box.Y})
		pe.Points = pts
	}
	if rtl {
		mirror(L)
	}
	for _, pn := range L.Nodes {
		placeLines(pn.Lines, pn.Box, lineHeight, fontSize)
	}
	for _, pe := range L.Edges {
		placeLines(pe.LabelLines, pe.LabelBox, labelLineH, labelSize)
		pe.D = pathData(pe.Points)
	}
	return L, nil
}

func nodePad(pn *PlacedNode) (x, y float64) {
	switch {
	case pn.Kind == KindDecision:
		return stepPadX + hexPoint, padY
	case pn.Outcome == Irregular:
		return irregularPadX, irregularPadY
	case pn.Kind == KindOutcome:
		return roundPadX, padY
	}
	return stepPadX, padY
}

// portInset keeps ports on the flat part of the bottom and top borders.
func portInset(pn *PlacedNode) float64 {
	switch {
	case pn.Kind == KindDecision:
		return hexPoint + 4
	case pn.Outcome == Irregular:
		return octCorner + 6
	case pn.Kind == KindOutcome:
		return 12
	}
	return 6
}

// placeLines centres the lines in the box, vertically and horizontally.
func placeLines(lines []Line, b Box, lh, size float64) {
	y0 := b.Y + b.H/2 - float64(len(lines))*lh/2
	for i := range lines {
		lines[i].X = round(b.X + b.W/2)
		// Baseline: centre of the line slot plus a third of the font size.
		lines[i].Y = round(y0 + float64(i)*lh + lh/2 + size*0.35)
	}
}

func mirror(L *Layout) {
	for _, pn := range L.Nodes {
		pn.Box.X = L.W - pn.Box.X - pn.Box.W
	}
	for _, pe := range L.Edges {
		for i := range pe.Points {
			pe.Points[i].X = L.W - pe.Points[i].X
		}
		if pe.LabelBox.W > 0 {
			pe.LabelBox.X = L.W - pe.LabelBox.X - pe.LabelBox.W
		}
	}
}

// pathData draws vertical runs joined by S-curves across each band gap.
func pathData(p []Pt) string {
	d := fmt.Sprintf("M%s %s", num(p[0].X), num(p[0].Y))
	for i := 1; i < len(p); i++ {
		a, b := p[i-1], p[i]
		if a.X == b.X {
			if a.Y != b.Y {
				d += "V" + num(b.Y)
			}
			continue
		}
		if math.Abs(a.X-b.X) < 6 {
			// An S-curve this narrow reads as a kink: draw it straight.
			d += "L" + num(b.X) + " " + num(b.Y)
			continue
		}
		my := (a.Y + b.Y) / 2
		d += fmt.Sprintf("C%s %s %s %s %s %s", num(a.X), num(my), num(b.X), num(my), num(b.X), num(b.Y))
	}
	return d
}

func round(v float64) float64 { return math.Round(v*2) / 2 }

func num(v float64) string {
	v = round(v)
	if v == math.Trunc(v) {
		return fmt.Sprintf("%d", int(v))
	}
	return fmt.Sprintf("%.1f", v)
}

// order reduces crossings with barycentre sweeps, keeping the best order
// seen; ties keep the previous order, so the result is deterministic.
func order(items []*item, layers [][]int) {
	pos := make([]float64, len(items))
	setPos := func() {
		for _, layer := range layers {
			for k, i := range layer {
				pos[i] = float64(k)
			}
		}
	}
	setPos()
	best := cloneLayers(layers)
	bestC := crossings(items, layers, pos)
	for iter := 0; iter < 12 && bestC > 0; iter++ {
		down := iter%2 == 0
		for step := 1; step < len(layers); step++ {
			r := step
			if !down {
				r = len(layers) - 1 - step
			}
			layer := layers[r]
			key := make(map[int]float64, len(layer))
			for _, i := range layer {
				nb := items[i].up
				if !down {
					nb = items[i].dn
				}
				if len(nb) == 0 {
					key[i] = pos[i]
					continue
				}
				sum := 0.0
				for _, j := range nb {
					sum += pos[j]
				}
				key[i] = sum / float64(len(nb))
			}
			sort.SliceStable(layer, func(a, b int) bool { return key[layer[a]] < key[layer[b]] })
			for k, i := range layer {
				pos[i] = float64(k)
			}
		}
		if c := crossings(items, layers, pos); c < bestC {
			bestC, best = c, cloneLayers(layers)
		}
	}
	for r := range layers {
		copy(layers[r], best[r])
	}
}

func cloneLayers(ls [][]int) [][]int {
	out := make([][]int, len(ls))
	for i, l := range ls {
		out[i] = append([]int(nil), l...)
	}
	return out
}

func crossings(items []*item, layers [][]int, pos []float64) int {
	n := 0
	for _, layer := range layers {
		type seg struct{ a, b float64 }
		var segs []seg
		for _, i := range layer {
			for _, j := range items[i].dn {
				segs = append(segs, seg{pos[i], pos[j]})
			}
		}
		for x := range segs {
			for y := x + 1; y < len(segs); y++ {
				if (segs[x].a-segs[y].a)*(segs[x].b-segs[y].b) < 0 {
					n++
				}
			}
		}
	}
	return n
}

func sep(a, b *item) float64 {
	g := nodeGap
	if (a.node < 0 && !a.labeled) || (b.node < 0 && !b.labeled) {
		g = dummyGap
	}
	return a.w/2 + b.w/2 + g
}

// placeX pulls each item towards the mean of its neighbours, then resolves
// overlaps by averaging a left-packed and a right-packed solution (both
// keep the minimum separations, so their mean does too).
func placeX(items []*item, layers [][]int) {
	for _, layer := range layers {
		x := 0.0
		for k, i := range layer {
			if k > 0 {
				x += sep(items[layer[k-1]], items[i])
			}
			items[i].x = x
		}
	}
	for iter := 0; iter < 24; iter++ {
		down := iter%2 == 0
		for step := 0; step < len(layers); step++ {
			r := step
			if !down {
				r = len(layers) - 1 - step
			}
			layer := layers[r]
			if len(layer) == 0 {
				continue
			}
			want := make([]float64, len(layer))
			for k, i := range layer {
				nb := append(append([]int(nil), items[i].up...), items[i].dn...)
				if iter < 20 {
					if down {
						nb = items[i].up
					} else {
						nb = items[i].dn
					}
				}
				if len(nb) == 0 {
					want[k] = items[i].x
					continue
				}
				sum := 0.0
				for _, j := range nb {
					sum += items[j].x
				}
				want[k] = sum / float64(len(nb))
			}
			n := len(layer)
			lft := make([]float64, n)
			rgt := make([]float64, n)
			for k := 0; k < n; k++ {
				lft[k] = want[k]
				if k > 0 {
					lft[k] = math.Max(want[k], lft[k-1]+sep(items[layer[k-1]], items[layer[k]]))
				}
			}
			for k := n - 1; k >= 0; k-- {
				rgt[k] = want[k]
				if k < n-1 {
					rgt[k] = math.Min(want[k], rgt[k+1]-sep(items[layer[k]], items[layer[k+1]]))
				}
			}
			for k, i := range layer {
				items[i].x = (lft[k] + rgt[k]) / 2
			}
		}
	}
}

package pathway

import (
	"fmt"
	"math"
	"sort"
	"strings"
)

// The print drawing: the vertical layout, narrower, cut into three columns
// side by side, so that a leaflet prints the diagram at scale 1 across the
// A4 text width (186 mm ≈ 703 px) with its text at 13–14 px, that is
// 9.75–10.5 pt, where the wide layout (up to 1,132 px) would shrink it to
// 6–8 pt. Columns break only between rows (a node and its exits), at the
// pair of breaks that keeps the tallest column shortest, counting each edge
// cut by a break as 40 px more; an edge that is cut ends in a lettered
// circle at the bottom of its column and resumes from the same letter at
// the top of the next.
const (
	// PrintWidth is the print drawing's width: three columns.
	PrintWidth   = printColumns*printColumnW + (printColumns-1)*columnGap
	printColumns = 3
	printColumnW = 226.0
	columnGap    = 12.0
	connR        = 9.0         // connector radius
	connPad      = 2*connR + 6 // room above or below a column for connectors
	cutCost      = 40.0        // a cut edge is worth this much column height
	connSize     = 12.0        // the connector's letter
	connLetters  = "ABCDEFGHJKLMNPQRSTUVWXYZ"
)

// PrintLayout returns the geometry of the print drawing.
func (s *Set) PrintLayout(id, lang, dir string) (*Layout, error) {
	pw, ok := s.pathways[id]
	if !ok {
		return nil, fmt.Errorf("unknown pathway %q", id)
	}
	return s.columns(pw, lang, dir == "rtl")
}

// PrintSVG renders the print drawing (inline form: no <style>).
func (s *Set) PrintSVG(id, lang, dir string) ([]byte, error) {
	pw, ok := s.pathways[id]
	if !ok {
		return nil, fmt.Errorf("unknown pathway %q", id)
	}
	L, err := s.columns(pw, lang, dir == "rtl")
	if err != nil {
		return nil, err
	}
	return s.svgAs(pw, L, lang, dir, false, printKind)
}

func (s *Set) columns(pw *Pathway, lang string, rtl bool) (*Layout, error) {
	V, err := s.vertical(pw, lang, false, printColumnW)
	if err != nil {
		return nil, err
	}
	rows := len(V.rowTops) - 1
	k := min(printColumns, rows)
	// Breaks: row indices where a column starts (besides 0).
	cuts := func(y float64) int {
		n := 0
		for _, e := range V.Edges {
			for i := 0; i+1 < len(e.Points); i++ {
				a, b := e.Points[i], e.Points[i+1]
				if a.X == b.X && math.Min(a.Y, b.Y) < y && math.Max(a.Y, b.Y) >= y {
					n++
				}
			}
		}
		return n
	}
	cost := func(br []int) float64 {
		lo, worst, cut := 0.0, 0.0, 0
		for _, b := range br {
			y := V.rowTops[b]
			worst = math.Max(worst, y-lo)
			cut += cuts(y)
			lo = y
		}
		worst = math.Max(worst, V.H-lo)
		return worst + cutCost*float64(cut)
	}
	var best []int
	bestCost := math.Inf(1)
	var try func(from int, br []int)
	try = func(from int, br []int) {
		if len(br) == k-1 {
			if c := cost(br); c < bestCost {
				bestCost, best = c, append([]int(nil), br...)
			}
			return
		}
		for b := from; b < rows; b++ {
			try(b+1, append(br, b))
		}
	}
	try(1, nil)
	breaks := make([]float64, len(best))
	for i, b := range best {
		breaks[i] = V.rowTops[b]
	}
	colOf := func(y float64) int {
		c := 0
		for _, b := range breaks {
			if y >= b {
				c++
			}
		}
		return c
	}
	// Where edges are cut: per break, the x of each cut in edge order. Cuts
	// closer than a circle's width are stacked (depth), which sets how much
	// room the break needs under and over its columns.
	type cutKey struct{ edge, brk int }
	depth := map[cutKey]int{}
	pad := make([]float64, len(breaks))
	for bi, y := range breaks {
		type cut struct {
			edge int
			x    float64
		}
		var cs []cut
		for ei, e := range V.Edges {
			for i := 0; i+1 < len(e.Points); i++ {
				a, b := e.Points[i], e.Points[i+1]
				if a.X == b.X && a.Y < y && b.Y >= y {
					cs = append(cs, cut{ei, a.X})
				}
			}
		}
		sort.SliceStable(cs, func(i, j int) bool { return cs[i].x < cs[j].x })
		maxD := 0
		for i, c := range cs {
			d := 0
			if i > 0 && c.x-cs[i-1].x < 2*connR+2 {
				d = depth[cutKey{cs[i-1].edge, bi}] + 1
			}
			depth[cutKey{c.edge, bi}] = d
			maxD = max(maxD, d)
		}
		pad[bi] = 0
		if len(cs) > 0 {
			pad[bi] = float64(maxD+1)*(2*connR+2) + 4
		}
	}
	lo := func(c int) float64 {
		if c == 0 {
			return 0
		}
		return breaks[c-1]
	}
	top := func(c int) float64 {
		if c == 0 {
			return 0
		}
		return pad[c-1]
	}
	off := func(c int) float64 { return float64(c) * (printColumnW + columnGap) }
	mapPt := func(p Pt, c int) Pt { return Pt{p.X + off(c), p.Y - lo(c) + top(c)} }

	L := &Layout{W: float64(k)*printColumnW + float64(k-1)*columnGap}
	for c := 0; c < k; c++ {
		hi := V.H
		bottom := 0.0
		if c < k-1 {
			hi, bottom = breaks[c], pad[c]
		}
		L.H = math.Max(L.H, math.Ceil(hi-lo(c)+top(c)+bottom))
	}
	for _, n := range V.Nodes {
		c := colOf(n.Box.Y)
		p := mapPt(Pt{n.Box.X, n.Box.Y}, c)
		n.Box.X, n.Box.Y = p.X, p.Y
		L.Nodes = append(L.Nodes, n)
	}
	subpaths := make([][][]Pt, len(V.Edges))
	letters := []rune(connLetters)
	letter := 0
	for ei, e := range V.Edges {
		if e.LabelBox.W > 0 {
			c := colOf(e.LabelBox.Y)
			p := mapPt(Pt{e.LabelBox.X, e.LabelBox.Y}, c)
			e.LabelBox.X, e.LabelBox.Y = p.X, p.Y
		}
		c := colOf(e.Points[0].Y)
		cur := []Pt{mapPt(e.Points[0], c)}
		var all []Pt
		for i := 1; i < len(e.Points); i++ {
			a, b := e.Points[i-1], e.Points[i]
			for c < len(breaks) && a.X == b.X && b.Y >= breaks[c] {
				// The edge leaves column c here: end at a lettered circle
				// under the column and resume from the same letter over the
				// next one.
				l := string(letters[letter%len(letters)])
				letter++
				dy := float64(depth[cutKey{ei, c}]) * (2*connR + 2)
				end := mapPt(Pt{a.X, breaks[c]}, c)
				cur = append(cur, Pt{end.X, end.Y + 2 + dy})
				L.Connectors = append(L.Connectors, Connector{end.X, end.Y + 2 + dy + connR, l})
				subpaths[ei] = append(subpaths[ei], cur)
				all = append(all, cur...)
				c++
				start := mapPt(Pt{a.X, breaks[c-1]}, c)
				L.Connectors = append(L.Connectors, Connector{start.X, start.Y - 2 - dy - connR, l})
				cur = []Pt{{start.X, start.Y - 2 - dy}}
			}
			cur = append(cur, mapPt(b, c))
		}
		subpaths[ei] = append(subpaths[ei], cur)
		e.Points = append(all, cur...)
		L.Edges = append(L.Edges, e)
	}
	if rtl {
		mirror(L)
		for i := range L.Connectors {
			L.Connectors[i].X = L.W - L.Connectors[i].X
		}
		for _, sp := range subpaths {
			for _, path := range sp {
				for i := range path {
					path[i].X = L.W - path[i].X
				}
			}
		}
	}
	for _, pn := range L.Nodes {
		placeLines(pn.Lines, pn.Box, lineHeight, fontSize)
	}
	for ei, pe := range L.Edges {
		placeLines(pe.LabelLines, pe.LabelBox, labelLineH, labelSize)
		var d strings.Builder
		for _, path := range subpaths[ei] {
			d.WriteString(orthoPath(path))
		}
		pe.D = d.String()
	}
	return L, nil
}

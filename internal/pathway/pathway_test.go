package pathway

import (
	"bytes"
	"encoding/xml"
	"flag"
	"fmt"
	"github.com/cire-asbl/fabrique/internal/testsite"
	"html"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
)

var update = flag.Bool("update", false, "rewrite golden files in testdata/")

var langs = []string{"fr", "nl", "en"}

// fakeDurations stands in for rules.Set.FormatRule: fixed words per id.
var fakeDurations = map[string]string{
	"single-permit.max-validity":                     "1 an|1 jaar|1 year",
	"single-permit.renewal-notice":                   "2 mois|2 maanden|2 months",
	"single-permit.processing-time-legal":            "90 jours|90 dagen|90 days",
	"single-permit.processing-time-observed":         "180 jours|180 dagen|180 days",
	"single-permit.job-search":                       "3 mois|3 maanden|3 months",
	"single-permit.job-search-long":                  "6 mois|6 maanden|6 months",
	"single-permit.job-search-long-threshold":        "2 ans|2 jaar|2 years",
	"self-employed.card-validity-flanders":           "3 ans|3 jaar|3 years",
	"self-employed.card-validity-brussels":           "3 ans|3 jaar|3 years",
	"self-employed.card-validity-wallonia":           "5 ans|5 jaar|5 years",
	"self-employed.residence-shortest":               "1 an|1 jaar|1 year",
	"self-employed.residence-longest":                "2 ans|2 jaar|2 years",
	"international-protection.work-access":           "4 mois|4 maanden|4 months",
	"international-protection.work-access-eu-latest": "6 mois|6 maanden|6 months",
}

func fakeDuration(table map[string]string) DurationFunc {
	return func(id, lang string) (string, error) {
		v, ok := table[id]
		if !ok {
			return "", fmt.Errorf("no rule %q", id)
		}
		parts := strings.Split(v, "|")
		for i, l := range langs {
			if l == lang {
				return parts[i], nil
			}
		}
		return parts[len(parts)-1], nil
	}
}

func known(id string) bool { _, ok := fakeDurations[id]; return ok }

func loadReal(t testing.TB, table map[string]string) *Set {
	t.Helper()
	s, probs := Load(os.DirFS(filepath.Join(testsite.Dir(), "data")), "pathways", Options{Langs: langs, Known: known, Duration: fakeDuration(table), Words: testsite.Words(langs...).Prefixed("diagram")})
	for _, p := range probs.Sorted() {
		t.Errorf("%v", p)
	}
	return s
}

func TestRealDataLoads(t *testing.T) {
	s := loadReal(t, fakeDurations)
	want := []string{"asylum-work", "exploitation", "self-employed", "single-permit-first", "single-permit-renewal"}
	if got := strings.Join(s.IDs(), " "); got != strings.Join(want, " ") {
		t.Fatalf("IDs = %s, want %s", got, strings.Join(want, " "))
	}
	// Every pathway must show at least one exit into irregular stay: that
	// is the point of the diagrams.
	for _, id := range s.IDs() {
		pw, _ := s.Pathway(id)
		n := 0
		for _, node := range pw.Nodes {
			if node.Outcome.S == Irregular {
				n++
			}
		}
		if n == 0 {
			t.Errorf("%s: no irregular outcome", id)
		}
	}
	t.Logf("rule ids used: %s", strings.Join(s.RuleIDs(), ", "))
}

func overlap(a, b Box) bool {
	return a.X < b.X+b.W && b.X < a.X+a.W && a.Y < b.Y+b.H && b.Y < a.Y+a.H
}

// TestGeometry: for every pathway, language and direction, no two boxes
// (nodes and condition labels) overlap, every text line fits its box, and
// every edge starts on its source's bottom border and ends on its target's
// top border.
func TestGeometry(t *testing.T) {
	s := loadReal(t, fakeDurations)
	for _, id := range s.IDs() {
		for _, lang := range langs {
			for _, dir := range []string{"ltr", "rtl"} {
				L, err := s.Layout(id, lang, dir)
				if err != nil {
					t.Fatal(err)
				}
				name := id + "/" + lang + "/" + dir
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
				}
				for _, e := range L.Edges {
					if e.Label != "" {
						boxes = append(boxes, named{"label " + e.From + "→" + e.To, e.LabelBox})
						fits(t, name+" label "+e.From+"→"+e.To, e.LabelLines, e.LabelBox, nil)
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
				for _, e := range L.Edges {
					src, dst := byID[e.From], byID[e.To]
					p0, pn := e.Points[0], e.Points[len(e.Points)-1]
					if !onBorder(p0, src.Box, false) {
						t.Errorf("%s: edge %s→%s starts at %v, not on the bottom of %+v", name, e.From, e.To, p0, src.Box)
					}
					if !onBorder(pn, dst.Box, true) {
						t.Errorf("%s: edge %s→%s ends at %v, not on the top of %+v", name, e.From, e.To, pn, dst.Box)
					}
					// Vertical runs must not cross another node box.
					for k := 0; k+1 < len(e.Points); k++ {
						a, b := e.Points[k], e.Points[k+1]
						if a.X != b.X {
							continue
						}
						for _, n := range L.Nodes {
							if n.ID == e.From || n.ID == e.To {
								continue
							}
							if a.X > n.Box.X && a.X < n.Box.X+n.Box.W && math.Max(a.Y, b.Y) > n.Box.Y && math.Min(a.Y, b.Y) < n.Box.Y+n.Box.H {
								t.Errorf("%s: edge %s→%s runs through node %s", name, e.From, e.To, n.ID)
							}
						}
					}
				}
			}
		}
	}
}

func onBorder(p Pt, b Box, top bool) bool {
	y := b.Y + b.H
	if top {
		y = b.Y
	}
	return math.Abs(p.Y-y) < 0.01 && p.X >= b.X && p.X <= b.X+b.W
}

// fits checks each line's estimated extent against the box, inside the
// shape's padding (hexagon points, octagon corners).
func fits(t *testing.T, name string, lines []Line, b Box, n *PlacedNode) {
	t.Helper()
	inX, inY := 0.0, 0.0
	if n != nil {
		inX, inY = nodePad(n)
		inX -= 4 // the padding includes breathing room; the shape needs less
		inY -= 4
	}
	for _, l := range lines {
		w := textWidth(l.Text, l.Size, l.Bold)
		if l.X-w/2 < b.X+inX-0.5 || l.X+w/2 > b.X+b.W-inX+0.5 {
			t.Errorf("%s: line %q (width %.1f) does not fit horizontally in %+v", name, l.Text, w, b)
		}
		if l.Y-l.Size < b.Y+inY-0.5 || l.Y+l.Size*0.3 > b.Y+b.H-inY+0.5 {
			t.Errorf("%s: line %q at y=%v does not fit vertically in %+v", name, l.Text, l.Y, b)
		}
	}
}

// textOf returns the plain text of an HTML fragment (tags dropped,
// entities decoded) with spaces normalised.
func textOf(s string) string {
	var b strings.Builder
	in := false
	for _, r := range s {
		switch {
		case r == '<':
			in = true
			b.WriteRune(' ')
		case r == '>':
			in = false
		case !in:
			b.WriteRune(r)
		}
	}
	return strings.Join(strings.Fields(html.UnescapeString(b.String())), " ")
}

// TestTextEquivalent: every node label, edge label and outcome prefix of
// the graph is in the text version, and the text version lists every node.
func TestTextEquivalent(t *testing.T) {
	s := loadReal(t, fakeDurations)
	for _, id := range s.IDs() {
		for _, lang := range langs {
			fig, err := s.Figure(id, lang, "ltr", "/diagrams/"+id+"."+lang+".svg")
			if err != nil {
				t.Fatal(err)
			}
			i := strings.Index(fig, `<details class="diagram-text"`)
			if i < 0 {
				t.Fatalf("%s/%s: no text version", id, lang)
			}
			text := textOf(fig[i:])
			L, _ := s.Layout(id, lang, "ltr")
			for _, n := range L.Nodes {
				if !strings.Contains(text, strings.Join(strings.Fields(n.Text), " ")) {
					t.Errorf("%s/%s: node %s label %q missing from the text version", id, lang, n.ID, n.Text)
				}
				if n.Outcome != "" && !strings.Contains(text, s.word("prefix."+n.Outcome, lang)+" — "+strings.Join(strings.Fields(n.Text), " ")) {
					t.Errorf("%s/%s: outcome %s not marked %q in the text version", id, lang, n.ID, s.word("prefix."+n.Outcome, lang))
				}
			}
			for _, e := range L.Edges {
				if e.Label != "" && !strings.Contains(text, strings.Join(strings.Fields(e.Label), " ")) {
					t.Errorf("%s/%s: edge label %q missing from the text version", id, lang, e.Label)
				}
			}
			if got, want := strings.Count(fig[i:], "<li id="), len(L.Nodes); got != want {
				t.Errorf("%s/%s: text version has %d steps, graph %d nodes", id, lang, got, want)
			}
		}
	}
}

// TestDurationChangesDiagram: a different rule value shows up in the SVG
// and in the text version, in every language.
func TestDurationChangesDiagram(t *testing.T) {
	changed := map[string]string{}
	for k, v := range fakeDurations {
		changed[k] = v
	}
	changed["single-permit.renewal-notice"] = "17 semaines|17 weken|17 weeks"
	a := loadReal(t, fakeDurations)
	b := loadReal(t, changed)
	for i, lang := range langs {
		want := strings.Split(changed["single-permit.renewal-notice"], "|")[i]
		svgA, _ := a.SVG("single-permit-renewal", lang, "ltr", false)
		svgB, err := b.SVG("single-permit-renewal", lang, "ltr", false)
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Equal(svgA, svgB) {
			t.Errorf("%s: SVG unchanged after the rule changed", lang)
		}
		if !strings.Contains(textOf(string(svgB)), want) {
			t.Errorf("%s: SVG lacks %q", lang, want)
		}
		fig, _ := b.Figure("single-permit-renewal", lang, "ltr", "x.svg")
		if !strings.Contains(textOf(fig), want) {
			t.Errorf("%s: figure lacks %q", lang, want)
		}
	}
}

// TestSVGIsXMLAndCSPSafe: both forms parse as XML; the inline one carries
// no <style> and no style= attribute; both are labelled images.
func TestSVGIsXMLAndCSPSafe(t *testing.T) {
	s := loadReal(t, fakeDurations)
	for _, id := range s.IDs() {
		for _, lang := range langs {
			for _, dir := range []string{"ltr", "rtl"} {
				for _, standalone := range []bool{false, true} {
					svg, err := s.SVG(id, lang, dir, standalone)
					if err != nil {
						t.Fatal(err)
					}
					name := fmt.Sprintf("%s/%s/%s/standalone=%v", id, lang, dir, standalone)
					d := xml.NewDecoder(bytes.NewReader(svg))
					for {
						tok, err := d.Token()
						if err == io.EOF {
							break
						}
						if err != nil {
							t.Fatalf("%s: not XML: %v", name, err)
						}
						if se, ok := tok.(xml.StartElement); ok {
							if se.Name.Local == "style" {
								t.Errorf("%s: <style> in SVG (blocked by the site's CSP)", name)
							}
							for _, a := range se.Attr {
								if a.Name.Local == "style" {
									t.Errorf("%s: style= attribute", name)
								}
							}
						}
					}
					for _, want := range []string{`role="img"`, `aria-labelledby="pw-` + id + `-` + lang + `-title pw-` + id + `-` + lang + `-desc"`, "<title id=", "<desc id=", "viewBox="} {
						if !bytes.Contains(svg, []byte(want)) {
							t.Errorf("%s: missing %s", name, want)
						}
					}
				}
			}
			fig, err := s.Figure(id, lang, "ltr", "/d/"+id+".svg")
			if err != nil {
				t.Fatal(err)
			}
			if strings.Contains(fig, " style=") || strings.Contains(fig, "<style") || strings.Contains(fig, "<script") {
				t.Errorf("%s/%s: figure not CSP-safe", id, lang)
			}
			for _, want := range []string{`class="diagram-scroll" role="region" aria-label="`, `tabindex="0"`, `<details class="diagram-text">`, `href="/d/` + id + `.svg"`} {
				if !strings.Contains(fig, want) {
					t.Errorf("%s/%s: figure lacks %s", id, lang, want)
				}
			}
		}
	}
}

// TestRTLMirrors: the RTL layout is the LTR layout flipped horizontally.
func TestRTLMirrors(t *testing.T) {
	s := loadReal(t, fakeDurations)
	for _, id := range s.IDs() {
		l, _ := s.Layout(id, "fr", "ltr")
		r, _ := s.Layout(id, "fr", "rtl")
		for i := range l.Nodes {
			a, b := l.Nodes[i].Box, r.Nodes[i].Box
			if math.Abs((a.X+a.W/2)-(l.W-(b.X+b.W/2))) > 0.01 || a.Y != b.Y {
				t.Errorf("%s: node %s not mirrored: %+v vs %+v", id, l.Nodes[i].ID, a, b)
			}
		}
	}
}

func TestGolden(t *testing.T) {
	s := loadReal(t, fakeDurations)
	for _, id := range s.IDs() {
		for _, c := range []struct {
			lang, dir  string
			standalone bool
		}{{"fr", "ltr", false}, {"en", "ltr", true}, {"fr", "rtl", true}} {
			svg, err := s.SVG(id, c.lang, c.dir, c.standalone)
			if err != nil {
				t.Fatal(err)
			}
			kind := "inline"
			if c.standalone {
				kind = "standalone"
			}
			golden(t, filepath.Join("testdata", fmt.Sprintf("%s.%s.%s.%s.svg", id, c.lang, c.dir, kind)), svg)
		}
		fig, err := s.Figure(id, "fr", "ltr", "/fr/schemas/"+id+".svg")
		if err != nil {
			t.Fatal(err)
		}
		golden(t, filepath.Join("testdata", id+".fr.figure.html"), []byte(fig))
	}
}

func golden(t *testing.T, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the output; run go test ./internal/pathway -update and review the diff", path)
	}
}

// TestDeterministic: two renders are byte-identical.
func TestDeterministic(t *testing.T) {
	s := loadReal(t, fakeDurations)
	for _, id := range s.IDs() {
		a, _ := s.Figure(id, "nl", "ltr", "x")
		b, _ := s.Figure(id, "nl", "ltr", "x")
		if a != b {
			t.Errorf("%s: two renders differ", id)
		}
	}
}

const labelsYAML = `legend: {fr: L, nl: L, en: L}
text-version: {fr: T, nl: T, en: T}
open: {fr: O, nl: O, en: O}
region: {fr: R, nl: R, en: R}
then: {fr: t, nl: t, en: t}
step: {fr: s, nl: s, en: s}
end: {fr: e, nl: e, en: e}
kind.step: {fr: a, nl: a, en: a}
kind.decision: {fr: a, nl: a, en: a}
kind.legal-stay: {fr: a, nl: a, en: a}
kind.pending: {fr: a, nl: a, en: a}
kind.irregular: {fr: a, nl: a, en: a}
prefix.legal-stay: {fr: a, nl: a, en: a}
prefix.pending: {fr: a, nl: a, en: a}
prefix.irregular: {fr: a, nl: a, en: a}
irregular-exits: {fr: a, nl: a, en: a}
desc-suffix: {fr: a, nl: a, en: a}
`

// TestValidation: broken data gives located problems, all at once.
func TestValidation(t *testing.T) {
	okNodes := `title: {fr: T, nl: T, en: T}
summary: {fr: S, nl: S, en: S}
`
	cases := []struct {
		name, src string
		want      []string
	}{
		{"missing language", okNodes + `nodes:
  - id: a
    kind: step
    label:
      fr: Début
      en: Start
  - id: b
    kind: outcome
    outcome: irregular
    label: {fr: x, nl: x, en: x}
edges:
  - {from: a, to: b}
`, []string{`p/x.yaml:7:7: to translate: not translated into "nl" yet: the "fr" text is shown`}},
		{"unknown rule and copied number", okNodes + `nodes:
  - id: a
    kind: step
    label: {fr: "dans {rule:nope.x}", nl: "binnen 3 maanden", en: "in {rule:single-permit.renewal-notice}"}
  - id: b
    kind: outcome
    outcome: legal-stay
    label: {fr: x, nl: x, en: x}
edges:
  - {from: a, to: b}
`, []string{`p/x.yaml:6:13: node a label (fr): unknown rule parameter "nope.x"`, `p/x.yaml:6:13: node a label (nl): "3 maanden" looks like a copied duration`}},
		{"bad kinds, unknown node, dead end", okNodes + `nodes:
  - id: a
    kind: stap
    label: {fr: x, nl: x, en: x}
  - id: b
    kind: outcome
    outcome: illegal
    label: {fr: x, nl: x, en: x}
  - id: c
    kind: step
    label: {fr: x, nl: x, en: x}
edges:
  - {from: a, to: zz}
`, []string{`p/x.yaml:5:11: node a: unknown kind "stap"`, `p/x.yaml:9:14: node b: unknown outcome "illegal"`, `p/x.yaml:11:9: node "c" leads nowhere`, `p/x.yaml:15:19: edge 1 (a → zz): unknown node "zz"`}},
		{"cycle", okNodes + `nodes:
  - {id: a, kind: step, label: {fr: x, nl: x, en: x}}
  - {id: b, kind: decision, label: {fr: x, nl: x, en: x}}
  - {id: c, kind: outcome, outcome: pending, label: {fr: x, nl: x, en: x}}
edges:
  - {from: a, to: b}
  - {from: b, to: a}
  - {from: b, to: c}
`, []string{`p/x.yaml:9:12: edge b → a closes a cycle`}},
		{"yaml syntax", "title: [\n", []string{"p/x.yaml:1:"}},
		{"unknown field", okNodes + "colour: red\n", []string{`p/x.yaml:3:1: unknown key "colour"`}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			fsys := fstest.MapFS{"p/_labels.yaml": {Data: []byte(labelsYAML)}, "p/x.yaml": {Data: []byte(c.src)}}
			_, probs := Load(fsys, "p", Options{Langs: langs, Known: known, Duration: fakeDuration(fakeDurations)})
			var got []string
			for _, p := range probs.Sorted() {
				got = append(got, p.Error())
			}
			all := strings.Join(got, "\n")
			for _, w := range c.want {
				if !strings.Contains(all, w) {
					t.Errorf("want a problem containing %q; got:\n%s", w, all)
				}
			}
		})
	}
}

func BenchmarkLayoutSVG(b *testing.B) {
	s := loadReal(b, fakeDurations)
	ids := s.IDs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, id := range ids {
			if _, err := s.SVG(id, "fr", "ltr", false); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// TestFigureEscapes: words and labels are text wherever the figure shows
// them (caption, aria-label, legend, text version, link names).
func TestFigureEscapes(t *testing.T) {
	labels := strings.Replace(labelsYAML, "region: {fr: R, nl: R, en: R}", `region: {fr: "<R> & {title}", nl: R, en: R}`, 1)
	labels = strings.Replace(labels, "then: {fr: t, nl: t, en: t}", `then: {fr: "t & <u>", nl: t, en: t}`, 1)
	src := `title: {fr: "T <i>it</i> & \"q\"", nl: T, en: T}
summary: {fr: S, nl: S, en: S}
nodes:
  - {id: a, kind: step, label: {fr: "<b>A</b> & co", nl: x, en: x}}
  - {id: b, kind: outcome, outcome: irregular, label: {fr: "B \"q\" <br>", nl: x, en: x}}
edges:
  - {from: a, to: b}
`
	fsys := fstest.MapFS{"p/_labels.yaml": {Data: []byte(labels)}, "p/x.yaml": {Data: []byte(src)}}
	s, probs := Load(fsys, "p", Options{Langs: langs, Known: known, Duration: fakeDuration(fakeDurations)})
	if probs.Failed(false) {
		t.Fatal(probs.Sorted())
	}
	fig, err := s.Figure("x", "fr", "ltr", "/d/x.svg")
	if err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{"<b>", "<i>", "<u>", "<br>", "<R>", ` & `} {
		if strings.Contains(fig, bad) {
			t.Errorf("%q unescaped in the figure", bad)
		}
	}
	for _, want := range []string{
		`<figcaption class="diagram-title" dir="auto">T &lt;i&gt;it&lt;/i&gt; &amp; &#34;q&#34;</figcaption>`,
		`aria-label="&lt;R&gt; &amp; T &lt;i&gt;it&lt;/i&gt; &amp; &#34;q&#34;"`,
		`<bdi>&lt;b&gt;A&lt;/b&gt; &amp; co</bdi>`,
		`t &amp; &lt;u&gt; → a — <bdi>B &#34;q&#34; &lt;br&gt;</bdi> (<a href="#pw-x-fr-b" aria-label="s 2 — B &#34;q&#34; &lt;br&gt;">s 2</a>)`,
	} {
		if !strings.Contains(fig, want) {
			t.Errorf("figure lacks %s:\n%s", want, fig)
		}
	}
}

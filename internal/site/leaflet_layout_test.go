package site

import (
	"html/template"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cire-asbl/fabrique/internal/leaflet"
	"github.com/cire-asbl/fabrique/internal/render"
	"github.com/cire-asbl/fabrique/internal/testsite"
)

// renderLeaflet writes l with the default theme's layouts/leaflet.html.
func renderLeaflet(t *testing.T, l *leaflet.Leaflet) (string, error) {
	t.Helper()
	theme, ps := render.Load(os.DirFS(filepath.Join(testsite.ThemesDir(), "..")), "themes/default", []string{"en"}, "en")
	if ps.Failed(false) {
		t.Fatal(ps.Err())
	}
	h, err := theme.Layout(leafletLayout, &LayoutView{PageData: &PageData{}, Leaflet: l})
	return string(h), err
}

// The leaflet layout: recto and verso, a column for the client's own
// dates, no inline style.
func TestLeafletLayout(t *testing.T) {
	l := &leaflet.Leaflet{
		Lang: "en", ID: "x", Title: "T <1>", Summary: "S & s",
		Brief: []template.HTML{"<b>b</b>"}, Diagram: `<svg class="pw-diagram"></svg>`,
		Deadlines: []leaflet.Row{{Label: "Notice", Value: "2 months"}},
		Examples:  []leaflet.Example{{Title: "E", Inputs: []leaflet.Row{{Label: "in", Value: "1 June 2026"}}, Outputs: []leaflet.Row{{Label: "out", Value: "1 April 2026"}}}},
		Help:      []string{"CIRÉ"}, Sources: []template.HTML{`<cite>Src</cite>`},
		URL: "https://example.org/en/x/", QR: `<svg class="qr"></svg>`, PDF: "/leaflets/en/x.pdf",
		AsOf: "2025-12-01", AsOfText: "1 December 2025", Credit: "Credit", Advice: "Advice",
		Labels: leaflet.Labels{Deadlines: "Deadlines", NoDeadlines: "NONE", OwnCol: "Yours"},
	}
	{
		h, err := renderLeaflet(t, l)
		if err != nil {
			t.Fatal(err)
		}
		recto, verso, ok := strings.Cut(h, `leaflet-verso`)
		if !ok {
			t.Fatal("no verso")
		}
		// "In brief" is always on the front.
		if !strings.Contains(recto, "<b>b</b>") || strings.Contains(verso, "<b>b</b>") {
			t.Error("the brief is not on the recto")
		}
		// Next to each example value, an empty cell for the client's own date.
		if !strings.Contains(verso, `<th scope="col" class="leaflet-own">Yours</th>`) ||
			!strings.Contains(verso, `<td>1 April 2026</td><td class="leaflet-own"></td>`) {
			t.Error("no column to write the client's own dates")
		}
		for _, want := range []string{"T &lt;1&gt;", "S &amp; s", `<svg class="pw-diagram">`, "<th scope=\"row\">Notice</th><td>2 months</td>",
			"1 April 2026", `<a href="https://example.org/en/x/" dir="ltr">https://example.org/en/x/</a>`, `href="/leaflets/en/x.pdf" type="application/pdf"`,
			`<time datetime="2025-12-01">1 December 2025</time>`, "<cite>Src</cite>", "Credit", `<svg class="qr">`} {
			if !strings.Contains(h, want) {
				t.Errorf("missing %q", want)
			}
		}
		if strings.Contains(h, "style=") || strings.Contains(h, "NONE") {
			t.Error("style attribute, or the no-deadline text despite deadlines")
		}
	}
	l.Deadlines, l.Examples = nil, nil
	h, _ := renderLeaflet(t, l)
	if !strings.Contains(h, "NONE") || strings.Contains(h, "leaflet-example") {
		t.Error("a pathway without deadlines says so and shows no example")
	}
}

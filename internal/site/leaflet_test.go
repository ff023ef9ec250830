package site

import (
	"encoding/json"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/cire-asbl/fabrique/internal/diag"
	"github.com/cire-asbl/fabrique/internal/leaflet"
)

var (
	qrRe      = regexp.MustCompile(`<svg [^>]*class="qr"`)
	styleAttr = regexp.MustCompile(`\sstyle=`)
)

// The repository's own site: one leaflet per pathway and language, each
// with the pathway's deadlines, its page's URL, its PDF link, and listed on
// the language's leaflets page.
func TestLeafletsRepo(t *testing.T) {
	fsys := repoFS(t)
	res := Generate(fsys, Options{PDF: true}) // PDFs printed: pages link them
	if res.Failed(false) {
		t.Fatalf("build failed: %v", res.Problems.Sorted())
	}
	var man LeafletManifest
	if err := json.Unmarshal(res.Files[LeafletManifestPath], &man); err != nil {
		t.Fatalf("%s: %v", LeafletManifestPath, err)
	}
	d := loadData(fsys, res.Config, &diag.List{})
	langs := res.Config.Codes()
	if got, want := len(man.Leaflets), len(langs)*len(d.pathways.IDs()); got != want {
		t.Fatalf("%d leaflets, want %d (every pathway in every language)", got, want)
	}
	if man.BasePath != "/" {
		t.Errorf("basePath %q", man.BasePath)
	}
	seen := map[string]bool{}
	for _, e := range man.Leaflets {
		seen[e.Lang+"/"+e.Pathway] = true
		p, _ := d.pathways.Pathway(e.Pathway)
		var want []string
		for _, id := range leaflet.RuleRefs(p, e.Lang) {
			s, _, err := d.rules.FormatRule(id, e.Lang)
			if err != nil {
				t.Fatal(err)
			}
			want = append(want, s)
		}
		if want == nil {
			want = []string{}
		}
		if !reflect.DeepEqual(e.Deadlines, want) {
			t.Errorf("%s/%s deadlines %q, want %q", e.Lang, e.Pathway, e.Deadlines, want)
		}
		if e.PDF != "leaflets/"+e.Lang+"/"+e.Pathway+".pdf" {
			t.Errorf("PDF path %q", e.PDF)
		}
		// The QR code's URL is the pathway's online page, which the build wrote.
		page := strings.TrimPrefix(e.URL, "https://example.org/") + "index.html"
		if !strings.HasPrefix(e.URL, "https://example.org/"+e.Lang+"/") || res.Files[page] == nil {
			t.Errorf("%s/%s: URL %s is not a page of the site", e.Lang, e.Pathway, e.URL)
		}
		h := string(res.Files[e.HTML])
		if h == "" {
			t.Errorf("no %s", e.HTML)
			continue
		}
		for _, s := range append([]string{"/" + e.PDF, e.URL, "2025-12-01", "leaflet-verso"}, e.Deadlines...) {
			if !strings.Contains(h, s) {
				t.Errorf("%s lacks %q", e.HTML, s)
			}
		}
		if !qrRe.MatchString(h) {
			t.Errorf("%s: no QR code", e.HTML)
		}
		if styleAttr.MatchString(h) {
			t.Errorf("%s: style attribute (CSP)", e.HTML)
		}
		for _, bad := range []string{"<style", "<script>", "[leaflet_"} {
			if strings.Contains(h, bad) {
				t.Errorf("%s contains %q", e.HTML, bad)
			}
		}
		if e.Pathway == "exploitation" && !strings.Contains(h, "PAG-ASA") {
			t.Errorf("%s: no specialised centres", e.HTML)
		}
	}
	for _, l := range langs {
		idx := ""
		for name, f := range res.Files {
			if strings.HasPrefix(name, l+"/") && strings.Contains(string(f), "leaflet-list") {
				idx = string(f)
			}
		}
		if idx == "" {
			t.Errorf("%s: no leaflets index page", l)
			continue
		}
		for _, id := range d.pathways.IDs() {
			if !seen[l+"/"+id] {
				t.Errorf("no %s leaflet for %s", l, id)
			}
			if !strings.Contains(idx, "/leaflets/"+l+"/"+id+".pdf") {
				t.Errorf("%s index does not link the %s PDF", l, id)
			}
		}
	}
}

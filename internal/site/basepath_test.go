package site

import (
	"net/url"
	"path"
	"regexp"
	"strings"
	"testing"
)

// attrURL finds the URLs a browser follows or loads: href, src, action,
// srcset-free (the site has none), CSS url(…) and the sitemap's <loc>.
var attrURL = regexp.MustCompile(`(?:\b(?:href|src|action)="([^"]*)"|url\(\s*['"]?([^'")]+)['"]?\s*\)|<loc>([^<]+)</loc>|\bhref='([^']*)')`)

// TestBasePathLinksResolve builds the real site under a base URL with a
// path and checks every internal URL in every output file resolves to a
// file of the output, under that path. A property: no page, URL or value is
// named.
func TestBasePathLinksResolve(t *testing.T) {
	const base = "https://example.org/sub/"
	res := Generate(repoFS(t), Options{BaseURL: base})
	if res.Failed(false) {
		t.Fatalf("the real site does not build under %s:\n%v", base, res.Problems.Sorted())
	}
	checked := 0
	for _, name := range res.Files.Sorted() {
		ext := path.Ext(name)
		if ext != ".html" && ext != ".css" && ext != ".xml" && ext != ".svg" && name != "_headers" {
			continue
		}
		self, _ := url.Parse(base + name)
		for _, m := range attrURL.FindAllStringSubmatch(string(res.Files[name]), -1) {
			raw := m[1] + m[2] + m[3] + m[4]
			if raw == "" || strings.HasPrefix(raw, "#") || strings.HasPrefix(raw, "data:") {
				continue
			}
			u, err := self.Parse(strings.ReplaceAll(raw, "&amp;", "&"))
			if err != nil || u.Scheme != "https" && u.Scheme != "http" || u.Host != "example.org" {
				continue // another site, mailto:, tel:, or a meta content that is not a URL
			}
			if !strings.HasPrefix(u.Path, "/sub/") && u.Path != "/sub" {
				t.Errorf("%s: %q leaves the base path", name, raw)
				continue
			}
			p := strings.TrimPrefix(u.Path, "/sub/")
			if p == "" || strings.HasSuffix(p, "/") {
				p += "index.html"
			}
			if path.Ext(p) == ".pdf" {
				continue // printed after the build by cmd/build -pdf, from these pages
			}
			if _, ok := res.Files[p]; !ok {
				t.Errorf("%s: %q → %s: no such file in the output", name, raw, p)
			}
			checked++
		}
	}
	if checked < 100 {
		t.Errorf("only %d internal URLs checked: the extraction is broken", checked)
	}
	t.Logf("%d internal URLs checked", checked)
}

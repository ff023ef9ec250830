package qa

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestHeadersMatch(t *testing.T) {
	for _, tc := range []struct {
		pattern, path string
		want          bool
	}{
		{"/*", "/", true},
		{"/*", "/fr/page/", true},
		{"/fr/*", "/fr/page/", true},
		{"/fr/*", "/nl/page/", false},
		{"/exact", "/exact", true},
		{"/exact", "/exact/", false},
		{"/*.js", "/js/calculators.js", true},
		{"/*.js", "/js/calculators.css", false},
	} {
		if got := match(tc.pattern, tc.path); got != tc.want {
			t.Errorf("match(%q, %q) = %v, want %v", tc.pattern, tc.path, got, tc.want)
		}
	}
}

func TestParseHeaders(t *testing.T) {
	rules := parseHeaders([]byte("# comment\n/*\n  Content-Security-Policy: default-src 'self'\n  X-A: 1\n/js/*\n\tCache-Control: max-age=60\n"))
	if len(rules) != 2 {
		t.Fatalf("rules = %+v, want 2", rules)
	}
	h := headersFor(rules, "/js/x.js")
	if h.Get("Content-Security-Policy") != "default-src 'self'" || h.Get("Cache-Control") != "max-age=60" || h.Get("X-A") != "1" {
		t.Errorf("headersFor = %v", h)
	}
	if h := headersFor(rules, "/"); h.Get("Cache-Control") != "" {
		t.Errorf("/ got Cache-Control %q", h.Get("Cache-Control"))
	}
}

func TestCSPMismatch(t *testing.T) {
	const meta = "default-src 'self'; img-src 'self' data:"
	for _, tc := range []struct {
		header, want string // want: substring of the mismatch, "" = none
	}{
		{"default-src 'self'; img-src 'self' data:", ""},
		{"default-src  'self' ;img-src 'self' data:; frame-ancestors 'none'", ""}, // meta cannot carry frame-ancestors
		{"default-src 'self'", "img-src is in the meta tag"},
		{"default-src 'self'; img-src 'self'", "img-src: meta tag says"},
		{"default-src 'self'; img-src 'self' data:; script-src 'self'", "script-src is in _headers"},
	} {
		got := cspMismatch(meta, tc.header)
		if (tc.want == "") != (got == "") || !strings.Contains(got, tc.want) {
			t.Errorf("cspMismatch(%q) = %q, want ~%q", tc.header, got, tc.want)
		}
	}
}

func TestSitemapPaths(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "sitemap.xml"), []byte(`<?xml version="1.0"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<url><loc>https://h.example/base/</loc></url>
<url><loc>https://h.example/base/fr/a/</loc></url>
<url><loc>https://h.example/base/fr/a/</loc></url>
</urlset>`), 0o644)
	for _, tc := range []struct {
		base string
		want string
	}{
		{"/base/", "/ /fr/a/"},
		{"", "/base/ /base/fr/a/"},
	} {
		got, err := sitemapPaths(dir, tc.base)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Join(got, " ") != tc.want {
			t.Errorf("base %q: %v, want %s", tc.base, got, tc.want)
		}
	}
	os.WriteFile(filepath.Join(dir, "sitemap.xml"), []byte(`<urlset></urlset>`), 0o644)
	if _, err := sitemapPaths(dir, ""); err == nil {
		t.Error("empty sitemap: no error")
	}
}

func TestIsHome(t *testing.T) {
	for p, want := range map[string]bool{
		"/": true, "/fr/": true, "/nl/": true, "/en/index.html": true,
		"/fr/permis-unique/": false, "/glossaire/": false, "/404.html": false,
	} {
		if got := isHome(p); got != want {
			t.Errorf("isHome(%q) = %v, want %v", p, got, want)
		}
	}
}

func TestInlineSVGExcluded(t *testing.T) {
	html := `<p>a</p><svg role="img"><title>x</title><g><path d="M0 0"/></g></svg><p>b</p><SVG>y</SVG>`
	if got := string(inlineSVG.ReplaceAllString(html, "")); got != "<p>a</p><p>b</p>" {
		t.Errorf("stripped = %q", got)
	}
}

func TestVnuLine(t *testing.T) {
	m := gnuLine.FindStringSubmatch(`"file:/tmp/x/fr/index.html":18.65-18.68: error: No “p” element in scope but a “p” end tag seen.`)
	if m == nil || m[1] != "/tmp/x/fr/index.html" || m[2] != "18" || m[3] != "65" || m[4] != "error" {
		t.Fatalf("match = %q", m)
	}
	if got := pagePathOf("/tmp/x", m[1]); got != "/fr/" {
		t.Errorf("pagePathOf = %q", got)
	}
}

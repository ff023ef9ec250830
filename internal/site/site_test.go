package site

import (
	"io/fs"
	"os"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/cire-asbl/fabrique/internal/output"
	"golang.org/x/tools/txtar"
)

// loadDir reads the files under root/top (each top a folder or a file) into
// an in-memory tree, keyed by their path relative to root.
func loadDir(t testing.TB, root string, tops ...string) fstest.MapFS {
	t.Helper()
	m := fstest.MapFS{}
	fsys := os.DirFS(root)
	for _, top := range tops {
		if _, err := fs.Stat(fsys, top); err != nil {
			continue // optional parts (a site without data/) are fine
		}
		err := fs.WalkDir(fsys, top, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			b, err := fs.ReadFile(fsys, p)
			m[p] = &fstest.MapFile{Data: b}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return m
}

// fixture builds an in-memory site: the real theme from disk plus the files
// of a txtar archive (site.toml, content/…).
func fixture(t testing.TB, archive string) fstest.MapFS {
	t.Helper()
	m := loadDir(t, "../..", "themes")
	for _, f := range txtar.Parse([]byte(archive)).Files {
		m[f.Name] = &fstest.MapFile{Data: f.Data}
	}
	return m
}

const siteTOML = `-- site.toml --
title = "Test"
baseURL = "https://example.org/"
defaultLanguage = "fr"
asOf = "2025-12-01"
[[languages]]
code = "fr"
name = "Français"
[[languages]]
code = "nl"
name = "Nederlands"
[[languages]]
code = "en"
name = "English"
`

// base is a small valid site: a home page in three languages, an "about"
// page in French and English only.
var base = siteTOML + `-- content/fr/index.md --
---
title: Accueil
description: Le site.
key: home
---
Bienvenue : voir [à propos](ref:about#qui). L'aide « vite » !

<script>alert(1)</script>

Un mot <sup>1</sup> et <b>gras</b>.
-- content/nl/index.md --
---
title: Home
description: De site.
key: home
status: not-reviewed
translatedFrom: HASH_HOME
---
Welkom : zie [over](ref:home).
-- content/en/index.md --
---
title: Home
description: The site.
key: home
translatedFrom: OLDHASH
---
Welcome : see [about](ref:about).
-- content/fr/a-propos.md --
---
title: À propos
description: Qui sommes-nous.
key: about
slug: a-propos
---
## Qui

Texte.
-- content/en/about.md --
---
title: About
description: Who we are.
key: about
translatedFrom: HASH_ABOUT
---
## Who

Text.
`

// withHashes fills in the translatedFrom placeholders with the real source
// hashes, so the fixture's translations are current unless a test says not.
func withHashes(t testing.TB, m fstest.MapFS) fstest.MapFS {
	res := Generate(m, Options{})
	for _, e := range res.Translations {
		if e.Source == nil {
			continue
		}
		ph := "HASH_" + strings.ToUpper(e.Key)
		for name, f := range m {
			m[name] = &fstest.MapFile{Data: []byte(strings.ReplaceAll(string(f.Data), ph, e.Source.SourceHash()))}
		}
	}
	return m
}

func build(t *testing.T, archive string) *Result {
	t.Helper()
	return Generate(withHashes(t, fixture(t, archive)), Options{})
}

func file(t *testing.T, res *Result, name string) string {
	t.Helper()
	b, ok := res.Files[name]
	if !ok {
		t.Fatalf("no %s in output; have %v", name, res.Files.Sorted())
	}
	return string(b)
}

func TestSiteOutput(t *testing.T) {
	res := build(t, base)
	if res.Failed(false) {
		t.Fatalf("build failed:\n%v", res.Problems.Err())
	}
	frHome := file(t, res, "fr/index.html")
	enAbout := file(t, res, "en/about/index.html")
	nlHome := file(t, res, "nl/index.html")
	enHome := file(t, res, "en/index.html")
	tests := []struct {
		name, in string
		want     []string
		notWant  []string
	}{
		{"html lang and dir", frHome, []string{`<html lang="fr" dir="ltr">`}, nil},
		{"hreflang alternates", frHome, []string{
			`<link rel="alternate" hreflang="fr" href="https://example.org/fr/">`,
			`<link rel="alternate" hreflang="nl" href="https://example.org/nl/">`,
			`<link rel="alternate" hreflang="en" href="https://example.org/en/">`,
			`<link rel="alternate" hreflang="x-default" href="https://example.org/fr/">`,
			`<link rel="canonical" href="https://example.org/fr/">`}, nil},
		{"switcher current language", frHome, []string{`hreflang="fr" aria-current="true">Français</a>`}, nil},
		{"localised slug and ref link with fragment", frHome, []string{`href="/fr/a-propos/#qui"`}, nil},
		{"missing translation marked and linked to that language's home", enAbout,
			[]string{`<a href="/nl/" lang="nl" hreflang="nl" class="unavailable">Nederlands <span class="note">(nog niet vertaald)</span></a>`},
			[]string{`hreflang="nl" href="https://example.org/nl/about/"`}},
		{"not reviewed notice", nlHome, []string{`Deze vertaling is nog niet nagelezen.`, `<a href="/fr/" hreflang="fr">Lees de Franse versie</a>`}, []string{`lang="fr" hreflang="fr">Lees`}},
		{"site name marked with its language elsewhere", nlHome, []string{`<a class="site-title" href="/nl/"><span lang="fr">`}, nil},
		{"site name unmarked in its own language", frHome, []string{`<a class="site-title" href="/fr/">`}, nil},
		{"out of date notice", enHome, []string{`This translation may be out of date.`, `Read the French version`}, nil},
		{"current translation has no notice", enAbout, nil, []string{`class="notice"`}},
		{"french spacing", frHome, []string{"Bienvenue\u202f:", "L’aide", "«\u202fvite\u202f»\u202f!"}, nil},
		{"english keeps spacing", enHome, []string{"Welcome : see"}, nil},
		{"raw html escaped but allowlist kept", frHome, []string{"&lt;script&gt;alert(1)&lt;/script&gt;", "<sup>1</sup>", "&lt;b&gt;gras&lt;/b&gt;"}, []string{"<script>alert", "<b>"}},
		{"skip link and main", frHome, []string{`<a class="skip-link" href="#main">`, `<main id="main"`}, nil},
		{"csp without unsafe-inline", frHome, []string{`http-equiv="Content-Security-Policy"`}, []string{"unsafe-inline"}},
		{"information as of", frHome, []string{`<time datetime="2025-12-01">1er décembre 2025</time>`}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, w := range tt.want {
				if !strings.Contains(tt.in, w) {
					t.Errorf("missing %q", w)
				}
			}
			for _, w := range tt.notWant {
				if strings.Contains(tt.in, w) {
					t.Errorf("unexpected %q", w)
				}
			}
		})
	}
	if n := strings.Count(frHome, "<h1"); n != 1 {
		t.Errorf("%d h1 elements, want 1", n)
	}
	// The out-of-date English home and the missing Dutch "about" are warnings.
	var warns []string
	for _, p := range res.Problems.Sorted() {
		warns = append(warns, p.Error())
	}
	all := strings.Join(warns, "\n")
	for _, w := range []string{"content/en/index.md:5:1: warning: translation may be out of date", `note: page "about" (content/fr/a-propos.md) has no nl version`} {
		if !strings.Contains(all, w) {
			t.Errorf("missing warning %q in\n%s", w, all)
		}
	}
	if !res.Failed(true) {
		t.Error("warnings must fail a strict build")
	}
}

func TestSitemap(t *testing.T) {
	res := build(t, base)
	sm := file(t, res, "sitemap.xml")
	for _, w := range []string{
		`<url><loc>https://example.org/en/about/</loc><xhtml:link rel="alternate" hreflang="fr" href="https://example.org/fr/a-propos/"/><xhtml:link rel="alternate" hreflang="en" href="https://example.org/en/about/"/><xhtml:link rel="alternate" hreflang="x-default" href="https://example.org/fr/a-propos/"/></url>`,
		`xmlns:xhtml="http://www.w3.org/1999/xhtml"`,
	} {
		if !strings.Contains(sm, w) {
			t.Errorf("sitemap lacks %q:\n%s", w, sm)
		}
	}
	if n := strings.Count(sm, "<url>"); n != 5 {
		t.Errorf("%d urls, want 5", n)
	}
	for _, name := range []string{"index.html", "404.html", "robots.txt", "_headers"} {
		file(t, res, name)
	}
	if !strings.Contains(file(t, res, "index.html"), `<li lang="nl" dir="ltr"><a href="/nl/" hreflang="nl">`) {
		t.Error("the root chooser must link every language, named in itself")
	}
}

func TestErrorsAreCollectedWithPositions(t *testing.T) {
	broken := base + `-- content/fr/bad.md --
---
title: Mauvais
key: bad
colour: red
---
-- content/fr/links.md --
---
title: Liens
key: links
---
Voir [rien](ref:nothing) et [ancre](ref:about#absent)
et [page](/fr/nulle-part/).
-- content/fr/dup.md --
---
title: Doublon
key: dup
slug: a-propos
---
`
	res := build(t, broken)
	var got []string
	for _, p := range res.Problems.Sorted() {
		got = append(got, p.Error())
	}
	all := strings.Join(got, "\n")
	for _, w := range []string{
		`content/fr/bad.md:4:1: unknown key "colour"`,
		`content/fr/links.md:5:6: link ref:nothing: no page has key "nothing"`,
		`content/fr/links.md:5:29: link to /fr/a-propos/#absent: the page has no element with id "absent"`,
		`content/fr/links.md:6:4: link to /fr/nulle-part/: no page has this URL`,
		`output URL /fr/a-propos/ is also produced by`,
	} {
		if !strings.Contains(all, w) {
			t.Errorf("missing %q in\n%s", w, all)
		}
	}
	if len(res.Files) != 0 && res.Failed(false) {
		// Nothing is rendered once an error is known.
		for _, n := range res.Files.Sorted() {
			if strings.HasSuffix(n, ".html") {
				t.Fatalf("failed build produced %s", n)
			}
		}
	}
}

func TestDeterministic(t *testing.T) {
	m := withHashes(t, fixture(t, base))
	a := Generate(m, Options{})
	b := Generate(m, Options{})
	if !output.Equal(a.Files, b.Files) {
		t.Fatal("two builds of the same tree differ")
	}
}

func TestBasePathPrefixesEveryURL(t *testing.T) {
	res := Generate(withHashes(t, fixture(t, base)), Options{BaseURL: "https://example.org/sub/"})
	home := file(t, res, "fr/index.html")
	for _, w := range []string{`href="/sub/fr/a-propos/#qui"`, `<link rel="canonical" href="https://example.org/sub/fr/">`} {
		if !strings.Contains(home, w) {
			t.Errorf("missing %q", w)
		}
	}
	if regexp.MustCompile(`href="/(fr|nl|en|css)/`).MatchString(home) {
		t.Error("a URL ignores the base path")
	}
}

// A right-to-left language needs only configuration, strings and pages.
func TestRightToLeftLanguage(t *testing.T) {
	m := fixture(t, `-- site.toml --
title = "Test"
baseURL = "https://example.org/"
defaultLanguage = "fr"
asOf = "2025-12-01"
[[languages]]
code = "fr"
name = "Français"
[[languages]]
code = "ar"
name = "العربية"
dir = "rtl"
-- content/fr/index.md --
---
title: Accueil
key: home
---
Bonjour.
-- content/ar/index.md --
---
title: الرئيسية
key: home
status: not-reviewed
translatedFrom: HASH_HOME
---
مرحبا.
`)
	// Interface strings: the test copies the English ones; a real language
	// translates them.
	m["themes/default/i18n/ar.toml"] = m["themes/default/i18n/en.toml"]
	res := Generate(withHashes(t, m), Options{})
	if res.Failed(false) {
		t.Fatalf("build failed: %v", res.Problems.Err())
	}
	ar := file(t, res, "ar/index.html")
	for _, w := range []string{`<html lang="ar" dir="rtl">`, `<a href="/ar/" lang="ar" hreflang="ar" aria-current="true">العربية</a>`} {
		if !strings.Contains(ar, w) {
			t.Errorf("missing %q", w)
		}
	}
	if !strings.Contains(file(t, res, "index.html"), `<li lang="ar" dir="rtl">`) {
		t.Error("the chooser must mark the Arabic choice right-to-left")
	}
	if !strings.Contains(file(t, res, "fr/index.html"), `hreflang="ar" href="https://example.org/ar/"`) {
		t.Error("the French page must list its Arabic alternate")
	}
}

func TestHeadersCacheOnlyFingerprintedAssets(t *testing.T) {
	h := file(t, build(t, base), "_headers")
	if !strings.Contains(h, "Content-Security-Policy: default-src 'self'") {
		t.Error("no CSP header")
	}
	if !regexp.MustCompile(`(?m)^/css/site\.[0-9a-f]{8}\.css\n  Cache-Control: public, max-age=31536000, immutable$`).MatchString(h) {
		t.Errorf("the fingerprinted stylesheet is not cached for a year:\n%s", h)
	}
	if strings.Contains(h, "/js/*") || strings.Contains(h, "/js/calculators.js") {
		t.Errorf("an unversioned asset is cached for a year:\n%s", h)
	}
	// The search index: manifest and chunks are fingerprinted, fragments
	// are named by page number and must be asked for again.
	for _, re := range []string{
		`(?m)^/search/fr/index\.[0-9a-f]{10}\.json\n  Cache-Control: public, max-age=31536000, immutable$`,
		`(?m)^/search/fr/c/\*\n  Cache-Control: public, max-age=31536000, immutable$`,
		`(?m)^/search/fr/p/\*\n  Cache-Control: no-cache$`,
	} {
		if !regexp.MustCompile(re).MatchString(h) {
			t.Errorf("_headers has no %s:\n%s", re, h)
		}
	}
}

// A page whose layout writes everything (a search page, a glossary) needs
// no body of its own: with none, it must still be written, not dropped in
// silence.
func TestLayoutPageWithEmptyBodyIsWritten(t *testing.T) {
	res := build(t, rolesSite)
	if res.Failed(false) {
		t.Fatalf("build failed:\n%v", res.Problems.Err())
	}
	if h := file(t, res, "fr/recherche/index.html"); !strings.Contains(h, "data-search-results") {
		t.Errorf("the search page has no results list:\n%s", h)
	}
	if h := file(t, res, "fr/lexique/index.html"); !strings.Contains(h, `id="permit"`) {
		t.Errorf("the glossary page has no entry:\n%s", h)
	}
}

package site

import (
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

// A theme adds a layout with a file and nothing else: a page naming it gets
// what the file writes, after its Markdown, and the ids it writes are link
// targets. No Go knows the name "faq".
func TestNewLayoutNeedsNoGo(t *testing.T) {
	m := fixture(t, base+`-- content/fr/faq.md --
---
title: Questions
description: Les questions.
layout: faq
---
Voir [la première](#q-1).
`)
	m["themes/default/layouts/faq.html"] = &fstest.MapFile{Data: []byte(`{{- /* a layout a theme adds */ -}}
<ol class="faq">{{range $i, $l := .Menu}}<li id="q-{{$i}}">{{$l.Title}}</li>{{end}}<li id="q-1">{{$.T "in_brief"}}</li></ol>
`)}
	res := Generate(m, Options{})
	if res.Failed(false) {
		t.Fatalf("build failed:\n%v", res.Problems.Err())
	}
	page := file(t, res, "fr/faq/index.html")
	for _, want := range []string{`<body class="layout-faq">`, `<ol class="faq">`, `<li id="q-1">En bref</li></ol>`} {
		if !strings.Contains(page, want) {
			t.Errorf("the faq page lacks %s", want)
		}
	}
	if i, j := strings.Index(page, "la première"), strings.Index(page, `<ol class="faq">`); i < 0 || j < i {
		t.Error("the layout's part must come after the page's Markdown")
	}
}

// A layout the theme does not have is an error at the page's "layout:"
// line, with the theme's layouts and a suggestion.
func TestUnknownLayout(t *testing.T) {
	res := Generate(fixture(t, base+`-- content/fr/g.md --
---
title: G
description: G.
layout: glosary
---
Texte.
`), Options{})
	err := ""
	if res.Problems.Err() != nil {
		err = res.Problems.Err().Error()
	}
	for _, want := range []string{`content/fr/g.md:4:1: layout "glosary": the theme has no themes/default/layouts/glosary.html (did you mean "glossary"?)`, "sources", "open-data"} {
		if !strings.Contains(err, want) {
			t.Errorf("want %q in:\n%s", want, err)
		}
	}
	if strings.Contains(err, "page.html") {
		t.Errorf("one problem, not a second one from the page layout:\n%s", err)
	}
}

// A layout that fails to execute is one error at the layout's line, not
// one per page.
func TestBrokenLayout(t *testing.T) {
	m := fixture(t, base+`-- content/fr/faq.md --
---
title: Questions
description: Les questions.
layout: faq
---
Texte.
`)
	m["themes/default/layouts/faq.html"] = &fstest.MapFile{Data: []byte("<p>\n{{.Nope}}</p>\n")}
	res := Generate(m, Options{})
	if res.Problems.Err() == nil || !strings.Contains(res.Problems.Err().Error(), "themes/default/layouts/faq.html:2:") {
		t.Fatalf("want an error at faq.html:2, got %v", res.Problems.Err())
	}
}

// The sources layout on the tests' own site: every source under its type's
// heading with id = key, "cited on" back-links sorted by title and listed
// once, identifiers left to right in a right-to-left page and nowhere else.
func TestSourcesLayout(t *testing.T) {
	m := repoFS(t)
	m["site.toml"] = &fstest.MapFile{Data: append(append([]byte(nil), m["site.toml"].Data...), "\n[[languages]]\ncode = \"ar\"\nname = \"العربية\"\ndir = \"rtl\"\n"...)}
	m["content/ar/sources.md"] = &fstest.MapFile{Data: []byte("---\ntitle: المصادر\ndescription: المصادر.\nkey: sources\nlayout: sources\nslug: sources\nstatus: not-reviewed\n---\n")}
	res := Generate(m, Options{})
	if res.Failed(false) {
		t.Fatalf("build failed:\n%v", res.Problems.Err())
	}
	fr := file(t, res, "fr/sources/index.html")
	for _, want := range []string{`<h2 id="sources-eu-directive">`, `<li id="dir-2011-98" class="source">`, `<li id="loi-1980" class="source">`, "<dt>Cité dans</dt>", `<dt>CELEX</dt><dd>32011L0098</dd>`, `<script type="application/ld+json">`} {
		if !strings.Contains(fr, want) {
			t.Errorf("French sources page lacks %s", want)
		}
	}
	several := false
	for _, item := range strings.Split(fr, `class="source">`)[1:] {
		_, links, ok := strings.Cut(item, `<ul class="cited-on">`)
		if !ok {
			continue
		}
		links, _, _ = strings.Cut(links, "</ul>")
		var titles []string
		for _, part := range strings.Split(links, "<li><a href=")[1:] {
			_, rest, _ := strings.Cut(part, ">")
			title, _, _ := strings.Cut(rest, "<")
			titles = append(titles, title)
		}
		several = several || len(titles) > 1
		if !slices.IsSorted(titles) || len(slices.Compact(slices.Clone(titles))) != len(titles) {
			t.Errorf("back-links not sorted or repeated: %q", titles)
		}
	}
	if !several {
		t.Error("no source cited on two pages: the order of back-links is not tested")
	}
	ar := file(t, res, "ar/sources/index.html")
	if !strings.Contains(ar, `<dt>CELEX</dt><dd dir="ltr">32011L0098</dd>`) {
		t.Error("Arabic sources page: CELEX not written left to right")
	}
	if strings.Contains(fr, `<dd dir=`) {
		t.Error("French sources page: no dir attribute expected")
	}
}

// rolesSite is guideSite with a search page and a glossary (one term, used
// by the home page): every role of theme.toml is played on it. Both pages
// have no body: their layouts write everything.
var rolesSite = guideSite + `-- content/fr/recherche.md --
---
title: Rechercher
description: Chercher dans le site.
key: search
layout: search
---
-- content/fr/lexique.md --
---
title: Lexique
description: Les mots.
key: glossary
layout: glossary
---
-- data/glossary.yaml --
- id: permit
  fr: {term: permis, definition: Un document.}
  nl: {term: vergunning, definition: Een document.}
  en: {term: permit, definition: A document.}
-- content/fr/permis.md --
---
title: Le permis
description: Un {term:permit}.
key: permit
---
Le {term:permit} compte.
`

// Renaming the theme's search, glossary and guide layouts (files, theme.toml
// and the pages' front matter) changes nothing but the body's layout-{name}
// class: which page is the search form, where term links point and where
// the questionnaire starts are the theme's business, not Go's.
func TestRenamedLayoutsNeedNoGo(t *testing.T) {
	before := Generate(withHashes(t, fixture(t, rolesSite)), Options{})
	if before.Failed(false) {
		t.Fatalf("build failed:\n%v", before.Problems.Err())
	}
	renames := map[string]string{"search": "trouver", "glossary": "mots", "guide": "questionnaire"}
	site := rolesSite
	for old, new := range renames {
		site = strings.ReplaceAll(site, "layout: "+old+"\n", "layout: "+new+"\n")
	}
	m := withHashes(t, fixture(t, site))
	toml := string(m["themes/default/theme.toml"].Data)
	for old, new := range renames {
		f := "themes/default/layouts/" + old + ".html"
		m["themes/default/layouts/"+new+".html"] = m[f]
		delete(m, f)
		toml = strings.Replace(toml, `"`+old+`"`, `"`+new+`"`, 1)
	}
	m["themes/default/theme.toml"] = &fstest.MapFile{Data: []byte(toml)}
	after := Generate(m, Options{})
	if after.Failed(false) {
		t.Fatalf("build with renamed layouts failed:\n%v", after.Problems.Err())
	}
	// The roles are played before the rename: the search page loads the
	// search script, term links point at the glossary, the home page links
	// the questionnaire.
	for p, want := range map[string]string{"fr/recherche/index.html": "/js/search.", "fr/permis/index.html": `href="/fr/lexique/#permit"`, "fr/index.html": `href="/fr/situation/"`} {
		if !strings.Contains(file(t, before, p), want) {
			t.Fatalf("the fixture's %s lacks %s", p, want)
		}
	}
	if len(after.Files) != len(before.Files) {
		t.Errorf("%d files, %d before the rename", len(after.Files), len(before.Files))
	}
	back := strings.NewReplacer(`class="layout-trouver`, `class="layout-search`, `class="layout-mots`, `class="layout-glossary`, `class="layout-questionnaire`, `class="layout-guide`)
	for name, want := range before.Files {
		if name == "sw.js" { // its version hashes every file
			continue
		}
		if got := back.Replace(string(after.Files[name])); got != string(want) {
			i := 0
			for i < len(got) && i < len(want) && got[i] == want[i] {
				i++
			}
			t.Errorf("%s differs at byte %d: %.80q, before %.80q", name, i, got[i:], want[i:])
		}
	}
}

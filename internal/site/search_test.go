package site

import (
	"encoding/json"
	"regexp"
	"slices"
	"strings"
	"testing"
)

var searchSite = base + `-- content/fr/recherche.md --
---
title: Rechercher
description: Chercher.
key: search
slug: recherche
layout: search
---
Tapez des mots.
-- content/fr/permis.md --
---
title: Le permis expiré
description: Que faire quand le permis expire.
key: permit
brief: ["Votre **employeur** doit agir."]
---
Intro.

## Perdre son emploi {#emploi}

Texte sur la perte d'emploi[^1].

[^1]: Une note.
-- data/search/fr.yaml --
synonyms:
  - [emploi, boulot]
stopwords: [le, la]
`

func TestSearchPage(t *testing.T) {
	res := build(t, searchSite)
	if res.Failed(false) {
		t.Fatal(res.Problems.Sorted())
	}
	page := file(t, res, "fr/recherche/index.html")
	// Without JavaScript: every page of the language, A–Z, with its
	// description; not the search page itself.
	az := page[strings.Index(page, `id="a-z"`):]
	iAbout, iHome, iPermit := strings.Index(az, "À propos"), strings.Index(az, "Accueil"), strings.Index(az, "Le permis expiré")
	if iAbout < 0 || iHome < 0 || iPermit < 0 || !(iAbout < iHome && iHome < iPermit) {
		t.Errorf("A–Z list missing a page or out of order (%d %d %d):\n%s", iAbout, iHome, iPermit, az)
	}
	if !strings.Contains(az, "Que faire quand le permis expire.") || strings.Contains(az, ">Rechercher<") {
		t.Errorf("A–Z list: descriptions, and not the search page itself:\n%s", az)
	}
	for _, want := range []string{`role="search"`, `name="q"`, `data-search-results`, `aria-live="polite"`, `aria-busy="false"`, `data-search="/search/fr/index.`, `<script type="module" src="/js/search.`} {
		if !strings.Contains(page, want) {
			t.Errorf("search page lacks %s", want)
		}
	}
	if strings.Contains(page, `id="site-search-q"`) {
		t.Error("the search page repeats the header's search form")
	}
	// Every other page's header has the form, pointing at its language's
	// search page; a language without one has no form.
	home := file(t, res, "fr/index.html")
	if !strings.Contains(home, `<form class="site-search" role="search" action="/fr/recherche/" method="get">`) || !strings.Contains(home, `<label for="site-search-q">`) {
		t.Errorf("fr home: no header search form")
	}
	if strings.Contains(file(t, res, "en/index.html"), `role="search"`) {
		t.Errorf("en has no search page: no form")
	}
	// The index: a manifest, chunks, one fragment file per page on a site
	// this small; the fragment has sections cut at headings and no note
	// numbers or drawing text.
	var manifest string
	var file []map[string]any
	for name, b := range res.Files {
		if strings.HasPrefix(name, "search/fr/index.") {
			manifest = name
		}
		if strings.HasPrefix(name, "search/fr/p/") && strings.Contains(string(b), "Le permis expir") {
			json.Unmarshal(b, &file)
		}
	}
	if len(file) != 1 {
		t.Fatalf("the fragment file of the page has %d pages, want 1", len(file))
	}
	frag := file[0]
	if manifest == "" || !strings.Contains(page, `data-search="/`+manifest+`"`) {
		t.Fatalf("manifest %q not linked from the search page", manifest)
	}
	secs, _ := frag["s"].([]any)
	if len(secs) != 2 {
		t.Fatalf("fragment sections = %v", frag["s"])
	}
	s1 := secs[1].([]any)
	if s1[0] != "emploi" || s1[1] != "Perdre son emploi" || strings.Contains(s1[2].(string), "note") || strings.Contains(s1[2].(string), "1") {
		t.Errorf("section = %q", s1)
	}
	// The normaliser is generated and imported under its fingerprint.
	for name, b := range res.Files {
		if strings.HasPrefix(name, "js/search.") && !strings.Contains(string(b), "search-normalize.") {
			t.Errorf("%s does not import the normaliser", name)
		}
	}
}

func TestSplitSections(t *testing.T) {
	secs, terms := splitSections(`<p>Intro <a class="term" href="/fr/g/#permis">permis</a>.</p><h2 id="a">Titre <em>A</em></h2><p>Un&nbsp;texte<sup><a href="#n1">1</a></sup>.</p><form><label>Jour</label></form><h3>Sans id</h3><p>suite</p><section class="notes"><ol><li>note</li></ol></section>`, "/fr/g/#")
	if len(secs) != 2 || secs[0].Text != "Intro permis." || secs[1].Anchor != "a" || secs[1].Heading != "Titre A" || secs[1].Text != "Un\u00a0texte. Sans id suite" {
		t.Errorf("sections = %q", secs)
	}
	if len(terms) != 1 || terms[0] != "permis" {
		t.Errorf("terms = %q", terms)
	}
}

func FuzzCollapseSpace(f *testing.F) {
	if got := collapseSpace("\n Indépendant·e\u202f: carte\u00a0C  "); got != "Indépendant·e\u202f: carte\u00a0C" {
		f.Errorf("no-break spaces lost: %q", got)
	}
	for _, s := range []string{"", "  a  b ", "\u00a0x\u2003y\n\tz\u0085", "é  ü", "\xff \xfe", "Indépendant·e\u202f: carte ", "1\u2007000\u00a0€ \u202f"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := collapseSpace(s), strings.Join(strings.FieldsFunc(s, breakingSpace), " "); got != want {
			t.Errorf("collapseSpace(%q) = %q, want %q", s, got, want)
		}
	})
}

// FuzzEachH2 holds eachH2 to the regular expression it replaced.
func FuzzEachH2(f *testing.F) {
	for _, s := range []string{
		`<h2 id="a">A <em>b</em></h2><p>x</p><h2 id="c">C</h2>`,
		"<h2 id=\"a\">A\nB</h2><h2 id=\"b\">B</h2>",
		`<h2 id="">x</h2><h2 id="d" class="e">y</h2><h2 id="f">z`,
		`<h2 id="<h2 id="g">h</h2>`,
	} {
		f.Add(s)
	}
	re := regexp.MustCompile(`<h2 id="([^"]+)">(.*?)</h2>`)
	f.Fuzz(func(t *testing.T, s string) {
		var want, got []string
		for _, m := range re.FindAllStringSubmatch(s, -1) {
			want = append(want, m[1], m[2])
		}
		eachH2(s, func(id, inner string) { got = append(got, id, inner) })
		if !slices.Equal(got, want) {
			t.Fatalf("eachH2(%q) = %q, want %q", s, got, want)
		}
	})
}

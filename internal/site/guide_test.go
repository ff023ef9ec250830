package site

import (
	"strings"
	"testing"
)

// guideSite is base plus a two-question guide whose start page exists in
// fr and nl; the guide has no en texts (warnings, French shown).
var guideSite = base + `-- content/fr/guide.md --
---
title: Votre situation
description: Quelques questions.
key: guide
slug: situation
layout: guide
---
Répondez.
-- content/nl/gids.md --
---
title: Uw situatie
description: Een paar vragen.
key: guide
slug: situatie
layout: guide
status: not-reviewed
translatedFrom: HASH_GUIDE
---
Antwoord.
-- content/fr/donnees.md --
---
title: Données
description: Les données.
key: open-data
layout: open-data
---
Les données.
-- data/guide.yaml --
start: who
title: {fr: Guide, nl: Gids}
summary: {fr: Résumé, nl: Samenvatting}
questions:
  who:
    slug: {fr: qui, nl: wie}
    text: {fr: Qui êtes-vous ?, nl: Wie bent u?}
    answers:
      - text: {fr: Salarié, nl: Werknemer}
        slug: {fr: salarie, nl: werknemer}
        next: when
      - text: {fr: Autre, nl: Andere}
        slug: {fr: autre, nl: andere}
        next: other
  when:
    text: {fr: Quand ?, nl: Wanneer?}
    answers:
      - text: {fr: Bientôt, nl: Binnenkort}
        slug: {fr: bientot, nl: binnenkort}
        next: soon
      - text: {fr: Déjà, nl: Al}
        slug: {fr: deja, nl: al}
        next: other
outcomes:
  soon:
    title: {fr: Bientôt, nl: Binnenkort}
    text: {fr: "Lisez [à propos](ref:about).", nl: "Lees [over](ref:about)."}
    diagram: legal-stay
    pages: [about]
    help: [desk]
  other:
    title: {fr: Autre, nl: Andere}
    text: {fr: Ailleurs., nl: Elders.}
    diagram: pending
    help: [desk]
help:
  desk:
    text: {fr: Un **guichet**, nl: Een **loket**}
`

func mainOf(t *testing.T, html string) string {
	t.Helper()
	i, j := strings.Index(html, "<main"), strings.Index(html, "</main>")
	if i < 0 || j < i {
		t.Fatalf("no main in %s", html)
	}
	return html[i:j]
}

func TestGuidePages(t *testing.T) {
	m := fixture(t, guideSite)
	for name, f := range loadDir(t, "../..", "data/pathways/_labels.yaml") {
		m[name] = f // the diagrams' UI words, for the guide's diagram
	}
	res := Generate(withHashes(t, m), Options{})
	if res.Failed(false) {
		t.Fatal(res.Problems.Err())
	}
	start := mainOf(t, file(t, res, "fr/situation/index.html"))
	for _, want := range []string{`data-guide="start"`, `href="/fr/situation/qui/"`} {
		if !strings.Contains(start, want) {
			t.Errorf("start page: no %s in\n%s", want, start)
		}
	}
	q := mainOf(t, file(t, res, "fr/situation/qui/salarie/index.html"))
	for _, want := range []string{`data-guide="question"`, "<h1>Quand\u202f?</h1>", `href="/fr/situation/qui/salarie/bientot/"`, `href="/fr/situation/qui/salarie/deja/"`,
		// your answers so far, each with a change link to its question
		"<dd>Salarié</dd>", `href="/fr/situation/qui/">Changer`} {
		if !strings.Contains(q, want) {
			t.Errorf("question page: no %s in\n%s", want, q)
		}
	}
	o := mainOf(t, file(t, res, "nl/situatie/wie/werknemer/binnenkort/index.html"))
	for _, want := range []string{`data-guide="outcome" data-pathway=""`, "<h1>Binnenkort</h1>", "Een <strong>loket</strong>", `href="/nl/situatie/wie/werknemer/">Wijzigen`, `href="/nl/situatie/wie/">Wijzigen`} {
		if !strings.Contains(o, want) {
			t.Errorf("outcome page: no %s in\n%s", want, o)
		}
	}
	// The same page in the other language is its alternate.
	if h := file(t, res, "nl/situatie/wie/werknemer/binnenkort/index.html"); !strings.Contains(h, `hreflang="fr" href="https://example.org/fr/situation/qui/salarie/bientot/"`) {
		t.Errorf("no fr alternate")
	}
	if _, ok := res.Files["en/situation/qui/index.html"]; ok {
		t.Errorf("guide pages in en, which has no start page")
	}
	home := file(t, res, "fr/index.html")
	if !strings.Contains(home, `<p class="guide-link"><a href="/fr/situation/">`) {
		t.Errorf("home: no link to the guide")
	}
	if sm := file(t, res, "sitemap.xml"); !strings.Contains(sm, "<loc>https://example.org/nl/situatie/</loc>") || strings.Contains(sm, "/nl/situatie/wie/") {
		t.Errorf("sitemap: want the start page only")
	}
	// The whole tree as a diagram on the open-data page, and as a file.
	if od := file(t, res, "fr/donnees/index.html"); !strings.Contains(od, `id="guide-diagram"`) || !strings.Contains(od, `href="/diagrams/fr/guide.svg"`) {
		t.Errorf("open-data page: no guide diagram")
	}
	if svg := file(t, res, "diagrams/nl/guide.svg"); !strings.Contains(svg, "Wanneer?") {
		t.Errorf("nl diagram lacks a question")
	}
	var warned bool
	for _, p := range res.Problems.Sorted() {
		if p.Path == "data/guide.yaml" && strings.Contains(p.Msg, `not translated into "en"`) {
			warned = true
		}
	}
	if !warned {
		t.Errorf("no missing-translation warning: %v", res.Problems.Sorted())
	}
}

func TestGuideErrorsFailTheBuild(t *testing.T) {
	bad := strings.Replace(guideSite, "next: other\n  when:", "next: othr\n  when:", 1)
	bad = strings.Replace(bad, "help: [desk]\n  other:", "help: [desc]\n  other:", 1)
	res := build(t, bad)
	if !res.Failed(false) || len(res.Files) != 0 {
		t.Fatalf("a broken guide must fail the build")
	}
	var got []string
	for _, p := range res.Problems.Sorted() {
		if p.Path == "data/guide.yaml" && p.Severity == 0 {
			got = append(got, p.Error())
		}
	}
	want := []string{
		`data/guide.yaml:14:15: question who, answer 2: next "othr" is neither a question nor an outcome (did you mean "other"?)`,
		`data/guide.yaml:30:12: outcome soon: help: "desc" is not a known help entry (help: in this file) (did you mean "desk"?)`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

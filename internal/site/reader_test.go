package site

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
)

// readerSite: a pathway page with sections, help contacts, a footer list
// in the order site.toml gives.
var readerSite = `-- site.toml --
title = "Test"
baseURL = "https://example.org/"
defaultLanguage = "fr"
asOf = "2025-12-01"
footer = ["about", "home"]
[[languages]]
code = "fr"
name = "Français"
-- data/help.yaml --
organisations:
  org:
    name: Org
    about: {fr: Aide fr}
    phone: "+3221234567"
    phoneText: 02 123 45 67
    email: info@example.org
    web: https://www.example.org/
    verified: {url: https://www.example.org/contact, read: 2026-01-02}
  web-only:
    name: Web
    web: https://web.example.org/
    verified: {url: https://web.example.org/, read: 2026-01-02}
default: [org]
pathways:
  special: [web-only, org]
-- content/fr/index.md --
---
title: Accueil
description: Le site.
key: home
---
Bienvenue.
-- content/fr/a-propos.md --
---
title: À propos de ce site
linkTitle: À propos
description: Qui.
key: about
---
Texte.
-- content/fr/parcours.md --
---
title: Un parcours
description: Un parcours.
key: path
menu: true
section: pathways
brief:
  - "En bref."
---
## Un

Texte.

## Deux

Texte.

## Trois

Texte.
-- content/fr/special.md --
---
title: Parcours spécial
description: Un autre.
key: special
section: pathways
---
Texte.
`

func TestReaderAids(t *testing.T) {
	res := build(t, readerSite)
	if res.Failed(false) {
		t.Fatalf("build failed: %v", res.Problems.Sorted())
	}
	page := file(t, res, "fr/parcours/index.html")
	for _, want := range []string{
		// Help at the top (tel: link) and at the end, with its verification.
		`<a href="#help">`, `href="tel:&#43;3221234567"`, `href="mailto:info@example.org"`,
		`<section class="help" id="help"`, `href="https://www.example.org/contact"`,
		// The jump list: three sections and the help block.
		`<nav class="toc"`, `<a href="#un">Un</a>`, `<a href="#trois">Trois</a>`,
		// The compact header: a Menu button.
		`<details class="menu">`, `<summary>Menu</summary>`,
		`class="layout-page pathway"`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("pathway page lacks %q", want)
		}
	}
	if i, j := strings.Index(page, `id="help"`), strings.Index(page, `<h2 id="trois"`); i < j {
		t.Errorf("help block before the last section")
	}
	// A pathway's own list: first contact has no phone, so the top line
	// calls the first one that has.
	special := file(t, res, "fr/special/index.html")
	if !strings.Contains(special, "Web") || !strings.Contains(special, `href="tel:&#43;3221234567"`) {
		t.Errorf("special pathway lacks its contacts")
	}
	if !strings.Contains(special, "voir leur site (nous n’avons pas pu vérifier") {
		t.Errorf("a contact without a verified phone does not say so")
	}
	// Not a pathway: no help block, no jump list under three sections.
	home := file(t, res, "fr/index.html")
	if strings.Contains(home, `id="help"`) || strings.Contains(home, `class="toc"`) {
		t.Errorf("home page has pathway aids")
	}
	// The footer follows site.toml, skipping a page not written yet.
	footer := regexp.MustCompile(`(?s)<footer.*</footer>`).FindString(home)
	a, h := strings.Index(footer, `href="/fr/a-propos/"`), strings.Index(footer, `href="/fr/"`)
	if a < 0 || h < 0 || a > h {
		t.Errorf("footer links not in site.toml's footer order:\n%s", footer)
	}
}

func TestNotFoundPerLanguage(t *testing.T) {
	res := build(t, base)
	for _, l := range []string{"fr", "nl", "en"} {
		p := file(t, res, l+"/404.html")
		if !strings.Contains(p, `<html lang="`+l+`"`) {
			t.Errorf("%s/404.html is not in %s", l, l)
		}
	}
	if !strings.Contains(file(t, res, "nl/404.html"), "Pagina niet gevonden") {
		t.Errorf("nl/404.html is not in Dutch")
	}
	root := file(t, res, "404.html")
	for _, want := range []string{`lang="nl"`, "Dit adres komt met geen enkele pagina overeen", `data-title="Page not found"`, "/js/notfound."} {
		if !strings.Contains(root, want) {
			t.Errorf("root 404.html lacks %q", want)
		}
	}
}

func TestServiceWorker(t *testing.T) {
	res := build(t, base)
	sw := file(t, res, "sw.js")
	for _, want := range []string{`"/fr/"`, `"/nl/"`, `"/fr/a-propos/"`, "version", "caches.open"} {
		if !strings.Contains(sw, want) {
			t.Errorf("sw.js lacks %s", want)
		}
	}
	// Another build with one changed page: another cache version.
	m := withHashes(t, fixture(t, base))
	res2 := Generate(m, Options{})
	if sw2 := file(t, res2, "sw.js"); sw2 != sw {
		t.Errorf("same input, different sw.js")
	}
	m["content/fr/a-propos.md"].Data = []byte(strings.Replace(string(m["content/fr/a-propos.md"].Data), "Texte.", "Autre texte.", 1))
	if sw3 := file(t, Generate(m, Options{}), "sw.js"); sw3 == sw {
		t.Errorf("a changed page does not change the cache version")
	}
}

func TestNoPDFLinkUnlessPrinted(t *testing.T) {
	res := Generate(repoFS(t), Options{})
	for name, b := range res.Files {
		if strings.HasSuffix(name, ".html") && regexp.MustCompile(`href="/leaflets/[^"]*\.pdf"`).Match(b) {
			t.Errorf("%s links a PDF the build does not print", name)
		}
	}
}

// A footer key that names no page is an error at its place in site.toml,
// with the key it probably meant (it used to drop the link silently).
func TestFooterKeyMustNameAPage(t *testing.T) {
	res := build(t, strings.Replace(readerSite, `footer = ["about", "home"]`, `footer = ["abuot", "home"]`, 1))
	if !res.Failed(false) {
		t.Fatal("a footer key naming no page must fail the build")
	}
	got := fmt.Sprint(res.Problems.Sorted())
	if !strings.Contains(got, `site.toml:5:11: footer: no page has the key "abuot" (did you mean "about"?)`) {
		t.Errorf("problem not positioned or without a suggestion:\n%s", got)
	}
}

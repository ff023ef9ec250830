package site

import (
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

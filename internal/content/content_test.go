package content

import (
	"strings"
	"testing"

	"github.com/cire-asbl/fabrique/internal/diag"
)

func TestParse(t *testing.T) {
	tests := []struct {
		name, path, src string
		wantURL         string
		wantLayout      string
		wantErr         string // substring of the first problem; "" = none
	}{
		{"index", "content/fr/index.md", "---\ntitle: A\nkey: home\n---\nx", "/fr/", "page", ""},
		{"nested index", "content/fr/a/index.md", "---\ntitle: A\nkey: a\n---\n", "/fr/a/", "page", ""},
		{"path", "content/fr/a/b.md", "---\ntitle: A\nkey: b\n---\n", "/fr/a/b/", "page", ""},
		{"slug", "content/fr/x.md", "---\ntitle: A\nkey: x\nslug: à-propos\n---\n", "/fr/à-propos/", "page", ""},
		{"crlf and bom", "content/fr/x.md", "\ufeff---\r\ntitle: A\r\nkey: x\r\n---\r\nbody", "/fr/x/", "page", ""},
		{"no front matter", "content/fr/x.md", "# hi", "", "", "1:1: no front matter"},
		{"unterminated", "content/fr/x.md", "---\ntitle: A\n", "", "", "no front matter"},
		{"unknown key", "content/fr/x.md", "---\ntitle: A\nkey: x\ncolor: b\n---\n", "", "", `4:1: unknown key "color"`},
		{"bad yaml", "content/fr/x.md", "---\ntitle: [\nkey: x\n---\n", "", "", "content/fr/x.md:"},
		{"key from the path", "content/fr/a/x.md", "---\ntitle: A\n---\n", "/fr/a/x/", "page", ""},
		{"file name not a key", "content/fr/Mon Doc.md", "---\ntitle: A\n---\n", "", "", `1:1: the file name "Mon Doc.md" cannot be a translation key`},
		{"h1 is the title", "content/fr/x.md", "---\nkey: x\n---\n\n# Le titre\n\nTexte.", "/fr/x/", "page", ""},
		{"h1 repeats the title", "content/fr/x.md", "---\ntitle: T\n---\n# T\nTexte.", "/fr/x/", "page", ""},
		{"h1 is a second title", "content/fr/x.md", "---\ntitle: T\n---\nA\n\n# Autre\n", "/fr/x/", "page", "6:1: this \"# Autre\" is a second title"},
		{"no title at all", "content/fr/x.md", "---\nkey: x\n---\nTexte.", "/fr/x/", "page", "3:1: missing title"},
		{"bad status", "content/fr/x.md", "---\ntitle: A\nkey: x\nstatus: done\n---\n", "/fr/x/", "page", `4:1: status "done"`},
		{"bad layout", "content/fr/x.md", "---\ntitle: A\nkey: x\nlayout: Fancy page\n---\n", "/fr/x/", "Fancy page", `4:1: layout "Fancy page": a layout is the name of a file`},
		{"brief needs quotes", "content/fr/x.md", "---\ntitle: A\nkey: x\nbrief:\n  - Durée : 1 an\n---\n", "", "", "put quotes around"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			problems := &diag.List{}
			p := Parse(tt.path, "fr", []byte(tt.src), problems)
			got := problems.Sorted()
			if tt.wantErr == "" && len(got) > 0 {
				t.Fatalf("unexpected problems: %v", got)
			}
			if tt.wantErr != "" {
				if len(got) == 0 || !strings.Contains(got[0].Error(), tt.wantErr) {
					t.Fatalf("problems %v, want one containing %q", got, tt.wantErr)
				}
			}
			if p != nil && p.Key == "" {
				t.Errorf("no key")
			}
			if tt.wantURL != "" && (p == nil || p.URL != tt.wantURL || p.Layout != tt.wantLayout) {
				t.Fatalf("page = %+v, want URL %s layout %s", p, tt.wantURL, tt.wantLayout)
			}
		})
	}
}

func TestTranslationStatus(t *testing.T) {
	parse := func(path, lang, src string) *Page {
		return Parse(path, lang, []byte(src), &diag.List{})
	}
	fr := parse("content/fr/a.md", "fr", "---\ntitle: A\nkey: a\n---\nbody")
	h := fr.SourceHash()
	tests := []struct {
		name string
		page *Page
		want Status
	}{
		{"source", fr, OK},
		{"current reviewed", parse("content/en/a.md", "en", "---\ntitle: A\nkey: a\ntranslatedFrom: "+h+"\n---\nx"), OK},
		{"current not reviewed", parse("content/en/a.md", "en", "---\ntitle: A\nkey: a\nstatus: not-reviewed\ntranslatedFrom: "+h+"\n---\nx"), NotReviewed},
		{"stale", parse("content/en/a.md", "en", "---\ntitle: A\nkey: a\ntranslatedFrom: 000000000000\n---\nx"), OutOfDate},
		{"missing", nil, Missing},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pages := []*Page{fr}
			if tt.page != nil && tt.page != fr {
				pages = append(pages, tt.page)
			}
			e := Translations(pages, "fr")[0]
			lang := "en"
			if tt.page == fr {
				lang = "fr"
			}
			if got := e.Status(lang); got != tt.want {
				t.Errorf("status %v, want %v", got, tt.want)
			}
		})
	}
	// Editing the brief or title of the source changes its hash.
	fr2 := parse("content/fr/a.md", "fr", "---\ntitle: A2\nkey: a\n---\nbody")
	if fr2.SourceHash() == h {
		t.Error("a title change must change the source hash")
	}
}

// Title, short title and description are typeset in the page's language at
// load, but SourceHash is over what the editor wrote: typography never
// marks a translation out of date (translations recorded hashes before it).
func TestFrontMatterTypesetHashAsWritten(t *testing.T) {
	src := "---\ntitle: \"Qu'est-ce ?\"\nlinkTitle: \"Aide : oui\"\ndescription: \"L'essentiel !\"\nkey: x\n---\nTexte.\n"
	fr := Parse("content/fr/x.md", "fr", []byte(src), &diag.List{})
	nl := Parse("content/nl/x.md", "nl", []byte(src), &diag.List{})
	if fr == nil || nl == nil {
		t.Fatal("parse failed")
	}
	if fr.Title != "Qu’est-ce\u202f?" || fr.LinkTitle != "Aide\u202f: oui" || fr.Description != "L’essentiel\u202f!" {
		t.Errorf("French front matter not typeset: %q %q %q", fr.Title, fr.LinkTitle, fr.Description)
	}
	if nl.Title != "Qu'est-ce ?" {
		t.Errorf("Dutch title changed: %q", nl.Title)
	}
	if fr.SourceHash() != nl.SourceHash() {
		t.Errorf("typography changed the source hash: %s, as written %s", fr.SourceHash(), nl.SourceHash())
	}
}

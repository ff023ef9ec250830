package glossary

import (
	"strings"
	"testing"
	"testing/fstest"
)

func TestLoadAndTerm(t *testing.T) {
	const good = `- id: permit
  fr: {term: permis unique, definition: Un document.}
  en: {term: single permit, definition: A document., source: {key: s1, pinpoint: p. 4}}
`
	known := func(k string) bool { return k == "s1" }
	tests := []struct{ name, src, want string }{
		{"good", good, ""},
		{"missing language", "- id: x\n  fr: {term: a, definition: b}\n", `glossary.yaml:1:7: to translate: not translated into "en" yet`},
		{"unknown source", strings.Replace(good, "key: s1", "key: s2", 1), `source "s2" is not in data/sources.yaml`},
		{"duplicate id", good + good, `id "permit" is defined twice`},
		{"bad id", "- id: Bad Id\n  fr: {term: a, definition: b}\n  en: {term: a, definition: b}\n", "must be lowercase"},
		{"unknown field", "- id: x\n  fr: {term: a, definition: b, colour: c}\n  en: {term: a, definition: b}\n", `glossary.yaml:2:32: unknown key "colour" (allowed keys: term, abbr, definition, source)`},
		{"unknown language", "- id: x\n  fr: {term: a, definition: b}\n  en: {term: a, definition: b}\n  nl: {term: a, definition: b}\n", `glossary.yaml:4:3: "nl" is not a language of the site (fr, en)`},
		{"typo of id", "- idd: x\n  fr: {term: a, definition: b}\n", `must be lowercase`},
		{"empty definition", "- id: x\n  fr: {term: a}\n  en: {term: a, definition: b}\n", "term and definition are both required"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, ps := Load(fstest.MapFS{"glossary.yaml": {Data: []byte(tt.src)}}, "glossary.yaml", []string{"fr", "en"}, known)
			got := ""
			if p := ps.Sorted(); len(p) > 0 {
				got = p[0].Error()
			}
			if tt.want == "" {
				if got != "" {
					t.Fatal(got)
				}
				text, anchor, ok := s.Term("permit", "en")
				if !ok || text != "single permit" || anchor != "permit" {
					t.Errorf("Term = %q %q %v", text, anchor, ok)
				}
				if fr, _, _ := s.Term("permit", "fr"); fr != "permis unique" {
					t.Errorf("fr term = %q", fr)
				}
				if e := s.Entries(); len(e) != 1 || e[0].ID != "permit" || e[0].ByLng["en"].Term != "single permit" {
					t.Errorf("Entries = %v", e)
				}
				return
			}
			if !strings.Contains(got, tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

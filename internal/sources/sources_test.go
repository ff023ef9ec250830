package sources

import (
	"bytes"
	"encoding/json"
	"github.com/cire-asbl/fabrique/internal/i18n"
	"github.com/cire-asbl/fabrique/internal/testsite"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/cire-asbl/fabrique/internal/cite"
	"github.com/cire-asbl/fabrique/internal/diag"
	"github.com/cire-asbl/fabrique/internal/markdown"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
)

var langs = []string{"fr", "nl", "en"}

func loadReal(t *testing.T) *Set {
	t.Helper()
	s, probs := Load(testsite.FS(), "data/sources.yaml", langs)
	for _, p := range probs.Sorted() {
		t.Errorf("%v", p)
	}
	// The interface words live in the site's strings files (internal/i18n):
	// the test brings its own.
	s.Labels = Labels{
		Notes:        map[string]string{"fr": "Notes", "nl": "Noten", "en": "Notes"},
		BackToRef:    map[string]string{"fr": "Retour à la référence {n}", "nl": "Terug naar verwijzing {n}", "en": "Back to reference {n}"},
		CitedOn:      map[string]string{"fr": "Cité dans", "nl": "Geciteerd in", "en": "Cited on"},
		InLanguage:   map[string]string{"fr": "en {lang}", "nl": "in het {lang}", "en": "in {lang}"},
		LanguageName: i18n.Name,
		Months: map[string][]string{
			"fr": {"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"},
			"nl": {"januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"},
			"en": {"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"},
		},
	}
	return s
}

// Each EU directive links to EUR-Lex in the page's language: /FR/, /NL/, /EN/.
func TestEURLexLinkPerLanguage(t *testing.T) {
	s := loadReal(t)
	n := 0
	for _, src := range s.sources {
		if src.Type != "eu-directive" {
			continue
		}
		n++
		seen := map[string]bool{}
		for _, lang := range langs {
			note, err := s.Note(cite.Ref{Key: src.Key, Pinpoint: "art. 3"}, lang)
			if err != nil {
				t.Fatal(err)
			}
			want := `href="https://eur-lex.europa.eu/legal-content/` + strings.ToUpper(lang) + `/TXT/?uri=CELEX:` + src.CELEX + `"`
			if !strings.Contains(note, want) {
				t.Errorf("%s in %s: want %s in\n%s", src.Key, lang, want, note)
			}
			if strings.Contains(note, "hreflang") {
				t.Errorf("%s in %s: a link in the page's language needs no hreflang: %s", src.Key, lang, note)
			}
			if !strings.HasSuffix(note, ", art. 3.") {
				t.Errorf("%s in %s: pinpoint missing: %s", src.Key, lang, note)
			}
			seen[src.URL[lang]] = true
		}
		if len(seen) != 3 {
			t.Errorf("%s: want three different URLs, got %v", src.Key, seen)
		}
	}
	if n != 4 {
		t.Errorf("want 4 EU directives, got %d", n)
	}
}

// A source without a URL in the page's language links to the French text
// and says so; a language-neutral link gets no marker.
func TestFallbackLanguageMarker(t *testing.T) {
	s := loadReal(t)
	tests := []struct{ key, lang, want, notWant string }{
		{"loi-1980", "fr", `<a href="https://www.ejustice.just.fgov.be/eli/loi/1980/12/15/1980121550/justel">Loi du 15 décembre 1980`, "hreflang"},
		{"loi-1980", "nl", `hreflang="fr">Wet van 15 december 1980`, ""},
		{"loi-1980", "nl", `, art. 75 (in het Frans).`, ""},
		{"loi-1980", "en", `, art. 75 (in French).`, ""},
		{"fedasil-2024", "nl", `(in het Frans).`, ""},
		{"vub-estimate", "en", `12 April 2023, art. 75.`, "hreflang"},
		{"cire-2025", "fr", `Pauline Wautié, <cite>Comprendre`, "(en "},
		{"cire-2025", "nl", `december 2025, art. 75 (in het Frans).`, "<a"},
	}
	for _, tt := range tests {
		got, err := s.Note(cite.Ref{Key: tt.key, Pinpoint: "art. 75"}, tt.lang)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(got, tt.want) || (tt.notWant != "" && strings.Contains(got, tt.notWant)) {
			t.Errorf("%s/%s: want %q (and not %q) in\n%s", tt.key, tt.lang, tt.want, tt.notWant, got)
		}
	}
	if _, err := s.Note(cite.Ref{Key: "nope"}, "fr"); err == nil {
		t.Error("Note of an unknown key: want an error")
	}
}

const header = `types:
  - id: law
    schema: Legislation
    heading: {fr: Lois, nl: Wetten, en: Laws}
    legislationType: {fr: Loi, nl: Wet, en: Law}
  - id: report
    schema: Report
    heading: {fr: Rapports, nl: Rapporten, en: Reports}
labels:
  notes: {fr: Notes, nl: Noten, en: Notes}
  backToRef: {fr: "Retour {n}", nl: "Terug {n}", en: "Back {n}"}
  citedOn: {fr: Cité dans, nl: Geciteerd in, en: Cited on}
  inLanguage: {fr: "en {lang}", nl: "in het {lang}", en: "in {lang}"}
  languageNames:
    fr: {fr: français, nl: néerlandais, en: anglais}
    nl: {fr: Frans, nl: Nederlands, en: Engels}
    en: {fr: French, nl: Dutch, en: English}
  months:
    fr: [a, b, c, d, e, f, g, h, i, j, k, l]
    nl: [a, b, c, d, e, f, g, h, i, j, k, l]
    en: [a, b, c, d, e, f, g, h, i, j, k, l]
sources:
`

// headerLines: the first source of a test is on line headerLines+1 (23).
var headerLines = strings.Count(header, "\n")

// Every malformed value is reported at its line:col in the file.
func TestLoadProblems(t *testing.T) {
	const title = "    title: {fr: T, nl: T, en: T}\n"
	tests := []struct{ name, src, want string }{
		{"ok", "  a:\n    type: report\n" + title, ""},
		{"unknown type", "  a:\n    type: blog\n" + title,
			`s.yaml:24:11: source "a": unknown type "blog" (want one of law, report)`},
		{"missing title language", "  a:\n    type: report\n    title: {fr: T, en: T}\n",
			`s.yaml:25:13: to translate: not translated into "nl" yet: the "fr" text is shown`},
		{"missing title", "  a:\n    type: report\n",
			`s.yaml:23:3: source "a": missing title`},
		{"malformed URL", "  a:\n    type: report\n" + title + "    url:\n      fr: htp//example.org\n",
			`s.yaml:27:11: malformed URL "htp//example.org": want an absolute http(s) URL`},
		{"URL in a foreign language", "  a:\n    type: report\n" + title + "    url:\n      de: https://example.org/\n",
			`s.yaml:27:7: "de" is not a language of the site (fr, nl, en)`},
		{"malformed CELEX", "  d:\n    type: law\n    jurisdiction: EU\n    celex: 2011L98\n" + title,
			`s.yaml:26:12: source "d": malformed CELEX number "2011L98" (a directive is 3YYYYLNNNN)`},
		{"malformed ELI", "  d:\n    type: law\n    jurisdiction: EU\n    eli: https://example.org/eli/dir/2011/98\n" + title,
			`s.yaml:26:10: source "d": malformed ELI "https://example.org/eli/dir/2011/98" (want http://data.europa.eu/eli/dir/YYYY/N/oj or https://www.ejustice.just.fgov.be/eli/TYPE/YYYY/MM/DD/NUMAC/justel)`},
		{"CELEX and ELI disagree", "  d:\n    type: law\n    jurisdiction: EU\n    celex: 32011L0098\n    eli: http://data.europa.eu/eli/dir/2011/99/oj\n" + title,
			`s.yaml:27:10: source "d": ELI http://data.europa.eu/eli/dir/2011/99/oj does not match CELEX 32011L0098`},
		{"malformed NUMAC", "  l:\n    type: law\n    jurisdiction: BE\n    numac: \"19801215\"\n" + title,
			`s.yaml:26:12: source "l": malformed NUMAC "19801215" (ten digits, starting with a year)`},
		{"NUMAC and ELI disagree", "  l:\n    type: law\n    jurisdiction: BE\n    numac: \"1980121551\"\n    eli: https://www.ejustice.just.fgov.be/eli/loi/1980/12/15/1980121550/justel\n" + title,
			`s.yaml:27:10: source "l": ELI https://www.ejustice.just.fgov.be/eli/loi/1980/12/15/1980121550/justel does not match NUMAC 1980121551`},
		{"EUR-Lex page in the wrong language", "  d:\n    type: law\n    jurisdiction: EU\n    celex: 32011L0098\n" + title + "    url:\n      nl: https://eur-lex.europa.eu/legal-content/FR/TXT/?uri=CELEX:32011L0098\n",
			`s.yaml:29:11: source "d": url.nl is EUR-Lex's FR page`},
		{"bad date", "  a:\n    type: report\n    date: 2023-02-30\n" + title,
			`s.yaml:25:11: source "a": malformed date "2023-02-30" (want YYYY, YYYY-MM or YYYY-MM-DD)`},
		{"unknown field", "  a:\n    type: report\n    isbn: x\n" + title,
			`s.yaml:25:5: unknown key "isbn" (allowed keys: type, jurisdiction, date`},
		{"law without jurisdiction", "  l:\n    type: law\n" + title,
			`s.yaml:23:3: source "l": a legal act needs a jurisdiction (BE, EU)`},
		{"YAML syntax", "  a:\n    type: [report\n" + title, `s.yaml:25:`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{"s.yaml": {Data: []byte(header + tt.src)}}
			_, probs := Load(fsys, "s.yaml", langs)
			var got []string
			for _, p := range probs.Sorted() {
				got = append(got, p.Error())
			}
			if tt.want == "" {
				if len(got) > 0 {
					t.Errorf("want no problem, got %q", got)
				}
				return
			}
			if !slices.ContainsFunc(got, func(g string) bool { return strings.HasPrefix(g, tt.want) }) {
				t.Errorf("want %q among\n%s", tt.want, strings.Join(got, "\n"))
			}
		})
	}
	if headerLines != 22 {
		t.Fatalf("header has %d lines; the line numbers above assume 22", headerLines)
	}
}

// The JSON-LD parses and describes legal acts as schema.org Legislation.
func TestJSONLD(t *testing.T) {
	s := loadReal(t)
	for _, lang := range langs {
		b, err := s.JSONLD(lang, "https://example.org/"+lang+"/sources/")
		if err != nil {
			t.Fatal(err)
		}
		b2, _ := s.JSONLD(lang, "https://example.org/"+lang+"/sources/")
		if !bytes.Equal(b, b2) {
			t.Error("JSON-LD is not deterministic")
		}
		var doc struct {
			Context string           `json:"@context"`
			Graph   []map[string]any `json:"@graph"`
		}
		if err := json.Unmarshal(b, &doc); err != nil {
			t.Fatalf("%s: %v", lang, err)
		}
		if doc.Context != "https://schema.org" || len(doc.Graph) != len(s.Keys()) {
			t.Fatalf("%s: context %q, %d nodes", lang, doc.Context, len(doc.Graph))
		}
		byID := map[string]map[string]any{}
		for _, n := range doc.Graph {
			byID[strings.TrimPrefix(n["@id"].(string), "https://example.org/"+lang+"/sources/#")] = n
		}
		dir := byID["dir-2009-52"]
		wantType := map[string]string{"fr": "Directive", "nl": "Richtlijn", "en": "Directive"}[lang]
		if dir["@type"] != "Legislation" || dir["legislationType"] != wantType || dir["legislationJurisdiction"] != "EU" ||
			dir["legislationDate"] != "2009-06-18" || dir["inLanguage"] != lang ||
			!strings.Contains(dir["url"].(string), "/"+strings.ToUpper(lang)+"/") {
			t.Errorf("%s: dir-2009-52 = %v", lang, dir)
		}
		ids, _ := dir["legislationIdentifier"].([]any)
		if !slices.Contains(ids, any("32009L0052")) || !slices.Contains(ids, any("http://data.europa.eu/eli/dir/2009/52/oj")) {
			t.Errorf("%s: legislationIdentifier = %v", lang, ids)
		}
		law := byID["loi-1980"]
		if law["@type"] != "Legislation" || law["legislationJurisdiction"] != "BE" || law["legislationDate"] != "1980-12-15" ||
			!slices.Contains(law["legislationIdentifier"].([]any), any("1980121550")) || law["inLanguage"] != "fr" {
			t.Errorf("%s: loi-1980 = %v", lang, law)
		}
		if r := byID["myria-2023"]; r["@type"] != "Report" || r["datePublished"] != "2023" {
			t.Errorf("%s: myria-2023 = %v", lang, r)
		}
		if a := byID["cire-2025"]; a["author"].(map[string]any)["@type"] != "Person" {
			t.Errorf("%s: cire-2025 = %v", lang, a)
		}
	}
}

func TestCheckUnused(t *testing.T) {
	s := loadReal(t)
	cited := map[string][]PageRef{}
	for _, k := range s.Keys() {
		if k != "fra-2011" {
			cited[k] = []PageRef{{"P", "/fr/p/"}}
		}
	}
	got := s.CheckUnused(cited).Sorted()
	if len(got) != 1 || got[0].Severity != diag.Warning || !strings.HasPrefix(got[0].Error(), "data/sources.yaml:") ||
		!strings.Contains(got[0].Error(), `warning: source "fra-2011" is cited on no page`) || got[0].Line == 0 {
		t.Errorf("got %v", got)
	}
}

// Through goldmark, with the real data: notes are worded and linked in the
// page's language, an unknown key is an error at line:col, legislation
// without a pinpoint a warning there, every citation is recorded for the
// "cited on" back-links.
func TestNotesWithRealData(t *testing.T) {
	s := loadReal(t)
	md := goldmark.New(goldmark.WithExtensions(extension.GFM, extension.Footnote, markdown.Citations))
	src := "Un délit[@loi-1980, art. 75] et le permis[@dir-2011-98].\n\nPlus loin[@inconnue, p. 2][^1].\n\n[^1]: Une note.\n"
	tests := []struct{ lang, heading, back, eurlex, marker string }{
		{"fr", "Notes", `aria-label="Retour à la référence 2"`, "/FR/", ""},
		{"nl", "Noten", `aria-label="Terug naar verwijzing 2"`, "/NL/", "(in het Frans)"},
		{"en", "Notes", `aria-label="Back to reference 2"`, "/EN/", "(in French)"},
	}
	for _, tt := range tests {
		t.Run(tt.lang, func(t *testing.T) {
			env := &markdown.Env{Lang: tt.lang, Path: "content/" + tt.lang + "/p.md", Source: []byte("---\n---\n" + src), BodyOffset: 8, Problems: &diag.List{}, Citer: s}
			var buf bytes.Buffer
			if err := md.Convert([]byte(src), &buf, parser.WithContext(markdown.WithEnv(parser.NewContext(), env))); err != nil {
				t.Fatal(err)
			}
			got := buf.String()
			for _, want := range []string{
				`<h2 id="notes-label" class="visually-hidden">` + tt.heading + `</h2>`,
				tt.back,
				`https://eur-lex.europa.eu/legal-content` + tt.eurlex + `TXT/?uri=CELEX:32011L0098`,
				`<sup><a href="#note-4" id="ref-4" aria-describedby="notes-label">4</a></sup>`,
				`, art. 75` + strings.TrimSuffix(" "+tt.marker, " ") + `.`,
			} {
				if !strings.Contains(got, want) {
					t.Errorf("want %s in\n%s", want, got)
				}
			}
			// A directive cited without its article is a warning at its position.
			probs := env.Problems.Sorted()
			if len(probs) != 2 || probs[0].Error() != `content/`+tt.lang+`/p.md:3:44: warning: citation @dir-2011-98: a law or directive is cited with its article; write [@dir-2011-98, art. …]` ||
				probs[1].Error() != `content/`+tt.lang+`/p.md:5:12: unknown source "inconnue" in citation (see data/sources.yaml)` {
				t.Errorf("problems: %v", probs)
			}
			want := []cite.Ref{{Key: "loi-1980", Pinpoint: "art. 75"}, {Key: "dir-2011-98"}, {Key: "inconnue", Pinpoint: "p. 2"}}
			if !slices.Equal(env.Cited, want) {
				t.Errorf("Cited = %v", env.Cited)
			}
			for _, id := range []string{"notes-label", "note-1", "ref-1", "note-4", "ref-4"} {
				if !slices.Contains(env.IDs, id) {
					t.Errorf("IDs lack %s: %v", id, env.IDs)
				}
			}
		})
	}
}

package sources

import (
	"encoding/json"
	"fmt"
	"html"
	"slices"
	"strconv"
	"strings"

	"github.com/cire-asbl/fabrique/internal/cite"
	"github.com/cire-asbl/fabrique/internal/textdir"
)

// PageRef is a page that cites a source, in the language of the sources page.
type PageRef struct {
	Title, URL string
}

// Note formats ref as the body of a footnote in lang (cite.Citer): the
// citation in the page's language, linked to the text in that language when
// the publisher has one, else to another language's text, marked as such.
func (s *Set) Note(ref cite.Ref, lang string) (string, error) {
	src := s.byKey[ref.Key]
	if src == nil {
		return "", fmt.Errorf("unknown source %q", ref.Key)
	}
	return s.citation(src, lang, ref.Pinpoint) + ".", nil
}

// ShortNote is the note of a source already cited in full earlier on the
// same page: author and year (or the title, for acts and untitled works),
// then the pinpoint. A page citing the analysis twenty times then lists its
// full reference once, not twenty times.
func (s *Set) ShortNote(ref cite.Ref, lang string) (string, error) {
	src := s.byKey[ref.Key]
	if src == nil {
		return "", fmt.Errorf("unknown source %q", ref.Key)
	}
	if s.typeOf(src).Schema == "Legislation" || src.Author == "" {
		return s.Note(ref, lang)
	}
	short := html.EscapeString(src.Author)
	if m := dateRE.FindStringSubmatch(src.Date); m != nil && !strings.Contains(src.Author, m[1]) {
		short += " (" + m[1] + ")"
	}
	if p := strings.TrimSpace(ref.Pinpoint); p != "" {
		short += ", " + html.EscapeString(p)
	}
	return short + ".", nil
}

// NoteLabels gives the visually hidden heading of a page's notes and the
// accessible name of a back-link ("Back to reference {n}") in lang; it is the
// optional labelling interface markdown's notes look for on the Citer.
func (s *Set) NoteLabels(lang string) (heading, backToRef string) {
	return s.Labels.Notes[lang], s.Labels.BackToRef[lang]
}

// text returns a data text in lang, or in the source language (the first
// site language) when it is not translated yet, and the language it is in.
func (s *Set) text(m map[string]string, lang string) (string, string) {
	if v, ok := m[lang]; ok || len(s.Langs) == 0 {
		return v, lang
	}
	return m[s.Langs[0]], s.Langs[0]
}

// html is text as HTML, marked with its language when it is not lang's.
func (s *Set) html(m map[string]string, lang string) string {
	v, in := s.text(m, lang)
	if in == lang {
		return html.EscapeString(v)
	}
	return `<span lang="` + in + `">` + html.EscapeString(v) + `</span>`
}

func (s *Set) typeOf(src *Source) Type {
	for _, t := range s.Types {
		if t.ID == src.Type {
			return t
		}
	}
	return Type{ID: src.Type, Schema: "CreativeWork"}
}

// target picks the link of src for a page in lang: the URL in lang, else the
// language-neutral link, else the URL in the first site language that has
// one. docLang is the language of the document when it differs from lang
// and is known (to say "(en français)"), else "".
func (s *Set) target(src *Source, lang string) (href, hreflang, docLang string) {
	if u, ok := src.URL[lang]; ok {
		return u, lang, ""
	}
	if len(src.Languages) > 0 && !slices.Contains(src.Languages, lang) {
		docLang = src.Languages[0]
	}
	if src.Link != "" {
		return src.Link, "", docLang
	}
	for _, l := range s.Langs {
		if u, ok := src.URL[l]; ok {
			return u, l, l
		}
	}
	return "", "", docLang
}

// inLanguage is the "(en français)" marker, or "".
func (s *Set) inLanguage(lang, docLang string) string {
	if docLang == "" || docLang == lang {
		return ""
	}
	name := s.Labels.LanguageNames[lang][docLang]
	if s.Labels.LanguageName != nil {
		name = s.Labels.LanguageName(lang, docLang)
	}
	tmpl := s.Labels.InLanguage[lang]
	if name == "" || tmpl == "" {
		return " (" + docLang + ")"
	}
	return " (" + strings.ReplaceAll(tmpl, "{lang}", name) + ")"
}

// citation is the HTML of src cited in lang with an optional pinpoint,
// without the final full stop.
func (s *Set) citation(src *Source, lang, pinpoint string) string {
	href, hreflang, docLang := s.target(src, lang)
	title, titleLang := s.text(src.Title, lang)
	if title == "" { // partial Set after load errors: never an empty link
		title, titleLang = src.Key, lang
	}
	linked := html.EscapeString(title)
	if titleLang != lang {
		// dir="auto" isolates it too: a French title in an Arabic note.
		dir := ""
		if textdir.Of(titleLang) != textdir.Of(lang) {
			dir = ` dir="auto"`
		}
		linked = `<span lang="` + titleLang + `"` + dir + `>` + linked + `</span>`
	}
	if href != "" {
		attrs := ` href="` + html.EscapeString(href) + `"`
		if hreflang != "" && hreflang != lang {
			attrs += ` hreflang="` + hreflang + `"`
		}
		linked = "<a" + attrs + ">" + linked + "</a>"
	}
	var parts []string
	if s.typeOf(src).Schema == "Legislation" {
		// The title of an act already carries its date and number.
		parts = append(parts, linked)
	} else {
		// An untitled work is cited by its author ("Verbroeck et al. (2025)"):
		// the author is then not repeated.
		if src.Author != "" && !strings.Contains(title, src.Author) {
			parts = append(parts, textdir.HTML(src.Author, lang))
		}
		parts = append(parts, "<cite>"+linked+"</cite>")
		if src.Publisher != "" && src.Publisher != src.Author {
			parts = append(parts, textdir.HTML(src.Publisher, lang))
		}
		if d := s.formatDate(src.Date, lang); d != "" && !strings.Contains(title, d) {
			parts = append(parts, d)
		}
	}
	if p := strings.TrimSpace(pinpoint); p != "" {
		parts = append(parts, textdir.HTML(p, lang)) // "art. 75" in an Arabic note
	}
	return strings.Join(parts, ", ") + html.EscapeString(s.inLanguage(lang, docLang))
}

// formatDate writes a YYYY[-MM[-DD]] date in lang: "15 décembre 1980",
// "décembre 2025", "2023".
func (s *Set) formatDate(d, lang string) string {
	m := dateRE.FindStringSubmatch(d)
	if m == nil {
		return d
	}
	if s.Labels.Date != nil {
		y, _ := strconv.Atoi(m[1])
		if m[2] == "" {
			return m[1]
		}
		mi, _ := strconv.Atoi(m[2])
		di, _ := strconv.Atoi(m[3]) // 0 when absent
		return s.Labels.Date(lang, y, mi, di)
	}
	months := s.Labels.Months[lang]
	if m[2] == "" || len(months) != 12 {
		return m[1]
	}
	mi, _ := strconv.Atoi(m[2])
	out := months[mi-1] + " " + m[1]
	if m[3] != "" {
		di, _ := strconv.Atoi(m[3])
		out = strconv.Itoa(di) + " " + out
	}
	return out
}

type ldAgent struct {
	Type string `json:"@type"`
	Name string `json:"name"`
}

// ldItem is one node of the JSON-LD graph; field order is the output order.
type ldItem struct {
	Type                    string   `json:"@type"`
	ID                      string   `json:"@id,omitempty"`
	Name                    string   `json:"name"`
	URL                     string   `json:"url,omitempty"`
	InLanguage              string   `json:"inLanguage,omitempty"`
	LegislationIdentifier   []string `json:"legislationIdentifier,omitempty"`
	LegislationType         string   `json:"legislationType,omitempty"`
	LegislationJurisdiction string   `json:"legislationJurisdiction,omitempty"`
	LegislationDate         string   `json:"legislationDate,omitempty"`
	SameAs                  string   `json:"sameAs,omitempty"`
	DatePublished           string   `json:"datePublished,omitempty"`
	Author                  *ldAgent `json:"author,omitempty"`
	Publisher               *ldAgent `json:"publisher,omitempty"`
}

type ldGraph struct {
	Context string   `json:"@context"`
	Graph   []ldItem `json:"@graph"`
}

// JSONLD returns the schema.org description of every source for the sources
// page in lang, as one JSON object with an @graph: Legislation for legal acts
// (legislationIdentifier = CELEX/NUMAC and ELI, legislationType,
// legislationJurisdiction, legislationDate), the type's schema otherwise.
// pageURL, when not empty, gives each node the @id pageURL#KEY. The bytes are
// deterministic and safe inside <script type="application/ld+json"> (<, > and
// & are escaped by encoding/json).
func (s *Set) JSONLD(lang, pageURL string) ([]byte, error) {
	g := ldGraph{Context: "https://schema.org", Graph: []ldItem{}}
	for _, grp := range s.Groups() {
		for _, src := range grp.Sources {
			href, hreflang, docLang := s.target(src, lang)
			name, _ := s.text(src.Title, lang)
			it := ldItem{Type: grp.Type.Schema, Name: name, URL: href}
			if pageURL != "" {
				it.ID = pageURL + "#" + src.Key
			}
			switch {
			case hreflang != "":
				it.InLanguage = hreflang
			case docLang != "":
				it.InLanguage = docLang
			}
			if grp.Type.Schema == "Legislation" {
				for _, id := range []string{src.CELEX, src.NUMAC, src.ELI} {
					if id != "" {
						it.LegislationIdentifier = append(it.LegislationIdentifier, id)
					}
				}
				it.LegislationType, _ = s.text(grp.Type.LegislationType, lang)
				it.LegislationJurisdiction = src.Jurisdiction
				it.LegislationDate = src.Date
				it.SameAs = src.ELI
			} else {
				it.DatePublished = src.Date
				if src.Author != "" {
					it.Author = &ldAgent{Type: src.AuthorType, Name: src.Author}
				}
			}
			if src.Publisher != "" {
				it.Publisher = &ldAgent{Type: "Organization", Name: src.Publisher}
			}
			g.Graph = append(g.Graph, it)
		}
	}
	return json.MarshalIndent(g, "", " ")
}

// Citation is the full citation of the source key in lang, as HTML without
// the final full stop (the sources page's), "" for an unknown key.
func (s *Set) Citation(key, lang string) string {
	src := s.byKey[key]
	if src == nil {
		return ""
	}
	return s.citation(src, lang, "")
}

// Heading is the heading of a group of sources in lang, as HTML: marked
// with its language when it is not lang's.
func (s *Set) Heading(t Type, lang string) string { return s.html(t.Heading, lang) }

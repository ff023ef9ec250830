// Package glossary loads data/glossary.yaml: the terms pages link with
// {term:id}, each defined in every site language, and renders the glossary
// page's definition list.
//
// Contract: every entry has an id (lowercase, dashes) unique in the file and,
// in the source language (the first), a term and a definition; an entry not
// translated into another language yet is a warning and its source-language
// text stands in, marked lang="…" with a "not translated yet" hint; an optional source must be
// a known source key. Problems carry path:line:col. The glossary page gives
// each entry the id of its term, so {term:id} links to /{lang}/{glossary}/#id.
package glossary

import (
	"fmt"
	"html"
	"io/fs"
	"regexp"
	"sort"
	"strings"

	"github.com/cire-asbl/fabrique/internal/diag"
	"github.com/cire-asbl/fabrique/internal/markdown"
	"github.com/goccy/go-yaml"
)

// Definition is a term in one language.
type Definition struct {
	Term       string            `yaml:"term"`
	Abbr       string            `yaml:"abbr"`
	Definition string            `yaml:"definition"`
	Source     *markdown.CiteRef `yaml:"source"`
	// Lang is the language the definition is written in when it is not the
	// entry's (not translated yet: the source language's stands in).
	Lang string `yaml:"-"`
}

// Entry is one term in every language.
type Entry struct {
	ID    string
	Line  int
	ByLng map[string]Definition
}

// Set is the loaded glossary; Page URLs are set once pages are known.
type Set struct {
	entries []*Entry
	byID    map[string]*Entry
	pageURL map[string]string // lang → URL of the glossary page
	// NotTranslated is the "not translated yet" hint per language, shown
	// after a definition in the source language.
	NotTranslated map[string]string
}

var idRe = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`)

// Load reads the glossary. A missing file is an empty glossary.
func Load(fsys fs.FS, path string, langs []string, knownSource func(string) bool) (*Set, *diag.List) {
	problems := &diag.List{}
	s := &Set{byID: map[string]*Entry{}, pageURL: map[string]string{}}
	src, err := fs.ReadFile(fsys, path)
	if err != nil {
		return s, problems
	}
	var raw []map[string]yaml.RawMessage
	if err := yaml.Unmarshal(src, &raw); err != nil {
		problems.Add(diag.FromYAML(path, 0, err))
		return s, problems
	}
	idLines := regexp.MustCompile(`(?m)^- id:\s*(\S+)`).FindAllSubmatchIndex(src, -1)
	for i, m := range raw {
		line := 0
		if i < len(idLines) {
			line, _ = diag.LineCol(src, idLines[i][0])
		}
		e := &Entry{Line: line, ByLng: map[string]Definition{}}
		if err := yaml.Unmarshal(m["id"], &e.ID); err != nil || !idRe.MatchString(e.ID) {
			problems.Errorf(path, line, 1, "entry %d: id %q must be lowercase letters, digits and dashes", i+1, e.ID)
			continue
		}
		if s.byID[e.ID] != nil {
			problems.Errorf(path, line, 1, "id %q is defined twice", e.ID)
			continue
		}
		for k := range m {
			if k != "id" && !contains(langs, k) {
				problems.Errorf(path, line, 1, "%s: %q is neither id nor a site language (%s)", e.ID, k, strings.Join(langs, ", "))
			}
		}
		for _, lang := range langs {
			var d Definition
			rawDef, ok := m[lang]
			if !ok && lang != langs[0] {
				if _, has := m[langs[0]]; has {
					problems.Untranslatedf(path, line, 1, "%s: not translated into %s yet: the %s entry is shown; add %s: {term: …, definition: …}", e.ID, lang, langs[0], lang)
					continue
				}
			}
			if !ok {
				problems.Errorf(path, line, 1, "%s: no %s entry: add %s: {term: …, definition: …}", e.ID, lang, lang)
				continue
			}
			if err := yaml.UnmarshalWithOptions(rawDef, &d, yaml.DisallowUnknownField()); err != nil {
				problems.Errorf(path, line, 1, "%s.%s: %s", e.ID, lang, strings.TrimSpace(yaml.FormatError(err, false, false)))
				continue
			}
			if d.Term == "" || d.Definition == "" {
				problems.Errorf(path, line, 1, "%s.%s: term and definition are both required", e.ID, lang)
			}
			if d.Source != nil && knownSource != nil && !knownSource(d.Source.Key) {
				problems.Errorf(path, line, 1, "%s.%s: source %q is not in data/sources.yaml", e.ID, lang, d.Source.Key)
			}
			e.ByLng[lang] = d
		}
		if src, ok := e.ByLng[langs[0]]; ok {
			for _, lang := range langs[1:] {
				if _, has := e.ByLng[lang]; !has {
					src.Lang = langs[0]
					e.ByLng[lang] = src
				}
			}
		}
		s.entries = append(s.entries, e)
		s.byID[e.ID] = e
	}
	return s, problems
}

func contains(l []string, s string) bool {
	for _, x := range l {
		if x == s {
			return true
		}
	}
	return false
}

// SetPageURL records where the glossary page of lang lives.
func (s *Set) SetPageURL(lang, url string) { s.pageURL[lang] = url }

// Term implements markdown.Glossary.
func (s *Set) Term(id, lang string) (string, string, bool) {
	e := s.byID[id]
	if e == nil {
		return "", "", false
	}
	d, ok := e.ByLng[lang]
	if !ok {
		return "", "", false
	}
	return d.Term, s.pageURL[lang] + "#" + id, true
}

// IDs lists the entry ids in file order.
func (s *Set) IDs() []string {
	out := make([]string, len(s.entries))
	for i, e := range s.entries {
		out[i] = e.ID
	}
	return out
}

// Entries returns the entries in file order.
func (s *Set) Entries() []*Entry { return s.entries }

// PageHTML renders the definition list for lang, ordered by less (the
// language's collation) or, when nil, as in the file.
// note formats a source reference (HTML); it may be nil.
func (s *Set) PageHTML(lang string, less func(a, b string) bool, note func(markdown.CiteRef, string) (string, error)) (string, error) {
	entries := append([]*Entry(nil), s.entries...)
	if less != nil {
		sort.SliceStable(entries, func(i, j int) bool { return less(entries[i].ByLng[lang].Term, entries[j].ByLng[lang].Term) })
	}
	var b strings.Builder
	b.WriteString(`<dl class="glossary">`)
	for _, e := range entries {
		d := e.ByLng[lang]
		if d.Lang != "" {
			fmt.Fprintf(&b, `<dt id="%s" lang="%s"><dfn>%s</dfn>`, e.ID, d.Lang, html.EscapeString(d.Term))
			if h := s.NotTranslated[lang]; h != "" {
				fmt.Fprintf(&b, ` <small class="untranslated" lang="%s">(%s)</small>`, lang, html.EscapeString(h))
			}
		} else {
			fmt.Fprintf(&b, `<dt id="%s"><dfn>%s</dfn>`, e.ID, html.EscapeString(d.Term))
		}
		if d.Abbr != "" {
			fmt.Fprintf(&b, ` (<abbr>%s</abbr>)`, html.EscapeString(d.Abbr))
		}
		if d.Lang != "" {
			fmt.Fprintf(&b, `</dt><dd lang="%s"><p>%s</p>`, d.Lang, html.EscapeString(d.Definition))
		} else {
			fmt.Fprintf(&b, `</dt><dd><p>%s</p>`, html.EscapeString(d.Definition))
		}
		if d.Source != nil && note != nil {
			n, err := note(*d.Source, lang)
			if err != nil {
				return "", err
			}
			fmt.Fprintf(&b, `<p class="cited-on">%s</p>`, n)
		}
		b.WriteString("</dd>")
	}
	b.WriteString("</dl>")
	return b.String(), nil
}

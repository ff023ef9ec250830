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
	"io/fs"
	"regexp"

	"github.com/cire-asbl/fabrique/internal/cite"
	"github.com/cire-asbl/fabrique/internal/diag"
	"github.com/cire-asbl/fabrique/internal/typography"
	"github.com/cire-asbl/fabrique/internal/yamlpos"
)

// Definition is a term in one language, typeset for it at load.
type Definition struct {
	Term       string    `yaml:"term"`
	Abbr       string    `yaml:"abbr"`
	Definition string    `yaml:"definition"`
	Source     *cite.Ref `yaml:"source"`
	// Lang is the language the definition is written in when it is not the
	// entry's (not translated yet: the source language's stands in).
	Lang string `yaml:"-"`
	yamlpos.Pos
}

// Entry is one term in every language.
type Entry struct {
	ID    string
	Line  int
	ByLng map[string]Definition
}

// Set is the loaded glossary, read-only once loaded.
type Set struct {
	entries []*Entry
	byID    map[string]*Entry
	// NotTranslated is the "not translated yet" hint per language, shown
	// after a definition in the source language.
	NotTranslated map[string]string
}

var idRe = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`)

// Load reads the glossary. A missing file is an empty glossary.
func Load(fsys fs.FS, path string, langs []string, knownSource func(string) bool) (*Set, *diag.List) {
	problems := &diag.List{}
	s := &Set{byID: map[string]*Entry{}}
	src, err := fs.ReadFile(fsys, path)
	if err != nil {
		return s, problems
	}
	// Each entry's languages are keys beside its id: decoded one by one
	// (the shape a struct cannot name), each definition as a struct.
	var raw []*yamlpos.Node
	if yamlpos.File(path, src, &raw, nil, problems) == nil {
		return s, problems
	}
	d := &yamlpos.Decoder{Path: path, Probs: problems, Langs: langs}
	for i, m := range raw {
		if m.Kind != yamlpos.Map {
			d.Errorf(m, "entry %d: write an entry as \"- id: …\" followed by one block per language", i+1)
			continue
		}
		e := &Entry{Line: m.Line, ByLng: map[string]Definition{}}
		idNode := m.Get("id")
		if idNode != nil {
			e.ID = idNode.Value
		} else {
			idNode = m
		}
		if !idRe.MatchString(e.ID) {
			d.Errorf(idNode, "entry %d: id %q must be lowercase letters, digits and dashes", i+1, e.ID)
			continue
		}
		if s.byID[e.ID] != nil {
			d.Errorf(idNode, "id %q is defined twice", e.ID)
			continue
		}
		for j, k := range m.Keys {
			if k.Value == "id" || !d.Language(k, "id") {
				continue
			}
			var def Definition
			d.Decode(m.Vals[j], &def)
			lang := k.Value
			def.Term = typography.Text(lang, def.Term)
			def.Abbr = typography.Text(lang, def.Abbr)
			def.Definition = typography.Text(lang, def.Definition)
			if def.Term == "" || def.Definition == "" {
				d.Errorf(m.Vals[j], "%s.%s: term and definition are both required", e.ID, lang)
			}
			if def.Source != nil && knownSource != nil && !knownSource(def.Source.Key) {
				d.Errorf(m.Vals[j], "%s.%s: source %q is not in data/sources.yaml", e.ID, lang, def.Source.Key)
			}
			e.ByLng[lang] = def
		}
		srcLang := langs[0]
		first, ok := e.ByLng[srcLang]
		if !ok {
			d.Errorf(idNode, "%s: no %s entry: add %s: {term: …, definition: …}", e.ID, srcLang, srcLang)
		}
		for _, lang := range langs[1:] {
			if _, has := e.ByLng[lang]; !has && ok {
				d.Pending(idNode, lang)
				first.Lang = srcLang
				e.ByLng[lang] = first
			}
		}
		s.entries = append(s.entries, e)
		s.byID[e.ID] = e
	}
	return s, problems
}

// Term returns the term id in lang and the anchor of its definition on the
// glossary page (the site knows where that page lives and builds the URL).
func (s *Set) Term(id, lang string) (text, anchor string, ok bool) {
	e := s.byID[id]
	if e == nil {
		return "", "", false
	}
	d, ok := e.ByLng[lang]
	if !ok {
		return "", "", false
	}
	return d.Term, e.ID, true
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

// Package sources loads data/sources.yaml — the legal acts, reports and pages
// the site cites — and turns them into footnote bodies, the sources page and
// schema.org JSON-LD.
//
// File format (see data/sources.yaml for the full example):
//
//	types:    ordered list of {id, schema, heading{lang}, legislationType{lang}};
//	          the order is the order of the groups on the sources page.
//	labels:   UI words per language: notes, backToRef ("{n}"), citedOn,
//	          inLanguage ("{lang}"), languageNames{lang}{lang}, months{lang}.
//	sources:  key → {type, jurisdiction, date, celex, eli, numac, author, authorType, publisher,
//	          title{lang}, url{lang}, link, languages[]}.
//
// Contract:
//   - Load never panics and reports every problem at once, at path:line:col:
//     YAML syntax, unknown fields, unknown type, a title missing in a site
//     language, a malformed URL, CELEX, ELI, NUMAC or date, and identifiers
//     that disagree with each other (CELEX vs ELI, NUMAC vs ELI).
//   - Nothing is derived that the data does not say: a source without a URL in
//     the page's language links to the URL in another language and says so
//     (hreflang + "(en français)"); a source without any URL is not linked.
//   - Output (notes, the sources page, JSON-LD) is deterministic: sources keep
//     the order of the file, maps are never iterated unsorted.
//   - *Set implements cite.Citer, and cite's optional note-label
//     interface, so footnotes are worded in the page's language from data.
package sources

import (
	"fmt"
	"io/fs"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/cire-asbl/fabrique/internal/diag"
	"github.com/cire-asbl/fabrique/internal/yamlpos"
)

// Source is one cited work.
type Source struct {
	Key          string
	Type         string // a Type.ID
	Jurisdiction string // "BE", "EU" (legal acts)
	Date         string // YYYY, YYYY-MM or YYYY-MM-DD, as far as known
	CELEX        string
	ELI          string
	NUMAC        string
	Author       string
	AuthorType   string // schema.org type of the author: Person or Organization (default)
	Publisher    string
	Title        map[string]string // by language
	URL          map[string]string // by language of the target document
	Link         string            // URL whose language is not known
	Languages    []string          // languages the document exists in, when known

	line, col int // of the key, for warnings about the source
}

// Type is a group of the sources page.
type Type struct {
	ID              string
	Schema          string            // schema.org @type
	Heading         map[string]string // by language
	LegislationType map[string]string // by language; legal acts only
}

// Labels are the UI words, by language. The site fills them from its
// strings files (internal/i18n); a file's own labels: section (tests'
// fixtures) fills the maps.
type Labels struct {
	Notes, BackToRef, CitedOn, InLanguage map[string]string
	LanguageNames                         map[string]map[string]string
	Months                                map[string][]string
	// Date, when set, writes a date in lang (day 0: month and year only):
	// the site's one date formatter.
	Date func(lang string, y, m, d int) string
	// LanguageName, when set, is docLang's name in lang (CLDR).
	LanguageName func(lang, docLang string) string
}

// Set is the loaded file.
type Set struct {
	Path    string
	Langs   []string // site languages, first is the source language
	Types   []Type
	Labels  Labels
	sources []*Source
	byKey   map[string]*Source
}

// Source returns the source with key, or nil.
func (s *Set) Source(key string) *Source { return s.byKey[key] }

// Keys returns every key in file order (they are also the ids on the sources page).
func (s *Set) Keys() []string {
	keys := make([]string, len(s.sources))
	for i, src := range s.sources {
		keys[i] = src.Key
	}
	return keys
}

// IsLegislation reports whether key is a legal act (a law or directive:
// its type's schema is Legislation).
func (s *Set) IsLegislation(key string) bool {
	src := s.Source(key)
	return src != nil && s.typeOf(src).Schema == "Legislation"
}

// NeedsPinpoint implements cite.PinpointRequirer: legislation is cited
// with its article.
func (s *Set) NeedsPinpoint(key string) bool { return s.IsLegislation(key) }

// Known reports whether key is a source (cite.Citer).
func (s *Set) Known(key string) bool { return s != nil && s.byKey[key] != nil }

// Group is one heading of the sources page.
type Group struct {
	Type    Type
	Sources []*Source
}

// Groups returns the sources grouped by type, groups in the order of `types`,
// sources in file order; empty groups are left out.
func (s *Set) Groups() []Group {
	var out []Group
	for _, t := range s.Types {
		g := Group{Type: t}
		for _, src := range s.sources {
			if src.Type == t.ID {
				g.Sources = append(g.Sources, src)
			}
		}
		if len(g.Sources) > 0 {
			out = append(out, g)
		}
	}
	return out
}

// CheckUnused reports, as warnings at the source's line in the file, every
// source that no page cites (the build makes them errors under -strict).
// cited holds the keys of env.Cited of every page.
func (s *Set) CheckUnused(cited map[string][]PageRef) *diag.List {
	var l diag.List
	for _, src := range s.sources {
		if len(cited[src.Key]) == 0 {
			l.Warnf(s.Path, src.line, src.col, "source %q is cited on no page", src.Key)
		}
	}
	return &l
}

// Load reads path from fsys. langs are the site's languages; every source
// needs a title in each. The Set is usable (possibly partial) even when the
// list has errors, so later stages can still report their own problems.
func Load(fsys fs.FS, path string, langs []string) (*Set, *diag.List) {
	probs := &diag.List{}
	set := &Set{Path: path, Langs: langs, byKey: map[string]*Source{}}
	data, err := fs.ReadFile(fsys, path)
	if err != nil {
		probs.Errorf(path, 0, 0, "%v", err)
		return set, probs
	}
	var f fileYAML
	root := yamlpos.File(path, data, &f, langs, probs)
	if root == nil {
		return set, probs
	}
	l := &loader{d: &yamlpos.Decoder{Path: path, Probs: probs, Langs: langs}, set: set}
	if root.Kind == yamlpos.Null {
		probs.Errorf(path, 1, 1, "empty file: want types, labels and sources")
		return set, probs
	}
	if f.Types == nil || f.Sources == nil {
		l.d.Errorf(root, "want the sections types and sources")
	}
	l.types(f.Types)
	if f.Labels != nil {
		l.labels(f.Labels)
	}
	if f.Sources != nil {
		l.sources(f.Sources)
	}
	return set, probs
}

// The file's shape, decoded by yamlpos (unknown keys, languages and
// positions are checked there); titles and headings are typeset at load,
// URLs and identifiers are not texts and are kept as typed.
type fileYAML struct {
	Types   []typeYAML    `yaml:"types"`
	Labels  *labelsYAML   `yaml:"labels"`
	Sources *yamlpos.Node `yaml:"sources"` // key → source, in file order
}

type typeYAML struct {
	yamlpos.Pos
	ID              yamlpos.Str   `yaml:"id"`
	Schema          yamlpos.Str   `yaml:"schema"`
	Heading         *yamlpos.Text `yaml:"heading"`
	LegislationType *yamlpos.Text `yaml:"legislationType"`
}

type labelsYAML struct {
	yamlpos.Pos
	Notes         *yamlpos.Text `yaml:"notes"`
	BackToRef     *yamlpos.Text `yaml:"backToRef"`
	CitedOn       *yamlpos.Text `yaml:"citedOn"`
	InLanguage    *yamlpos.Text `yaml:"inLanguage"`
	LanguageNames *yamlpos.Node `yaml:"languageNames"` // language → Text
	Months        *yamlpos.Node `yaml:"months"`        // language → 12 names
}

type sourceYAML struct {
	Type         yamlpos.Str   `yaml:"type"`
	Jurisdiction yamlpos.Str   `yaml:"jurisdiction"`
	Date         yamlpos.Str   `yaml:"date"`
	CELEX        yamlpos.Str   `yaml:"celex"`
	ELI          yamlpos.Str   `yaml:"eli"`
	NUMAC        yamlpos.Str   `yaml:"numac"`
	Author       yamlpos.Str   `yaml:"author"`
	AuthorType   yamlpos.Str   `yaml:"authorType"`
	Publisher    yamlpos.Str   `yaml:"publisher"`
	Link         yamlpos.Str   `yaml:"link"`
	Title        *yamlpos.Text `yaml:"title"`
	URL          *yamlpos.Node `yaml:"url"` // language → URL, not every language
	Languages    []yamlpos.Str `yaml:"languages"`
}

type loader struct {
	d   *yamlpos.Decoder
	set *Set
}

func (l *loader) errAt(p yamlpos.Pos, format string, args ...any) {
	l.d.Probs.Errorf(l.d.Path, p.Line, p.Col, format, args...)
}

// text returns the languages a Text is written in (a missing one was
// reported as to translate; Set.text lets the source language stand in, and
// marks it).
func (l *loader) text(t *yamlpos.Text) map[string]string {
	if t.Text == nil {
		return map[string]string{}
	}
	return t.Text
}

var schemaTypes = []string{"Legislation", "Report", "Article", "WebPage", "CreativeWork", "Book", "ScholarlyArticle"}

func (l *loader) types(items []typeYAML) {
	for _, item := range items {
		t := Type{ID: item.ID.S, Schema: item.Schema.S}
		if t.Schema != "" && !slices.Contains(schemaTypes, t.Schema) {
			l.errAt(item.Schema.Pos, "schema %q: want one of %s", t.Schema, strings.Join(schemaTypes, ", "))
		}
		if item.Heading != nil {
			t.Heading = l.text(item.Heading)
		}
		if item.LegislationType != nil {
			t.LegislationType = l.text(item.LegislationType)
		}
		switch {
		case t.ID == "":
			l.errAt(item.Pos, "type without id")
			continue
		case slices.ContainsFunc(l.set.Types, func(o Type) bool { return o.ID == t.ID }):
			l.errAt(item.ID.Pos, "type %q defined twice", t.ID)
			continue
		case t.Heading == nil:
			l.errAt(item.Pos, "type %q: missing heading", t.ID)
		case t.Schema == "Legislation" && t.LegislationType == nil:
			l.errAt(item.Pos, "type %q: a Legislation type needs legislationType", t.ID)
		}
		l.set.Types = append(l.set.Types, t)
	}
}

func (l *loader) labels(in *labelsYAML) {
	lb := &l.set.Labels
	lb.LanguageNames, lb.Months = map[string]map[string]string{}, map[string][]string{}
	for _, f := range []struct {
		name string
		t    *yamlpos.Text
		to   *map[string]string
	}{{"notes", in.Notes, &lb.Notes}, {"backToRef", in.BackToRef, &lb.BackToRef}, {"citedOn", in.CitedOn, &lb.CitedOn}, {"inLanguage", in.InLanguage, &lb.InLanguage}} {
		if f.t == nil {
			l.errAt(in.Pos, "labels: missing %q", f.name)
			continue
		}
		*f.to = l.text(f.t)
	}
	if in.BackToRef != nil {
		for _, lang := range l.d.Langs {
			if s, ok := lb.BackToRef[lang]; ok && !strings.Contains(s, "{n}") {
				l.errAt(in.BackToRef.Pos, "backToRef.%s must contain {n}", lang)
			}
		}
	}
	for _, f := range []struct {
		name string
		n    *yamlpos.Node
		set  func(lang string, v *yamlpos.Node)
	}{
		{"languageNames", in.LanguageNames, func(lang string, v *yamlpos.Node) {
			var t yamlpos.Text
			l.d.Decode(v, &t)
			lb.LanguageNames[lang] = l.text(&t)
		}},
		{"months", in.Months, func(lang string, v *yamlpos.Node) {
			var names []string
			l.d.Decode(v, &names)
			if len(names) != 12 {
				l.d.Errorf(v, "months.%s: want 12 names, got %d", lang, len(names))
				return
			}
			lb.Months[lang] = names
		}},
	} {
		if f.n == nil {
			l.errAt(in.Pos, "labels: missing %q", f.name)
			continue
		}
		if f.n.Kind != yamlpos.Map {
			l.d.Errorf(f.n, "%s: want one line per language", f.name)
			continue
		}
		seen := map[string]bool{}
		for i, k := range f.n.Keys {
			if l.d.Language(k) {
				seen[k.Value] = true
				f.set(k.Value, f.n.Vals[i])
			}
		}
		for _, lang := range l.d.Langs {
			if !seen[lang] {
				l.d.Errorf(f.n, "%s: missing language %q", f.name, lang)
			}
		}
	}
}

var keyRE = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`)

func (l *loader) sources(n *yamlpos.Node) {
	if n.Kind != yamlpos.Map {
		if n.Kind != yamlpos.Null {
			l.d.Errorf(n, "sources: want a mapping (key: followed by the source's fields)")
		}
		return
	}
	for i, k := range n.Keys {
		key := k.Value
		if !keyRE.MatchString(key) {
			l.d.Errorf(k, "source key %q: want lowercase letters, digits and dashes", key)
			continue
		}
		if l.set.byKey[key] != nil {
			l.d.Errorf(k, "source %q defined twice", key)
			continue
		}
		src := l.source(key, k, n.Vals[i])
		l.set.sources = append(l.set.sources, src)
		l.set.byKey[key] = src
	}
}

func (l *loader) source(key string, keyN, val *yamlpos.Node) *Source {
	var y sourceYAML
	l.d.Decode(val, &y)
	src := &Source{
		Key: key, Type: y.Type.S, Jurisdiction: y.Jurisdiction.S, Date: y.Date.S,
		CELEX: y.CELEX.S, ELI: y.ELI.S, NUMAC: y.NUMAC.S, Author: y.Author.S,
		AuthorType: y.AuthorType.S, Publisher: y.Publisher.S, Link: y.Link.S,
	}
	src.line, src.col = keyN.Line, keyN.Col
	at := map[string]yamlpos.Pos{
		"type": y.Type.Pos, "date": y.Date.Pos, "celex": y.CELEX.Pos, "eli": y.ELI.Pos,
		"numac": y.NUMAC.Pos, "authorType": y.AuthorType.Pos, "link": y.Link.Pos,
	}
	if y.Title != nil {
		src.Title = l.text(y.Title)
	} else {
		l.d.Errorf(keyN, "source %q: missing title", key)
		src.Title = map[string]string{}
	}
	if u := y.URL; u != nil && u.Kind == yamlpos.Map {
		src.URL = map[string]string{}
		for i, k := range u.Keys {
			if !l.d.Language(k) {
				continue
			}
			var s yamlpos.Str
			l.d.Decode(u.Vals[i], &s)
			if strings.TrimSpace(s.S) == "" {
				l.errAt(s.Pos, "%s.url.%s is empty", key, k.Value)
				continue
			}
			src.URL[k.Value] = s.S
			at["url."+k.Value] = s.Pos
			l.checkURL(s.Pos, s.S)
		}
	} else if u != nil && u.Kind != yamlpos.Null {
		l.d.Errorf(u, "%s.url: want one URL per language (fr: https://…)", key)
	}
	for _, lang := range y.Languages {
		src.Languages = append(src.Languages, lang.S)
		if !slices.Contains(l.d.Langs, lang.S) {
			l.errAt(lang.Pos, "%s.languages: %q is not a site language", key, lang.S)
		}
	}
	l.validate(src, yamlpos.At(keyN), at)
	return src
}

var (
	celexRE  = regexp.MustCompile(`^3(\d{4})L(\d{4})$`)
	euELIRE  = regexp.MustCompile(`^http://data\.europa\.eu/eli/dir/(\d{4})/(\d+)/oj$`)
	beELIRE  = regexp.MustCompile(`^https?://www\.ejustice\.just\.fgov\.be/eli/(loi|wet|decret|decreet|ordonnance|ordonnantie|arrete|besluit)/(\d{4})/(\d{2})/(\d{2})/(\d{10})(/[a-z]+)?$`)
	numacRE  = regexp.MustCompile(`^(\d{4})\d{6}$`)
	dateRE   = regexp.MustCompile(`^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$`)
	eurLexRE = regexp.MustCompile(`^https://eur-lex\.europa\.eu/legal-content/([A-Z]{2})/`)
)

func (l *loader) checkURL(n yamlpos.Pos, raw string) bool {
	u, err := url.Parse(raw)
	switch {
	case err != nil:
		l.errAt(n, "malformed URL %q: %v", raw, err)
	case u.Scheme != "http" && u.Scheme != "https":
		l.errAt(n, "malformed URL %q: want an absolute http(s) URL", raw)
	case u.Host == "" || strings.ContainsAny(raw, " \t\n\\") || !strings.Contains(u.Host, "."):
		l.errAt(n, "malformed URL %q", raw)
	default:
		return true
	}
	return false
}

// validate checks the identifiers of src against their documented shapes and
// against each other; problems point at the offending value.
func (l *loader) validate(src *Source, keyN yamlpos.Pos, nodes map[string]yamlpos.Pos) {
	at := func(field string) yamlpos.Pos {
		if n := nodes[field]; n.Line > 0 {
			return n
		}
		return keyN
	}
	var typ *Type
	for i := range l.set.Types {
		if l.set.Types[i].ID == src.Type {
			typ = &l.set.Types[i]
		}
	}
	if src.Type == "" {
		l.errAt(keyN, "source %q: missing type", src.Key)
	} else if typ == nil && len(l.set.Types) > 0 {
		var ids []string
		for _, t := range l.set.Types {
			ids = append(ids, t.ID)
		}
		l.errAt(at("type"), "source %q: unknown type %q (want one of %s)", src.Key, src.Type, strings.Join(ids, ", "))
	}
	if src.Date != "" {
		m := dateRE.FindStringSubmatch(src.Date)
		if m == nil || !validDate(m[1], m[2], m[3]) {
			l.errAt(at("date"), "source %q: malformed date %q (want YYYY, YYYY-MM or YYYY-MM-DD)", src.Key, src.Date)
		}
	}
	switch src.AuthorType {
	case "":
		src.AuthorType = "Organization"
	case "Person", "Organization":
	default:
		l.errAt(at("authorType"), "source %q: authorType %q: want Person or Organization", src.Key, src.AuthorType)
	}
	if src.Link != "" {
		l.checkURL(at("link"), src.Link)
	}
	var celexYear, celexNum string
	if src.CELEX != "" {
		if m := celexRE.FindStringSubmatch(src.CELEX); m == nil {
			l.errAt(at("celex"), "source %q: malformed CELEX number %q (a directive is 3YYYYLNNNN)", src.Key, src.CELEX)
		} else {
			celexYear, celexNum = m[1], m[2]
		}
	}
	if src.ELI != "" {
		if m := euELIRE.FindStringSubmatch(src.ELI); m != nil {
			n, _ := strconv.Atoi(m[2])
			if celexYear != "" && (m[1] != celexYear || fmt.Sprintf("%04d", n) != celexNum) {
				l.errAt(at("eli"), "source %q: ELI %s does not match CELEX %s", src.Key, src.ELI, src.CELEX)
			}
		} else if m := beELIRE.FindStringSubmatch(src.ELI); m != nil {
			if src.NUMAC != "" && m[5] != src.NUMAC {
				l.errAt(at("eli"), "source %q: ELI %s does not match NUMAC %s", src.Key, src.ELI, src.NUMAC)
			}
			if src.Date != "" && src.Date != m[2]+"-"+m[3]+"-"+m[4] {
				l.errAt(at("eli"), "source %q: ELI %s does not match date %s", src.Key, src.ELI, src.Date)
			}
		} else {
			l.errAt(at("eli"), "source %q: malformed ELI %q (want http://data.europa.eu/eli/dir/YYYY/N/oj or https://www.ejustice.just.fgov.be/eli/TYPE/YYYY/MM/DD/NUMAC/justel)", src.Key, src.ELI)
		}
	}
	if src.NUMAC != "" {
		if m := numacRE.FindStringSubmatch(src.NUMAC); m == nil || m[1] < "1831" {
			l.errAt(at("numac"), "source %q: malformed NUMAC %q (ten digits, starting with a year)", src.Key, src.NUMAC)
		}
	}
	if src.CELEX != "" && src.Jurisdiction != "EU" {
		l.errAt(at("celex"), "source %q: a CELEX number is for EU acts (jurisdiction: EU)", src.Key)
	}
	if src.NUMAC != "" && src.Jurisdiction != "BE" {
		l.errAt(at("numac"), "source %q: a NUMAC is for Belgian acts (jurisdiction: BE)", src.Key)
	}
	if typ != nil && typ.Schema == "Legislation" && src.Jurisdiction == "" {
		l.errAt(keyN, "source %q: a legal act needs a jurisdiction (BE, EU)", src.Key)
	}
	// EUR-Lex takes the language in its path: a URL given for lang must be
	// that language's page, and it must be the act's CELEX.
	for _, lang := range l.d.Langs {
		u, ok := src.URL[lang]
		if !ok {
			continue
		}
		if m := eurLexRE.FindStringSubmatch(u); m != nil {
			if m[1] != strings.ToUpper(lang) {
				l.errAt(at("url."+lang), "source %q: url.%s is EUR-Lex's %s page", src.Key, lang, m[1])
			}
			if src.CELEX != "" && !strings.HasSuffix(u, "CELEX:"+src.CELEX) {
				l.errAt(at("url."+lang), "source %q: url.%s is not CELEX %s", src.Key, lang, src.CELEX)
			}
		}
	}
}

func validDate(y, m, d string) bool {
	if m == "" {
		return true
	}
	mi, _ := strconv.Atoi(m)
	if mi < 1 || mi > 12 {
		return false
	}
	if d == "" {
		return true
	}
	yi, _ := strconv.Atoi(y)
	di, _ := strconv.Atoi(d)
	days := [...]int{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}[mi-1]
	if mi == 2 && yi%4 == 0 && (yi%100 != 0 || yi%400 == 0) {
		days = 29
	}
	return di >= 1 && di <= days
}

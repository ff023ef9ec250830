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
//   - *Set implements markdown.Citer, and markdown's optional note-label
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
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
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

// NeedsPinpoint implements markdown.PinpointRequirer: legislation is cited
// with its article.
func (s *Set) NeedsPinpoint(key string) bool { return s.IsLegislation(key) }

// Known reports whether key is a source (markdown.Citer).
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
	file, err := parser.ParseBytes(data, 0)
	if err != nil {
		probs.Add(diag.FromYAML(path, 0, err))
		return set, probs
	}
	l := &loader{path: path, langs: langs, probs: probs, set: set}
	if len(file.Docs) == 0 || file.Docs[0].Body == nil {
		probs.Errorf(path, 1, 1, "empty file: want types, labels and sources")
		return set, probs
	}
	l.root(file.Docs[0].Body)
	return set, probs
}

type loader struct {
	path  string
	langs []string
	probs *diag.List
	set   *Set
}

func (l *loader) errAt(n ast.Node, format string, args ...any) {
	line, col := pos(n)
	l.probs.Errorf(l.path, line, col, format, args...)
}

func pos(n ast.Node) (int, int) {
	if n == nil {
		return 0, 0
	}
	if tk := n.GetToken(); tk != nil && tk.Position != nil {
		return tk.Position.Line, tk.Position.Column
	}
	return 0, 0
}

// pairs returns the entries of a mapping (goccy gives a lone entry as a
// MappingValueNode rather than a MappingNode), or nil and a problem.
func (l *loader) pairs(n ast.Node, what string) []*ast.MappingValueNode {
	switch m := unwrap(n).(type) {
	case *ast.MappingNode:
		return m.Values
	case *ast.MappingValueNode:
		return []*ast.MappingValueNode{m}
	case *ast.NullNode:
		return nil
	}
	l.errAt(n, "%s: want a mapping", what)
	return nil
}

func unwrap(n ast.Node) ast.Node {
	for {
		switch t := n.(type) {
		case *ast.TagNode:
			n = t.Value
		case *ast.AnchorNode:
			n = t.Value
		default:
			return n
		}
	}
}

// scalar returns the text of a scalar node; ok is false (and a problem
// reported) for mappings and sequences.
func (l *loader) scalar(n ast.Node, what string) (string, bool) {
	switch s := unwrap(n).(type) {
	case *ast.StringNode:
		return s.Value, true
	case *ast.LiteralNode:
		return strings.TrimRight(s.Value.Value, "\n"), true
	case *ast.NullNode:
		return "", true
	case *ast.MappingNode, *ast.MappingValueNode, *ast.SequenceNode:
		l.errAt(n, "%s: want a single value", what)
		return "", false
	default:
		if tk := s.GetToken(); tk != nil {
			return tk.Value, true
		}
	}
	return "", false
}

func (l *loader) strings(n ast.Node, what string) []string {
	seq, ok := unwrap(n).(*ast.SequenceNode)
	if !ok {
		l.errAt(n, "%s: want a list", what)
		return nil
	}
	var out []string
	for _, v := range seq.Values {
		if s, ok := l.scalar(v, what); ok {
			out = append(out, s)
		}
	}
	return out
}

// byLang reads {lang: text}; every key must be a site language, and when
// required every site language must be present.
func (l *loader) byLang(n ast.Node, what string, required bool) map[string]string {
	out := map[string]string{}
	for _, p := range l.pairs(n, what) {
		lang := keyOf(p.Key)
		if !slices.Contains(l.langs, lang) {
			l.errAt(p.Key, "%s: %q is not a site language (%s)", what, lang, strings.Join(l.langs, ", "))
			continue
		}
		if s, ok := l.scalar(p.Value, what+"."+lang); ok {
			if strings.TrimSpace(s) == "" {
				l.errAt(p.Value, "%s.%s is empty", what, lang)
				continue
			}
			out[lang] = s
		}
	}
	if required {
		for _, lang := range l.langs {
			if _, ok := out[lang]; ok {
				continue
			}
			if src := l.langs[0]; lang != src && out[src] != "" {
				line, col := pos(n)
				l.probs.Untranslatedf(l.path, line, col, "%s: not translated into %q yet: the %q text is shown", what, lang, src)
				continue
			}
			l.errAt(n, "%s: missing language %q", what, lang)
		}
	}
	return out
}

func (l *loader) root(body ast.Node) {
	var typesN, labelsN, sourcesN ast.Node
	for _, p := range l.pairs(body, "file") {
		switch keyOf(p.Key) {
		case "types":
			typesN = p.Value
		case "labels":
			labelsN = p.Value
		case "sources":
			sourcesN = p.Value
		default:
			l.errAt(p.Key, "unknown section %q (want types, labels, sources)", keyOf(p.Key))
		}
	}
	if typesN == nil || sourcesN == nil {
		l.errAt(body, "want the sections types and sources")
	}
	if typesN != nil {
		l.types(typesN)
	}
	if labelsN != nil {
		l.labels(labelsN)
	}
	if sourcesN != nil {
		l.sources(sourcesN)
	}
}

var schemaTypes = []string{"Legislation", "Report", "Article", "WebPage", "CreativeWork", "Book", "ScholarlyArticle"}

func (l *loader) types(n ast.Node) {
	seq, ok := unwrap(n).(*ast.SequenceNode)
	if !ok {
		l.errAt(n, "types: want a list")
		return
	}
	for _, item := range seq.Values {
		var t Type
		var idN ast.Node
		for _, p := range l.pairs(item, "types[]") {
			switch k := keyOf(p.Key); k {
			case "id":
				t.ID, _ = l.scalar(p.Value, "id")
				idN = p.Value
			case "schema":
				t.Schema, _ = l.scalar(p.Value, "schema")
				if !slices.Contains(schemaTypes, t.Schema) {
					l.errAt(p.Value, "schema %q: want one of %s", t.Schema, strings.Join(schemaTypes, ", "))
				}
			case "heading":
				t.Heading = l.byLang(p.Value, "heading", true)
			case "legislationType":
				t.LegislationType = l.byLang(p.Value, "legislationType", true)
			default:
				l.errAt(p.Key, "unknown field %q in a type", k)
			}
		}
		switch {
		case t.ID == "":
			l.errAt(item, "type without id")
			continue
		case slices.ContainsFunc(l.set.Types, func(o Type) bool { return o.ID == t.ID }):
			l.errAt(idN, "type %q defined twice", t.ID)
			continue
		case t.Heading == nil:
			l.errAt(item, "type %q: missing heading", t.ID)
		case t.Schema == "Legislation" && t.LegislationType == nil:
			l.errAt(item, "type %q: a Legislation type needs legislationType", t.ID)
		}
		l.set.Types = append(l.set.Types, t)
	}
}

func (l *loader) labels(n ast.Node) {
	lb := &l.set.Labels
	seen := map[string]bool{}
	for _, p := range l.pairs(n, "labels") {
		k := keyOf(p.Key)
		seen[k] = true
		switch k {
		case "notes":
			lb.Notes = l.byLang(p.Value, k, true)
		case "backToRef":
			lb.BackToRef = l.byLang(p.Value, k, true)
			for lang, s := range lb.BackToRef {
				if !strings.Contains(s, "{n}") {
					l.errAt(p.Value, "backToRef.%s must contain {n}", lang)
				}
			}
		case "citedOn":
			lb.CitedOn = l.byLang(p.Value, k, true)
		case "inLanguage":
			lb.InLanguage = l.byLang(p.Value, k, true)
		case "languageNames":
			lb.LanguageNames = map[string]map[string]string{}
			for _, q := range l.pairs(p.Value, k) {
				lang := keyOf(q.Key)
				if !slices.Contains(l.langs, lang) {
					l.errAt(q.Key, "languageNames: %q is not a site language", lang)
					continue
				}
				lb.LanguageNames[lang] = l.byLang(q.Value, "languageNames."+lang, true)
			}
			for _, lang := range l.langs {
				if lb.LanguageNames[lang] == nil {
					l.errAt(p.Value, "languageNames: missing language %q", lang)
				}
			}
		case "months":
			lb.Months = map[string][]string{}
			for _, q := range l.pairs(p.Value, k) {
				lang := keyOf(q.Key)
				if !slices.Contains(l.langs, lang) {
					l.errAt(q.Key, "months: %q is not a site language", lang)
					continue
				}
				m := l.strings(q.Value, "months."+lang)
				if len(m) != 12 {
					l.errAt(q.Value, "months.%s: want 12 names, got %d", lang, len(m))
					continue
				}
				lb.Months[lang] = m
			}
			for _, lang := range l.langs {
				if lb.Months[lang] == nil {
					l.errAt(p.Value, "months: missing language %q", lang)
				}
			}
		default:
			l.errAt(p.Key, "unknown label %q", k)
		}
	}
	for _, k := range []string{"notes", "backToRef", "citedOn", "inLanguage", "languageNames", "months"} {
		if !seen[k] {
			l.errAt(n, "labels: missing %q", k)
		}
	}
}

var keyRE = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`)

func (l *loader) sources(n ast.Node) {
	for _, p := range l.pairs(n, "sources") {
		key := keyOf(p.Key)
		if !keyRE.MatchString(key) {
			l.errAt(p.Key, "source key %q: want lowercase letters, digits and dashes", key)
			continue
		}
		if l.set.byKey[key] != nil {
			l.errAt(p.Key, "source %q defined twice", key)
			continue
		}
		src := l.source(key, p)
		l.set.sources = append(l.set.sources, src)
		l.set.byKey[key] = src
	}
}

func (l *loader) source(key string, entry *ast.MappingValueNode) *Source {
	src := &Source{Key: key}
	src.line, src.col = pos(entry.Key)
	nodes := map[string]ast.Node{}
	for _, p := range l.pairs(entry.Value, "source "+key) {
		k := keyOf(p.Key)
		nodes[k] = p.Value
		field := map[string]*string{
			"type": &src.Type, "jurisdiction": &src.Jurisdiction, "date": &src.Date,
			"celex": &src.CELEX, "eli": &src.ELI, "numac": &src.NUMAC,
			"author": &src.Author, "authorType": &src.AuthorType, "publisher": &src.Publisher, "link": &src.Link,
		}[k]
		switch {
		case field != nil:
			*field, _ = l.scalar(p.Value, key+"."+k)
		case k == "title":
			src.Title = l.byLang(p.Value, key+".title", true)
		case k == "url":
			src.URL = l.byLang(p.Value, key+".url", false)
			for _, q := range l.pairs(p.Value, key+".url") {
				nodes["url."+keyOf(q.Key)] = q.Value
				if u, ok := src.URL[keyOf(q.Key)]; ok {
					l.checkURL(q.Value, u)
				}
			}
		case k == "languages":
			src.Languages = l.strings(p.Value, key+".languages")
			for _, lang := range src.Languages {
				if !slices.Contains(l.langs, lang) {
					l.errAt(p.Value, "%s.languages: %q is not a site language", key, lang)
				}
			}
		default:
			l.errAt(p.Key, "source %q: unknown field %q", key, k)
		}
	}
	if src.Title == nil {
		l.errAt(entry.Key, "source %q: missing title", key)
		src.Title = map[string]string{}
	}
	l.validate(src, entry.Key, nodes)
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

func (l *loader) checkURL(n ast.Node, raw string) bool {
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
func (l *loader) validate(src *Source, keyN ast.Node, nodes map[string]ast.Node) {
	at := func(field string) ast.Node {
		if n := nodes[field]; n != nil {
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
	for _, lang := range l.langs {
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

// keyOf is a mapping key's text without quotes.
func keyOf(n ast.MapKeyNode) string {
	if s, ok := n.(*ast.StringNode); ok {
		return s.Value
	}
	if tk := n.GetToken(); tk != nil {
		return tk.Value
	}
	return n.String()
}

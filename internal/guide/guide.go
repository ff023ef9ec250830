// Package guide loads and checks data/guide.yaml: the "what is my
// situation?" questionnaire, a small decision tree of questions whose
// answers lead to another question or to an outcome.
//
// # Data
//
//	start: QUESTION-ID            the first question
//	title: {fr: …, nl: …}         the guide's name (its diagram's title)
//	summary: {fr: …}              one sentence (its diagram's summary)
//	questions:
//	  ID:
//	    text: {fr: …}             the question, one h1
//	    hint: {fr: …}             optional inline Markdown ({term:…} links)
//	    terms: [glossary-id]      optional: definitions shown under the question
//	    slug: {fr: …}             URL segment of the first question (optional)
//	    answers:
//	      - text: {fr: …}
//	        slug: {fr: …}         URL segment in each language
//	        next: ID              a question or an outcome
//	outcomes:
//	  ID:
//	    title: {fr: …}
//	    text: {fr: …}             3–5 plain sentences of Markdown: {rule:…},
//	                              {term:…}, [@source, p. 5], [text](ref:KEY)
//	    diagram: legal-stay | pending | irregular   how the guide's diagram draws it
//	    pathway: PAGE-KEY         the pathway page it leads to (optional)
//	    calculators: [ID]         calculators embedded on the outcome page
//	    pages: [PAGE-KEY]         further reading
//	    help: [HELP-ID]           who to contact, from the help section
//	help:
//	  ID:
//	    text: {fr: …}             inline Markdown
//
// Questions and outcomes share one namespace of ids.
//
// # Contract
//
// Load reports every problem at once as diag.Problems at path:line:col:
// YAML errors and unknown fields; every node reachable from start; no cycle;
// at most MaxQuestions questions on any path; every answer has a known
// target; every pathway, calculator, page, glossary term, rule and help key
// known (with "did you mean"); slugs unique among a question's answers. A
// text missing in the default language is an error; missing in another
// language it is a text to translate, and the default language's text is used.
// Nothing here renders HTML: the site renders texts with its Markdown
// converter and the pages with the theme's layouts.
package guide

import (
	"fmt"
	"io/fs"
	"regexp"
	"sort"
	"strings"

	"github.com/cire-asbl/fabrique/internal/diag"
	"github.com/cire-asbl/fabrique/internal/yamlpos"
)

// MaxQuestions is the most questions a reader answers before an outcome.
const MaxQuestions = 5

// Diagram kinds of an outcome (the pathway diagrams' outcome kinds).
var diagramKinds = []string{"legal-stay", "pending", "irregular"}

// Text is a text per language, remembering where it was written. It is
// decoded by yamlpos.Text: the site's languages are checked there (a
// language the site lacks is an error, a missing translation a text to
// translate) and each text is typeset for its language as it is loaded.
type Text struct {
	ByLang    map[string]string
	Line, Col int
}

// UnmarshalNode implements yamlpos.Unmarshaler.
func (t *Text) UnmarshalNode(d *yamlpos.Decoder, n *yamlpos.Node) {
	t.Line, t.Col = n.Line, n.Col
	if n.Kind == yamlpos.Scalar {
		d.Errorf(n, "write one text per language (fr: …, nl: …), not a single value")
		return
	}
	var y yamlpos.Text
	d.Decode(n, &y)
	t.ByLang = y.Text
}

// In returns the text in lang, else in def (the default language).
func (t Text) In(lang, def string) string {
	if s, ok := t.ByLang[lang]; ok && s != "" {
		return s
	}
	return t.ByLang[def]
}

// Has reports whether the text is written at all.
func (t Text) Has() bool { return len(t.ByLang) > 0 }

// Str is a scalar with its position.
type Str = yamlpos.Str

// Answer is one choice under a question.
type Answer struct {
	Text Text `yaml:"text"`
	Slug Text `yaml:"slug"`
	Next Str  `yaml:"next"`

	Line, Col int `yaml:"-"`
}

// Question is one page of the guide: a question and its answers.
type Question struct {
	ID      string    `yaml:"-"`
	Line    int       `yaml:"-"`
	Col     int       `yaml:"-"`
	Text    Text      `yaml:"text"`
	Hint    Text      `yaml:"hint"`
	Terms   []Str     `yaml:"terms"`
	Slug    Text      `yaml:"slug"`
	Answers []*Answer `yaml:"answers"`
}

// Outcome ends a path: what applies, the pathway, calculators and help.
type Outcome struct {
	ID          string `yaml:"-"`
	Line        int    `yaml:"-"`
	Col         int    `yaml:"-"`
	Title       Text   `yaml:"title"`
	Text        Text   `yaml:"text"`
	Diagram     Str    `yaml:"diagram"`
	Pathway     Str    `yaml:"pathway"`
	Calculators []Str  `yaml:"calculators"`
	Pages       []Str  `yaml:"pages"`
	Help        []Str  `yaml:"help"`
}

// Help is someone to contact, named by outcomes.
type Help struct {
	ID   string `yaml:"-"`
	Line int    `yaml:"-"`
	Col  int    `yaml:"-"`
	Text Text   `yaml:"text"`
}

// Guide is the loaded questionnaire.
type Guide struct {
	Path      string
	Start     Str
	Title     Text
	Summary   Text
	Questions []*Question // in file order
	Outcomes  []*Outcome
	Help      []*Help

	questions map[string]*Question
	outcomes  map[string]*Outcome
	help      map[string]*Help
}

// Question returns the question with id.
func (g *Guide) Question(id string) *Question { return g.questions[id] }

// Outcome returns the outcome with id.
func (g *Guide) Outcome(id string) *Outcome { return g.outcomes[id] }

// HelpEntry returns the help entry with id.
func (g *Guide) HelpEntry(id string) *Help { return g.help[id] }

// Options say what the guide's references may name. A nil list is not
// checked (a fixture that does not care); the site passes every list.
type Options struct {
	Langs       []string // site languages; the first is the default
	Pathways    []string // pathway page keys
	Calculators []string
	Pages       []string // every page key
	Terms       []string // glossary ids
	Rules       []string // rule parameter ids
}

var (
	idRe   = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	slugRe = regexp.MustCompile(`^[\p{Ll}\p{Lo}\p{N}]+(-[\p{Ll}\p{Lo}\p{N}]+)*$`)
	ruleRe = regexp.MustCompile(`\{rule:([^}]*)\}`)
	termRe = regexp.MustCompile(`\{term:([^}|]*)`)
	// A duration typed by hand goes stale when the rule data changes.
	copiedTime = regexp.MustCompile(`(?i)\b\d+\s*(jours?|mois|ans?|années?|semaines?|dagen|dag|maanden|maand|jaar|jaren|weken|days?|weeks?|months?|years?)\b`)
)

// Load reads and checks the guide at path. A nil Guide means the file could
// not be read as a guide at all.
func Load(fsys fs.FS, path string, opts Options) (*Guide, *diag.List) {
	probs := &diag.List{}
	src, err := fs.ReadFile(fsys, path)
	if err != nil {
		probs.Errorf(path, 0, 0, "cannot read: %v", err)
		return nil, probs
	}
	g := &Guide{Path: path, questions: map[string]*Question{}, outcomes: map[string]*Outcome{}, help: map[string]*Help{}}
	l := &loader{g: g, opts: opts, probs: probs}
	if !l.parse(src) {
		return nil, probs
	}
	l.checkNodes()
	l.checkGraph()
	return g, probs
}

type loader struct {
	g     *Guide
	opts  Options
	probs *diag.List
}

func (l *loader) errorf(line, col int, format string, args ...any) {
	l.probs.Errorf(l.g.Path, line, col, format, args...)
}

// parse walks the document's top two levels so that one bad entry does
// not hide the problems of the others; each entry is decoded by yamlpos
// (unknown keys with "did you mean", every problem at its line:col).
func (l *loader) parse(src []byte) bool {
	root := yamlpos.Parse(l.g.Path, src, l.probs)
	if root == nil {
		return false
	}
	if root.Kind == yamlpos.Null {
		l.errorf(1, 1, "empty guide: write start:, questions: and outcomes:")
		return false
	}
	if root.Kind != yamlpos.Map {
		l.errorf(root.Line, root.Col, "the guide is a mapping: start:, title:, summary:, questions:, outcomes:, help:")
		return false
	}
	d := &yamlpos.Decoder{Path: l.g.Path, Probs: l.probs}
	if len(l.opts.Langs) > 0 {
		d.Langs = l.opts.Langs
	}
	for i, k := range root.Keys {
		v := root.Vals[i]
		switch key := k.Value; key {
		case "start":
			d.Decode(v, &l.g.Start)
		case "title":
			d.Decode(v, &l.g.Title)
		case "summary":
			d.Decode(v, &l.g.Summary)
		case "questions":
			eachEntry(l, v, func(id string, line, col int, n *yamlpos.Node) {
				q := &Question{}
				d.Decode(n, q)
				q.ID, q.Line, q.Col = id, line, col
				for _, a := range q.Answers {
					if a != nil && a.Line == 0 {
						a.Line, a.Col = firstPos(a)
					}
				}
				answerPositions(n, q)
				if l.add(id, line, col) {
					l.g.Questions = append(l.g.Questions, q)
					l.g.questions[id] = q
				}
			})
		case "outcomes":
			eachEntry(l, v, func(id string, line, col int, n *yamlpos.Node) {
				o := &Outcome{}
				d.Decode(n, o)
				o.ID, o.Line, o.Col = id, line, col
				if l.add(id, line, col) {
					l.g.Outcomes = append(l.g.Outcomes, o)
					l.g.outcomes[id] = o
				}
			})
		case "help":
			eachEntry(l, v, func(id string, line, col int, n *yamlpos.Node) {
				h := &Help{}
				d.Decode(n, h)
				h.ID, h.Line, h.Col = id, line, col
				if l.g.help[id] != nil {
					l.errorf(line, col, "help %q is defined twice", id)
					return
				}
				l.g.Help = append(l.g.Help, h)
				l.g.help[id] = h
			})
		default:
			l.errorf(k.Line, k.Col, "unknown key %q: the guide has start, title, summary, questions, outcomes and help%s", key, didYouMean(key, []string{"start", "title", "summary", "questions", "outcomes", "help"}))
		}
	}
	return true
}

// add registers a question or outcome id, which share one namespace.
func (l *loader) add(id string, line, col int) bool {
	if !idRe.MatchString(id) {
		l.errorf(line, col, "id %q: use lowercase letters, digits and dashes", id)
		return false
	}
	if l.g.questions[id] != nil || l.g.outcomes[id] != nil {
		l.errorf(line, col, "%q is already a question or an outcome: ids must be unique across both", id)
		return false
	}
	return true
}

func firstPos(a *Answer) (int, int) {
	if a.Text.Line > 0 {
		return a.Text.Line, a.Text.Col
	}
	return a.Next.Line, a.Next.Col
}

// answerPositions records where each answer's list item starts.
func answerPositions(n *yamlpos.Node, q *Question) {
	a := n.Get("answers")
	if a == nil || a.Kind != yamlpos.Seq {
		return
	}
	for i, item := range a.Vals {
		if i < len(q.Answers) && q.Answers[i] != nil && item.Kind == yamlpos.Map {
			q.Answers[i].Line, q.Answers[i].Col = item.Line, item.Col
		}
	}
}

// eachEntry calls fn for every key of a mapping node, with the key's position.
func eachEntry(l *loader, n *yamlpos.Node, fn func(id string, line, col int, v *yamlpos.Node)) {
	switch n.Kind {
	case yamlpos.Null:
		return
	case yamlpos.Map:
	default:
		l.errorf(n.Line, n.Col, "expected a mapping of id: {…}")
		return
	}
	for i, k := range n.Keys {
		fn(k.Value, k.Line, k.Col, n.Vals[i])
	}
}

// checkNodes checks every text, slug and reference.
func (l *loader) checkNodes() {
	g := l.g
	l.text("title", g.Title)
	l.text("summary", g.Summary)
	for _, q := range g.Questions {
		where := "question " + q.ID
		l.text(where+": text", q.Text)
		if q.Hint.Has() {
			l.text(where+": hint", q.Hint)
		}
		if q.Slug.Has() {
			l.slugs(where+": slug", q.Slug)
		}
		l.refs(where+": term", q.Terms, l.opts.Terms, "glossary term (data/glossary.yaml)")
		if len(q.Answers) < 2 {
			l.errorf(q.Line, q.Col, "%s has %d answer(s): a question needs at least two", where, len(q.Answers))
		}
		seen := map[string]map[string]bool{}
		for i, a := range q.Answers {
			if a == nil {
				l.errorf(q.Line, q.Col, "%s: answer %d is empty", where, i+1)
				continue
			}
			aw := fmt.Sprintf("%s, answer %d", where, i+1)
			l.text(aw+": text", a.Text)
			l.slugs(aw+": slug", a.Slug)
			for _, lang := range l.opts.Langs {
				s := a.Slug.In(lang, l.def())
				if s == "" {
					continue
				}
				if seen[lang] == nil {
					seen[lang] = map[string]bool{}
				}
				if seen[lang][s] {
					l.errorf(a.Slug.Line, a.Slug.Col, "%s: slug %q (%s) is already used by another answer to this question", aw, s, lang)
				}
				seen[lang][s] = true
			}
		}
	}
	for _, o := range g.Outcomes {
		where := "outcome " + o.ID
		l.text(where+": title", o.Title)
		l.text(where+": text", o.Text)
		switch {
		case o.Diagram.S == "":
			l.errorf(o.Line, o.Col, "%s: add diagram: legal-stay | pending | irregular (how the guide's diagram draws it)", where)
		case !contains(diagramKinds, o.Diagram.S):
			l.errorf(o.Diagram.Line, o.Diagram.Col, "%s: diagram %q is not one of legal-stay, pending, irregular%s", where, o.Diagram.S, didYouMean(o.Diagram.S, diagramKinds))
		}
		if o.Pathway.S != "" {
			l.refs(where+": pathway", []Str{o.Pathway}, l.opts.Pathways, "pathway page")
		}
		l.refs(where+": calculator", o.Calculators, l.opts.Calculators, "calculator (data/calculators.yaml)")
		l.refs(where+": page", o.Pages, l.opts.Pages, "page key")
		var helpIDs []string
		for _, h := range g.Help {
			helpIDs = append(helpIDs, h.ID)
		}
		l.refs(where+": help", o.Help, helpIDs, "help entry (help: in this file)")
	}
	for _, h := range g.Help {
		l.text("help "+h.ID, h.Text)
	}
}

func (l *loader) def() string {
	if len(l.opts.Langs) == 0 {
		return ""
	}
	return l.opts.Langs[0]
}

// text checks a text is written, and its rule and term references and
// typed durations in every language. Its languages (the default one
// required, another missing a text to translate, no language the site
// lacks) were checked as it was decoded (yamlpos.Text).
func (l *loader) text(what string, t Text) {
	if !t.Has() {
		l.errorf(t.Line, t.Col, "%s: missing; write it in every language (%s)", what, strings.Join(l.opts.Langs, ", "))
		return
	}
	langs := make([]string, 0, len(t.ByLang))
	for lang := range t.ByLang {
		langs = append(langs, lang)
	}
	sort.Strings(langs)
	for _, lang := range langs {
		s := t.ByLang[lang]
		if m := copiedTime.FindString(s); m != "" {
			l.errorf(t.Line, t.Col, "%s (%s): %q looks like a typed duration; write {rule:ID} so the text follows the rule data", what, lang, m)
		}
		for _, m := range ruleRe.FindAllStringSubmatch(s, -1) {
			if l.opts.Rules != nil && !contains(l.opts.Rules, m[1]) {
				l.errorf(t.Line, t.Col, "%s (%s): unknown rule %q%s", what, lang, m[1], didYouMean(m[1], l.opts.Rules))
			}
		}
		for _, m := range termRe.FindAllStringSubmatch(s, -1) {
			if l.opts.Terms != nil && !contains(l.opts.Terms, m[1]) {
				l.errorf(t.Line, t.Col, "%s (%s): unknown glossary term %q%s", what, lang, m[1], didYouMean(m[1], l.opts.Terms))
			}
		}
	}
}

// slugs checks URL segments; a missing one falls back to the default
// language's (a warning, like any missing translation).
func (l *loader) slugs(what string, t Text) {
	if !t.Has() {
		l.errorf(t.Line, t.Col, "%s: missing; give each language a short URL segment (lowercase words and dashes)", what)
		return
	}
	l.text(what, t)
	for lang, s := range t.ByLang {
		if s != "" && !slugRe.MatchString(s) {
			l.errorf(t.Line, t.Col, "%s (%s): %q is not a URL segment: lowercase words joined by dashes", what, lang, s)
		}
	}
}

// refs checks that every key names something in known.
func (l *loader) refs(what string, keys []Str, known []string, kind string) {
	if known == nil {
		return
	}
	for _, k := range keys {
		if !contains(known, k.S) {
			l.errorf(k.Line, k.Col, "%s: %q is not a known %s%s", what, k.S, kind, didYouMean(k.S, known))
		}
	}
}

func contains(xs []string, x string) bool {
	for _, s := range xs {
		if s == x {
			return true
		}
	}
	return false
}

package pathway

import (
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"sort"
	"strings"

	"github.com/cire-asbl/fabrique/internal/diag"
	"github.com/cire-asbl/fabrique/internal/typography"
	"github.com/cire-asbl/fabrique/internal/yamlpos"
)

// DurationFunc formats a rule parameter (a duration such as
// "single-permit.renewal-notice") in a language: "2 mois", "2 maanden".
// The site backs it with the rules package; tests use a fake.
type DurationFunc func(paramID, lang string) (string, error)

// Options configure Load.
type Options struct {
	// Langs every label must have, in order (the first is the source language).
	Langs []string
	// Known reports whether a rule parameter id exists; nil accepts any id.
	Known func(id string) bool
	// Duration formats rule parameters when diagrams are rendered. When set,
	// Load also formats every reference once per language so a failing rule
	// is reported at the label that uses it.
	Duration DurationFunc
	// Words returns an interface word ("legend", "kind.step"…) in a language,
	// from the site's strings files (internal/i18n). When set, _labels.yaml
	// is not read; nil: _labels.yaml holds them (tests' fixtures).
	Words func(key, lang string) string
}

// Node kinds.
const (
	KindStep     = "step"
	KindDecision = "decision"
	KindOutcome  = "outcome"
)

// Outcome kinds.
const (
	LegalStay = "legal-stay"
	Pending   = "pending"
	Irregular = "irregular"
)

// Label is a text per language, remembering where it was written, checked
// against the site's languages and typeset when the file is loaded.
type Label = yamlpos.Text

// Str is a scalar with its position.
type Str = yamlpos.Str

// Node is a step, a decision or an outcome.
type Node struct {
	ID      Str   `yaml:"id"`
	Kind    Str   `yaml:"kind"`
	Outcome Str   `yaml:"outcome"` // for kind outcome: legal-stay | pending | irregular
	Label   Label `yaml:"label"`
}

// Edge goes from one node to another, optionally with a condition label.
type Edge struct {
	From  Str    `yaml:"from"`
	To    Str    `yaml:"to"`
	Label *Label `yaml:"label"`
	Line  int    `yaml:"-"`
	Col   int    `yaml:"-"`
}

// Pathway is one graph, as written in data/pathways/ID.yaml.
type Pathway struct {
	ID      string  `yaml:"-"`
	Path    string  `yaml:"-"`
	Title   Label   `yaml:"title"`
	Summary Label   `yaml:"summary"`
	Nodes   []*Node `yaml:"nodes"`
	Edges   []*Edge `yaml:"edges"`

	index map[string]int
}

// Set holds every pathway and the UI words of data/pathways/_labels.yaml.
type Set struct {
	opts     Options
	pathways map[string]*Pathway
	ids      []string
	ui       map[string]Label
}

// uiKeys are the words the renderer needs from _labels.yaml.
var uiKeys = []string{
	"legend", "text-version", "open", "region", "then", "step", "end",
	"kind.step", "kind.decision", "kind.legal-stay", "kind.pending", "kind.irregular",
	"prefix.legal-stay", "prefix.pending", "prefix.irregular",
	"irregular-exits", "desc-suffix",
}

var (
	ruleRef    = regexp.MustCompile(`\{rule:([^}]*)\}`)
	idPattern  = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	copiedTime = regexp.MustCompile(`(?i)\b\d+\s*(jours?|mois|ans?|années?|dagen|dag|maanden|maand|jaar|jaren|days?|months?|years?)\b`)
)

// Load reads every *.yaml file of dir in fsys: _labels.yaml holds UI words,
// every other file one pathway whose id is the file name. All problems are
// reported together; the Set is usable for the pathways that loaded.
func Load(fsys fs.FS, dir string, opts Options) (*Set, *diag.List) {
	probs := &diag.List{}
	s := &Set{opts: opts, pathways: map[string]*Pathway{}, ui: map[string]Label{}}
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		probs.Errorf(dir, 0, 0, "cannot read pathways: %v", err)
		return s, probs
	}
	if len(opts.Langs) == 0 {
		probs.Errorf(dir, 0, 0, "pathway.Load: no languages given")
		return s, probs
	}
	var names []string
	for _, e := range entries {
		if !e.IsDir() && strings.HasSuffix(e.Name(), ".yaml") {
			names = append(names, e.Name())
		}
	}
	sort.Strings(names)
	haveLabels := false
	for _, name := range names {
		p := path.Join(dir, name)
		src, err := fs.ReadFile(fsys, p)
		if err != nil {
			probs.Errorf(p, 0, 0, "%v", err)
			continue
		}
		if name == "_labels.yaml" {
			haveLabels = true
			if opts.Words != nil {
				probs.Errorf(p, 0, 0, "the diagrams' interface words live in the strings files now ([diagram] in themes/…/i18n/{lang}.toml): delete this file")
				continue
			}
			s.loadUI(p, src, probs)
			continue
		}
		if strings.HasPrefix(name, "_") {
			continue
		}
		pw := s.loadPathway(p, strings.TrimSuffix(name, ".yaml"), src, probs)
		if pw != nil {
			s.pathways[pw.ID] = pw
			s.ids = append(s.ids, pw.ID)
		}
	}
	if !haveLabels && opts.Words == nil {
		probs.Errorf(path.Join(dir, "_labels.yaml"), 0, 0, "missing: the diagrams' UI words (legend, text version…) live there")
	}
	return s, probs
}

func (s *Set) loadUI(p string, src []byte, probs *diag.List) {
	var m map[string]Label
	if yamlpos.File(p, src, &m, s.opts.Langs, probs) == nil {
		return
	}
	for _, k := range uiKeys {
		l, ok := m[k]
		if !ok {
			probs.Errorf(p, 0, 0, "missing UI label %q", k)
			continue
		}
		s.checkLabel(p, "UI label "+k, l, probs, false)
		s.ui[k] = l
	}
	var extra []string
	for k := range m {
		if !contains(uiKeys, k) {
			extra = append(extra, k)
		}
	}
	sort.Strings(extra)
	for _, k := range extra {
		probs.Errorf(p, m[k].Line, m[k].Col, "unknown UI label %q", k)
	}
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

func (s *Set) loadPathway(p, id string, src []byte, probs *diag.List) *Pathway {
	pw := &Pathway{}
	n0, _ := probs.Count() // errors only: a text to translate keeps the pathway
	if yamlpos.File(p, src, pw, s.opts.Langs, probs) == nil {
		return nil
	}
	pw.ID, pw.Path = id, p
	if !idPattern.MatchString(id) {
		probs.Errorf(p, 0, 0, "pathway file name %q is not a lowercase-dash id", id)
	}
	s.checkLabel(p, "title", pw.Title, probs, true)
	s.checkLabel(p, "summary", pw.Summary, probs, true)
	pw.index = map[string]int{}
	for i, n := range pw.Nodes {
		where := fmt.Sprintf("node %d", i+1)
		switch {
		case n.ID.S == "":
			probs.Errorf(p, n.Label.Line, n.Label.Col, "%s: missing id", where)
		case !idPattern.MatchString(n.ID.S):
			probs.Errorf(p, n.ID.Line, n.ID.Col, "node id %q: use lowercase letters, digits and dashes", n.ID.S)
		case n.ID.S == "title" || n.ID.S == "desc" || n.ID.S == "arrow":
			// These suffixes name the SVG's own elements (pw-ID-LANG-title…).
			probs.Errorf(p, n.ID.Line, n.ID.Col, "node id %q is reserved", n.ID.S)
		default:
			if _, dup := pw.index[n.ID.S]; dup {
				probs.Errorf(p, n.ID.Line, n.ID.Col, "duplicate node id %q", n.ID.S)
			}
			pw.index[n.ID.S] = i
			where = "node " + n.ID.S
		}
		switch n.Kind.S {
		case KindStep, KindDecision:
			if n.Outcome.S != "" {
				probs.Errorf(p, n.Outcome.Line, n.Outcome.Col, "%s: only an outcome node has an outcome kind", where)
			}
		case KindOutcome:
			switch n.Outcome.S {
			case LegalStay, Pending, Irregular:
			case "":
				probs.Errorf(p, n.Kind.Line, n.Kind.Col, "%s: an outcome needs `outcome: legal-stay | pending | irregular`", where)
			default:
				probs.Errorf(p, n.Outcome.Line, n.Outcome.Col, "%s: unknown outcome %q (legal-stay | pending | irregular)", where, n.Outcome.S)
			}
		case "":
			probs.Errorf(p, n.ID.Line, n.ID.Col, "%s: missing kind (step | decision | outcome)", where)
		default:
			probs.Errorf(p, n.Kind.Line, n.Kind.Col, "%s: unknown kind %q (step | decision | outcome)", where, n.Kind.S)
		}
		if n.Label.Text == nil {
			probs.Errorf(p, n.ID.Line, n.ID.Col, "%s: missing label", where)
		} else {
			s.checkLabel(p, where+" label", n.Label, probs, true)
		}
	}
	out := map[string]int{}
	for i, e := range pw.Edges {
		e.Line, e.Col = e.From.Line, e.From.Col
		where := fmt.Sprintf("edge %d (%s → %s)", i+1, e.From.S, e.To.S)
		for _, end := range []Str{e.From, e.To} {
			if _, ok := pw.index[end.S]; !ok {
				probs.Errorf(p, end.Line, end.Col, "%s: unknown node %q", where, end.S)
			}
		}
		if e.From.S == e.To.S && e.From.S != "" {
			probs.Errorf(p, e.From.Line, e.From.Col, "%s: an edge cannot loop on one node", where)
		}
		if e.Label != nil {
			s.checkLabel(p, where+" label", *e.Label, probs, true)
		}
		out[e.From.S]++
	}
	for _, n := range pw.Nodes {
		if n.Kind.S == KindOutcome && out[n.ID.S] > 0 {
			probs.Errorf(p, n.ID.Line, n.ID.Col, "outcome %q ends the path: it cannot have outgoing edges", n.ID.S)
		}
		if n.Kind.S != KindOutcome && out[n.ID.S] == 0 && n.ID.S != "" {
			probs.Errorf(p, n.ID.Line, n.ID.Col, "node %q leads nowhere: end the path with an outcome node", n.ID.S)
		}
	}
	if e, _ := probs.Count(); e == n0 {
		if e := pw.cycle(); e != nil {
			probs.Errorf(p, e.Line, e.Col, "edge %s → %s closes a cycle: a pathway diagram flows one way (repeat a step as a new node)", e.From.S, e.To.S)
		}
	}
	if e, _ := probs.Count(); e != n0 {
		return nil
	}
	return pw
}

// checkLabel reports missing languages, unknown rule references, and
// durations typed as numbers instead of rule references.
func (s *Set) checkLabel(p, what string, l Label, probs *diag.List, rules bool) {
	if l.Text == nil {
		probs.Errorf(p, l.Line, l.Col, "%s: missing", what)
		return
	}
	// Languages (missing, unknown) were checked as the file was decoded.
	for _, lang := range s.opts.Langs {
		t, ok := l.Text[lang]
		if !ok {
			continue
		}
		if !rules {
			continue
		}
		if m := copiedTime.FindString(ruleRef.ReplaceAllString(t, "")); m != "" {
			probs.Errorf(p, l.Line, l.Col, "%s (%s): %q looks like a copied duration; write {rule:ID} so the diagram follows the rule data", what, lang, m)
		}
		for _, m := range ruleRef.FindAllStringSubmatch(t, -1) {
			id := m[1]
			if s.opts.Known != nil && !s.opts.Known(id) {
				probs.Errorf(p, l.Line, l.Col, "%s (%s): unknown rule parameter %q", what, lang, id)
				continue
			}
			if s.opts.Duration != nil {
				if _, err := s.opts.Duration(id, lang); err != nil {
					probs.Errorf(p, l.Line, l.Col, "%s (%s): rule %q: %v", what, lang, id, err)
				}
			}
		}
	}
}

// cycle returns an edge that closes a cycle, or nil (edges checked in order).
func (pw *Pathway) cycle() *Edge {
	state := make([]int, len(pw.Nodes)) // 0 new, 1 on stack, 2 done
	adj := make([][]*Edge, len(pw.Nodes))
	for _, e := range pw.Edges {
		adj[pw.index[e.From.S]] = append(adj[pw.index[e.From.S]], e)
	}
	var found *Edge
	var visit func(i int)
	visit = func(i int) {
		state[i] = 1
		for _, e := range adj[i] {
			j := pw.index[e.To.S]
			if state[j] == 1 && found == nil {
				found = e
			}
			if state[j] == 0 {
				visit(j)
			}
		}
		state[i] = 2
	}
	for i := range pw.Nodes {
		if state[i] == 0 {
			visit(i)
		}
	}
	return found
}

// IDs returns the pathway ids, sorted.
func (s *Set) IDs() []string { return append([]string(nil), s.ids...) }

// Pathway returns the graph of one pathway.
func (s *Set) Pathway(id string) (*Pathway, bool) {
	pw, ok := s.pathways[id]
	return pw, ok
}

// Title returns the pathway's title in lang ("" if unknown).
func (s *Set) Title(id, lang string) string {
	pw, ok := s.pathways[id]
	if !ok {
		return ""
	}
	return s.plain(pw.Title, lang)
}

// RuleIDs returns every rule parameter id the pathways refer to, sorted, so
// the build can check them against the rule data.
func (s *Set) RuleIDs() []string {
	seen := map[string]bool{}
	add := func(l *Label) {
		if l == nil {
			return
		}
		for _, t := range l.Text {
			for _, m := range ruleRef.FindAllStringSubmatch(t, -1) {
				seen[m[1]] = true
			}
		}
	}
	for _, pw := range s.pathways {
		for _, n := range pw.Nodes {
			add(&n.Label)
		}
		for _, e := range pw.Edges {
			add(e.Label)
		}
	}
	var ids []string
	for id := range seen {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}

// text resolves {rule:ID} references in a label.
func (s *Set) text(l *Label, lang string) (string, error) {
	if l == nil {
		return "", nil
	}
	t, ok := l.Text[lang]
	if !ok && len(s.opts.Langs) > 0 {
		// Not translated yet (Load warned): the source language's text,
		// durations included, so the label reads in one language.
		lang = s.opts.Langs[0]
		t, ok = l.Text[lang]
	}
	if !ok {
		return "", fmt.Errorf("no %q text", lang)
	}
	var err error
	t = ruleRef.ReplaceAllStringFunc(t, func(m string) string {
		id := ruleRef.FindStringSubmatch(m)[1]
		if s.opts.Duration == nil {
			err = fmt.Errorf("rule %q: no DurationFunc given", id)
			return m
		}
		v, e := s.opts.Duration(id, lang)
		if e != nil && err == nil {
			err = fmt.Errorf("rule %q: %w", id, e)
		}
		// A duration is one unit of meaning: never break "2 mois" across
		// lines. Its status after it, "(selon l’analyse du CIRÉ)", wraps
		// like words: glued to the value it made a word wider than a narrow
		// box, cut in the middle ("CI-RÉ").
		value, status, ok := strings.Cut(v, " (")
		value = strings.ReplaceAll(value, " ", "\u00a0")
		if ok {
			return value + "\u00a0(" + status
		}
		return value
	})
	return t, err
}

// word is an interface word in lang, typeset like the data texts (the
// strings files are typed with plain spaces: "Schéma : {title}").
func (s *Set) word(key, lang string) string {
	if s.opts.Words != nil {
		return typography.Text(lang, s.opts.Words(key, lang))
	}
	l := s.ui[key]
	if t, ok := l.Text[lang]; ok {
		return t
	}
	return l.Text[s.opts.Langs[0]]
}

// plain returns a label without rule references in lang, or in the source
// language when it is not translated yet (Load warned).
func (s *Set) plain(l Label, lang string) string {
	if t, ok := l.Text[lang]; ok || len(s.opts.Langs) == 0 {
		return t
	}
	return l.Text[s.opts.Langs[0]]
}

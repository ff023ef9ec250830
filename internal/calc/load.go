package calc

import (
	"errors"
	"fmt"
	"io/fs"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/cire-asbl/fabrique/internal/cite"
	"github.com/cire-asbl/fabrique/internal/diag"
	"github.com/cire-asbl/fabrique/internal/rules"
	"github.com/cire-asbl/fabrique/internal/yamlpos"
)

// Input years accepted by every calculator. Bounded so every result keeps a
// four-digit year (string order = date order in the generated JS) and so a
// typo like 20026 is caught as a mistake, not computed.
const (
	MinInputYear = 1900
	MaxInputYear = 2199
)

// Input types.
const (
	TypeDate   = "date"
	TypeChoice = "choice"
	TypeFlag   = "flag"
)

// Error codes returned in FieldError.Code (checks add their own).
const (
	CodeRequired   = "required"
	CodeInvalid    = "invalid"
	CodeOutOfRange = "out-of-range"
	CodeUnknown    = "unknown-calculator"
	// CodeNoRule: no value of a rule the calculator applies is known on its
	// rules date (a date before the law the site describes).
	CodeNoRule = "no-rule"
)

// StatusKey is the result field that gives, for each output computed from
// rule values, the weakest legal status of those values (rules.Statuses):
// {"advised_filing_day": "adopted"}. No output may take this name.
const StatusKey = "status"

// Output kinds: what an output is to the reader.
const (
	KindDeadline = "deadline" // a legal deadline someone must meet
	KindAdvice   = "advice"   // advice, not a legal obligation
	KindInfo     = "info"     // an estimate or an answer
)

// uiKeys are the interface strings every language must define.
var uiKeys = []string{"day", "month", "year", "date_hint", "submit", "error_title", "results_title",
	"indicative", "rules_used", "basis", "rule", "value", "source", "no_js", "choose", "date_format",
	"from", "status", "deadline", "advice"}

var errorKeys = []string{"required", "required-choice", "invalid", "out-of-range", "invalid-choice", CodeNoRule}

// uiOptional are interface strings of the result a person can act on
// (calculator-ui.js): the sentence, days left or past, calendar and print
// buttons, the no-JavaScript worked example; optErrorKeys are errors found
// in the browser before calculate() (a two-digit year).
var uiOptional = []string{"sentence", "days_left", "days_left_one", "due_today", "past", "past_one",
	"add_calendar", "print_dates", "next_step", "help_link", "example_title", "example_intro", "event_reminder", "today"}

var optErrorKeys = []string{"year-digits"}

var nameRe = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)
var idRe = regexp.MustCompile(`^[a-z][a-z0-9-]*$`)

// Options are what the caller provides.
type Options struct {
	Rules     *rules.Set
	Languages []string
	// Cite formats a source reference for the rule table and results (HTML).
	// Nil: the key and pinpoint, as text.
	Cite func(ref cite.Ref, lang string) (html string, err error)
	// UI is the interface text per language, from the site's strings files
	// (internal/i18n). Nil: the file's own ui: block (tests' fixtures).
	UI map[string]*UI
	// Default is the source language: a text missing in another language is
	// a warning and the default's text is shown, marked lang="…" with the
	// UI's "not_translated" hint. Empty: every language is required.
	Default string
}

// Calculators is every calculator of data/calculators.yaml, checked against
// the rule set. Read-only after Load; safe for concurrent use.
type Calculators struct {
	rules *rules.Set
	langs []string
	cite  func(cite.Ref, string) (string, error)
	ui    map[string]*UI
	calcs map[string]*Calculator
	ids   []string
	def   string
}

// UI is the interface text of one language.
type UI struct {
	Text        map[string]string
	Months      []string
	MonthsShort []string // usual abbreviations ("mrt", "févr."), optional
	Errors      map[string]string
	// MonthAliases are other names readers may type, per month (optional).
	MonthAliases [][]string
}

// Calculator is one calculator.
type Calculator struct {
	ID    string
	Title map[string]string
	// NextStep (optional) says what to do once the dates are known;
	// Event (optional) names the calendar event of a date output.
	NextStep, Event map[string]string
	// RulesAt is the date input on which the rule values are taken: the
	// legally relevant date (the expiry, the filing). "" means the site's
	// reference date (asOf).
	RulesAt string
	Inputs  []*Input
	Checks  []*Check
	Lets    []*Formula
	Outputs []*Output
	Rules   []string // rule parameter ids used, in first-use order
}

// Input is one field.
type Input struct {
	Name, Type  string
	Label, Hint map[string]string
	Options     []Option
}

// Option is a choice value (or a string output value) with its labels.
type Option struct {
	Value string
	Label map[string]string
}

// Check is a cross-field condition that makes the input invalid when true.
type Check struct {
	When        *node
	Field, Code string
	Message     map[string]string
}

// Formula is a named intermediate value.
type Formula struct {
	Name string
	Expr *node
}

// Output is one result.
type Output struct {
	Name  string
	Expr  *node
	Type  string // date | number | bool | string
	Kind  string // KindDeadline | KindAdvice | KindInfo
	Label map[string]string
	// Sentence says who must do what by when, per language, {value} (or
	// {date} for a date result) standing for the formatted result
	// ("Your employer must file the renewal by {value}.").
	Sentence map[string]string
	Rules    []string          // rule ids the output depends on, directly or through names
	Values   []Option          // for string outputs
	Yes, No  map[string]string // for bool outputs
	// Past (optional, date outputs) says what it means when the date is
	// already past (calculator-ui.js).
	Past map[string]string
}

// IDs returns the calculator ids in file order.
func (c *Calculators) IDs() []string { return append([]string(nil), c.ids...) }

// Get returns a calculator by id.
func (c *Calculators) Get(id string) (*Calculator, bool) {
	k, ok := c.calcs[id]
	return k, ok
}

type loader struct {
	path  string
	probs *diag.List
	langs []string
	def   string
}

func (l *loader) errf(n *yamlpos.Node, format string, args ...any) {
	line, col := 0, 0
	if n != nil {
		line, col = n.Line, n.Col
	}
	l.probs.Errorf(l.path, line, col, format, args...)
}

// text reads a {lang: text} map through yamlpos.Text: languages checked
// once there (a missing translation is pending, the default language's
// text stands in), each text typeset for its language at load.
func (l *loader) text(n, at *yamlpos.Node, what string) map[string]string {
	out := map[string]string{}
	if n == nil || n.Kind != yamlpos.Map {
		l.errf(at, "%s: missing (one text per language)", what)
		return out
	}
	var t yamlpos.Text
	d := &yamlpos.Decoder{Path: l.path, Probs: l.probs}
	if len(l.langs) > 0 {
		d.Langs = l.langs
	}
	d.Decode(n, &t)
	for lang, s := range t.Text {
		out[lang] = s // the languages written; readers let the default stand in
	}
	return out
}

func keys(p string, n *yamlpos.Node, probs *diag.List, allowed ...string) {
	if n == nil || n.Kind != yamlpos.Map {
		return
	}
	for _, k := range n.Keys {
		ok := false
		for _, a := range allowed {
			ok = ok || a == k.Value
		}
		if !ok {
			probs.Errorf(p, k.Line, k.Col, "unknown field %q%s (allowed: %s)", k.Value, diag.DidYouMean(k.Value, allowed), strings.Join(allowed, ", "))
		}
	}
}

// Load reads the calculators file and checks every formula against the rule
// set. Problems carry path:line:col; formula problems point into the formula.
func Load(fsys fs.FS, path string, opts Options) (*Calculators, *diag.List) {
	probs := &diag.List{}
	c := &Calculators{rules: opts.Rules, langs: opts.Languages, cite: opts.Cite, ui: map[string]*UI{}, calcs: map[string]*Calculator{}, def: opts.Default}
	if opts.Rules == nil {
		probs.Errorf(path, 0, 0, "calculators: no rule set")
		return c, probs
	}
	src, err := fs.ReadFile(fsys, path)
	if err != nil {
		probs.Errorf(path, 0, 0, "calculators: %v", err)
		return c, probs
	}
	root := yamlpos.Parse(path, src, probs)
	if root == nil {
		return c, probs
	}
	l := &loader{path: path, probs: probs, langs: opts.Languages, def: opts.Default}
	if opts.UI != nil {
		keys(path, root, probs, "calculators")
		c.ui = opts.UI
	} else {
		keys(path, root, probs, "ui", "calculators")
		l.loadUI(c, root.Get("ui"), root)
	}
	cs := root.Get("calculators")
	if cs == nil || cs.Kind != yamlpos.Map {
		l.errf(root, "missing calculators: mapping")
		return c, probs
	}
	for i, k := range cs.Keys {
		if !idRe.MatchString(k.Value) {
			l.errf(k, "calculator id %q: use lower-case letters, digits and hyphens", k.Value)
			continue
		}
		if k2 := l.loadCalc(c, k, cs.Vals[i]); k2 != nil {
			c.calcs[k2.ID] = k2
			c.ids = append(c.ids, k2.ID)
		}
	}
	return c, probs
}

func (l *loader) loadUI(c *Calculators, n, root *yamlpos.Node) {
	if n == nil || n.Kind != yamlpos.Map {
		l.errf(root, "missing ui: interface text per language")
		return
	}
	for i, k := range n.Keys {
		v := n.Vals[i]
		u := &UI{Text: map[string]string{}, Errors: map[string]string{}}
		keys(l.path, v, l.probs, append(append(append([]string{}, uiKeys...), uiOptional...), "months", "months_short", "errors", "day_one")...)
		for _, key := range uiOptional {
			if s := v.Get(key); s != nil && s.Kind == yamlpos.Scalar && s.Value != "" {
				u.Text[key] = s.Value
			}
		}
		if m := v.Get("months_short"); m != nil {
			if m.Kind != yamlpos.Seq || len(m.Vals) != 12 {
				l.errf(m, "ui %s: months_short must list 12 abbreviations (write a month twice if it has none)", k.Value)
			} else {
				for _, mv := range m.Vals {
					u.MonthsShort = append(u.MonthsShort, mv.Value)
				}
			}
		}
		for _, key := range uiKeys {
			if s := v.Get(key); s != nil && s.Kind == yamlpos.Scalar && s.Value != "" {
				u.Text[key] = s.Value
			} else {
				l.errf(k, "ui %s: missing %s", k.Value, key)
			}
		}
		if d1 := v.Get("day_one"); d1 != nil {
			u.Text["day_one"] = d1.Value
		}
		if m := v.Get("months"); m == nil || m.Kind != yamlpos.Seq || len(m.Vals) != 12 {
			l.errf(k, "ui %s: months must list the 12 month names", k.Value)
		} else {
			for _, mv := range m.Vals {
				u.Months = append(u.Months, mv.Value)
			}
		}
		e := v.Get("errors")
		for _, key := range errorKeys {
			if s := e.Get(key); s != nil && s.Value != "" {
				u.Errors[key] = s.Value
			} else {
				l.errf(k, "ui %s: missing errors.%s", k.Value, key)
			}
		}
		for _, key := range optErrorKeys {
			if s := e.Get(key); s != nil && s.Value != "" {
				u.Errors[key] = s.Value
			}
		}
		c.ui[k.Value] = u
	}
	for _, lang := range l.langs {
		if c.ui[lang] == nil {
			l.errf(n, "ui: missing language %q", lang)
		}
	}
}

func (l *loader) formula(n *yamlpos.Node, sc *scope, what string) *node {
	if n == nil || n.Kind != yamlpos.Scalar || strings.TrimSpace(n.Value) == "" {
		l.errf(n, "%s: missing formula", what)
		return nil
	}
	e, err := parseExpr(n.Value)
	if err == nil {
		err = sc.check(e)
	}
	if err != nil {
		line, col := n.Line, n.Col
		var pe *exprError
		if errors.As(err, &pe) && !strings.Contains(n.Value[:pe.pos], "\n") {
			// Point at the offending token when the formula is on one line.
			col += utf8.RuneCountInString(n.Value[:pe.pos])
			if n.Quoted {
				col++
			}
		}
		l.probs.Errorf(l.path, line, col, "%s: %v", what, err)
		return nil
	}
	if e.typ == tInvalid {
		return nil
	}
	return e
}

// ruleDeps adds to acc, in first-use order, the rule ids n uses directly or
// through the lets and outputs it names.
func ruleDeps(n *node, deps map[string][]string, acc []string) []string {
	add := func(id string) {
		for _, x := range acc {
			if x == id {
				return
			}
		}
		acc = append(acc, id)
	}
	switch n.op {
	case "rule":
		add(n.str)
	case "var":
		for _, id := range deps[n.str] {
			add(id)
		}
	}
	for _, a := range n.args {
		acc = ruleDeps(a, deps, acc)
	}
	return acc
}

func (l *loader) loadCalc(c *Calculators, k, n *yamlpos.Node) *Calculator {
	id := k.Value
	if n.Kind != yamlpos.Map {
		l.errf(k, "calculator %s: want a mapping", id)
		return nil
	}
	keys(l.path, n, l.probs, "title", "rules_at", "next_step", "event", "inputs", "checks", "lets", "outputs")
	calc := &Calculator{ID: id, Title: l.text(n.Get("title"), k, "calculator "+id+" title")}
	if t := n.Get("next_step"); t != nil {
		calc.NextStep = l.text(t, k, "calculator "+id+" next_step")
	}
	if t := n.Get("event"); t != nil {
		calc.Event = l.text(t, k, "calculator "+id+" event")
	}
	sc := &scope{vars: map[string]typ{}, choices: map[string]map[string]bool{}, rules: c.rules, used: &calc.Rules}
	deps := map[string][]string{} // let or output name → rule ids
	ins := n.Get("inputs")
	if ins == nil || ins.Kind != yamlpos.Map || len(ins.Keys) == 0 {
		l.errf(k, "calculator %s: missing inputs", id)
		return nil
	}
	for i, ik := range ins.Keys {
		iv := ins.Vals[i]
		what := fmt.Sprintf("calculator %s, input %s", id, ik.Value)
		if !nameRe.MatchString(ik.Value) {
			l.errf(ik, "%s: names use lower-case letters, digits and _", what)
			continue
		}
		keys(l.path, iv, l.probs, "type", "label", "hint", "options")
		in := &Input{Name: ik.Value, Label: l.text(iv.Get("label"), ik, what+" label")}
		if h := iv.Get("hint"); h != nil {
			in.Hint = l.text(h, ik, what+" hint")
		}
		t := iv.Get("type")
		switch {
		case t == nil:
			l.errf(ik, "%s: missing type (date, choice or flag)", what)
			continue
		case t.Value == TypeDate:
			sc.vars[in.Name] = tDate
		case t.Value == TypeFlag:
			sc.vars[in.Name] = tBool
		case t.Value == TypeChoice:
			sc.vars[in.Name] = tStr
			opts := iv.Get("options")
			if opts == nil || opts.Kind != yamlpos.Map || len(opts.Keys) < 2 {
				l.errf(ik, "%s: a choice needs at least two options", what)
				continue
			}
			sc.choices[in.Name] = map[string]bool{}
			for j, ok := range opts.Keys {
				in.Options = append(in.Options, Option{Value: ok.Value, Label: l.text(opts.Vals[j], ok, what+" option "+ok.Value)})
				sc.choices[in.Name][ok.Value] = true
			}
		default:
			l.errf(t, "%s: unknown type %q (want date, choice or flag)", what, t.Value)
			continue
		}
		in.Type = t.Value
		calc.Inputs = append(calc.Inputs, in)
	}
	if ra := n.Get("rules_at"); ra != nil {
		if sc.vars[ra.Value] != tDate {
			l.errf(ra, "calculator %s: rules_at must name a date input (the date whose rules apply)", id)
		} else {
			calc.RulesAt = ra.Value
		}
	}
	if ch := n.Get("checks"); ch != nil {
		for _, cn := range ch.Vals {
			keys(l.path, cn, l.probs, "when", "field", "code", "message")
			what := fmt.Sprintf("calculator %s, check", id)
			chk := &Check{When: l.formula(cn.Get("when"), sc, what), Message: l.text(cn.Get("message"), cn, what+" message")}
			if f := cn.Get("field"); f == nil || sc.vars[f.Value] == tInvalid {
				l.errf(cn, "%s: field must name an input", what)
			} else {
				chk.Field = f.Value
			}
			if c := cn.Get("code"); c == nil || !idRe.MatchString(c.Value) {
				l.errf(cn, "%s: missing code (lower-case, hyphens)", what)
			} else {
				chk.Code = c.Value
			}
			if chk.When != nil && chk.When.typ != tBool {
				l.errf(cn.Get("when"), "%s: when must be a condition, not a %s", what, chk.When.typ)
				chk.When = nil
			}
			if chk.When != nil {
				calc.Checks = append(calc.Checks, chk)
			}
		}
	}
	declare := func(kn *yamlpos.Node, what string) bool {
		if !nameRe.MatchString(kn.Value) {
			l.errf(kn, "%s: names use lower-case letters, digits and _", what)
			return false
		}
		if kn.Value == StatusKey {
			l.errf(kn, "%s: %q is reserved for the results' legal status; choose another name", what, StatusKey)
			return false
		}
		if _, dup := sc.vars[kn.Value]; dup {
			l.errf(kn, "%s: name %q already used", what, kn.Value)
			return false
		}
		return true
	}
	if lets := n.Get("lets"); lets != nil {
		for i, lk := range lets.Keys {
			what := fmt.Sprintf("calculator %s, let %s", id, lk.Value)
			if !declare(lk, what) {
				continue
			}
			if e := l.formula(lets.Vals[i], sc, what); e != nil {
				sc.vars[lk.Value] = e.typ
				deps[lk.Value] = ruleDeps(e, deps, nil)
				calc.Lets = append(calc.Lets, &Formula{Name: lk.Value, Expr: e})
			} else {
				sc.vars[lk.Value] = tInvalid
			}
		}
	}
	outs := n.Get("outputs")
	if outs == nil || outs.Kind != yamlpos.Map || len(outs.Keys) == 0 {
		l.errf(k, "calculator %s: missing outputs", id)
		return nil
	}
	for i, ok := range outs.Keys {
		ov := outs.Vals[i]
		what := fmt.Sprintf("calculator %s, output %s", id, ok.Value)
		if !declare(ok, what) {
			continue
		}
		keys(l.path, ov, l.probs, "formula", "kind", "label", "sentence", "past", "values", "yes", "no")
		out := &Output{Name: ok.Value, Kind: KindInfo, Label: l.text(ov.Get("label"), ok, what+" label")}
		if kn := ov.Get("kind"); kn != nil {
			switch kn.Value {
			case KindDeadline, KindAdvice, KindInfo:
				out.Kind = kn.Value
			default:
				l.errf(kn, "%s: unknown kind %q (want deadline, advice or info)", what, kn.Value)
			}
		}
		out.Expr = l.formula(ov.Get("formula"), sc, what)
		if t := ov.Get("past"); t != nil {
			out.Past = l.text(t, ok, what+" past")
		}
		if sn := ov.Get("sentence"); sn != nil {
			// {value} (or {date}, for a date result) is where the browser
			// writes the result.
			out.Sentence = l.text(sn, ok, what+" sentence")
			for lang, t := range out.Sentence {
				if out.Expr != nil && !strings.Contains(t, "{value}") && !(out.Expr.typ == tDate && strings.Contains(t, "{date}")) {
					l.errf(sn, "%s sentence (%s): write {value} where the result goes", what, lang)
				}
			}
		}

		if out.Expr == nil {
			sc.vars[out.Name] = tInvalid // known name: no cascade of "unknown name"
			continue
		}
		sc.vars[out.Name] = out.Expr.typ
		deps[out.Name] = ruleDeps(out.Expr, deps, nil)
		out.Rules = deps[out.Name]
		switch out.Expr.typ {
		case tDate:
			out.Type = "date"
		case tNum:
			out.Type = "number"
		case tBool:
			out.Type = "bool"
			out.Yes = l.text(ov.Get("yes"), ok, what+" yes")
			out.No = l.text(ov.Get("no"), ok, what+" no")
		case tStr:
			out.Type = "string"
			vals := ov.Get("values")
			if vals == nil || vals.Kind != yamlpos.Map {
				l.errf(ok, "%s: a text output must list its values with labels", what)
			} else {
				for j, vk := range vals.Keys {
					out.Values = append(out.Values, Option{Value: vk.Value, Label: l.text(vals.Vals[j], vk, what+" value "+vk.Value)})
				}
			}
		default:
			l.errf(ok, "%s: a %s cannot be an output", what, out.Expr.typ)
			continue
		}
		calc.Outputs = append(calc.Outputs, out)
	}
	return calc
}

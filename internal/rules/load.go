package rules

import (
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/cire-asbl/fabrique/internal/cite"
	"github.com/cire-asbl/fabrique/internal/diag"
	"github.com/cire-asbl/fabrique/internal/yamlpos"
)

// Kinds of parameter. A legal rule and an observed practice are never the
// same parameter, so the site cannot present a delay seen in practice as law.
const (
	KindLegal    = "legal"
	KindObserved = "observed"
	KindProposed = "proposed" // announced, not law: no calculator may use it
)

// What a value's date key means; see data/rules/README.md.
var startBases = map[string]bool{"effective": true, "reported": true, "period": true, "unknown": true}

// Legal status of one dated value: what kind of law it is on the dates it
// applies to. Only StatusInForce may be presented as "in force".
const (
	StatusInForce  = "in-force" // applies in Belgium: a legal text with an article says so
	StatusAdopted  = "adopted"  // an EU or Belgian text adopted, applicable (or to be transposed) from applies_from
	StatusProposed = "proposed" // a plan or recommendation, not law
	StatusObserved = "observed" // what happens in practice
	StatusReported = "reported" // the analysis says it applies but cites no legal text for it
)

// Statuses lists every status in order of legal strength (strongest first):
// a result computed from several values carries the weakest one.
var Statuses = []string{StatusInForce, StatusAdopted, StatusReported, StatusObserved, StatusProposed}

// Weaker reports whether status a is weaker than b in the order of Statuses.
func Weaker(a, b string) bool { return statusRank(a) > statusRank(b) }

func statusRank(s string) int {
	for i, x := range Statuses {
		if x == s {
			return i
		}
	}
	return len(Statuses)
}

// Statuses a parameter's kind allows for its values.
var kindStatuses = map[string][]string{
	KindLegal:    {StatusInForce, StatusAdopted, StatusReported},
	KindObserved: {StatusObserved},
	KindProposed: {StatusProposed},
}

// articleRe recognises an article pinpoint ("art. 5(2)", "article 15", "artikel 61/2").
var articleRe = regexp.MustCompile(`(?i)\bart(\.|icle|ikel)?\s*[0-9]`)

// IsArticlePinpoint reports whether a pinpoint names an article.
func IsArticlePinpoint(p string) bool { return articleRe.MatchString(p) }

// Steps: how a duration unit moves a date.
const (
	StepDays   = "days"
	StepMonths = "months"
	StepYears  = "years"
)

// MaxDuration bounds a duration value by its step: 100 years, 1,200
// months, 36,500 days.
var MaxDuration = map[string]float64{StepYears: 100, StepMonths: 1200, StepDays: 36500}

// UnitsFile is the shared data file in the rules directory.
const UnitsFile = "_units.yaml"

// LoadOptions are what the caller knows that the rule files do not.
type LoadOptions struct {
	// KnownSource reports whether a key exists in data/sources.yaml. Nil
	// accepts every key (for tests that do not load sources).
	KnownSource func(key string) bool
	// Languages every description and unit word must exist in ("fr", "nl", "en").
	Languages []string
	// AsOf is the site's reference date: every parameter needs a value in force then.
	AsOf Date
	// Default is the source language: a description missing in another
	// language is a warning, and Description falls back to the default's.
	// Empty: every language is required.
	Default string
	// Count writes a number with its unit words in a language ("2 mois").
	// When set, the words and number formats live in the site's strings
	// files (internal/i18n) and _units.yaml holds only steps and conventions.
	Count func(unit, raw, lang string) (string, error)
	// Words and Date go with Count: the status words ("statuses.reported",
	// "statuses.applies_from") and dates come from the strings files too,
	// and _units.yaml has no statuses, applies_from or dates.
	Words func(key, lang string) string
	Date  func(d Date, lang string) string
	// Legislation reports whether a source key is a law or directive (its
	// type in data/sources.yaml). An in-force value must cite one with an
	// article, and legislation cited without a pinpoint is a warning. Nil
	// (tests that do not load sources): only the article is required.
	Legislation func(key string) bool
}

// Unit is a unit of measure and its words per language.
type Unit struct {
	Name  string
	Step  string                       // StepDays/StepMonths/StepYears, "" for figures
	Forms map[string]map[string]string // lang → "one"/"other" → "{n} mois"
}

// NumberFormat is how a language writes numbers.
type NumberFormat struct {
	Group, Decimal string
}

// Value is one dated value of a parameter.
type Value struct {
	Start       Date   // the date key: when the text was adopted or the value reported
	StartBasis  string // effective | reported | period | unknown
	Status      string // StatusInForce … StatusReported
	AppliesFrom Date   // when the law says the value applies (zero: from Start)
	End         bool   // value: null — the rule stops applying at Start
	Raw         string // the number as written in the file ("90", "41.5")
	Number      float64
	Source      string
	Pinpoint    string
	Also        []cite.Ref
	Line, Col   int
}

// From returns the first day the value applies: AppliesFrom when the law
// gives one, otherwise the date key.
func (v Value) From() Date {
	if v.AppliesFrom.Valid() {
		return v.AppliesFrom
	}
	return v.Start
}

// openStart reports whether the value's start is not known (the analysis
// states it as current without saying since when): such a value, when it is
// the first one, is also applied to earlier dates, under its own status.
func (v Value) openStart() bool { return v.StartBasis == "reported" || v.StartBasis == "unknown" }

// Cite returns the value's primary source reference.
func (v Value) Cite() cite.Ref { return cite.Ref{Key: v.Source, Pinpoint: v.Pinpoint} }

// Int returns the value as an integer (durations are whole numbers; checked at load).
func (v Value) Int() int { return int(v.Number) }

// Param is one rule parameter.
type Param struct {
	ID          string
	File        string
	Line, Col   int
	Description map[string]string
	Unit        string
	Kind        string
	Convention  string
	Values      []Value // sorted by From()
}

// At returns the value that applies on d: the last value whose From() is on
// or before d. Before the first value there is none, unless that value's
// start is not known (start: reported or unknown), which then applies too.
// False when no value applies, or when the rule was ended by null.
func (p *Param) At(d Date) (Value, bool) {
	i := sort.Search(len(p.Values), func(i int) bool { return p.Values[i].From().After(d) })
	var v Value
	switch {
	case i > 0:
		v = p.Values[i-1]
	case len(p.Values) > 0 && p.Values[0].openStart():
		v = p.Values[0]
	default:
		return Value{}, false
	}
	if v.End {
		return Value{}, false
	}
	return v, true
}

// Set is every loaded parameter, with the units, languages and reference
// date they were validated against. It is read-only after Load and safe for
// concurrent use.
type Set struct {
	asOf        Date
	langs       []string
	params      map[string]*Param
	ids         []string
	units       map[string]*Unit
	numbers     map[string]NumberFormat
	conventions map[string]string // convention → step
	def         string
	count       func(unit, raw, lang string) (string, error)
	words       func(key, lang string) string
	date        func(d Date, lang string) string
	legislation func(string) bool
	statusText  map[string]map[string]string // status → lang → label
	appliesFrom map[string]string            // lang → "applicable à partir du {date}"
	dates       map[string]dateFormat        // lang → how dates are written
}

// AsOf returns the reference date the set was validated for.
func (s *Set) AsOf() Date { return s.asOf }

// Languages returns the languages the set was validated for.
func (s *Set) Languages() []string { return append([]string(nil), s.langs...) }

// IDs returns every parameter id, sorted.
func (s *Set) IDs() []string { return append([]string(nil), s.ids...) }

// Lookup returns the parameter with id, for "unknown parameter" checks by
// whoever references parameters (Markdown, calculators, pathways).
func (s *Set) Lookup(id string) (*Param, bool) {
	if s == nil {
		return nil, false
	}
	p, ok := s.params[id]
	return p, ok
}

// Unit returns the unit named name.
func (s *Set) Unit(name string) (*Unit, bool) {
	u, ok := s.units[name]
	return u, ok
}

// Current returns the value of id in force on the reference date.
func (s *Set) Current(id string) (Value, error) {
	p, ok := s.Lookup(id)
	if !ok {
		return Value{}, fmt.Errorf("unknown rule parameter %q", id)
	}
	v, ok := p.At(s.asOf)
	if !ok {
		return Value{}, fmt.Errorf("rule parameter %q has no value in force on %s", id, s.asOf)
	}
	return v, nil
}

// Duration returns the whole number and the date step (days, months, years)
// of a duration parameter on the reference date.
func (s *Set) Duration(id string) (n int, step string, err error) {
	v, err := s.Current(id)
	if err != nil {
		return 0, "", err
	}
	p := s.params[id]
	u := s.units[p.Unit]
	if u == nil || u.Step == "" {
		return 0, "", fmt.Errorf("rule parameter %q (unit %s) is not a duration", id, p.Unit)
	}
	return v.Int(), u.Step, nil
}

var (
	keyRe = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`)
	numRe = regexp.MustCompile(`^-?[0-9]+(\.[0-9]+)?$`)
)

// Load reads dir in fsys: _units.yaml and every other *.yaml as a group of
// parameters. It returns the set (possibly partial) and every problem found;
// the caller fails the build when the list has errors.
func Load(fsys fs.FS, dir string, opts LoadOptions) (*Set, *diag.List) {
	probs := &diag.List{}
	s := &Set{
		asOf:        opts.AsOf,
		langs:       append([]string(nil), opts.Languages...),
		params:      map[string]*Param{},
		units:       map[string]*Unit{},
		numbers:     map[string]NumberFormat{},
		conventions: map[string]string{},
		def:         opts.Default,
		count:       opts.Count,
		words:       opts.Words,
		date:        opts.Date,
		legislation: opts.Legislation,
		statusText:  map[string]map[string]string{},
		appliesFrom: map[string]string{},
		dates:       map[string]dateFormat{},
	}
	if !opts.AsOf.Valid() {
		probs.Errorf(dir, 0, 0, "rules: reference date (asOf) %s is not a valid date", opts.AsOf)
	}
	known := opts.KnownSource
	if known == nil {
		known = func(string) bool { return true }
	}
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		probs.Errorf(dir, 0, 0, "rules: %v", err)
		return s, probs
	}
	unitsPath := path.Join(dir, UnitsFile)
	if src, err := fs.ReadFile(fsys, unitsPath); err != nil {
		probs.Errorf(unitsPath, 0, 0, "rules: unit words file missing: %v", err)
	} else {
		s.loadUnits(unitsPath, src, probs)
	}
	for _, e := range entries { // ReadDir is sorted by name: deterministic
		name := e.Name()
		if e.IsDir() || !strings.HasSuffix(name, ".yaml") || strings.HasPrefix(name, "_") {
			continue
		}
		p := path.Join(dir, name)
		stem := strings.TrimSuffix(name, ".yaml")
		if !keyRe.MatchString(stem) {
			probs.Errorf(p, 0, 0, "rule file name %q: use lower-case letters, digits and hyphens", name)
			continue
		}
		src, err := fs.ReadFile(fsys, p)
		if err != nil {
			probs.Errorf(p, 0, 0, "%v", err)
			continue
		}
		s.loadParams(p, stem, src, known, probs)
	}
	for id := range s.params {
		s.ids = append(s.ids, id)
	}
	sort.Strings(s.ids)
	return s, probs
}

func (s *Set) loadUnits(p string, src []byte, probs *diag.List) {
	root := yamlpos.Parse(p, src, probs)
	if root == nil {
		return
	}
	if root.Kind != yamlpos.Map {
		probs.Errorf(p, root.Line, root.Col, "want a mapping with units, numbers, conventions")
		return
	}
	checkKeys(p, root, probs, "units", "numbers", "conventions", "statuses", "applies_from", "dates")
	if s.words == nil || s.date == nil {
		s.loadStatuses(p, root, probs)
	} else {
		for _, k := range []string{"statuses", "applies_from", "dates"} {
			if n := root.Get(k); n != nil {
				probs.Errorf(p, n.Line, n.Col, "%s: these words live in the strings files now ([statuses] and the date format in themes/…/i18n/{lang}.toml): remove this block", k)
			}
		}
	}
	units := root.Get("units")
	if units == nil || units.Kind != yamlpos.Map {
		probs.Errorf(p, root.Line, root.Col, "missing units: mapping")
	} else {
		for i, k := range units.Keys {
			u := &Unit{Name: k.Value, Forms: map[string]map[string]string{}}
			un := units.Vals[i]
			if un.Kind != yamlpos.Map {
				probs.Errorf(p, k.Line, k.Col, "unit %s: want a mapping with step and forms", k.Value)
				continue
			}
			checkKeys(p, un, probs, "step", "forms")
			if st := un.Get("step"); st != nil {
				switch st.Value {
				case StepDays, StepMonths, StepYears:
					u.Step = st.Value
				default:
					probs.Errorf(p, st.Line, st.Col, "unit %s: unknown step %q (want days, months or years)", k.Value, st.Value)
				}
			}
			forms := un.Get("forms")
			if s.count != nil {
				if forms != nil {
					probs.Errorf(p, forms.Line, forms.Col, "unit %s: its words live in the strings files now ([units.%s] in themes/…/i18n/{lang}.toml): remove forms", k.Value, k.Value)
				}
				s.units[u.Name] = u
				continue
			}
			if forms == nil || forms.Kind != yamlpos.Map {
				probs.Errorf(p, k.Line, k.Col, "unit %s: missing forms", k.Value)
				continue
			}
			for j, lk := range forms.Keys {
				fm := forms.Vals[j]
				if fm.Kind != yamlpos.Map {
					probs.Errorf(p, lk.Line, lk.Col, "unit %s, %s: want {one: ..., other: ...}", k.Value, lk.Value)
					continue
				}
				checkKeys(p, fm, probs, "one", "other")
				m := map[string]string{}
				for _, form := range []string{"one", "other"} {
					v := fm.Get(form)
					if v == nil || v.Kind != yamlpos.Scalar || !strings.Contains(v.Value, "{n}") {
						probs.Errorf(p, lk.Line, lk.Col, "unit %s, %s: form %q missing or without {n}", k.Value, lk.Value, form)
						continue
					}
					m[form] = v.Value
				}
				u.Forms[lk.Value] = m
			}
			for _, l := range s.langs {
				if _, ok := u.Forms[l]; !ok {
					probs.Errorf(p, forms.Line, forms.Col, "unit %s: no words for language %q", k.Value, l)
				}
			}
			s.units[u.Name] = u
		}
	}
	nums := root.Get("numbers")
	if s.count != nil {
		if nums != nil {
			probs.Errorf(p, nums.Line, nums.Col, "numbers: number formats live in the strings files now ([numbers] in themes/…/i18n/{lang}.toml): remove this block")
		}
	} else if nums == nil || nums.Kind != yamlpos.Map {
		probs.Errorf(p, root.Line, root.Col, "missing numbers: mapping")
	} else {
		for i, k := range nums.Keys {
			v := nums.Vals[i]
			checkKeys(p, v, probs, "group", "decimal")
			g, d := v.Get("group"), v.Get("decimal")
			if g == nil || d == nil || d.Value == "" {
				probs.Errorf(p, k.Line, k.Col, "numbers %s: need group and decimal", k.Value)
				continue
			}
			s.numbers[k.Value] = NumberFormat{Group: g.Value, Decimal: d.Value}
		}
		for _, l := range s.langs {
			if _, ok := s.numbers[l]; !ok {
				probs.Errorf(p, nums.Line, nums.Col, "numbers: no format for language %q", l)
			}
		}
	}
	convs := root.Get("conventions")
	if convs == nil || convs.Kind != yamlpos.Map {
		probs.Errorf(p, root.Line, root.Col, "missing conventions: mapping")
	} else {
		for i, k := range convs.Keys {
			st := convs.Vals[i].Get("step")
			if st == nil || (st.Value != StepDays && st.Value != StepMonths && st.Value != StepYears) {
				probs.Errorf(p, k.Line, k.Col, "convention %s: need step: days, months or years", k.Value)
				continue
			}
			s.conventions[k.Value] = st.Value
		}
	}
}

// dateFormat is how a language writes a date ("1er décembre 2025").
type dateFormat struct {
	Format, DayOne string
	Months         []string
}

// loadStatuses reads the words for each status (statuses:) and the date
// format (dates:) per language, used when a value is shown with its status.
func (s *Set) loadStatuses(p string, root *yamlpos.Node, probs *diag.List) {
	sts := root.Get("statuses")
	if sts == nil || sts.Kind != yamlpos.Map {
		probs.Errorf(p, root.Line, root.Col, "missing statuses: the words for each legal status, per language")
	} else {
		for i, k := range sts.Keys {
			if statusRank(k.Value) == len(Statuses) {
				probs.Errorf(p, k.Line, k.Col, "statuses: unknown status %q (want %s)", k.Value, strings.Join(Statuses, ", "))
				continue
			}
			m := map[string]string{}
			if v := sts.Vals[i]; v.Kind == yamlpos.Map {
				for j, lk := range v.Keys {
					m[lk.Value] = v.Vals[j].Value
				}
			}
			for _, l := range s.langs {
				if strings.TrimSpace(m[l]) == "" {
					probs.Errorf(p, k.Line, k.Col, "statuses %s: no words for language %q", k.Value, l)
				}
			}
			s.statusText[k.Value] = m
		}
		for _, st := range Statuses {
			if s.statusText[st] == nil {
				probs.Errorf(p, sts.Line, sts.Col, "statuses: missing %s", st)
			}
		}
	}
	af := root.Get("applies_from")
	for _, l := range s.langs {
		var t string
		if af != nil {
			if n := af.Get(l); n != nil {
				t = n.Value
			}
		}
		if !strings.Contains(t, "{date}") {
			probs.Errorf(p, root.Line, root.Col, "applies_from: words for language %q with {date} missing", l)
		}
		s.appliesFrom[l] = t
	}
	ds := root.Get("dates")
	if ds == nil || ds.Kind != yamlpos.Map {
		probs.Errorf(p, root.Line, root.Col, "missing dates: how each language writes a date (format, months)")
		return
	}
	for i, k := range ds.Keys {
		v := ds.Vals[i]
		checkKeys(p, v, probs, "format", "day_one", "months")
		df := dateFormat{}
		if f := v.Get("format"); f != nil {
			df.Format = f.Value
		}
		if d1 := v.Get("day_one"); d1 != nil {
			df.DayOne = d1.Value
		}
		if m := v.Get("months"); m != nil && m.Kind == yamlpos.Seq {
			for _, mv := range m.Vals {
				df.Months = append(df.Months, mv.Value)
			}
		}
		if len(df.Months) != 12 || !strings.Contains(df.Format, "{month}") {
			probs.Errorf(p, k.Line, k.Col, "dates %s: need format (with {d} {month} {y}) and the 12 month names", k.Value)
			continue
		}
		s.dates[k.Value] = df
	}
	for _, l := range s.langs {
		if _, ok := s.dates[l]; !ok {
			probs.Errorf(p, ds.Line, ds.Col, "dates: no format for language %q", l)
		}
	}
}

// checkKeys reports keys of m outside allowed: a typo must not silently
// drop a field (e.g. "pinpiont").
func checkKeys(p string, m *yamlpos.Node, probs *diag.List, allowed ...string) {
	if m == nil || m.Kind != yamlpos.Map {
		return
	}
	for _, k := range m.Keys {
		ok := false
		for _, a := range allowed {
			if k.Value == a {
				ok = true
				break
			}
		}
		if !ok {
			probs.Errorf(p, k.Line, k.Col, "unknown field %q%s (allowed: %s)", k.Value, diag.DidYouMean(k.Value, allowed), strings.Join(allowed, ", "))
		}
	}
}

func (s *Set) loadParams(p, stem string, src []byte, known func(string) bool, probs *diag.List) {
	root := yamlpos.Parse(p, src, probs)
	if root == nil || root.Kind == yamlpos.Null {
		return
	}
	if root.Kind != yamlpos.Map {
		probs.Errorf(p, root.Line, root.Col, "want a mapping of parameters")
		return
	}
	for i, k := range root.Keys {
		if !keyRe.MatchString(k.Value) {
			probs.Errorf(p, k.Line, k.Col, "parameter key %q: use lower-case letters, digits and hyphens", k.Value)
			continue
		}
		par := s.loadParam(p, stem+"."+k.Value, k, root.Vals[i], known, probs)
		if par != nil {
			s.params[par.ID] = par
		}
	}
}

func (s *Set) loadParam(p, id string, k, n *yamlpos.Node, known func(string) bool, probs *diag.List) *Param {
	par := &Param{ID: id, File: p, Line: k.Line, Col: k.Col, Description: map[string]string{}}
	if n.Kind != yamlpos.Map {
		probs.Errorf(p, k.Line, k.Col, "parameter %s: want a mapping", id)
		return nil
	}
	checkKeys(p, n, probs, "description", "unit", "kind", "convention", "values")

	if d := n.Get("description"); d == nil || d.Kind != yamlpos.Map {
		probs.Errorf(p, k.Line, k.Col, "parameter %s: missing description (one line per language)", id)
	} else {
		// One line per site language, checked and typeset by yamlpos; a
		// missing translation is pending, the default language stands in.
		var t yamlpos.Text
		dec := &yamlpos.Decoder{Path: p, Probs: probs}
		if len(s.langs) > 0 {
			dec.Langs = s.langs
		}
		dec.Decode(d, &t)
		for l, v := range t.Text {
			par.Description[l] = v // the languages written; Describe lets the default stand in
		}
	}

	var unit *Unit
	if u := n.Get("unit"); u == nil || u.Kind != yamlpos.Scalar || u.Value == "" {
		probs.Errorf(p, k.Line, k.Col, "parameter %s: missing unit", id)
	} else if unit = s.units[u.Value]; unit == nil {
		probs.Errorf(p, u.Line, u.Col, "parameter %s: unknown unit %q (known: %s)", id, u.Value, strings.Join(s.unitNames(), ", "))
	} else {
		par.Unit = u.Value
	}

	switch kd := n.Get("kind"); {
	case kd == nil:
		probs.Errorf(p, k.Line, k.Col, "parameter %s: missing kind (legal, observed or proposed)", id)
	case kd.Value == KindLegal, kd.Value == KindObserved, kd.Value == KindProposed:
		par.Kind = kd.Value
	default:
		probs.Errorf(p, kd.Line, kd.Col, "parameter %s: unknown kind %q (want legal, observed or proposed)", id, kd.Value)
	}

	cv := n.Get("convention")
	switch {
	case unit == nil:
	case unit.Step != "" && cv == nil:
		probs.Errorf(p, k.Line, k.Col, "parameter %s: a duration (unit %s) must declare its date convention", id, par.Unit)
	case unit.Step == "" && cv != nil:
		probs.Errorf(p, cv.Line, cv.Col, "parameter %s: unit %s is not a duration; remove convention", id, par.Unit)
	case cv != nil:
		step, ok := s.conventions[cv.Value]
		if !ok {
			probs.Errorf(p, cv.Line, cv.Col, "parameter %s: unknown date convention %q", id, cv.Value)
		} else if step != unit.Step {
			probs.Errorf(p, cv.Line, cv.Col, "parameter %s: convention %s moves dates in %s but the unit is %s", id, cv.Value, step, par.Unit)
		} else {
			par.Convention = cv.Value
		}
	}

	vals := n.Get("values")
	if vals == nil || vals.Kind != yamlpos.Map || len(vals.Keys) == 0 {
		probs.Errorf(p, k.Line, k.Col, "parameter %s: missing values (keyed by start date)", id)
		return par
	}
	var prev *yamlpos.Node
	var prevDate, prevFrom Date
	for i, dk := range vals.Keys {
		d, err := ParseDate(dk.Value)
		if err != nil {
			probs.Errorf(p, dk.Line, dk.Col, "parameter %s: value key %v", id, err)
			continue
		}
		if prev != nil {
			switch d.Compare(prevDate) {
			case 0:
				probs.Errorf(p, dk.Line, dk.Col, "parameter %s: duplicate start date %s (also line %d)", id, d, prev.Line)
				continue
			case -1:
				probs.Errorf(p, dk.Line, dk.Col, "parameter %s: start dates out of order: %s comes after %s (line %d)", id, d, prevDate, prev.Line)
			}
		}
		prev, prevDate = dk, d
		v, ok := s.loadValue(p, id, par.Kind, unit, d, dk, vals.Vals[i], known, probs)
		if !ok {
			continue
		}
		if len(par.Values) > 0 && !v.From().After(prevFrom) {
			probs.Errorf(p, dk.Line, dk.Col, "parameter %s, %s: applies from %s, not after the previous value (from %s): values must apply in the order they are listed", id, d, v.From(), prevFrom)
		}
		prevFrom = v.From()
		par.Values = append(par.Values, v)
	}
	sort.SliceStable(par.Values, func(i, j int) bool { return par.Values[i].From().Before(par.Values[j].From()) })
	if s.asOf.Valid() && len(par.Values) > 0 {
		if _, ok := par.At(s.asOf); !ok {
			probs.Errorf(p, k.Line, k.Col, "parameter %s: no value in force on the reference date %s", id, s.asOf)
		}
	}
	return par
}

func (s *Set) loadValue(p, id, kind string, unit *Unit, d Date, dk, vn *yamlpos.Node, known func(string) bool, probs *diag.List) (Value, bool) {
	v := Value{Start: d, Line: dk.Line, Col: dk.Col}
	if vn.Kind != yamlpos.Map {
		probs.Errorf(p, dk.Line, dk.Col, "parameter %s, %s: want value, status, start, source and pinpoint (an end is value: null with its source)", id, d)
		return v, false
	}
	checkKeys(p, vn, probs, "value", "status", "applies_from", "start", "source", "pinpoint", "also")
	ok := true
	switch val := vn.Get("value"); {
	case val == nil:
		probs.Errorf(p, dk.Line, dk.Col, "parameter %s, %s: missing value", id, d)
		ok = false
	case val.Kind == yamlpos.Null:
		v.End = true
	case val.Kind != yamlpos.Scalar || val.Quoted || !numRe.MatchString(val.Value):
		probs.Errorf(p, val.Line, val.Col, "parameter %s, %s: value %q is not a number", id, d, val.Value)
		ok = false
	default:
		v.Raw = val.Value
		v.Number, _ = strconv.ParseFloat(val.Value, 64)
		if unit != nil && unit.Step != "" && (strings.Contains(val.Value, ".") || v.Number < 0) {
			probs.Errorf(p, val.Line, val.Col, "parameter %s, %s: a duration must be a whole, non-negative number", id, d)
			ok = false
		} else if unit != nil && v.Number > MaxDuration[unit.Step] && MaxDuration[unit.Step] > 0 {
			// Far above any legal duration, and low enough that no date
			// arithmetic in Go or in the calculators' JavaScript can
			// overflow (a value near 2^63 once gave "-9223372036854775000-01-10").
			probs.Errorf(p, val.Line, val.Col, "parameter %s, %s: %s %s is more than %d %s: check the value", id, d, val.Value, unit.Step, int(MaxDuration[unit.Step]), unit.Step)
			ok = false
		}
	}
	if st := vn.Get("start"); st == nil {
		probs.Errorf(p, dk.Line, dk.Col, "parameter %s, %s: missing start (effective, reported, period or unknown: what the date key means)", id, d)
	} else if !startBases[st.Value] {
		probs.Errorf(p, st.Line, st.Col, "parameter %s, %s: unknown start %q (want effective, reported, period or unknown)", id, d, st.Value)
	} else {
		v.StartBasis = st.Value
	}
	if src := vn.Get("source"); src == nil || src.Value == "" {
		probs.Errorf(p, dk.Line, dk.Col, "parameter %s, %s: missing source (a key of data/sources.yaml)", id, d)
	} else if !known(src.Value) {
		probs.Errorf(p, src.Line, src.Col, "parameter %s, %s: unknown source key %q", id, d, src.Value)
	} else {
		v.Source = src.Value
	}
	if pp := vn.Get("pinpoint"); pp == nil || strings.TrimSpace(pp.Value) == "" {
		probs.Errorf(p, dk.Line, dk.Col, "parameter %s, %s: missing pinpoint (article, page or section of the source)", id, d)
	} else {
		v.Pinpoint = strings.TrimSpace(pp.Value)
	}
	if also := vn.Get("also"); also != nil {
		if also.Kind != yamlpos.Seq {
			probs.Errorf(p, also.Line, also.Col, "parameter %s, %s: also must be a list of {source, pinpoint}", id, d)
		} else {
			for _, a := range also.Vals {
				checkKeys(p, a, probs, "source", "pinpoint")
				src := a.Get("source")
				if src == nil || src.Value == "" {
					probs.Errorf(p, a.Line, a.Col, "parameter %s, %s: also entry without source", id, d)
					continue
				}
				if !known(src.Value) {
					probs.Errorf(p, src.Line, src.Col, "parameter %s, %s: unknown source key %q", id, d, src.Value)
					continue
				}
				ref := cite.Ref{Key: src.Value}
				if pp := a.Get("pinpoint"); pp != nil {
					ref.Pinpoint = strings.TrimSpace(pp.Value)
				}
				v.Also = append(v.Also, ref)
			}
		}
	}
	s.checkStatus(p, id, kind, d, dk, vn, &v, probs)
	return v, ok
}

// checkStatus reads status and applies_from and checks what each status
// needs: in-force a law or directive cited with an article, adopted the
// date it applies from.
func (s *Set) checkStatus(p, id, kind string, d Date, dk, vn *yamlpos.Node, v *Value, probs *diag.List) {
	allowed := kindStatuses[kind]
	st := vn.Get("status")
	switch {
	case st == nil:
		hint := strings.Join(Statuses, ", ")
		if len(allowed) > 0 {
			hint = strings.Join(allowed, ", ")
		}
		probs.Errorf(p, dk.Line, dk.Col, "parameter %s, %s: missing status (%s): what kind of law this value is", id, d, hint)
		return
	case statusRank(st.Value) == len(Statuses):
		probs.Errorf(p, st.Line, st.Col, "parameter %s, %s: unknown status %q (want %s)", id, d, st.Value, strings.Join(Statuses, ", "))
		return
	}
	v.Status = st.Value
	if allowed != nil {
		ok := false
		for _, a := range allowed {
			ok = ok || a == v.Status
		}
		if !ok {
			probs.Errorf(p, st.Line, st.Col, "parameter %s, %s: status %s does not fit a parameter of kind %s (want %s)", id, d, v.Status, kind, strings.Join(allowed, ", "))
		}
	}
	if af := vn.Get("applies_from"); af != nil {
		ad, err := ParseDate(af.Value)
		switch {
		case err != nil:
			probs.Errorf(p, af.Line, af.Col, "parameter %s, %s: applies_from %v", id, d, err)
		case v.Status != StatusInForce && v.Status != StatusAdopted:
			probs.Errorf(p, af.Line, af.Col, "parameter %s, %s: applies_from is the date a legal text gives; a %s value has none (remove it)", id, d, v.Status)
		case ad.Before(d):
			probs.Errorf(p, af.Line, af.Col, "parameter %s, %s: applies_from %s is before the value's date key", id, d, ad)
		default:
			v.AppliesFrom = ad
		}
	} else if v.Status == StatusAdopted {
		probs.Errorf(p, st.Line, st.Col, "parameter %s, %s: an adopted value needs applies_from: the date its text says it applies (or must be transposed) from", id, d)
	}
	if s.legislation != nil {
		refs := append([]cite.Ref{{Key: v.Source, Pinpoint: v.Pinpoint}}, v.Also...)
		for _, r := range refs {
			if r.Key != "" && s.legislation(r.Key) && strings.TrimSpace(r.Pinpoint) == "" {
				probs.Warnf(p, dk.Line, dk.Col, "parameter %s, %s: %s is a law or directive: cite it with its article (pinpoint: \"art. …\")", id, d, r.Key)
			}
		}
	}
	if v.Status == StatusInForce && !v.End {
		legal := func(key, pin string) bool {
			return key != "" && (s.legislation == nil || s.legislation(key)) && IsArticlePinpoint(pin)
		}
		ok := legal(v.Source, v.Pinpoint)
		for _, a := range v.Also {
			ok = ok || legal(a.Key, a.Pinpoint)
		}
		if !ok {
			probs.Errorf(p, st.Line, st.Col, "parameter %s, %s: an in-force value must cite a law or directive with its article (source or also, pinpoint \"art. …\"); otherwise use status reported", id, d)
		}
	}
}

func (s *Set) unitNames() []string {
	var out []string
	for n := range s.units {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// Package i18n holds the interface words of every site language. One strings
// file per language, themes/{theme}/i18n/{lang}.toml, holds every word the
// site writes around the content: the layouts' strings, the calculators'
// form and errors ([calculator]), the diagram legend ([diagram]), the source
// labels ([sources]), number format ([numbers]) and unit words ([units.*]),
// month names and the date format.
//
// Contract:
//   - The default language's file is the reference: every key it has, every
//     other language should have. A key missing in a language is a warning
//     naming the file and the key, once; the default language's text is used
//     instead, and Text says so (so HTML can mark it with lang="…"). A
//     missing file is one warning: the whole language falls back.
//   - Plural categories come from CLDR (golang.org/x/text/feature/plural), so
//     French 0 is "one" and Arabic has six forms; a unit must give every
//     category its language uses (a warning names the missing ones; "other"
//     stands in).
//   - Language names come from CLDR (golang.org/x/text/language/display).
//   - One date formatter (Date, MonthYear) for layouts, calculators and
//     sources; the browser formats calculator results with the same data.
//   - Every text and list item is typeset as it is loaded, with its own
//     language's rules (internal/typography): a French "Besoin d'aide ?"
//     is "Besoin d’aide\u202f?" wherever it is used — layouts, calculator
//     forms and scripts, diagrams, leaflets — and no caller typesets again.
//   - Nothing here reads the clock, the network or the environment.
package i18n

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"

	toml "github.com/pelletier/go-toml/v2"
	"golang.org/x/text/feature/plural"
	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"github.com/cire-asbl/fabrique/internal/diag"
	"github.com/cire-asbl/fabrique/internal/typography"
)

// Set is the strings of every site language. Read-only after Load.
type Set struct {
	Default string
	langs   map[string]*Lang
}

// Lang is the strings of one language, falling back to the default
// language's for any key it lacks.
type Lang struct {
	Code  string
	Path  string // the strings file, for messages
	tag   language.Tag
	text  map[string]string   // flattened keys: "skip", "calculator.day", "units.day.one"
	lists map[string][]string // "months"; "month_aliases.1" … "month_aliases.12"
	def   *Lang               // nil for the default language

	broken bool // no file, or it does not parse: that one problem is enough
}

// Load reads dir/{lang}.toml for every language (langs[0] or def is the
// reference). Problems: a file that does not parse is an error; a missing
// file or key is a warning.
func Load(fsys fs.FS, dir string, langs []string, def string) (*Set, *diag.List) {
	probs := &diag.List{}
	s := &Set{Default: def, langs: map[string]*Lang{}}
	order := append([]string{def}, langs...)
	for _, code := range order {
		if s.langs[code] != nil {
			continue
		}
		l := &Lang{Code: code, Path: path.Join(dir, code+".toml"), tag: language.Make(code), text: map[string]string{}, lists: map[string][]string{}}
		if code != def {
			l.def = s.langs[def]
		}
		s.langs[code] = l
		src, err := fs.ReadFile(fsys, l.Path)
		if err != nil {
			if code == def {
				probs.Errorf(l.Path, 0, 0, "no interface strings for the default language %q", code)
			} else {
				probs.Untranslatedf(l.Path, 0, 0, "no interface strings for language %q: every interface word is shown in %s; create it (it may start empty): the build then lists every key to translate", code, s.Name("en", def))
			}
			l.broken = true
			continue
		}
		raw := map[string]any{}
		if err := toml.Unmarshal(src, &raw); err != nil {
			var de *toml.DecodeError
			if errors.As(err, &de) {
				line, col := de.Position()
				probs.Errorf(l.Path, line, col, "%s", de.Error())
			} else {
				probs.Errorf(l.Path, 0, 0, "%v", err)
			}
			l.broken = true
			continue
		}
		l.flatten("", raw, probs)
		l.check(probs)
	}
	ref := s.langs[def]
	for _, code := range langs {
		l := s.langs[code]
		if code == def || l == nil || l.broken {
			continue
		}
		var missing []string
		for k := range ref.text {
			if _, ok := l.text[k]; !ok && !optional(k) {
				missing = append(missing, k)
			}
		}
		for k := range ref.lists {
			if _, ok := l.lists[k]; !ok && !optional(k) {
				missing = append(missing, k)
			}
		}
		sort.Strings(missing)
		if len(missing) > 0 && len(l.text)+len(l.lists) == 0 {
			probs.Untranslatedf(l.Path, 0, 0, "the file has no strings yet: every interface word is shown in %s (%d keys to translate, listed below)", s.Name("en", def), len(missing))
		}
		for _, k := range missing {
			probs.Untranslatedf(l.Path, 0, 0, "missing key %q (%s.toml has it): the %s text is shown, marked lang=%q", k, def, s.Name("en", def), def)
		}
	}
	return s, probs
}

// optional keys are language-specific niceties, not interface texts: French
// writes the first of the month "1er"; only some languages need aliases, a
// unit's plural categories are checked against CLDR instead.
func optional(k string) bool {
	return k == "day_first" || k == "numbers.words" || strings.HasPrefix(k, "month_aliases") || strings.HasPrefix(k, "units.")
}

func (l *Lang) flatten(prefix string, m map[string]any, probs *diag.List) {
	for k, v := range m {
		key := prefix + k
		switch v := v.(type) {
		case string:
			l.text[key] = typography.Text(l.Code, v)
		case map[string]any:
			l.flatten(key+".", v, probs)
		case []any:
			if key == "month_aliases" {
				for i, e := range v {
					names, _ := toStrings(e)
					l.lists[key+"."+strconv.Itoa(i+1)] = l.typeset(names)
				}
				continue
			}
			names, ok := toStrings(v)
			if !ok {
				probs.Errorf(l.Path, 0, 0, "%s: want a list of texts", key)
			}
			l.lists[key] = l.typeset(names)
		default:
			probs.Errorf(l.Path, 0, 0, "%s: want a text in quotes", key)
		}
	}
}

// typeset applies the language's typography to every item of a list.
func (l *Lang) typeset(xs []string) []string {
	for i, x := range xs {
		xs[i] = typography.Text(l.Code, x)
	}
	return xs
}

func toStrings(v any) ([]string, bool) {
	xs, ok := v.([]any)
	if !ok {
		return nil, false
	}
	out := make([]string, 0, len(xs))
	for _, x := range xs {
		s, ok := x.(string)
		if !ok {
			return out, false
		}
		out = append(out, s)
	}
	return out, true
}

// check verifies a language's own file: twelve months, aliases by month,
// and every CLDR plural category for each unit it writes.
func (l *Lang) check(probs *diag.List) {
	if m, ok := l.lists["months"]; ok && len(m) != 12 {
		probs.Errorf(l.Path, 0, 0, "months must list the twelve month names (found %d)", len(m))
	}
	n := 0
	for k := range l.lists {
		if strings.HasPrefix(k, "month_aliases.") {
			n++
		}
	}
	if n != 0 && n != 12 {
		probs.Errorf(l.Path, 0, 0, "month_aliases must have twelve lists, one per month (found %d); use [] for a month without aliases", n)
	}
	units := map[string]map[string]bool{}
	for k := range l.text {
		if rest, ok := strings.CutPrefix(k, "units."); ok {
			unit, cat, _ := strings.Cut(rest, ".")
			if units[unit] == nil {
				units[unit] = map[string]bool{}
			}
			units[unit][cat] = true
		}
	}
	cats := Categories(l.Code)
	names := make([]string, 0, len(units))
	for u := range units {
		names = append(names, u)
	}
	sort.Strings(names)
	for _, u := range names {
		var missing []string
		for _, c := range cats {
			if !units[u][c] {
				missing = append(missing, c)
			}
		}
		for c := range units[u] {
			if !contains(cats, c) {
				probs.Warnf(l.Path, 0, 0, "units.%s.%s: %s has no plural category %q in CLDR (it uses %s); remove it", u, c, l.Code, c, strings.Join(cats, ", "))
			}
		}
		if len(missing) > 0 {
			probs.Untranslatedf(l.Path, 0, 0, "units.%s: missing plural form(s) %s (CLDR's categories for %s: %s); \"other\" is used instead", u, strings.Join(missing, ", "), l.Code, strings.Join(cats, ", "))
		}
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

// Keys lists the language's own keys that other languages must have, sorted.
func (l *Lang) Keys() []string {
	var out []string
	for k := range l.text {
		if !optional(k) {
			out = append(out, k)
		}
	}
	for k := range l.lists {
		if !optional(k) {
			out = append(out, k)
		}
	}
	sort.Strings(out)
	return out
}

// Lang returns the strings of code (a language the set was not loaded for
// gets the default language's strings).
func (s *Set) Lang(code string) *Lang {
	if l, ok := s.langs[code]; ok {
		return l
	}
	if d := s.langs[s.Default]; d != nil {
		return &Lang{Code: code, tag: language.Make(code), text: map[string]string{}, lists: map[string][]string{}, def: d}
	}
	return &Lang{Code: code, tag: language.Make(code), text: map[string]string{}, lists: map[string][]string{}}
}

// Name is language code's name in language in (CLDR): Name("fr", "nl") is
// "néerlandais".
func (s *Set) Name(in, code string) string { return Name(in, code) }

// Name is language code's name written in language in, from CLDR.
func Name(in, code string) string {
	namer := display.Tags(language.Make(in))
	if namer == nil { // a language CLDR has no names in
		namer = display.Tags(language.English)
	}
	if n := namer.Name(language.Make(code)); n != "" {
		return n
	}
	return code
}

// SelfName is a language's name in itself ("العربية", "Deutsch").
func SelfName(code string) string {
	n := display.Self.Name(language.Make(code))
	if n == "" {
		return code
	}
	return n
}

// Text returns the text of key and the language it is in: lang's own, or
// the default language's when lang lacks it ("" and "" when neither has it).
func (l *Lang) Text(key string) (text, lang string) {
	if v, ok := l.text[key]; ok {
		return v, l.Code
	}
	if l.def != nil {
		if v, ok := l.def.text[key]; ok {
			return v, l.def.Code
		}
	}
	return "", ""
}

// T returns the text of key (the default language's when lang lacks it, so
// check Text's language to mark it), or "[key]" so a gap is visible.
func (l *Lang) T(key string) string {
	if v, lang := l.Text(key); lang != "" {
		return v
	}
	return "[" + key + "]"
}

// Table returns every text under prefix ("calculator.errors") with the
// prefix removed, the language's own over the default's.
func (l *Lang) Table(prefix string) map[string]string {
	out := map[string]string{}
	p := prefix + "."
	for _, src := range []*Lang{l.def, l} {
		if src == nil {
			continue
		}
		for k, v := range src.text {
			if rest, ok := strings.CutPrefix(k, p); ok {
				out[rest] = v
			}
		}
	}
	return out
}

func (l *Lang) list(key string) []string {
	if v, ok := l.lists[key]; ok {
		return v
	}
	if l.def != nil {
		return l.def.lists[key]
	}
	return nil
}

// List returns a list of texts (the default language's when lang lacks it).
func (l *Lang) List(key string) []string { return l.list(key) }

// Months returns the twelve month names.
func (l *Lang) Months() []string { return l.list("months") }

// MonthAliases returns, per month, other names a reader may type (regional
// names: Maghreb and Levant Arabic month names, for instance).
func (l *Lang) MonthAliases() [][]string {
	var out [][]string
	for m := 1; m <= 12; m++ {
		a, ok := l.lists["month_aliases."+strconv.Itoa(m)]
		if !ok {
			return nil
		}
		out = append(out, a)
	}
	return out
}

// DateFormat is the date pattern ("{d} {month} {y}") and how the first of a
// month is written ("1er" in French, "" elsewhere).
func (l *Lang) DateFormat() (format, dayFirst string) {
	format = l.T("date_format")
	if v, ok := l.text["day_first"]; ok {
		dayFirst = v
	} else if _, own := l.text["date_format"]; !own && l.def != nil {
		dayFirst = l.def.text["day_first"]
	}
	return format, dayFirst
}

// Date writes a civil date in the language ("1er décembre 2025", "1. Dezember
// 2025"), or "" for a month out of range. Digits are Western (0–9) in every
// language; themes/default/i18n/ar.toml says why Arabic too.
func (l *Lang) Date(y, m, d int) string {
	if _, own := l.lists["months"]; !own && l.def != nil {
		return l.def.Date(y, m, d) // one language per date, never a mix
	}
	months := l.Months()
	if m < 1 || m > len(months) {
		return ""
	}
	format, first := l.DateFormat()
	day := strconv.Itoa(d)
	if d == 1 && first != "" {
		day = first
	}
	return strings.NewReplacer("{d}", day, "{month}", months[m-1], "{y}", strconv.Itoa(y)).Replace(format)
}

// ISODate writes "YYYY-MM-DD" like Date, or returns iso unchanged when it is
// not a date.
func (l *Lang) ISODate(iso string) string {
	parts := strings.Split(iso, "-")
	if len(parts) != 3 {
		return iso
	}
	y, e1 := strconv.Atoi(parts[0])
	m, e2 := strconv.Atoi(parts[1])
	d, e3 := strconv.Atoi(parts[2])
	if e1 != nil || e2 != nil || e3 != nil {
		return iso
	}
	if out := l.Date(y, m, d); out != "" {
		return out
	}
	return iso
}

// MonthYear writes a month and year ("décembre 2025", "diciembre de 2025").
func (l *Lang) MonthYear(y, m int) string {
	if _, own := l.lists["months"]; !own && l.def != nil {
		return l.def.MonthYear(y, m)
	}
	months := l.Months()
	if m < 1 || m > len(months) {
		return strconv.Itoa(y)
	}
	return strings.NewReplacer("{month}", months[m-1], "{y}", strconv.Itoa(y)).Replace(l.T("month_year_format"))
}

// Categories lists the CLDR plural categories language code uses for
// cardinal numbers, in CLDR order (zero one two few many other).
func Categories(code string) []string {
	tag := language.Make(code)
	seen := map[plural.Form]bool{}
	probe := func(raw string) { seen[Plural(tag, raw)] = true }
	for i := 0; i <= 200; i++ {
		probe(strconv.Itoa(i))
	}
	for _, r := range []string{"1000", "1000000", "0.5", "1.5", "2.5", "10.5", "100.5"} {
		probe(r)
	}
	var out []string
	for _, f := range []plural.Form{plural.Zero, plural.One, plural.Two, plural.Few, plural.Many, plural.Other} {
		if seen[f] {
			out = append(out, formName[f])
		}
	}
	return out
}

var formName = map[plural.Form]string{
	plural.Zero: "zero", plural.One: "one", plural.Two: "two",
	plural.Few: "few", plural.Many: "many", plural.Other: "other",
}

// Plural is the CLDR cardinal category of a decimal number written as in
// the data ("1", "41.5", "-3"), in language tag.
func Plural(tag language.Tag, raw string) plural.Form {
	raw = strings.TrimPrefix(raw, "-")
	intPart, frac, _ := strings.Cut(raw, ".")
	digits := make([]byte, 0, len(raw))
	for _, c := range intPart + frac {
		if c < '0' || c > '9' {
			return plural.Other
		}
		digits = append(digits, byte(c-'0'))
	}
	return plural.Cardinal.MatchDigits(tag, digits, len(intPart), len(frac))
}

// Category is the CLDR plural category name of raw in the language.
func (l *Lang) Category(raw string) string { return formName[Plural(l.tag, raw)] }

// Number writes a decimal number as written in the data ("112000", "41.5")
// with the language's digit grouping and decimal mark. Integer parts of four
// digits or fewer are not grouped ("2025", "1000"), as style guides advise.
func (l *Lang) Number(raw string) string {
	return FormatNumber(raw, l.T("numbers.group"), l.T("numbers.decimal"))
}

// FormatNumber writes raw with the given digit group separator and decimal
// mark; integer parts of four digits or fewer are not grouped.
func FormatNumber(raw, group, decimal string) string {
	neg := strings.HasPrefix(raw, "-")
	raw = strings.TrimPrefix(raw, "-")
	intPart, frac, hasFrac := strings.Cut(raw, ".")
	var b strings.Builder
	if neg {
		b.WriteString("-")
	}
	if len(intPart) > 4 {
		first := len(intPart) % 3
		if first == 0 {
			first = 3
		}
		b.WriteString(intPart[:first])
		for i := first; i < len(intPart); i += 3 {
			b.WriteString(group)
			b.WriteString(intPart[i : i+3])
		}
	} else {
		b.WriteString(intPart)
	}
	if hasFrac {
		b.WriteString(decimal)
		b.WriteString(frac)
	}
	return b.String()
}

// Count writes a number with its unit in the language's plural form ("2
// mois", "١ يوم" is never written: digits stay Western). The language is
// the one the words are in (the default language's when lang has no words
// for the unit).
func (l *Lang) Count(unit, raw string) (text, lang string, err error) {
	src := l
	if !l.hasUnit(unit) {
		if l.def == nil || !l.def.hasUnit(unit) {
			return "", "", fmt.Errorf("no words for unit %q in %s", unit, l.Path)
		}
		src = l.def
	}
	cat := formName[Plural(src.tag, raw)]
	form, ok := src.text["units."+unit+"."+cat]
	if !ok {
		form = src.text["units."+unit+".other"]
	}
	return strings.ReplaceAll(form, "{n}", src.Number(raw)), src.Code, nil
}

// Units lists the units the language (or the default one) has words for,
// sorted ("day", "month", …).
func (l *Lang) Units() []string {
	seen := map[string]bool{}
	for _, src := range []*Lang{l.def, l} {
		if src == nil {
			continue
		}
		for k := range src.text {
			if rest, ok := strings.CutPrefix(k, "units."); ok {
				if u, _, ok := strings.Cut(rest, "."); ok {
					seen[u] = true
				}
			}
		}
	}
	out := make([]string, 0, len(seen))
	for u := range seen {
		out = append(out, u)
	}
	sort.Strings(out)
	return out
}

func (l *Lang) hasUnit(unit string) bool {
	_, ok := l.text["units."+unit+".other"]
	return ok
}

// Counter is Count for the loaders that take a function (rules.LoadOptions.Count).
func (s *Set) Counter() func(unit, raw, lang string) (string, error) {
	return func(unit, raw, lang string) (string, error) {
		text, _, err := s.Lang(lang).Count(unit, raw)
		return text, err
	}
}

// Prefixed returns the texts under prefix ("diagram") as a function of key
// and language (pathway.Options.Words).
func (s *Set) Prefixed(prefix string) func(key, lang string) string {
	return func(key, lang string) string { return s.Lang(lang).T(prefix + "." + key) }
}

// DefaultCode is the default language's code: the language of every text
// shown when lang lacks it, and of the site's name in site.toml.
func (l *Lang) DefaultCode() string {
	if l.def != nil {
		return l.def.Code
	}
	return l.Code
}

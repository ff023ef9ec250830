package prose

import (
	"bufio"
	_ "embed"
	"fmt"
	"math"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode"
)

// analysisHashes is the protected analysis as hashed 8-word runs: the only
// form in which it is kept in this repository (see the package comment). Regenerate
// with: go test ./internal/prose -run TestUpdateHashes -update
//
//go:embed analysis-8grams.txt
var analysisHashes string

// AllowedTitles may be quoted word for word: official titles of legal acts
// (a title is how a law is identified), and the analysis's own title, which
// the about page must give in full to credit it.
var AllowedTitles = []string{
	"Loi sur l'accès au territoire, le séjour, l'établissement et l'éloignement des étrangers",
	"loi du 15 décembre 1980 sur l'accès au territoire, le séjour, l'établissement et l'éloignement des étrangers",
	"Directive 2009/52/CE du Parlement européen et du Conseil du 18 juin 2009 prévoyant des normes minimales concernant les sanctions et les mesures à l'encontre des employeurs de ressortissants de pays tiers en séjour irrégulier",
	"Directive (UE) 2024/1346 du Parlement européen et du Conseil du 14 mai 2024 établissant des normes pour l'accueil des personnes demandant une protection internationale",
	"Comprendre la fabrique des personnes sans papiers en Belgique — Les travailleur·euses étranger·ères",
}

var (
	protectedOnce          sync.Once
	protected, allowedRuns *HashSet
)

// Protected returns the banned runs (the analysis) and the allowed ones (the
// titles above), parsed once.
func Protected() (banned, allowed *HashSet) {
	protectedOnce.Do(func() {
		var hs []uint64
		sc := bufio.NewScanner(strings.NewReader(analysisHashes))
		for sc.Scan() {
			if h, err := ParseHash(strings.TrimSpace(sc.Text())); err == nil {
				hs = append(hs, h)
			}
		}
		protected = NewHashSet(hs...)
		var titles []uint64
		for _, t := range AllowedTitles {
			titles = append(titles, Shingles(t)...)
		}
		allowedRuns = NewHashSet(titles...)
	})
	return protected, allowedRuns
}

// Param is one figure held by the rule data: a value and its unit, one of
// month, day, year, week, percent, count.
type Param struct {
	Value float64
	Unit  string
	From  string // the rule id, for messages
}

// NormUnit maps the unit names the rule files may use onto Param's.
func NormUnit(u string) string {
	u = strings.ToLower(strings.TrimSpace(u))
	switch {
	case strings.HasPrefix(u, "month"), u == "mois", strings.HasPrefix(u, "maand"):
		return "month"
	case strings.HasPrefix(u, "day"), strings.HasPrefix(u, "jour"), strings.HasPrefix(u, "dag"):
		return "day"
	case strings.HasPrefix(u, "year"), u == "an", u == "ans", strings.HasPrefix(u, "ann"), strings.HasPrefix(u, "jaar"):
		return "year"
	case strings.HasPrefix(u, "week"), strings.HasPrefix(u, "semaine"):
		return "week"
	case strings.Contains(u, "percent"), u == "%", strings.Contains(u, "pour"):
		return "percent"
	case strings.Contains(u, "people"), strings.Contains(u, "person"), strings.Contains(u, "count"),
		strings.Contains(u, "number"), strings.Contains(u, "integer"):
		return "count"
	}
	return ""
}

// FigureWords are the words figures are written with, gathered from every
// language's strings file (themes/*/i18n: numbers.words spells one to
// twelve, units.* gives each unit's forms), so that a new language is
// checked without a change in Go. All languages count together: a French
// page may quote "months" no more than an English one.
type FigureWords struct {
	numbers [13][]string        // 1–12 → spellings; above 12 writers use digits
	units   map[string][]string // Param unit → its words
}

// AddNumbers adds a language's spellings of one to twelve, in order; an
// entry may hold alternatives separated by | ("un|une").
func (w *FigureWords) AddNumbers(oneToTwelve []string) {
	for i, s := range oneToTwelve {
		if i >= 12 {
			break
		}
		for _, alt := range strings.Split(s, "|") {
			if alt = strings.TrimSpace(alt); alt != "" {
				w.numbers[i+1] = append(w.numbers[i+1], regexp.QuoteMeta(alt))
			}
		}
	}
}

// AddUnit adds the forms of a unit as a strings file writes them
// ("{n} jours"): the number placeholder and spaces are removed. A form
// without {n} (Arabic's dual "شهران" spells the number in the word) is left
// out: the check looks for a number followed by a unit word.
func (w *FigureWords) AddUnit(unit string, forms ...string) {
	unit = NormUnit(unit)
	if unit == "" || unit == "count" {
		return
	}
	if w.units == nil {
		w.units = map[string][]string{}
	}
	for _, f := range forms {
		if !strings.Contains(f, "{n}") {
			continue
		}
		word := strings.TrimFunc(strings.ReplaceAll(f, "{n}", ""), func(r rune) bool { return unicode.IsSpace(r) || r == '\u00a0' || r == '\u202f' })
		if word == "" || slices.Contains(w.units[unit], word) {
			continue
		}
		w.units[unit] = append(w.units[unit], word)
	}
}

func (w *FigureWords) unitPattern(unit string) string {
	var alts []string
	for _, u := range w.units[unit] {
		alts = append(alts, strings.ReplaceAll(regexp.QuoteMeta(u), " ", `\s+`))
	}
	// Longest first, so "jours" is not cut to "jour".
	sort.Slice(alts, func(i, j int) bool { return len(alts[i]) > len(alts[j]) })
	return strings.Join(alts, "|")
}

// spellings gives the regexp alternatives for a number as typed.
func (w *FigureWords) spellings(p Param) []string {
	var out []string
	n := p.Value
	if n == math.Trunc(n) {
		i := int(n)
		s := strconv.Itoa(i)
		out = append(out, s)
		if i >= 1000 { // 112000 → "112 000", "112.000", "112,000", with any space
			grouped := s[:len(s)-3] + `[\s.,\x{00A0}\x{202F}]?` + s[len(s)-3:]
			out = append(out, grouped)
		}
		if i >= 1 && i <= 12 && p.Unit != "percent" && p.Unit != "count" {
			out = append(out, w.numbers[i]...)
		}
	} else {
		s := strconv.FormatFloat(n, 'f', -1, 64)
		out = append(out, regexp.QuoteMeta(s), regexp.QuoteMeta(strings.Replace(s, ".", ",", 1)))
	}
	return out
}

// Figures is a compiled set of figures that must not be typed by hand.
type Figures struct{ list []forbidden }

type forbidden struct {
	re       *regexp.Regexp
	id, from string
}

const sep = `[\s\x{00A0}\x{202F}-]*`

// NewFigures builds one case-insensitive pattern per parameter, with the
// number and unit words of w.
func NewFigures(ps []Param, w *FigureWords) *Figures {
	if w == nil {
		w = &FigureWords{}
	}
	f := &Figures{}
	seen := map[string]bool{}
	for _, p := range ps {
		nums := strings.Join(w.spellings(p), "|")
		units := w.unitPattern(p.Unit)
		var pat string
		switch {
		case p.Unit == "count":
			pat = `(?i)(?:^|[^\p{L}\p{N}])(?:` + nums + `)(?:$|[^\p{L}\p{N}])`
		case units != "":
			pat = `(?i)(?:^|[^\p{L}\p{N}])(?:` + nums + `)` + sep + `(?:` + units + `)(?:$|[^\p{L}\p{N}])`
		default:
			continue
		}
		from := fmt.Sprintf("%s = %g %s", p.From, p.Value, p.Unit)
		if seen[pat+from] {
			continue
		}
		seen[pat+from] = true
		f.list = append(f.list, forbidden{regexp.MustCompile(pat), p.From, from})
	}
	return f
}

// directiveRe and citeRe2 cover the syntax in which a figure may legitimately
// stand: {rule:…}, other directives, and citation pinpoints ([@x, p. 5]).
var (
	directiveRe = regexp.MustCompile(`\{[a-z]+:[^}]*\}`)
	citeRe2     = regexp.MustCompile(`\[@[^\]]*\]`)
)

// Hit is one figure typed by hand: its line and column (1-based, column in
// runes), the text and the rule that holds it.
type Hit struct {
	Line, Col int
	Text      string
	Param     string // "id = value unit"
	ID        string // the rule id
}

// Typed returns every figure of f typed in text, by line.
func (f *Figures) Typed(text string) []Hit {
	if f == nil {
		return nil
	}
	var out []Hit
	for i, line := range strings.Split(text, "\n") {
		line = directiveRe.ReplaceAllStringFunc(line, spaces)
		line = citeRe2.ReplaceAllStringFunc(line, spaces)
		for _, fb := range f.list {
			if loc := fb.re.FindStringIndex(line); loc != nil {
				m := line[loc[0]:loc[1]]
				trim := strings.TrimLeftFunc(m, func(r rune) bool { return !isWordRune(r) })
				col := len([]rune(line[:loc[0]+len(m)-len(trim)])) + 1
				trim = strings.TrimRightFunc(trim, func(r rune) bool { return !isWordRune(r) })
				out = append(out, Hit{i + 1, col, trim, fb.from, fb.id})
			}
		}
	}
	return out
}

func isWordRune(r rune) bool {
	return r == '%' || unicode.IsLetter(r) || unicode.IsDigit(r)
}

// spaces keeps byte offsets: the replaced markup becomes as many spaces.
func spaces(s string) string { return strings.Repeat(" ", len(s)) }

package prose

import (
	"bufio"
	_ "embed"
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"unicode"
)

// analysisHashes is the protected analysis as hashed 8-word runs: the only
// form in which it is kept in this repository (see ShingleHash). Regenerate
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
	protected, allowedRuns map[string]bool
)

// Protected returns the banned runs (the analysis) and the allowed ones (the
// titles above), parsed once.
func Protected() (banned, allowed map[string]bool) {
	protectedOnce.Do(func() {
		protected = map[string]bool{}
		sc := bufio.NewScanner(strings.NewReader(analysisHashes))
		for sc.Scan() {
			if h := strings.TrimSpace(sc.Text()); h != "" {
				protected[h] = true
			}
		}
		allowedRuns = map[string]bool{}
		for _, t := range AllowedTitles {
			for _, h := range Shingles(t) {
				allowedRuns[h] = true
			}
		}
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

// numberWords spells 1–12 in each language; above 12 writers use digits.
var numberWords = map[string][]string{
	"fr": {"", "un|une", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix", "onze", "douze"},
	"nl": {"", "een|één|1", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen", "tien", "elf", "twaalf"},
	"en": {"", "one|a single", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"},
}

// unitWords lists each unit's words, singular and plural, all languages
// together (a French page may quote "months" no more than an English one).
var unitWords = map[string]string{
	"month":   "mois|maand|maanden|month|months",
	"day":     "jour|jours|journée|journées|dag|dagen|day|days",
	"year":    "an|ans|année|années|jaar|jaren|year|years",
	"week":    "semaine|semaines|week|weken|weeks",
	"percent": "%|pour cent|pourcent|procent|percent|per cent",
}

// spellings gives the regexp alternatives for a number as typed.
func spellings(p Param) []string {
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
			for _, lang := range []string{"fr", "nl", "en"} {
				out = append(out, strings.Split(numberWords[lang][i], "|")...)
			}
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

// NewFigures builds one case-insensitive pattern per parameter.
func NewFigures(ps []Param) *Figures {
	f := &Figures{}
	seen := map[string]bool{}
	for _, p := range ps {
		nums := strings.Join(spellings(p), "|")
		var pat string
		switch {
		case p.Unit == "count":
			pat = `(?i)(?:^|[^\p{L}\p{N}])(?:` + nums + `)(?:$|[^\p{L}\p{N}])`
		case unitWords[p.Unit] != "":
			units := strings.ReplaceAll(unitWords[p.Unit], " ", `\s+`)
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

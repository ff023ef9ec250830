package site

import (
	"html"
	"regexp"
	"strings"
	"testing"

	"github.com/cire-asbl/fabrique/internal/rules"
)

// inForceWords is how each language says "in force": the words that must
// never stand next to a value whose status is something else.
var inForceWords = map[string][]string{
	"fr": {"en vigueur"},
	"nl": {"van kracht"},
	"en": {"in force"},
}

var (
	scriptRe = regexp.MustCompile(`(?is)<(script|style)\b.*?</(script|style)>`)
	// A block: what a reader takes as one statement (a paragraph, a list
	// item, a table cell, a heading, a caption, a definition).
	blockRe = regexp.MustCompile(`(?i)</?(p|li|td|th|dd|dt|h[1-6]|caption|figcaption|div|section|table|ul|ol|tr|main|header|footer|nav|aside|details|summary|text|title|g)\b[^>]*>`)
	tagRe   = regexp.MustCompile(`<[^>]*>`)
	// Units read as a whole: a calculator (its rule table and the line
	// under it say together what the values are) and a leaflet.
	wholeRe = regexp.MustCompile(`(?s)<div class="calculator" id="[^"]*">.*?</form></div>|<article class="leaflet".*?</article>`)
	spaceRe = regexp.MustCompile(`\s+`)
)

// inForceClaims returns the blocks of page (HTML or SVG) in lang that say
// "in force" while also showing a value marked with another status: the
// value's words "(selon l'analyse du CIRÉ)", "(texte adopté…" are the
// markers, as rules.FormatRule writes them.
func inForceClaims(page, lang string, markers []string) []string {
	page = scriptRe.ReplaceAllString(page, " ")
	var bad []string
	units := append(wholeRe.FindAllString(page, -1), blockRe.Split(page, -1)...)
	for _, block := range units {
		text := spaceRe.ReplaceAllString(html.UnescapeString(tagRe.ReplaceAllString(block, " ")), " ")
		lower := strings.ToLower(text)
		says := false
		for _, w := range inForceWords[lang] {
			says = says || strings.Contains(lower, w)
		}
		if !says {
			continue
		}
		for _, m := range markers {
			if strings.Contains(lower, strings.ToLower(m)) {
				bad = append(bad, strings.TrimSpace(text))
				break
			}
		}
	}
	return bad
}

// statusMarkers are the words the site appends to a value that is not in
// force, per language: "(" + the status words.
func statusMarkers(t *testing.T, rs *rules.Set, lang string) []string {
	t.Helper()
	var out []string
	for _, st := range rules.Statuses {
		if st == rules.StatusInForce {
			continue
		}
		w, err := rs.StatusText(st, lang)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, "("+w)
	}
	return out
}

// The checker can fail: a block that says "in force" next to a reported
// value is caught; the same words about an in-force value, or in another
// block, are not.
func TestInForceClaimsChecker(t *testing.T) {
	markers := []string{"(selon l’analyse", "(texte adopté"}
	bad := `<main><p>Le délai est de 2 mois (selon l’analyse), règle en vigueur.</p></main>`
	if got := inForceClaims(bad, "fr", markers); len(got) != 1 {
		t.Errorf("want one claim, got %q", got)
	}
	cell := `<table><tr><td>9 mois (en vigueur)</td><td>6 mois (texte adopté, applicable à partir du 12 juin 2026)</td></tr></table>`
	if got := inForceClaims(cell, "fr", markers); len(got) != 0 {
		t.Errorf("separate cells flagged: %q", got)
	}
	calc := `<div class="calculator" id="c"><table><tr><td>2 mois (selon l’analyse)</td></tr></table><p>Règles en vigueur au 1er décembre 2025.</p><form></form></div>`
	if got := inForceClaims(calc, "fr", markers); len(got) != 1 {
		t.Errorf("calculator footer not flagged: %q", got)
	}
	attr := `<form data-calculator-ui="{&#34;in-force&#34;:&#34;en vigueur&#34;}"><p>3 mois (selon l’analyse)</p></form>`
	if got := inForceClaims(attr, "fr", markers); len(got) != 0 {
		t.Errorf("attribute text flagged: %q", got)
	}
}

// No page, calculator, diagram or leaflet of the real site says "in force"
// for a value whose status is not in-force: the property is checked on every
// generated HTML and SVG file, whatever the data says.
func TestRealSiteNeverCallsInForceWhatIsNot(t *testing.T) {
	m := repoFS(t)
	res := Generate(m, Options{})
	if res.Failed(false) {
		t.Fatalf("real site fails: %v", res.Problems.Err())
	}
	rs, probs := rules.Load(m, "data/rules", rules.LoadOptions{Languages: []string{"fr", "nl", "en"}, AsOf: rules.MustDate("2000-01-01")})
	_ = probs // only the status words are needed here; the build checked the rest
	markers := map[string][]string{}
	for lang := range inForceWords {
		markers[lang] = statusMarkers(t, rs, lang)
	}
	checked := 0
	for _, name := range res.Files.Sorted() {
		if !strings.HasSuffix(name, ".html") && !strings.HasSuffix(name, ".svg") {
			continue
		}
		lang := ""
		for l := range inForceWords {
			if strings.HasPrefix(name, l+"/") || strings.Contains(name, "/"+l+"/") {
				lang = l
			}
		}
		if lang == "" {
			continue
		}
		checked++
		for _, claim := range inForceClaims(string(res.Files[name]), lang, markers[lang]) {
			t.Errorf("%s says %q next to a value that is not in force: %q", name, inForceWords[lang][0], claim)
		}
	}
	if checked < 30 {
		t.Errorf("only %d pages checked", checked)
	}
}

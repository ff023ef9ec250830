package sources

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/cire-asbl/fabrique/internal/i18n"
	"github.com/cire-asbl/fabrique/internal/markdown"
)

// A directive links EUR-Lex in the reader's language where the data gives
// that URL (es, de); Arabic, which EUR-Lex does not have, falls back to the
// French URL without a problem, marked hreflang="fr" with a visible language
// note; a Belgian act without a Spanish URL does the same in Spanish. In the
// Arabic note, the French title is marked and isolated, and the Latin
// pinpoint is a <bdi>.
func TestLinksInTheReadersLanguage(t *testing.T) {
	langs := []string{"fr", "nl", "en", "ar", "es", "de"}
	const src = `types:
  - id: law
    schema: Legislation
    heading: {fr: Lois, nl: Wetten, en: Laws, ar: قوانين, es: Leyes, de: Gesetze}
    legislationType: {fr: Loi, nl: Wet, en: Law, ar: قانون, es: Ley, de: Gesetz}
  - id: eu-directive
    schema: Legislation
    heading: {fr: Directives, nl: Richtlijnen, en: Directives, ar: توجيهات, es: Directivas, de: Richtlinien}
    legislationType: {fr: Directive, nl: Richtlijn, en: Directive, ar: توجيه, es: Directiva, de: Richtlinie}
sources:
  dir-2011-98:
    type: eu-directive
    jurisdiction: EU
    celex: 32011L0098
    title: {fr: Directive 2011/98/UE, nl: Richtlijn 2011/98/EU, en: Directive 2011/98/EU, es: Directiva 2011/98/UE, de: Richtlinie 2011/98/EU}
    url:
      fr: https://eur-lex.europa.eu/legal-content/FR/TXT/?uri=CELEX:32011L0098
      nl: https://eur-lex.europa.eu/legal-content/NL/TXT/?uri=CELEX:32011L0098
      en: https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:32011L0098
      es: https://eur-lex.europa.eu/legal-content/ES/TXT/?uri=CELEX:32011L0098
      de: https://eur-lex.europa.eu/legal-content/DE/TXT/?uri=CELEX:32011L0098
  loi-1980:
    type: law
    jurisdiction: BE
    title: {fr: Loi du 15 décembre 1980, nl: Wet van 15 december 1980, en: Law of 15 December 1980, ar: قانون 15 ديسمبر 1980, es: Ley de 15 de diciembre de 1980, de: Gesetz vom 15. Dezember 1980}
    url:
      fr: https://www.ejustice.just.fgov.be/cgi_loi/change_lg.pl?language=fr&la=F&cn=1980121530&table_name=loi
      nl: https://www.ejustice.just.fgov.be/cgi_loi/change_lg.pl?language=nl&la=N&cn=1980121530&table_name=wet
`
	s, probs := Load(fstest.MapFS{"sources.yaml": {Data: []byte(src)}}, "sources.yaml", langs)
	if e, _ := probs.Count(); e != 0 {
		t.Fatalf("a missing URL or title in a language must not be an error:\n%v", probs.Err())
	}
	s.Labels = Labels{
		InLanguage:   map[string]string{"fr": "en {lang}", "nl": "in het {lang}", "en": "in {lang}", "ar": "باللغة {lang}", "es": "en {lang}", "de": "auf {lang}"},
		LanguageName: i18n.Name,
	}
	tests := []struct{ key, lang, want, notWant string }{
		{"dir-2011-98", "es", `<a href="https://eur-lex.europa.eu/legal-content/ES/TXT/?uri=CELEX:32011L0098">Directiva 2011/98/UE</a>`, "hreflang"},
		{"dir-2011-98", "de", `<a href="https://eur-lex.europa.eu/legal-content/DE/TXT/?uri=CELEX:32011L0098">Richtlinie 2011/98/EU</a>`, "hreflang"},
		{"dir-2011-98", "ar", `<a href="https://eur-lex.europa.eu/legal-content/FR/TXT/?uri=CELEX:32011L0098" hreflang="fr"><span lang="fr" dir="auto">Directive 2011/98/UE</span></a>`, ""},
		{"dir-2011-98", "ar", `, <bdi>art. 75</bdi> (باللغة الفرنسية)`, ""},
		{"loi-1980", "es", `hreflang="fr">Ley de 15 de diciembre de 1980</a>, art. 75 (en francés)`, "<bdi>"},
		{"loi-1980", "de", `hreflang="fr">Gesetz vom 15. Dezember 1980</a>, art. 75 (auf Französisch)`, ""},
		{"loi-1980", "ar", `hreflang="fr">قانون 15 ديسمبر 1980</a>, <bdi>art. 75</bdi>`, `dir="auto"`},
		{"loi-1980", "nl", `table_name=wet">Wet van 15 december 1980</a>, art. 75`, "hreflang"},
	}
	for _, tt := range tests {
		got, err := s.Note(markdown.CiteRef{Key: tt.key, Pinpoint: "art. 75"}, tt.lang)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(got, tt.want) || (tt.notWant != "" && strings.Contains(got, tt.notWant)) {
			t.Errorf("%s/%s: want %q (and not %q) in\n%s", tt.key, tt.lang, tt.want, tt.notWant, got)
		}
	}
	// The sources page's identifiers in a right-to-left page: see
	// internal/site's TestSourcesLayout (the page is the theme's layout).
}

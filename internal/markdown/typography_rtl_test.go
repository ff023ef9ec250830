package markdown

import "testing"

// French typography is never applied to Arabic (nor to Spanish or German):
// no narrow no-break space before ":" or "؟", none inside « », apostrophes
// left as typed — in plain text and in an Arabic page's HTML, except inside
// an element marked lang="fr".
func TestNoFrenchTypographyOutsideFrench(t *testing.T) {
	for _, lang := range []string{"ar", "es", "de"} {
		for _, s := range []string{"المهلة : شهران ؟ «نص» l'analyse", "¿Qué plazo ? «texto» : sí !", "Frist : « Text » ; l'Amt"} {
			if got := Typography(lang, s); got != s {
				t.Errorf("Typography(%q, %q) = %q: changed", lang, s, got)
			}
		}
	}
	in := []byte(`<p>المهلة : شهران ؟ «نص» <span lang="fr">délai : « deux »</span></p>`)
	want := "<p>المهلة : شهران ؟ «نص» <span lang=\"fr\">délai\u202f: «\u202fdeux\u202f»</span></p>"
	if got := string(TypographyHTML("ar", in)); got != want {
		t.Errorf("TypographyHTML(ar):\n got %q\nwant %q", got, want)
	}
}

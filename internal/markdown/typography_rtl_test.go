package markdown

import "testing"

// French typography is never applied to an Arabic page's HTML (plain text:
// typography.TestFrench), except inside an element marked lang="fr".
func TestNoFrenchTypographyOutsideFrench(t *testing.T) {
	in := []byte(`<p>المهلة : شهران ؟ «نص» <span lang="fr">délai : « deux »</span></p>`)
	want := "<p>المهلة : شهران ؟ «نص» <span lang=\"fr\">délai\u202f: «\u202fdeux\u202f»</span></p>"
	if got := string(TypographyHTML("ar", in)); got != want {
		t.Errorf("TypographyHTML(ar):\n got %q\nwant %q", got, want)
	}
}

package site

import (
	"html"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"
)

// One French sentence, typed as an editor types it (straight apostrophe,
// plain spaces before ":" and "!", none inside « »), comes out with the
// same characters wherever the site shows it: in a page's text, in a
// diagram (its label and the SVG file), in the diagram's aria-label, in the
// sources page's JSON-LD, on a leaflet, as the site's title (site.toml, on
// the pages of every language), as an interface string of the theme (a
// layout's footer and a calculator's script texts) and as a page's title
// (front matter: menus, pager, search). Typography is applied once, when
// the text is loaded (internal/yamlpos, internal/i18n, internal/config,
// internal/content, all through internal/typography), not by each output.
func TestTypographyIsTheSameEverywhere(t *testing.T) {
	const typed = "L'employeur doit agir : «vite» !"
	const want = "L’employeur doit agir\u202f: «\u202fvite\u202f»\u202f!"

	m := fixtureSite(t)
	replace := func(name, old, new string) {
		t.Helper()
		f, ok := m[name]
		if !ok || !strings.Contains(string(f.Data), old) {
			t.Fatalf("fixture %s lacks %q", name, old)
		}
		m[name] = &fstest.MapFile{Data: []byte(strings.Replace(string(f.Data), old, new, 1))}
	}
	quoted := `"` + typed + `"`
	// A diagram's title: its <title>, figcaption, aria-label and leaflet.
	replace("data/pathways/single-permit-renewal.yaml", `fr: "Permis unique : renouvellement et perte d'emploi"`, "fr: "+quoted)
	// A node's label: text inside the drawing.
	replace("data/pathways/single-permit-renewal.yaml", `fr: "Le travail continue ?"`, "fr: "+quoted)
	// A source's title: the notes and the sources page's JSON-LD.
	replace("data/sources.yaml", `fr: "Comprendre la fabrique des personnes sans papiers en Belgique : les travailleur·euses étranger·ères"`, "fr: "+quoted)
	// The site's name, written in the default language (French).
	replace("site.toml", `title = "La fabrique des sans-papiers"`, "title = "+quoted)
	// Interface strings: a layout's footer, a calculator's script texts.
	replace("themes/default/i18n/fr.toml", `not_advice = "Ce site informe ; il ne remplace pas un conseil juridique."`, "not_advice = "+quoted)
	replace("themes/default/i18n/fr.toml", `next_step = "Et maintenant :"`, "next_step = "+quoted)
	// A page's own text, and another page's title.
	replace("content/fr/delais.md", "title: Les délais de l'administration", "title: "+quoted)
	page := "content/fr/permis-unique-renouvellement.md"
	m[page] = &fstest.MapFile{Data: append(append([]byte(nil), m[page].Data...), "\n\n"+typed+"\n"...)}

	res := Generate(m, Options{})
	if res.Failed(false) {
		t.Fatalf("build failed:\n%v", res.Problems.Err())
	}

	// Where the sentence must be, with the page's own characters.
	places := map[string]func(string) []string{
		"page text": func(s string) []string {
			return regexp.MustCompile(`<p>([^<]*agir[^<]*)</p>`).FindAllString(s, -1)
		},
		"diagram label": func(s string) []string {
			return regexp.MustCompile(`<text [^>]*>[^<]*agir[^<]*</text>|<title[^>]*>[^<]*agir[^<]*</title>`).FindAllString(s, -1)
		},
		"aria-label": func(s string) []string {
			return regexp.MustCompile(`aria-label="[^"]*agir[^"]*"`).FindAllString(s, -1)
		},
		"JSON-LD": func(s string) []string {
			return regexp.MustCompile(`(?s)<script type="application/ld\+json">.*?</script>`).FindAllString(s, -1)
		},
		"leaflet": func(s string) []string {
			return regexp.MustCompile(`(?s)<article class="leaflet".*?</article>`).FindAllString(s, -1)
		},
		"site title": func(s string) []string {
			return regexp.MustCompile(`<a class="site-title"[^>]*>.*?</a>`).FindAllString(s, -1)
		},
		"footer string": func(s string) []string {
			return regexp.MustCompile(`(?s)<footer.*?</footer>`).FindAllString(s, -1)
		},
		"calculator script": func(s string) []string {
			return regexp.MustCompile(`data-calculator-ui="[^"]*"`).FindAllString(s, -1)
		},
		"page title": func(s string) []string {
			return regexp.MustCompile(`<h1[^>]*>[^<]*</h1>|<a [^>]*rel="(?:prev|next)"[^>]*>.*?</a>`).FindAllString(s, -1)
		},
	}
	found := map[string]int{}
	// Words of the sentence split across SVG lines are checked with the
	// lines joined; a label may wrap at a space, never at U+202F.
	straight := regexp.MustCompile(`L'employeur|L&#39;employeur|L&#x27;employeur|agir :|agir&nbsp;:|agir\x{a0}:|« ?vite|vite ?»|» !`)
	for name, b := range res.Files {
		if !strings.HasSuffix(name, ".html") && !strings.HasSuffix(name, ".svg") {
			continue
		}
		s := string(b)
		if !strings.Contains(s, "agir") {
			continue
		}
		if m := straight.FindString(s); m != "" {
			t.Errorf("%s: the sentence as typed (%q) reaches the output", name, m)
		}
		for place, find := range places {
			for _, hit := range find(s) {
				if !strings.Contains(hit, "agir") {
					continue
				}
				text := html.UnescapeString(regexp.MustCompile(`</text><text[^>]*>`).ReplaceAllString(hit, " "))
				if place == "JSON-LD" {
					text = strings.NewReplacer(`\u202f`, "\u202f", `\u2019`, "’").Replace(text)
				}
				if !strings.Contains(text, "L’employeur") && !strings.Contains(text, "«\u202fvite") {
					continue
				}
				found[place]++
				inner := strings.TrimSpace(regexp.MustCompile(`<[^>]*>`).ReplaceAllString(text, ""))
				// A diagram label wraps onto several <text> lines: each
				// line is a piece of the sentence, with its characters.
				if !strings.Contains(text, want) && !(place == "diagram label" && strings.Contains(want, inner)) {
					t.Errorf("%s in %s: %q, want %q", place, name, text, want)
				}
			}
		}
	}
	for place := range places {
		if found[place] == 0 {
			t.Errorf("the sentence was not found in any %s", place)
		}
	}
	t.Logf("found: %v", found)
}

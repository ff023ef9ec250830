package calc

import (
	"os"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"
)

func TestFormMarkup(t *testing.T) {
	c := loadCalcs(t)
	for _, lang := range langs {
		var page strings.Builder
		for _, id := range c.IDs() {
			h, err := c.Form(id, lang)
			if err != nil {
				t.Fatal(err)
			}
			page.WriteString(h)
			for _, want := range []string{
				`<form class="calculator__form" data-calculator="` + id + `" novalidate hidden`,
				`data-calculator-fallback`, `<table class="rule-table">`,
				`aria-live="polite"`, `data-error-summary`, `type="submit"`,
				`class="calculator__disclaimer"`, `data-calculator-ui="{`,
			} {
				if !strings.Contains(h, want) {
					t.Errorf("%s/%s: missing %q", id, lang, want)
				}
			}
			k, _ := c.Get(id)
			for _, in := range k.Inputs {
				if in.Type != TypeDate {
					continue
				}
				// Day and year open the numeric keypad; the month may be a word.
				for part, mode := range map[string]string{"day": "numeric", "month": "text", "year": "numeric"} {
					re := regexp.MustCompile(`<input [^>]*id="calc-` + regexp.QuoteMeta(id) + `-` + in.Name + `-` + part + `"[^>]*inputmode="` + mode + `"`)
					if !re.MatchString(h) {
						t.Errorf("%s/%s: no %s %s field for %s", id, lang, mode, part, in.Name)
					}
				}
				if !strings.Contains(h, `role="group" aria-describedby="calc-`+id+`-`+in.Name+`-hint calc-`+id+`-`+in.Name+`-error"`) {
					t.Errorf("%s/%s: fieldset for %s lacks role=group or aria-describedby", id, lang, in.Name)
				}
			}
		}
		// Two copies of one calculator and all five on one page: ids unique.
		second, _ := c.FormInstance("renew", lang, 2)
		page.WriteString(second)
		seen := map[string]bool{}
		for _, m := range regexp.MustCompile(` id="([^"]+)"`).FindAllStringSubmatch(page.String(), -1) {
			if seen[m[1]] {
				t.Errorf("%s: duplicate id %q", lang, m[1])
			}
			seen[m[1]] = true
		}
		for _, m := range regexp.MustCompile(`(?:for|aria-describedby|aria-labelledby)="([^"]+)"`).FindAllStringSubmatch(page.String(), -1) {
			for _, ref := range strings.Fields(m[1]) {
				if !seen[ref] {
					t.Errorf("%s: reference to missing id %q", lang, ref)
				}
			}
		}
		if strings.Contains(page.String(), "style=") || strings.Contains(page.String(), "<script") {
			t.Errorf("%s: inline style or script in form markup", lang)
		}
	}
}

func TestRuleTableAndDates(t *testing.T) {
	c := loadCalcs(t)
	h, err := c.RuleTable("renew", "fr")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"3 mois (FR-rapporté)", "100 jours (FR-rapporté)",
		"fr-from 10 m3 2031 70 jours (FR-adopté, FR-dès 10 mar 2031)", `data-status="adopted" data-from="2031-03-10"`,
		"study, p. 2", "act, art. 4(1)", `fr-basis <time datetime="2030-06-15">15 m6 2030</time>`} {
		if !strings.Contains(h, want) {
			t.Errorf("rule table lacks %q:\n%s", want, h)
		}
	}
	if strings.Contains(h, "200 jours") {
		t.Error("the table shows the observed delay it does not use")
	}
	// The in-force value of g.eu and the adopted one after it.
	h, _ = c.RuleTable("asyl", "en")
	if !strings.Contains(h, `data-status="in-force"`) || !strings.Contains(h, "en-from 1 m2 2032 5 months (EN-adopted, EN-from 1 Feb 2032)") {
		t.Errorf("asyl table:\n%s", h)
	}
	if _, err := c.Form("nope", "fr"); err == nil {
		t.Error("unknown calculator rendered")
	}
	if _, err := c.Form("renew", "de"); err == nil {
		t.Error("unknown language rendered")
	}
}

func TestFormGolden(t *testing.T) {
	c := loadCalcs(t)
	h, err := c.Form("renew", "en")
	if err != nil {
		t.Fatal(err)
	}
	h = strings.ReplaceAll(h, "><", ">\n<")
	const golden = "testdata/form-renew-en.html.golden"
	if *update {
		os.WriteFile(golden, []byte(h), 0o644)
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update)", err)
	}
	if string(want) != h {
		t.Errorf("form differs from %s (go test ./internal/calc -update, then review)", golden)
	}
}

// TestFormEscapes: texts from the data and the strings files are text,
// never markup, wherever they land in the form (element text, attribute,
// the "not translated" mark-up around a default-language text, the JSON
// for calculator-ui.js).
func TestFormEscapes(t *testing.T) {
	fsys := fixtureFS(t)
	const (
		label = `<script>alert("x")</script> & 'co'`
		hint  = `a "quoted" hint & <b>bold</b>`
	)
	y := strings.NewReplacer(
		"label: {fr: fr-region, nl: nl-region, en: en-region}", "label: {fr: '"+strings.ReplaceAll(label, "'", "''")+"', en: en-region}",
		"en-expiry-hint", hint,
		"en-submit", "go & <go>",
	).Replace(string(fsys["calculators.yaml"].Data))
	fsys["calculators.yaml"] = &fstest.MapFile{Data: []byte(y)}
	c, probs := Load(fsys, "calculators.yaml", Options{Rules: loadRulesFS(t, fsys), Languages: langs, Default: "fr"})
	if probs.Failed(false) {
		t.Fatal(probs.Sorted())
	}
	c.ui["nl"].Text["not_translated"] = `<i>to translate</i>`
	escLabel := `&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; &#39;co&#39;`
	for _, tc := range []struct{ id, lang string }{{"pick", "fr"}, {"pick", "nl"}, {"renew", "en"}} {
		h, err := c.Form(tc.id, tc.lang)
		if err != nil {
			t.Fatal(err)
		}
		for _, bad := range []string{"<script", "<b>", "<go>", "<i>", ` & `} {
			if strings.Contains(h, bad) {
				t.Errorf("%s/%s: %q unescaped in the form", tc.id, tc.lang, bad)
			}
		}
		var want []string
		switch tc.lang {
		case "fr":
			want = []string{`<legend class="fieldset__legend">` + escLabel + `</legend>`}
		case "nl":
			// Not translated: the French text, marked, and the hint.
			want = []string{`<legend class="fieldset__legend"><span lang="fr">` + escLabel + `</span> <small class="untranslated">(&lt;i&gt;to translate&lt;/i&gt;)</small></legend>`}
		case "en":
			want = []string{`<div class="hint" id="calc-renew-expiry-hint">a &#34;quoted&#34; hint &amp; &lt;b&gt;bold&lt;/b&gt; en-hint</div>`,
				`<button type="submit" class="button">go &amp; &lt;go&gt;</button>`}
		}
		for _, w := range want {
			if !strings.Contains(h, w) {
				t.Errorf("%s/%s: missing %s in\n%s", tc.id, tc.lang, w, h)
			}
		}
	}
}

package site

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/cire-asbl/fabrique/internal/calc"
	"github.com/cire-asbl/fabrique/internal/config"
	"github.com/cire-asbl/fabrique/internal/i18n"
	"github.com/cire-asbl/fabrique/internal/rules"
)

// The browser half of the calculators reads and writes dates itself
// (calculator-ui.js: month names typed by the reader, results formatted in
// the page's language) from the same strings the Go formatter uses. This
// runs that script's parseMonth and formatDate in node for every language
// a site has — the real site's, plus Arabic, Spanish and German whenever
// their strings files exist — against the Go side (internal/i18n).
func TestCalculatorDatesMatchGoInEveryLanguage(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("node not found: the calculator date test needs it under CI=true")
		}
		t.Skip("SKIPPING calculator date test: node not found")
	}
	m := loadDir(t, "../..", "themes", "site.toml")
	cfg, ps := config.Load(m)
	if cfg == nil {
		t.Fatal(ps.Err())
	}
	langs := cfg.Codes()
	for _, extra := range []string{"ar", "es", "de"} {
		if _, ok := m["themes/default/i18n/"+extra+".toml"]; ok && !contains(langs, extra) {
			langs = append(langs, extra)
		}
	}
	cfg.Languages = nil
	for _, l := range langs {
		cfg.Languages = append(cfg.Languages, config.Language{Code: l})
	}
	words := testWords(cfg)
	ui := calc.UIFrom(words, langs)

	type monthCase struct {
		Text string `json:"text"`
		Want int    `json:"want"`
	}
	type langCase struct {
		Lang       string      `json:"lang"`
		UI         any         `json:"ui"`
		Dates      []string    `json:"dates"`
		Want       []string    `json:"want"`
		Months     []monthCase `json:"months"`
		DayOne     string      `json:"dayOne"`
		DateFormat string      `json:"dateFormat"`
	}
	var cases []langCase
	for _, l := range langs {
		u := ui[l]
		names := make([][]string, 12)
		for i := range names {
			names[i] = append([]string{u.Months[i]}, u.MonthsShort...)[:1]
			if i < len(u.MonthsShort) {
				names[i] = append(names[i], u.MonthsShort[i])
			}
			if i < len(u.MonthAliases) {
				names[i] = append(names[i], u.MonthAliases[i]...)
			}
		}
		c := langCase{Lang: l, UI: map[string]any{"months": u.Months, "monthNames": names, "dateFormat": u.Text["date_format"], "dayOne": u.Text["day_one"]}}
		for d := rules.MustDate("2024-01-01"); !d.After(rules.MustDate("2026-12-31")); d = d.AddDays(1) {
			c.Dates = append(c.Dates, d.String())
			c.Want = append(c.Want, words.Lang(l).Date(d.Year, d.Month, d.Day))
		}
		for i, name := range u.Months {
			c.Months = append(c.Months, monthCase{name, i + 1}, monthCase{strings.ToUpper(name), i + 1}, monthCase{" " + name + " ", i + 1})
			if i < len(u.MonthAliases) {
				for _, a := range u.MonthAliases[i] {
					c.Months = append(c.Months, monthCase{a, i + 1})
				}
			}
			if i < len(u.MonthsShort) { // "sept", "März": what a reader types
				c.Months = append(c.Months, monthCase{u.MonthsShort[i], i + 1})
			}
		}
		c.Months = append(c.Months, monthCase{"12", 12}, monthCase{"١٢", 12}, monthCase{"xyz", 0})
		cases = append(cases, c)
	}

	src, err := os.ReadFile("../../themes/default/assets/js/calculator-ui.js")
	if err != nil {
		t.Fatal(err)
	}
	// The module without its import (the generated calculators) and with
	// the two functions exported; a stub document keeps its last line inert.
	mod := regexp.MustCompile(`(?m)^import .*$`).ReplaceAllString(string(src), "const calculate = () => ({});")
	mod = regexp.MustCompile(`(?m)^export (function|const|async function) `).ReplaceAllString(mod, "$1 ") +
		"\nexport { parseMonth, formatDate };\n"
	dir := t.TempDir()
	in, _ := json.Marshal(cases)
	must := func(err error) {
		if err != nil {
			t.Fatal(err)
		}
	}
	must(os.WriteFile(filepath.Join(dir, "ui.mjs"), []byte(mod), 0o644))
	must(os.WriteFile(filepath.Join(dir, "cases.json"), in, 0o644))
	must(os.WriteFile(filepath.Join(dir, "run.mjs"), []byte(`globalThis.document = { querySelectorAll: () => [] };
const { parseMonth, formatDate } = await import("./ui.mjs");
import { readFileSync } from "node:fs";
const cases = JSON.parse(readFileSync("cases.json", "utf8"));
const bad = [];
for (const c of cases) {
  c.dates.forEach((d, i) => { const got = formatDate(d, c.ui); if (got !== c.want[i]) bad.push(c.lang + " " + d + ": JS " + JSON.stringify(got) + ", Go " + JSON.stringify(c.want[i])); });
  for (const m of c.months) { const got = parseMonth(m.text, c.ui.monthNames); if (got !== m.want) bad.push(c.lang + " month " + JSON.stringify(m.text) + ": JS " + got + ", want " + m.want); }
}
console.log(JSON.stringify({ bad, n: cases.length }));
`), 0o644))
	cmd := exec.Command(node, "run.mjs")
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("node: %v\n%s", err, out)
	}
	var res struct {
		Bad []string
		N   int
	}
	if err := json.Unmarshal(out, &res); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	if res.N != len(langs) {
		t.Fatalf("node ran %d languages, want %d", res.N, len(langs))
	}
	for i, b := range res.Bad {
		if i == 20 {
			t.Errorf("… and %d more", len(res.Bad)-20)
			break
		}
		t.Error(b)
	}
}

// TestUnitWordsFollowCLDR: 0, 1, 2, 3, 11 and 100 of every unit, in every
// language that has a strings file, are written with that language's own
// form for CLDR's plural category of the number (never another language's,
// never a missing category's stand-in).
func TestUnitWordsFollowCLDR(t *testing.T) {
	m := loadDir(t, "../..", "themes", "site.toml")
	cfg, _ := config.Load(m)
	var langs []string
	for name := range m {
		if l, ok := strings.CutPrefix(name, "themes/default/i18n/"); ok && strings.HasSuffix(l, ".toml") {
			langs = append(langs, strings.TrimSuffix(l, ".toml"))
		}
	}
	if len(langs) < 3 {
		t.Fatalf("only %v strings files", langs)
	}
	words, ps := i18n.Load(m, "themes/"+cfg.Theme+"/i18n", langs, cfg.DefaultLanguage)
	if e, _ := ps.Count(); e != 0 {
		t.Fatal(ps.Err())
	}
	for _, p := range ps.Sorted() {
		if strings.Contains(p.Msg, "plural") {
			t.Error(p)
		}
	}
	units := []string{"day", "month", "year", "percent", "person"}
	for _, l := range langs {
		w := words.Lang(l)
		for _, u := range units {
			for _, n := range []string{"0", "1", "2", "3", "11", "100"} {
				text, in, err := w.Count(u, n)
				if err != nil || in != l {
					t.Errorf("%s %s %s: %q in %q, %v", l, u, n, text, in, err)
					continue
				}
				cat := w.Category(n)
				form, own := w.Text("units." + u + "." + cat)
				if own != l || (strings.Contains(form, "{n}") && !strings.Contains(text, n)) {
					t.Errorf("%s: %s %s is CLDR %q: the file has no such form (got %q)", l, n, u, cat, text)
				}
			}
		}
	}
}

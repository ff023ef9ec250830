package calc

import (
	"strings"
	"testing"
	"testing/fstest"
)

// A broken formula or field fails the build with the position of the problem.
func TestFormulaProblems(t *testing.T) {
	fx := fixtureFS(t)
	orig := string(fx["calculators.yaml"].Data)
	rs := loadRules(t)
	for _, tc := range []struct{ from, to, want string }{
		{"formula: expiry - @g.notice", "formula: expiry - @g.notise",
			`output last: unknown rule parameter "g.notise"`},
		{"formula: expiry - @g.notice", "formula: expiry - @g.count",
			"cannot compute date - number"},
		{"formula: filed + @g.notice", "formula: filed + 4",
			"cannot compute date + number"},
		{`region == "a", @g.notice`, `region == "c", @g.notice`, `"c" is not an option of region`},
		{"formula: max(last, advised)", "formula: max(last, sooner)",
			`unknown name "sooner"`},
		{"formula: if(latest < expiry", "formula: if(latest < expiry < issued",
			"comparisons cannot be chained"},
		{"label: {fr: fr-expiry, nl: nl-expiry, en: en-expiry}\n        hint", "label: {nl: nl-expiry, en: en-expiry}\n        hint",
			`no fr text: add a line "fr: …"`},
		{"label: {fr: fr-expiry, nl: nl-expiry, en: en-expiry}\n        hint", "label: {fr: fr-expiry, nk: nl-expiry, en: en-expiry}\n        hint",
			`"nk" is not a language of the site (fr, nl, en) (did you mean "nl"?)`},
		{"rules_at: expiry", "rules_at: nothing", "calculator renew: rules_at must name a date input"},
		{"kind: advice", "kind: hint", `output advised: unknown kind "hint"`},
		{`en: "en-file by {value}"`, `en: "en-file by"`, "write {value} where the result goes"},
		{"      later:\n", "      status:\n", `"status" is reserved`},
	} {
		src := strings.Replace(orig, tc.from, tc.to, 1)
		if src == orig {
			t.Fatalf("fixture %q not found", tc.from)
		}
		_, probs := Load(fstest.MapFS{"c.yaml": {Data: []byte(src)}}, "c.yaml", Options{Rules: rs, Languages: langs})
		err := probs.Err()
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q: want problem containing %q, got %v", tc.to, tc.want, err)
			continue
		}
		if !strings.HasPrefix(err.Error(), "c.yaml:") || strings.HasPrefix(err.Error(), "c.yaml: ") {
			t.Errorf("problem without line:col: %v", err)
		}
	}
}

// A proposed rule is not law: no calculator may apply it.
func TestProposedRuleRefused(t *testing.T) {
	fx := fixtureFS(t)
	fx["rules/p.yaml"] = &fstest.MapFile{Data: []byte("plan:\n  description: {fr: a, nl: b, en: c}\n  unit: month\n  kind: proposed\n  convention: calendar-months-clamp-end\n  values:\n    2030-06-15:\n      value: 6\n      status: proposed\n      start: reported\n      source: study\n      pinpoint: p. 9\n")}
	src := strings.Replace(string(fx["calculators.yaml"].Data), "formula: expiry - @g.notice", "formula: expiry - @p.plan", 1)
	_, probs := Load(fstest.MapFS{"c.yaml": {Data: []byte(src)}}, "c.yaml", Options{Rules: loadRulesFS(t, fx), Languages: langs})
	if err := probs.Err(); err == nil || !strings.Contains(err.Error(), "is only proposed, not law") {
		t.Errorf("got %v", err)
	}
}

func TestFormulaColumn(t *testing.T) {
	orig := string(fixtureFS(t)["calculators.yaml"].Data)
	src := strings.Replace(orig, "formula: expiry - @g.notice", "formula: expiry - @g.nope", 1)
	_, probs := Load(fstest.MapFS{"c.yaml": {Data: []byte(src)}}, "c.yaml", Options{Rules: loadRules(t), Languages: langs})
	ps := probs.Sorted()
	if len(ps) != 1 {
		t.Fatalf("want 1 problem, got %v", probs.Err())
	}
	lines := strings.Split(src, "\n")
	line := lines[ps[0].Line-1]
	if got := line[ps[0].Col-1:]; !strings.HasPrefix(got, "@g.nope") {
		t.Errorf("column points at %q", got)
	}
}

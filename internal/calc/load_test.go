package calc

import (
	"os"
	"strings"
	"testing"
	"testing/fstest"
)

// A broken formula fails the build with the position of the bad token.
func TestFormulaProblems(t *testing.T) {
	orig, err := os.ReadFile("../../data/calculators.yaml")
	if err != nil {
		t.Fatal(err)
	}
	rs := loadRules(t)
	for _, tc := range []struct{ from, to, want string }{
		{"formula: expiry - @single-permit.renewal-notice", "formula: expiry - @single-permit.renewal-notise",
			`output last_filing_day: unknown rule parameter "single-permit.renewal-notise"`},
		{"formula: expiry - @single-permit.renewal-notice", "formula: expiry - @context.victim-residence-maintenance",
			"is only proposed, not law"},
		{"formula: expiry - @single-permit.renewal-notice", "formula: expiry - @international-protection.residents-working",
			"cannot compute date - number"},
		{"formula: filed + @international-protection.work-access\n", "formula: filed + 4\n",
			"cannot compute date + number"},
		{`region == "wallonia"`, `region == "walonia"`, `"walonia" is not an option of region`},
		{"formula: min(last_filing_day, file_by_for_decision)", "formula: min(last_filing_day, later)",
			`unknown name "later"`},
		{"formula: stay_until < decision_observed", "formula: stay_until < decision_observed < filed",
			"comparisons cannot be chained"},
		{"          nl: Vervaldatum van de gecombineerde vergunning\n", "",
			`input expiry label: missing language "nl"`},
	} {
		src := strings.Replace(string(orig), tc.from, tc.to, 1)
		if src == string(orig) {
			t.Fatalf("fixture %q not found", tc.from)
		}
		_, probs := Load(fstest.MapFS{"c.yaml": {Data: []byte(src)}}, "c.yaml", calcOpts(rs))
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

func TestFormulaColumn(t *testing.T) {
	orig, _ := os.ReadFile("../../data/calculators.yaml")
	src := strings.Replace(string(orig), "formula: expiry - @single-permit.renewal-notice", "formula: expiry - @single-permit.nope", 1)
	_, probs := Load(fstest.MapFS{"c.yaml": {Data: []byte(src)}}, "c.yaml", calcOpts(loadRules(t)))
	ps := probs.Sorted()
	if len(ps) != 1 {
		t.Fatalf("want 1 problem, got %v", probs.Err())
	}
	lines := strings.Split(src, "\n")
	line := lines[ps[0].Line-1]
	if got := line[ps[0].Col-1:]; !strings.HasPrefix(got, "@single-permit.nope") {
		t.Errorf("column points at %q", got)
	}
}

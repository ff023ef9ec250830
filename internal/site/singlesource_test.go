package site

import (
	"github.com/cire-asbl/fabrique/internal/testsite"
	"strings"
	"testing"
	"testing/fstest"
)

// repoFS loads the tests' own copy of a whole site (internal/testsite) with
// the real theme into memory. The real site is checked by internal/qa/realsite.
func repoFS(t testing.TB) fstest.MapFS {
	m := loadDir(t, testsite.Dir(), "content", "data", "site.toml")
	for k, v := range loadDir(t, "../..", "themes") {
		m[k] = v
	}
	return m
}

// TestFixtureSiteBuildsStrict: the fixture site is a good site.
func TestFixtureSiteBuildsStrict(t *testing.T) {
	res := Generate(repoFS(t), Options{Strict: true})
	if res.Failed(true) {
		t.Fatalf("the fixture site does not build strictly:\n%v", res.Problems.Sorted())
	}
}

// TestOneChangeInDataChangesEverything proves the single source: one rule
// value edited in data/ changes the prose, the diagrams, the calculator
// module, the no-JavaScript rule table and rules.json.
func TestOneChangeInDataChangesEverything(t *testing.T) {
	m := repoFS(t)
	before := Generate(m, Options{})
	if before.Failed(false) {
		t.Fatalf("real site fails: %v", before.Problems.Err())
	}
	const file = "data/rules/single-permit.yaml"
	src := string(m[file].Data)
	i := strings.Index(src, "renewal-notice:")
	j := strings.Index(src[i:], "value: 2\n")
	if i < 0 || j < 0 {
		t.Fatal("fixture: renewal-notice value not found")
	}
	edited := src[:i+j] + "value: 5\n" + src[i+j+len("value: 2\n"):]
	m[file] = &fstest.MapFile{Data: []byte(edited)}
	after := Generate(m, Options{})
	if after.Failed(false) {
		t.Fatalf("edited site fails: %v", after.Problems.Err())
	}
	for _, c := range []struct{ file, want string }{
		{"fr/permis-unique-renouvellement/index.html", "5\u00a0mois"},
		{"nl/gecombineerde-vergunning-verlengen/index.html", "5\u00a0maanden"},
		{"en/single-permit-renewal/index.html", "5\u00a0months"},
		{"diagrams/fr/single-permit-renewal.svg", "5\u00a0mois"},
	} {
		if strings.Contains(string(before.Files[c.file]), c.want) {
			t.Errorf("%s already says %q before the change", c.file, c.want)
		}
		if !strings.Contains(string(after.Files[c.file]), c.want) {
			t.Errorf("%s does not say %q after the change", c.file, c.want)
		}
	}
	for _, f := range []string{"js/calculators.js", "data/rules.json"} {
		if string(before.Files[f]) == string(after.Files[f]) {
			t.Errorf("%s did not change", f)
		}
	}
}

package cite_test

import (
	"os/exec"
	"strings"
	"testing"

	// Imported so that any change to the domain rebuilds this test and the
	// go test cache never answers for an import graph it did not see.
	_ "github.com/cire-asbl/fabrique/internal/calc"
	_ "github.com/cire-asbl/fabrique/internal/glossary"
	_ "github.com/cire-asbl/fabrique/internal/pathway"
	_ "github.com/cire-asbl/fabrique/internal/rules"
	_ "github.com/cire-asbl/fabrique/internal/sources"
)

// The domain (law as data: rules, calculators, sources, glossary, pathways)
// depends on nothing above it: not on the Markdown converter, not on
// goldmark. A citation is named through this package instead.
func TestDomainImportsNoMarkdown(t *testing.T) {
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command on PATH")
	}
	domain := []string{"rules", "calc", "sources", "glossary", "pathway", "cite"}
	args := []string{"list", "-deps"}
	for _, p := range domain {
		args = append(args, "github.com/cire-asbl/fabrique/internal/"+p)
	}
	out, err := exec.Command(goBin, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	seen := 0
	for _, dep := range strings.Fields(string(out)) {
		if dep == "github.com/cire-asbl/fabrique/internal/markdown" || strings.HasPrefix(dep, "github.com/yuin/goldmark") {
			t.Errorf("the domain depends on %s", dep)
		}
		if strings.HasPrefix(dep, "github.com/cire-asbl/fabrique/internal/") {
			seen++
		}
	}
	if seen < len(domain) {
		t.Fatalf("go list listed %d of our packages, want at least %d:\n%s", seen, len(domain), out)
	}
}

// The leaf itself imports nothing of this module.
func TestCiteIsALeaf(t *testing.T) {
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command on PATH")
	}
	out, err := exec.Command(goBin, "list", "-f", "{{join .Imports \" \"}}", "github.com/cire-asbl/fabrique/internal/cite").CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	if s := strings.TrimSpace(string(out)); s != "" {
		t.Errorf("cite imports %s; it must stay a leaf", s)
	}
}

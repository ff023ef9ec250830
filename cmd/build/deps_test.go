package main

import (
	"os/exec"
	"strings"
	"testing"
)

// TestNoTestingPackagesInTheBinary: production code never imports a
// test-only package (the dev server's snapshot was a testing/fstest.MapFS;
// it is an internal/memfs.FS).
func TestNoTestingPackagesInTheBinary(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", ".").CombinedOutput()
	if err != nil {
		t.Skipf("go list: %v\n%s", err, out)
	}
	for _, p := range strings.Fields(string(out)) {
		if p == "testing" || strings.HasPrefix(p, "testing/") || strings.HasSuffix(p, "/testsite") {
			t.Errorf("the build binary imports %s, a test-only package", p)
		}
	}
}

// Package qatest finds the programs the browser tests need and applies one
// policy when one is missing, for every package whose tests drive a browser
// (internal/qa, internal/qa/realsite, internal/search, cmd/build's PDFs).
//
// Contract: under -short a browser test is skipped; on a developer's
// machine without Chromium, Java or the npm checkers it is skipped loudly,
// naming what to install; with CI=true a missing program is a failure, so
// that CI can never turn green by skipping its gates.
//
// It imports nothing of the site, so that internal/qa's own tests can use it.
package qatest

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// needChromium names the browser and how to install it.
const needChromium = "chromium (apt-get install -y chromium)"

// Tools are the paths of the external programs the gates run.
type Tools struct {
	Chromium, Java, AxeJS, VnuJar string
	// Missing names each program not found, with how to install it.
	Missing []string
}

// Find looks for Chromium ($QA_CHROMIUM first, then Debian's chromium),
// Java, and the checkers `npm ci` installs under root/node_modules.
func Find(root string) Tools {
	var t Tools
	if t.Chromium = chromium(); t.Chromium == "" {
		t.Missing = append(t.Missing, needChromium)
	}
	if p, err := exec.LookPath("java"); err == nil {
		t.Java = p
	} else {
		t.Missing = append(t.Missing, "java (apt-get install -y default-jre-headless)")
	}
	t.AxeJS = filepath.Join(root, "node_modules", "axe-core", "axe.min.js")
	t.VnuJar = filepath.Join(root, "node_modules", "vnu-jar", "build", "dist", "vnu.jar")
	for _, f := range []string{t.AxeJS, t.VnuJar} {
		if _, err := os.Stat(f); err != nil {
			t.Missing = append(t.Missing, f+" (run npm ci at the repository root)")
		}
	}
	return t
}

func chromium() string {
	for _, c := range []string{os.Getenv("QA_CHROMIUM"), "/usr/bin/chromium", "chromium", "chromium-browser"} {
		if c == "" {
			continue
		}
		if p, err := exec.LookPath(c); err == nil {
			return p
		}
	}
	return ""
}

// Need returns tl when nothing is missing; otherwise it skips t, or fails
// it when CI=true. Under -short it always skips.
func (tl Tools) Need(t testing.TB) Tools {
	t.Helper()
	SkipOrFail(t, tl.Missing)
	return tl
}

// Chromium returns the browser's path for a test that needs nothing else,
// with the same policy as [Tools.Need].
func Chromium(t testing.TB) string {
	t.Helper()
	p := chromium()
	var missing []string
	if p == "" {
		missing = []string{needChromium}
	}
	SkipOrFail(t, missing)
	return p
}

// SkipOrFail applies the policy to a test that needs the programs named in
// missing (each with how to install it): skipped under -short, skipped
// loudly when one is missing, failed instead when CI=true.
func SkipOrFail(t testing.TB, missing []string) {
	t.Helper()
	if testing.Short() {
		t.Skip("BROWSER TESTS SKIPPED under -short")
	}
	if len(missing) == 0 {
		return
	}
	msg := "BROWSER TESTS SKIPPED: missing " + strings.Join(missing, "; ")
	if os.Getenv("CI") == "true" {
		t.Fatal(msg + " (CI=true, so this is a failure)")
	}
	t.Skip(msg)
}

// Announce prints, from a TestMain, why the browser tests of the package
// will be skipped (go test shows a package's stderr even without -v), and
// reports whether they can run.
func (tl Tools) Announce() bool {
	if testing.Short() {
		fmt.Fprintln(os.Stderr, "*** BROWSER TESTS SKIPPED (-short): run go test without -short, or .ci/run ***")
		return false
	}
	if len(tl.Missing) > 0 {
		fmt.Fprintf(os.Stderr, "\n*** BROWSER TESTS SKIPPED: missing %s ***\n\n", strings.Join(tl.Missing, "; "))
		return false
	}
	return true
}

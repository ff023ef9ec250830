package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/cire-asbl/fabrique/internal/testsite"
)

// fixtureSite copies the tests' own site (internal/testsite) and the real
// theme into a temporary folder and adds files.
func fixtureSite(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.CopyFS(dir, testsite.FS()); err != nil {
		t.Fatal(err)
	}
	if err := os.CopyFS(filepath.Join(dir, "themes"), os.DirFS(testsite.ThemesDir())); err != nil {
		t.Fatal(err)
	}
	for name, data := range files {
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// Five mistakes in five files are all reported in one run, each at
// path:line:col, with "did you mean" where one applies; exit 1.
func TestFiveMistakesAtOnce(t *testing.T) {
	dir := fixtureSite(t, map[string]string{
		"content/fr/un.md":     "---\ntitle: \"Pas fermé\nweight: 3\n---\nTexte.\n",
		"content/fr/deux.md":   "---\ntitle: Deux\ndescripton: Une page.\n---\nTexte.\n",
		"content/fr/trois.md":  "---\ntitle: Trois\n---\nIl faut {rule:single-permit.renewal-notise} au moins.\n",
		"content/fr/quatre.md": "---\ntitle: Quatre\n---\nUne phrase sourcée [@cire-2052, p. 3].\n",
		"content/fr/cinq.md":   "---\ntitle: Cinq\n---\nVoir\n[la page](ref:abuot).\n",
	})
	var stdout, stderr strings.Builder
	code := run([]string{"check", "-src", dir}, &stdout, &stderr)
	out := stderr.String()
	if code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	for _, want := range []string{
		`content/fr/un.md:2:8: `,
		`content/fr/deux.md:3:1: unknown key "descripton" in the front matter (did you mean "description"?)`,
		`content/fr/trois.md:4:9: {rule:single-permit.renewal-notise}: unknown rule parameter "single-permit.renewal-notise" (did you mean "single-permit.renewal-notice"?)`,
		`content/fr/quatre.md:4:22: unknown source "cire-2052" in citation (did you mean "cire-2025"?)`,
		`content/fr/cinq.md:5:1: link ref:abuot: no page has key "abuot" (did you mean "about"?)`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("missing %q", want)
		}
	}
	// The YAML error is a plain sentence, not the library's words.
	if m := regexp.MustCompile(`content/fr/un.md:\d+:\d+: (.*)`).FindStringSubmatch(out); m == nil || strings.Contains(m[1], "could not find end character") {
		t.Errorf("YAML error not rewritten: %v", m)
	}
	if t.Failed() {
		t.Logf("stderr:\n%s", out)
	}
}

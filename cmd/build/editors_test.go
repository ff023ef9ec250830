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

// new page, new translation and new language write files that build.
func TestNew(t *testing.T) {
	dir := fixtureSite(t, nil)
	var stdout, stderr strings.Builder
	do := func(want int, args ...string) {
		t.Helper()
		stdout.Reset()
		stderr.Reset()
		if code := run(append([]string{"new", "-src", dir}, args...), &stdout, &stderr); code != want {
			t.Fatalf("new %v: exit %d, want %d\n%s%s", args, code, want, stdout.String(), stderr.String())
		}
	}
	do(0, "page", "fr/ma-page")
	do(1, "page", "fr/ma-page") // never overwrites
	do(1, "page", "fx/autre")
	if !strings.Contains(stderr.String(), `did you mean "fr"?`) {
		t.Errorf("no did-you-mean: %s", stderr.String())
	}
	do(0, "translation", "nl", "fr/ma-page")
	nl, _ := os.ReadFile(filepath.Join(dir, "content/nl/ma-page.md"))
	if !regexp.MustCompile(`(?m)^translatedFrom: [0-9a-f]{12}`).Match(nl) || !strings.Contains(string(nl), "status: not-reviewed") {
		t.Errorf("translation front matter:\n%s", nl)
	}
	var out strings.Builder
	if code := run([]string{"check", "-strict", "-src", dir}, &out, &out); code != 0 {
		t.Fatalf("check -strict after new page + translation: exit %d\n%s", code, out.String())
	}
	if !regexp.MustCompile(`ma-page +ok \(source\) +not reviewed +missing`).MatchString(out.String()) {
		t.Errorf("check does not list ma-page as missing in en:\n%s", out.String())
	}
	do(0, "language", "de")
	site, _ := os.ReadFile(filepath.Join(dir, "site.toml"))
	if !strings.Contains(string(site), "code = \"de\"\nname = \"Deutsch\"") {
		t.Errorf("site.toml:\n%s", site)
	}
	fr, _ := os.ReadFile(filepath.Join(dir, "themes/default/i18n/fr.toml"))
	de, _ := os.ReadFile(filepath.Join(dir, "themes/default/i18n/de.toml"))
	keys := len(regexp.MustCompile(`(?m)^[a-z_]+ *=`).FindAll(fr, -1))
	if marks := strings.Count(string(de), "# TRANSLATE\n"); marks != keys || keys == 0 {
		t.Errorf("%d entries marked, %d keys", marks, keys)
	}
	if _, err := os.Stat(filepath.Join(dir, "content/de/index.md")); err != nil {
		t.Error(err)
	}
}

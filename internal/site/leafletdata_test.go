package site

import (
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/cire-asbl/fabrique/internal/testsite"
)

// fixtureSite is the frozen test site with the real theme, in memory.
func fixtureSite(t *testing.T) fstest.MapFS {
	t.Helper()
	m := fstest.MapFS{}
	err := fs.WalkDir(testsite.FS(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(testsite.FS(), p)
		m[p] = &fstest.MapFile{Data: b}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	for name, f := range loadDir(t, "../..", "themes") {
		m[name] = f
	}
	return m
}

// Mistakes in data/leaflets.yaml are reported at their line:col, with
// "did you mean", all at once.
func TestLeafletDataProblems(t *testing.T) {
	m := fixtureSite(t)
	f := string(m[leafletsPath].Data)
	for old, new := range map[string]string{
		`renewal: {expiry: "+6 months"}`: `renewal: {expiri: "+6 months"}`,
		`asylum-work: {filed: "0"}`:      `asylum-work: {filed: true}`,
		"\nhelp:\n":                      "\nexemples: {}\nhelp:\n",
	} {
		if !strings.Contains(f, old) {
			t.Fatalf("fixture lacks %q", old)
		}
		f = strings.Replace(f, old, new, 1)
	}
	m[leafletsPath] = &fstest.MapFile{Data: []byte(f)}
	res := Generate(m, Options{})
	got := res.Problems.Err().Error()
	for _, want := range []string{
		`data/leaflets.yaml:17:13: examples.renewal: calculator "renewal" has no input "expiri" (did you mean "expiry"?)`,
		`data/leaflets.yaml:20:17: examples.asylum-work.filed: a date is an offset in quotes`,
		`data/leaflets.yaml:22:1: unknown key "exemples" (did you mean "examples"?)`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in:\n%s", want, got)
		}
	}
}

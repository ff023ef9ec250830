package calc

import (
	"bytes"
	"io/fs"
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/cire-asbl/fabrique/internal/rules"
)

// copyData copies data/rules and data/calculators.yaml into memory.
func copyData(t *testing.T) fstest.MapFS {
	t.Helper()
	m := fstest.MapFS{}
	err := fs.WalkDir(os.DirFS("../../data"), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !(strings.HasPrefix(p, "rules/") || p == "calculators.yaml") {
			return err
		}
		b, err := os.ReadFile("../../data/" + p)
		m[p] = &fstest.MapFile{Data: b}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

type built struct {
	prose, json, js, form string
	result                map[string]any
}

func build(t *testing.T, fsys fs.FS) built {
	t.Helper()
	rs, probs := rules.Load(fsys, "rules", ruleOpts())
	if err := probs.Err(); err != nil {
		t.Fatal(err)
	}
	c, probs := Load(fsys, "calculators.yaml", calcOpts(rs))
	if err := probs.Err(); err != nil {
		t.Fatal(err)
	}
	var b built
	var err error
	b.prose, _, err = rs.FormatRule("single-permit.renewal-notice", "fr")
	if err != nil {
		t.Fatal(err)
	}
	j, err := rules.JSON(rs)
	if err != nil {
		t.Fatal(err)
	}
	js, err := c.GenerateJS()
	if err != nil {
		t.Fatal(err)
	}
	b.json, b.js = string(j), string(js)
	if b.form, err = c.Form("renewal", "fr"); err != nil {
		t.Fatal(err)
	}
	b.result, _ = c.Evaluate("renewal", map[string]any{"expiry": "2026-06-30"})
	return b
}

// One value changed in data/ changes the prose, the calculator (Go and the
// generated JS), the no-JS rule table and rules.json — there is no second copy.
func TestSingleSourceOfTruth(t *testing.T) {
	m := copyData(t)
	before := build(t, m)
	src := string(m["rules/single-permit.yaml"].Data)
	const old = "renewal-notice:"
	i := strings.Index(src, old)
	j := strings.Index(src[i:], "value: 2\n")
	if i < 0 || j < 0 {
		t.Fatal("renewal-notice value not found in single-permit.yaml")
	}
	src = src[:i+j] + "value: 3\n" + src[i+j+len("value: 2\n"):]
	m["rules/single-permit.yaml"] = &fstest.MapFile{Data: []byte(src)}
	after := build(t, m)

	if before.prose != "2\u00a0mois" || after.prose != "3\u00a0mois" {
		t.Errorf("prose: %q → %q", before.prose, after.prose)
	}
	if before.result["last_filing_day"] != "2026-04-30" || after.result["last_filing_day"] != "2026-03-30" {
		t.Errorf("calculator: %v → %v", before.result["last_filing_day"], after.result["last_filing_day"])
	}
	if !strings.Contains(before.js, `[2,"m"]`) || !strings.Contains(after.js, `[3,"m"]`) || strings.Contains(after.js, `[2,"m"]`) {
		t.Error("generated JS did not follow the data")
	}
	if !strings.Contains(after.form, "3\u00a0mois") || strings.Contains(after.form, "2\u00a0mois") {
		t.Error("rule table did not follow the data")
	}
	if before.json == after.json || !strings.Contains(after.json, `"fr": "3`+"\u00a0"+`mois"`) {
		t.Error("rules.json did not follow the data")
	}
	if bytes.Equal([]byte(before.js), []byte(after.js)) {
		t.Error("JS unchanged")
	}
}

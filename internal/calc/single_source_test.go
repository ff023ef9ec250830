package calc

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/cire-asbl/fabrique/internal/rules"
)

type built struct {
	prose, json, js, form string
	result                map[string]any
}

func build(t *testing.T, fsys fstest.MapFS) built {
	t.Helper()
	rs := loadRulesFS(t, fsys)
	c := loadCalcsFS(t, fsys)
	var b built
	var err error
	if b.prose, _, err = rs.FormatRule("g.notice", "fr"); err != nil {
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
	if b.form, err = c.Form("renew", "fr"); err != nil {
		t.Fatal(err)
	}
	b.result, _ = c.Evaluate("renew", map[string]any{"expiry": "2031-06-30"})
	return b
}

// One value changed in the rules changes the prose, the calculator (Go and
// the generated JS), the no-JS rule table and rules.json — there is no
// second copy.
func TestSingleSourceOfTruth(t *testing.T) {
	m := fixtureFS(t)
	before := build(t, m)
	src := string(m["rules/g.yaml"].Data)
	i := strings.Index(src, "notice:")
	j := strings.Index(src[i:], "value: 3\n")
	if i < 0 || j < 0 {
		t.Fatal("notice value not found in the fixture")
	}
	m["rules/g.yaml"] = &fstest.MapFile{Data: []byte(src[:i+j] + "value: 4\n" + src[i+j+len("value: 3\n"):])}
	after := build(t, m)
	if before.prose == after.prose || !strings.HasPrefix(after.prose, "4 mois") {
		t.Errorf("prose: %q → %q", before.prose, after.prose)
	}
	if before.json == after.json {
		t.Error("rules.json did not change")
	}
	if before.js == after.js {
		t.Error("generated JS did not change")
	}
	if before.form == after.form || !strings.Contains(after.form, "4 mois") {
		t.Error("rule table did not change")
	}
	if before.result["last"] != "2031-03-30" || after.result["last"] != "2031-02-28" {
		t.Errorf("result: %v → %v", before.result["last"], after.result["last"])
	}
}

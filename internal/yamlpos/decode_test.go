package yamlpos

import (
	"strings"
	"testing"

	"github.com/cire-asbl/fabrique/internal/diag"
)

type sample struct {
	Pos
	ID     Str      `yaml:"id,required"`
	Title  Text     `yaml:"title"`
	Count  int      `yaml:"count"`
	Ratio  float64  `yaml:"ratio"`
	On     bool     `yaml:"on"`
	Tags   []string `yaml:"tags"`
	Items  []item   `yaml:"items"`
	Extra  *Node    `yaml:"extra"`
	Opt    *Text    `yaml:"opt"`
	Hidden string   `yaml:"-"`
}

type item struct {
	Pos
	Name string `yaml:"name"`
}

func decode(t *testing.T, src string, langs []string) (sample, []string) {
	t.Helper()
	var s sample
	var probs diag.List
	File("f.yaml", []byte(src), &s, langs, &probs)
	var out []string
	for _, p := range probs.Sorted() {
		out = append(out, p.Error())
	}
	return s, out
}

func TestDecode(t *testing.T) {
	src := "id: a-b\ntitle:\n  fr: Quoi ? l'aide\n  nl: Wat? 's avonds\ncount: 3\nratio: 1.5\non: true\ntags: [x, y]\nitems:\n  - name: one\n  - name: two\nextra: {k: v}\n"
	s, probs := decode(t, src, []string{"fr", "nl"})
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	if s.ID.S != "a-b" || s.ID.Line != 1 || s.ID.Col != 5 {
		t.Errorf("ID = %+v", s.ID)
	}
	if got := s.Title.Get("fr"); got != "Quoi\u202f? l’aide" {
		t.Errorf("fr title not typeset: %q", got)
	}
	if got := s.Title.Get("nl"); got != "Wat? 's avonds" {
		t.Errorf("nl title changed: %q", got)
	}
	if s.Title.Line != 3 || s.Title.Col != 3 {
		t.Errorf("title at %d:%d, want 3:3 (its first key)", s.Title.Line, s.Title.Col)
	}
	if s.Count != 3 || s.Ratio != 1.5 || !s.On || strings.Join(s.Tags, ",") != "x,y" {
		t.Errorf("scalars = %+v", s)
	}
	if len(s.Items) != 2 || s.Items[1].Name != "two" || s.Items[1].Line != 11 {
		t.Errorf("items = %+v", s.Items)
	}
	if s.Extra == nil || s.Extra.Get("k").Value != "v" || s.Opt != nil {
		t.Errorf("extra = %+v, opt = %+v", s.Extra, s.Opt)
	}
}

func TestDecodeProblems(t *testing.T) {
	for _, tc := range []struct{ name, src, want string }{
		{"unknown key", "id: a\ntitel: {fr: x}\n", `f.yaml:2:1: unknown key "titel" (did you mean "title"?)`},
		{"required", "count: 1\n", `f.yaml:1:1: missing key "id"`},
		{"kind", "id: a\ncount: [1]\n", `f.yaml:2:8: a whole number is expected here, not a list`},
		{"number", "id: a\ncount: two\n", `f.yaml:2:8: "two" is not a whole number`},
		{"bool", "id: a\non: yes\n", `f.yaml:2:5: "yes": write true or false`},
		{"list", "id: a\ntags: x\n", `f.yaml:2:7: a list is expected here`},
		{"unknown language", "id: a\ntitle:\n  fr: x\n  nk: y\n", `f.yaml:4:3: "nk" is not a language of the site (fr, nl) (did you mean "nl"?)`},
		{"no source language", "id: a\ntitle:\n  nl: y\n", `f.yaml:3:3: no fr text`},
		{"pending", "id: a\ntitle:\n  fr: x\n", `f.yaml:3:3: to translate: not translated into "nl" yet`},
		{"syntax", "id: \"a\n", `f.yaml:1:5: a value opened with " is never closed`},
		{"duplicate", "id: a\nid: b\n", `f.yaml:2:1: the key "id" is written twice: keep one`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, probs := decode(t, tc.src, []string{"fr", "nl"})
			if !strings.Contains(strings.Join(probs, "\n"), tc.want) {
				t.Errorf("problems:\n%s\nwant %q", strings.Join(probs, "\n"), tc.want)
			}
		})
	}
}

// Every mistake of a file is reported, not only the first.
func TestDecodeReportsAll(t *testing.T) {
	_, probs := decode(t, "id: a\ncont: 1\nratio: x\nitems:\n  - nam: z\n", []string{"fr"})
	if len(probs) != 3 {
		t.Errorf("want 3 problems, got %d:\n%s", len(probs), strings.Join(probs, "\n"))
	}
}

func TestPendingFallsBack(t *testing.T) {
	s, _ := decode(t, "id: a\ntitle:\n  fr: Quoi ?\n", []string{"fr", "nl"})
	text, lang := s.Title.In("nl")
	if text != "Quoi\u202f?" || lang != "fr" {
		t.Errorf("In(nl) = %q, %q; want the French text, marked fr", text, lang)
	}
}

func FuzzDecode(f *testing.F) {
	f.Add("id: a\ntitle: {fr: x, nl: y}\nitems: [{name: a}]\n")
	f.Add("- a\n- b: [c]\n")
	f.Add("count: 99999999999999999999\non: [\n")
	f.Fuzz(func(t *testing.T, src string) {
		var s sample
		var probs diag.List
		File("f.yaml", []byte(src), &s, []string{"fr", "nl"}, &probs) // must not panic
	})
}

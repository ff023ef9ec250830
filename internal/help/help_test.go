package help

import (
	"strings"
	"testing"
	"testing/fstest"
)

func load(t *testing.T, src string) (*Set, string) {
	t.Helper()
	fsys := fstest.MapFS{"help.yaml": {Data: []byte(src)}}
	s, ps := Load(fsys, "help.yaml", []string{"fr", "nl"}, func(k string) bool { return k == "known" })
	var b strings.Builder
	for _, p := range ps.Sorted() {
		b.WriteString(p.Error() + "\n")
	}
	return s, b.String()
}

func TestLoadAndFor(t *testing.T) {
	s, errs := load(t, `
organisations:
  a:
    name: A
    about: {fr: A fr, nl: A nl}
    phone: "+3221234567"
    phoneText: 02 123 45 67
    email: a@example.org
    web: https://www.example.org/
    verified: {source: known, pinpoint: p. 2}
  b:
    name: {fr: B fr, nl: B nl}
    web: https://b.example.org/
    verified: {url: https://b.example.org/contact, read: 2026-01-02}
default: [a]
pathways:
  x: [b, a]
`)
	if errs != "" {
		t.Fatal(errs)
	}
	got := s.For("x", "nl")
	if len(got) != 2 || got[0].Name != "B nl" || got[1].Phone != "+3221234567" || got[1].WebText != "example.org" {
		t.Errorf("For(x, nl) = %+v", got)
	}
	if d := s.For("other", "fr"); len(d) != 1 || d[0].About != "A fr" {
		t.Errorf("default = %+v", d)
	}
}

func TestLoadErrors(t *testing.T) {
	_, errs := load(t, `
organisations:
  a:
    name: {fr: A}
    phone: 02 123
    verified: {source: unknown}
  b:
    name: B
default: [a, c]
`)
	for _, want := range []string{
		`help.yaml:4:12: to translate: not translated into "nl" yet`,
		`unknown source "unknown"`, `international form`,
		`"b" says nowhere where its details were verified`,
		`unknown organisation "c"`,
	} {
		if !strings.Contains(errs, want) {
			t.Errorf("errors lack %q:\n%s", want, errs)
		}
	}
	if strings.Count(errs, "\n") < 5 {
		t.Errorf("want every problem at once, got:\n%s", errs)
	}
}

func TestUnknownField(t *testing.T) {
	_, errs := load(t, "organisations:\n  a:\n    name: A\n    fone: x\n")
	if !strings.Contains(errs, `help.yaml:4:5: unknown key "fone" (allowed keys: name, about, web, phone`) {
		t.Errorf("unknown field not reported: %s", errs)
	}
}

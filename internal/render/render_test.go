package render

import (
	"strings"
	"testing"
	"testing/fstest"
)

func theme(files map[string]string) fstest.MapFS {
	m := fstest.MapFS{
		"t/layouts/page.html":    {Data: []byte(`{{.}}`)},
		"t/layouts/chooser.html": {Data: []byte(`{{.}}`)},
	}
	for k, v := range files {
		m[k] = &fstest.MapFile{Data: []byte(v)}
	}
	return m
}

const months = `months = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"]
date_format = "{d} {month} {y}"
day_first = "1er"
`

func TestLoadReportsMissingStrings(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		want  string
	}{
		{"complete", map[string]string{"t/i18n/fr.toml": "a = \"x\"\n" + months, "t/i18n/en.toml": "a = \"y\"\n" + months}, ""},
		{"missing key", map[string]string{"t/i18n/fr.toml": "a = \"x\"\n" + months, "t/i18n/en.toml": months}, `t/i18n/en.toml: to translate: missing key "a"`},
		{"missing file", map[string]string{"t/i18n/fr.toml": months}, "t/i18n/en.toml: to translate: no interface strings"},
		{"bad toml", map[string]string{"t/i18n/fr.toml": months, "t/i18n/en.toml": "a = \n"}, "t/i18n/en.toml:1:"},
		{"bad template", map[string]string{"t/layouts/page.html": "{{.Nope", "t/i18n/fr.toml": months, "t/i18n/en.toml": months}, "t/layouts/page.html:1: layout does not parse: unclosed action"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, ps := Load(theme(tt.files), "t", []string{"fr", "en"}, "fr")
			got := ""
			if p := ps.Sorted(); len(p) > 0 {
				got = p[0].Error()
			}
			if (tt.want == "") != (got == "") || !strings.Contains(got, tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestDate(t *testing.T) {
	th, _ := Load(theme(map[string]string{"t/i18n/fr.toml": months}), "t", []string{"fr"}, "fr")
	s := th.Strings("fr")
	for in, want := range map[string]string{"2025-12-01": "1er décembre 2025", "2025-12-02": "2 décembre 2025", "2024-02-29": "29 février 2024", "bad": "bad"} {
		if got := s.Date(in); got != want {
			t.Errorf("Date(%s) = %q, want %q", in, got, want)
		}
	}
	if got := s.T("absent"); got != "[absent]" {
		t.Errorf("a missing string must be visible, got %q", got)
	}
}

// theme.toml's [roles] name the layouts the build gives a part; every
// mistake is an error at its line, with the known names.
func TestRoles(t *testing.T) {
	files := map[string]string{"t/i18n/fr.toml": months, "t/layouts/trouver.html": "x", "t/layouts/mots.html": "y"}
	tests := []struct{ name, toml, want string }{
		{"good", "[roles]\nsearch = \"trouver\"\nglossary = \"mots\"\n", ""},
		{"unknown role", "[roles]\nserach = \"trouver\"\n", `t/theme.toml:2:1: unknown role "serach" (did you mean "search"?)`},
		{"no such layout", "[roles]\nsearch = \"search\"\n", `t/theme.toml:2:1: role search: the theme has no layout "search"`},
		{"page plays nothing", "[roles]\nsearch = \"page\"\n", `role search: the theme has no layout "page"`},
		{"one layout, two roles", "[roles]\nsearch = \"mots\"\nglossary = \"mots\"\n", `layout "mots" plays two roles`},
		{"unknown table", "[role]\nsearch = \"trouver\"\n", `t/theme.toml:1:2: unknown key "role" (did you mean "roles"?)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fs := theme(files)
			fs["t/theme.toml"] = &fstest.MapFile{Data: []byte(tt.toml)}
			th, ps := Load(fs, "t", []string{"fr"}, "fr")
			got := ""
			if p := ps.Sorted(); len(p) > 0 {
				got = p[0].Error()
			}
			if (tt.want == "") != (got == "") || !strings.Contains(got, tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
			if tt.want == "" && (!th.Plays("trouver", RoleSearch) || th.RoleOf("mots") != RoleGlossary || th.Plays("mots", RoleSearch)) {
				t.Errorf("roles not read: %v", th.roles)
			}
		})
	}
	// No theme.toml: no layout plays a role.
	th, ps := Load(theme(files), "t", []string{"fr"}, "fr")
	if ps.Failed(false) || th.RoleOf("trouver") != "" {
		t.Errorf("without theme.toml: %v, role %q", ps.Err(), th.RoleOf("trouver"))
	}
}

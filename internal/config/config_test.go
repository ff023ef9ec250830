package config

import (
	"strings"
	"testing"
	"testing/fstest"
)

func TestLoad(t *testing.T) {
	const good = "title = \"T\"\nbaseURL = \"https://example.org/\"\ndefaultLanguage = \"fr\"\nasOf = \"2025-12-01\"\n[[languages]]\ncode = \"fr\"\nname = \"Français\"\n[[languages]]\ncode = \"ar\"\nname = \"العربية\"\ndir = \"rtl\"\n"
	tests := []struct {
		name, src, want string
	}{
		{"good", good, ""},
		{"unknown key", "colour = 1\n" + good, "site.toml:1:1: unknown key \"colour\""},
		{"unknown language key", good + "script = \"x\"\n", "site.toml:12:1: unknown key \"languages.script\""},
		{"bad base", strings.Replace(good, "https://example.org/", "example.org", 1), "site.toml:2:1: baseURL"},
		{"bad date", strings.Replace(good, "2025-12-01", "2025-02-30", 1), "site.toml:4:1: asOf"},
		{"bad dir", strings.Replace(good, "\"rtl\"", "\"up\"", 1), "site.toml:8:1: language \"ar\": dir"},
		{"default not a language", strings.Replace(good, "defaultLanguage = \"fr\"", "defaultLanguage = \"nl\"", 1), "site.toml:3:1: defaultLanguage"},
		{"duplicate language", strings.Replace(good, "\"ar\"", "\"fr\"", 1), "language \"fr\" is listed twice"},
		{"toml syntax", "title = \n", "site.toml:1:"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg, ps := Load(fstest.MapFS{"site.toml": {Data: []byte(tt.src)}})
			got := ""
			if p := ps.Sorted(); len(p) > 0 {
				got = p[0].Error()
			}
			if tt.want == "" {
				if got != "" || cfg == nil {
					t.Fatalf("unexpected problem %q", got)
				}
				if l, _ := cfg.Lang("ar"); l.Dir != "rtl" || cfg.Codes()[0] != "fr" {
					t.Errorf("languages not kept in order with their direction: %+v", cfg.Languages)
				}
				return
			}
			if !strings.Contains(got, tt.want) {
				t.Errorf("got %q, want it to contain %q", got, tt.want)
			}
		})
	}
}

// A language block may give only its code: its name in itself and its
// direction come from CLDR.
func TestLanguageNameAndDirFromCLDR(t *testing.T) {
	src := "title = \"T\"\nbaseURL = \"https://example.org/\"\ndefaultLanguage = \"fr\"\nasOf = \"2025-12-01\"\n" +
		"[[languages]]\ncode = \"fr\"\n[[languages]]\ncode = \"ar\"\n[[languages]]\ncode = \"de\"\n[[languages]]\ncode = \"es\"\nname = \"Castellano\"\n"
	cfg, ps := Load(fstest.MapFS{"site.toml": {Data: []byte(src)}})
	if cfg == nil {
		t.Fatal(ps.Err())
	}
	want := map[string][2]string{"fr": {"français", "ltr"}, "ar": {"العربية", "rtl"}, "de": {"Deutsch", "ltr"}, "es": {"Castellano", "ltr"}}
	for code, w := range want {
		l, _ := cfg.Lang(code)
		if l.Name != w[0] || l.Dir != w[1] {
			t.Errorf("%s: name %q dir %q, want %q %q", code, l.Name, l.Dir, w[0], w[1])
		}
	}
}

// The site's title is written in the default language and typeset in it
// once, here: pages of every language show the same characters.
func TestTitleIsTypesetInTheDefaultLanguage(t *testing.T) {
	src := "title = \"L'aide ?\"\nbaseURL = \"https://example.org/\"\ndefaultLanguage = \"fr\"\nasOf = \"2025-12-01\"\n[[languages]]\ncode = \"nl\"\n[[languages]]\ncode = \"fr\"\n"
	cfg, ps := Load(fstest.MapFS{"site.toml": {Data: []byte(src)}})
	if cfg == nil {
		t.Fatal(ps.Err())
	}
	if cfg.Title != "L’aide\u202f?" {
		t.Errorf("title %q", cfg.Title)
	}
	src = strings.Replace(src, `defaultLanguage = "fr"`, `defaultLanguage = "nl"`, 1)
	if cfg, _ := Load(fstest.MapFS{"site.toml": {Data: []byte(src)}}); cfg == nil || cfg.Title != "L'aide ?" {
		t.Errorf("a Dutch title was changed: %+v", cfg)
	}
}

package site

import (
	"regexp"
	"strings"
	"testing"
	"testing/fstest"
)

// TestAddingALanguageIsWarningsOnly adds Italian to a copy of the real site
// the way an editor starts: a [[languages]] block and an empty strings file,
// nothing else. The build must succeed with warnings only, none about
// another language's files; every missing interface key must be named once;
// and the other languages' pages must change only in their language
// switcher and alternate links.
func TestAddingALanguageIsWarningsOnly(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the real site twice")
	}
	m := repoFS(t)
	before := Generate(m, Options{})
	if before.Failed(false) {
		t.Fatalf("the real site fails: %v", before.Problems.Err())
	}
	with := fstest.MapFS{}
	for k, v := range m {
		with[k] = v
	}
	with["site.toml"] = &fstest.MapFile{Data: append(append([]byte{}, m["site.toml"].Data...),
		"\n[[languages]]\ncode = \"it\"\nname = \"Italiano\"\ndir = \"ltr\"\n"...)}
	with["themes/default/i18n/it.toml"] = &fstest.MapFile{}
	after := Generate(with, Options{})
	if e, _ := after.Problems.Count(); e != 0 {
		t.Fatalf("adding a language must not cause errors:\n%v", after.Problems.Err())
	}

	// Every language the site already has (fr, nl, en, ar, es, de…), from
	// its own site.toml: none of their files may get a warning.
	codes := strings.Join(before.Config.Codes(), "|")
	others := regexp.MustCompile(`^(content/(` + codes + `)/|themes/default/i18n/(` + codes + `)\.toml)`)
	named := map[string]int{}
	keyRe := regexp.MustCompile(`^missing key "([^"]+)"`)
	for _, p := range after.Problems.Sorted() {
		if others.MatchString(p.Path) {
			t.Errorf("a warning on another language's file: %v", p)
		}
		if p.Path == "themes/default/i18n/it.toml" {
			if k := keyRe.FindStringSubmatch(p.Msg); k != nil {
				named[k[1]]++
			}
		}
	}
	words := testWords(after.Config)
	for _, k := range words.Lang("fr").Keys() {
		if named[k] != 1 {
			t.Errorf("key %q named %d times, want once", k, named[k])
		}
	}
	if len(named) == 0 {
		t.Fatal("no missing key named at all")
	}

	// Other languages' pages: the same but for the switcher and alternates.
	alt := regexp.MustCompile(`(?m)^.*hreflang=.*\n`)
	pagesRe := regexp.MustCompile(`^(` + codes + `)/`)
	n := 0
	for name, b := range before.Files {
		if !strings.HasSuffix(name, ".html") || !pagesRe.MatchString(name) {
			continue
		}
		a, ok := after.Files[name]
		if !ok {
			t.Errorf("%s disappeared", name)
			continue
		}
		n++
		if x, y := alt.ReplaceAllString(string(b), ""), alt.ReplaceAllString(string(a), ""); x != y {
			t.Errorf("%s changed beyond the language switcher:\n%s", name, firstDiff(x, y))
		}
	}
	if n < 30 {
		t.Fatalf("compared only %d pages", n)
	}
	// And Italian exists in the switcher, marked as not translated yet in
	// Italian words (French ones marked lang="fr" while the file is empty).
	home := string(after.Files["fr/index.html"])
	if !strings.Contains(home, `hreflang="it"`) {
		t.Error("the French home does not offer Italian")
	}
	if !strings.Contains(home, `<span lang="fr">pas encore traduite</span>`) {
		t.Error("Italian's 'not translated yet' must be the French text marked lang=fr while it.toml is empty")
	}
}

func firstDiff(a, b string) string {
	la, lb := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := 0; i < len(la) && i < len(lb); i++ {
		if la[i] != lb[i] {
			return "- " + la[i] + "\n+ " + lb[i]
		}
	}
	return "(length differs)"
}

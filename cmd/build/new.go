package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"github.com/cire-asbl/fabrique/internal/config"
	"github.com/cire-asbl/fabrique/internal/content"
	"github.com/cire-asbl/fabrique/internal/diag"
	"github.com/cire-asbl/fabrique/internal/textdir"
)

const newUsage = `usage:
  build new page LANG/PATH                 a new page: content/LANG/PATH.md
  build new translation LANG SRCLANG/PATH  its translation into LANG, with translatedFrom set
  build new language CODE                  a language: site.toml, its interface strings, its home page
flags: -src DIR (site root, default .)`

// newCmd writes the files an editor would otherwise copy by hand, with the
// front matter filled in. It never overwrites a file.
func newCmd(args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("new", flag.ContinueOnError)
	fl.SetOutput(stderr)
	src := fl.String("src", ".", "site root folder")
	// Flags may come first or last: "new -src x page fr/a" or "new page fr/a -src x".
	var rest []string
	for len(args) > 0 {
		if err := fl.Parse(args); err != nil {
			return 2
		}
		if fl.NArg() == 0 {
			break
		}
		rest = append(rest, fl.Arg(0))
		args = fl.Args()[1:]
	}
	cfg, ps := config.Load(os.DirFS(*src))
	if cfg == nil {
		printProblems(stderr, ps, false)
		return 1
	}
	var err error
	switch {
	case len(rest) == 2 && rest[0] == "page":
		err = newPage(*src, cfg, rest[1], stdout)
	case len(rest) == 3 && rest[0] == "translation":
		err = newTranslation(*src, cfg, rest[1], rest[2], stdout)
	case len(rest) == 2 && rest[0] == "language":
		err = newLanguage(*src, cfg, rest[1], stdout)
	default:
		fmt.Fprintln(stderr, newUsage)
		return 2
	}
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	return 0
}

var pagePathRe = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*(/[a-z0-9][a-z0-9-]*)*$`)

// splitPage checks "fr/my-page" (".md" optional) against the site's languages.
func splitPage(cfg *config.Site, arg string) (lang, rel string, err error) {
	arg = strings.TrimSuffix(strings.TrimPrefix(filepath.ToSlash(arg), "content/"), ".md")
	lang, rel, ok := strings.Cut(arg, "/")
	if !ok {
		return "", "", fmt.Errorf("%q: write the language and the page path, e.g. %s/my-page", arg, cfg.DefaultLanguage)
	}
	if _, known := cfg.Lang(lang); !known {
		return "", "", fmt.Errorf("%q: the site has no language %q%s (site.toml has %s)", arg, lang, diag.DidYouMean(lang, cfg.Codes()), strings.Join(cfg.Codes(), ", "))
	}
	if !pagePathRe.MatchString(rel) {
		return "", "", fmt.Errorf("%q: use lowercase words separated by dashes (and / for folders), e.g. %s/permis-unique", arg, lang)
	}
	return lang, rel, nil
}

// create writes a new file, never over an existing one.
func create(name string, data []byte, stdout io.Writer) error {
	if _, err := os.Stat(name); err == nil {
		return fmt.Errorf("%s already exists: nothing written", name)
	} else if !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(name, data, 0o644); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "wrote %s\n", filepath.ToSlash(name))
	return nil
}

// yamlString quotes s for YAML.
func yamlString(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}

func newPage(src string, cfg *config.Site, arg string, stdout io.Writer) error {
	lang, rel, err := splitPage(cfg, arg)
	if err != nil {
		return err
	}
	words := strings.ReplaceAll(path.Base(rel), "-", " ")
	title := strings.ToUpper(words[:1]) + words[1:]
	fm := fmt.Sprintf(`---
# The page's title, and one sentence for search results. The translation key
# is the file's path (%s); the URL is /%s/%s/. See README.md, "Editing the site".
title: %s
description: %s
---
Write the page here, in Markdown. Sections start with two hashes and a space.
`, rel, lang, rel, yamlString(title), yamlString("One sentence that says what the page is for."))
	if lang != cfg.DefaultLanguage {
		fm = strings.Replace(fm, "\n---\nWrite", "\nstatus: not-reviewed\n---\nWrite", 1)
	}
	return create(filepath.Join(src, content.Dir, lang, filepath.FromSlash(rel)+".md"), []byte(fm), stdout)
}

func newTranslation(src string, cfg *config.Site, lang, from string, stdout io.Writer) error {
	if _, ok := cfg.Lang(lang); !ok {
		return fmt.Errorf("the site has no language %q%s: add it first with: go run ./cmd/build new language %s", lang, diag.DidYouMean(lang, cfg.Codes()), lang)
	}
	srcLang, rel, err := splitPage(cfg, from)
	if err != nil {
		return err
	}
	if srcLang == lang {
		return fmt.Errorf("%s is already in %s", from, lang)
	}
	name := path.Join(content.Dir, srcLang, rel+".md")
	b, err := os.ReadFile(filepath.Join(src, filepath.FromSlash(name)))
	if err != nil {
		return fmt.Errorf("%s: %v", name, err)
	}
	problems := &diag.List{}
	p := content.Parse(name, srcLang, b, problems)
	if p == nil || problems.Failed(false) {
		return fmt.Errorf("fix the source page first:\n%v", problems.Err())
	}
	var fm strings.Builder
	fm.WriteString("---\n")
	fmt.Fprintf(&fm, "title: %s\n", yamlString(p.Title))
	if p.LinkTitle != "" {
		fmt.Fprintf(&fm, "linkTitle: %s\n", yamlString(p.LinkTitle))
	}
	if p.Description != "" {
		fmt.Fprintf(&fm, "description: %s\n", yamlString(p.Description))
	}
	if p.Key != content.DefaultKey(rel) {
		fmt.Fprintf(&fm, "key: %s\n", p.Key)
	}
	for _, kv := range []struct {
		k   string
		v   any
		set bool
	}{
		{"weight", p.Weight, p.Weight != 0}, {"menu", p.Menu, p.Menu}, {"section", p.Section, p.Section != ""},
		{"layout", p.Layout, p.Layout != "page"},
	} {
		if kv.set {
			fmt.Fprintf(&fm, "%s: %v\n", kv.k, kv.v)
		}
	}
	if len(p.Brief) > 0 {
		fm.WriteString("brief:\n")
		for _, item := range p.Brief {
			fmt.Fprintf(&fm, "  - %s\n", yamlString(item))
		}
	}
	fm.WriteString("status: not-reviewed\n")
	fmt.Fprintf(&fm, "translatedFrom: %s   # the %s version this translation follows (see: go run ./cmd/build check)\n", p.SourceHash(), srcLang)
	fm.WriteString("---\n")
	body := bytes.TrimLeft(p.Body(), "\r\n")
	out := append([]byte(fm.String()), body...)
	return create(filepath.Join(src, content.Dir, lang, filepath.FromSlash(rel)+".md"), out, stdout)
}

var langCodeRe = regexp.MustCompile(`^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$`)

func newLanguage(src string, cfg *config.Site, code string, stdout io.Writer) error {
	if !langCodeRe.MatchString(code) {
		return fmt.Errorf("%q is not a language code like de, es or pt-BR", code)
	}
	if _, ok := cfg.Lang(code); ok {
		return fmt.Errorf("site.toml already has the language %q", code)
	}
	tag, err := language.Parse(code)
	if err != nil {
		return fmt.Errorf("%q: %v", code, err)
	}
	name := display.Self.Name(tag)
	if name == "" {
		name = code
	}
	dir := textdir.Of(code) // the direction of its script, from CLDR
	// Interface strings: the default language's file with every entry
	// commented out. Until an entry is translated (uncommented), the build
	// warns and shows the default language's text marked lang="…": never
	// another language's words passing for this one's.
	theme := cfg.Theme
	if theme == "" {
		theme = "default"
	}
	i18n := filepath.Join(src, "themes", theme, "i18n")
	def, err := os.ReadFile(filepath.Join(i18n, cfg.DefaultLanguage+".toml"))
	if err != nil {
		return err
	}
	var strs strings.Builder
	fmt.Fprintf(&strs, "# Interface strings in %s (%s). Every entry is the %s text, commented out:\n# translate it and remove the \"# \" in front. `go run ./cmd/build check` lists the\n# entries still missing; until then the %s text is shown, marked as %s.\n", name, code, cfg.DefaultLanguage, cfg.DefaultLanguage, cfg.DefaultLanguage)
	inArray := false
	for _, line := range strings.SplitAfter(string(def), "\n") {
		t := strings.TrimSpace(line)
		entry := t != "" && !strings.HasPrefix(t, "#") && !strings.HasPrefix(t, "[") && (strings.Contains(t, "=") || inArray)
		if strings.Contains(t, "= [") && !strings.Contains(t, "]") {
			inArray = true
		} else if inArray && strings.HasPrefix(t, "]") {
			inArray = false
		}
		if entry {
			strs.WriteString("# ")
		}
		strs.WriteString(line)
	}
	if err := create(filepath.Join(i18n, code+".toml"), []byte(strs.String()), stdout); err != nil {
		return err
	}
	// site.toml: the language appended, in menu order.
	tomlPath := filepath.Join(src, config.Path)
	site, err := os.ReadFile(tomlPath)
	if err != nil {
		return err
	}
	if !bytes.HasSuffix(site, []byte("\n")) {
		site = append(site, '\n')
	}
	site = append(site, fmt.Sprintf("\n[[languages]]\ncode = %q\nname = %q\ndir = %q\n", code, name, dir)...)
	if err := os.WriteFile(tomlPath, site, 0o644); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "added %s (%s) to %s\n", code, name, config.Path)
	// A home page, so the language has a content folder; other pages show
	// as missing in check until translated.
	cfg.Languages = append(cfg.Languages, config.Language{Code: code, Name: name, Dir: dir})
	return newTranslation(src, cfg, code, cfg.DefaultLanguage+"/index", stdout)
}

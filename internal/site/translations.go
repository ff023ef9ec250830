package site

// translations.go: which pages translate which, their status, the footer's
// keys.

import (
	"bytes"
	"io/fs"
	"sort"
	"strconv"
	"strings"

	"github.com/cire-asbl/fabrique/internal/content"
	"github.com/cire-asbl/fabrique/internal/diag"
)

func (b *builder) resolveTranslations() {
	b.entries = content.Translations(b.pages, b.cfg.DefaultLanguage)
	b.res.Translations = b.entries
	b.home = findHome(b.entries)
	b.byKey = map[string]*content.Entry{}
	for _, e := range b.entries {
		b.byKey[e.Key] = e
	}
	content.CheckTranslations(b.entries, b.cfg.Codes(), b.cfg.DefaultLanguage, func(p *content.Page, msg string) {
		line := 1
		if i := bytes.Index(p.Source, []byte("translatedFrom")); i >= 0 {
			line, _ = diag.LineCol(p.Source, i)
		}
		b.problems.Warnf(p.Path, line, 1, "%s", msg)
	})
	for _, e := range b.entries {
		for _, lang := range b.cfg.Codes() {
			if e.ByLang[lang] == nil {
				b.problems.Notef("content/"+lang, 0, 0, "page %q (%s) has no %s version yet: the language switcher will say so (go run ./cmd/build new translation %s %s)", e.Key, firstPath(e), lang, lang, strings.TrimSuffix(strings.TrimPrefix(firstPath(e), "content/"), ".md"))
			}
		}
	}
	b.checkFooter()
	if b.homePage(b.cfg.DefaultLanguage) == nil {
		b.problems.Errorf("content", 0, 0, "no home page: create content/%s/index.md", b.cfg.DefaultLanguage)
	}
}

// checkFooter reports a key in site.toml's footer list that names no page:
// without it a misspelt key silently drops the link from every page.
func (b *builder) checkFooter() {
	src, _ := fs.ReadFile(b.fsys, "site.toml")
	keys := make([]string, 0, len(b.byKey))
	for k := range b.byKey {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, key := range b.cfg.Footer {
		if b.byKey[key] != nil {
			continue
		}
		line, col := 0, 0
		if i := bytes.Index(src, []byte(strconv.Quote(key))); i >= 0 {
			line, col = diag.LineCol(src, i)
		}
		b.problems.Errorf("site.toml", line, col, "footer: no page has the key %q%s", key, diag.DidYouMean(key, keys))
	}
}

func firstPath(e *content.Entry) string {
	if e.Source != nil {
		return e.Source.Path
	}
	var paths []string
	for _, p := range e.ByLang {
		paths = append(paths, p.Path)
	}
	sort.Strings(paths)
	return paths[0]
}

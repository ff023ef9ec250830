package site

// chooser.go: the site's root page, where a reader picks a language, and
// the pages written once per site (robots.txt, _headers, sitemap.xml, the
// assets), after every page.

import (
	"html/template"

	"github.com/cire-asbl/fabrique/internal/config"
)

// ChooserData is what layouts/chooser.html sees.
type ChooserData struct {
	Default     config.Language
	Skip        string // "skip to content" in the default language
	Title       string
	Description string
	Message     string
	Canonical   string
	CSP         string
	CSS         string
	Choices     []Choice
	Scripts     []string
}

// Choice is one language on the chooser.
type Choice struct {
	Lang  config.Language
	URL   string
	Abs   string
	Hint  template.HTML
	Title string // the page's title in that language (the 404 page switches to it)
}

// writeChooser writes the language chooser (index.html) and the 404 pages.
func (b *builder) writeChooser() {
	def, _ := b.cfg.Lang(b.cfg.DefaultLanguage)
	chooser := func(title, message string, hintKey string, edit ...func(*ChooserData)) []byte {
		d := ChooserData{Default: def, Skip: b.theme.Strings(def.Code).T("skip"), Title: title, Message: message, Canonical: b.abs("/"), CSP: cspMeta, CSS: b.assets.css}
		home := b.homeEntry()
		for _, l := range b.cfg.Languages {
			if home != nil && home.ByLang[l.Code] == nil {
				continue // a language just added, with no home page yet
			}
			c := Choice{Lang: l, URL: b.url("/" + l.Code + "/"), Abs: b.abs("/" + l.Code + "/"), Hint: word(b.theme.Strings(l.Code), l.Code, hintKey)}
			if home != nil && home.ByLang[l.Code] != nil {
				c.Hint = template.HTML(template.HTMLEscapeString(home.ByLang[l.Code].Description))
			}
			d.Choices = append(d.Choices, c)
		}
		for _, f := range edit {
			f(&d)
		}
		out, err := b.theme.Chooser(d)
		if err != nil {
			b.problems.Errorf(b.theme.Dir+"/layouts/chooser.html", 0, 0, "%v", err)
		}
		return out
	}
	b.put("index.html", chooser(b.cfg.Title, "", "choose_language"))
	b.writeNotFound(chooser)
}

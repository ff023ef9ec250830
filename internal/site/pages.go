package site

import (
	"bytes"
	"html/template"
	"sort"
	"strings"
	"sync"

	"github.com/cire-asbl/fabrique/internal/config"
	"github.com/cire-asbl/fabrique/internal/content"
	"github.com/cire-asbl/fabrique/internal/render"
)

// CSP is the Content-Security-Policy of every page: nothing but the site
// itself, no inline script or style. It is both a meta tag and a header in
// _headers, for hosts that read one.
const CSP = "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

// cspMeta is CSP without frame-ancestors, which browsers ignore (and warn
// about) in a meta tag.
const cspMeta = "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'"

// Link is a titled URL for menus, breadcrumbs and the pager.
type Link struct {
	Title   string
	URL     string // "" for the current page's breadcrumb
	Current bool   // the page being shown (aria-current)
}

// Alternate is one language in the switcher.
type Alternate struct {
	Lang      config.Language
	URL       string // the page in that language, or that language's home
	Abs       string // absolute URL, for <link rel=alternate>
	Available bool   // the page exists in that language
	Current   bool   // the page's own language
	// Unavailable says "not translated yet" in the alternate's own language.
	Unavailable template.HTML
}

// PageData is what layouts/page.html sees.
type PageData struct {
	strs        *render.Strings
	Lang        config.Language // the page's language
	Layout      string          // its layout: "page", a layout file's name, "leaflet", "not-found"
	SiteTitle   string          // site.toml's title
	Title       string          // the page's title (its h1)
	Description string          // for <meta name="description">
	Canonical   string          // absolute URL of the page
	XDefault    string          // absolute URL of the source-language version (hreflang x-default)
	CSP         string          // the Content-Security-Policy meta tag's value
	CSS         string          // URL of the fingerprinted stylesheet
	Scripts     []string        // URLs of the module scripts the page needs
	JSONLD      template.JS     // the page's JSON-LD, from its layout's "{layout}.jsonld"
	HomeURL     string          // the language's home page
	Alternates  []Alternate     // the language switcher, one per site language
	Menu        []Link          // the main menu, the current page marked
	Breadcrumbs []Link          // home, section, page (the last has no URL)
	Prev, Next  *Link           // neighbours in the page's section
	Notice      string          // "not reviewed" or "out of date" notice of a translation
	SourceURL   string          // with Notice: the source-language version
	SourceLang  string          // its language
	Brief       []template.HTML // the "in brief" items
	Content     template.HTML   // the page's Markdown as HTML (notes apart)
	Extra       template.HTML   // what the page's layout file wrote
	AsOf        string          // the date the law is stated at, YYYY-MM-DD
	AsOfText    string          // the same, in the language
	FooterLinks []Link          // site.toml's footer pages, in the language
	// Reader aids (reader.go): jump list, help contacts, the pathway's
	// leaflet, the notes section (after the help block).
	OnThisPage []Link
	Pathway    bool
	Help       *HelpBlock
	Leaflet    *LeafletLink
	Notes      template.HTML
	SearchURL  string // the language's search page, for the header's form
	// MenuHTML, FooterHTML and AlternateLinks are the layout's "menu",
	// "footer" and "alternate-links" rendered from Menu, FooterLinks and
	// Alternates; the build memoizes them (see chrome).
	MenuHTML       template.HTML
	FooterHTML     template.HTML
	AlternateLinks template.HTML
	// Guide is set on the questionnaire's pages (guide.go); GuideLink on
	// the home pages, the way into it.
	Guide     *GuideView
	GuideLink *Link
}

// T returns an interface string in the page's language; a string not
// translated yet is the default language's, marked with its lang (inside
// an attribute html/template keeps the text only).
func (d *PageData) T(key string) template.HTML { return word(d.strs, d.Lang.Code, key) }

// SiteTitleLang is the language of the site's name (site.toml's title, in
// the default language) when it is not the page's: the header marks it, so
// "La fabrique des sans-papiers" is read as French in an Arabic page and
// keeps its own direction.
func (d *PageData) SiteTitleLang() string {
	if d.strs == nil || d.strs.Lang == nil {
		return ""
	}
	if def := d.strs.DefaultCode(); def != d.Lang.Code {
		return def
	}
	return ""
}

// word is an interface string of lang as HTML (typeset at load in the
// language it is written in), marked lang="…" when that is not lang.
func word(strs *render.Strings, lang, key string) template.HTML {
	text, in := strs.Text(key)
	if in == "" {
		return template.HTML(template.HTMLEscapeString("[" + key + "]"))
	}
	h := template.HTMLEscapeString(text)
	if in != lang {
		h = `<span lang="` + in + `">` + h + `</span>`
	}
	return template.HTML(h)
}

// SizeHint is about the size of the page the layout writes from d: the
// render buffer is allocated once at that size.
func (d *PageData) SizeHint() int {
	return len(d.Content) + len(d.Notes) + len(d.Extra) + len(d.MenuHTML) + len(d.FooterHTML) + len(d.JSONLD) + 4096
}

// menu is the main menu of lang with current marked. The list is built once
// per language (it was rebuilt for every page, quadratic in the page count).
func (b *builder) menu(lang, current string) []Link {
	b.menuOnce.Do(func() {
		b.menus = map[string][]Link{}
		for _, l := range b.cfg.Codes() {
			b.menus[l] = b.buildMenu(l)
		}
	})
	base := b.menus[lang]
	out := make([]Link, len(base))
	copy(out, base)
	cur := b.url(current)
	for i := range out {
		out[i].Current = out[i].URL == cur
	}
	return out
}

func (b *builder) buildMenu(lang string) []Link {
	var ps []*content.Page
	for _, p := range b.pages {
		if p.Lang == lang && p.Menu {
			ps = append(ps, p)
		}
	}
	sortPages(ps)
	out := make([]Link, 0, len(ps))
	for _, p := range ps {
		out = append(out, Link{Title: p.ShortTitle(), URL: b.url(p.URL)})
	}
	return out
}

func sortPages(ps []*content.Page) {
	sort.SliceStable(ps, func(i, j int) bool {
		if ps[i].Weight != ps[j].Weight {
			return ps[i].Weight < ps[j].Weight
		}
		return ps[i].Path < ps[j].Path
	})
}

func (b *builder) section(lang, name string) []*content.Page {
	var ps []*content.Page
	for _, p := range b.pages {
		if p.Lang == lang && p.Section == name {
			ps = append(ps, p)
		}
	}
	sortPages(ps)
	return ps
}

func (b *builder) pageIn(key, lang string) *content.Page {
	if e := b.byKey[key]; e != nil {
		return e.ByLang[lang]
	}
	return nil
}

// langHome is the site path of lang's home page, or the default language's
// while lang has none (a language just added).
func (b *builder) langHome(lang string) string {
	if h := b.homeEntry(); h != nil && h.ByLang[lang] == nil && h.Source != nil {
		return h.Source.URL
	}
	return "/" + lang + "/"
}

// alternates is the language switcher of a page in lang; in(code) gives the
// site path of the same page in another language, "" when there is none
// (the switcher then says so and links that language's home).
func (b *builder) alternates(lang string, in func(code string) string) []Alternate {
	var out []Alternate
	for _, l := range b.cfg.Languages {
		a := Alternate{Lang: l, Current: l.Code == lang, Unavailable: word(b.theme.Strings(l.Code), l.Code, "language_unavailable")}
		if p := in(l.Code); p != "" {
			a.Available, a.URL, a.Abs = true, b.url(p), b.abs(p)
		} else {
			a.URL = b.url(b.langHome(l.Code))
		}
		out = append(out, a)
	}
	return out
}

// footerLinks are the pages site.toml's footer lists, in lang.
func (b *builder) footerLinks(lang string) []Link {
	var out []Link
	for _, key := range b.cfg.Footer {
		if fp := b.pageIn(key, lang); fp != nil {
			out = append(out, Link{Title: fp.Title, URL: b.url(fp.URL)})
		}
	}
	return out
}

func (b *builder) pageData(rp *renderedPage) (*PageData, error) {
	p := rp.page
	lang, _ := b.cfg.Lang(p.Lang)
	strs := b.theme.Strings(p.Lang)
	e := b.byKey[p.Key]
	d := &PageData{
		strs: strs, Lang: lang, Layout: p.Layout, SiteTitle: b.cfg.Title,
		Title: p.Title, Description: p.Description,
		Canonical: b.abs(p.URL), CSP: cspMeta, CSS: b.assets.css, HomeURL: b.url("/" + p.Lang + "/"),
		Menu: b.menu(p.Lang, p.URL),
		Alternates: b.alternates(p.Lang, func(code string) string {
			if tp := e.ByLang[code]; tp != nil {
				return tp.URL
			}
			return ""
		}),
		FooterLinks: b.footerLinks(p.Lang), SearchURL: b.searchURL(p.Lang),
		Content: template.HTML(rp.body()), AsOf: b.cfg.AsOf, AsOfText: strs.Date(b.cfg.AsOf),
	}
	if src := e.Source; src != nil {
		d.XDefault = b.abs(src.URL)
	}
	for _, h := range rp.brief {
		d.Brief = append(d.Brief, template.HTML(h))
	}
	switch e.Status(p.Lang) {
	case content.NotReviewed:
		if p.Lang != b.cfg.DefaultLanguage {
			d.Notice = strs.T("not_reviewed")
		}
	case content.OutOfDate:
		d.Notice = strs.T("out_of_date")
	}
	if d.Notice != "" && e.Source != nil {
		d.SourceURL, d.SourceLang = b.url(e.Source.URL), e.Source.Lang
	}
	if p.Section != "" {
		sec := b.section(p.Lang, p.Section)
		d.Breadcrumbs = []Link{b.homeCrumb(p.Lang)}
		if sc, ok := b.cfg.Sections[p.Section]; ok && sc.Anchor != "" {
			if home := b.homePage(p.Lang); home != nil {
				d.Breadcrumbs = append(d.Breadcrumbs, Link{Title: d.plain(sc.Label), URL: b.url(home.URL) + "#" + sc.Anchor})
			}
		}
		d.Breadcrumbs = append(d.Breadcrumbs, Link{Title: p.ShortTitle()})
		for i, sp := range sec {
			if sp != p {
				continue
			}
			if i > 0 {
				d.Prev = &Link{Title: sec[i-1].Title, URL: b.url(sec[i-1].URL)}
			}
			if i+1 < len(sec) {
				d.Next = &Link{Title: sec[i+1].Title, URL: b.url(sec[i+1].URL)}
			}
		}
	}
	if b.assets.offline != "" {
		d.Scripts = append(d.Scripts, b.assets.offline)
	}
	b.readerExtras(d, rp)
	search := b.theme.Plays(p.Layout, render.RoleSearch)
	if search {
		d.SearchURL = "" // the page's own form is the search form
	}
	if search && b.assets.search != "" {
		d.Scripts = append(d.Scripts, b.assets.search)
	}
	if rp.env != nil && b.data.needsCalculatorJS(rp.env) {
		d.Scripts = append(d.Scripts, b.assets.calcUI)
	}
	if err := b.chrome(d); err != nil {
		return nil, err
	}
	if err := b.guideMarks(d, p); err != nil {
		return nil, err
	}
	return d, nil
}

// chrome fills in the menu, footer and alternate links of d. The menu and
// footer depend only on the language and on which menu item is current, the
// alternate links only on the set of translations, so each variant is
// rendered once per build: at 30,000 pages the menu and footer saved a tenth
// of the build. Fragments are kept for the whole build (a few MB at 30,000
// pages).
func (b *builder) chrome(d *PageData) error {
	cur := ""
	for _, l := range d.Menu {
		if l.Current {
			cur = l.URL
		}
	}
	// The <link rel=alternate> list is the same for every translation of a
	// page: at 30,000 pages, rendering it once per page was a tenth of the
	// layout's time.
	alt := []string{"alternate-links", d.XDefault}
	for _, a := range d.Alternates {
		if a.Available {
			alt = append(alt, a.Lang.Code, a.Abs)
		}
	}
	for _, part := range []struct {
		name, key string
		out       *template.HTML
	}{
		{"menu", "menu\x00" + d.Lang.Code + "\x00" + cur, &d.MenuHTML},
		{"footer", "footer\x00" + d.Lang.Code, &d.FooterHTML},
		{"alternate-links", strings.Join(alt, "\x00"), &d.AlternateLinks},
	} {
		b.fragMu.Lock()
		h, ok := b.frags[part.key]
		b.fragMu.Unlock()
		if !ok {
			out, err := b.theme.Fragment(part.name, d)
			if err != nil {
				return err
			}
			h = template.HTML(out)
			b.fragMu.Lock()
			if b.frags == nil {
				b.frags = map[string]template.HTML{}
			}
			b.frags[part.key] = h
			b.fragMu.Unlock()
		}
		*part.out = h
	}
	return nil
}

// homePage is lang's home page (content/{lang}/index.md), or nil.
func (b *builder) homePage(lang string) *content.Page {
	if e := b.homeEntry(); e != nil {
		return e.ByLang[lang]
	}
	return nil
}

// homeEntry is the translations of the home page, found once by
// resolveTranslations (every page's breadcrumbs ask for it).
func (b *builder) homeEntry() *content.Entry { return b.home }

// findHome is the entry holding a page at /{lang}/.
func findHome(entries []*content.Entry) *content.Entry {
	for _, e := range entries {
		for lang, p := range e.ByLang {
			if p.URL == "/"+lang+"/" {
				return e
			}
		}
	}
	return nil
}

// homeCrumb is the first breadcrumb: the home page, by its short title.
func (b *builder) homeCrumb(lang string) Link {
	l := Link{URL: b.url("/" + lang + "/")}
	if home := b.homePage(lang); home != nil {
		l.Title = home.ShortTitle()
	}
	return l
}

// renderPage renders one converted page through the theme and writes it.
func (b *builder) renderPage(rp *renderedPage) {
	if b.themeBroken() {
		return
	}
	d := rp.data // a page with a layout file: see renderLayouts
	if d == nil {
		var err error
		if d, err = b.pageData(rp); err != nil {
			b.templateError(err)
			return
		}
	}
	name := strings.TrimPrefix(rp.page.URL, "/") + "index.html"
	if b.opts.Cache == nil {
		buf := pageBufs.Get().(*bytes.Buffer)
		buf.Reset()
		if err := b.theme.PageTo(buf, d); err != nil {
			b.templateError(err)
			return
		}
		b.putThen(name, buf.Bytes(), func() { pageBufs.Put(buf) })
		return
	}
	key := b.renderKey(d)
	if out, ok := lookup(b.opts.Cache, b.opts.Cache.rendered, key); ok {
		b.write(name, out, nil)
		return
	}
	out, err := b.theme.Page(d)
	if err != nil {
		b.templateError(err)
		return
	}
	if min := b.put(name, out); min != nil {
		store(b.opts.Cache, b.opts.Cache.rendered, key, min) // kept: never handed back
	}
}

// pageBufs are the buffers pages are rendered into when nothing keeps the
// bytes: the sink hands each back once the page is written, so a build
// reuses a few instead of making one a page (a fifth of a large build's
// allocation, and fresh memory to fault in).
var pageBufs = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// renderDeferred renders the pages with a layout file (renderLayouts).
func (b *builder) renderDeferred() {
	var wg sync.WaitGroup
	for _, rp := range b.rendered {
		if rp == nil || rp.data == nil {
			continue
		}
		wg.Add(1)
		go func(rp *renderedPage) {
			defer wg.Done()
			b.renderPage(rp)
			rp.html, rp.data = nil, nil
		}(rp)
	}
	wg.Wait()
}

// plain is T as plain text, for places that escape it themselves.
func (d *PageData) plain(key string) string {
	text, _ := d.strs.Text(key)
	return text
}

package site

// reader.go: what a reader on a phone needs around a page's content — the
// "On this page" jump list, help contacts at the top and the end of pathway
// pages, the pathway's leaflet, the data-driven footer links and the 404
// page of each language. The markup is in layouts/page.html; this file only
// fills PageData.

import (
	"html"
	"html/template"
	"regexp"
	"strings"

	"github.com/cire-asbl/fabrique/internal/help"
)

const (
	// helpAnchor is the id of the help block at the end of a pathway page.
	helpAnchor = "help"
	// onThisPageMin is the number of sections from which a page gets an
	// "On this page" list.
	onThisPageMin = 3
)

var htmlTagRe = regexp.MustCompile(`<[^>]*>`)

// onThisPage lists the page's level-2 sections (headings with an id and
// no class: the notes heading is visually hidden) when there are enough of
// them to need a jump list.
func onThisPage(body string) []Link {
	var out []Link
	eachH2(body, func(id, inner string) {
		text := html.UnescapeString(htmlTagRe.ReplaceAllString(inner, ""))
		out = append(out, Link{Title: strings.TrimSpace(text), URL: "#" + id})
	})
	if len(out) < onThisPageMin {
		return nil
	}
	return out
}

// eachH2 calls f with the id and the inner HTML of each `<h2 id="…">…</h2>`
// of body that has no line break inside (what the regular expression
// <h2 id="([^"]+)">(.*?)</h2> matched: it was a fiftieth of a large
// build's time; FuzzEachH2 holds the two together).
func eachH2(body string, f func(id, inner string)) {
	const open = `<h2 id="`
	for {
		i := strings.Index(body, open)
		if i < 0 {
			return
		}
		body = body[i+len(open):]
		q := strings.IndexByte(body, '"')
		if q <= 0 || !strings.HasPrefix(body[q:], `">`) {
			continue
		}
		rest := body[q+2:]
		end := strings.Index(rest, "</h2>")
		if end < 0 {
			return // no later heading can close either
		}
		if strings.IndexByte(rest[:end], '\n') >= 0 {
			continue
		}
		f(body[:q], rest[:end])
		body = rest[end+len("</h2>"):]
	}
}

// splitNotes cuts a page's HTML before its notes section, so blocks the
// layout adds after the content (help) come before the notes.
func splitNotes(body string) (content, notes string) {
	i := strings.LastIndex(body, `<section class="notes"`)
	if i < 0 {
		return body, ""
	}
	return body[:i], body[i:]
}

// LeafletLink is a pathway page's printable leaflet; PDF is "" when the
// build does not print PDFs (a link would 404).
type LeafletLink struct{ URL, PDF string }

// HelpBlock is what layouts/page.html shows of data/help.yaml on a page.
type HelpBlock struct {
	Anchor   string
	Contacts []HelpContact
	Top      *HelpContact // the first contact with a phone (or the first)
}

// HelpContact is a help.Contact with its verification link resolved.
type HelpContact struct {
	help.Contact
	VerifiedURL   string
	VerifiedLabel string // the link's text: "source", or the page's host
	VerifiedText  string // the pinpoint, or the date the page was read
	// TelURL and MailURL are tel: and mailto: links (help.Load checked the
	// number and the address; html/template would refuse a tel: string).
	TelURL, MailURL template.URL
}

// readerExtras fills the jump list, help and leaflet link of a page.
func (b *builder) readerExtras(d *PageData, rp *renderedPage) {
	p := rp.page
	c, notes := splitNotes(string(d.Content)) // slices of the page's HTML, no copy
	d.Content, d.Notes = template.HTML(c), template.HTML(notes)
	d.OnThisPage = onThisPage(c)
	if p.Section != "pathways" {
		return
	}
	d.Pathway = true
	if b.data.help != nil {
		hb := &HelpBlock{Anchor: helpAnchor}
		for _, ct := range b.data.help.For(p.Key, p.Lang) {
			hc := HelpContact{Contact: ct}
			if ct.Phone != "" {
				hc.TelURL = template.URL("tel:" + ct.Phone)
			}
			if ct.Email != "" {
				hc.MailURL = template.URL("mailto:" + ct.Email)
			}
			switch {
			case ct.SourceKey != "":
				if sp := b.pageIn("sources", p.Lang); sp != nil {
					hc.VerifiedURL = b.url(sp.URL) + "#" + ct.SourceKey
				}
				hc.VerifiedLabel = d.plain("help_source")
				hc.VerifiedText = ct.Pinpoint
			case ct.SourceURL != "":
				hc.VerifiedURL = ct.SourceURL
				hc.VerifiedLabel = strings.TrimPrefix(strings.SplitN(strings.TrimPrefix(ct.SourceURL, "https://"), "/", 2)[0], "www.")
				hc.VerifiedText = d.strs.Date(ct.Read)
			}
			hb.Contacts = append(hb.Contacts, hc)
		}
		for i := range hb.Contacts {
			if hb.Contacts[i].Phone != "" {
				hb.Top = &hb.Contacts[i]
				break
			}
		}
		if hb.Top == nil && len(hb.Contacts) > 0 {
			hb.Top = &hb.Contacts[0]
		}
		if len(hb.Contacts) > 0 {
			d.Help = hb
			d.OnThisPage = append(d.OnThisPage, Link{Title: d.plain("help_title"), URL: "#" + helpAnchor})
			if len(d.OnThisPage) < onThisPageMin {
				d.OnThisPage = nil
			}
		}
	}
	if ref, ok := b.pathwayLeaflet(rp); ok {
		d.Leaflet = &LeafletLink{URL: b.url(ref.url)}
		d.Leaflet.PDF = b.pdfURL(ref.pdf)
	}
}

// pathwayLeaflet is the leaflet of a pathway page: the same rule as
// findLeaflets (the first diagram the page embeds), usable while pages are
// still being converted.
func (b *builder) pathwayLeaflet(rp *renderedPage) (leafletRef, bool) {
	if b.data == nil || b.data.pathways == nil || rp.env == nil {
		return leafletRef{}, false
	}
	ds := rp.env.Embedded("diagram")
	if len(ds) == 0 {
		return leafletRef{}, false
	}
	if _, ok := b.data.pathways.Pathway(ds[0]); !ok {
		return leafletRef{}, false
	}
	lang := rp.page.Lang
	return leafletRef{lang: lang, id: ds[0], page: rp,
		url: b.leafletsBase(lang) + ds[0] + "/", pdf: "/leaflets/" + lang + "/" + ds[0] + ".pdf"}, true
}

// writeNotFound writes one 404 page per language, {lang}/404.html, in the
// page layout (hosts that look for the nearest 404.html serve it under
// /{lang}/), and the root 404.html: every language's message, which
// js/notfound.js puts first and applies for the language of the address
// asked for (without JavaScript every language is shown).
func (b *builder) writeNotFound(chooser func(title, message, hintKey string, edit ...func(*ChooserData)) []byte) {
	for _, l := range b.cfg.Languages {
		strs := b.theme.Strings(l.Code)
		d := &PageData{
			strs: strs, Lang: l, Layout: "not-found", SiteTitle: b.cfg.Title,
			Title: strs.T("not_found_title"), Description: strs.T("not_found_text"),
			CSP: cspMeta, CSS: b.assets.css, HomeURL: b.url("/" + l.Code + "/"),
			Menu:        b.menu(l.Code, ""),
			Alternates:  b.alternates(l.Code, func(code string) string { return "/" + code + "/" }),
			FooterLinks: b.footerLinks(l.Code), AsOf: b.cfg.AsOf, AsOfText: strs.Date(b.cfg.AsOf),
		}
		if b.assets.offline != "" {
			d.Scripts = append(d.Scripts, b.assets.offline)
		}
		if err := b.chrome(d); err != nil {
			b.problems.Errorf(b.theme.Dir+"/layouts/page.html", 0, 0, "404 page: %v", err)
			continue
		}
		out, err := b.theme.Page(d)
		if err != nil {
			b.problems.Errorf(b.theme.Dir+"/layouts/page.html", 0, 0, "404 page: %v", err)
			continue
		}
		b.put(l.Code+"/404.html", out)
	}
	def := b.theme.Strings(b.cfg.DefaultLanguage)
	b.put("404.html", chooser(def.T("not_found_title"), "", "", func(d *ChooserData) {
		for i := range d.Choices {
			s := b.theme.Strings(d.Choices[i].Lang.Code)
			d.Choices[i].Hint = word(s, d.Choices[i].Lang.Code, "not_found_text")
			d.Choices[i].Title = s.T("not_found_title")
		}
		if b.assets.notFound != "" {
			d.Scripts = []string{b.assets.notFound}
		}
	}))
}

package site

// reader.go: what a reader on a phone needs around a page's content — the
// "On this page" jump list, help contacts at the top and the end of pathway
// pages, the pathway's leaflet, the data-driven footer links and the 404
// page of each language. The markup is in layouts/page.html; this file only
// fills PageData.

import (
	"html"
	"html/template"
	"io/fs"
	"regexp"
	"strings"

	"github.com/cire-asbl/fabrique/internal/diag"
	"github.com/cire-asbl/fabrique/internal/help"
	"github.com/cire-asbl/fabrique/internal/leaflet"
	"github.com/cire-asbl/fabrique/internal/rules"
)

const (
	helpPath = "data/help.yaml"
	// helpAnchor is the id of the help block at the end of a pathway page.
	helpAnchor = "help"
	// onThisPageMin is the number of sections from which a page gets an
	// "On this page" list.
	onThisPageMin = 3
)

// loadHelp loads data/help.yaml.
func loadHelp(fsys fs.FS, langs []string, known func(string) bool, problems *diag.List) *help.Set {
	h, ps := help.Load(fsys, helpPath, langs, known)
	problems.Merge(ps)
	return h
}

var h2Re = regexp.MustCompile(`<h2 id="([^"]+)">(.*?)</h2>`)
var htmlTagRe = regexp.MustCompile(`<[^>]*>`)

// onThisPage lists the page's level-2 sections (headings with an id and
// no class: the notes heading is visually hidden) when there are enough of
// them to need a jump list.
func onThisPage(body []byte) []Link {
	var out []Link
	for _, m := range h2Re.FindAllSubmatch(body, -1) {
		text := html.UnescapeString(htmlTagRe.ReplaceAllString(string(m[2]), ""))
		out = append(out, Link{Title: strings.TrimSpace(text), URL: "#" + string(m[1])})
	}
	if len(out) < onThisPageMin {
		return nil
	}
	return out
}

// splitNotes cuts a page's HTML before its notes section, so blocks the
// layout adds after the content (help) come before the notes.
func splitNotes(body []byte) (content, notes []byte) {
	i := strings.LastIndex(string(body), `<section class="notes"`)
	if i < 0 {
		return body, nil
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
	body := []byte(d.Content)
	c, notes := splitNotes(body)
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

// WorkedExample is what the layout's "worked-example" shows inside a
// calculator without JavaScript: the leaflets' example (the Go evaluator on
// dates derived from asOf, never the clock), the outputs that have a
// sentence worded as that sentence.
type WorkedExample struct {
	Title, Intro string
	Inputs       []leaflet.Row
	Sentences    []string
	Outputs      []leaflet.Row
}

// workedExample renders calculator id's worked example in lang, or "" if
// the calculator has no interface text for it.
func (b *builder) workedExample(id, lang string) (string, error) {
	cs := b.data.calcs
	c, ok := cs.Get(id)
	if !ok {
		return "", nil
	}
	asOf, err := rules.ParseDate(b.cfg.AsOf)
	if err != nil {
		return "", nil // reported by the loaders
	}
	title, intro := cs.Text(lang, "example_title"), cs.Text(lang, "example_intro")
	if title == "" {
		return "", nil
	}
	var spec leaflet.ExampleSpec
	if b.data.leaflets != nil {
		spec = b.data.leaflets.Examples[id] // data/leaflets.yaml: the same example as the leaflet's
	}
	ex, err := leaflet.WorkedExample(cs, id, lang, asOf, spec)
	if err != nil {
		return "", err
	}
	asOfText, err := cs.FormatDate(asOf, lang)
	if err != nil {
		return "", err
	}
	v := WorkedExample{Title: title, Intro: strings.ReplaceAll(intro, "{date}", asOfText)}
	for _, r := range ex.Inputs {
		v.Inputs = append(v.Inputs, leaflet.Row{Label: r.Label, Value: r.Value})
	}
	for i, r := range ex.Outputs {
		if i < len(c.Outputs) && c.Outputs[i].Sentence[lang] != "" {
			v.Sentences = append(v.Sentences, strings.ReplaceAll(c.Outputs[i].Sentence[lang], "{value}", r.Value))
			continue
		}
		v.Outputs = append(v.Outputs, leaflet.Row{Label: r.Label, Value: r.Value})
	}
	out, err := b.theme.Fragment("worked-example", v)
	return string(out), err
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

// pdfURL is the URL of a leaflet's PDF, or "" when this build does not
// print PDFs (Options.PDF): a link must never lead to a missing file.
func (b *builder) pdfURL(sitePath string) string {
	if !b.opts.PDF {
		return ""
	}
	return b.url(sitePath)
}

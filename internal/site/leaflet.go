package site

import (
	"encoding/json"
	"html/template"
	"strings"

	"github.com/cire-asbl/fabrique/internal/calc"
	"github.com/cire-asbl/fabrique/internal/leaflet"
	"github.com/cire-asbl/fabrique/internal/markdown"
	"github.com/cire-asbl/fabrique/internal/rules"
)

// Leaflets: one printable page per pathway and language, at
// {leaflets index URL}{pathway id}/ (the index is the content page with
// layout: leaflets; /{lang}/leaflets/ when a language has none), its PDF at
// /leaflets/{lang}/{id}.pdf (printed by cmd/build -pdf from Result.Leaflets),
// and the same list published as leaflets/leaflets.json for other tools.
// The page's markup is the theme's layouts/leaflet.html.

// LeafletManifestPath is the manifest's path in the output folder.
const LeafletManifestPath = "leaflets/leaflets.json"

// LeafletManifest lists the built leaflets (leaflets/leaflets.json).
type LeafletManifest struct {
	// BasePath is the path of the base URL ("/" or "/sub/"): the pages'
	// links start with it, so a local server must serve the output there.
	BasePath string         `json:"basePath"`
	Leaflets []LeafletEntry `json:"leaflets"`
}

// LeafletEntry is one leaflet.
type LeafletEntry struct {
	Lang    string `json:"lang"`
	Pathway string `json:"pathway"`
	Title   string `json:"title"`
	// HTML and PDF are file paths in the output folder.
	HTML string `json:"html"`
	PDF  string `json:"pdf"`
	// URL is the absolute URL of the pathway's online page (the QR code's).
	URL string `json:"url"`
	// Deadlines are the key durations as printed, one per rule parameter.
	Deadlines []string `json:"deadlines"`
}

// leafletRef is a leaflet to build: a pathway with a page in a language.
type leafletRef struct {
	lang, id string
	page     *renderedPage // the pathway's page ({diagram:id} in its body)
	url      string        // site path of the leaflet page
	pdf      string        // site path of the PDF
}

func (b *builder) leafletsBase(lang string) string {
	if p := b.pageIn("leaflets", lang); p != nil {
		return p.URL
	}
	return "/" + lang + "/leaflets/"
}

func (b *builder) findLeaflets(lang string) []leafletRef {
	if b.data == nil || b.data.pathways == nil {
		return nil
	}
	byURL := map[string]*renderedPage{}
	for _, rp := range b.rendered {
		if rp != nil && rp.env != nil {
			byURL[rp.page.URL] = rp
		}
	}
	var out []leafletRef
	seen := map[string]bool{}
	for _, p := range b.section(lang, "pathways") {
		rp := byURL[p.URL]
		if rp == nil {
			continue
		}
		diagrams := rp.env.Embedded("diagram")
		if len(diagrams) == 0 {
			continue
		}
		id := diagrams[0]
		if _, ok := b.data.pathways.Pathway(id); !ok || seen[id] {
			continue
		}
		seen[id] = true
		out = append(out, leafletRef{lang: lang, id: id, page: rp,
			url: b.leafletsBase(lang) + id + "/", pdf: "/leaflets/" + lang + "/" + id + ".pdf"})
	}
	return out
}

// renderLeaflets writes every leaflet page and the manifest.
func (b *builder) renderLeaflets() {
	if b.data == nil || b.data.pathways == nil {
		return
	}
	man := LeafletManifest{BasePath: b.basePath}
	all := map[string][]leafletRef{}
	for _, lang := range b.cfg.Codes() {
		all[lang] = b.leaflets(lang)
	}
	for _, lang := range b.cfg.Codes() {
		for _, ref := range all[lang] {
			l, err := b.leafletData(ref)
			if err != nil {
				b.problems.Errorf(ref.page.page.Path, 0, 0, "leaflet %s: %v", ref.id, err)
				continue
			}
			d := b.leafletPage(ref, l, all)
			if b.themeBroken() {
				return
			}
			body, err := b.theme.Layout(leafletLayout, &LayoutView{PageData: d, Leaflet: l, b: b})
			if err != nil {
				b.templateError(err)
				return
			}
			d.Content = template.HTML(body)
			out, err := b.theme.Page(d)
			if err != nil {
				b.templateError(err)
				continue
			}
			html := strings.TrimPrefix(ref.url, "/") + "index.html"
			b.put(html, out)
			e := LeafletEntry{Lang: lang, Pathway: ref.id, Title: l.Title, HTML: html, Deadlines: []string{},
				PDF: strings.TrimPrefix(ref.pdf, "/"), URL: l.URL}
			for _, r := range l.Deadlines {
				e.Deadlines = append(e.Deadlines, r.Value)
			}
			man.Leaflets = append(man.Leaflets, e)
		}
	}
	b.res.Leaflets = man
	js, err := json.MarshalIndent(man, "", "  ")
	if err != nil {
		b.problems.Errorf(LeafletManifestPath, 0, 0, "%v", err)
		return
	}
	b.put(LeafletManifestPath, append(js, '\n'))
}

// leafletData gathers what one leaflet shows from the data and the
// pathway's page.
func (b *builder) leafletData(ref leafletRef) (*leaflet.Leaflet, error) {
	lang, id, d := ref.lang, ref.id, b.data
	strs := b.theme.Strings(lang)
	t := strs.T
	pw, _ := d.pathways.Pathway(id)
	langInfo, _ := b.cfg.Lang(lang)
	// The print drawing (columns, text ≥ 9 pt on A4) and, for a phone
	// reading the leaflet page, the vertical one; print.css shows one.
	svg, err := d.pathways.PrintSVG(id, lang, langInfo.Dir)
	if err != nil {
		return nil, err
	}
	narrow, err := d.pathways.NarrowSVG(id, lang, langInfo.Dir)
	if err != nil {
		return nil, err
	}
	svg = append(svg, narrow...)
	l := &leaflet.Leaflet{
		Lang: lang, ID: id,
		Title:   d.pathways.Title(id, lang),
		Summary: pw.Summary.Text[lang],
		Legend:  t("leaflet_legend"),
		Diagram: template.HTML(svg),
		URL:     b.abs(ref.page.page.URL),
		PDF:     b.pdfURL(ref.pdf),
		AsOf:    b.cfg.AsOf, AsOfText: strs.Date(b.cfg.AsOf),
		Credit: t("credit"), Advice: t("leaflet_not_advice"),
		Labels: leaflet.Labels{
			InBrief: t("in_brief"), Deadlines: t("leaflet_deadlines"), Deadline: t("leaflet_deadline"),
			Duration: t("leaflet_duration"), NoDeadlines: t("leaflet_no_deadlines"),
			Example: t("leaflet_example"), ExampleCol: t("leaflet_example_col"), OwnCol: t("leaflet_own_col"), Notes: t("leaflet_notes"), Help: t("leaflet_help"), Sources: t("leaflet_sources"),
			Online: t("leaflet_online"), PDF: t("leaflet_pdf"), AsOf: t("as_of"), QR: t("leaflet_qr"),
		},
	}
	for _, h := range ref.page.brief {
		l.Brief = append(l.Brief, template.HTML(h))
	}
	if l.Summary == "" {
		l.Summary = ref.page.page.Description
	}
	qr, err := leaflet.QRSVG(l.URL, l.Labels.QR+" "+l.URL)
	if err != nil {
		return nil, err
	}
	l.QR = template.HTML(qr)

	// Key deadlines: the rule parameters the diagram uses, valued on asOf.
	var cites []markdown.CiteRef
	if d.rules != nil {
		for _, rid := range leaflet.RuleRefs(pw, lang) {
			text, cite, err := d.rules.FormatRule(rid, lang)
			if err != nil {
				return nil, err
			}
			desc, err := d.rules.Description(rid, lang)
			if err != nil {
				return nil, err
			}
			l.Deadlines = append(l.Deadlines, leaflet.Row{Label: desc, Value: text})
			cites = append(cites, cite)
			if v, err := d.rules.Current(rid); err == nil {
				cites = append(cites, v.Also...)
			}
		}
	}
	// Worked examples: the calculators of the pathway's page, run by the Go
	// evaluator on dates derived from asOf (never the clock).
	if d.calcs != nil {
		asOf, err := rules.ParseDate(b.cfg.AsOf)
		if err != nil {
			return nil, err
		}
		l.Labels.ExampleIntro = strings.ReplaceAll(t("leaflet_example_intro"), "{date}", l.AsOfText)
		for _, id := range ref.page.env.Embedded("calculator") {
			ex, err := leaflet.WorkedExample(d.calcs, id, lang, asOf, d.leaflets.Examples[id])
			if err != nil {
				return nil, err
			}
			// Each result says what kind of rule it comes from when not in force.
			var status map[string]any
			if k, ok := d.calcs.Get(id); ok {
				out, _ := d.calcs.Evaluate(id, leaflet.ExampleInputs(k, asOf, d.leaflets.Examples[id]))
				status, _ = out[calc.StatusKey].(map[string]any)
				for i, o := range k.Outputs {
					if st, _ := status[o.Name].(string); st != "" && st != rules.StatusInForce && i < len(ex.Outputs) {
						if w, err := d.rules.StatusText(st, lang); err == nil {
							ex.Outputs[i].Value += " (" + w + ")"
						}
					}
				}
			}
			l.Examples = append(l.Examples, ex)
		}
	}
	// Help: the verified contacts the pathway's page shows (data/help.yaml),
	// written out in full since paper has no links; without that file, the
	// i18n lines of data/leaflets.yaml.
	if contacts := d.help.For(ref.page.page.Key, lang); len(contacts) > 0 {
		for _, c := range contacts {
			line := c.Name
			if c.About != "" {
				line += " — " + c.About
			}
			for _, v := range []string{c.WebText, c.PhoneText, c.Email} {
				if v != "" {
					// Left-to-right isolates: in an Arabic leaflet the
					// number's digit groups would otherwise be laid out
					// right to left (+32 2 629 77 10 read as 10 77 629 2 32+).
					line += " — \u2066" + v + "\u2069"
				}
			}
			l.Help = append(l.Help, line)
		}
	} else {
		l.Help = append(l.Help, t("leaflet_help_cire"))
		for _, k := range d.leaflets.Help[id] { // data/leaflets.yaml
			l.Help = append(l.Help, t(k))
		}
	}
	l.Help = append(l.Help, t("leaflet_help_legal"))

	// Sources: those of the deadlines; a pathway without deadlines shows
	// those its page cites. One line per source, without pinpoints.
	if len(cites) == 0 && ref.page.env != nil {
		cites = ref.page.env.Cited
	}
	if d.sources != nil {
		seen := map[string]bool{}
		for _, c := range cites {
			if c.Key == "" || seen[c.Key] || !d.sources.Known(c.Key) {
				continue
			}
			seen[c.Key] = true
			note, err := d.sources.Note(markdown.CiteRef{Key: c.Key}, lang)
			if err != nil {
				return nil, err
			}
			l.Sources = append(l.Sources, template.HTML(markdown.TypographyHTML(lang, []byte(note))))
		}
	}
	return l, nil
}

// leafletLayout is the layout of leaflet pages: layouts/leaflet.html writes
// the leaflet, page.html the page around it.
const leafletLayout = "leaflet"

// leafletPage is the page around a leaflet: the site's layout, with the
// leaflet in every language as alternates.
func (b *builder) leafletPage(ref leafletRef, l *leaflet.Leaflet, all map[string][]leafletRef) *PageData {
	lang, _ := b.cfg.Lang(ref.lang)
	strs := b.theme.Strings(ref.lang)
	d := &PageData{
		strs: strs, Lang: lang, Layout: leafletLayout, SiteTitle: b.cfg.Title,
		Title: l.Title, Description: l.Summary, Canonical: b.abs(ref.url), CSP: cspMeta, CSS: b.assets.css,
		HomeURL: b.url("/" + ref.lang + "/"), Menu: b.menu(ref.lang, ""),
		AsOf: b.cfg.AsOf, AsOfText: strs.Date(b.cfg.AsOf),
	}
	d.Alternates = b.alternates(ref.lang, func(code string) string {
		for _, r := range all[code] {
			if r.id == ref.id {
				return r.url
			}
		}
		return ""
	})
	d.Breadcrumbs = []Link{b.homeCrumb(ref.lang)}
	if idx := b.pageIn("leaflets", ref.lang); idx != nil {
		d.Breadcrumbs = append(d.Breadcrumbs, Link{Title: idx.Title, URL: b.url(idx.URL)})
	}
	d.Breadcrumbs = append(d.Breadcrumbs, Link{Title: l.Title})
	d.FooterLinks = b.footerLinks(ref.lang)
	if err := b.chrome(d); err != nil {
		b.problems.Errorf(b.theme.Dir+"/layouts/page.html", 0, 0, "leaflet %s/%s: %v", ref.lang, ref.id, err)
	}
	return d
}

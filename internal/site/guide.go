package site

import (
	"bytes"
	"html/template"
	"strings"

	"github.com/cire-asbl/fabrique/internal/content"
	"github.com/cire-asbl/fabrique/internal/diag"
	"github.com/cire-asbl/fabrique/internal/guide"
	"github.com/cire-asbl/fabrique/internal/markdown"
	"github.com/cire-asbl/fabrique/internal/memfs"
	"github.com/cire-asbl/fabrique/internal/pathway"
	"github.com/cire-asbl/fabrique/internal/render"
)

// The questionnaire ("what is my situation?", data/guide.yaml) is reached
// from a content page with `layout: guide`, its start page in each language;
// below that page's URL every answered prefix of the tree is one static
// page: /fr/ma-situation/votre-situation/salarie/renouvellement/. Pages are
// rendered by themes/{theme}/layouts/guide.html from GuideView. They are not
// in the sitemap: they are steps of one flow (the same outcome ends several
// paths), entered from the start page, which is.

const (
	guidePath = "data/guide.yaml"
	guideID   = "guide" // the guide's diagram: /diagrams/{lang}/guide.svg
)

// GuideView is what guide.html's parts see (as PageData.Guide).
type GuideView struct {
	Kind    string // "start", "question" or "outcome" (the data-guide marker)
	Pathway string // outcome: key of the pathway page it leads to, "" outside the pathways
	First   string // URL of the first question
	Hint    template.HTML
	Terms   []GuideTerm
	Options []Link // a question's answers, each to its page
	Answers []GuideAnswer
	Outcome *GuideOutcome
}

// GuideTerm is a glossary definition shown under a question.
type GuideTerm struct {
	Summary    string // "What does “single permit” mean?"
	Definition string
	URL        string
}

// GuideAnswer is one answer so far, with the page where it can be changed.
type GuideAnswer struct {
	Question string
	Answer   string
	Change   string
}

// GuideOutcome is what an outcome page shows after its title.
type GuideOutcome struct {
	Text        template.HTML // 3–5 sentences, rule values and terms resolved
	Notes       template.HTML // the sources cited in Text
	Calculators []template.HTML
	Pathway     *Link
	Diagram     string // URL of the pathway's standalone diagram
	Leaflet     *Link
	Read        []Link
	Help        []template.HTML
}

// guideState is the loaded guide and its diagram.
type guideState struct {
	g       *guide.Guide
	diagram *pathway.Set
}

// loadGuide loads data/guide.yaml once pages and data are loaded (its
// references name both).
func (b *builder) loadGuide() {
	if !exists(b.fsys, guidePath) {
		return
	}
	opts := guide.Options{Langs: b.cfg.Codes(), Pathways: []string{}, Calculators: []string{}, Pages: []string{}, Terms: []string{}, Rules: []string{}}
	seen := map[string]bool{}
	for _, p := range b.pages {
		if !seen[p.Key] {
			seen[p.Key] = true
			opts.Pages = append(opts.Pages, p.Key)
			if p.Section == "pathways" {
				opts.Pathways = append(opts.Pathways, p.Key)
			}
		}
	}
	if b.data.calcs != nil {
		opts.Calculators = b.data.calcs.IDs()
	}
	if b.data.glossary != nil {
		opts.Terms = b.data.glossary.IDs()
	}
	if b.data.rules != nil {
		opts.Rules = b.data.rules.IDs()
	}
	g, ps := guide.Load(b.fsys, guidePath, opts)
	b.problems.Merge(ps)
	if g == nil || ps.Failed(false) {
		return
	}
	b.guide = &guideState{g: g}
	// The guide's own diagram, drawn by the pathway renderer from the same
	// tree, with the diagrams' UI words.
	y, err := g.DiagramYAML(b.cfg.Codes())
	if err != nil {
		b.problems.Errorf(guidePath, 0, 0, "diagram: %v", err)
		return
	}
	opts2 := pathway.Options{Langs: sourceFirst(b.cfg), Words: b.theme.I18n.Prefixed("diagram")}
	if b.data.rules != nil {
		opts2.Known = func(id string) bool { _, ok := b.data.rules.Lookup(id); return ok }
		opts2.Duration = func(id, lang string) (string, error) {
			text, _, err := b.data.rules.FormatRule(id, lang)
			return text, err
		}
	}
	set, ps := pathway.Load(memfs.FS{"g/" + guideID + ".yaml": {Data: y}}, "g", opts2)
	for _, p := range ps.Sorted() {
		p.Path, p.Line, p.Col = guidePath, 0, 0
		p.Msg = "the guide's diagram: " + p.Msg
		b.problems.Add(p)
	}
	if !ps.Failed(false) {
		b.guide.diagram = set
	}
}

// guideStart is the start page of lang: the page whose layout plays the
// guide role (theme.toml).
func (b *builder) guideStart(lang string) *content.Page {
	return b.roles.page(render.RoleGuide, lang)
}

// guideURL is the site path of a guide page in lang, "" without a start page.
func (b *builder) guideURL(p guide.Page, lang string) string {
	start := b.guideStart(lang)
	if start == nil || b.guide == nil {
		return ""
	}
	return start.URL + strings.Join(b.guide.g.Segments(p, lang, b.cfg.DefaultLanguage), "/") + "/"
}

// guideMarks adds the guide to content pages: the start page's marker and
// button, the home page's link.
func (b *builder) guideMarks(d *PageData, p *content.Page) error {
	if b.guide == nil {
		return nil
	}
	pages := b.guide.g.Pages()
	if len(pages) == 0 {
		return nil
	}
	first := b.url(b.guideURL(pages[0], p.Lang))
	switch {
	case b.theme.Plays(p.Layout, render.RoleGuide):
		d.Guide = &GuideView{Kind: "start", First: first}
		h, err := b.theme.Fragment("guide-start", d)
		if err != nil {
			return err
		}
		d.Extra += template.HTML(h)
	case b.homePage(p.Lang) == p:
		if start := b.guideStart(p.Lang); start != nil {
			d.GuideLink = &Link{Title: d.plain("guide_home_link"), URL: b.url(start.URL)}
		}
	}
	return nil
}

// renderGuide writes every page of the expanded tree in every language
// that has a start page.
func (b *builder) renderGuide() {
	if b.guide == nil {
		return
	}
	pages := b.guide.g.Pages()
	for _, l := range b.cfg.Languages {
		if b.guideStart(l.Code) == nil {
			continue
		}
		r := &guideRenderer{b: b, lang: l.Code, dir: l.Dir, cache: map[string]*GuideOutcome{}}
		for _, p := range pages {
			r.render(p)
		}
	}
}

type guideRenderer struct {
	b         *builder
	lang, dir string
	cache     map[string]*GuideOutcome // by outcome id: an outcome ends several paths
}

// text is a guide text in the renderer's language, typography applied.
func (r *guideRenderer) text(t guide.Text) string {
	return t.In(r.lang, r.b.cfg.DefaultLanguage)
}

// markdown renders a guide text as Markdown; its problems are reported at
// the text's place in data/guide.yaml.
func (r *guideRenderer) markdown(what string, t guide.Text, inline bool) (html, notes template.HTML) {
	b := r.b
	local := &diag.List{}
	env := &markdown.Env{Lang: r.lang, Path: guidePath, Problems: local, Links: linkResolver{b}}
	b.attach(env)
	src := t.In(r.lang, b.cfg.DefaultLanguage)
	var out []byte
	var err error
	if inline {
		env.Citer = nil
		out, err = b.conv.ConvertInline(env, src)
	} else {
		out, err = b.conv.Convert(env, []byte(src))
	}
	if err != nil {
		local.Errorf(guidePath, 0, 0, "%v", err)
	}
	for _, p := range local.Sorted() {
		p.Path, p.Line, p.Col = guidePath, t.Line, t.Col
		p.Msg = what + " (" + r.lang + "): " + p.Msg
		b.problems.Add(p)
	}
	// The notes section goes to the end of the page, after the help.
	if i := bytes.Index(out, []byte(`<section class="notes"`)); i >= 0 {
		return template.HTML(out[:i]), template.HTML(out[i:])
	}
	return template.HTML(out), ""
}

func (r *guideRenderer) render(p guide.Page) {
	b := r.b
	g := b.guide.g
	lang := r.lang
	self := b.guideURL(p, lang)
	pages := g.Pages()
	view := &GuideView{First: b.url(b.guideURL(pages[0], lang))}
	// Your answers so far: each "change" link goes back to the page of
	// the question it answered.
	for i, s := range p.Steps {
		prefix := guide.Page{Steps: p.Steps[:i], Question: s.Question}
		view.Answers = append(view.Answers, GuideAnswer{Question: r.text(s.Question.Text), Answer: r.text(s.Answer.Text), Change: b.url(b.guideURL(prefix, lang))})
	}
	var title, desc string
	var scripts []string
	if q := p.Question; q != nil {
		view.Kind = "question"
		title = r.text(q.Text)
		if q.Hint.Has() {
			view.Hint, _ = r.markdown("question "+q.ID+": hint", q.Hint, true)
		}
		for _, t := range q.Terms {
			if e := r.term(t.S); e != nil {
				view.Terms = append(view.Terms, *e)
			}
		}
		for _, a := range q.Answers {
			next := guide.Page{Steps: append(append([]guide.Step(nil), p.Steps...), guide.Step{Question: q, Answer: a})}
			view.Options = append(view.Options, Link{Title: r.text(a.Text), URL: b.url(b.guideURL(next, lang))})
		}
	} else {
		o := p.Outcome
		view.Kind = "outcome"
		view.Pathway = o.Pathway.S
		title = r.text(o.Title)
		view.Outcome = r.outcome(o)
		if len(o.Calculators) > 0 && b.assets.calcUI != "" {
			scripts = append(scripts, b.assets.calcUI)
		}
	}
	layout := "" // the questionnaire's pages have their start page's layout
	if start := b.guideStart(lang); start != nil {
		desc, layout = start.Description, start.Layout
	}
	l, _ := b.cfg.Lang(lang)
	strs := b.theme.Strings(lang)
	d := &PageData{
		strs: strs, Lang: l, Layout: layout, SiteTitle: b.cfg.Title,
		Title: title, Description: desc, Canonical: b.abs(self), CSP: cspMeta, CSS: b.assets.css,
		HomeURL: b.url("/" + lang + "/"), Menu: b.menu(lang, self), Scripts: scripts,
		Alternates:  b.alternates(lang, func(code string) string { return b.guideURL(p, code) }),
		FooterLinks: b.footerLinks(lang), AsOf: b.cfg.AsOf, AsOfText: strs.Date(b.cfg.AsOf),
		Guide: view,
	}
	if def := b.guideURL(p, b.cfg.DefaultLanguage); def != "" {
		d.XDefault = b.abs(def)
	}
	if err := b.chrome(d); err != nil {
		b.problems.Errorf(b.theme.Dir+"/layouts/page.html", 0, 0, "%v", err)
		return
	}
	body, err := b.theme.Fragment("guide-"+view.Kind, d)
	if err != nil {
		b.problems.Errorf(b.theme.Dir+"/layouts/guide.html", 0, 0, "%v", err)
		return
	}
	d.Content = template.HTML(body)
	out, err := b.theme.Page(d)
	if err != nil {
		b.problems.Errorf(b.theme.Dir+"/layouts/page.html", 0, 0, "rendering %s: %v", self, err)
		return
	}
	b.put(strings.TrimPrefix(self, "/")+"index.html", out)
}

// term is a glossary entry shown under a question, with a link to the
// glossary page.
func (r *guideRenderer) term(id string) *GuideTerm {
	gl := r.b.data.glossary
	if gl == nil {
		return nil
	}
	for _, e := range gl.Entries() {
		if e.ID != id {
			continue
		}
		d, ok := e.ByLng[r.lang]
		if !ok {
			d = e.ByLng[r.b.cfg.DefaultLanguage]
		}
		_, href, _ := glossaryLinks{r.b.data}.Term(id, r.lang)
		summary := strings.ReplaceAll(r.b.theme.Strings(r.lang).T("guide_term"), "{term}", d.Term)
		return &GuideTerm{Summary: summary, Definition: d.Definition, URL: href}
	}
	return nil
}

// outcome renders an outcome's parts once per language.
func (r *guideRenderer) outcome(o *guide.Outcome) *GuideOutcome {
	if v := r.cache[o.ID]; v != nil {
		return v
	}
	b := r.b
	v := &GuideOutcome{}
	v.Text, v.Notes = r.markdown("outcome "+o.ID+": text", o.Text, false)
	blocks := &pageBlocks{d: b.data, b: b, dir: r.dir, count: map[string]int{}}
	for _, c := range o.Calculators {
		h, err := blocks.Block("calculator", c.S, r.lang)
		if err != nil {
			b.problems.Errorf(guidePath, c.Line, c.Col, "outcome %s: calculator %s: %v", o.ID, c.S, err)
			continue
		}
		v.Calculators = append(v.Calculators, template.HTML(h))
	}
	if key := o.Pathway.S; key != "" {
		if p := b.pageIn(key, r.lang); p != nil {
			v.Pathway = &Link{Title: p.Title, URL: b.url(p.URL)}
		}
		for _, ref := range b.leaflets(r.lang) {
			if ref.page != nil && ref.page.page.Key == key {
				v.Leaflet = &Link{Title: ref.page.page.Title, URL: b.url(ref.url)}
				v.Diagram = b.url(diagramPath(r.lang, ref.id))
			}
		}
	}
	for _, k := range o.Pages {
		if p := b.pageIn(k.S, r.lang); p != nil {
			v.Read = append(v.Read, Link{Title: p.Title, URL: b.url(p.URL)})
		}
	}
	for _, h := range o.Help {
		if e := b.guide.g.HelpEntry(h.S); e != nil {
			html, _ := r.markdown("help "+e.ID, e.Text, true)
			v.Help = append(v.Help, html)
		}
	}
	r.cache[o.ID] = v
	return v
}

// guideDiagram is the guide's diagram (a figure), for the open-data page;
// "" without a guide.
func (b *builder) guideDiagram(lang string) string {
	if b.guide == nil || b.guide.diagram == nil {
		return ""
	}
	l, _ := b.cfg.Lang(lang)
	fig, err := b.guide.diagram.Figure(guideID, lang, l.Dir, b.url(diagramPath(lang, guideID)))
	if err != nil {
		b.problems.Errorf(guidePath, 0, 0, "the guide's diagram: %v", err)
		return ""
	}
	return fig
}

// writeGuideFiles writes the guide's standalone diagrams.
func (b *builder) writeGuideFiles() {
	if b.guide == nil || b.guide.diagram == nil {
		return
	}
	for _, l := range b.cfg.Languages {
		svg, err := b.guide.diagram.SVG(guideID, l.Code, l.Dir, true)
		if err != nil {
			b.problems.Errorf(guidePath, 0, 0, "the guide's diagram: %v", err)
			continue
		}
		b.put(strings.TrimPrefix(diagramPath(l.Code, guideID), "/"), svg)
	}
}

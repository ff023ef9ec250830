package site

import (
	"io/fs"
	"sort"

	"github.com/cire-asbl/fabrique/internal/par"
	"github.com/cire-asbl/fabrique/internal/prose"
)

// checkProse runs the content checks on every page (front matter included:
// titles, descriptions and "in brief" items are prose too) and on the
// glossary: a figure held by the rule data typed by hand, and 8 words in a
// row copied from the protected analysis. Both are warnings at their line
// (errors under -strict, which CI runs), so an editor sees them in build,
// check and the serve overlay, not only in a Go test.
func (b *builder) checkProse() {
	var figs *prose.Figures
	if rs := b.data.rules; rs != nil {
		var ps []prose.Param
		for _, id := range rs.IDs() {
			p, _ := rs.Lookup(id)
			unit := prose.NormUnit(p.Unit)
			for _, v := range p.Values {
				if !v.End && unit != "" {
					ps = append(ps, prose.Param{Value: v.Number, Unit: unit, From: id})
				}
			}
		}
		figs = prose.NewFigures(ps, b.figureWords())
	}
	banned, allowed := prose.Protected()
	check := func(path string, text string, glossary bool) {
		for _, h := range figs.Typed(text) {
			fix := "write {rule:" + h.ID + "} instead, so a change of law changes one value in data/rules"
			if glossary {
				fix = "the glossary cannot hold {rule:…}: say it without the figure and let the pages give it"
			}
			b.problems.Warnf(path, h.Line, h.Col, "%q is a figure held by the rule data (%s): %s", h.Text, h.Param, fix)
		}
		for _, m := range prose.CopiedMarkdown(text, banned, allowed) {
			b.problems.Warnf(path, m.Line, 1, "8 words in a row from the CIRÉ analysis (\"%s\"): it is \"all rights reserved\"; say it in our own words", m.Words)
		}
	}
	// Every page, on every core: the copy check reads every word of the
	// site (a fifth of a large build's CPU), and problems are sorted when
	// printed, so the order they are found in does not matter.
	par.Each(len(b.pages), func(i int) { check(b.pages[i].Path, b.pages[i].Text(), false) })
	if src, err := fs.ReadFile(b.fsys, glossaryPath); err == nil {
		check(glossaryPath, string(src), true)
	}
}

// figureWords gathers every language's number and unit words from the
// theme's strings files.
func (b *builder) figureWords() *prose.FigureWords {
	w := &prose.FigureWords{}
	for _, lang := range b.cfg.Codes() {
		l := b.theme.I18n.Lang(lang)
		if l == nil {
			continue
		}
		w.AddNumbers(l.List("numbers.words"))
		for _, unit := range l.Units() {
			var forms []string
			for _, f := range l.Table("units." + unit) {
				forms = append(forms, f)
			}
			sort.Strings(forms)
			w.AddUnit(unit, forms...)
		}
	}
	return w
}

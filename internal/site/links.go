package site

// links.go: every internal link and #fragment checked against the pages
// and ids of the whole site, once every page is converted.

import (
	"strings"
)

// checkLinks verifies every internal link and #fragment against the pages
// and ids of the whole site, reporting each at the linking page's line:col.
func (b *builder) checkLinks() {
	ids := map[string]map[string]bool{} // url → ids
	for _, rp := range b.rendered {
		if rp == nil || rp.env == nil {
			continue
		}
		set := map[string]bool{}
		for _, id := range rp.env.IDs {
			set[id] = true
		}
		for _, id := range rp.layoutIDs {
			set[id] = true
		}
		ids[b.url(rp.page.URL)] = set
	}
	files := map[string]bool{} // generated files: what an image may show
	for _, extra := range b.extraURLs() {
		files[extra] = true
		if _, ok := ids[extra]; !ok {
			ids[extra] = nil
		}
	}
	for _, rp := range b.rendered {
		if rp == nil || rp.env == nil {
			continue
		}
		self := b.url(rp.page.URL)
		for _, l := range rp.env.LinksOut {
			target, frag, _ := strings.Cut(l.URL, "#")
			if target == "" {
				target = self
			}
			set, ok := ids[target]
			switch {
			case l.File && !files[target]:
				b.problems.Errorf(rp.page.Path, l.Line, l.Col, "image %s: the site has no such file", l.URL)
			case !ok:
				b.problems.Errorf(rp.page.Path, l.Line, l.Col, "link to %s: no page has this URL (link pages with ref:KEY)", l.URL)
			case frag != "" && !set[frag]:
				b.problems.Errorf(rp.page.Path, l.Line, l.Col, "link to %s: the page has no element with id %q", l.URL, frag)
			}
		}
	}
}

// extraURLs are generated files that pages may link to.
func (b *builder) extraURLs() []string {
	out := []string{b.url("/"), b.url("/data/rules.json")}
	if b.data.pathways != nil {
		for _, l := range b.cfg.Codes() {
			for _, id := range b.data.pathways.IDs() {
				out = append(out, b.url(diagramPath(l, id)))
			}
		}
	}
	if b.guide != nil {
		for _, l := range b.cfg.Codes() {
			out = append(out, b.url(diagramPath(l, guideID)))
		}
	}
	return out
}

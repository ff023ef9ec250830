package site

// resolve.go: what the build knows once every page is converted — which
// pages cite which source, which leaflets exist — computed once, in one
// step, then only read by the layouts, the leaflets, the sitemap and the
// service worker.

import (
	"sort"

	"github.com/cire-asbl/fabrique/internal/sources"
)

// index is the site once converted.
type index struct {
	// cited: language → source key → the pages of that language citing it,
	// in page order, each once.
	cited map[string]map[string][]sources.PageRef
	// leaflets: language → its leaflets, in the order of the pathway pages.
	leaflets map[string][]leafletRef
}

// resolve computes the index from the converted pages.
func (b *builder) resolve() {
	b.index = index{cited: map[string]map[string][]sources.PageRef{}, leaflets: map[string][]leafletRef{}}
	for _, l := range b.cfg.Codes() {
		b.index.cited[l] = b.citedOn(l)
		b.index.leaflets[l] = b.findLeaflets(l)
	}
}

// leaflets are the leaflets of lang (see resolve).
func (b *builder) leaflets(lang string) []leafletRef { return b.index.leaflets[lang] }

// citedOn gathers, for one language, which pages cite each source.
func (b *builder) citedOn(lang string) map[string][]sources.PageRef {
	out := map[string][]sources.PageRef{}
	var pages []*renderedPage
	for _, rp := range b.rendered {
		if rp != nil && rp.env != nil && rp.page.Lang == lang {
			pages = append(pages, rp)
		}
	}
	sort.SliceStable(pages, func(i, j int) bool {
		if pages[i].page.Weight != pages[j].page.Weight {
			return pages[i].page.Weight < pages[j].page.Weight
		}
		return pages[i].page.Path < pages[j].page.Path
	})
	for _, rp := range pages {
		seen := map[string]bool{}
		for _, c := range rp.env.Cited {
			if seen[c.Key] {
				continue
			}
			seen[c.Key] = true
			out[c.Key] = append(out[c.Key], sources.PageRef{Title: rp.page.Title, URL: b.url(rp.page.URL)})
		}
	}
	return out
}

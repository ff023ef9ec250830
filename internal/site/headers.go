package site

import (
	"sort"
	"strings"
)

// headers is the _headers file: the security headers for every path, and a
// year of caching for fingerprinted assets only — js/calculators.js keeps a
// stable name for other tools and must not be cached for a year. The search
// index is fingerprinted too (its manifest, named in the search page, and
// the chunks the manifest names), but its fragments are named by page
// number, which a rebuild may give to another page: a browser must ask
// again each time (no-cache: a 304 when nothing changed), or a result could
// show another page's title.
func (b *builder) headers() []byte {
	var h strings.Builder
	h.WriteString("/*\n  Content-Security-Policy: " + CSP + "\n  Referrer-Policy: no-referrer\n  X-Content-Type-Options: nosniff\n  Permissions-Policy: interest-cohort=(), browsing-topics=()\n")
	var names []string
	for name := range b.assets.files {
		if name != "js/calculators.js" {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	immutable := make([]string, len(names))
	for i, name := range names {
		immutable[i] = b.url("/" + name)
	}
	var revalidate []string
	if b.search != nil {
		for _, l := range b.cfg.Codes() {
			if m := b.search.manifest[l]; m != "" {
				immutable = append(immutable, m, b.url("/"+searchDir(l)+"c/*"))
				revalidate = append(revalidate, b.url("/"+searchDir(l)+"p/*"))
			}
		}
	}
	for _, u := range immutable {
		h.WriteString(u + "\n  Cache-Control: public, max-age=31536000, immutable\n")
	}
	for _, u := range revalidate {
		h.WriteString(u + "\n  Cache-Control: no-cache\n")
	}
	return []byte(h.String())
}

package site

import (
	"sort"
	"strings"
)

// headers is the _headers file: the security headers for every path, and a
// year of caching for fingerprinted assets only — js/calculators.js keeps a
// stable name for other tools and must not be cached for a year.
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
	for _, name := range names {
		h.WriteString(b.url("/"+name) + "\n  Cache-Control: public, max-age=31536000, immutable\n")
	}
	return []byte(h.String())
}

package site

import "github.com/cire-asbl/fabrique/internal/content"

// leafletsIndex is the generated part of a leaflets index page (layout:
// leaflets): the leaflets of the page's language, each with its PDF.
func leafletsIndex(b *builder, p *content.Page) string { return b.leafletsList(p) }

package site

import "github.com/cire-asbl/fabrique/internal/content"

// leafletsIndex lists the printable leaflets of a language (see leaflet.go
// once leaflets exist); until then the page shows its Markdown only.
func leafletsIndex(b *builder, p *content.Page) string { return "" }

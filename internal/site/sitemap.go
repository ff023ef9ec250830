package site

import (
	"bytes"
	"encoding/xml"
	"fmt"
)

// sitemap is sitemap.xml: every page and leaflet with its translations
// (hreflang) and the source-language version as x-default.
func (b *builder) sitemap() []byte {
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	buf.WriteString(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">` + "\n")
	langs := b.cfg.Languages
	locs := make([]string, len(langs)) // each language version's address, escaped once
	for _, e := range b.entries {
		for i, l := range langs {
			locs[i] = ""
			if p := e.ByLang[l.Code]; p != nil {
				locs[i] = xmlText(b.abs(p.URL))
			}
		}
		def := ""
		if e.Source != nil {
			def = xmlText(b.abs(e.Source.URL))
		}
		for _, loc := range locs {
			if loc == "" {
				continue
			}
			buf.WriteString("<url><loc>" + loc + "</loc>")
			for j, alt := range langs {
				if locs[j] != "" {
					buf.WriteString(`<xhtml:link rel="alternate" hreflang="` + alt.Code + `" href="` + locs[j] + `"/>`)
				}
			}
			if def != "" {
				buf.WriteString(`<xhtml:link rel="alternate" hreflang="x-default" href="` + def + `"/>`)
			}
			buf.WriteString("</url>\n")
		}
	}
	// Leaflets are pages too (print versions of the pathways), with the
	// same language alternates.
	byLang := map[string][]leafletRef{}
	for _, l := range b.cfg.Codes() {
		byLang[l] = b.leaflets(l)
	}
	for _, l := range b.cfg.Codes() {
		for _, ref := range byLang[l] {
			fmt.Fprintf(&buf, "<url><loc>%s</loc>", xmlText(b.abs(ref.url)))
			var def string
			for _, alt := range b.cfg.Codes() {
				for _, r := range byLang[alt] {
					if r.id == ref.id {
						fmt.Fprintf(&buf, `<xhtml:link rel="alternate" hreflang="%s" href="%s"/>`, alt, xmlText(b.abs(r.url)))
						if alt == b.cfg.DefaultLanguage {
							def = b.abs(r.url)
						}
					}
				}
			}
			if def != "" {
				fmt.Fprintf(&buf, `<xhtml:link rel="alternate" hreflang="x-default" href="%s"/>`, xmlText(def))
			}
			buf.WriteString("</url>\n")
		}
	}
	buf.WriteString("</urlset>\n")
	return buf.Bytes()
}

// xmlText escapes s for XML text and attribute values (encoding/xml's
// escaper: the sitemap's own format is not HTML).
func xmlText(s string) string {
	var e bytes.Buffer
	_ = xml.EscapeText(&e, []byte(s))
	return e.String()
}

package site

import (
	"bytes"
	"encoding/xml"
	"fmt"
)

// sitemap is sitemap.xml: every page and leaflet with its translations
// (hreflang) and the source-language version as x-default.
func (b *builder) sitemap() []byte {
	const (
		urlset = `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">` + "\n"
		alt1   = `<xhtml:link rel="alternate" hreflang="`
		alt2   = `" href="`
		alt3   = `"/>`
	)
	// Each page's language versions, escaped once; then the file's exact
	// size, so that a 30,000-page sitemap is written into one buffer instead
	// of doubling one (each new half of it is fresh memory to fault in, in
	// the build's serial tail).
	langs := b.cfg.Languages
	stride := len(langs) + 1 // each language's address, then x-default's
	locs := make([]string, len(b.entries)*stride)
	size := len(xml.Header) + len(urlset) + len("</urlset>\n")
	for k, e := range b.entries {
		row := locs[k*stride : (k+1)*stride]
		alts := 0 // the bytes of one <url>'s alternate links
		for i, l := range langs {
			if p := e.ByLang[l.Code]; p != nil {
				row[i] = xmlText(b.abs(p.URL))
				alts += len(alt1) + len(l.Code) + len(alt2) + len(row[i]) + len(alt3)
			}
		}
		if e.Source != nil {
			row[len(langs)] = xmlText(b.abs(e.Source.URL))
			alts += len(alt1) + len("x-default") + len(alt2) + len(row[len(langs)]) + len(alt3)
		}
		for _, loc := range row[:len(langs)] {
			if loc != "" {
				size += len("<url><loc>") + len(loc) + len("</loc>") + alts + len("</url>\n")
			}
		}
	}
	var buf bytes.Buffer
	buf.Grow(size + 4096) // and the leaflets'
	buf.WriteString(xml.Header)
	buf.WriteString(urlset)
	link := func(code, href string) {
		buf.WriteString(alt1)
		buf.WriteString(code)
		buf.WriteString(alt2)
		buf.WriteString(href)
		buf.WriteString(alt3)
	}
	for k := range b.entries {
		row := locs[k*stride : (k+1)*stride]
		for _, loc := range row[:len(langs)] {
			if loc == "" {
				continue
			}
			buf.WriteString("<url><loc>")
			buf.WriteString(loc)
			buf.WriteString("</loc>")
			for j, alt := range langs {
				if row[j] != "" {
					link(alt.Code, row[j])
				}
			}
			if def := row[len(langs)]; def != "" {
				link("x-default", def)
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
	// Most addresses are printable ASCII without a character XML escapes:
	// those are returned as they are, without three copies each.
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c > 0x7e || c == '"' || c == '\'' || c == '&' || c == '<' || c == '>' {
			return escapeXML(s)
		}
	}
	return s
}

// escapeXML is encoding/xml's escaper.
func escapeXML(s string) string {
	var e bytes.Buffer
	_ = xml.EscapeText(&e, []byte(s))
	return e.String()
}

package site

// write.go: the files written once per site, after every page: the
// chooser and 404 pages, robots.txt, _headers, sitemap.xml, the theme's
// assets, rules.json and the standalone diagrams.

import (
	"strings"

	"github.com/cire-asbl/fabrique/internal/pathway"
	"github.com/cire-asbl/fabrique/internal/rules"
)

func (b *builder) writeExtras() {
	b.writeChooser()
	b.put("robots.txt", []byte("User-agent: *\nAllow: /\nSitemap: "+b.abs("/sitemap.xml")+"\n"))
	b.put("_headers", b.headers())
	b.put("sitemap.xml", b.sitemap())
	for name, data := range b.assets.files {
		b.write(name, data, nil) // already minified (their names are fingerprints of these bytes)
	}
	b.writeData()
}

// writeData writes the data published as files: the guide's diagrams,
// rules.json, the pathways' standalone SVGs and their stylesheet.
func (b *builder) writeData() {
	d := b.data
	b.writeGuideFiles()
	if d.rules != nil {
		if js, err := rules.JSON(d.rules); err != nil {
			b.problems.Errorf(rulesDir, 0, 0, "rules.json: %v", err)
		} else {
			b.put("data/rules.json", js)
		}
	}
	// The standalone SVGs' stylesheet (pathways and the guide's diagram;
	// see pathway.StandaloneStylesheet).
	b.put("css/diagram-standalone.css", []byte(pathway.StandaloneCSS))
	if d.pathways != nil {
		for _, l := range b.cfg.Languages {
			for _, id := range d.pathways.IDs() {
				svg, err := d.pathways.SVG(id, l.Code, l.Dir, true)
				if err != nil {
					b.problems.Errorf(pathwaysDir+"/"+id+".yaml", 0, 0, "%v", err)
					continue
				}
				b.put(strings.TrimPrefix(diagramPath(l.Code, id), "/"), svg)
			}
		}
	}
}

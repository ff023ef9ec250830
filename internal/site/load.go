package site

// load.go: reading site.toml, the theme, content/ and data/, each loader
// reporting its problems.

import (
	"bytes"
	"io/fs"
	"net/url"
	"strings"

	"github.com/cire-asbl/fabrique/internal/config"
	"github.com/cire-asbl/fabrique/internal/content"
	"github.com/cire-asbl/fabrique/internal/diag"
	"github.com/cire-asbl/fabrique/internal/render"
)

// load reads site.toml, the theme, the pages and data/, and reports whether
// the build can go on (a site.toml, a base URL and data files that passed
// the guard).
func (b *builder) load() bool {
	cfg, ps := config.Load(b.fsys)
	b.problems.Merge(ps)
	if cfg == nil {
		return false
	}
	if b.opts.BaseURL != "" {
		cfg.BaseURL = b.opts.BaseURL
		if !strings.HasSuffix(cfg.BaseURL, "/") {
			cfg.BaseURL += "/"
		}
	}
	u, err := url.Parse(cfg.BaseURL)
	if err != nil || u.Scheme == "" || u.Host == "" {
		b.problems.Errorf("-base", 0, 0, "%q is not an absolute URL like https://example.org/", cfg.BaseURL)
		return false
	}
	b.checkBaseURL(u)
	b.cfg, b.baseURL, b.basePath = cfg, u, u.Path
	if b.basePath == "" {
		b.basePath = "/"
	}
	b.res.Config = cfg
	langs := cfg.Codes()

	theme, ps := render.Load(b.fsys, "themes/"+cfg.Theme, langs, cfg.DefaultLanguage)
	b.problems.Merge(ps)
	b.theme = theme
	if ps.Failed(false) {
		b.tplBroken.Store(true) // reported once above; pages would only repeat it
	}

	var parse content.ParseFunc
	if b.opts.Cache != nil {
		parse = b.opts.Cache.parse
	}
	pages, ps := content.LoadWith(b.fsys, langs, parse)
	b.problems.Merge(ps)
	b.pages = pages

	// Every data file passes the YAML guard before any loader decodes it:
	// one alias bomb would otherwise take the build's memory.
	if !guardData(b.fsys, b.problems) {
		return false
	}
	b.data = loadData(b.fsys, cfg, theme.I18n, b.problems)
	b.loadLeafletData()
	b.checkProse()
	b.loadGuide()

	return true
}

// checkBaseURL flags the placeholder address (example.org and the like,
// RFC 2606): pages work anywhere, but the sitemap, canonical links and the
// QR codes printed on leaflets would carry it.
func (b *builder) checkBaseURL(u *url.URL) {
	h := strings.ToLower(u.Hostname())
	placeholder := h == "localhost" || strings.HasSuffix(h, ".example") || strings.HasSuffix(h, ".invalid") || strings.HasSuffix(h, ".test")
	for _, d := range []string{"example.org", "example.com", "example.net"} {
		placeholder = placeholder || h == d || strings.HasSuffix(h, "."+d)
	}
	if !placeholder || (b.opts.BaseURL != "" && !b.opts.PDF) {
		return // a -base given on the command line is deliberate (previews, tests)
	}
	where, line, col := config.Path, 0, 0
	if src, err := fs.ReadFile(b.fsys, config.Path); err == nil {
		if i := bytes.Index(src, []byte("baseURL")); i >= 0 {
			line, col = diag.LineCol(src, i)
		}
	}
	if b.opts.BaseURL != "" {
		where, line, col = "-base", 0, 0
	}
	const msg = "baseURL %s is a placeholder: set the address the site is published at before publishing (the sitemap, canonical links and the QR codes on printed leaflets carry it)"
	if b.opts.PDF && b.opts.Strict {
		b.problems.Errorf(where, line, col, msg, u)
		return
	}
	b.problems.Notef(where, line, col, msg, u)
}

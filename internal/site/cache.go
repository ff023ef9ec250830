package site

import (
	"hash/maphash"
	"io/fs"
	"sort"
	"strings"
	"sync"

	"github.com/cire-asbl/fabrique/internal/content"
	"github.com/cire-asbl/fabrique/internal/diag"
	"github.com/cire-asbl/fabrique/internal/markdown"
)

// Cache lets successive builds of one site (the dev server) reuse the work
// whose inputs did not change: parsed pages, converted Markdown and
// rendered pages. Keys are hashes of every input the work reads,
// so a hit is exactly what a fresh build would produce. A Cache is used by
// one build at a time; the zero value is not usable, call NewCache.
type Cache struct {
	seed maphash.Seed

	mu        sync.Mutex
	parsed    map[uint64]*content.Page
	converted map[uint64]*convertedEntry
	rendered  map[uint64][]byte
	// used marks the keys this build read, so entries of deleted or
	// edited pages are dropped instead of piling up.
	used map[uint64]bool
}

// NewCache returns an empty cache.
func NewCache() *Cache {
	return &Cache{seed: maphash.MakeSeed(), parsed: map[uint64]*content.Page{},
		converted: map[uint64]*convertedEntry{}, rendered: map[uint64][]byte{}, used: map[uint64]bool{}}
}

type convertedEntry struct {
	html     []byte
	brief    [][]byte
	cited    []markdown.CiteRef
	ids      []string
	links    []markdown.Link
	embeds   []markdown.Embed
	problems []diag.Problem
}

func (c *Cache) hash(parts ...[]byte) uint64 {
	var h maphash.Hash
	h.SetSeed(c.seed)
	for _, p := range parts {
		h.Write(p)
		h.WriteByte(0)
	}
	return h.Sum64()
}

// lookup reads k from one of the cache's maps and marks it used.
func lookup[V any](c *Cache, m map[uint64]V, k uint64) (V, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	v, ok := m[k]
	if ok {
		c.used[k] = true
	}
	return v, ok
}

// store puts v under k in one of the cache's maps.
func store[V any](c *Cache, m map[uint64]V, k uint64, v V) {
	c.mu.Lock()
	m[k] = v
	c.used[k] = true
	c.mu.Unlock()
}

// parse returns a cached page for (path, lang, src) or parses it. Only pages
// that parsed without any problem are cached, so problems are always
// reported afresh.
func (c *Cache) parse(path, lang string, src []byte, problems *diag.List) *content.Page {
	k := c.hash([]byte(path), []byte(lang), src)
	if p, ok := lookup(c, c.parsed, k); ok {
		return p
	}
	local := &diag.List{}
	p := content.Parse(path, lang, src, local)
	problems.Merge(local)
	if e, w := local.Count(); e+w == 0 && p != nil {
		store(c, c.parsed, k, p)
	}
	return p
}

// sweep forgets entries this build did not use.
func (c *Cache) sweep() {
	c.mu.Lock()
	defer c.mu.Unlock()
	for k := range c.parsed {
		if !c.used[k] {
			delete(c.parsed, k)
		}
	}
	for k := range c.converted {
		if !c.used[k] {
			delete(c.converted, k)
		}
	}
	for k := range c.rendered {
		if !c.used[k] {
			delete(c.rendered, k)
		}
	}
	c.used = map[uint64]bool{}
}

// inputsKey hashes everything a page's conversion reads besides the page
// itself: site.toml, data/, the theme, the options, and the table of pages
// (keys, languages, URLs, layouts) that links, terms and fallbacks resolve
// against.
func (b *builder) inputsKey() uint64 {
	c := b.opts.Cache
	var parts [][]byte
	parts = append(parts, []byte(b.opts.BaseURL), []byte(b.cfg.BaseURL))
	for _, root := range []string{"site.toml", "data", "themes"} {
		var files []string
		_ = fs.WalkDir(b.fsys, root, func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				files = append(files, p)
			}
			return nil
		})
		sort.Strings(files)
		for _, f := range files {
			data, _ := fs.ReadFile(b.fsys, f)
			parts = append(parts, []byte(f), data)
		}
	}
	var table strings.Builder
	for _, p := range b.pages {
		// Only what conversion resolves against: a title or translation
		// status change shows in the layout, whose own key (renderKey)
		// covers it, so it must not invalidate every page's Markdown.
		table.WriteString(p.Lang + "\x00" + p.Key + "\x00" + p.URL + "\x00" + p.Layout + "\n")
	}
	parts = append(parts, []byte(table.String()))
	return c.hash(parts...)
}

// cachedConvert is convert with the cache: the key is the page's own bytes
// plus every other input (inputsKey).
func (b *builder) cachedConvert(p *content.Page) *renderedPage {
	c := b.opts.Cache
	k := c.hash([]byte(p.Path), p.Source, uint64Bytes(b.inputs))
	if e, ok := lookup(c, c.converted, k); ok {
		env := b.newEnv(p)
		env.Cited, env.IDs, env.LinksOut, env.Embeds = e.cited, e.ids, e.links, e.embeds
		b.problems.Add(e.problems...)
		return &renderedPage{page: p, env: env, html: e.html, brief: e.brief}
	}
	local := &diag.List{}
	rp := b.convertInto(p, local)
	b.problems.Merge(local)
	if rp.env != nil {
		e := &convertedEntry{html: rp.html, brief: rp.brief, cited: rp.env.Cited,
			ids: rp.env.IDs, links: rp.env.LinksOut, embeds: rp.env.Embeds, problems: local.Sorted()}
		store(c, c.converted, k, e)
	}
	return rp
}

// renderKey hashes every field of the layout's input, plus inputsKey (the
// theme is part of it). It writes the fields by hand: encoding/json here was
// a fifth of a rebuild. TestRenderKeyCoversPageData fails when PageData
// gains a field this does not hash.
func (b *builder) renderKey(d *PageData) uint64 {
	var h maphash.Hash
	h.SetSeed(b.opts.Cache.seed)
	str := func(ss ...string) {
		for _, s := range ss {
			h.WriteString(s)
			h.WriteByte(0)
		}
	}
	links := func(ls []Link) {
		for _, l := range ls {
			str(l.Title, l.URL)
			if l.Current {
				h.WriteByte(1)
			}
		}
		h.WriteByte(2)
	}
	h.Write(uint64Bytes(b.inputs))
	str(d.Lang.Code, d.Lang.Name, d.Lang.Dir, d.Layout, d.SiteTitle, d.Title, d.Description, d.Canonical,
		d.XDefault, d.CSP, d.CSS, string(d.JSONLD), d.HomeURL, d.Notice, d.SourceURL, d.SourceLang,
		string(d.Content), string(d.Extra), d.AsOf, d.AsOfText, string(d.MenuHTML), string(d.FooterHTML), string(d.AlternateLinks), d.SearchURL)
	str(d.Scripts...)
	h.WriteByte(2)
	// reader.go's additions (most derive from Content and data/, already
	// hashed; the PDF link depends on Options.PDF).
	str(string(d.Notes))
	if d.Leaflet != nil {
		str(d.Leaflet.URL, d.Leaflet.PDF)
	}
	links(d.OnThisPage)
	h.WriteByte(byte(boolInt(d.Pathway)))
	if d.Help != nil {
		for _, c := range d.Help.Contacts {
			str(c.ID, c.Name, c.About, c.Phone, c.PhoneText, c.Email, c.Web, c.Address, c.Hours, c.VerifiedURL, c.VerifiedLabel, c.VerifiedText)
		}
	}
	h.WriteByte(2)
	for _, a := range d.Alternates {
		str(a.Lang.Code, a.Lang.Name, a.Lang.Dir, a.URL, a.Abs, string(a.Unavailable))
		h.WriteByte(byte(boolInt(a.Available) | boolInt(a.Current)<<1))
	}
	h.WriteByte(2)
	links(d.Menu)
	links(d.Breadcrumbs)
	links(d.FooterLinks)
	for _, p := range []*Link{d.Prev, d.Next} {
		if p != nil {
			links([]Link{*p})
		} else {
			h.WriteByte(3)
		}
	}
	if g := d.Guide; g != nil {
		str(g.Kind, g.Pathway, g.First)
	} else {
		h.WriteByte(3)
	}
	if d.GuideLink != nil {
		links([]Link{*d.GuideLink})
	} else {
		h.WriteByte(3)
	}
	for _, br := range d.Brief {
		str(string(br))
	}
	return h.Sum64()
}

// renderKeyFields is how many fields renderKey hashes (see its test).
const renderKeyFields = 37

func boolInt(v bool) int {
	if v {
		return 1
	}
	return 0
}

func uint64Bytes(v uint64) []byte {
	out := make([]byte, 8)
	for i := range out {
		out[i] = byte(v >> (8 * i))
	}
	return out
}

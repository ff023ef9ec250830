package site

import (
	"bytes"
	"html"
	"html/template"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/cire-asbl/fabrique/internal/content"
	"github.com/cire-asbl/fabrique/internal/render"
	"github.com/cire-asbl/fabrique/internal/search"
)

// Search: every page of a language is turned into plain text (searchDoc)
// as soon as its Markdown is converted; its words go into the language's
// index (search.Indexer), and its fragment file is written as soon as it
// has all its pages. Once every page is
// converted, buildSearch writes each language's index, and the
// search page (the layout playing the search role in theme.toml, rendered
// last) points at it.

// searchState is the build's search index in progress.
type searchState struct {
	ids      map[*content.Page]int      // doc id within its language
	index    map[string]*search.Indexer // by language
	manifest map[string]string          // language → URL of the manifest
	inline   map[string]template.JS     // language → the manifest itself, for the search page
	mu       sync.Mutex
}

// searchDir is the output folder of lang's index.
func searchDir(lang string) string { return "search/" + lang + "/" }

// indexed reports whether p is found by search (the search page is not).
func (b *builder) indexed(p *content.Page) bool { return !b.theme.Plays(p.Layout, render.RoleSearch) }

// prepareSearch numbers each language's pages (in build order, so ids are
// deterministic) and starts each language's index with its synonyms and
// stopwords (data/search/{lang}.yaml).
func (b *builder) prepareSearch() {
	s := &searchState{ids: map[*content.Page]int{}, index: map[string]*search.Indexer{}, manifest: map[string]string{}, inline: map[string]template.JS{}}
	n := map[string]int{}
	for _, p := range b.pages {
		if b.indexed(p) {
			s.ids[p] = n[p.Lang]
			n[p.Lang]++
		}
	}
	for _, l := range b.cfg.Codes() {
		data, ps := search.LoadData(b.fsys, l)
		b.problems.Merge(ps)
		s.index[l] = search.NewIndexer(search.Options{Lang: l, Synonyms: data.Synonyms, Stopwords: data.Stopwords, Docs: n[l]})
	}
	b.search = s
}

// indexPage adds one converted page to its language's index and writes the
// fragment file it completes.
func (b *builder) indexPage(rp *renderedPage) {
	if b.search == nil || rp.html == nil || !b.indexed(rp.page) {
		return
	}
	id, ok := b.search.ids[rp.page]
	x := b.search.index[rp.page.Lang]
	if !ok || x == nil {
		return
	}
	if name, file := x.Add(id, b.searchDoc(rp)); name != "" {
		b.write(searchDir(rp.page.Lang)+name, file, nil) // compact already (encoding/json)
	}
}

// searchDoc is a page as plain text: sections cut at headings with an id.
func (b *builder) searchDoc(rp *renderedPage) search.Doc {
	p := rp.page
	d := search.Doc{
		URL: b.url(p.URL), Title: p.Title, Description: p.Description,
	}
	for _, h := range rp.brief {
		d.Brief = append(d.Brief, htmlText(string(h)))
	}
	if rp.env != nil && b.data.pathways != nil {
		if ids := rp.env.Embedded("diagram"); len(ids) > 0 {
			d.Pathway = b.data.pathways.Title(ids[0], p.Lang)
		}
	}
	glossURL := ""
	if u := b.data.glossaryURL[p.Lang]; u != "" {
		glossURL = u + "#"
	}
	var terms []string
	d.Sections, terms = splitSections(rp.body(), glossURL)
	if gl := b.data.glossary; gl != nil {
		seen := map[string]bool{}
		for _, id := range terms {
			if seen[id] {
				continue
			}
			seen[id] = true
			for _, e := range gl.Entries() {
				if e.ID == id {
					def := e.ByLng[p.Lang]
					d.Terms = append(d.Terms, def.Term, def.Abbr)
					d.Definitions = append(d.Definitions, def.Definition)
				}
			}
		}
		if b.theme.Plays(p.Layout, render.RoleGlossary) {
			// The glossary page's entries are generated: each is a section.
			for _, e := range gl.Entries() {
				def := e.ByLng[p.Lang]
				d.Sections = append(d.Sections, search.Section{Anchor: e.ID, Heading: strings.TrimSpace(def.Term + " " + def.Abbr), Text: def.Definition})
			}
		}
	}
	return d
}

// skipped elements hold no searchable prose: note numbers, drawings, form
// controls, the notes list (sources, not the page's words).
var skipped = map[string]bool{"sup": true, "svg": true, "form": true, "script": true, "style": true, "template": true}

// inline elements sit inside a run of text.
var inline = map[string]bool{"a": true, "abbr": true, "b": true, "bdi": true, "bdo": true, "cite": true, "code": true, "data": true, "dfn": true, "em": true, "i": true, "kbd": true, "mark": true, "q": true, "s": true, "small": true, "span": true, "strong": true, "sub": true, "time": true, "u": true, "var": true}

// splitSections turns converted Markdown into sections (a new one at each
// h2–h4 with an id) and lists the glossary ids its links point to.
func splitSections(h, glossURL string) ([]search.Section, []string) {
	var secs []search.Section
	// One buffer for the text of every section, each read as a slice of it
	// when it ends (a new builder per section grew by doubling, and that was
	// a fiftieth of a large build's time).
	var text strings.Builder
	text.Grow(len(h))
	start := 0 // where the current section's text begins
	cur := search.Section{}
	var heading strings.Builder
	inHeading := ""
	skipTag, skipDepth := "", 0
	var terms []string
	flush := func() {
		all := text.String()
		cur.Text = collapseSpace(html.UnescapeString(all[start:]))
		if cur.Anchor != "" || cur.Text != "" {
			secs = append(secs, cur)
		}
		start = len(all)
	}
	for len(h) > 0 {
		lt := strings.IndexByte(h, '<')
		if lt < 0 {
			lt = len(h)
		}
		if skipDepth == 0 && lt > 0 {
			if inHeading != "" {
				heading.WriteString(h[:lt])
			} else {
				text.WriteString(h[:lt])
			}
		}
		h = h[lt:]
		if h == "" {
			break
		}
		gt := strings.IndexByte(h, '>')
		if gt < 0 {
			break
		}
		tag := h[1:gt]
		h = h[gt+1:]
		closing := strings.HasPrefix(tag, "/")
		name := tagName(tag)
		attrs := tag
		if skipDepth > 0 {
			if name == skipTag {
				if closing {
					skipDepth--
				} else if !strings.HasSuffix(tag, "/") {
					skipDepth++
				}
			}
			continue
		}
		if !closing && (skipped[name] || name == "section" && strings.Contains(attrs, `class="notes"`)) {
			skipTag, skipDepth = name, 1
			continue
		}
		if !closing && name == "a" && glossURL != "" {
			if href := attr(attrs, "href"); strings.HasPrefix(href, glossURL) {
				terms = append(terms, strings.TrimPrefix(href, glossURL))
			}
		}
		isHeading := len(name) == 2 && name[0] == 'h' && name[1] >= '2' && name[1] <= '4'
		switch {
		case isHeading && !closing:
			if id := attr(attrs, "id"); id != "" {
				flush()
				cur = search.Section{Anchor: id}
				heading.Reset()
				inHeading = name
				continue
			}
		case isHeading && closing && name == inHeading:
			cur.Heading = collapseSpace(html.UnescapeString(heading.String()))
			inHeading = ""
			continue
		}
		// Block ends separate words; inline tags do not ("<em>l</em>'office").
		if !inline[name] {
			text.WriteByte(' ')
		}
	}
	flush()
	return secs, terms
}

// collapseSpace turns each run of breaking white space into one space and
// trims the ends (strings.Join(strings.FieldsFunc(s, breakingSpace), " "),
// in one pass and one allocation: every section of every page goes through
// it). No-break spaces stay: French typography puts U+202F before ":" and
// "?", and a result's snippet must not break a line there.
func collapseSpace(s string) string {
	var b strings.Builder // its String does not copy
	b.Grow(len(s))
	space := false
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if asciiSpace(c) {
				space = b.Len() > 0
				i++
				continue
			}
			// A run of ASCII that is not white space is copied at once
			// (byte by byte, this loop was a seventieth of a large build).
			j := i + 1
			for j < len(s) && s[j] < utf8.RuneSelf && !asciiSpace(s[j]) {
				j++
			}
			if space {
				b.WriteByte(' ')
				space = false
			}
			b.WriteString(s[i:j])
			i = j
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if breakingSpace(r) {
			space = b.Len() > 0
		} else {
			if space {
				b.WriteByte(' ')
				space = false
			}
			b.WriteString(s[i : i+n]) // the bytes as they are, even invalid ones
		}
		i += n
	}
	return b.String()
}

// asciiSpace is the ASCII white space of unicode.IsSpace.
func asciiSpace(c byte) bool { return c == ' ' || '\t' <= c && c <= '\r' }

// breakingSpace is white space a line may break at: unicode.IsSpace but
// the no-break spaces (U+00A0, U+2007 figure space, U+202F narrow).
func breakingSpace(r rune) bool {
	return unicode.IsSpace(r) && r != '\u00a0' && r != '\u2007' && r != '\u202f'
}

// tagName is the lower-cased element name of what is between < and >
// ("/P" → "p", "br/" → "br"). Our own renderer writes lower case, so the
// common case allocates nothing.
func tagName(tag string) string {
	tag = strings.TrimPrefix(tag, "/")
	end := strings.IndexFunc(tag, unicode.IsSpace)
	if end < 0 {
		end = len(tag)
	}
	name := strings.TrimSuffix(tag[:end], "/")
	for i := 0; i < len(name); i++ {
		if c := name[i]; 'A' <= c && c <= 'Z' || c >= utf8.RuneSelf {
			return strings.ToLower(name)
		}
	}
	return name
}

// attr is the value of a double-quoted attribute in a start tag.
func attr(tag, name string) string {
	i := strings.Index(tag, " "+name+`="`)
	if i < 0 {
		return ""
	}
	v := tag[i+len(name)+3:]
	if j := strings.IndexByte(v, '"'); j >= 0 {
		return html.UnescapeString(v[:j])
	}
	return ""
}

// htmlText is the text of an HTML fragment.
func htmlText(h string) string {
	secs, _ := splitSections(h, "")
	var parts []string
	for _, s := range secs {
		parts = append(parts, s.Heading, s.Text)
	}
	return strings.Join(strings.Fields(strings.Join(parts, " ")), " ")
}

// buildSearch merges each language's pages into its index and writes it.
func (b *builder) buildSearch() {
	if b.search == nil {
		return
	}
	langs := b.cfg.Codes()
	var wg sync.WaitGroup
	for _, l := range langs {
		wg.Add(1)
		go func(l string) {
			defer wg.Done()
			ix := b.search.index[l].Index()
			for _, w := range ix.Warnings {
				b.problems.Warnf(search.DataDir+"/"+l+".yaml", 0, 0, "%s", w)
			}
			names := make([]string, 0, len(ix.Files))
			for name := range ix.Files {
				names = append(names, name)
			}
			sort.Strings(names)
			for _, name := range names {
				b.write(searchDir(l)+name, ix.Files[name], nil) // compact already (encoding/json)
			}
			b.search.mu.Lock()
			b.search.manifest[l] = b.url("/" + searchDir(l) + ix.Manifest)
			// JSON with no "<" (escaped, though a word cannot hold one) is
			// safe as the text of a <script type="application/json">.
			b.search.inline[l] = template.JS(bytes.ReplaceAll(ix.Files[ix.Manifest], []byte("<"), []byte(`\u003c`)))
			b.search.mu.Unlock()
		}(l)
	}
	wg.Wait()
}

// SearchView is what the layout's "search-page" template sees: the form,
// the index to query, the words of the interface and the A–Z list.
type SearchView struct {
	*PageData
	Action     string      // the search page's own URL
	Index      string      // URL of the manifest
	Manifest   template.JS // the manifest itself, so a query need not wait for it (JSON)
	GuideURL   string      // the guided questionnaire, if the site has one
	GuideTitle string
	AZ         []AZItem
}

// AZItem is one page in the A–Z list.
type AZItem struct {
	Title, URL, Description string
}

// searchURL is lang's search page, "" when it has none.
func (b *builder) searchURL(lang string) string {
	if p := b.roles.page(render.RoleSearch, lang); p != nil {
		return b.url(p.URL)
	}
	return ""
}

// searchView is the search page's view (layouts/search.html).
func (b *builder) searchView(d *PageData, p *content.Page) *SearchView {
	v := &SearchView{PageData: d, Action: b.url(p.URL)}
	if b.search != nil {
		b.search.mu.Lock()
		v.Index = b.search.manifest[p.Lang]
		v.Manifest = b.search.inline[p.Lang]
		b.search.mu.Unlock()
	}
	if g := b.roles.page(render.RoleGuide, p.Lang); g != nil {
		v.GuideURL, v.GuideTitle = b.url(g.URL), g.Title
	}
	var ps []*content.Page
	for _, q := range b.pages {
		if q.Lang == p.Lang && b.indexed(q) {
			ps = append(ps, q)
		}
	}
	less := b.data.collator(p.Lang)
	sort.SliceStable(ps, func(i, j int) bool { return less(ps[i].Title, ps[j].Title) })
	for _, q := range ps {
		v.AZ = append(v.AZ, AZItem{Title: q.Title, URL: b.url(q.URL), Description: q.Description})
	}
	return v
}

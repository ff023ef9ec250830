package search

import (
	"bytes"
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// analyzed is one page's words with their weights per section: one
// posting per (stem, section), the page's distinct stems, and its surface
// forms.
type analyzed struct {
	postings []stemPosting
	stems    []string
	forms    []string     // folded surface word, its stem, …
	stats    []*stemStats // Add's, for stems
}

type stemPosting struct {
	stem int // index in stems
	sec  int
	w    float64 // weight.value()
}

var stemPools sync.Map // lang → *sync.Pool of *stemmer

func getStemmer(lang string) (*stemmer, func()) {
	v, _ := stemPools.LoadOrStore(lang, &sync.Pool{New: func() any { return newStemmer(lang) }})
	p := v.(*sync.Pool)
	s := p.Get().(*stemmer)
	if len(s.words) > 50000 { // a real vocabulary is bounded; this bounds a pathological one
		*s = *newStemmer(lang)
	}
	return s, func() { p.Put(s) }
}

// analyze splits a page into weighted stems per section. Section 0 is the
// top of the page: the title, description, in-brief items, glossary terms,
// pathway and the text before the first heading. The result is the
// stemmer's scratch, reused from page to page (a new one for each was a
// tenth of a large build's allocation): it is the caller's until it calls
// done.
func analyze(lang string, d Doc) (a *analyzed, done func()) {
	st, done := getStemmer(lang)
	// Sections come in order (0 for the fields, then 0, 1, 2…), so a stem
	// only ever adds to its latest entry or starts a new one: st.latest,
	// indexed by the stem's id, finds it without a map or a sort. Two
	// surface forms of one stem ("travail", "travaux") share its entry.
	st.page++
	entries := st.entries[:0] // the stemmer's, reused: analyze copies out what it keeps
	a = &st.scratch
	a.postings, a.stems, a.forms = a.postings[:0], a.stems[:0], a.forms[:0]
	add := func(sec int, text string, w float64) {
		eachWord(text, func(wd string) {
			for _, fs := range st.analyze(wd) {
				if st.formSeen[fs.form] != st.page {
					st.formSeen[fs.form] = st.page
					a.forms = append(a.forms, fs.text, fs.stemText)
				}
				l := &st.latest[fs.stem]
				if l.page != st.page {
					*l = latest{page: st.page, entry: -1, stem: len(a.stems)}
					a.stems = append(a.stems, fs.stemText)
				}
				if l.entry < 0 || entries[l.entry].sec != sec {
					l.entry = len(entries)
					entries = append(entries, entry{stem: l.stem, sec: sec})
				}
				x := &entries[l.entry].weight
				if w == wBody {
					x.body++
				} else {
					x.fields += w
				}
			}
		})
	}
	add(0, d.Title, wTitle)
	add(0, d.Description, wDesc)
	for _, b := range d.Brief {
		add(0, b, wBrief)
	}
	for _, t := range d.Terms {
		add(0, t, wTerm)
	}
	add(0, d.Pathway, wTerm)
	for _, def := range d.Definitions {
		add(0, def, wDefinition)
	}
	for i, s := range sectionsOf(d) {
		add(i, s.Heading, wHeading)
		add(i, s.Text, wBody)
	}
	for _, e := range entries {
		a.postings = append(a.postings, stemPosting{e.stem, e.sec, e.weight.value()})
	}
	st.entries = entries[:0]
	return a, done
}

// entry is a stem's raw weight in one section of the page being analyzed.
type entry struct {
	stem   int // index in analyzed.stems
	sec    int
	weight weight
}

// formStem is one token of a raw word: its folded form and its stem, each
// as text and as the stemmer's own id (an index into formSeen, latest).
type formStem struct {
	text, stemText string
	form, stem     int
}

// latest is where a stem last went on the page being analyzed.
type latest struct {
	page  int // st.page when it was set: older means "not on this page"
	entry int
	stem  int // index in analyzed.stems
}

// analyze returns the tokens of one raw word (a run of letters, numbers
// and marks) with their stems, remembered per stemmer: a site's vocabulary
// is small next to its word count, so each distinct word is folded,
// split and stemmed once.
func (s *stemmer) analyze(wd string) []formStem {
	if fs, ok := s.words[wd]; ok {
		return fs
	}
	lower := strings.ToLower(wd)
	whole := Fold(lower)
	var out []formStem
	for _, t := range Tokens(Fold(wd)) {
		stem := t
		if t == whole {
			stem = s.stem(lower)
		}
		// A form's slot is this word's own: two words may fold to one form
		// and stem differently ("oublié" → oubli, "oublie" → oubl), and
		// each pair goes to Add, which chooses.
		s.formSeen = append(s.formSeen, 0)
		id, ok := s.stemIDs[stem]
		if !ok {
			id = len(s.latest)
			s.stemIDs[stem] = id
			s.latest = append(s.latest, latest{})
		}
		out = append(out, formStem{t, stem, len(s.formSeen) - 1, id})
	}
	s.words[strings.Clone(wd)] = out // wd points into the page's text
	return out
}

// sectionsOf returns the page's sections with the top of the page first
// (an empty one when the page starts with a heading).
func sectionsOf(d Doc) []Section {
	if len(d.Sections) > 0 && d.Sections[0].Anchor == "" {
		return d.Sections
	}
	return append([]Section{{}}, d.Sections...)
}

// isWordRune reports whether r belongs to a raw word: a letter, a number or
// a combining mark (so a decomposed "é" stays inside its word).
func isWordRune(r rune) bool { return isWord(r) || unicode.Is(unicode.Mn, r) }

// words splits raw text into words (see isWordRune).
func words(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return !isWordRune(r) })
}

// eachWord calls f with each word of s, as words splits them, without
// building the list: Analyze sees every word of the site.
func eachWord(s string, f func(string)) {
	start := -1
	for i, r := range s {
		if r < utf8.RuneSelf {
			if 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' {
				if start < 0 {
					start = i
				}
				continue
			}
		} else if isWordRune(r) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			f(s[start:i])
			start = -1
		}
	}
	if start >= 0 {
		f(s[start:])
	}
}

// Fragment is the file the browser fetches to show one result: title, URL,
// pathway and each section's text, for the snippet and the anchor.
func Fragment(d Doc) []byte {
	secs := sectionsOf(d)
	s := make([][3]string, len(secs))
	for i, sec := range secs {
		s[i] = [3]string{sec.Anchor, sec.Heading, sec.Text}
	}
	if s[0][2] == "" {
		s[0][2] = d.Description
	}
	// An Encoder into a buffer of about the right size: json.Marshal grew
	// its own by doubling and then copied it out (a fiftieth of a large
	// build's time). The bytes are Marshal's, plus the newline Encode ends
	// with.
	n := len(d.Title) + len(d.URL) + len(d.Pathway) + 32
	for _, sec := range s {
		n += len(sec[0]) + len(sec[1]) + len(sec[2]) + 12
	}
	var buf bytes.Buffer
	buf.Grow(n + n/16)
	_ = json.NewEncoder(&buf).Encode(struct {
		T string      `json:"t"`
		U string      `json:"u"`
		P string      `json:"p,omitempty"`
		S [][3]string `json:"s"`
	}{d.Title, d.URL, d.Pathway, s})
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
}

// fragmentFile is the name of the n-th fragment file, under the language's
// folder.
func fragmentFile(n int) string { return "p/" + strconv.Itoa(n) + ".json" }

// groupFile joins a fragment file's pages into one JSON array; a page that
// never came (its conversion failed) is null.
func groupFile(frags [][]byte) []byte {
	n := 1
	for _, f := range frags {
		n += len(f) + 1
	}
	out := make([]byte, 0, n+4*len(frags))
	out = append(out, '[')
	for i, f := range frags {
		if i > 0 {
			out = append(out, ',')
		}
		if f == nil {
			f = []byte("null")
		}
		out = append(out, f...)
	}
	return append(out, ']')
}

// Index is one language's built index.
type Index struct {
	Files    map[string][]byte // name under the language's folder → bytes
	Manifest string            // the manifest's name among Files
	Words    int               // distinct words (surface forms)
	Stems    int
	Chunks   int
	Warnings []string
}

// weight is a stem's raw weight in one section: the sum of the field
// weights of its mentions outside the body, and its count in the body.
type weight struct{ fields, body float64 }

// value saturates the body count (the tenth mention is not worth ten) and
// keeps the fields' weights whole: a title word outweighs any body.
func (w *weight) value() float64 {
	v := w.fields
	if w.body > 0 {
		v += 1 + math.Log(w.body)
	}
	return v
}

type posting struct {
	doc, sec int
	w        float64
}

// Indexer builds one language's index as its pages come: Add analyzes a
// page and merges it at once, so nothing of a page is kept but its share
// of the index (at 10,000 pages a language, keeping every page's analysis
// until the end held most of the build's memory). Add is safe for
// concurrent use; Index writes the files once every page is added.
type Indexer struct {
	opts  Options
	mu    sync.Mutex
	docs  int
	forms map[string]string // folded surface word → stem
	stems map[string]*stemStats
	// pending holds the fragments of the files still waiting for a page.
	pending map[int]*fragmentGroup
}

// stemStats is what the index keeps of one stem as pages are added.
type stemStats struct {
	df   int       // pages
	post []posting // its heaviest sections (keepHeaviest)
}

type fragmentGroup struct {
	frags [][]byte
	left  int
}

// shorter reports whether stem a is to be preferred to b for one surface
// form: two words may fold to one form and stem differently ("oublié" →
// oubli, "oublie" → oubl); the shorter stem finds more, and the choice
// must not depend on the order pages come in.
func shorter(a, b string) bool {
	if len(a) != len(b) {
		return len(a) < len(b)
	}
	return a < b
}

// NewIndexer starts a language's index.
func NewIndexer(opts Options) *Indexer {
	if opts.ChunkBytes <= 0 {
		opts.ChunkBytes = 24 << 10
	}
	if opts.MaxPostings <= 0 {
		opts.MaxPostings = 400
	}
	if opts.FragmentFiles <= 0 {
		opts.FragmentFiles = 1000
	}
	return &Indexer{opts: opts, forms: map[string]string{}, stems: map[string]*stemStats{}, pending: map[int]*fragmentGroup{}}
}

// Add indexes doc id (ids are 0, 1, 2… within the language: fragment file
// names and the index refer to pages by them). When the page completes a
// fragment file, Add returns it (its name under the language's folder and
// its bytes) for the caller to write at once; the files still waiting for
// a page are written by Index.
func (x *Indexer) Add(id int, d Doc) (name string, file []byte) {
	a, done := analyze(x.opts.Lang, d)
	defer done()
	frag := Fragment(d)
	x.mu.Lock()
	defer x.mu.Unlock()
	g := x.opts.group()
	if n, ok := x.fragment(id/g, id%g, g, frag); ok {
		name, file = fragmentFile(id/g), n
	}
	x.docs++
	for i := 0; i < len(a.forms); i += 2 {
		if f, ok := x.forms[a.forms[i]]; !ok || shorter(a.forms[i+1], f) {
			x.forms[a.forms[i]] = a.forms[i+1]
		}
	}
	// Each of the page's stems is looked up once; its postings then go
	// straight to its stats.
	stats := a.stats[:0]
	for _, stem := range a.stems {
		s := x.stems[stem]
		if s == nil {
			s = &stemStats{}
			x.stems[stem] = s
		}
		s.df++
		stats = append(stats, s)
	}
	a.stats = stats
	for _, p := range a.postings {
		s := stats[p.stem]
		s.post = keepHeaviest(s.post, posting{id, p.sec, p.w}, x.opts.MaxPostings)
	}
	return name, file
}

// fragment files page i of fragment file n (of g pages); once the file has
// all its pages, it is returned and forgotten.
func (x *Indexer) fragment(n, i, g int, frag []byte) ([]byte, bool) {
	if g == 1 {
		return groupFile([][]byte{frag}), true
	}
	f := x.pending[n]
	if f == nil {
		size := min(g, x.opts.Docs-n*g)
		if size <= i {
			size = i + 1 // an id past Docs: the file ends with it
		}
		f = &fragmentGroup{frags: make([][]byte, size), left: size}
		x.pending[n] = f
	}
	if i >= len(f.frags) || f.frags[i] != nil {
		return nil, false // the same id twice: the first stays
	}
	f.frags[i] = frag
	if f.left--; f.left > 0 {
		return nil, false
	}
	delete(x.pending, n)
	return groupFile(f.frags), true
}

// Index merges what was added into the index files.
func (x *Indexer) Index() *Index {
	x.mu.Lock()
	defer x.mu.Unlock()
	opts := x.opts
	post := make(map[string][]posting, len(x.stems))
	df := make(map[string]int, len(x.stems))
	for stem, s := range x.stems {
		post[stem], df[stem] = s.post, s.df
	}
	ix := &Index{Files: map[string][]byte{}}
	for n, f := range x.pending {
		ix.Files[fragmentFile(n)] = groupFile(f.frags)
	}
	clear(x.pending)
	if !HasStemmer(opts.Lang) {
		ix.Warnings = append(ix.Warnings, fmt.Sprintf("search: no stemmer for language %q: its pages are indexed without stemming (exact words, typos and prefixes still match)", opts.Lang))
	}
	stop := map[string]bool{}
	for _, w := range opts.Stopwords {
		for _, t := range Normalize(w) {
			stop[t] = true
		}
	}
	forms := x.forms
	for f := range stop {
		delete(forms, f)
	}
	n := float64(x.docs)
	for stem, ps := range post {
		idf := math.Log(1 + (n-float64(df[stem])+0.5)/(float64(df[stem])+0.5))
		for i := range ps {
			ps[i].w *= idf
		}
	}
	applySynonyms(opts, post, forms, stop)

	// Quantize and cap.
	lists := map[string][]int{} // stem → flat [doc, sec, w]…, doc ascending
	for stem, ps := range post {
		slices.SortFunc(ps, func(x, y posting) int {
			if x.w != y.w {
				return cmp.Compare(y.w, x.w)
			}
			if x.doc != y.doc {
				return x.doc - y.doc
			}
			return x.sec - y.sec
		})
		if len(ps) > opts.MaxPostings {
			ps = ps[:opts.MaxPostings]
		}
		slices.SortFunc(ps, func(x, y posting) int {
			if x.doc != y.doc {
				return x.doc - y.doc
			}
			return x.sec - y.sec
		})
		flat := make([]int, 0, 3*len(ps))
		for _, p := range ps {
			q := int(math.Round(p.w * 10))
			if q < 1 {
				q = 1
			}
			flat = append(flat, p.doc, p.sec, q)
		}
		lists[stem] = flat
	}
	var all []string
	for f, s := range forms {
		if lists[s] != nil {
			all = append(all, f)
		}
	}
	sort.Strings(all)
	ix.Words, ix.Stems = len(all), len(lists)

	cb := &chunker{forms: forms, lists: lists, target: opts.ChunkBytes, keys: map[string]string{}, files: ix.Files}
	cb.split("", 0, all)
	ix.Chunks = len(cb.keys)

	var stops []string
	for s := range stop {
		stops = append(stops, s)
	}
	sort.Strings(stops)
	manifest, _ := json.Marshal(struct {
		V     int               `json:"v"`
		Lang  string            `json:"lang"`
		Docs  int               `json:"n"`
		Keys  map[string]string `json:"k"`
		Stop  []string          `json:"s"`
		Depth int               `json:"d"`
		Group int               `json:"g"`
	}{1, opts.Lang, x.docs, cb.keys, stops, cb.depth, opts.group()})
	ix.Manifest = "index." + hash(manifest) + ".json"
	ix.Files[ix.Manifest] = manifest
	return ix
}

// keepHeaviest adds p to l, a list of at most max postings: once full, l
// is a heap whose root is its lightest posting (the one sorted last: least
// weight, then latest doc and section), and p takes the root's place if it
// is heavier. The order being total, the same postings are kept whatever
// order they come in. The weights are compared before idf, which
// multiplies all of a stem's by one positive number and so keeps their
// order.
func keepHeaviest(l []posting, p posting, max int) []posting {
	if len(l) < max {
		l = append(l, p)
		if len(l) == max {
			for i := len(l)/2 - 1; i >= 0; i-- {
				siftDown(l, i)
			}
		}
		return l
	}
	if len(l) == 0 || !lighter(l[0], p) {
		return l
	}
	l[0] = p
	siftDown(l, 0)
	return l
}

// lighter reports whether a sorts after b in the index's order of weight.
func lighter(a, b posting) bool {
	if a.w != b.w {
		return a.w < b.w
	}
	if a.doc != b.doc {
		return a.doc > b.doc
	}
	return a.sec > b.sec
}

func siftDown(h []posting, i int) {
	for {
		m, l, r := i, 2*i+1, 2*i+2
		if l < len(h) && lighter(h[l], h[m]) {
			m = l
		}
		if r < len(h) && lighter(h[r], h[m]) {
			m = r
		}
		if m == i {
			return
		}
		h[i], h[m] = h[m], h[i]
		i = m
	}
}

// applySynonyms makes every single-word member of a group find what any
// member finds (a phrase member is found where all its words are in one
// section), at wSynonym of the weight.
func applySynonyms(opts Options, post map[string][]posting, forms map[string]string, stop map[string]bool) {
	st := newStemmer(opts.Lang)
	type key struct{ doc, sec int }
	for _, group := range opts.Synonyms {
		found := map[key]float64{}
		var singles []string
		for _, member := range group {
			var stems []string
			for _, wd := range words(member) {
				f := Fold(wd)
				if stop[f] {
					continue
				}
				stems = append(stems, st.stem(strings.ToLower(wd)))
			}
			if len(stems) == 0 {
				continue
			}
			if len(stems) == 1 {
				singles = append(singles, stems[0])
				for _, t := range Normalize(member) {
					if _, ok := forms[t]; !ok {
						forms[t] = stems[0]
					}
				}
			}
			// Sections holding every word of the member, at the weakest.
			var inter map[key]float64
			for _, s := range stems {
				m := map[key]float64{}
				for _, p := range post[s] {
					k := key{p.doc, p.sec}
					if inter == nil || inter[k] > 0 {
						w := p.w
						if inter != nil && inter[k] < w {
							w = inter[k]
						}
						m[k] = w
					}
				}
				inter = m
			}
			for k, w := range inter {
				if w > found[k] {
					found[k] = w
				}
			}
		}
		for _, s := range singles {
			own := map[key]int{}
			for i, p := range post[s] {
				own[key{p.doc, p.sec}] = i
			}
			var keys []key
			for k := range found {
				keys = append(keys, k)
			}
			sort.Slice(keys, func(i, j int) bool {
				if keys[i].doc != keys[j].doc {
					return keys[i].doc < keys[j].doc
				}
				return keys[i].sec < keys[j].sec
			})
			for _, k := range keys {
				w := found[k] * wSynonym
				if i, ok := own[k]; ok {
					if w > post[s][i].w {
						post[s][i].w = w
					}
					continue
				}
				post[s] = append(post[s], posting{k.doc, k.sec, w})
			}
		}
	}
}

// chunker splits the sorted vocabulary by prefix until each chunk is about
// target bytes.
type chunker struct {
	forms  map[string]string
	lists  map[string][]int
	target int
	keys   map[string]string // prefix → file
	files  map[string][]byte
	depth  int
}

const maxDepth = 6

func (c *chunker) size(ws []string) int {
	n := 0
	seen := map[string]bool{}
	for _, w := range ws {
		n += len(w) + 8
		s := c.forms[w]
		if !seen[s] {
			seen[s] = true
			n += 7 * len(c.lists[s]) / 3 // about 7 bytes a posting once written
		}
	}
	return n
}

func (c *chunker) split(prefix string, depth int, ws []string) {
	if len(ws) == 0 {
		return
	}
	if depth > c.depth {
		c.depth = depth
	}
	if depth >= maxDepth || c.size(ws) <= c.target {
		c.emit(prefix, ws)
		return
	}
	var own []string
	groups := map[string][]string{}
	var order []string
	for _, w := range ws {
		p, ok := runePrefix(w, depth+1)
		if !ok {
			own = append(own, w)
			continue
		}
		if groups[p] == nil {
			order = append(order, p)
		}
		groups[p] = append(groups[p], w)
	}
	c.emit(prefix, own)
	for _, p := range order {
		c.split(p, depth+1, groups[p])
	}
}

// runePrefix is the first n runes of w; false if w is shorter.
func runePrefix(w string, n int) (string, bool) {
	i := 0
	for k := 0; k < n; k++ {
		if i >= len(w) {
			return "", false
		}
		_, size := utf8.DecodeRuneInString(w[i:])
		i += size
	}
	return w[:i], true
}

func (c *chunker) emit(prefix string, ws []string) {
	if len(ws) == 0 {
		return
	}
	idx := map[string]int{}
	var buf bytes.Buffer
	buf.WriteString(`{"w":[`)
	var stems []string
	for i, w := range ws {
		s := c.forms[w]
		j, ok := idx[s]
		if !ok {
			j = len(stems)
			idx[s] = j
			stems = append(stems, s)
		}
		if i > 0 {
			buf.WriteByte(',')
		}
		q, _ := json.Marshal(w)
		buf.Write(q)
		buf.WriteByte(',')
		buf.WriteString(strconv.Itoa(j))
	}
	buf.WriteString(`],"p":[`)
	for i, s := range stems {
		if i > 0 {
			buf.WriteByte(',')
		}
		buf.WriteByte('[')
		prev := 0
		l := c.lists[s]
		for k := 0; k < len(l); k += 3 {
			if k > 0 {
				buf.WriteByte(',')
			}
			buf.WriteString(strconv.Itoa(l[k] - prev))
			buf.WriteByte(',')
			buf.WriteString(strconv.Itoa(l[k+1]))
			buf.WriteByte(',')
			buf.WriteString(strconv.Itoa(l[k+2]))
			prev = l[k]
		}
		buf.WriteByte(']')
	}
	buf.WriteString(`],"s":[`)
	for i, s := range stems {
		if i > 0 {
			buf.WriteByte(',')
		}
		q, _ := json.Marshal(s)
		buf.Write(q)
	}
	buf.WriteString("]}")
	name := "c/" + hash(buf.Bytes()) + ".json"
	c.files[name] = buf.Bytes()
	c.keys[prefix] = name
}

func hash(b []byte) string {
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:5])
}

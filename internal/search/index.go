package search

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// Analyzed is one page's words with their raw weights per section, ready
// for Build. Analyze runs in parallel, page by page; Build merges.
type Analyzed struct {
	terms map[string]map[int]*weight // stem → section → weight
	forms map[string]string          // folded surface word → stem
}

var stemPools sync.Map // lang → *sync.Pool of *stemmer

func getStemmer(lang string) (*stemmer, func()) {
	v, _ := stemPools.LoadOrStore(lang, &sync.Pool{New: func() any { return newStemmer(lang) }})
	p := v.(*sync.Pool)
	s := p.Get().(*stemmer)
	if len(s.cache) > 50000 { // the bench's vocabulary is small; a real one is bounded too
		s.cache = map[string]string{}
	}
	return s, func() { p.Put(s) }
}

// Analyze splits a page into weighted stems per section. Section 0 is the
// top of the page: the title, description, in-brief items, glossary terms,
// pathway and the text before the first heading.
func Analyze(lang string, d Doc) *Analyzed {
	st, done := getStemmer(lang)
	defer done()
	a := &Analyzed{terms: map[string]map[int]*weight{}, forms: map[string]string{}}
	add := func(sec int, text string, w float64) {
		for _, wd := range words(text) {
			lower := strings.ToLower(wd)
			for _, t := range Tokens(Fold(wd)) {
				stem := t
				if t == Fold(lower) {
					stem = st.stem(lower)
				}
				a.forms[t] = stem
				m := a.terms[stem]
				if m == nil {
					m = map[int]*weight{}
					a.terms[stem] = m
				}
				x := m[sec]
				if x == nil {
					x = &weight{}
					m[sec] = x
				}
				if w == wBody {
					x.body++
				} else {
					x.fields += w
				}
			}
		}
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
	return a
}

// sectionsOf returns the page's sections with the top of the page first
// (an empty one when the page starts with a heading).
func sectionsOf(d Doc) []Section {
	if len(d.Sections) > 0 && d.Sections[0].Anchor == "" {
		return d.Sections
	}
	return append([]Section{{}}, d.Sections...)
}

// words splits raw text into words: runs of letters, numbers and combining
// marks (so a decomposed "é" stays inside its word).
func words(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return !isWord(r) && !unicode.Is(unicode.Mn, r) })
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
	out, _ := json.Marshal(struct {
		T string      `json:"t"`
		U string      `json:"u"`
		P string      `json:"p,omitempty"`
		S [][3]string `json:"s"`
	}{d.Title, d.URL, d.Pathway, s})
	return out
}

// FragmentName is the file name of doc id's fragment, under the language's
// folder.
func FragmentName(id int) string { return "p/" + strconv.Itoa(id) + ".json" }

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

// Build merges the analyzed pages of one language (docs[i] is doc id i)
// into the index files.
func Build(docs []*Analyzed, opts Options) *Index {
	if opts.ChunkBytes <= 0 {
		opts.ChunkBytes = 24 << 10
	}
	if opts.MaxPostings <= 0 {
		opts.MaxPostings = 400
	}
	ix := &Index{Files: map[string][]byte{}}
	if !HasStemmer(opts.Lang) {
		ix.Warnings = append(ix.Warnings, fmt.Sprintf("search: no stemmer for language %q: its pages are indexed without stemming (exact words, typos and prefixes still match)", opts.Lang))
	}
	stop := map[string]bool{}
	for _, w := range opts.Stopwords {
		for _, t := range Normalize(w) {
			stop[t] = true
		}
	}
	// Merge: stem → postings; surface → stem.
	post := map[string][]posting{}
	forms := map[string]string{}
	df := map[string]int{}
	for id, a := range docs {
		if a == nil {
			continue
		}
		for f, s := range a.forms {
			if !stop[f] {
				forms[f] = s
			}
		}
		for stem, secs := range a.terms {
			df[stem]++
			for sec, w := range secs {
				post[stem] = append(post[stem], posting{id, sec, w.value()})
			}
		}
	}
	for f := range stop {
		delete(forms, f)
	}
	n := float64(len(docs))
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
		sort.Slice(ps, func(i, j int) bool {
			if ps[i].w != ps[j].w {
				return ps[i].w > ps[j].w
			}
			if ps[i].doc != ps[j].doc {
				return ps[i].doc < ps[j].doc
			}
			return ps[i].sec < ps[j].sec
		})
		if len(ps) > opts.MaxPostings {
			ps = ps[:opts.MaxPostings]
		}
		sort.Slice(ps, func(i, j int) bool {
			if ps[i].doc != ps[j].doc {
				return ps[i].doc < ps[j].doc
			}
			return ps[i].sec < ps[j].sec
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
	}{1, opts.Lang, len(docs), cb.keys, stops, cb.depth})
	ix.Manifest = "index." + hash(manifest) + ".json"
	ix.Files[ix.Manifest] = manifest
	return ix
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

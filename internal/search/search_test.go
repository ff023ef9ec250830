package search

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestFold(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"Permis EXPIRÉ", "permis expire"},
		{"Œuvre, cœur", "oeuvre, coeur"},
		{"Straße", "strasse"},
		{"e\u0301te\u0301", "ete"}, // decomposed accents
		{"Ça déjà où", "ca deja ou"},
		{"Wallonië, één", "wallonie, een"},
		{"Ørsted Łódź", "orsted lodz"},
		{"أحمد إبراهيم", "احمد ابراهيم"},
		{"عـــمل", "عمل"},      // tatweel
		{"مَدْرَسَة", "مدرسه"}, // short vowels, ta marbuta
		{"日本語", "日本語"},         // outside the table: unchanged
		{"ΑΘΗΝΑ", "αθηνα"},
	} {
		if got := Fold(c.in); got != c.want {
			t.Errorf("Fold(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestNormalize(t *testing.T) {
	for _, c := range []struct {
		in   string
		want []string
	}{
		{"l'office des Étrangers", []string{"l", "office", "des", "etrangers"}},
		{"l’Office", []string{"l", "office"}},
		{"sans-papiers", []string{"sans", "papiers"}},
		{"28/02/2026", []string{"28", "02", "2026"}},
		{"  ?! ", nil},
		{"Hoe lang duurt de beslissing?", []string{"hoe", "lang", "duurt", "de", "beslissing"}},
	} {
		if got := Normalize(c.in); !reflect.DeepEqual(got, c.want) {
			t.Errorf("Normalize(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func FuzzNormalize(f *testing.F) {
	for _, s := range []string{"Permis expiré", "e\u0301", "l'OFFICE", "أحمد", "\xff\xfe", "Œ ß İ ǅ", "2026-02-28"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		toks := Normalize(s)
		for _, tok := range toks {
			if tok == "" || !utf8.ValidString(tok) {
				t.Fatalf("Normalize(%q): bad token %q", s, tok)
			}
			for _, r := range tok {
				if !isWord(r) {
					t.Fatalf("Normalize(%q): token %q holds %U, not a letter or number", s, tok, r)
				}
			}
		}
		// A normalised query normalises to itself: the browser may get
		// either.
		if again := Normalize(strings.Join(toks, " ")); !reflect.DeepEqual(again, toks) {
			t.Fatalf("Normalize not idempotent on %q: %q then %q", s, toks, again)
		}
	})
}

// fixtureDocs is a tiny English site.
func fixtureDocs() []Doc {
	return []Doc{
		{URL: "/en/renewal/", Title: "Renewing the single permit", Description: "Before the permit expires.",
			Sections: []Section{{Anchor: "in-time", Heading: "In time", Text: "Your employer must apply for the renewal two months before expiry."}}},
		{URL: "/en/asylum/", Title: "Asylum and work", Pathway: "Asylum pathway",
			Sections: []Section{{Text: "You asked for protection."}, {Anchor: "wait", Heading: "Waiting", Text: "After four months you may work with an authorisation."}}},
		{URL: "/en/glossary/", Title: "Glossary",
			Sections: []Section{{Anchor: "undocumented", Heading: "undocumented", Text: "A person without a residence permit."}}},
	}
}

func build(t *testing.T, lang string, docs []Doc, opts Options) *Index {
	t.Helper()
	opts.Lang = lang
	var order []int
	// In reverse, as a parallel build may add them: the index must not
	// depend on the order.
	for i := len(docs) - 1; i >= 0; i-- {
		order = append(order, i)
	}
	return indexIn(t, NewIndexer(opts), docs, order)
}

// indexIn adds docs in the given order and returns the index with the
// fragment files Add handed back among its files, as the build writes them.
func indexIn(t *testing.T, x *Indexer, docs []Doc, order []int) *Index {
	t.Helper()
	files := map[string][]byte{}
	for _, i := range order {
		if name, f := x.Add(i, docs[i]); name != "" {
			if files[name] != nil {
				t.Errorf("%s handed back twice", name)
			}
			files[name] = f
		}
	}
	ix := x.Index()
	for name, f := range files {
		if ix.Files[name] != nil {
			t.Errorf("%s handed back by Add and written by Index", name)
		}
		ix.Files[name] = f
	}
	return ix
}

// chunk is a decoded chunk file.
type chunk struct {
	W []json.RawMessage `json:"w"`
	P [][]int           `json:"p"`
	S []string          `json:"s"`
}

type manifest struct {
	K map[string]string `json:"k"`
	D int               `json:"d"`
}

// lookup finds word the way the browser does: the chunk of the longest key
// that starts the word, then the word in it. It returns the docs of its list.
func lookup(t *testing.T, ix *Index, word string) (docs []int, list string, ok bool) {
	t.Helper()
	var m manifest
	if err := json.Unmarshal(ix.Files[ix.Manifest], &m); err != nil {
		t.Fatal(err)
	}
	best := ""
	found := false
	for k := range m.K {
		if strings.HasPrefix(word, k) && (!found || len(k) > len(best)) {
			best, found = k, true
		}
	}
	if !found {
		return nil, "", false
	}
	var c chunk
	if err := json.Unmarshal(ix.Files[m.K[best]], &c); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < len(c.W); i += 2 {
		var w string
		var li int
		json.Unmarshal(c.W[i], &w)
		json.Unmarshal(c.W[i+1], &li)
		if w != word {
			continue
		}
		doc := 0
		for k := 0; k < len(c.P[li]); k += 3 {
			doc += c.P[li][k]
			docs = append(docs, doc)
		}
		return docs, c.S[li], true
	}
	return nil, "", false
}

func TestStemming(t *testing.T) {
	docs := []Doc{
		{Title: "Renouvellement du permis", Sections: []Section{{Text: "L'employeur doit renouveler à temps."}}},
		{Title: "Premier permis", Sections: []Section{{Text: "Une première demande."}}},
	}
	ix := build(t, "fr", docs, Options{})
	_, s1, ok1 := lookup(t, ix, "renouvellement")
	_, s2, ok2 := lookup(t, ix, "renouveler")
	if !ok1 || !ok2 || s1 != s2 {
		t.Errorf("renouvellement → %q (%v), renouveler → %q (%v): want one stem", s1, ok1, s2, ok2)
	}
	if _, s, ok := lookup(t, ix, "premiere"); !ok || s != "premi" && s != "premier" {
		t.Errorf("première: folded form not indexed or odd stem %q", s)
	}
	if len(ix.Warnings) != 0 {
		t.Errorf("fr has a stemmer, got warnings %q", ix.Warnings)
	}
	// Dutch and English stem too; a language without a stemmer warns and
	// keeps words whole.
	nl := build(t, "nl", []Doc{{Title: "De vergunning verlengen", Sections: []Section{{Text: "verlenging en verlengingen"}}}}, Options{})
	if _, a, _ := lookup(t, nl, "verlenging"); a == "" || a == "verlenging" && !HasStemmer("nl") {
		t.Errorf("nl: verlenging not stemmed (%q)", a)
	}
	xx := build(t, "xx", []Doc{{Title: "running runs"}}, Options{})
	if len(xx.Warnings) != 1 || !strings.Contains(xx.Warnings[0], `"xx"`) {
		t.Errorf("unknown language: warnings %q, want one naming xx", xx.Warnings)
	}
	if _, a, _ := lookup(t, xx, "running"); a != "running" {
		t.Errorf("unknown language: running → stem %q, want the word itself", a)
	}
	for _, l := range []string{"fr", "nl", "en", "de", "es", "ar"} {
		if !HasStemmer(l) {
			t.Errorf("no stemmer for %s", l)
		}
	}
}

func TestFieldWeightsAndSynonyms(t *testing.T) {
	ix := build(t, "en", fixtureDocs(), Options{Synonyms: [][]string{{"permit", "authorisation"}, {"papers", "residence permit"}}, Stopwords: []string{"the", "a"}})
	weights := func(word string) map[int]int {
		var m manifest
		json.Unmarshal(ix.Files[ix.Manifest], &m)
		out := map[int]int{}
		for k, name := range m.K {
			if !strings.HasPrefix(word, k) {
				continue
			}
			var c chunk
			json.Unmarshal(ix.Files[name], &c)
			for i := 0; i < len(c.W); i += 2 {
				var w string
				var li int
				json.Unmarshal(c.W[i], &w)
				json.Unmarshal(c.W[i+1], &li)
				if w == word {
					doc := 0
					for k := 0; k < len(c.P[li]); k += 3 {
						doc += c.P[li][k]
						if c.P[li][k+2] > out[doc] {
							out[doc] = c.P[li][k+2]
						}
					}
				}
			}
		}
		return out
	}
	p := weights("permit")
	if !(p[0] > p[2] && p[2] > 0) {
		t.Errorf("permit: title of doc 0 must outweigh body of doc 2: %v", p)
	}
	if a := weights("authorisation"); a[0] == 0 || a[1] == 0 {
		t.Errorf("authorisation must find doc 0 (synonym permit) and doc 1 (its own word): %v", a)
	}
	if pp := weights("papers"); pp[2] == 0 {
		t.Errorf("papers must find doc 2 through the phrase \"residence permit\": %v", pp)
	}
	if w := weights("the"); len(w) != 0 {
		t.Errorf("stopword indexed: %v", w)
	}
	h := weights("waiting")
	if h[1] == 0 {
		t.Errorf("heading word not indexed: %v", h)
	}
}

func TestChunking(t *testing.T) {
	var docs []Doc
	for i := 0; i < 60; i++ {
		var words []string
		for j := 0; j < 40; j++ {
			words = append(words, "w"+strconv.Itoa((i*7+j*13)%500)+"x"+string(rune('a'+j%26)))
		}
		docs = append(docs, Doc{URL: "/p/" + strconv.Itoa(i) + "/", Title: "page " + strconv.Itoa(i), Sections: []Section{{Text: strings.Join(words, " ")}}})
	}
	opts := Options{ChunkBytes: 2 << 10, MaxPostings: 8}
	ix := build(t, "en", docs, opts)
	if ix.Chunks < 4 {
		t.Fatalf("%d chunks for %d words at 2 KiB: the index was not split", ix.Chunks, ix.Words)
	}
	for name, b := range ix.Files {
		if strings.HasPrefix(name, "c/") && len(b) > 4*opts.ChunkBytes {
			t.Errorf("%s: %d bytes, target %d", name, len(b), opts.ChunkBytes)
		}
	}
	// Every word is where the browser looks for it, with at most
	// MaxPostings sections.
	for _, d := range docs {
		for _, w := range Normalize(d.Sections[0].Text) {
			docs, _, ok := lookup(t, ix, w)
			if !ok {
				t.Fatalf("%q not found in its chunk", w)
			}
			if len(docs) > opts.MaxPostings {
				t.Fatalf("%q: %d postings, cap %d", w, len(docs), opts.MaxPostings)
			}
		}
	}
	// Deterministic: the same docs give the same files.
	again := build(t, "en", docs, opts)
	if !reflect.DeepEqual(again.Files, ix.Files) {
		t.Error("two builds of the same docs differ")
	}
}

// On a site with more pages than FragmentFiles, consecutive pages share a
// fragment file, handed back by the Add that completes it; a file still
// missing a page is written by Index, the page's place null.
func TestFragmentFiles(t *testing.T) {
	var docs []Doc
	for i := range 10 {
		docs = append(docs, Doc{URL: "/p/" + strconv.Itoa(i) + "/", Title: "page " + strconv.Itoa(i), Sections: []Section{{Text: "word"}}})
	}
	x := NewIndexer(Options{Lang: "en", Docs: 10, FragmentFiles: 3}) // 4 pages a file: 0–3, 4–7, 8–9
	handed := map[int]string{}
	for _, i := range []int{9, 0, 8, 1, 2, 4, 3, 6, 7} { // 5 never comes
		if name, f := x.Add(i, docs[i]); name != "" {
			handed[i] = name
			var got []*struct{ U string }
			if err := json.Unmarshal(f, &got); err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			for j, g := range got {
				if g == nil || g.U != docs[i/4*4+j].URL {
					t.Errorf("%s[%d] = %+v, want page %d", name, j, g, i/4*4+j)
				}
			}
		}
	}
	if want := map[int]string{8: "p/2.json", 3: "p/0.json"}; !reflect.DeepEqual(handed, want) {
		t.Errorf("files handed back at pages %v, want %v", handed, want)
	}
	ix := x.Index()
	var m struct{ G int }
	json.Unmarshal(ix.Files[ix.Manifest], &m)
	if m.G != 4 {
		t.Errorf("manifest g = %d, want 4", m.G)
	}
	var rest []*struct{ U string }
	if err := json.Unmarshal(ix.Files["p/1.json"], &rest); err != nil {
		t.Fatalf("p/1.json: %v (%q)", err, ix.Files["p/1.json"])
	}
	if len(rest) != 4 || rest[1] != nil || rest[0] == nil || rest[0].U != "/p/4/" || rest[3] == nil || rest[3].U != "/p/7/" {
		t.Errorf("p/1.json = %s, want pages 4, null, 6, 7", ix.Files["p/1.json"])
	}
	for name := range ix.Files {
		if strings.HasPrefix(name, "p/") && name != "p/1.json" {
			t.Errorf("Index wrote %s, already handed back", name)
		}
	}
	// Up to FragmentFiles pages, one page a file.
	ix = build(t, "en", docs, Options{Docs: 10, FragmentFiles: 10})
	for i := range 10 {
		if f := ix.Files["p/"+strconv.Itoa(i)+".json"]; !bytes.HasPrefix(f, []byte(`[{"t":"page `+strconv.Itoa(i)+`"`)) {
			t.Errorf("p/%d.json = %.40s…", i, f)
		}
	}
}

// TestFragmentJS: search.js finds each page's fragment, alone in its file
// or sharing it.
func TestFragmentJS(t *testing.T) {
	docs := fixtureDocs()
	for _, files := range []int{len(docs), 2} {
		dir := t.TempDir()
		ix := build(t, "en", docs, Options{Docs: len(docs), FragmentFiles: files})
		for name, b := range ix.Files {
			p := filepath.Join(dir, "ix", filepath.FromSlash(name))
			os.MkdirAll(filepath.Dir(p), 0o755)
			os.WriteFile(p, b, 0o644)
		}
		out := node(t, dir, `import { fragment } from "./search.js";
import fs from "fs";
const m = JSON.parse(fs.readFileSync("ix/`+ix.Manifest+`"));
const load = async (n) => JSON.parse(fs.readFileSync("ix/" + n));
const urls = [];
for (let d = 0; d < m.n; d++) urls.push((await fragment(m, d, load)).u);
console.log(JSON.stringify(urls));`)
		var got []string
		if err := json.Unmarshal(bytes.TrimSpace(out), &got); err != nil {
			t.Fatalf("%v: %s", err, out)
		}
		for i, d := range docs {
			if i >= len(got) || got[i] != d.URL {
				t.Errorf("%d fragment files: page %d's fragment has %q, want %q", files, i, got, d.URL)
			}
		}
	}
}

func TestFragment(t *testing.T) {
	var f struct {
		T, U, P string
		S       [][3]string
	}
	if err := json.Unmarshal(Fragment(fixtureDocs()[1]), &f); err != nil {
		t.Fatal(err)
	}
	if f.T != "Asylum and work" || f.P != "Asylum pathway" || len(f.S) != 2 || f.S[1][0] != "wait" {
		t.Errorf("fragment = %+v", f)
	}
	// A page that starts with a heading gets an empty top section, so
	// section numbers match the index's.
	if err := json.Unmarshal(Fragment(fixtureDocs()[0]), &f); err != nil {
		t.Fatal(err)
	}
	if len(f.S) != 2 || f.S[0][0] != "" || f.S[1][0] != "in-time" {
		t.Errorf("fragment sections = %q", f.S)
	}
}

// node runs a script under Node with the generated normaliser and the
// theme's search.js beside it; skipped without node (fatal with CI=true).
func node(t *testing.T, dir, script string) []byte {
	t.Helper()
	exe, err := exec.LookPath("node")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("node not found (CI=true)")
		}
		t.Skip("node not found")
	}
	ui, err := os.ReadFile("../../themes/default/assets/js/search.js")
	if err != nil {
		t.Fatal(err)
	}
	for name, b := range map[string][]byte{"search-normalize.js": FoldJS(), "search.js": ui, "t.mjs": []byte(script)} {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	os.WriteFile(filepath.Join(dir, "package.json"), []byte(`{"type":"module"}`), 0o644)
	cmd := exec.Command(exe, "t.mjs")
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("node: %v\n%s", err, out)
	}
	return out
}

// TestFoldJS: the generated browser normaliser gives exactly Go's tokens,
// for every code point of the fold table and for real queries.
func TestFoldJS(t *testing.T) {
	inputs := []string{"Permis EXPIRÉ", "l’Office des étrangers", "sans-papiers", "e\u0301te\u0301", "Œuvre straße", "أحمد إبراهيم عـــمل", "日本語 ΑΘΗΝΑ", "28/02/2026", "İstanbul ǅ"}
	var all strings.Builder
	for _, rg := range foldRanges {
		for r := rg[0]; r <= rg[1]; r++ {
			all.WriteString("a")
			all.WriteRune(r)
			all.WriteString("b ")
		}
	}
	inputs = append(inputs, all.String())
	var want [][]string
	for _, s := range inputs {
		toks := Normalize(s)
		if toks == nil {
			toks = []string{}
		}
		want = append(want, toks)
	}
	in, _ := json.Marshal(inputs)
	out := node(t, t.TempDir(), `import { normalize } from "./search-normalize.js";
const inputs = `+string(in)+`;
console.log(JSON.stringify(inputs.map(normalize)));`)
	var got [][]string
	if err := json.Unmarshal(bytes.TrimSpace(out), &got); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	for i := range want {
		if !reflect.DeepEqual(got[i], want[i]) {
			a, b := strings.Join(got[i], " "), strings.Join(want[i], " ")
			for j := 0; j < len(a) && j < len(b); j++ {
				if a[j] != b[j] {
					a, b = a[max(0, j-20):min(len(a), j+20)], b[max(0, j-20):min(len(b), j+20)]
					break
				}
			}
			t.Errorf("input %d: JS %q, Go %q", i, a, b)
		}
	}
}

// TestQueryJS runs the browser's query code (search.js) under Node on a
// fixture index: typo tolerance, prefixes, unseen forms, synonyms,
// stopwords, field weights and anchors.
func TestQueryJS(t *testing.T) {
	dir := t.TempDir()
	ix := build(t, "en", fixtureDocs(), Options{Synonyms: [][]string{{"permit", "authorisation"}}, Stopwords: []string{"the", "a", "my"}, ChunkBytes: 300})
	for name, b := range ix.Files {
		p := filepath.Join(dir, "ix", filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cases := []struct {
		q    string
		want []int // expected docs, best first (a prefix of the result)
		sec  int   // expected section of the first hit (-1: any)
		none bool  // nothing must be found
		also []int // also found, anywhere
	}{
		{q: "renewing", want: []int{0}, sec: -1},
		{q: "renewl", want: []int{0}, sec: -1},                      // one typo, 6 letters
		{q: "employr", want: []int{0}, sec: 1},                      // one typo, found in section 1
		{q: "athorisatin", want: []int{0}, also: []int{1}, sec: -1}, // two typos, 11 letters; doc 0 through the synonym (title)
		{q: "renewals", want: []int{0}, sec: -1},                    // a form the site never uses: its stem
		{q: "permit", want: []int{0}, also: []int{2}, sec: -1},      // title before body
		{q: "four months", want: []int{1}, sec: 1},                  // lands on the section
		{q: "wrk", none: true},                                      // 3 letters: no typo allowed
		{q: "the", none: true},                                      // a stopword alone
		{q: "PERMÏT", want: []int{0}, also: []int{2}, sec: -1},      // case and accents
		{q: "undocumentd people", want: []int{2}, sec: 1},           // the glossary entry
	}
	qs, _ := json.Marshal(func() []string {
		var out []string
		for _, c := range cases {
			out = append(out, c.q)
		}
		return out
	}())
	out := node(t, dir, `import { query, distance } from "./search.js";
import fs from "fs";
const m = JSON.parse(fs.readFileSync("ix/`+ix.Manifest+`"));
const load = async (n) => JSON.parse(fs.readFileSync("ix/" + n));
const res = [];
for (const q of `+string(qs)+`) {
  const r = await query(m, q, load);
  res.push({ docs: r.hits.map((h) => h.doc), sec: r.hits.length ? r.hits[0].sec : -1, marks: [...r.marks] });
}
if (distance("abcd", "abdc", 1) !== 1 || distance("kitten", "sitting", 1) !== 2) throw new Error("distance");
console.log(JSON.stringify(res));`)
	var got []struct {
		Docs  []int
		Sec   int
		Marks []string
	}
	if err := json.Unmarshal(bytes.TrimSpace(out), &got); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	for i, c := range cases {
		g := got[i]
		switch {
		case c.none:
			if len(g.Docs) != 0 {
				t.Errorf("%q: found %v, want nothing", c.q, g.Docs)
			}
		case len(g.Docs) < len(c.want) || !reflect.DeepEqual(g.Docs[:len(c.want)], c.want):
			t.Errorf("%q: docs %v, want %v first (marks %q)", c.q, g.Docs, c.want, g.Marks)
		case c.sec >= 0 && g.Sec != c.sec:
			t.Errorf("%q: section %d, want %d", c.q, g.Sec, c.sec)
		}
		for _, d := range c.also {
			found := false
			for _, x := range g.Docs {
				found = found || x == d
			}
			if !found {
				t.Errorf("%q: docs %v, want %d among them", c.q, g.Docs, d)
			}
		}
	}
}

// A word in more sections than MaxPostings keeps the heaviest: here doc i
// says "common" i%7+1 times, so the kept docs are those saying it most,
// the earliest first among equals.
func TestMaxPostingsKeepsTheHeaviest(t *testing.T) {
	var docs []Doc
	for i := 0; i < 40; i++ {
		docs = append(docs, Doc{URL: "/p/" + strconv.Itoa(i) + "/", Title: "page " + strconv.Itoa(i),
			Sections: []Section{{Text: strings.Repeat("common ", i%7+1) + "filler"}}})
	}
	ix := build(t, "en", docs, Options{MaxPostings: 5})
	got, _, ok := lookup(t, ix, "common")
	if !ok {
		t.Fatal("common not found")
	}
	// Said 7 times: docs 6, 13, 20, 27, 34; all five fit.
	if want := []int{6, 13, 20, 27, 34}; !reflect.DeepEqual(got, want) {
		t.Errorf("common kept docs %v, want %v", got, want)
	}
	ix = build(t, "en", docs, Options{MaxPostings: 7})
	got, _, _ = lookup(t, ix, "common")
	// Then the two earliest of those saying it 6 times: 5 and 12.
	if want := []int{5, 6, 12, 13, 20, 27, 34}; !reflect.DeepEqual(got, want) {
		t.Errorf("common kept docs %v, want %v", got, want)
	}
}

// Pages are added in whatever order the build's workers finish them: the
// index must come out the same, even where two words fold to one form and
// stem differently ("oublié" → oubli, "oublie" → oubl).
func TestIndexIgnoresTheOrderOfPages(t *testing.T) {
	docs := []Doc{
		{URL: "/a/", Title: "Permis oublié", Sections: []Section{{Text: "Le travailleur oublie son permis."}}},
		{URL: "/b/", Title: "Oublie", Sections: []Section{{Anchor: "x", Heading: "Oubli", Text: "oublie, oubliées, oublié"}}},
		{URL: "/c/", Title: "Travaux", Sections: []Section{{Text: "travail travaux travailler"}}},
	}
	index := func(order []int) map[string][]byte {
		return indexIn(t, NewIndexer(Options{Lang: "fr", Docs: len(docs), FragmentFiles: 2}), docs, order).Files
	}
	want := index([]int{0, 1, 2})
	for _, order := range [][]int{{2, 1, 0}, {1, 0, 2}, {1, 2, 0}} {
		if got := index(order); !reflect.DeepEqual(got, want) {
			t.Errorf("pages added in order %v give another index", order)
		}
	}
}

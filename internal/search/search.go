// Package search builds a site's full-text search index, one per language,
// for a browser to query without a server and without WebAssembly.
//
// Contract:
//   - Input is plain text (Doc): the caller has already turned each page into
//     its title, description, "in brief" items, sections (heading anchor,
//     heading, text), the pathway it belongs to and the glossary terms it
//     uses. This package knows nothing of Markdown or HTML.
//   - Words are folded (lower case, accents and marks removed, ligatures
//     spelled out: Fold) and stemmed with Snowball for the languages it has
//     (HasStemmer); another language is indexed without stemming and Build
//     says so in its warnings.
//   - Field weights: title > heading > in brief (and description, glossary
//     terms, pathway) > body > glossary definitions. Weights are multiplied
//     by an inverse document frequency and rounded to integers at build
//     time; the browser only adds them up.
//   - Synonym groups (data/search/{lang}.yaml) are applied at build time: a
//     word of a group finds the sections that contain any member.
//   - The index is split into chunks by word prefix, each at most about
//     Options.ChunkBytes, so a query downloads the manifest and the chunks
//     of its words' prefixes, then one small fragment file per result shown
//     (title, URL, pathway, section texts for the snippet). Each word keeps
//     at most Options.MaxPostings sections (the heaviest): the payload of a
//     query stays bounded however large the site grows.
//   - The query normaliser the browser runs is generated from the same
//     folding table (FoldJS); typo tolerance (edit distance 1 from 5
//     letters, 2 from 9), prefix matching and stemming of words the site
//     never uses (a query word that starts with an indexed stem: "dependence"
//     finds "depend") are done by the browser over the words and stems of
//     the chunk, so they cost no index space.
//   - Output is deterministic: the same docs give the same bytes.
//
// Files, under the language's folder (e.g. search/fr/):
//
//	index.{hash}.json   manifest: chunk keys → file names, stopwords, counts, pages per fragment file ("g")
//	c/{hash}.json       chunks: {"w":[word, list index, …], "p":[[Δdoc, section, weight, …]…], "s":[stem of each list…]}
//	p/{doc/g}.json      fragments of pages g×n to g×n+g-1: [{"t":title, "u":url, "p":pathway, "s":[[anchor, heading, text]…]}, …]
package search

// Doc is one page as the index sees it.
type Doc struct {
	URL         string
	Title       string
	Description string
	Pathway     string   // title of the pathway the page belongs to ("" if none)
	Brief       []string // "in brief" items, plain text
	Sections    []Section
	Terms       []string // glossary terms the page uses
	Definitions []string // their definitions
}

// Section is a part of a page under one heading. The first section may
// have no anchor: the text before the first heading.
type Section struct {
	Anchor  string
	Heading string
	Text    string
}

// Options tune one language's index.
type Options struct {
	Lang      string
	Synonyms  [][]string // groups of words or phrases that find each other
	Stopwords []string   // words too common to index or search
	// ChunkBytes is the target size of one chunk before compression
	// (default 24 KiB).
	ChunkBytes int
	// MaxPostings is the number of sections kept per word, the heaviest
	// first (default 400).
	MaxPostings int
	// Docs is the number of pages the language will have (ids 0 to
	// Docs-1); with FragmentFiles it sets how many pages share a fragment
	// file.
	Docs int
	// FragmentFiles is about the most fragment files a language gets
	// (default 1,000): up to that many pages, each page has its own;
	// beyond, pages are grouped by consecutive ids, ⌈Docs/FragmentFiles⌉
	// to a file. A file is a cost paid by every build (at 30,000 pages,
	// creating one fragment file per page took 7–10 % of a first build), a
	// larger file by the reader of a large site only (the ten results of a
	// cold query at 10,000 pages a language: 50–72 KB gzip of fragment
	// files instead of about 10; see bench/README.md).
	FragmentFiles int
}

// group is the number of pages per fragment file.
func (o Options) group() int {
	if o.FragmentFiles <= 0 || o.Docs <= o.FragmentFiles {
		return 1
	}
	return (o.Docs + o.FragmentFiles - 1) / o.FragmentFiles
}

// Field weights: what a match in each part of a page is worth.
const (
	wTitle      = 10.0
	wHeading    = 6.0
	wBrief      = 4.0
	wTerm       = 4.0 // a glossary term the page uses, its pathway
	wDesc       = 3.0
	wBody       = 1.0
	wDefinition = 0.5
	wSynonym    = 0.7 // a synonym's match, relative to the word's own
)

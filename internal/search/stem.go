package search

import (
	snowball "github.com/blevesearch/snowballstem"
	"github.com/blevesearch/snowballstem/arabic"
	"github.com/blevesearch/snowballstem/danish"
	"github.com/blevesearch/snowballstem/dutch"
	"github.com/blevesearch/snowballstem/english"
	"github.com/blevesearch/snowballstem/finnish"
	"github.com/blevesearch/snowballstem/french"
	"github.com/blevesearch/snowballstem/german"
	"github.com/blevesearch/snowballstem/hungarian"
	"github.com/blevesearch/snowballstem/italian"
	"github.com/blevesearch/snowballstem/norwegian"
	"github.com/blevesearch/snowballstem/portuguese"
	"github.com/blevesearch/snowballstem/romanian"
	"github.com/blevesearch/snowballstem/russian"
	"github.com/blevesearch/snowballstem/spanish"
	"github.com/blevesearch/snowballstem/swedish"
	"github.com/blevesearch/snowballstem/turkish"
)

// stemmers are Snowball's, by ISO 639-1 code. A language without one is
// indexed without stemming (Build warns once).
var stemmers = map[string]func(*snowball.Env) bool{
	"ar": arabic.Stem, "da": danish.Stem, "de": german.Stem, "en": english.Stem,
	"es": spanish.Stem, "fi": finnish.Stem, "fr": french.Stem, "hu": hungarian.Stem,
	"it": italian.Stem, "nb": norwegian.Stem, "nl": dutch.Stem, "no": norwegian.Stem,
	"pt": portuguese.Stem, "ro": romanian.Stem, "ru": russian.Stem, "sv": swedish.Stem,
	"tr": turkish.Stem,
}

// HasStemmer reports whether lang is stemmed.
func HasStemmer(lang string) bool { _, ok := stemmers[lang]; return ok }

// stemmer stems lower-cased words (with their accents: Snowball's rules
// read them) of one language. Not safe for concurrent use.
type stemmer struct {
	fn    func(*snowball.Env) bool
	env   *snowball.Env
	cache map[string]string     // lower-cased word → folded stem
	words map[string][]formStem // raw word → its tokens and stems (analyze)
	// For analyze: each stem's id, the page each word's form was last seen
	// on (by formStem.form), where each stem last went (by its id), the
	// number of the page being analyzed, and its scratch list of entries.
	stemIDs  map[string]int
	formSeen []int
	latest   []latest
	page     int
	entries  []entry
	scratch  analyzed
}

func newStemmer(lang string) *stemmer {
	return &stemmer{fn: stemmers[lang], env: snowball.NewEnv(""), cache: map[string]string{}, words: map[string][]formStem{}, stemIDs: map[string]int{}}
}

// stem returns the folded stem of a lower-cased word.
func (s *stemmer) stem(lower string) string {
	if st, ok := s.cache[lower]; ok {
		return st
	}
	out := lower
	if s.fn != nil && len(lower) > 2 && !isNumber(lower) {
		s.env.SetCurrent(lower)
		s.fn(s.env)
		out = s.env.Current()
	}
	out = Fold(out)
	s.cache[lower] = out
	return out
}

func isNumber(w string) bool {
	for _, r := range w {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

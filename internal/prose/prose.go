// Package prose holds the checks that keep the site's text honest: it must be
// written in our own words (no run of 8 words taken from the CIRÉ analysis,
// which is "all rights reserved") and it must not type a duration or figure
// that belongs to the rule data (so a change of law changes one YAML value,
// not forty sentences).
//
// Contract:
//
//   - Words normalises text the same way for the analysis and for content:
//     lowercase, the inclusive-writing dot (·) removed so "travailleur·euses"
//     is one word, typographic apostrophes and quotes folded, every other
//     non-letter, non-digit rune a word separator.
//
//   - ShingleHash is FNV-64a over the 8 words joined by one space, printed as
//     16 lowercase hex digits: the only form in which the analysis is kept in
//     this repository (analysis-8grams.txt, embedded).
//
//   - Copied reports every 8-word run of a text whose hash is in a banned set
//     and not in an allowed set, with the 1-based line of its first word.
//
//   - Figures.Typed reports every figure held by the rule data typed by
//     hand ("deux mois", "90 jours") at its line and column.
//
// The build (internal/site) runs both checks on every page and on the
// glossary: positioned warnings, errors under -strict.
package prose

import (
	"fmt"
	"hash/fnv"
	"regexp"
	"strings"
	"unicode"
)

// N is the length of a forbidden run of words.
const N = 8

// Word is one normalised word and the line it starts on.
type Word struct {
	Text string
	Line int
}

// Words splits text into normalised words with their 1-based line numbers.
func Words(text string) []Word {
	var out []Word
	var b strings.Builder
	line, start := 1, 1
	flush := func() {
		if b.Len() > 0 {
			out = append(out, Word{b.String(), start})
			b.Reset()
		}
	}
	for _, r := range text {
		switch {
		case r == '·' || r == '•' || r == '\u00ad': // inclusive dot, soft hyphen: inside a word
			continue
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if b.Len() == 0 {
				start = line
			}
			b.WriteRune(unicode.ToLower(r))
		default:
			// apostrophes (straight or curly), quotes, hyphens, slashes and
			// spaces all separate words: "l'Office" → "l", "office".
			flush()
		}
		if r == '\n' {
			line++
		}
	}
	flush()
	return out
}

// ShingleHash is the hash of N words, as stored in the testdata file.
func ShingleHash(words []Word) string {
	h := fnv.New64a()
	for i, w := range words {
		if i > 0 {
			h.Write([]byte{' '})
		}
		h.Write([]byte(w.Text))
	}
	return fmt.Sprintf("%016x", h.Sum64())
}

// Shingles returns the hash of every run of N consecutive words of text.
func Shingles(text string) []string {
	ws := Words(text)
	var out []string
	for i := 0; i+N <= len(ws); i++ {
		out = append(out, ShingleHash(ws[i:i+N]))
	}
	return out
}

// Match is one copied run: where it starts and its (normalised) words.
type Match struct {
	Line  int
	Words string
}

// Copied returns the runs of N words in text whose hash is banned and not
// allowed. Overlapping runs on the same line are reported once, from the
// first, so one copied sentence gives one message per line.
func Copied(text string, banned, allowed map[string]bool) []Match {
	ws := Words(text)
	var out []Match
	lastLine := -1
	for i := 0; i+N <= len(ws); i++ {
		h := ShingleHash(ws[i : i+N])
		if !banned[h] || allowed[h] {
			continue
		}
		if ws[i].Line == lastLine {
			continue
		}
		lastLine = ws[i].Line
		parts := make([]string, N)
		for j := range parts {
			parts[j] = ws[i+j].Text
		}
		out = append(out, Match{ws[i].Line, strings.Join(parts, " ")})
	}
	return out
}

// Markup that is never read as prose, replaced by spaces of equal length so
// line numbers stay right: citations ([@key, p. 5]) render as a footnote
// number, and link targets ((ref:key), (https://…)) are not shown.
var (
	citeRe = regexp.MustCompile(`\[@[^\]]*\]`)
	hrefRe = regexp.MustCompile(`\]\([^)\s]*\)`)
)

// StripMarkup blanks citations and link targets, keeping line breaks. The
// text between them then joins up, exactly as a reader sees it: a copied
// sentence cannot hide behind a footnote.
func StripMarkup(text string) string {
	blank := func(s string) string {
		return strings.Map(func(r rune) rune {
			if r == '\n' {
				return r
			}
			return ' '
		}, s)
	}
	text = citeRe.ReplaceAllStringFunc(text, blank)
	return hrefRe.ReplaceAllStringFunc(text, func(s string) string { return "]" + blank(s[1:]) })
}

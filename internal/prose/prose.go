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
	"strings"
	"unicode"
	"unicode/utf8"
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
	all, spans := split(text)
	out := make([]Word, len(spans))
	for i, sp := range spans {
		out[i] = Word{all[sp.from:sp.to], sp.line}
	}
	return out
}

// span is one word of split's result: all[from:to], starting on line.
type span struct{ from, to, line int }

// split normalises text into one string holding every word, back to back,
// and each word's place in it: one allocation for the words of a page
// instead of one per word (every page of the site goes through Copied).
func split(text string) (all string, spans []span) {
	buf := make([]byte, 0, len(text))
	spans = make([]span, 0, len(text)/5) // about one word in five or six bytes
	line, start, from := 1, 1, -1
	flush := func() {
		if from >= 0 {
			spans = append(spans, span{from, len(buf), start})
			from = -1
		}
	}
	for _, r := range text {
		switch {
		case r == '·' || r == '•' || r == '\u00ad': // inclusive dot, soft hyphen: inside a word
			continue
		case r < 0x80 && ('a' <= r && r <= 'z' || '0' <= r && r <= '9'):
			if from < 0 {
				from, start = len(buf), line
			}
			buf = append(buf, byte(r))
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if from < 0 {
				from, start = len(buf), line
			}
			buf = utf8.AppendRune(buf, unicode.ToLower(r))
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
	return string(buf), spans
}

// ShingleHash is the hash of a run of words (see the package comment).
func ShingleHash(words []Word) string {
	var h uint64 = fnvOffset
	for i, w := range words {
		if i > 0 {
			h = fnvAdd(h, " ")
		}
		h = fnvAdd(h, w.Text)
	}
	return fmt.Sprintf("%016x", h)
}

// FNV-64a, written out so that hashing a run allocates nothing; the
// standard library's hash/fnv gives the same values (TestShingleHashIsFNV).
const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

func fnvAdd(h uint64, s string) uint64 {
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= fnvPrime
	}
	return h
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
	all, ws := split(text)
	var out []Match
	lastLine := -1
	var hex [16]byte
	for i := 0; i+N <= len(ws); i++ {
		var h uint64 = fnvOffset
		for j, w := range ws[i : i+N] {
			if j > 0 {
				h = fnvAdd(h, " ")
			}
			h = fnvAdd(h, all[w.from:w.to])
		}
		hexOf(&hex, h)
		if !banned[string(hex[:])] || allowed[string(hex[:])] { // no allocation: the compiler looks up the bytes
			continue
		}
		if ws[i].line == lastLine {
			continue
		}
		lastLine = ws[i].line
		parts := make([]string, N)
		for j := range parts {
			parts[j] = all[ws[i+j].from:ws[i+j].to]
		}
		out = append(out, Match{ws[i].line, strings.Join(parts, " ")})
	}
	return out
}

// hexOf writes h as 16 lowercase hex digits, as ShingleHash prints it.
func hexOf(dst *[16]byte, h uint64) {
	const digits = "0123456789abcdef"
	for i := 15; i >= 0; i-- {
		dst[i] = digits[h&0xf]
		h >>= 4
	}
}

// StripMarkup blanks what is never read as prose, keeping line breaks so
// line numbers stay right: citations ([@key, p. 5]) render as a footnote
// number, and link targets ((ref:key), (https://…)) are not shown. The text
// between them then joins up, exactly as a reader sees it: a copied
// sentence cannot hide behind a footnote. (A scan rather than two regular
// expressions: every page goes through it, and the blanks need no new
// string until there is something to blank.)
func StripMarkup(text string) string {
	return blankLinkTargets(blankCitations(text))
}

// blankCitations blanks each [@…] up to its first ].
func blankCitations(text string) string {
	var b []byte // a copy, made at the first blank
	for i := 0; i+1 < len(text); i++ {
		if text[i] == '[' && text[i+1] == '@' {
			if j := strings.IndexByte(text[i+1:], ']'); j >= 0 {
				b = blank(b, text, i, i+1+j+1)
				i += j + 1
			}
		}
	}
	if b == nil {
		return text
	}
	return string(b)
}

// blankLinkTargets blanks each (target) right after a ], the target
// without spaces.
func blankLinkTargets(text string) string {
	var b []byte
	for i := 0; i+1 < len(text); i++ {
		if text[i] == ']' && text[i+1] == '(' {
			j := i + 2
			for j < len(text) && text[j] != ')' && !isSpaceByte(text[j]) {
				j++
			}
			if j < len(text) && text[j] == ')' {
				b = blank(b, text, i+1, j+1)
				i = j
			}
		}
	}
	if b == nil {
		return text
	}
	return string(b)
}

// blank turns text[from:to] into spaces in b (a copy of text made on first
// use), keeping line breaks.
func blank(b []byte, text string, from, to int) []byte {
	if b == nil {
		b = []byte(text)
	}
	for i := from; i < to; i++ {
		if b[i] != '\n' {
			b[i] = ' '
		}
	}
	return b
}

// isSpaceByte is \s in Go's regular expressions: [\t\n\f\r ].
func isSpaceByte(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'
}

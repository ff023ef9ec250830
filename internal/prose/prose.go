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
//   - The hash of a run of 8 words is a polynomial over their FNV-64a hashes:
//     Σ fnv(wᵢ)·P^(7−i) mod 2⁶⁴, so the hash of the next run follows from the
//     last in constant time (Copied reads every word of the site once, not
//     eight times). Kept as 16 lowercase hex digits, the only form in which
//     the analysis is in this repository (analysis-8grams.txt, embedded).
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
	"strconv"
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
	var out []Word
	scan(text, nil, func(w []byte, _ int, line int) { out = append(out, Word{string(w), line}) })
	return out
}

// scan calls f with each normalised word of text (valid only during the
// call), the byte offset just past it in text, and the line it starts on.
// It keeps nothing: every page of the site goes through Copied. The
// ranges of skip (in order, not overlapping, each starting at an ASCII
// byte) read as white space, as StripMarkup blanks them.
func scan(text string, skip []span, f func(word []byte, end, line int)) {
	var buf [64]byte
	w := buf[:0]
	line, start := 1, 1
	for i := 0; i < len(text); {
		if len(skip) > 0 && i >= skip[0].from {
			if len(w) > 0 {
				f(w, i, start)
				w = w[:0]
			}
			if end := skip[0].to; i < end {
				line += strings.Count(text[i:end], "\n")
				i = end
			}
			skip = skip[1:]
			continue
		}
		r, size := rune(text[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(text[i:])
		}
		i += size
		switch {
		case r == '·' || r == '•' || r == '\u00ad': // inclusive dot, soft hyphen: inside a word
			continue
		case r < 0x80 && ('a' <= r && r <= 'z' || '0' <= r && r <= '9'):
			if len(w) == 0 {
				start = line
			}
			w = append(w, byte(r))
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if len(w) == 0 {
				start = line
			}
			w = utf8.AppendRune(w, unicode.ToLower(r))
		default:
			// apostrophes (straight or curly), quotes, hyphens, slashes and
			// spaces all separate words: "l'Office" → "l", "office".
			if len(w) > 0 {
				f(w, i-size, start)
				w = w[:0]
			}
		}
		if r == '\n' {
			line++
		}
	}
	if len(w) > 0 {
		f(w, len(text), start)
	}
}

// rollPrime is the polynomial's base: odd, so multiplying by it loses no
// bit, and far from small so nearby words spread (FNV's own prime).
const rollPrime = 1099511628211

// rollOut is rollPrime^(N−1): the weight of a run's first word, taken out
// when the run moves on by one.
var rollOut = func() uint64 {
	p := uint64(1)
	for range N - 1 {
		p *= rollPrime
	}
	return p
}()

// fnv64a is FNV-1a, 64 bits, written out so it allocates nothing; hash/fnv
// gives the same values (TestShingleHashRolls).
func fnv64a[T string | []byte](s T) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return h
}

// runs calls f with the hash of every run of N words of text (see the
// package comment), the line its first word starts on, and where the run
// stands in text (Words(text[start:end]) are its words), rolling the hash
// along.
func runs(text string, skip []span, f func(h uint64, line, start, end int)) {
	type word struct {
		hash        uint64
		start, line int
	}
	var ring [N]word // the last N words
	var h uint64
	n, prevEnd := 0, 0
	scan(text, skip, func(w []byte, end, line int) {
		hw := fnv64a(w)
		slot := &ring[n%N]
		if n >= N {
			h -= slot.hash * rollOut
		}
		// The word starts after the previous one ended: Words of
		// text[prevEnd:] begins with it.
		*slot = word{hw, prevEnd, line}
		prevEnd = end
		h = h*rollPrime + hw
		n++
		if n >= N {
			first := ring[n%N]
			f(h, first.line, first.start, end)
		}
	})
}

// Shingles returns the hash of every run of N consecutive words of text.
func Shingles(text string) []uint64 {
	var out []uint64
	runs(text, nil, func(h uint64, _, _, _ int) { out = append(out, h) })
	return out
}

// ParseHash reads a hash as the hash file keeps it (16 hex digits).
func ParseHash(s string) (uint64, error) {
	if len(s) != 16 {
		return 0, fmt.Errorf("%q: want 16 hex digits", s)
	}
	return strconv.ParseUint(s, 16, 64)
}

// Match is one copied run: where it starts and its (normalised) words.
type Match struct {
	Line  int
	Words string
}

// Copied returns the runs of N words in text whose hash is banned and not
// allowed. Overlapping runs on the same line are reported once, from the
// first, so one copied sentence gives one message per line.
func Copied(text string, banned, allowed *HashSet) []Match {
	return copied(text, nil, func() string { return text }, banned, allowed)
}

// CopiedMarkdown is Copied(StripMarkup(text)) without writing the stripped
// copy (every page's Markdown goes through it: the copies were a thirtieth
// of a large build's time, and a third of its peak memory).
func CopiedMarkdown(text string, banned, allowed *HashSet) []Match {
	var skip []span
	blanks(text, func(from, to int) { skip = append(skip, span{from, to}) })
	var stripped string // made only for a match's words
	return copied(text, skip, func() string {
		if stripped == "" {
			stripped = StripMarkup(text)
		}
		return stripped
	}, banned, allowed)
}

// copied is Copied over text read with skip (see scan); read returns the
// text the words of a match are taken from.
func copied(text string, skip []span, read func() string, banned, allowed *HashSet) []Match {
	var out []Match
	lastLine := -1
	runs(text, skip, func(h uint64, line, start, end int) {
		if !banned.Has(h) || allowed.Has(h) || line == lastLine {
			return
		}
		lastLine = line
		var parts []string
		for _, w := range Words(read()[start:end]) {
			parts = append(parts, w.Text)
		}
		out = append(out, Match{line, strings.Join(parts, " ")})
	})
	return out
}

// span is the bytes [from, to) of a text.
type span struct{ from, to int }

// StripMarkup blanks what is never read as prose, keeping line breaks so
// line numbers stay right: citations ([@key, p. 5]) render as a footnote
// number, and link targets ((ref:key), (https://…)) are not shown. The text
// between them then joins up, exactly as a reader sees it: a copied
// sentence cannot hide behind a footnote. (One scan rather than two regular
// expressions, writing the result once: every page goes through it, and
// copying each page's text four times was 5 % of a large build's CPU.)
func StripMarkup(text string) string {
	var out strings.Builder
	last := 0 // text[:last] is in out
	blanks(text, func(from, to int) {
		if out.Cap() == 0 {
			out.Grow(len(text))
		}
		out.WriteString(text[last:from])
		for i := from; i < to; i++ {
			if text[i] == '\n' {
				out.WriteByte('\n')
			} else {
				out.WriteByte(' ')
			}
		}
		last = to
	})
	if last == 0 {
		return text
	}
	out.WriteString(text[last:])
	return out.String()
}

// blanks calls blank with each range of text StripMarkup blanks, in order.
// Each starts at an ASCII byte ("[" or "(").
func blanks(text string, blank func(from, to int)) {
	for i := 0; i+1 < len(text); i++ {
		switch {
		case text[i] == '[' && text[i+1] == '@':
			// A citation, up to its first ].
			if j := strings.IndexByte(text[i+1:], ']'); j >= 0 {
				blank(i, i+1+j+1)
				i += j + 1
			}
		case text[i] == ']' && text[i+1] == '(':
			// A link target right after a ], without spaces.
			j := i + 2
			for j < len(text) && text[j] != ')' && !isSpaceByte(text[j]) {
				if text[j] == '[' && j+1 < len(text) && text[j+1] == '@' && strings.IndexByte(text[j+1:], ']') >= 0 {
					break // a citation, blanked: a target with spaces in it is none
				}
				j++
			}
			if j < len(text) && text[j] == ')' {
				blank(i+1, j+1)
				i = j
			}
		}
	}
}

// isSpaceByte is \s in Go's regular expressions: [\t\n\f\r ].
func isSpaceByte(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'
}

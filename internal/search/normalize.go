package search

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// fold maps one rune to its folded form: lower case, accents and other
// combining marks removed, ligatures spelled out, Arabic short vowels and
// tatweel dropped, alef variants merged. It is the single definition of
// folding: Go uses it to index, and FoldJS writes it out as a table for the
// browser (see foldRanges), so the two can never disagree.
func fold(r rune) string {
	switch r {
	case 'œ', 'Œ':
		return "oe"
	case 'æ', 'Æ':
		return "ae"
	case 'ß', 'ẞ':
		return "ss"
	case 'ø', 'Ø':
		return "o"
	case 'đ', 'Đ':
		return "d"
	case 'ł', 'Ł':
		return "l"
	case 'ı':
		return "i"
	case '\u0640': // Arabic tatweel: a stretch, not a letter
		return ""
	case 'أ', 'إ', 'آ', 'ٱ':
		return "ا"
	case 'ى':
		return "ي"
	case 'ة':
		return "ه"
	}
	if r < 0x80 {
		return string(unicode.ToLower(r))
	}
	var b strings.Builder
	for _, d := range norm.NFD.String(string(r)) {
		if unicode.Is(unicode.Mn, d) {
			continue
		}
		// The base letter folds too: Ǣ → Æ → æ → ae.
		if l := unicode.ToLower(d); l != r {
			b.WriteString(fold(l))
		} else {
			b.WriteRune(l)
		}
	}
	return b.String()
}

// foldRanges are the code points whose folding the browser gets as a table;
// outside them (and ASCII) nothing is folded. Latin (with Vietnamese), Greek, Cyrillic and Arabic cover every language
// Snowball stems.
var foldRanges = [][2]rune{{0x80, 0x24F}, {0x300, 0x36F}, {0x370, 0x3FF}, {0x400, 0x4FF}, {0x600, 0x6FF}, {0x1E00, 0x1EFF}}

// inFoldTable reports whether r's folding is spelled out for the browser.
func inFoldTable(r rune) bool {
	for _, rg := range foldRanges {
		if r >= rg[0] && r <= rg[1] {
			return true
		}
	}
	return false
}

// isWord reports whether r belongs to a word (a letter or a number; marks
// are folded away before this is asked). The browser's test is the regular
// expression [\p{L}\p{N}], the same Unicode classes.
func isWord(r rune) bool { return unicode.IsLetter(r) || unicode.IsNumber(r) }

// Fold returns s folded (see fold). Runes outside foldRanges are kept as
// they are, on both sides: JavaScript's toLowerCase and Go's unicode tables
// need not agree on every script, and a table cannot drift.
func Fold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if r < 0x80 {
			if 'A' <= r && r <= 'Z' {
				r += 'a' - 'A'
			}
			b.WriteByte(byte(r))
			continue
		}
		if inFoldTable(r) {
			b.WriteString(fold(r))
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// Tokens splits folded text into words: maximal runs of letters and
// numbers. "l'office" gives "l", "office"; "28/02/2026" gives three numbers.
func Tokens(folded string) []string {
	if out := strings.FieldsFunc(folded, func(r rune) bool { return !isWord(r) }); len(out) > 0 {
		return out
	}
	return nil // no word: nil, as callers and tests compare
}

// Normalize is what a query goes through, in Go and (generated) in the
// browser: fold, then split into words.
func Normalize(q string) []string { return Tokens(Fold(q)) }

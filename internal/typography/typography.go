// Package typography applies each language's typographic rules to plain
// text, so editors type plain spaces and apostrophes and every output —
// pages, diagram labels, aria-labels, JSON-LD, leaflets — gets the same
// characters. It is the one place that knows the rules.
//
// French (fr, fr-BE…):
//   - a space before ; : ! ? becomes a narrow no-break space (U+202F);
//   - « and » get a narrow no-break space inside, whether typed or not;
//   - an apostrophe between letters becomes ’.
//
// Arabic, Dutch, English, Spanish and German have no rule here: their text
// is returned unchanged.
//
// Contract: Text is idempotent (Text(l, Text(l, s)) == Text(l, s)), so a
// text typeset when its data file was loaded can pass through it again
// unchanged; it never allocates for a text it does not change. A leaf: it
// imports only the standard library.
package typography

import (
	"strings"
	"unicode"
)

// NNBSP is the narrow no-break space French puts before ; : ! ? and
// inside « ».
const NNBSP = "\u202f"

// Text applies the typographic rules of lang to plain text.
func Text(lang, s string) string {
	if HasRules(lang) {
		return French(s)
	}
	return s
}

// HasRules reports whether lang has typographic rules (French only).
func HasRules(lang string) bool {
	return lang == "fr" || strings.HasPrefix(lang, "fr-")
}

// frenchTrigger marks the bytes that may start something French changes:
// ; : ! ? ' and 0xC2, the first byte of «, » and the no-break space in
// UTF-8. A byte table, because strings.ContainsAny with non-ASCII characters
// compares every rune with every character (7 % of a 30,000-page build).
var frenchTrigger = [256]bool{';': true, ':': true, '!': true, '?': true, '\'': true, 0xC2: true}

// NeedsFrench reports whether French could change s (a fast pre-check).
func NeedsFrench[T string | []byte](s T) bool {
	for i := 0; i < len(s); i++ {
		if frenchTrigger[s[i]] {
			return true
		}
	}
	return false
}

// French applies the French rules to plain text.
func French(s string) string {
	if !NeedsFrench(s) {
		return s // most text runs: nothing to do, nothing to allocate
	}
	var b strings.Builder
	runes := []rune(s)
	for i := 0; i < len(runes); i++ {
		r := runes[i]
		switch {
		case (r == ' ' || r == '\u00a0') && i+1 < len(runes) && strings.ContainsRune(";:!?»", runes[i+1]):
			b.WriteString(NNBSP)
		case r == '»' && i > 0 && runes[i-1] != ' ' && runes[i-1] != '\u00a0' && runes[i-1] != '\u202f' && runes[i-1] != '«':
			b.WriteString(NNBSP + "»")
		case r == '«':
			b.WriteString("«" + NNBSP)
			for i+1 < len(runes) && (runes[i+1] == ' ' || runes[i+1] == '\u00a0' || runes[i+1] == '\u202f') {
				i++
			}
		case r == '\'' && i > 0 && i+1 < len(runes) && unicode.IsLetter(runes[i-1]) && unicode.IsLetter(runes[i+1]):
			b.WriteRune('’')
		default:
			b.WriteRune(r)
		}
	}
	if b.Len() == len(s) && b.String() == s {
		return s
	}
	return b.String()
}

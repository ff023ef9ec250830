package pathway

import (
	"strings"
	"unicode"
)

// Advance widths of Arial/Helvetica (and metric-compatible Liberation Sans),
// in 1/1000 em, for printable ASCII from ' ' (32) to '~' (126). The SVG asks
// for those fonts first, so the estimate matches what most readers get; a
// safety factor covers Roboto, Segoe UI or DejaVu Sans as fallbacks.
var asciiWidths = [95]int{
	278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, // ' '..'/'
	556, 556, 556, 556, 556, 556, 556, 556, 556, 556, // 0-9
	278, 278, 584, 584, 584, 556, 1015, // : ; < = > ? @
	667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, // A-M
	722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, // N-Z
	278, 278, 278, 469, 556, 333, // [ \ ] ^ _ `
	556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, // a-m
	556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, // n-z
	334, 260, 334, 584, // { | } ~
}

const (
	safety     = 1.08 // fallback fonts are up to ~8 % wider on our texts
	boldFactor = 1.10 // bold Arial is about 10 % wider than regular
)

// fontFamily is the SVG's font list: system fonts only, Arial metrics first.
const fontFamily = "Arial, 'Liberation Sans', 'Helvetica Neue', Helvetica, Roboto, 'Segoe UI', sans-serif"

func runeWidth(r rune) float64 {
	switch {
	case r >= 32 && r <= 126:
		return float64(asciiWidths[r-32])
	case r >= '\u2066' && r <= '\u2069', r == '\u200e', r == '\u200f', r >= '\u202a' && r <= '\u202e':
		return 0 // bidi controls (Latin words isolated in Arabic labels) are invisible
	case r == '\u00a0' || r == '\u202f':
		return 278
	case r == '·' || r == '’' || r == '‘':
		return 278
	case r == '…' || r == '—':
		return 1000
	case r == '–':
		return 556
	case r == '«' || r == '»':
		return 556
	case unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hangul, r) || unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r):
		return 1000
	case r >= 0x2190: // arrows, symbols (✓ ⚠ …): often drawn from a wider fallback font
		return 1000
	case unicode.IsUpper(r):
		return 778
	case unicode.IsMark(r):
		return 0
	default:
		return 611 // accented lowercase, Arabic, Cyrillic: a little wider than the Latin average
	}
}

// textWidth estimates the rendered width of s at size px.
func textWidth(s string, size float64, bold bool) float64 {
	w := 0.0
	for _, r := range s {
		w += runeWidth(r)
	}
	w = w * size / 1000 * safety
	if bold {
		w *= boldFactor
	}
	return w
}

// wrap breaks text into lines no wider than max (a single word longer than
// max stays whole on its own line; the box grows to fit it).
func wrap(text string, size, max float64, bold bool) []string {
	var lines []string
	for _, para := range strings.Split(text, "\n") {
		// Split on ordinary spaces only: a no-break space (French "délai :") must hold.
		words := strings.FieldsFunc(para, func(r rune) bool { return r == ' ' || r == '\t' })
		words = glue(words)
		cur := ""
		for _, w := range words {
			if cur == "" {
				cur = w
				continue
			}
			if textWidth(cur+" "+w, size, bold) <= max {
				cur += " " + w
				continue
			}
			lines = append(lines, cur)
			cur = w
		}
		if cur != "" {
			lines = append(lines, cur)
		}
	}
	return lines
}

// glue keeps French spaced punctuation with its word, so a line never
// starts with "?" or ":" and "«" never ends one.
func glue(words []string) []string {
	var out []string
	for i := 0; i < len(words); i++ {
		w := words[i]
		if len(out) > 0 && strings.Trim(w, "?!:;»") == "" {
			out[len(out)-1] += "\u00a0" + w
			continue
		}
		if w == "«" && i+1 < len(words) {
			w += "\u00a0" + words[i+1]
			i++
		}
		out = append(out, w)
	}
	return out
}

// wrapHard is wrap for a fixed width (the narrow drawing): a word wider
// than max is cut into pieces that fit, each but the last ending in a
// hyphen, since the box cannot grow. Linear in the text's length.
func wrapHard(text string, size, max float64, bold bool) []string {
	var out []string
	hyphen := textWidth("-", size, bold)
	for _, l := range wrap(text, size, max, bold) {
		if textWidth(l, size, bold) <= max {
			out = append(out, l)
			continue
		}
		rs := []rune(l)
		start, w := 0, 0.0
		for i, r := range rs {
			rw := textWidth(string(r), size, bold)
			if i > start && w+rw+hyphen > max {
				out = append(out, string(rs[start:i])+"-")
				start, w = i, 0
			}
			w += rw
		}
		out = append(out, string(rs[start:]))
	}
	return out
}

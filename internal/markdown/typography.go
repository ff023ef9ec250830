package markdown

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"
)

// French typography, applied to text (never to tags, attributes, code or
// scripts) so editors can type plain spaces and apostrophes:
//   - a space before ; : ! ? becomes a narrow no-break space (U+202F);
//   - « and » get a narrow no-break space inside, whether typed or not;
//   - an apostrophe between letters becomes ’.
const nnbsp = "\u202f"

// Typography applies the typographic rules of lang to plain text. French is
// the only language with rules so far; this is the one place that says so.
func Typography(lang, s string) string {
	if lang == "fr" {
		return French(s)
	}
	return s
}

// TypographyHTML is Typography for the text of an HTML fragment in lang:
// each text follows the lang of the element it is in (no French spacing
// inside <span lang="en">, French spacing inside <span lang="fr"> on an
// English page).
func TypographyHTML(lang string, b []byte) []byte {
	if isFrench(lang) || bytes.Contains(b, []byte(` lang=`)) {
		return typographyHTML(lang, b)
	}
	return b
}

func isFrench(lang string) bool {
	return lang == "fr" || strings.HasPrefix(lang, "fr-")
}

// frenchTrigger marks the bytes that may start something French changes:
// ; : ! ? ' and 0xC2, the first byte of «, » and the no-break space in
// UTF-8. A byte table, because strings.ContainsAny with non-ASCII characters
// compares every rune with every character (7 % of a 30,000-page build).
var frenchTrigger = [256]bool{';': true, ':': true, '!': true, '?': true, '\'': true, 0xC2: true}

func needsFrench[T string | []byte](s T) bool {
	for i := 0; i < len(s); i++ {
		if frenchTrigger[s[i]] {
			return true
		}
	}
	return false
}

// French applies the rules to plain text.
func French(s string) string {
	if !needsFrench(s) {
		return s // most text runs: nothing to do, nothing to allocate
	}
	var b strings.Builder
	runes := []rune(s)
	for i := 0; i < len(runes); i++ {
		r := runes[i]
		switch {
		case (r == ' ' || r == '\u00a0') && i+1 < len(runes) && strings.ContainsRune(";:!?»", runes[i+1]):
			b.WriteString(nnbsp)
		case r == '»' && i > 0 && runes[i-1] != ' ' && runes[i-1] != '\u00a0' && runes[i-1] != '\u202f':
			b.WriteString(nnbsp + "»")
		case r == '«':
			b.WriteString("«" + nnbsp)
			for i+1 < len(runes) && (runes[i+1] == ' ' || runes[i+1] == '\u00a0' || runes[i+1] == '\u202f') {
				i++
			}
		case r == '\'' && i > 0 && i+1 < len(runes) && unicode.IsLetter(runes[i-1]) && unicode.IsLetter(runes[i+1]):
			b.WriteRune('’')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// skipElements hold text that must stay as typed.
var skipElements = []string{"code", "pre", "script", "kbd", "samp", "textarea"}

// FrenchHTML applies French to the text of a French HTML fragment.
func FrenchHTML(src []byte) []byte { return typographyHTML("fr", src) }

// langScope is an element that set lang, and how many elements of its name
// are open inside it (to find its end tag).
type langScope struct {
	name, lang string
	depth      int
}

// typographyHTML applies each text's language rules, base being the
// fragment's language.
func typographyHTML(base string, src []byte) []byte {
	var out bytes.Buffer
	var scopes []langScope
	cur := func() string {
		if len(scopes) > 0 {
			return scopes[len(scopes)-1].lang
		}
		return base
	}
	out.Grow(len(src) + len(src)/20)
	skipUntil := ""
	for len(src) > 0 {
		lt := bytes.IndexByte(src, '<')
		if lt < 0 {
			lt = len(src)
		}
		if lt > 0 {
			txt := src[:lt]
			if skipUntil == "" && isFrench(cur()) && needsFrench(txt) && utf8.Valid(txt) {
				out.WriteString(French(string(txt)))
			} else {
				out.Write(txt)
			}
			src = src[lt:]
			continue
		}
		gt := bytes.IndexByte(src, '>')
		if gt < 0 {
			out.Write(src)
			break
		}
		tag := src[:gt+1]
		out.Write(tag)
		src = src[gt+1:]
		name := tagName(tag)
		closing := bytes.HasPrefix(tag, []byte("</"))
		switch top := len(scopes) - 1; {
		case !closing && !bytes.HasSuffix(tag, []byte("/>")) && !voidElements[name]:
			if l, ok := langAttr(tag); ok {
				scopes = append(scopes, langScope{name, l, 1})
			} else if top >= 0 && scopes[top].name == name {
				scopes[top].depth++
			}
		case closing && top >= 0 && scopes[top].name == name:
			if scopes[top].depth--; scopes[top].depth == 0 {
				scopes = scopes[:top]
			}
		}
		switch {
		case skipUntil == "" && !bytes.HasPrefix(tag, []byte("</")) && isSkip(name):
			skipUntil = name
		case skipUntil != "" && bytes.HasPrefix(tag, []byte("</")) && name == skipUntil:
			skipUntil = ""
		}
	}
	return out.Bytes()
}

// voidElements have no end tag.
var voidElements = map[string]bool{"br": true, "hr": true, "img": true, "input": true, "meta": true, "link": true, "wbr": true, "source": true, "col": true, "area": true, "base": true, "embed": true, "track": true}

// langAttr returns the lang attribute of a start tag.
func langAttr(tag []byte) (string, bool) {
	i := bytes.Index(tag, []byte(" lang="))
	if i < 0 {
		return "", false
	}
	v := tag[i+len(" lang="):]
	if len(v) == 0 || v[0] != '"' && v[0] != '\'' {
		return "", false
	}
	end := bytes.IndexByte(v[1:], v[0])
	if end < 0 {
		return "", false
	}
	return strings.ToLower(string(v[1 : 1+end])), true
}

func isSkip(name string) bool {
	for _, s := range skipElements {
		if s == name {
			return true
		}
	}
	return false
}

func tagName(tag []byte) string {
	t := bytes.TrimLeft(tag, "</")
	end := bytes.IndexAny(t, " \t\n/>")
	if end < 0 {
		end = len(t)
	}
	return strings.ToLower(string(t[:end]))
}

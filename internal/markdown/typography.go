package markdown

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"github.com/cire-asbl/fabrique/internal/typography"
)

// Typography for text in HTML: the rules themselves live in the leaf
// package typography (one function serves pages, data loaded from YAML,
// diagrams and leaflets); this file applies them to the text of an HTML
// fragment, never to tags, attributes, code or scripts.

// TypographyHTML is Typography for the text of an HTML fragment in lang:
// each text follows the lang of the element it is in (no French spacing
// inside <span lang="en">, French spacing inside <span lang="fr"> on an
// English page).
func TypographyHTML(lang string, b []byte) []byte {
	if typography.HasRules(lang) || bytes.Contains(b, []byte(` lang=`)) {
		return typographyHTML(lang, b)
	}
	return b
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
			if skipUntil == "" && typography.HasRules(cur()) && typography.NeedsFrench(txt) && utf8.Valid(txt) {
				out.WriteString(typography.French(string(txt)))
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

package content

import (
	"bytes"
	"slices"
	"strconv"
	"unicode/utf8"
)

// fastFrontMatter decodes the common shape of front matter by hand: one
// "key: value" per line, values plain or in double quotes without escapes,
// and "brief:" followed by "  - item" lines. Anything else — an unknown or
// repeated key, a comment, a blank line, an escape, a value YAML would read
// as a number, a boolean or null where a string is expected — returns false,
// and the YAML library decodes the whole front matter (and reports errors
// with their positions).
//
// Why by hand: goccy/go-yaml, chosen for its positioned errors, spends about
// 27 µs on a five-line front matter — 0.8 s of CPU at 30,000 pages, the
// largest cost of a build after Markdown and templates. What this accepts
// is checked to decode exactly as the library does (FuzzFastFrontMatter).
func fastFrontMatter(fm []byte, out *FrontMatter) bool {
	if !utf8.Valid(fm) || bytes.ContainsFunc(fm, func(r rune) bool {
		// Control characters, and what YAML 1.1 also reads as a line break
		// or a byte-order mark.
		return r < ' ' && r != '\n' || r == 0x7f || r == 0x85 || r == 0x2028 || r == 0x2029 || r == 0xfeff
	}) {
		return false
	}
	var f FrontMatter // out is set only on success
	var seenKeys [16]string
	seen := seenKeys[:0]
	inBrief := false
	for len(fm) > 0 {
		line := fm
		if i := bytes.IndexByte(fm, '\n'); i >= 0 {
			line, fm = fm[:i], fm[i+1:]
		} else {
			fm = nil
		}
		if bytes.HasPrefix(line, []byte("  - ")) && inBrief {
			v, ok := scalarString(line[4:])
			if !ok {
				return false
			}
			f.Brief = append(f.Brief, v)
			continue
		}
		inBrief = false
		colon := bytes.IndexByte(line, ':')
		if colon <= 0 {
			return false
		}
		key, rest := string(line[:colon]), line[colon+1:]
		if slices.Contains(seen, key) {
			return false
		}
		seen = append(seen, key)
		if key == "brief" {
			inBrief = len(rest) == 0 // "brief: [...]" and the like go to the library
			if !inBrief {
				return false
			}
			continue
		}
		if len(rest) < 2 || rest[0] != ' ' {
			return false
		}
		val := rest[1:]
		switch key {
		case "weight":
			n, ok := plainInt(val)
			if !ok {
				return false
			}
			f.Weight = n
		case "menu":
			switch string(val) {
			case "true":
				f.Menu = true
			case "false":
				f.Menu = false
			default:
				return false
			}
		default:
			field := f.stringField(key)
			s, ok := scalarString(val)
			if field == nil || !ok { // an unknown key: the library says where
				return false
			}
			*field = s
		}
	}
	*out = f
	return true
}

// stringField is the string field of key, or nil for a key that is not one.
func (f *FrontMatter) stringField(key string) *string {
	switch key {
	case "title":
		return &f.Title
	case "linkTitle":
		return &f.LinkTitle
	case "description":
		return &f.Description
	case "slug":
		return &f.Slug
	case "key":
		return &f.Key
	case "status":
		return &f.Status
	case "translatedFrom":
		return &f.TranslatedFrom
	case "section":
		return &f.Section
	case "layout":
		return &f.Layout
	}
	return nil
}

// scalarString reads a value that YAML reads as this exact string: a
// double-quoted string without escapes, or a plain scalar that cannot be
// taken for anything else.
func scalarString(v []byte) (string, bool) {
	if len(v) == 0 || bytes.ContainsAny(v, "\t\r\\") || v[0] == ' ' || v[len(v)-1] == ' ' {
		return "", false
	}
	if v[0] == '"' {
		if len(v) < 2 || v[len(v)-1] != '"' || bytes.IndexByte(v[1:len(v)-1], '"') >= 0 {
			return "", false
		}
		return string(v[1 : len(v)-1]), true
	}
	// Plain: no indicator first, nothing YAML reads as a comment or a
	// mapping inside, nothing that looks like a number, boolean or null.
	if v[0] >= '0' && v[0] <= '9' && !wordWithDigits(v) ||
		bytes.IndexByte([]byte("-?:,[]{}#&*!|>'\"%@`~+."), v[0]) >= 0 ||
		bytes.Contains(v, []byte(": ")) || bytes.Contains(v, []byte(" #")) || v[len(v)-1] == ':' {
		return "", false
	}
	switch string(bytes.ToLower(v)) {
	case "null", "true", "false", "yes", "no", "on", "off", "y", "n":
		return "", false
	}
	return string(v), true
}

// wordWithDigits reports whether v, which starts with a digit, is a word
// YAML cannot read as a number or a date (a translation hash like
// 8b84421bc342): letters and digits only, with a letter that no number or
// date contains (e, x, o, b, t and z can: 1e5, 0x1f, 2025-12-01t10:00z),
// and not "0x…": after that prefix a-f are digits too (the library reads
// 0xcafe as the number 51966, hence the string "51966"). 0o and 0b need
// no such care: no letter is an octal or binary digit.
func wordWithDigits(v []byte) bool {
	if len(v) > 1 && v[0] == '0' && v[1] == 'x' {
		return false
	}
	word := false
	for _, c := range v {
		switch {
		case c >= '0' && c <= '9':
		case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z':
			if bytes.IndexByte([]byte("eExXoObBtTzZ"), c) < 0 {
				word = true
			}
		default:
			return false
		}
	}
	return word
}

// plainInt reads a decimal integer without sign, leading zeros or spaces.
func plainInt(v []byte) (int, bool) {
	if len(v) == 0 || len(v) > 9 || (v[0] == '0' && len(v) > 1) {
		return 0, false
	}
	for _, c := range v {
		if c < '0' || c > '9' {
			return 0, false
		}
	}
	n, err := strconv.Atoi(string(v))
	return n, err == nil
}

// Package textdir tells which way a text or a language is written, so the
// site can isolate a run that goes the other way than the page around it: a
// French source title or "art. 75" in an Arabic page, an Arabic name in a
// French one. Without isolation the Unicode bidi algorithm moves the run's
// punctuation and numbers to the wrong end ("(selon l’analyse du CIRÉ" shown
// as "CIRÉ) du …").
//
// Contract: pure functions of their arguments, no state, no I/O. Directions
// are "ltr" and "rtl"; "" means "no strong letter" (digits, punctuation).
package textdir

import (
	"html"

	"golang.org/x/text/language"
	"golang.org/x/text/unicode/bidi"
)

// FirstStrong is the direction of the first letter with a strong direction
// in s — Latin "ltr", Arabic or Hebrew "rtl" — or "" when it has none: the
// rule of HTML's dir="auto" (Unicode rules P2–P3).
func FirstStrong(s string) string {
	for _, r := range s {
		p, _ := bidi.LookupRune(r)
		switch p.Class() {
		case bidi.L:
			return "ltr"
		case bidi.R, bidi.AL:
			return "rtl"
		}
	}
	return ""
}

// rtlScripts are the scripts written right to left among those CLDR gives
// as a language's likely script.
var rtlScripts = map[string]bool{"Arab": true, "Hebr": true, "Syrc": true, "Thaa": true, "Nkoo": true, "Adlm": true, "Rohg": true, "Mand": true, "Samr": true}

// Of is the direction language code is written in: "rtl" for Arabic, Hebrew,
// Persian, Urdu…, "ltr" otherwise (from CLDR's likely script).
func Of(code string) string {
	s, _ := language.Make(code).Script()
	if rtlScripts[s.String()] {
		return "rtl"
	}
	return "ltr"
}

// Differs reports whether text s, shown in a page in language lang, starts
// with a letter written the other way than lang.
func Differs(s, lang string) bool {
	d := FirstStrong(s)
	return d != "" && d != Of(lang)
}

// Isolate returns escaped, the HTML of plain text s, wrapped in <bdi> when s
// goes the other way than lang; unchanged otherwise (so pages in a language
// whose texts all go its way are byte for byte what they were).
func Isolate(s, escaped, lang string) string {
	if Differs(s, lang) {
		return "<bdi>" + escaped + "</bdi>"
	}
	return escaped
}

// HTML escapes s and isolates it like Isolate.
func HTML(s, lang string) string { return Isolate(s, html.EscapeString(s), lang) }

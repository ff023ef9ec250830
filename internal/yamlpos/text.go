package yamlpos

import (
	"strings"

	"github.com/cire-asbl/fabrique/internal/diag"
	"github.com/cire-asbl/fabrique/internal/typography"
)

// Text is one text written in each of the site's languages:
//
//	label:
//	  fr: Votre titre de séjour expire-t-il ?
//	  nl: Verloopt uw verblijfsvergunning?
//
// It is checked against the site's languages once, here: a language the
// site does not have is an error (with "did you mean"); a language missing
// is a translation-pending notice, never a failure, and the source
// language's text stands in (In says so); the source language missing is an
// error. Each text gets its language's typography as it is loaded
// (internal/typography), so every output — page, diagram, aria-label,
// JSON-LD, leaflet — carries the same characters.
type Text struct {
	Text map[string]string // language → text, typeset
	Pos
	src string // the source language, which stands in for a missing one
}

// UnmarshalNode implements Unmarshaler.
func (t *Text) UnmarshalNode(d *Decoder, n *Node) {
	t.Pos = At(n)
	switch n.Kind {
	case Null:
		return
	case Map:
	default:
		d.Errorf(n, "a text per language is expected here (lines like \"fr: …\"), not %s", kindName(n))
		return
	}
	t.Text = make(map[string]string, len(n.Keys))
	for i, k := range n.Keys {
		lang := k.Value
		if !d.Language(k) {
			continue
		}
		s, ok := d.scalar(n.Vals[i], "a text")
		if !ok {
			continue
		}
		t.Text[lang] = typography.Text(lang, strings.TrimSpace(s))
	}
	if len(d.Langs) == 0 {
		return
	}
	t.src = d.Langs[0]
	if strings.TrimSpace(t.Text[t.src]) == "" {
		d.Errorf(n, "no %s text: add a line \"%s: …\" (the site's source language)", t.src, t.src)
		return
	}
	for _, lang := range d.Langs[1:] {
		if strings.TrimSpace(t.Text[lang]) == "" {
			delete(t.Text, lang)
			d.Pending(n, lang)
		}
	}
}

// Language reports whether the key k names a site language; an unknown one
// is reported at k with "did you mean" (among the languages and the other
// keys allowed next to them, if any). With no site languages given, every
// key is accepted.
func (d *Decoder) Language(k *Node, otherKeys ...string) bool {
	if d.Langs == nil || indexOf(d.Langs, k.Value) >= 0 {
		return true
	}
	known := append(append([]string(nil), d.Langs...), otherKeys...)
	d.Errorf(k, "%q is not a language of the site (%s)%s", k.Value, strings.Join(d.Langs, ", "), diag.DidYouMean(k.Value, known))
	return false
}

// Pending reports that the text at n has no lang version yet: a text to
// translate (diag.Untranslated), which never fails a build, even strict;
// the source language's text is shown meanwhile.
func (d *Decoder) Pending(n *Node, lang string) {
	p := At(n)
	d.Probs.Untranslatedf(d.Path, p.Line, p.Col, "not translated into %q yet: the %q text is shown (add a line \"%s: …\")", lang, d.Langs[0], lang)
}

// In returns the text in lang and the language it is written in: lang, or
// the source language standing in for a translation not written yet.
func (t Text) In(lang string) (text, written string) {
	if s, ok := t.Text[lang]; ok {
		return s, lang
	}
	if t.src != "" {
		return t.Text[t.src], t.src
	}
	return "", lang
}

// Get returns the text in lang (or the source language's, standing in).
func (t Text) Get(lang string) string {
	s, _ := t.In(lang)
	return s
}

// IsZero reports whether no text was written.
func (t Text) IsZero() bool { return len(t.Text) == 0 }

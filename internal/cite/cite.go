// Package cite holds the vocabulary shared by the legal domain (rules,
// calculators, sources, glossary) and the Markdown converter: a cited source
// with its pinpoint, and the small interfaces through which the converter
// asks the domain for a rule's value or a note's text.
//
// Contract: a leaf. It imports nothing of this module and no Markdown
// library, so the domain packages can name a citation without depending on
// the page renderer (leaf_test.go checks it with go list -deps).
package cite

// Ref is one cited source with an optional pinpoint ("art. 75", "p. 5").
type Ref struct {
	Key      string `yaml:"key"`
	Pinpoint string `yaml:"pinpoint"`
}

// RuleFormatter gives the value of a rule parameter in force on the site's
// reference date, in a language ("2 mois"), and the source it comes from.
type RuleFormatter interface {
	FormatRule(id, lang string) (text string, cite Ref, err error)
}

// Citer knows the legal sources and formats a footnote body for one.
type Citer interface {
	Known(key string) bool
	Note(ref Ref, lang string) (html string, err error)
}

// ShortNoter is implemented by a Citer that has a short form for a source
// already cited in full earlier on the page.
type ShortNoter interface {
	ShortNote(ref Ref, lang string) (html string, err error)
}

// PinpointRequirer is the optional interface of a Citer whose sources
// include legislation: a law or directive cited without a pinpoint (its
// article) is a warning, an error under -strict.
type PinpointRequirer interface {
	NeedsPinpoint(key string) bool
}

// NoteLabeler is implemented by a Citer that words the notes in the page's
// language: the visually hidden heading ("Notes") and the accessible name of
// a back-link, containing {n} ("Back to reference {n}").
type NoteLabeler interface {
	NoteLabels(lang string) (heading, backToRef string)
}

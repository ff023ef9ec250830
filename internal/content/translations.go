package content

import "fmt"

// Status is the state of one page in one language.
type Status int

const (
	OK          Status = iota // the source page, or a reviewed, current translation
	NotReviewed               // machine or volunteer translation not yet checked
	OutOfDate                 // the source page changed since this was translated
	Missing                   // no page in this language
)

func (s Status) String() string {
	return [...]string{"ok", "not reviewed", "out of date", "missing"}[s]
}

// Entry is one page across languages, found by its translation key.
type Entry struct {
	Key    string
	Source *Page            // the default-language page; nil if missing
	ByLang map[string]*Page // language → page
}

// Translations groups pages by key, in the order of first appearance (pages
// come sorted by language, then path).
func Translations(pages []*Page, defaultLang string) []*Entry {
	var out []*Entry
	idx := map[string]*Entry{}
	for _, p := range pages {
		e := idx[p.Key]
		if e == nil {
			e = &Entry{Key: p.Key, ByLang: map[string]*Page{}}
			idx[p.Key] = e
			out = append(out, e)
		}
		e.ByLang[p.Lang] = p
		if p.Lang == defaultLang {
			e.Source = p
		}
	}
	return out
}

// Status tells the translation state of the entry in lang.
func (e *Entry) Status(lang string) Status {
	p := e.ByLang[lang]
	switch {
	case p == nil:
		return Missing
	case p == e.Source || e.Source == nil:
		if p.FrontMatter.Status == "not-reviewed" {
			return NotReviewed
		}
		return OK
	case p.TranslatedFrom != e.Source.SourceHash():
		return OutOfDate
	case p.FrontMatter.Status == "not-reviewed":
		return NotReviewed
	}
	return OK
}

// CheckTranslations reports, through warn, translations that lost their
// source, record no source version, or are out of date. They are warnings:
// the page still builds, with a visible notice.
func CheckTranslations(entries []*Entry, langs []string, defaultLang string, warn func(p *Page, msg string)) {
	for _, e := range entries {
		for _, lang := range langs {
			p := e.ByLang[lang]
			if p == nil || lang == defaultLang {
				continue
			}
			switch {
			case e.Source == nil:
				warn(p, fmt.Sprintf("translation of %q has no %s source page", e.Key, defaultLang))
			case p.TranslatedFrom == "":
				warn(p, fmt.Sprintf("translatedFrom is not set: add \"translatedFrom: %s\" (the version of %s it translates)", e.Source.SourceHash(), e.Source.Path))
			case p.TranslatedFrom != e.Source.SourceHash():
				warn(p, fmt.Sprintf("translation may be out of date: %s changed (now %s, translated from %s); update the text, then set translatedFrom: %s", e.Source.Path, e.Source.SourceHash(), p.TranslatedFrom, e.Source.SourceHash()))
			}
		}
	}
}

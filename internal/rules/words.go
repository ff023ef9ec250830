package rules

import "github.com/cire-asbl/fabrique/internal/i18n"

// WithWords sets the options that take the rules' words from the site's
// strings files (internal/i18n): unit words and number formats (Count),
// status words (Words) and dates (Date).
func WithWords(opts LoadOptions, words *i18n.Set) LoadOptions {
	opts.Count = words.Counter()
	opts.Words = func(key, lang string) string { return words.Lang(lang).T(key) }
	opts.Date = func(d Date, lang string) string { return words.Lang(lang).Date(d.Year, d.Month, d.Day) }
	return opts
}

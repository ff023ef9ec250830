package calc

import "github.com/cire-asbl/fabrique/internal/i18n"

// UIFrom is the calculators' interface text of each language from the
// site's strings files ([calculator] and [calculator.errors], month names,
// date format, "not translated yet"): Options.UI.
func UIFrom(words *i18n.Set, langs []string) map[string]*UI {
	out := map[string]*UI{}
	for _, l := range langs {
		w := words.Lang(l)
		format, first := w.DateFormat()
		text := w.Table("calculator")
		text["date_format"], text["day_one"], text["not_translated"] = format, first, w.T("not_translated")
		out[l] = &UI{Text: text, Months: w.Months(), Errors: w.Table("calculator.errors"), MonthAliases: w.MonthAliases(), MonthsShort: w.List("calculator.months_short")}
	}
	return out
}

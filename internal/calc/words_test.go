package calc

import (
	"os"
	"sync"

	"github.com/cire-asbl/fabrique/internal/i18n"
	"github.com/cire-asbl/fabrique/internal/rules"
)

// The real data's interface words (calculator form, unit words) live in the
// site's strings files; tests that load the real data take them from there,
// as the site does (internal/site.calculatorUI).
var (
	wordsOnce sync.Once
	words     *i18n.Set
)

func realWords() *i18n.Set {
	wordsOnce.Do(func() {
		words, _ = i18n.Load(os.DirFS("../.."), "themes/default/i18n", langs, "fr")
	})
	return words
}

func ruleOpts() rules.LoadOptions {
	return rules.LoadOptions{Languages: langs, AsOf: rules.MustDate("2025-12-01"), Count: func(unit, raw, lang string) (string, error) {
		text, _, err := realWords().Lang(lang).Count(unit, raw)
		return text, err
	}}
}

func calcOpts(rs *rules.Set) Options {
	return Options{Rules: rs, Languages: langs, UI: UIFrom(realWords(), langs)}
}

package site

import (
	"os"
	"path/filepath"

	"github.com/cire-asbl/fabrique/internal/config"
	"github.com/cire-asbl/fabrique/internal/i18n"
	"github.com/cire-asbl/fabrique/internal/testsite"
)

// testWords loads the theme's strings files (the theme is code: tests use
// the real one), for tests that load data/ alone.
func testWords(cfg *config.Site) *i18n.Set {
	s, _ := i18n.Load(os.DirFS(filepath.Join(testsite.ThemesDir(), cfg.Theme)), "i18n", cfg.Codes(), cfg.DefaultLanguage)
	return s
}

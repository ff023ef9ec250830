package site

import (
	"io/fs"

	"github.com/cire-asbl/fabrique/internal/config"
	"github.com/cire-asbl/fabrique/internal/i18n"
)

// testWords loads the site's strings files, for tests that load data/ alone.
func testWords(fsys fs.FS, cfg *config.Site) *i18n.Set {
	s, _ := i18n.Load(fsys, "themes/"+cfg.Theme+"/i18n", cfg.Codes(), cfg.DefaultLanguage)
	return s
}

// Package config loads site.toml, the one file that says which languages the
// site has, in which order, its base URL, theme and reference date.
//
// Contract: Load never panics; every problem is a diag.Problem with the
// file's line and column. Languages keep the order of the file; the default
// language must be one of them. The reference date (asOf) is a civil date
// "YYYY-MM-DD" and is the only date the build knows: it never reads the clock.
// The title, written in the default language, comes typeset in that
// language (internal/typography), on every page whatever its language.
package config

import (
	"fmt"
	"io/fs"
	"net/url"
	"regexp"
	"strings"

	"github.com/cire-asbl/fabrique/internal/diag"
	"github.com/cire-asbl/fabrique/internal/textdir"
	"github.com/cire-asbl/fabrique/internal/typography"
	toml "github.com/pelletier/go-toml/v2"
	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

// Language is one language of the site.
type Language struct {
	Code string `toml:"code"` // BCP 47 tag, used in URLs: /{code}/
	Name string `toml:"name"` // the language's name in itself (default: CLDR's)
	Dir  string `toml:"dir"`  // "ltr" or "rtl" (default: its script's, from CLDR)
}

// Site is the parsed site.toml.
type Site struct {
	Title           string     `toml:"title"` // the site's name, in the default language, typeset
	BaseURL         string     `toml:"baseURL"`
	DefaultLanguage string     `toml:"defaultLanguage"`
	Theme           string     `toml:"theme"`
	AsOf            string     `toml:"asOf"`
	Languages       []Language `toml:"languages"`
	// Footer lists the translation keys of the pages linked from every
	// page's footer, in order (a page missing in a language is left out).
	Footer []string `toml:"footer"`
	// Sections gives, per section name (a page's "section:"), where its
	// breadcrumb points: a heading id on the home page and the interface
	// string naming it.
	Sections map[string]Section `toml:"sections"`
}

// Section is how pages of one section are placed in the breadcrumbs.
type Section struct {
	Anchor string `toml:"anchor"` // id of the home page's heading that lists the section
	Label  string `toml:"label"`  // key of the interface strings (themes/…/i18n) naming it
}

// Lang returns the language with code, if the site has it.
func (s *Site) Lang(code string) (Language, bool) {
	for _, l := range s.Languages {
		if l.Code == code {
			return l, true
		}
	}
	return Language{}, false
}

// Codes lists the language codes in site order.
func (s *Site) Codes() []string {
	out := make([]string, len(s.Languages))
	for i, l := range s.Languages {
		out[i] = l.Code
	}
	return out
}

var (
	langCode = regexp.MustCompile(`^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$`)
	civil    = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)
)

// knownKeys are every key site.toml may hold, for "did you mean".
var knownKeys = []string{"title", "baseURL", "defaultLanguage", "theme", "asOf", "footer", "languages", "sections", "code", "name", "dir", "anchor", "label"}

// Path is where the config lives in the site root.
const Path = "site.toml"

// Load reads and validates site.toml from fsys.
func Load(fsys fs.FS) (*Site, *diag.List) {
	problems := &diag.List{}
	src, err := fs.ReadFile(fsys, Path)
	if err != nil {
		problems.Errorf(Path, 0, 0, "cannot read the site configuration: %v (every site needs a site.toml at its root)", err)
		return nil, problems
	}
	var s Site
	dec := toml.NewDecoder(strings.NewReader(string(src))).DisallowUnknownFields()
	if err := dec.Decode(&s); err != nil {
		problems.AddTOML(Path, err, func(k []string) string {
			return diag.DidYouMean(k[len(k)-1], knownKeys) + " (allowed: title, baseURL, defaultLanguage, theme, asOf, footer, languages, sections; in [[languages]]: code, name, dir; in [sections.NAME]: anchor, label)"
		})
		return nil, problems
	}
	at := func(key string) (int, int) { return findKey(src, key) }
	if s.Theme == "" {
		s.Theme = "default"
	}
	if s.Title == "" {
		l, c := at("title")
		problems.Errorf(Path, l, c, "title is empty: give the site a name")
	}
	if u, err := url.Parse(s.BaseURL); err != nil || u.Scheme == "" || u.Host == "" || !strings.HasSuffix(s.BaseURL, "/") {
		l, c := at("baseURL")
		problems.Errorf(Path, l, c, "baseURL %q must be an absolute URL ending in /, like \"https://example.org/\"", s.BaseURL)
	}
	if !civil.MatchString(s.AsOf) || !validCivil(s.AsOf) {
		l, c := at("asOf")
		problems.Errorf(Path, l, c, "asOf %q must be a date written YYYY-MM-DD (the \"information as of\" date)", s.AsOf)
	}
	if len(s.Languages) == 0 {
		problems.Errorf(Path, 0, 0, "no [[languages]]: add at least one, e.g. [[languages]] code = \"fr\" name = \"Français\" dir = \"ltr\"")
	}
	seen := map[string]bool{}
	for i, l := range s.Languages {
		line, col := findNth(src, "[[languages]]", i)
		switch {
		case !langCode.MatchString(l.Code):
			problems.Errorf(Path, line, col, "language code %q is not a language tag like \"fr\" or \"pt-BR\"", l.Code)
		case seen[l.Code]:
			problems.Errorf(Path, line, col, "language %q is listed twice", l.Code)
		}
		seen[l.Code] = true
		// Name and direction default to CLDR's: the language's name in
		// itself (x/text/language/display), the direction of its script.
		if l.Name == "" && langCode.MatchString(l.Code) {
			s.Languages[i].Name = display.Self.Name(language.Make(l.Code))
		}
		if s.Languages[i].Name == "" {
			problems.Errorf(Path, line, col, "language %q has no name: write its name in itself, e.g. \"Nederlands\"", l.Code)
		}
		if l.Dir == "" {
			s.Languages[i].Dir = textdir.Of(l.Code)
		} else if l.Dir != "ltr" && l.Dir != "rtl" {
			problems.Errorf(Path, line, col, "language %q: dir must be \"ltr\" or \"rtl\", not %q", l.Code, l.Dir)
		}
	}
	if !seen[s.DefaultLanguage] {
		l, c := at("defaultLanguage")
		problems.Errorf(Path, l, c, "defaultLanguage %q is not one of the [[languages]]", s.DefaultLanguage)
	}
	if problems.Failed(false) {
		return nil, problems
	}
	s.Title = typography.Text(s.DefaultLanguage, s.Title)
	return &s, problems
}

func validCivil(s string) bool {
	var y, m, d int
	if _, err := fmt.Sscanf(s, "%4d-%2d-%2d", &y, &m, &d); err != nil {
		return false
	}
	if m < 1 || m > 12 || d < 1 {
		return false
	}
	dim := [...]int{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}[m-1]
	if m == 2 && (y%4 == 0 && (y%100 != 0 || y%400 == 0)) {
		dim = 29
	}
	return d <= dim
}

// findKey locates "key =" at the start of a line, for error positions.
func findKey(src []byte, key string) (int, int) {
	re := regexp.MustCompile(`(?m)^\s*` + regexp.QuoteMeta(key) + `\s*=`)
	if loc := re.FindIndex(src); loc != nil {
		return diag.LineCol(src, loc[0])
	}
	return 0, 0
}

func findNth(src []byte, s string, n int) (int, int) {
	off := 0
	for i := 0; ; i++ {
		j := strings.Index(string(src[off:]), s)
		if j < 0 {
			return 0, 0
		}
		if i == n {
			return diag.LineCol(src, off+j)
		}
		off += j + len(s)
	}
}

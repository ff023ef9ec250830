// Package render turns page data into HTML with the theme's html/template
// layouts and its interface strings (themes/{theme}/i18n/{lang}.toml).
//
// Contract:
//   - Templates are parsed once per build (Load); Execute is safe for
//     concurrent use.
//   - Every site language must have an i18n file with every key the default
//     language's file has; a missing file or key is a diag.Problem.
//   - Nothing here reads the clock, the network or the environment.
package render

import (
	"bytes"
	"fmt"
	"html/template"
	"io/fs"
	"path"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/cire-asbl/fabrique/internal/diag"
	toml "github.com/pelletier/go-toml/v2"
)

// Strings are the interface strings of one language.
type Strings struct {
	Lang   string
	values map[string]any
	dates  sync.Map // iso → formatted: every page's footer shows the same date
}

// T returns the string for key, or "[key]" so a gap is visible, never fatal
// (Load has already reported missing keys).
func (s *Strings) T(key string) string {
	if v, ok := s.values[key].(string); ok {
		return v
	}
	return "[" + key + "]"
}

// Months returns the twelve month names.
func (s *Strings) Months() []string {
	raw, _ := s.values["months"].([]any)
	out := make([]string, 0, 12)
	for _, m := range raw {
		if ms, ok := m.(string); ok {
			out = append(out, ms)
		}
	}
	return out
}

// Date formats a civil date "YYYY-MM-DD" in the language ("1 décembre 2025").
func (s *Strings) Date(iso string) string {
	if d, ok := s.dates.Load(iso); ok {
		return d.(string)
	}
	d := s.formatDate(iso)
	s.dates.Store(iso, d)
	return d
}

func (s *Strings) formatDate(iso string) string {
	parts := strings.Split(iso, "-")
	if len(parts) != 3 {
		return iso
	}
	y, _ := strconv.Atoi(parts[0])
	m, _ := strconv.Atoi(parts[1])
	d, _ := strconv.Atoi(parts[2])
	months := s.Months()
	if m < 1 || m > len(months) {
		return iso
	}
	day := strconv.Itoa(d)
	if d == 1 {
		// French writes the first of the month as an ordinal: "1er décembre".
		if first, ok := s.values["day_first"].(string); ok {
			day = first
		}
	}
	r := strings.NewReplacer("{d}", day, "{month}", months[m-1], "{y}", strconv.Itoa(y))
	return r.Replace(s.T("date_format"))
}

// optionalKeys are strings a language may leave out (a language-specific
// nicety, not an interface text).
var optionalKeys = map[string]bool{"day_first": true}

// Theme is a parsed theme.
type Theme struct {
	Dir     string // e.g. themes/default
	page    *template.Template
	chooser *template.Template
	strings map[string]*Strings
}

// Strings returns the strings of lang.
func (t *Theme) Strings(lang string) *Strings {
	if s, ok := t.strings[lang]; ok {
		return s
	}
	return &Strings{Lang: lang, values: map[string]any{}}
}

var tplLine = regexp.MustCompile(`template: [^:]+:(\d+): (.*)`)

// Load parses the theme's layouts and the i18n files of langs (the first is
// the reference for which keys must exist).
func Load(fsys fs.FS, dir string, langs []string) (*Theme, *diag.List) {
	problems := &diag.List{}
	t := &Theme{Dir: dir, strings: map[string]*Strings{}}
	parse := func(name string) *template.Template {
		p := path.Join(dir, "layouts", name)
		src, err := fs.ReadFile(fsys, p)
		if err != nil {
			problems.Errorf(p, 0, 0, "cannot read layout: %v", err)
			return nil
		}
		tpl, err := template.New(name).Parse(string(src))
		if err != nil {
			// "template: page.html:12: unexpected EOF" → page.html:12.
			line, msg := 0, err.Error()
			if m := tplLine.FindStringSubmatch(msg); m != nil {
				line, _ = strconv.Atoi(m[1])
				msg = m[2]
			}
			problems.Errorf(p, line, 0, "layout does not parse: %s (check that every {{ has its }} and every {{if}}/{{range}}/{{with}}/{{define}} its {{end}})", msg)
			return nil
		}
		return tpl
	}
	t.page = parse("page.html")
	t.chooser = parse("chooser.html")
	// Every other layout holds {{define}}d parts for the page layout's
	// template set (guide.html: the questionnaire's pages), rendered with
	// Fragment.
	others, _ := fs.Glob(fsys, path.Join(dir, "layouts", "*.html"))
	for _, p := range others {
		name := path.Base(p)
		if name == "page.html" || name == "chooser.html" || t.page == nil {
			continue
		}
		src, err := fs.ReadFile(fsys, p)
		if err != nil {
			problems.Errorf(p, 0, 0, "cannot read layout: %v", err)
			continue
		}
		if _, err := t.page.New(name).Parse(string(src)); err != nil {
			problems.Errorf(p, 0, 0, "template: %v", err)
		}
	}
	var ref map[string]any
	for i, lang := range langs {
		p := path.Join(dir, "i18n", lang+".toml")
		src, err := fs.ReadFile(fsys, p)
		if err != nil {
			problems.Errorf(p, 0, 0, "no interface strings for language %q: copy %s/i18n/%s.toml to %s and translate it", lang, dir, langs[0], p)
			continue
		}
		values := map[string]any{}
		if err := toml.Unmarshal(src, &values); err != nil {
			if de, ok := err.(*toml.DecodeError); ok {
				l, c := de.Position()
				problems.Errorf(p, l, c, "%s", de.Error())
			} else {
				problems.Errorf(p, 0, 0, "%v", err)
			}
			continue
		}
		t.strings[lang] = &Strings{Lang: lang, values: values}
		if i == 0 {
			ref = values
			continue
		}
		var missing []string
		for k := range ref {
			if _, ok := values[k]; !ok && !optionalKeys[k] {
				missing = append(missing, k)
			}
		}
		sort.Strings(missing)
		for _, k := range missing {
			problems.Errorf(p, 0, 0, "missing key %q (present in %s.toml): translate it", k, langs[0])
		}
	}
	for lang, s := range t.strings {
		if len(s.Months()) != 12 {
			problems.Errorf(path.Join(dir, "i18n", lang+".toml"), 0, 0, "months must list the twelve month names")
		}
	}
	return t, problems
}

// Page renders the page layout.
func (t *Theme) Page(data any) ([]byte, error) { return execute(t.page, data) }

// Fragment renders a template defined inside the page layout ({{define
// "menu"}}), for parts the build renders once and reuses across pages, or
// in another layout file of the theme.
func (t *Theme) Fragment(name string, data any) ([]byte, error) {
	if t.page == nil || t.page.Lookup(name) == nil {
		return nil, fmt.Errorf("layout page.html defines no %q", name)
	}
	var buf bytes.Buffer
	if err := t.page.ExecuteTemplate(&buf, name, data); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// Chooser renders the language chooser layout (the site's root and 404).
func (t *Theme) Chooser(data any) ([]byte, error) { return execute(t.chooser, data) }

func execute(tpl *template.Template, data any) ([]byte, error) {
	if tpl == nil {
		return nil, fmt.Errorf("layout not loaded")
	}
	var buf bytes.Buffer
	if h, ok := data.(interface{ SizeHint() int }); ok {
		buf.Grow(h.SizeHint()) // growing a page-sized buffer by doubling was a quarter of all allocation
	}
	if err := tpl.Execute(&buf, data); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

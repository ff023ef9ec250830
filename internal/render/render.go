// Package render turns page data into HTML with the theme's html/template
// layouts and its interface strings (themes/{theme}/i18n/{lang}.toml, read
// by internal/i18n).
//
// Contract:
//   - Templates are parsed once per build (Load); Execute is safe for
//     concurrent use.
//   - Every site language should have a strings file with every key the
//     default language's file has; a missing file or key is a warning and the
//     default language's text stands in (internal/i18n).
//   - theme.toml's [roles] says which layout plays each part the build
//     makes around pages (the search page, the glossary, the
//     questionnaire's start: see Roles); the build never names a layout.
//     An unknown role or a role naming no layout is an error at its line.
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
	"github.com/cire-asbl/fabrique/internal/i18n"
)

// Strings are the interface strings of one language (see internal/i18n),
// with the dates every page's footer repeats memoized.
type Strings struct {
	*i18n.Lang
	dates sync.Map // iso → formatted
}

// Date formats a civil date "YYYY-MM-DD" in the language ("1er décembre 2025").
func (s *Strings) Date(iso string) string {
	if d, ok := s.dates.Load(iso); ok {
		return d.(string)
	}
	d := s.ISODate(iso)
	s.dates.Store(iso, d)
	return d
}

// Theme is a parsed theme.
type Theme struct {
	Dir     string // e.g. themes/default
	I18n    *i18n.Set
	page    *template.Template
	chooser *template.Template
	strings map[string]*Strings
	layouts []string          // sorted names of the layout files, "page" included
	roles   map[string]string // layout → the role it plays (theme.toml)
}

// Strings returns the strings of lang.
func (t *Theme) Strings(lang string) *Strings {
	if s, ok := t.strings[lang]; ok {
		return s
	}
	return &Strings{Lang: t.I18n.Lang(lang)}
}

var tplLine = regexp.MustCompile(`template: [^:]+:(\d+): (.*)`)

// Load parses the theme's layouts and the strings files of langs (def, the
// default language's, is the reference for which keys exist).
func Load(fsys fs.FS, dir string, langs []string, def string) (*Theme, *diag.List) {
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
	// Every other file is a layout a page names in its front matter
	// (layout: glossary → glossary.html), parsed into the page layout's
	// template set so it may use and {{define}} parts (guide.html: the
	// questionnaire's pages), rendered with Layout and Fragment.
	others, _ := fs.Glob(fsys, path.Join(dir, "layouts", "*.html"))
	t.layouts = []string{PageLayout}
	for _, p := range others {
		name := path.Base(p)
		if name == "page.html" || name == "chooser.html" || t.page == nil {
			continue
		}
		t.layouts = append(t.layouts, strings.TrimSuffix(name, ".html"))
		src, err := fs.ReadFile(fsys, p)
		if err != nil {
			problems.Errorf(p, 0, 0, "cannot read layout: %v", err)
			continue
		}
		// A file's final newline is not part of the layout's output, so a
		// layout writes exactly what its text says.
		src = bytes.TrimSuffix(src, []byte("\n"))
		if _, err := t.page.New(name).Parse(string(src)); err != nil {
			problems.Errorf(p, 0, 0, "template: %v", err)
		}
	}
	if t.page != nil { // else the layouts are unknown: page.html's error is enough
		t.roles = loadRoles(fsys, dir, t.Layouts(), problems)
	}
	set, ps := i18n.Load(fsys, path.Join(dir, "i18n"), langs, def)
	problems.Merge(ps)
	t.I18n = set
	for _, lang := range langs {
		t.strings[lang] = &Strings{Lang: set.Lang(lang)}
	}
	return t, problems
}

// PageLayout is the default layout: the page's Markdown in page.html,
// with no layout file of its own.
const PageLayout = "page"

// Layouts lists the layouts a page may name: "page" and one per layout
// file besides page.html and chooser.html, sorted.
func (t *Theme) Layouts() []string {
	out := append([]string(nil), t.layouts...)
	sort.Strings(out)
	return out
}

// HasLayout reports whether a page may name layout.
func (t *Theme) HasLayout(name string) bool {
	for _, l := range t.layouts {
		if l == name {
			return true
		}
	}
	return false
}

// Layout renders the layout file name.html with data: the generated part
// of a page with that layout, placed in page.html by the build. The page
// layout has no file: its part is empty.
func (t *Theme) Layout(name string, data any) ([]byte, error) {
	if name == PageLayout {
		return nil, nil
	}
	return t.Fragment(name+".html", data)
}

// Defines reports whether the theme defines the template name (a layout's
// optional "{layout}.jsonld" part, for instance).
func (t *Theme) Defines(name string) bool { return t.page != nil && t.page.Lookup(name) != nil }

// Page renders the page layout.
func (t *Theme) Page(data any) ([]byte, error) { return execute(t.page, data) }

// PageTo is Page written into buf (after what it holds), for a caller that
// reuses its buffers.
func (t *Theme) PageTo(buf *bytes.Buffer, data any) error { return executeTo(buf, t.page, data) }

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
	var buf bytes.Buffer
	if err := executeTo(&buf, tpl, data); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func executeTo(buf *bytes.Buffer, tpl *template.Template, data any) error {
	if tpl == nil {
		return fmt.Errorf("layout not loaded")
	}
	if h, ok := data.(interface{ SizeHint() int }); ok {
		buf.Grow(h.SizeHint()) // growing a page-sized buffer by doubling was a quarter of all allocation
	}
	return tpl.Execute(buf, data)
}

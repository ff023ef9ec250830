// Package help loads data/help.yaml: the organisations a reader can contact
// (name, what they do, web site, phone, e-mail, address, opening hours) and
// which of them each pathway page shows.
//
// Contract: a contact detail is only ever shown if the file says where it was
// verified — `verified.source` (a key of data/sources.yaml, with a pinpoint)
// or `verified.url` (an official page, with the date it was read); an
// organisation without `verified` is an error, as is an unknown source key, a
// phone that is not in international form (+ and digits), a text missing in
// the default language or an unknown organisation in a pathway list; a text
// missing in another language is a text to translate (the default
// language's is shown, marked with its lang). The file is decoded by
// internal/yamlpos (unknown keys, languages, typography at load). All
// problems are reported at once with path:line:col. The package renders nothing:
// [Set.For] returns typed contacts that the theme's layout shows (tel: and
// mailto: links).
package help

import (
	"fmt"
	"io/fs"
	"regexp"
	"strings"

	"github.com/cire-asbl/fabrique/internal/diag"
	"github.com/cire-asbl/fabrique/internal/yamlpos"
)

// Text is a string per language; a plain string applies to every language
// (a proper name).
type Text map[string]string

// UnmarshalNode accepts "text" (a proper name, the same in every language)
// or {fr: …, nl: …}, decoded by yamlpos.Text: the site's languages checked
// there (the default one required, another missing a text to translate),
// each text typeset for its language.
func (t *Text) UnmarshalNode(d *yamlpos.Decoder, n *yamlpos.Node) {
	switch n.Kind {
	case yamlpos.Null:
		return
	case yamlpos.Scalar:
		*t = Text{"*": n.Value}
		return
	}
	var y yamlpos.Text
	d.Decode(n, &y)
	*t = y.Text
}

// In returns the text in lang.
func (t Text) In(lang string) string {
	if s, ok := t["*"]; ok {
		return s
	}
	return t[lang]
}

// Verified says where an organisation's details were checked.
type Verified struct {
	Source   string `yaml:"source"`
	Pinpoint Text   `yaml:"pinpoint"`
	URL      string `yaml:"url"`
	Read     string `yaml:"read"`
}

// Organisation is one entry of organisations:.
type Organisation struct {
	ID        string   `yaml:"-"`
	Name      Text     `yaml:"name"`
	About     Text     `yaml:"about"`
	Web       string   `yaml:"web"`
	Phone     string   `yaml:"phone"`
	PhoneText string   `yaml:"phoneText"`
	Email     string   `yaml:"email"`
	Address   string   `yaml:"address"`
	Hours     Text     `yaml:"hours"`
	Verified  Verified `yaml:"verified"`
}

type file struct {
	Organisations map[string]*Organisation `yaml:"organisations"`
	Default       []string                 `yaml:"default"`
	Pathways      map[string][]string      `yaml:"pathways"`
}

// Set is the loaded file. The zero value (no file) has no contacts.
type Set struct {
	orgs     map[string]*Organisation
	def      []string
	pathways map[string][]string
	lang     string // the default language, shown where a text is not translated
}

var (
	phoneRe = regexp.MustCompile(`^\+[0-9]{6,15}$`)
	emailRe = regexp.MustCompile(`^[^@\s]+@[^@\s]+\.[a-z]{2,}$`)
	dateRe  = regexp.MustCompile(`^[0-9]{4}-[0-9]{2}-[0-9]{2}$`)
)

// Load reads path. A missing file is an empty set. knownSource tells whether
// a data/sources.yaml key exists (nil: any key is accepted).
func Load(fsys fs.FS, path string, langs []string, knownSource func(string) bool) (*Set, *diag.List) {
	problems := &diag.List{}
	s := &Set{orgs: map[string]*Organisation{}, pathways: map[string][]string{}}
	if len(langs) > 0 {
		s.lang = langs[0]
	}
	src, err := fs.ReadFile(fsys, path)
	if err != nil {
		return s, problems
	}
	var f file
	root := yamlpos.File(path, src, &f, langs, problems)
	if root == nil {
		return s, problems
	}
	pos := positions(root)
	at := func(p string, format string, args ...any) {
		l := pos[p]
		problems.Errorf(path, l[0], l[1], format, args...)
	}
	for id, o := range f.Organisations {
		p := "$.organisations." + id
		if o == nil {
			at(p, "organisation %q is empty: give at least name, web and verified", id)
			continue
		}
		o.ID = id
		// Languages (the default one required, another missing a text to
		// translate) were checked as the texts were decoded (yamlpos.Text).
		if o.Name == nil {
			at(p, "organisation %q has no name: add name: (one for every language) or name: {%s: …}", id, s.lang)
		}
		v := o.Verified
		switch {
		case v.Source == "" && v.URL == "":
			at(p, "organisation %q says nowhere where its details were verified: add verified.source (a key of data/sources.yaml) or verified.url (an official page) — or remove the details", id)
		case v.Source != "" && knownSource != nil && !knownSource(v.Source):
			at(p+".verified.source", "unknown source %q (keys are in data/sources.yaml)", v.Source)
		case v.URL != "" && !strings.HasPrefix(v.URL, "https://"):
			at(p+".verified.url", "verified.url %q must be an https:// address", v.URL)
		case v.URL != "" && !dateRe.MatchString(v.Read):
			at(p+".verified", "verified.read must be the date the page was read, YYYY-MM-DD")
		}
		if o.Phone != "" && !phoneRe.MatchString(o.Phone) {
			at(p+".phone", "phone %q must be in international form, + and digits only (e.g. \"+3226297710\"); put the printed form in phoneText", o.Phone)
		}
		if o.Phone != "" && o.PhoneText == "" {
			o.PhoneText = o.Phone
		}
		if o.Email != "" && !emailRe.MatchString(o.Email) {
			at(p+".email", "email %q is not an address", o.Email)
		}
		if o.Web != "" && !strings.HasPrefix(o.Web, "https://") && !strings.HasPrefix(o.Web, "http://") {
			at(p+".web", "web %q must start with https://", o.Web)
		}
		s.orgs[id] = o
	}
	check := func(p string, ids []string) {
		for i, id := range ids {
			if _, ok := f.Organisations[id]; !ok {
				at(fmt.Sprintf("%s[%d]", p, i), "unknown organisation %q%s", id, suggest(id, f.Organisations))
			}
		}
	}
	check("$.default", f.Default)
	s.def = f.Default
	for k, ids := range f.Pathways {
		check("$.pathways."+k, ids)
		s.pathways[k] = ids
	}
	return s, problems
}

func suggest(id string, orgs map[string]*Organisation) string {
	var ids []string
	for k := range orgs {
		ids = append(ids, k)
	}
	if len(ids) == 0 {
		return ""
	}
	return " (organisations: " + strings.Join(sortStrings(ids), ", ") + ")"
}

func sortStrings(s []string) []string {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j] < s[j-1]; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
	return s
}

// positions maps YAML paths ($.a.b, $.a[0]) to the line and column of the
// key (or list item) that starts them.
func positions(root *yamlpos.Node) map[string][2]int {
	out := map[string][2]int{}
	var walk func(p string, n *yamlpos.Node)
	walk = func(p string, n *yamlpos.Node) {
		switch n.Kind {
		case yamlpos.Map:
			for i, k := range n.Keys {
				out[p+"."+k.Value] = [2]int{k.Line, k.Col}
				walk(p+"."+k.Value, n.Vals[i])
			}
		case yamlpos.Seq:
			for i, v := range n.Vals {
				out[fmt.Sprintf("%s[%d]", p, i)] = [2]int{v.Line, v.Col}
				walk(fmt.Sprintf("%s[%d]", p, i), v)
			}
		}
	}
	out["$"] = [2]int{root.Line, root.Col}
	walk("$", root)
	return out
}

// Contact is one organisation as a page shows it, in one language.
type Contact struct {
	ID, Name, About string
	// NameLang, AboutLang and HoursLang are the language of that text when
	// it is not the page's: not translated yet, the default language's text
	// is shown, and the page marks it with lang.
	NameLang, AboutLang, HoursLang string
	Web, WebText                   string
	Phone, PhoneText               string // Phone for tel:, PhoneText to read
	Email, Address                 string
	Hours                          string
	SourceKey, Pinpoint            string // verified in data/sources.yaml …
	SourceURL, Read                string // … or on this page, read that day
}

// For returns the contacts shown on the page with key pageKey, in lang:
// the pathway's list, or the default one.
func (s *Set) For(pageKey, lang string) []Contact {
	if s == nil {
		return nil
	}
	ids, ok := s.pathways[pageKey]
	if !ok {
		ids = s.def
	}
	var out []Contact
	for _, id := range ids {
		o := s.orgs[id]
		if o == nil {
			continue
		}
		c := Contact{ID: id, Web: o.Web,
			WebText: strings.TrimSuffix(strings.TrimPrefix(strings.TrimPrefix(strings.TrimPrefix(o.Web, "https://"), "http://"), "www."), "/"),
			Phone:   o.Phone, PhoneText: o.PhoneText, Email: o.Email, Address: o.Address,
			SourceKey: o.Verified.Source, Pinpoint: o.Verified.Pinpoint.In(lang), SourceURL: o.Verified.URL, Read: o.Verified.Read}
		c.Name, c.NameLang = s.text(o.Name, lang)
		c.About, c.AboutLang = s.text(o.About, lang)
		c.Hours, c.HoursLang = s.text(o.Hours, lang)
		out = append(out, c)
	}
	return out
}

// text returns t in lang, or else in the default language with that
// language's code (the page marks the text with lang).
func (s *Set) text(t Text, lang string) (string, string) {
	if v := t.In(lang); v != "" || s.lang == "" || lang == s.lang {
		return v, ""
	}
	if v := t.In(s.lang); v != "" {
		return v, s.lang
	}
	return "", ""
}

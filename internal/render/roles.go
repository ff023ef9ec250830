package render

// roles.go: the parts of a site the build makes around pages, and which
// layout plays each, as the theme says in theme.toml. The build asks
// "is this the language's search page?", never "is its layout named
// search?": a layout is renamed or added by editing the theme alone.

import (
	"io/fs"
	"path"
	"regexp"
	"sort"
	"strings"

	toml "github.com/pelletier/go-toml/v2"

	"github.com/cire-asbl/fabrique/internal/diag"
)

// Role is a part a layout may play: the build gives the pages with that
// layout something more than their layout file's output.
type Role struct {
	Name string // the key in theme.toml's [roles]
	What string // what the build does for the page of each language with that layout
}

// The roles the build knows.
const (
	RoleSearch   = "search"
	RoleGlossary = "glossary"
	RoleGuide    = "guide"
)

// Roles lists every role, in the order the README documents them.
var Roles = []Role{
	{RoleSearch, "the language's search page: the header's search form points at it (and is left out on it), it loads the search script, it is not itself indexed"},
	{RoleGlossary, "the language's glossary: `{term:id}` links point at its `#id` anchors, and search indexes each term as a section of it"},
	{RoleGuide, "the questionnaire's start page (`data/guide.yaml`): the questionnaire's pages are generated under its URL; the home page links to it"},
}

// ThemeFile is the theme's settings file, in the theme's folder.
const ThemeFile = "theme.toml"

// themeFile is what theme.toml may hold.
type themeFile struct {
	// Roles maps a role to the name of the layout that plays it.
	Roles map[string]string `toml:"roles"`
}

// loadRoles reads dir/theme.toml (optional: a theme without one gives no
// layout a role) and checks each role is known and names a layout the
// theme has. It returns the role of each layout.
func loadRoles(fsys fs.FS, dir string, layouts []string, problems *diag.List) map[string]string {
	p := path.Join(dir, ThemeFile)
	src, err := fs.ReadFile(fsys, p)
	if err != nil {
		return nil
	}
	var f themeFile
	if err := toml.NewDecoder(strings.NewReader(string(src))).DisallowUnknownFields().Decode(&f); err != nil {
		problems.AddTOML(p, err, func(k []string) string {
			return diag.DidYouMean(k[len(k)-1], []string{"roles"}) + ": " + ThemeFile + " has one table, [roles]"
		})
		return nil
	}
	known := make([]string, len(Roles))
	for i, r := range Roles {
		known[i] = r.Name
	}
	names := make([]string, 0, len(f.Roles))
	for role := range f.Roles {
		names = append(names, role)
	}
	sort.Strings(names)
	out := map[string]string{}
	for _, role := range names {
		layout := f.Roles[role]
		line, col := keyPos(src, role)
		switch {
		case !contains(known, role):
			problems.Errorf(p, line, col, "unknown role %q%s (roles: %s)", role, diag.DidYouMean(role, known), strings.Join(known, ", "))
		case !contains(layouts, layout) || layout == PageLayout:
			problems.Errorf(p, line, col, "role %s: the theme has no layout %q (%s/layouts/%s.html)%s; layouts: %s", role, layout, dir, layout, diag.DidYouMean(layout, layouts), strings.Join(layouts, ", "))
		case out[layout] != "":
			problems.Errorf(p, line, col, "layout %q plays two roles, %s and %s: give each role its own layout", layout, out[layout], role)
		default:
			out[layout] = role
		}
	}
	return out
}

// keyPos is the line and column of "key =" in a TOML file, for messages.
func keyPos(src []byte, key string) (int, int) {
	re := regexp.MustCompile(`(?m)^\s*"?` + regexp.QuoteMeta(key) + `"?\s*=`)
	if loc := re.FindIndex(src); loc != nil {
		return diag.LineCol(src, loc[0])
	}
	return 0, 0
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// Plays reports whether layout plays role (theme.toml's [roles]).
func (t *Theme) Plays(layout, role string) bool {
	return t != nil && t.roles[layout] == role && role != ""
}

// RoleOf is the role layout plays, "" for none.
func (t *Theme) RoleOf(layout string) string {
	if t == nil {
		return ""
	}
	return t.roles[layout]
}

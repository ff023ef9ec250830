package realsite

import (
	"io/fs"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/cire-asbl/fabrique/internal/config"
	"github.com/cire-asbl/fabrique/internal/pathway"
	"github.com/cire-asbl/fabrique/internal/rules"
	"github.com/cire-asbl/fabrique/internal/site"
	"github.com/cire-asbl/fabrique/internal/testsite"
)

// The one gate on the real site, besides the browser gates (TestSite). It
// checks properties, never a value an editor may change: the site builds
// strictly (which runs the prose checks: no figure typed by hand, nothing
// copied from the analysis), and one rule value — whichever the loader
// finds first in a pathway — edited in data/ changes the pages, the diagram,
// the calculators' script and rules.json. Go = JS on the real calculators is
// internal/calc's gate (its vectors live in data/, next to the calculators).

// realFS reads the repository's site into memory.
func realFS(t *testing.T) fstest.MapFS {
	t.Helper()
	m := fstest.MapFS{}
	root := os.DirFS(repoRoot)
	for _, top := range []string{"site.toml", "content", "data", "themes"} {
		err := fs.WalkDir(root, top, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			b, err := fs.ReadFile(root, p)
			m[p] = &fstest.MapFile{Data: b}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return m
}

func TestRealSiteBuildsStrict(t *testing.T) {
	res := site.Generate(realFS(t), site.Options{Strict: true})
	if res.Failed(true) {
		for _, p := range res.Problems.Sorted() {
			t.Errorf("%s", p.Error())
		}
		t.Fatal("the real site does not build with -strict (what CI runs): fix the problems above")
	}
}

func TestRealSingleSource(t *testing.T) {
	m := realFS(t)
	cfg, _ := config.Load(m)
	if cfg == nil {
		t.Fatal("site.toml does not load")
	}
	asOf, err := rules.ParseDate(cfg.AsOf)
	if err != nil {
		t.Fatal(err)
	}
	langs := cfg.Codes()
	words := testsite.Words(langs...)
	rs, ps := rules.Load(m, "data/rules", rules.WithWords(rules.LoadOptions{Languages: langs, Default: cfg.DefaultLanguage, AsOf: asOf}, words))
	if ps.Failed(false) {
		t.Fatalf("rules: %v", ps.Err())
	}
	pw, _ := pathway.Load(m, "data/pathways", pathway.Options{Langs: langs, Words: words.Prefixed("diagram"),
		Known:    func(id string) bool { _, ok := rs.Lookup(id); return ok },
		Duration: func(id, lang string) (string, error) { s, _, err := rs.FormatRule(id, lang); return s, err }})
	if pw == nil || len(pw.RuleIDs()) == 0 {
		t.Skip("no pathway uses a rule value: nothing to trace")
	}
	// The first rule a pathway uses, whatever it is, and its value on the
	// reference date, as written in its file.
	id := pw.RuleIDs()[0]
	p, _ := rs.Lookup(id)
	v, err := rs.Current(id)
	if err != nil {
		t.Fatal(err)
	}
	n, err := strconv.Atoi(v.Raw)
	if err != nil {
		t.Skipf("%s = %q is not a whole number", id, v.Raw)
	}
	before := site.Generate(m, site.Options{})
	if before.Failed(false) {
		t.Fatalf("real site fails: %v", before.Problems.Err())
	}
	lines := strings.SplitAfter(string(m[p.File].Data), "\n")
	valueRe := regexp.MustCompile(`^(\s*(?:-\s*)?value:\s*)` + regexp.QuoteMeta(v.Raw) + `(\s*(#.*)?\r?\n?)$`)
	edited := false
	for i := v.Line - 1; i < len(lines) && !edited; i++ {
		if valueRe.MatchString(lines[i]) {
			lines[i] = valueRe.ReplaceAllString(lines[i], "${1}"+strconv.Itoa(n+97)+"${2}")
			edited = true
		}
	}
	if !edited {
		t.Skipf("%s:%d: no \"value: %s\" line to edit", p.File, v.Line, v.Raw)
	}
	m[p.File] = &fstest.MapFile{Data: []byte(strings.Join(lines, ""))}
	rs2, _ := rules.Load(m, "data/rules", rules.WithWords(rules.LoadOptions{Languages: langs, Default: cfg.DefaultLanguage, AsOf: asOf}, words))
	after := site.Generate(m, site.Options{})
	if after.Failed(false) {
		t.Fatalf("edited site fails: %v", after.Problems.Err())
	}
	t.Logf("%s: %s → %d", id, v.Raw, n+97)
	for _, lang := range langs {
		own := 0
		for _, e := range after.Translations {
			if e.ByLang[lang] != nil {
				own++
			}
		}
		if own == 0 {
			t.Logf("%s: no page of its own yet (a language being translated)", lang)
			continue
		}
		want, _, err := rs2.FormatRule(id, lang)
		if err != nil {
			t.Fatal(err)
		}
		// A diagram may wrap the status words that follow a value onto the
		// next line: there the value itself ("101 mois") is looked for.
		v2, _ := rs2.Current(id)
		plain, err := rs2.FormatValue(id, v2, lang)
		if err != nil {
			t.Fatal(err)
		}
		// A diagram whose labels are not translated yet shows the default
		// language's label, with the value written in that language.
		plainDef, err := rs2.FormatValue(id, v2, cfg.DefaultLanguage)
		if err != nil {
			t.Fatal(err)
		}
		var pages, diagrams int
		for name, b := range after.Files {
			if !strings.HasPrefix(name, lang+"/") && !strings.HasPrefix(name, "diagrams/"+lang+"/") {
				continue
			}
			want := want
			if strings.HasSuffix(name, ".svg") {
				want = plain
				if !strings.Contains(string(b), plain) {
					want = plainDef
				}
			}
			if strings.Contains(string(b), want) && !strings.Contains(string(before.Files[name]), want) {
				if strings.HasSuffix(name, ".svg") {
					diagrams++
				} else {
					pages++
				}
			}
		}
		if pages == 0 || diagrams == 0 {
			t.Errorf("%s: %q reaches %d page(s) and %d diagram(s); want at least one of each", lang, want, pages, diagrams)
		}
	}
	if string(before.Files["data/rules.json"]) == string(after.Files["data/rules.json"]) {
		t.Error("data/rules.json did not change")
	}
	changedJS := 0
	for name, b := range after.Files {
		if strings.HasPrefix(name, "js/") && strings.Contains(name, "calc") && string(before.Files[name]) != string(b) {
			changedJS++
		}
	}
	if uses := usedByCalculators(m, id); uses && changedJS == 0 {
		t.Error("a calculator uses the value but its script did not change")
	}
}

// usedByCalculators reports whether data/calculators.yaml names the rule.
func usedByCalculators(m fstest.MapFS, id string) bool {
	f, ok := m["data/calculators.yaml"]
	return ok && strings.Contains(string(f.Data), id)
}

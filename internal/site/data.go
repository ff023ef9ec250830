package site

import (
	"bytes"
	"fmt"
	"html"
	"io/fs"
	"path"
	"strings"

	"github.com/alecthomas/chroma/v2"
	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/alecthomas/chroma/v2/styles"
	"golang.org/x/text/collate"
	"golang.org/x/text/language"

	"github.com/cire-asbl/fabrique/internal/calc"
	"github.com/cire-asbl/fabrique/internal/config"
	"github.com/cire-asbl/fabrique/internal/diag"
	"github.com/cire-asbl/fabrique/internal/glossary"
	"github.com/cire-asbl/fabrique/internal/guard"
	"github.com/cire-asbl/fabrique/internal/help"
	"github.com/cire-asbl/fabrique/internal/i18n"
	"github.com/cire-asbl/fabrique/internal/markdown"
	"github.com/cire-asbl/fabrique/internal/pathway"
	"github.com/cire-asbl/fabrique/internal/rules"
	"github.com/cire-asbl/fabrique/internal/sources"
)

// Data file locations, relative to the site root.
const (
	sourcesPath     = "data/sources.yaml"
	rulesDir        = "data/rules"
	calculatorsPath = "data/calculators.yaml"
	// vectorsPath holds the calculators' worked examples, checked by the build.
	vectorsPath  = "data/calculator-vectors.jsonl"
	pathwaysDir  = "data/pathways"
	glossaryPath = "data/glossary.yaml"
	// openDataExample is the rule file excerpted on the open-data page.
	openDataExample = "data/rules/single-permit.yaml"
)

// siteData holds everything loaded from data/ and knows how each part plugs
// into pages. Each part is optional: a site without data/ still builds
// (pages that use a missing part get an error where they use it).
type siteData struct {
	fsys     fs.FS
	sources  *sources.Set
	rules    *rules.Set
	calcs    *calc.Calculators
	pathways *pathway.Set
	glossary *glossary.Set
	leaflets *leafletData // data/leaflets.yaml
	rulesRaw []byte       // the example rule file, for the open-data page
	help     *help.Set

	// glossaryURL is the URL of the page playing the glossary role, per
	// language (theme.toml; set once pages are loaded, see builder.run).
	glossaryURL map[string]string
}

func exists(fsys fs.FS, p string) bool {
	_, err := fs.Stat(fsys, p)
	return err == nil
}

// guardData checks every YAML file under data/ for control characters,
// invalid UTF-8, anchors and aliases (see package guard), refuses symbolic
// links (as content.Load does), and reports whether all passed.
func guardData(fsys fs.FS, problems *diag.List) bool {
	ok := true
	_ = fs.WalkDir(fsys, "data", func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.Type()&fs.ModeSymlink != 0 {
			problems.Errorf(p, 0, 0, "is a symbolic link: links are not followed in data/ (data must be files of the site's own tree); copy the file here instead")
			ok = false
			return nil
		}
		if err != nil || d.IsDir() || path.Ext(p) != ".yaml" && path.Ext(p) != ".yml" {
			return nil
		}
		if src, err := fs.ReadFile(fsys, p); err == nil {
			if pr := guard.Size(p, src); pr != nil {
				problems.Add(*pr)
				ok = false
			} else if pr := guard.Text(p, src); pr != nil {
				problems.Add(*pr)
				ok = false
			} else if pr := guard.YAML(p, 0, src); pr != nil {
				problems.Add(*pr)
				ok = false
			}
		}
		return nil
	})
	return ok
}

// loadData loads data/ with the interface words of words (the strings
// files): unit words, calculator and diagram words and source labels are
// theirs, not the data files'.
func loadData(fsys fs.FS, cfg *config.Site, words *i18n.Set, problems *diag.List) *siteData {
	d := &siteData{fsys: fsys}
	langs := sourceFirst(cfg)
	var known, legislation func(string) bool
	if exists(fsys, sourcesPath) {
		s, ps := sources.Load(fsys, sourcesPath, langs)
		problems.Merge(ps)
		d.sources = s
		if s != nil {
			known, legislation = s.Known, s.IsLegislation
			s.Labels = sourceLabels(words, langs)
		}
	}
	if exists(fsys, rulesDir) {
		asOf, err := rules.ParseDate(cfg.AsOf)
		if err == nil {
			r, ps := rules.Load(fsys, rulesDir, rules.WithWords(rules.LoadOptions{KnownSource: known, Legislation: legislation, Languages: langs, AsOf: asOf, Default: cfg.DefaultLanguage}, words))
			problems.Merge(ps)
			d.rules = r
		}
		d.rulesRaw, _ = fs.ReadFile(fsys, openDataExample)
	}
	if exists(fsys, calculatorsPath) && d.rules != nil {
		var cite func(markdown.CiteRef, string) (string, error)
		if d.sources != nil {
			cite = d.sources.Note
		}
		c, ps := calc.Load(fsys, calculatorsPath, calc.Options{Rules: d.rules, Languages: langs, Cite: cite, UI: calc.UIFrom(words, langs), Default: cfg.DefaultLanguage})
		problems.Merge(ps)
		d.calcs = c
		if c != nil && !ps.Failed(false) {
			if src, err := fs.ReadFile(fsys, vectorsPath); err == nil {
				problems.Merge(c.CheckVectors(vectorsPath, src))
			}
		}
	}
	if exists(fsys, pathwaysDir) {
		opts := pathway.Options{Langs: langs, Words: words.Prefixed("diagram")}
		if d.rules != nil {
			opts.Known = func(id string) bool { _, ok := d.rules.Lookup(id); return ok }
			opts.Duration = func(id, lang string) (string, error) {
				text, _, err := d.rules.FormatRule(id, lang)
				return text, err
			}
		}
		p, ps := pathway.Load(fsys, pathwaysDir, opts)
		problems.Merge(ps)
		d.pathways = p
	}
	g, ps := glossary.Load(fsys, glossaryPath, langs, known)
	problems.Merge(ps)
	g.NotTranslated = map[string]string{}
	for _, l := range langs {
		g.NotTranslated[l] = words.Lang(l).T("not_translated")
	}
	d.glossary = g
	// A law or directive is cited with its article, here as in pages.
	if g != nil && legislation != nil {
		for _, e := range g.Entries() {
			for _, lang := range langs {
				if src := e.ByLng[lang].Source; src != nil && legislation(src.Key) && strings.TrimSpace(src.Pinpoint) == "" {
					problems.Warnf(glossaryPath, e.Line, 1, "term %s (%s): %s is a law or directive: cite it with its article (source: {key: %s, pinpoint: art. …})", e.ID, lang, src.Key, src.Key)
				}
			}
		}
	}
	d.help = loadHelp(fsys, langs, known, problems)
	d.leaflets = &leafletData{}
	return d
}

// sourceFirst lists the site's languages with the default (source) language
// first, as the data loaders expect.
func sourceFirst(cfg *config.Site) []string {
	out := []string{cfg.DefaultLanguage}
	for _, c := range cfg.Codes() {
		if c != cfg.DefaultLanguage {
			out = append(out, c)
		}
	}
	return out
}

// sourceLabels are the sources' interface words, from the strings files.
func sourceLabels(words *i18n.Set, langs []string) sources.Labels {
	lb := sources.Labels{Notes: map[string]string{}, BackToRef: map[string]string{}, CitedOn: map[string]string{}, InLanguage: map[string]string{},
		Date: func(lang string, y, m, d int) string {
			if d == 0 {
				return words.Lang(lang).MonthYear(y, m)
			}
			return words.Lang(lang).Date(y, m, d)
		},
		LanguageName: i18n.Name,
	}
	for _, l := range langs {
		w := words.Lang(l)
		lb.Notes[l], lb.BackToRef[l], lb.CitedOn[l], lb.InLanguage[l] = w.T("sources.notes"), w.T("sources.backToRef"), w.T("sources.citedOn"), w.T("sources.inLanguage")
	}
	return lb
}

// known lists the data ids of one kind, for "did you mean" in problems.
func (d *siteData) known(kind string) []string {
	switch {
	case kind == "rule" && d.rules != nil:
		return d.rules.IDs()
	case kind == "term" && d.glossary != nil:
		return d.glossary.IDs()
	case kind == "source" && d.sources != nil:
		return d.sources.Keys()
	case kind == "calculator" && d.calcs != nil:
		return d.calcs.IDs()
	case kind == "diagram" && d.pathways != nil:
		return d.pathways.IDs()
	}
	return nil
}

// pageBlocks renders {calculator:…} and {diagram:…} for one page. It counts
// calculators so two copies on a page never share an id. What the page
// embeds is recorded by the converter (markdown.Env.Embeds).
type pageBlocks struct {
	d     *siteData
	b     *builder
	dir   string
	count map[string]int
}

func (p *pageBlocks) Block(name, arg, lang string) (string, error) {
	switch name {
	case "calculator":
		if p.d.calcs == nil {
			return "", fmt.Errorf("no calculators loaded (%s)", calculatorsPath)
		}
		p.count[arg]++
		ex, err := p.b.workedExample(arg, lang)
		if err != nil {
			return "", err
		}
		return p.d.calcs.FormWithExample(arg, lang, p.count[arg], ex)
	case "diagram":
		if p.d.pathways == nil {
			return "", fmt.Errorf("no pathways loaded (%s)", pathwaysDir)
		}
		return p.d.pathways.Figure(arg, lang, p.dir, p.b.url(diagramPath(lang, arg)))
	}
	return "", fmt.Errorf("unknown block %q", name)
}

func diagramPath(lang, id string) string { return "/diagrams/" + lang + "/" + id + ".svg" }

func (d *siteData) needsCalculatorJS(env *markdown.Env) bool {
	return len(env.Embedded("calculator")) > 0
}

// glossaryLinks is the glossary as Markdown sees it: a term's text and the
// URL of its definition, built here from the anchor the glossary gives.
type glossaryLinks struct{ d *siteData }

func (g glossaryLinks) Term(id, lang string) (string, string, bool) {
	text, anchor, ok := g.d.glossary.Term(id, lang)
	return text, g.d.glossaryURL[lang] + "#" + anchor, ok
}

func (d *siteData) collator(lang string) func(a, b string) bool {
	c := collate.New(language.Make(lang), collate.IgnoreCase)
	return func(a, b string) bool { return c.CompareString(a, b) < 0 }
}

// checkUsage reports sources no page cites (a warning, an error under
// -strict), given which pages cite what (by language, then source key).
func (d *siteData) checkUsage(cited map[string]map[string][]sources.PageRef, problems *diag.List) {
	if d.sources == nil {
		return
	}
	all := map[string][]sources.PageRef{}
	for _, byKey := range cited {
		for k, v := range byKey {
			all[k] = append(all[k], v...)
		}
	}
	// A glossary definition's source counts as a citation.
	if d.glossary != nil {
		for _, e := range d.glossary.Entries() {
			for _, def := range e.ByLng {
				if def.Source != nil {
					all[def.Source.Key] = append(all[def.Source.Key], sources.PageRef{Title: "glossary"})
				}
			}
		}
	}
	problems.Merge(d.sources.CheckUnused(all))
}

func firstLines(s string, n int) string {
	lines := strings.SplitAfter(s, "\n")
	if len(lines) > n {
		lines = lines[:n]
	}
	return strings.Join(lines, "")
}

func highlightYAML(src string) string {
	lexer := lexers.Get("yaml")
	if lexer == nil {
		return "<pre>" + html.EscapeString(src) + "</pre>"
	}
	it, err := chroma.Coalesce(lexer).Tokenise(nil, src)
	if err != nil {
		return "<pre>" + html.EscapeString(src) + "</pre>"
	}
	var buf bytes.Buffer
	f := chromahtml.New(chromahtml.WithClasses(true), chromahtml.PreventSurroundingPre(false))
	if err := f.Format(&buf, styles.Get("github"), it); err != nil {
		return "<pre>" + html.EscapeString(src) + "</pre>"
	}
	return buf.String()
}

// css is generated CSS appended to the theme's stylesheet: chroma's classes,
// light and dark.
func (d *siteData) css() string {
	var buf bytes.Buffer
	f := chromahtml.New(chromahtml.WithClasses(true))
	_ = f.WriteCSS(&buf, styles.Get("github"))
	buf.WriteString("@media (prefers-color-scheme: dark){")
	_ = f.WriteCSS(&buf, styles.Get("github-dark"))
	buf.WriteString("}")
	// The theme's own background wins over the chroma style's.
	buf.WriteString(".chroma{background:var(--panel);color:var(--fg)}")
	return buf.String()
}

func (d *siteData) calculatorsJS() []byte {
	if d.calcs == nil {
		return nil
	}
	js, err := d.calcs.GenerateJS()
	if err != nil {
		return nil
	}
	return js
}

// Package content loads the pages of a site: content/{lang}/**.md, each a
// YAML front matter block between "---" lines followed by a Markdown body.
//
// Contract:
//   - Front matter keys are exactly those of FrontMatter; an unknown key, a
//     wrong type or bad YAML is a diag.Problem at the file's line and column.
//   - Every page has a translation key (front matter "key"); the pages of all
//     languages that share a key are translations of each other. A key used
//     twice in one language is an error.
//   - URLs are clean: content/fr/a/b.md → /fr/a/b/ (or /fr/{slug}/ when the
//     front matter sets slug); content/fr/index.md → /fr/.
//   - A translation records, in "translatedFrom", the SourceHash of the
//     default-language page it was translated from; Status tells whether it
//     is reviewed, not reviewed, out of date (hash differs) or missing.
//   - Title, linkTitle and description come typeset in the page's language
//     (internal/typography), so menus, breadcrumbs, search, JSON-LD and
//     leaflets show the same characters; SourceHash is over the text as
//     written, so typography never marks a translation out of date.
//   - Load never panics, whatever the bytes.
package content

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"path"
	"regexp"
	"sort"
	"strings"
	"sync"
	"unsafe"

	"github.com/cire-asbl/fabrique/internal/diag"
	"github.com/cire-asbl/fabrique/internal/guard"
	"github.com/cire-asbl/fabrique/internal/par"
	"github.com/cire-asbl/fabrique/internal/typography"
	"github.com/cire-asbl/fabrique/internal/yamlpos"
)

// FrontMatter is every key a page may set.
type FrontMatter struct {
	Title          string   `yaml:"title"`
	LinkTitle      string   `yaml:"linkTitle"` // short title for menus and breadcrumbs (default: title)
	Description    string   `yaml:"description"`
	Slug           string   `yaml:"slug"`
	Key            string   `yaml:"key"`
	Weight         int      `yaml:"weight"`
	Status         string   `yaml:"status"`         // reviewed | not-reviewed
	TranslatedFrom string   `yaml:"translatedFrom"` // SourceHash of the source page
	Menu           bool     `yaml:"menu"`           // listed in the main menu
	Section        string   `yaml:"section"`        // e.g. "pathways": breadcrumbs, previous/next
	Brief          []string `yaml:"brief"`          // "in brief" items, inline Markdown
	Layout         string   `yaml:"layout"`         // page (default) or a layout file of the theme: glossary → layouts/glossary.html
}

// Page is one Markdown file of one language.
type Page struct {
	Lang       string
	Path       string // path in the site root, e.g. content/fr/about.md
	Source     []byte // whole file
	BodyOffset int    // where the Markdown body starts in Source
	FrontMatter
	URL string // site-relative, e.g. /fr/about/

	hashOnce sync.Once
	hash     string
	// written is title, linkTitle and description as the editor wrote
	// them, when typesetting changed them (nil: the fields are as written).
	written *[3]string
}

// ShortTitle is the title used in menus and breadcrumbs.
func (p *Page) ShortTitle() string {
	if p.LinkTitle != "" {
		return p.LinkTitle
	}
	return p.Title
}

// Body is the Markdown after the front matter (nil after Release).
func (p *Page) Body() []byte {
	if p.Source == nil {
		return nil
	}
	return p.Source[p.BodyOffset:]
}

// Text is Source as a string, without copying it (on a large site that
// copy was a hundred megabytes of new memory for one read). It is sound
// because Source is never written in place once loaded: a change replaces
// it whole, as the title line's blanking below does, so the string cannot
// change under its readers.
func (p *Page) Text() string {
	return unsafe.String(unsafe.SliceData(p.Source), len(p.Source))
}

// Release drops the page's bytes once the build is done with them, keeping
// what was derived from them (its SourceHash is computed first). On a large
// site the Markdown is a good part of what a build holds.
func (p *Page) Release() {
	p.SourceHash()
	p.Source = nil
}

// SourceHash identifies the version of what a translator translates — the
// title, description, "in brief" items and body — so a change to any of them
// marks the translations out of date. Translations record it.
func (p *Page) SourceHash() string {
	p.hashOnce.Do(func() { p.hash = p.computeHash() })
	return p.hash
}

func (p *Page) computeHash() string {
	h := sha256.New()
	texts := [3]string{p.Title, p.LinkTitle, p.Description}
	if p.written != nil {
		texts = *p.written
	}
	for _, s := range append(texts[:], p.Brief...) {
		h.Write([]byte(strings.TrimSpace(s)))
		h.Write([]byte{0})
	}
	h.Write(bytes.TrimSpace(p.Body()))
	return hex.EncodeToString(h.Sum(nil)[:6])
}

// Dir is the content folder in the site root.
const Dir = "content"

var (
	layoutRe = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`)
	keyRe    = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*(/[a-z0-9][a-z0-9-]*)*$`)
	slugRe   = regexp.MustCompile(`^[\p{Ll}\p{Lo}0-9][\p{Ll}\p{Lo}0-9-]*(/[\p{Ll}\p{Lo}0-9][\p{Ll}\p{Lo}0-9-]*)*$`)
)

// Load reads every page of the given languages, sorted by language order then
// path. Problems cover front matter and per-language uniqueness.
func Load(fsys fs.FS, langs []string) ([]*Page, *diag.List) { return LoadWith(fsys, langs, nil) }

// ParseFunc parses one file (Parse, or a caching wrapper around it).
type ParseFunc func(path, lang string, src []byte, problems *diag.List) *Page

// LoadWith is Load with a custom parser (nil means Parse).
func LoadWith(fsys fs.FS, langs []string, parse ParseFunc) ([]*Page, *diag.List) {
	if parse == nil {
		parse = Parse
	}
	problems := &diag.List{}
	var pages []*Page
	for _, lang := range langs {
		root := path.Join(Dir, lang)
		if _, err := fs.Stat(fsys, root); err != nil {
			// A language just added: a warning, the switcher links the
			// source pages until translations exist.
			problems.Untranslatedf(root, 0, 0, "language %q has no content folder yet: create %s/index.md", lang, root)
			continue
		}
		var paths []string
		err := fs.WalkDir(fsys, root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				problems.Errorf(p, 0, 0, "cannot read: %v", err)
				return nil
			}
			if p == root {
				return nil
			}
			if d.Type()&fs.ModeSymlink != 0 {
				problems.Errorf(p, 0, 0, "is a symbolic link: links are not followed in %s/ (a page must be a file of the site's own tree); copy the file here instead", Dir)
				return nil
			}
			if msg := checkName(d.Name(), d.IsDir()); msg != "" {
				problems.Errorf(p, 1, 1, "%s", msg)
				if d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if !d.IsDir() && strings.HasSuffix(p, ".md") {
				paths = append(paths, p)
			}
			return nil
		})
		if err != nil {
			problems.Errorf(root, 0, 0, "cannot walk: %v", err)
		}
		sort.Strings(paths)
		// Front matter parsing dominates loading a large site: parse on
		// every core, keep the sorted order.
		parsed := make([]*Page, len(paths))
		par.Each(len(paths), func(i int) {
			src, err := fs.ReadFile(fsys, paths[i])
			if err != nil {
				problems.Errorf(paths[i], 0, 0, "cannot read: %v", err)
				return
			}
			parsed[i] = parse(paths[i], lang, src, problems)
		})
		for _, page := range parsed {
			if page != nil {
				pages = append(pages, page)
			}
		}
	}
	checkUnique(pages, problems)
	return pages, problems
}

// decodeFrontMatter is the slow path: the front matter (which starts on
// line 2 of path) decoded by yamlpos like every data file, every problem at
// its line:col. It reports whether the front matter decoded cleanly.
func decodeFrontMatter(path string, fm []byte, out *FrontMatter, problems *diag.List) bool {
	var probs diag.List
	root := yamlpos.ParseAt(path, 1, fm, &probs)
	if root != nil {
		d := &yamlpos.Decoder{Path: path, Probs: &probs, Where: " in the front matter"}
		if b := root.Get("brief"); b != nil && b.Kind == yamlpos.Seq {
			for _, it := range b.Vals {
				if it.Kind == yamlpos.Map {
					d.Errorf(it, "a brief item is not plain text: put quotes around items that contain \": \" (e.g. - \"Durée : 1 an\")")
					root = nil
					break
				}
			}
		}
		if root != nil {
			d.Decode(root, out)
		}
	}
	problems.Merge(&probs)
	errs, _ := probs.Count()
	return errs == 0
}

// Parse reads one page. It returns nil when the page cannot be used.
func Parse(p, lang string, src []byte, problems *diag.List) *Page {
	page := &Page{Lang: lang, Path: p, Source: src}
	fm, bodyOffset, ok := splitFrontMatter(src)
	if !ok {
		problems.Errorf(p, 1, 1, "no front matter: start the file with a line \"---\", the keys (title, key…), then \"---\"")
		return nil
	}
	page.BodyOffset = bodyOffset
	// Before either decoder: an alias bomb must never be expanded, and no
	// invisible control character or broken UTF-8 reaches a page.
	if pr := guard.Size(p, src); pr != nil {
		problems.Add(*pr)
		return nil
	}
	if pr := guard.Text(p, src); pr != nil {
		problems.Add(*pr)
		return nil
	}
	if pr := guard.YAML(p, 1, fm); pr != nil {
		problems.Add(*pr)
		return nil
	}
	if !fastFrontMatter(fm, &page.FrontMatter) && !decodeFrontMatter(p, fm, &page.FrontMatter, problems) {
		return nil
	}
	at := func(key string) (int, int) {
		re := regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(key) + `\s*:`)
		if loc := re.FindIndex(fm); loc != nil {
			l, c := diag.LineCol(fm, loc[0])
			return l + 1, c
		}
		return 1, 1
	}
	fmEnd := func() (int, int) { return diag.LineCol(src, bodyOffset) }
	rel := strings.TrimSuffix(strings.TrimPrefix(p, path.Join(Dir, lang)+"/"), ".md")
	page.headingTitle(p, fmEnd, problems)
	for i, item := range page.Brief {
		if strings.TrimSpace(item) == "" {
			// An empty bullet reads as a stray dot to a screen reader.
			l, _ := at("brief")
			problems.Errorf(p, l+1+i, 3, "brief item %d is empty: write its text or delete the line", i+1)
		}
	}
	if strings.TrimSpace(page.Title) == "" {
		l, _ := fmEnd()
		problems.Errorf(p, l-1, 1, "missing title: add \"title: …\" to the front matter, or start the text with a \"# Title\" line")
	}
	if page.Key == "" {
		// The Hugo convention: a page is identified by its path inside its
		// language folder, so content/fr/a/b.md and content/nl/a/b.md are
		// translations of each other without a "key:" line.
		page.Key = DefaultKey(rel)
	}
	if !keyRe.MatchString(page.Key) {
		l, c := at("key")
		if !bytes.Contains(fm, []byte("key")) {
			l, c = 1, 1
			problems.Errorf(p, l, c, "the file name %q cannot be a translation key (lowercase letters, digits and dashes): rename the file, or add \"key: my-page\" to the front matter", path.Base(p))
		} else {
			problems.Errorf(p, l, c, "key %q must be lowercase letters, digits and dashes; it links the translations of one page, e.g. \"key: about\"", page.Key)
		}
	}
	if page.Slug != "" && !slugRe.MatchString(page.Slug) {
		l, c := at("slug")
		problems.Errorf(p, l, c, "slug %q: use lowercase words separated by dashes, e.g. \"slug: a-propos\"", page.Slug)
	}
	switch page.Status {
	case "":
		page.Status = "reviewed"
	case "reviewed", "not-reviewed":
	default:
		l, c := at("status")
		problems.Errorf(p, l, c, "status %q must be \"reviewed\" or \"not-reviewed\"", page.Status)
	}
	if page.Layout == "" {
		page.Layout = "page"
	}
	// Which layouts exist is the theme's business (the build checks the
	// name against its layout files); here only that it can be a file name.
	if !layoutRe.MatchString(page.Layout) {
		l, c := at("layout")
		problems.Errorf(p, l, c, "layout %q: a layout is the name of a file of the theme's layouts/ folder, in lowercase letters, digits and dashes (e.g. \"layout: glossary\")", page.Layout)
	}
	switch {
	case page.Slug != "":
		page.URL = "/" + lang + "/" + page.Slug + "/"
	case rel == "index":
		page.URL = "/" + lang + "/"
	case strings.HasSuffix(rel, "/index"):
		page.URL = "/" + lang + "/" + strings.TrimSuffix(rel, "/index") + "/"
	default:
		page.URL = "/" + lang + "/" + rel + "/"
	}
	page.typeset()
	return page
}

// typeset applies the page language's typography to its title, short title
// and description, keeping what was written for SourceHash.
func (page *Page) typeset() {
	w := [3]string{page.Title, page.LinkTitle, page.Description}
	page.Title = typography.Text(page.Lang, page.Title)
	page.LinkTitle = typography.Text(page.Lang, page.LinkTitle)
	page.Description = typography.Text(page.Lang, page.Description)
	if w != [3]string{page.Title, page.LinkTitle, page.Description} {
		page.written = &w
	}
}

// DefaultKey is the translation key of a page without "key:": its path
// inside its language folder, without ".md" or a final "/index".
func DefaultKey(rel string) string { return strings.TrimSuffix(rel, "/index") }

// headingTitle applies the MkDocs convention to a body that starts with a
// "# Heading" (a document pasted from a word processor usually does): it
// becomes the title when the front matter has none, is dropped when it
// repeats the title, and is an error at its line otherwise (a page has one
// h1, its title).
func (page *Page) headingTitle(p string, fmEnd func() (int, int), problems *diag.List) {
	body := page.Source[page.BodyOffset:]
	first := true // no heading seen yet
	fence := ""
	for off := 0; off < len(body); {
		nl := bytes.IndexByte(body[off:], '\n')
		line := body[off:]
		if nl >= 0 {
			line = body[off : off+nl]
		}
		start := off
		if nl < 0 {
			off = len(body)
		} else {
			off += nl + 1
		}
		t := bytes.TrimRight(line, "\r \t")
		if f := bytes.TrimLeft(t, " "); bytes.HasPrefix(f, []byte("```")) || bytes.HasPrefix(f, []byte("~~~")) {
			switch {
			case fence == "":
				fence = string(f[:3])
			case bytes.HasPrefix(f, []byte(fence)):
				fence = ""
			}
			continue
		}
		if fence != "" || !bytes.HasPrefix(t, []byte("#")) {
			continue
		}
		if !bytes.HasPrefix(t, []byte("# ")) {
			first = false // "## …": a section heading
			continue
		}
		heading := strings.TrimSpace(strings.TrimRight(string(t[2:]), "#"))
		title := strings.TrimSpace(page.Title)
		l, _ := diag.LineCol(page.Source, page.BodyOffset+start)
		switch {
		case first && title == "":
			page.Title = heading
		case first && heading == title:
		case first:
			problems.Errorf(p, l, 1, "this \"# %s\" is a second title (the page's title is %q): remove the line, or make it a section with \"## \"", heading, title)
			return
		default:
			problems.Errorf(p, l, 1, "\"# %s\" is a level-1 heading: the title is the page's only h1; start sections with \"## \"", heading)
			return
		}
		first = false
		// Drop the heading line: the layout prints the title as the page's
		// h1. Blank it rather than cut it, so body positions keep their lines.
		src := append([]byte(nil), page.Source...)
		for j := page.BodyOffset + start; j < page.BodyOffset+start+len(line); j++ {
			src[j] = ' '
		}
		page.Source = src
		body = src[page.BodyOffset:]
	}
}

// splitFrontMatter returns the YAML between the first two "---" lines and
// the offset of the body.
func splitFrontMatter(src []byte) (fm []byte, bodyOffset int, ok bool) {
	s := src
	if bytes.HasPrefix(s, []byte("\ufeff")) {
		s = s[3:]
	}
	skip := len(src) - len(s)
	if !bytes.HasPrefix(s, []byte("---\n")) && !bytes.HasPrefix(s, []byte("---\r\n")) {
		return nil, 0, false
	}
	start := bytes.IndexByte(s, '\n') + 1
	rest := s[start:]
	off := 0
	for off <= len(rest) {
		nl := bytes.IndexByte(rest[off:], '\n')
		line := rest[off:]
		if nl >= 0 {
			line = rest[off : off+nl]
		}
		if string(bytes.TrimRight(line, "\r \t")) == "---" {
			end := off + len(line)
			if nl >= 0 {
				end = off + nl + 1
			}
			return rest[:off], skip + start + end, true
		}
		if nl < 0 {
			break
		}
		off += nl + 1
	}
	return nil, 0, false
}

func checkUnique(pages []*Page, problems *diag.List) {
	byURL := map[string]*Page{}
	byKey := map[string]*Page{}
	for _, p := range pages {
		if q, dup := byURL[p.URL]; dup {
			problems.Errorf(p.Path, 1, 1, "output URL %s is also produced by %s: change the slug of one of them", p.URL, q.Path)
		} else {
			byURL[p.URL] = p
		}
		k := p.Lang + "\x00" + p.Key
		if q, dup := byKey[k]; dup && p.Key != "" {
			problems.Errorf(p.Path, 1, 1, "translation key %q is also used by %s in the same language: each page of a language needs its own key", p.Key, q.Path)
		} else {
			byKey[k] = p
		}
	}
}

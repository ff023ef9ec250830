package markdown_test

import (
	"bytes"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/cire-asbl/fabrique/internal/markdown"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Without an Env (a conversion outside a site build) nothing panics:
// citations are still numbered, spelled out as text, with English labels.
func TestNotesWithoutEnv(t *testing.T) {
	var buf bytes.Buffer
	src := "Texte[@loi-1980, art. 75] et note[^1].\n\n[^1]: Une note.\n"
	if err := newMarkdown().Convert([]byte(src), &buf); err != nil {
		t.Fatal(err)
	}
	got := buf.String()
	for _, want := range []string{
		`<sup><a href="#note-1" id="ref-1" aria-describedby="notes-label">1</a></sup>`,
		`<li id="note-1"><p>@loi-1980, art. 75. <a href="#ref-1" aria-label="Back to reference 1">`,
		`<h2 id="notes-label" class="visually-hidden">Notes</h2>`,
		`<p>Une note. <a href="#ref-2" aria-label="Back to reference 2">`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("want %s in\n%s", want, got)
		}
	}
}

// ruleInserter stands for directive.go: a transformer that runs before the
// notes transformer and inserts a citation after a rule value.
type ruleInserter struct{}

func (ruleInserter) Transform(doc *ast.Document, _ text.Reader, _ parser.Context) {
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if p, ok := n.(*ast.Paragraph); ok && entering {
			p.AppendChild(p, markdown.NewCitation([]markdown.CiteRef{{Key: "loi-1980", Pinpoint: "art. 61/25-2"}, {Key: "gone"}}, 0))
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
}

type ruleExt struct{}

func (ruleExt) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithASTTransformers(util.Prioritized(ruleInserter{}, 50)))
}

// Citations inserted by another extension before the notes transformer are
// numbered in reading order, checked, and recorded like written ones.
func TestInsertedCitationsAreNumberedAndChecked(t *testing.T) {
	md := goldmark.New(goldmark.WithExtensions(extension.GFM, extension.Footnote, markdown.Citations, ruleExt{}))
	html, probs, env := convert(t, md, "en", fakeCiter{}, "First[@cire-2025].\n")
	if !strings.Contains(html, `First<sup><a href="#note-1" id="ref-1" aria-describedby="notes-label">1</a></sup>.<sup><a href="#note-2" id="ref-2"`) {
		t.Errorf("numbering:\n%s", html)
	}
	if !strings.Contains(html, `loi-1980</a>, art. 61/25-2; @gone.`) {
		t.Errorf("note body:\n%s", html)
	}
	if probs != `page.md:1:1: unknown source "gone" in citation (see data/sources.yaml)` {
		t.Errorf("problems: %q", probs)
	}
	want := []markdown.CiteRef{{Key: "cire-2025"}, {Key: "loi-1980", Pinpoint: "art. 61/25-2"}, {Key: "gone"}}
	if !slices.Equal(env.Cited, want) {
		t.Errorf("Cited = %v", env.Cited)
	}
}

// Note numbering follows reading order across blocks, footnotes reuse their
// number, ids are unique and recorded in env.IDs, and a reference inside a
// link is moved after it (links cannot nest).
func TestNoteNumberingAndIDs(t *testing.T) {
	tests := []struct {
		name, src string
		refs      []string // ids of the reference links, in order
	}{
		{"citations only", "a[@loi-1980] b[@cire-2025]\n\nc[@loi-1980]\n", []string{"ref-1", "ref-2", "ref-3"}},
		{"footnote reused", "a[^x] b[@cire-2025] c[^x] d[^x]\n\n[^x]: X.\n", []string{"ref-1", "ref-2", "ref-1-2", "ref-1-3"}},
		{"footnote first defined last", "[^b] then [^a]\n\n[^a]: A.\n[^b]: B.\n", []string{"ref-1", "ref-2"}},
		{"in a heading and a quote", "# Titre[@loi-1980]\n\n> cité[^q]\n\n[^q]: Q.\n", []string{"ref-1", "ref-2"}},
		{"footnote in a link", "[lien[^q]](https://example.org)\n\n[^q]: Q.\n", []string{"ref-1"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			html, probs, env := convert(t, newMarkdown(), "fr", fakeCiter{}, tt.src)
			if probs != "" {
				t.Errorf("problems: %s", probs)
			}
			var got []string
			for _, m := range refIDRE.FindAllStringSubmatch(html, -1) {
				got = append(got, m[1])
			}
			if !slices.Equal(got, tt.refs) {
				t.Errorf("refs %v, want %v\n%s", got, tt.refs, html)
			}
			for _, id := range tt.refs {
				if !slices.Contains(env.IDs, id) || strings.Count(html, `id="`+id+`"`) != 1 {
					t.Errorf("id %s not recorded or not unique: %v", id, env.IDs)
				}
				if !strings.Contains(html, `href="#`+id+`"`) {
					t.Errorf("no back-link to %s", id)
				}
			}
			if nestedRE.MatchString(html) || strings.Count(html, "<section class=\"notes\"") != 1 {
				t.Errorf("nested link or notes sections:\n%s", html)
			}
		})
	}
}

var nestedRE = regexp.MustCompile(`<a [^>]*>[^<]*<sup><a `)

var refIDRE = regexp.MustCompile(`id="(ref-[0-9-]+)" aria-describedby="notes-label"`)

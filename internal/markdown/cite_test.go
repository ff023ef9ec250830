package markdown_test

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cire-asbl/fabrique/internal/diag"
	"github.com/cire-asbl/fabrique/internal/markdown"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/cite")

// fakeCiter knows three keys and formats notes so the language and pinpoint
// show in the output; NoteLabels words the notes per language.
type fakeCiter struct{}

func (fakeCiter) Known(key string) bool {
	return key == "loi-1980" || key == "dir-2011-98" || key == "cire-2025"
}

func (fakeCiter) Note(ref markdown.CiteRef, lang string) (string, error) {
	s := fmt.Sprintf(`<a href="https://example.org/%s/%s">%s</a>`, strings.ToUpper(lang), ref.Key, ref.Key)
	if ref.Pinpoint != "" {
		s += ", " + ref.Pinpoint
	}
	return s + ".", nil
}

func (fakeCiter) NoteLabels(lang string) (string, string) {
	switch lang {
	case "fr":
		return "Notes", "Retour à la référence {n}"
	case "nl":
		return "Noten", "Terug naar verwijzing {n}"
	}
	return "Notes", "Back to reference {n}"
}

func newMarkdown() goldmark.Markdown {
	return goldmark.New(goldmark.WithExtensions(extension.GFM, extension.Footnote, markdown.Citations))
}

// convert renders src as page.md in lang and returns the HTML, the problems
// one per line, and the Env after conversion.
func convert(t *testing.T, md goldmark.Markdown, lang string, citer markdown.Citer, src string) (string, string, *markdown.Env) {
	t.Helper()
	env := &markdown.Env{Lang: lang, Path: "page.md", Source: []byte(src), Problems: &diag.List{}, Citer: citer}
	pc := markdown.WithEnv(parser.NewContext(), env)
	var buf bytes.Buffer
	if err := md.Convert([]byte(src), &buf, parser.WithContext(pc)); err != nil {
		t.Fatal(err)
	}
	var probs []string
	for _, p := range env.Problems.Sorted() {
		probs = append(probs, p.Error())
	}
	return buf.String(), strings.Join(probs, "\n"), env
}

// TestCiteGolden runs every testdata/cite/*.txt: an archive with input.md,
// optional lang (default fr), and the expected output.html and problems.
func TestCiteGolden(t *testing.T) {
	files, _ := filepath.Glob("testdata/cite/*.txt")
	if len(files) == 0 {
		t.Fatal("no golden cases")
	}
	md := newMarkdown()
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			comment, files := parseArchive(string(data))
			sections := map[string]string{}
			for _, f := range files {
				sections[f[0]] = f[1]
			}
			lang := strings.TrimSpace(sections["lang"])
			if lang == "" {
				lang = "fr"
			}
			html, probs, _ := convert(t, md, lang, fakeCiter{}, sections["input.md"])
			if probs != "" {
				probs += "\n"
			}
			if *update {
				var b strings.Builder
				b.WriteString(comment)
				for _, f := range files {
					if f[0] != "output.html" && f[0] != "problems" {
						b.WriteString("-- " + f[0] + " --\n" + f[1])
					}
				}
				b.WriteString("-- output.html --\n" + html + "-- problems --\n" + probs)
				if err := os.WriteFile(file, []byte(b.String()), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			if got, want := html, sections["output.html"]; got != want {
				t.Errorf("HTML:\n--- got\n%s\n--- want\n%s", got, want)
			}
			if got, want := probs, sections["problems"]; got != want {
				t.Errorf("problems:\n--- got\n%s\n--- want\n%s", got, want)
			}
		})
	}
}

// parseArchive reads the txtar format (a comment, then "-- name --" lines
// each starting a file) without a dependency; files keep their order.
func parseArchive(s string) (comment string, files [][2]string) {
	lines := strings.SplitAfter(s, "\n")
	cur := -1
	for _, l := range lines {
		if name, ok := strings.CutPrefix(strings.TrimRight(l, "\n"), "-- "); ok && strings.HasSuffix(name, " --") {
			files = append(files, [2]string{strings.TrimSuffix(name, " --"), ""})
			cur = len(files) - 1
			continue
		}
		if cur < 0 {
			comment += l
		} else {
			files[cur][1] += l
		}
	}
	return comment, files
}

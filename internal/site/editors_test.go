package site

import (
	"os"
	"strings"
	"testing"
	"testing/fstest"
)

// A duration typed by hand is a positioned warning, and fails -strict.
func TestTypedFigureFailsStrict(t *testing.T) {
	m := repoFS(t)
	m["content/fr/essai.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Essai\n---\nIl faut\nau moins deux mois avant.\n")}
	res := Generate(m, Options{})
	if res.Failed(false) {
		t.Fatalf("a warning failed a normal build: %v", res.Problems.Err())
	}
	var found string
	for _, p := range res.Problems.Sorted() {
		if p.Path == "content/fr/essai.md" && strings.Contains(p.Msg, `"deux mois"`) {
			found = p.Error()
		}
	}
	if !strings.HasPrefix(found, "content/fr/essai.md:5:10: warning:") || !strings.Contains(found, "{rule:") {
		t.Fatalf("no positioned warning for \"deux mois\": %q\n%v", found, res.Problems.Sorted())
	}
	if !Generate(m, Options{Strict: true}).Failed(true) {
		t.Fatal("-strict passed with a typed duration")
	}
}

// A French page alone passes -strict: missing translations are notes.
func TestUntranslatedPagePassesStrict(t *testing.T) {
	m := repoFS(t)
	m["content/fr/seule.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Seule\n---\nUne page sans traduction.\n")}
	res := Generate(m, Options{Strict: true})
	if res.Failed(true) {
		t.Fatalf("-strict failed: %v", res.Problems.Sorted())
	}
	notes := 0
	for _, p := range res.Problems.Sorted() {
		if strings.Contains(p.Msg, `page "seule"`) && strings.Contains(p.Error(), "note:") {
			notes++
		}
	}
	if notes != 2 {
		t.Fatalf("want a note for nl and en, got %d: %v", notes, res.Problems.Sorted())
	}
	if _, ok := res.Files["fr/seule/index.html"]; !ok {
		t.Fatal("the page was not built")
	}
}

// One broken layout is one problem at its line, not one per page.
func TestBrokenTemplateReportedOnce(t *testing.T) {
	for _, tt := range []struct{ name, old, new, want string }{
		{"misspelled field", "{{.Title}}", "{{.Titel}}", "themes/default/layouts/page.html:"},
		{"unclosed action", "{{.Title}}", "{{if .Title}}", "themes/default/layouts/page.html:"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			m := fixture(t, base)
			const name = "themes/default/layouts/page.html"
			src := string(m[name].Data)
			if !strings.Contains(src, tt.old) {
				t.Skipf("%s has no %s", name, tt.old)
			}
			m[name] = &fstest.MapFile{Data: []byte(strings.Replace(src, tt.old, tt.new, 1))}
			res := Generate(m, Options{})
			var errs []string
			for _, p := range res.Problems.Sorted() {
				if p.Severity == 0 {
					errs = append(errs, p.Error())
				}
			}
			if len(errs) != 1 || !strings.HasPrefix(errs[0], tt.want) || strings.HasPrefix(errs[0], tt.want+" ") {
				t.Fatalf("want one error at %sLINE, got %d:\n%s", tt.want, len(errs), strings.Join(errs, "\n"))
			}
			t.Log(errs[0])
		})
	}
}

// A document exported from a word processor (a "# Title" first, <sup> note
// numbers, footnote lines with links), dropped in with only "title:" added,
// builds as a French page keeping its headings, <sup> and links.
func TestWordProcessorExportBuilds(t *testing.T) {
	src, err := os.ReadFile("testdata/word-processor-export.md")
	if err != nil {
		t.Fatal(err)
	}
	m := repoFS(t)
	m["content/fr/note-employeur.md"] = &fstest.MapFile{Data: src}
	res := Generate(m, Options{Strict: true})
	if res.Failed(true) {
		t.Fatalf("the export does not build: %v", res.Problems.Sorted())
	}
	html := string(res.Files["fr/note-employeur/index.html"])
	if n := strings.Count(html, "<h1"); n != 1 {
		t.Errorf("%d h1, want 1 (the title)", n)
	}
	for _, want := range []string{
		"<h1>Note pratique sur le changement d’employeur</h1>",
		">Pourquoi cette note</h2>", ">Un exemple</h3>", ">Notes</h2>",
		"<sup>1</sup>", "<sup>4</sup>",
		`href="https://www.example.org/procedures"`, `href="https://www.example.org/permanences"`,
		"<table", "<ol>",
	} {
		if !strings.Contains(html, want) {
			t.Errorf("page lacks %q", want)
		}
	}
}

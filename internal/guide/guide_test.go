package guide

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/tools/txtar"

	"github.com/cire-asbl/fabrique/internal/diag"
)

// fixtureOpts are the names the fixtures may refer to.
var fixtureOpts = Options{
	Langs:       []string{"fr", "nl"},
	Pathways:    []string{"renewal", "asylum"},
	Calculators: []string{"renewal", "job-loss"},
	Pages:       []string{"renewal", "asylum", "undocumented"},
	Terms:       []string{"permit", "region"},
	Rules:       []string{"p.notice", "p.search"},
}

var marker = regexp.MustCompile(`#> (error|warning|to translate): ([^#]*)`)

// TestFixtures loads each testdata/*.txtar guide and compares its problems
// with the "#> severity: text" markers written on the lines where they
// must be reported: every problem must match a marker on its line and
// every marker must be matched.
func TestFixtures(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.txtar")
	if len(files) < 8 {
		t.Fatalf("found %d fixtures", len(files))
	}
	for _, f := range files {
		t.Run(strings.TrimSuffix(filepath.Base(f), ".txtar"), func(t *testing.T) {
			ar, err := txtar.ParseFile(f)
			if err != nil {
				t.Fatal(err)
			}
			fsys := fstest.MapFS{}
			for _, file := range ar.Files {
				fsys[file.Name] = &fstest.MapFile{Data: file.Data}
			}
			src := fsys["guide.yaml"].Data
			type want struct {
				line     int
				severity string
				text     string
				seen     bool
			}
			var wants []*want
			for i, line := range strings.Split(string(src), "\n") {
				for _, m := range marker.FindAllStringSubmatch(line, -1) {
					wants = append(wants, &want{line: i + 1, severity: m[1], text: strings.TrimSpace(m[2])})
				}
			}
			_, probs := Load(fsys, "guide.yaml", fixtureOpts)
			for _, p := range probs.Sorted() {
				sev := "error"
				switch p.Severity {
				case diag.Warning:
					sev = "warning"
				case diag.Untranslated:
					sev = "to translate"
				}
				matched := false
				for _, w := range wants {
					if w.line == p.Line && w.severity == sev && strings.Contains(p.Msg, w.text) {
						w.seen, matched = true, true
					}
				}
				if !matched {
					t.Errorf("unexpected: %s", p.Error())
				}
				if p.Line == 0 || p.Col == 0 {
					t.Errorf("no position: %s", p.Error())
				}
			}
			for _, w := range wants {
				if !w.seen {
					t.Errorf("guide.yaml:%d: expected %s containing %q; got:\n%v", w.line, w.severity, w.text, probs.Sorted())
				}
			}
		})
	}
}

func TestPagesExpandEveryPrefix(t *testing.T) {
	ar, err := txtar.ParseFile("testdata/ok.txtar")
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{"guide.yaml": {Data: ar.Files[0].Data}}
	g, probs := Load(fsys, "guide.yaml", fixtureOpts)
	if probs.Failed(true) {
		t.Fatal(probs.Err())
	}
	var got []string
	for _, p := range g.Pages() {
		what := "?"
		if p.Question != nil {
			what = "q:" + p.Question.ID
		} else {
			what = "o:" + p.Outcome.ID
		}
		got = append(got, strings.Join(g.Segments(p, "nl", "fr"), "/")+" "+what)
	}
	want := []string{"wie q:who", "wie/werknemer q:when", "wie/werknemer/binnenkort o:soon", "wie/werknemer/al o:late", "wie/andere o:other"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("pages:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestDidYouMean(t *testing.T) {
	for _, c := range []struct{ got, want string }{
		{"renewl", ` (did you mean "renewal"?)`},
		{"zzzzzzzz", ""},
	} {
		if s := didYouMean(c.got, []string{"renewal", "asylum"}); s != c.want {
			t.Errorf("%s: %q, want %q", c.got, s, c.want)
		}
	}
}

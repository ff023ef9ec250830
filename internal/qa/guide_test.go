package qa

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/cire-asbl/fabrique/internal/site"
)

// guideFixture is a tiny built site: start → q1 → … → outcome pages.
func guideFixture(questions int) map[string][]byte {
	page := func(attrs, body string) []byte {
		return []byte(`<!DOCTYPE html><html><body><nav><a href="/fr/x/">x</a></nav><main id="main"` + attrs + `>` + body + `</main></body></html>`)
	}
	files := map[string][]byte{
		"fr/g/index.html":   page(` data-guide="start"`, `<a href="/fr/g/q1/">Commencer</a>`),
		"fr/x/index.html":   page(``, `<a href="/fr/g/hidden/">only from the menu page</a>`),
		"fr/p/index.html":   page(``, ``),
		"fr/p2/index.html":  page(``, ``),
		"nl/g/index.html":   page(` data-guide="start"`, ``),
		"fr/g/o/index.html": page(` data-guide="outcome" data-pathway="p"`, `<h1>O</h1><a href="/fr/p/#steps">pathway</a>`),
		// reached only through a link outside main (the menu)
		"fr/g/hidden/index.html": page(` data-guide="outcome" data-pathway=""`, `<h1>H</h1>`),
	}
	prev := "/fr/g/q1/"
	for i := 1; i <= questions; i++ {
		next := fmt.Sprintf("/fr/g/q%d/", i+1)
		if i == questions {
			next = "/fr/g/o/"
		}
		files[strings.TrimPrefix(prev, "/")+"index.html"] = page(` data-guide="question"`, `<a href="`+next+`">answer</a> <a href="/fr/g/">start again</a>`)
		prev = next
	}
	return files
}

func TestCrawlGuideCanFail(t *testing.T) {
	pathways := []GuidePathway{{"p", "/fr/p/"}, {"p2", "/fr/p2/"}}
	res := CrawlGuide(guideFixture(6), "/", "fr", pathways)
	var got []string
	for _, f := range res.Findings {
		got = append(got, f.Page+" "+f.Rule)
	}
	want := []string{"/fr/g/hidden/ unreached", "/fr/g/o/ too-deep", "/fr/p2/ pathway"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if res.Depth["/fr/g/o/"] != 6 {
		t.Errorf("depth %d, want 6", res.Depth["/fr/g/o/"])
	}
	if res := CrawlGuide(guideFixture(2), "/", "nl", nil); len(res.Findings) != 1 || res.Findings[0].Rule != "outcome" {
		t.Errorf("nl: %v", res.Findings)
	}
}

// TestGuideCrawlRealSite builds the repository's site in memory and crawls
// the questionnaire of every language with JavaScript off (links inside
// <main> only): every outcome reached within 5 questions, every pathway page
// reached from an outcome. It checks properties, never a text or a count an
// editor may change.
func TestGuideCrawlRealSite(t *testing.T) {
	src := repoRoot
	if s := os.Getenv("QA_SRC"); s != "" {
		src = s
	}
	res := site.Generate(os.DirFS(src), site.Options{Src: src})
	if res.Failed(false) {
		t.Fatalf("the site does not build:\n%v", res.Problems.Err())
	}
	files := map[string][]byte{}
	for name, data := range res.Files {
		files[name] = data
	}
	t.Logf("guide pages the browser gates check: %d", len(GuideSample(files, "/", res.Config.Codes())))
	for _, lang := range res.Config.Codes() {
		var pathways []GuidePathway
		guide := false
		for _, e := range res.Translations {
			if p := e.ByLang[lang]; p != nil && p.Section == "pathways" {
				pathways = append(pathways, GuidePathway{Key: e.Key, URL: p.URL})
			}
			if p := e.ByLang[lang]; p != nil && p.Layout == "guide" {
				guide = true
			}
		}
		if !guide {
			// A language being translated: its guide page is not there yet
			// (the build lists it as a page to translate).
			t.Logf("%s: no guide page yet", lang)
			continue
		}
		if len(pathways) == 0 {
			t.Errorf("%s: no pathway page", lang)
		}
		c := CrawlGuide(files, "/", lang, pathways)
		for _, f := range c.Findings {
			t.Errorf("%s", f)
		}
		deepest := 0
		for _, d := range c.Depth {
			deepest = max(deepest, d)
		}
		t.Logf("%s: from %s, %d outcome pages reached, at most %d questions, %d pathways", lang, c.Start, len(c.Depth), deepest, len(pathways))
	}
}

func TestGuideSample(t *testing.T) {
	files := guideFixture(2)
	got := GuideSample(files, "/", []string{"fr", "nl"})
	// one outcome without a calculator in fr (the other one is the same
	// kind), no outcome in nl (none has a calculator)
	want := []string{"/fr/g/o/", "/fr/g/q1/", "/fr/g/q2/"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("sample %v, want %v", got, want)
	}
}

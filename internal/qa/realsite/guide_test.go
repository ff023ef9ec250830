package realsite

import (
	"os"
	"testing"

	"github.com/cire-asbl/fabrique/internal/qa"
	"github.com/cire-asbl/fabrique/internal/site"
)

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
	t.Logf("guide pages the browser gates check: %d", len(qa.GuideSample(files, "/", res.Config.Codes())))
	for _, lang := range res.Config.Codes() {
		var pathways []qa.GuidePathway
		guide := false
		for _, e := range res.Translations {
			if p := e.ByLang[lang]; p != nil && p.Section == "pathways" {
				pathways = append(pathways, qa.GuidePathway{Key: e.Key, URL: p.URL})
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
		c := qa.CrawlGuide(files, "/", lang, pathways)
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

package qa

import (
	"fmt"
	"strings"
	"testing"
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

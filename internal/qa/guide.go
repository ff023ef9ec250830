package qa

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
)

// GuidePathway is a pathway page the guide must lead to: its key (the
// value of data-pathway) and its URL path.
type GuidePathway struct {
	Key, URL string
}

// GuideCrawl is what CrawlGuide found in one language.
type GuideCrawl struct {
	Start    string         // URL path of the start page
	Depth    map[string]int // reached outcome page → fewest questions answered to reach it
	Findings []Finding
}

var (
	mainRe     = regexp.MustCompile(`(?s)<main\b([^>]*)>(.*?)</main>`)
	hrefRe     = regexp.MustCompile(`<a\b[^>]*\bhref="([^"#]*)(?:#[^"]*)?"`)
	guideRe    = regexp.MustCompile(`\bdata-guide="([a-z]+)"`)
	pathwayRe  = regexp.MustCompile(`\bdata-pathway="([^"]*)"`)
	maxGuideQs = 5
)

// CrawlGuide is the questionnaire's gate, without a browser: with
// JavaScript off, from the page of lang whose <main> has data-guide="start",
// it follows only the links inside <main> and checks that every outcome page
// of lang (data-guide="outcome") is reached after at most 5 questions, and
// that every pathway is the data-pathway of a reached outcome that links to
// it. files maps output names ("fr/a/index.html") to bytes; base is the
// site's base path ("/" or "/sub/").
func CrawlGuide(files map[string][]byte, base, lang string, pathways []GuidePathway) GuideCrawl {
	type page struct {
		kind, pathway string
		links         []string
	}
	pages := map[string]*page{} // URL path → page
	prefix := lang + "/"
	for name, data := range files {
		if !strings.HasPrefix(name, prefix) || !strings.HasSuffix(name, "index.html") {
			continue
		}
		m := mainRe.FindSubmatch(data)
		if m == nil {
			continue
		}
		p := &page{}
		if g := guideRe.FindSubmatch(m[1]); g != nil {
			p.kind = string(g[1])
		}
		if pw := pathwayRe.FindSubmatch(m[1]); pw != nil {
			p.pathway = string(pw[1])
		}
		for _, h := range hrefRe.FindAllSubmatch(m[2], -1) {
			p.links = append(p.links, string(h[1]))
		}
		pages[strings.TrimSuffix(base, "/")+"/"+strings.TrimSuffix(name, "index.html")] = p
	}
	res := GuideCrawl{Depth: map[string]int{}}
	fail := func(page, rule, format string, args ...any) {
		res.Findings = append(res.Findings, Finding{Page: page, Check: "guide " + lang, Rule: rule, Msg: fmt.Sprintf(format, args...)})
	}
	var starts []string
	for u, p := range pages {
		if p.kind == "start" {
			starts = append(starts, u)
		}
	}
	sort.Strings(starts)
	if len(starts) != 1 {
		fail("", "start", "want one page with <main data-guide=\"start\">, found %d %v", len(starts), starts)
		return res
	}
	res.Start = starts[0]
	// Breadth first by the number of questions answered: entering a
	// question page costs one, any other page nothing (a 0-1 BFS).
	dist := map[string]int{res.Start: 0}
	queue := []string{res.Start}
	for len(queue) > 0 {
		u := queue[0]
		queue = queue[1:]
		p := pages[u]
		if p == nil {
			continue
		}
		for _, l := range p.links {
			q := pages[l]
			if q == nil {
				continue // another language, an asset, an outside link
			}
			d := dist[u]
			if p.kind == "question" {
				d++ // leaving a question page answers it
			}
			if old, seen := dist[l]; seen && old <= d {
				continue
			}
			dist[l] = d
			if d == dist[u] {
				queue = append([]string{l}, queue...)
			} else {
				queue = append(queue, l)
			}
		}
	}
	reachedPathway := map[string]bool{}
	var outcomes []string
	for u, p := range pages {
		if p.kind == "outcome" {
			outcomes = append(outcomes, u)
		}
	}
	sort.Strings(outcomes)
	if len(outcomes) == 0 {
		fail(res.Start, "outcome", "no page has <main data-guide=\"outcome\">")
	}
	byKey := map[string]string{}
	for _, pw := range pathways {
		byKey[pw.Key] = pw.URL
	}
	for _, u := range outcomes {
		d, ok := dist[u]
		switch {
		case !ok:
			fail(u, "unreached", "no chain of links inside <main> leads from %s to this outcome", res.Start)
			continue
		case d > maxGuideQs:
			fail(u, "too-deep", "reached after %d questions (at most %d)", d, maxGuideQs)
		}
		res.Depth[u] = d
		p := pages[u]
		if p.pathway == "" {
			continue
		}
		want, known := byKey[p.pathway]
		switch {
		case !known:
			fail(u, "pathway", "data-pathway=%q names no pathway page", p.pathway)
		case !contains(p.links, want):
			fail(u, "pathway", "data-pathway=%q but <main> has no link to %s", p.pathway, want)
		default:
			reachedPathway[p.pathway] = true
		}
	}
	for _, pw := range pathways {
		if !reachedPathway[pw.Key] {
			fail(pw.URL, "pathway", "no outcome of the guide leads to the pathway %q", pw.Key)
		}
	}
	return res
}

func contains(xs []string, x string) bool {
	for _, s := range xs {
		if s == x {
			return true
		}
	}
	return false
}

var calcRe = regexp.MustCompile(`data-calculator="([^"]*)"`)

// GuideSample picks the guide's pages the browser gates should check. The
// steps are not in the sitemap and one layout renders them all, so checking
// each of the three-digit count of pages in a real browser would only repeat
// itself (the Nu checker still reads every HTML file): in the first
// language every question page, and one outcome page per set of embedded
// calculators (what changes an outcome page's markup); in the others the
// first question page and the first outcome page with a calculator. Paths
// are returned under base ("/").
func GuideSample(files map[string][]byte, base string, langs []string) []string {
	var names []string
	for name := range files {
		if strings.HasSuffix(name, "index.html") {
			names = append(names, name)
		}
	}
	sort.Slice(names, func(i, j int) bool {
		if len(names[i]) != len(names[j]) {
			return len(names[i]) < len(names[j]) // shortest path first
		}
		return names[i] < names[j]
	})
	var out []string
	for i, lang := range langs {
		seen := map[string]bool{}
		for _, name := range names {
			if !strings.HasPrefix(name, lang+"/") {
				continue
			}
			m := mainRe.FindSubmatch(files[name])
			if m == nil {
				continue
			}
			g := guideRe.FindSubmatch(m[1])
			if g == nil || string(g[1]) == "start" {
				continue
			}
			kind := string(g[1])
			var calcs []string
			for _, c := range calcRe.FindAllSubmatch(m[2], -1) {
				calcs = append(calcs, string(c[1]))
			}
			key := kind
			switch {
			case i == 0 && kind == "question":
				key = name
			case kind == "outcome" && i == 0:
				key = "outcome " + strings.Join(calcs, " ")
			case kind == "outcome" && len(calcs) == 0:
				continue
			}
			if seen[key] {
				continue
			}
			seen[key] = true
			out = append(out, strings.TrimSuffix(base, "/")+"/"+strings.TrimSuffix(name, "index.html"))
		}
	}
	return out
}

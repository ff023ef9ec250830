// Command bench compares a full build of our generator with Hugo's on the
// same synthetic trilingual site.
//
//	go run ./bench -n 1000            # 1,000 pages per language (3,000 pages)
//	go run ./bench -n 10000 -runs 4   # the target size: a first build, then the best of three rebuilds
//	go run ./bench -n 1000 -serve 15  # serve: save one page 15 times, save→reload latency
//
// It writes, under -dir (a temporary folder by default), two copies of the
// same pages: ours/ in our format (site.toml, content/{fr,nl,en}/p/*.md with
// YAML front matter, ref:KEY links, the real theme copied from themes/) and
// hugo/ for Hugo (hugo.toml with minifyOutput = false: neither minifies pages; one contentDir per
// language, the same Markdown with plain /lang/p/page-N/ links, a small
// layout with the same parts as ours: language links, menu, content, footer).
// Each page has front matter, headings, lists, three links to other pages
// and four footnotes, about 3.9 KB.
//
// Both are built with /usr/bin/time -v (our binary is compiled first so the
// Go compiler is not measured), taking turns: a first build into an empty
// folder, then rebuilds over the previous output. It prints wall time and
// peak RSS side by side with their ratio, and the machine's core count. Results are numbers, never
// pass/fail: targets live in bench/README.md.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"github.com/cire-asbl/fabrique/internal/content"
	"github.com/cire-asbl/fabrique/internal/diag"
	"github.com/cire-asbl/fabrique/internal/output"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"time"
	"unicode"
	"unicode/utf8"
)

var langs = []string{"fr", "nl", "en"}

func main() {
	n := flag.Int("n", 1000, "pages per language")
	dir := flag.String("dir", "", "work folder (default: a new temporary folder, removed at the end)")
	runs := flag.Int("runs", 3, "builds of each generator, taking turns: the first into an empty folder, the best of the others over the previous output")
	hugo := flag.String("hugo", "/usr/bin/hugo", "Hugo binary")
	repo := flag.String("repo", ".", "repository root (for themes/ and ./cmd/build)")
	genOnly := flag.Bool("gen", false, "only write the sites, build nothing")
	saves := flag.Int("serve", 0, "instead of the build comparison, measure serve: save one page this many times, report save→reload latency")
	flag.Parse()

	work := *dir
	if work == "" {
		var err error
		work, err = os.MkdirTemp("", "fabrique-bench-")
		check(err)
		defer os.RemoveAll(work)
	}
	ours, hugoDir := filepath.Join(work, "ours"), filepath.Join(work, "hugo")
	// What an earlier run left in the same -dir is moved aside and deleted
	// only after timing: on ext4, creating a tree right after deleting one
	// is several times slower (the inode allocator skips recently freed
	// inodes one by one), which would time the deletion, not the build.
	oursOut, hugoOut := filepath.Join(work, "public-ours"), filepath.Join(work, "public-hugo")
	var aside []string
	for _, p := range []string{ours, hugoDir, oursOut, hugoOut, output.Spare(oursOut)} {
		if _, err := os.Lstat(p); err == nil {
			old := fmt.Sprintf("%s.old-%d", p, os.Getpid())
			check(os.Rename(p, old))
			aside = append(aside, old)
		}
	}
	defer func() {
		for _, p := range aside {
			os.RemoveAll(p)
		}
	}()
	size := Write(ours, hugoDir, *n, filepath.Join(*repo, "themes"))
	fmt.Printf("site: %d pages per language × %d languages = %d pages, %.1f KB Markdown per page on average\n",
		*n+1, len(langs), (*n+1)*len(langs), float64(size)/float64((*n+1)*len(langs))/1024)
	fmt.Printf("machine: %d cores (GOMAXPROCS %d), %s/%s\n", runtime.NumCPU(), runtime.GOMAXPROCS(0), runtime.GOOS, runtime.GOARCH)
	if *saves > 0 {
		serveLatency(ours, *saves)
		return
	}
	if *genOnly {
		fmt.Println("written to", work)
		return
	}

	bin := filepath.Join(work, "fabrique-build")
	cmd := exec.Command("go", "build", "-o", bin, "./cmd/build")
	cmd.Dir, cmd.Stdout, cmd.Stderr = *repo, os.Stderr, os.Stderr
	check(cmd.Run())

	// The generators take turns, so a busy minute on this shared machine
	// slows both. The first build of each writes into an empty folder; the
	// next ones rebuild over the previous output, as an editor or a CI
	// cache does (Hugo overwrites its files, we rewrite our spare folder).
	settle() // the sites just written
	var first [2]measure
	var warm [2]measure
	for i := 0; i < max(*runs, 1); i++ {
		o := timeV(bin, "-src", ours, "-o", oursOut)
		settle()
		h := timeV(*hugo, "--source", hugoDir, "--destination", hugoOut, "--quiet")
		settle()
		fmt.Printf("run %d: ours %.2f s %.0f MB, hugo %.2f s %.0f MB\n", i+1, o.wall, o.rssMB, h.wall, h.rssMB)
		switch {
		case i == 0:
			first = [2]measure{o, h}
		case i == 1:
			warm = [2]measure{o, h}
		default:
			if o.wall < warm[0].wall {
				warm[0] = o
			}
			if h.wall < warm[1].wall {
				warm[1] = h
			}
		}
	}
	table := func(title string, m [2]measure) {
		fmt.Printf("\n%-34s %10s %14s\n", title, "wall (s)", "peak RSS (MB)")
		fmt.Printf("%-34s %10.2f %14.1f\n", "ours", m[0].wall, m[0].rssMB)
		fmt.Printf("%-34s %10.2f %14.1f\n", "hugo", m[1].wall, m[1].rssMB)
		fmt.Printf("%-34s %10.2f %14.2f\n", "ratio", m[0].wall/m[1].wall, m[0].rssMB/m[1].rssMB)
	}
	table("first build (empty output folder)", first)
	if *runs > 1 {
		table(fmt.Sprintf("rebuild (best of %d)", *runs-1), warm)
	}
	fmt.Printf("\noutput: ours %d files, hugo %d files\n", countFiles(oursOut), countFiles(hugoOut))
}

// settle flushes the previous build's output to disk before the next one
// is timed: otherwise the kernel writes one generator's 300 MB back while
// the other runs (measured: Hugo took 17 s right after our build, 12.5 s
// alone).
func settle() {
	syscall.Sync()
	time.Sleep(2 * time.Second)
}

type measure struct{ wall, rssMB float64 }

var (
	wallRe = regexp.MustCompile(`Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)`)
	rssRe  = regexp.MustCompile(`Maximum resident set size \(kbytes\): (\d+)`)
)

// timeV runs a command under /usr/bin/time -v and reads wall time and peak
// RSS from its report.
func timeV(name string, args ...string) measure {
	cmd := exec.Command("/usr/bin/time", append([]string{"-v", name}, args...)...)
	var stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = os.Stdout, &stderr
	if err := cmd.Run(); err != nil {
		fmt.Fprintf(os.Stderr, "%s failed: %v\n%s", name, err, tail(stderr.String(), 40))
		os.Exit(1)
	}
	w := wallRe.FindStringSubmatch(stderr.String())
	r := rssRe.FindStringSubmatch(stderr.String())
	if w == nil || r == nil {
		fmt.Fprintf(os.Stderr, "cannot read /usr/bin/time output:\n%s", stderr.String())
		os.Exit(1)
	}
	kb, _ := strconv.ParseFloat(r[1], 64)
	return measure{wall: parseClock(w[1]), rssMB: kb / 1024}
}

// parseClock reads h:mm:ss or m:ss.ss.
func parseClock(s string) float64 {
	var t float64
	for _, part := range strings.Split(s, ":") {
		v, _ := strconv.ParseFloat(part, 64)
		t = t*60 + v
	}
	return t
}

func tail(s string, n int) string {
	lines := strings.Split(s, "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}

func countFiles(dir string) int {
	n := 0
	_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			n++
		}
		return nil
	})
	return n
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

// Write writes both sites and returns the Markdown bytes of ours.
func Write(ours, hugo string, n int, themes string) int {
	total := 0
	put := func(p string, b []byte) {
		check(os.MkdirAll(filepath.Dir(p), 0o755))
		check(os.WriteFile(p, b, 0o644))
	}
	put(filepath.Join(ours, "site.toml"), []byte(oursTOML))
	copyTree(filepath.Join(themes, "default"), filepath.Join(ours, "themes", "default"))
	put(filepath.Join(hugo, "hugo.toml"), []byte(hugoTOML))
	put(filepath.Join(hugo, "layouts", "_default", "baseof.html"), []byte(hugoBaseof))
	put(filepath.Join(hugo, "layouts", "_default", "single.html"), []byte(hugoSingle))
	put(filepath.Join(hugo, "layouts", "_default", "list.html"), []byte(hugoSingle))
	put(filepath.Join(hugo, "layouts", "index.html"), []byte(hugoSingle))

	for i := 0; i <= n; i++ {
		var srcHash string
		for li, lang := range langs {
			key, title, desc, body := page(i, n, lang)
			ourBody := body
			hugoBody := refRe.ReplaceAllString(body, "](/"+lang+"/p/$1/)")
			var fm strings.Builder
			fmt.Fprintf(&fm, "---\ntitle: %s\ndescription: %s\nkey: %s\nweight: %d\n", title, desc, key, i+1)
			if i < 5 {
				fm.WriteString("menu: true\n")
			}
			if li == 0 {
				srcHash = sourceHash(fm.String()+"---\n"+ourBody, lang)
			} else {
				fmt.Fprintf(&fm, "status: not-reviewed\ntranslatedFrom: %s\n", srcHash)
			}
			fm.WriteString("---\n")
			name := filepath.Join("p", key+".md")
			if i == 0 {
				name = "index.md"
			}
			b := []byte(fm.String() + ourBody)
			total += len(b)
			put(filepath.Join(ours, "content", lang, name), b)

			var hfm strings.Builder
			fmt.Fprintf(&hfm, "---\ntitle: %q\ndescription: %q\ntranslationKey: %s\nweight: %d\n", title, desc, key, i+1)
			if i < 5 && i > 0 {
				hfm.WriteString("menu: main\n")
			}
			hfm.WriteString("---\n")
			hname := filepath.Join("p", key, "index.md")
			if i == 0 {
				hname = "_index.md"
			}
			put(filepath.Join(hugo, "content", lang, hname), []byte(hfm.String()+hugoBody))
		}
	}
	return total
}

var refRe = regexp.MustCompile(`\]\(ref:([a-z0-9-]+)\)`)

// sourceHash is the source page's version as the build computes it, so the
// translations are "not reviewed" rather than "out of date" (no warnings).
func sourceHash(page, lang string) string {
	p := content.Parse("content/"+lang+"/x.md", lang, []byte(page), &diag.List{})
	if p == nil {
		panic("bench: generated page does not parse")
	}
	return p.SourceHash()
}

func copyTree(from, to string) {
	check(filepath.WalkDir(from, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		t := filepath.Join(to, rel)
		if err := os.MkdirAll(filepath.Dir(t), 0o755); err != nil {
			return err
		}
		return os.WriteFile(t, b, 0o644)
	}))
}

// words per language: a deterministic pseudo-random text generator keeps the
// output identical from run to run.
var words = map[string][]string{
	"fr": strings.Fields("permis séjour travail employeur demande renouvellement procédure région office étrangers délai recours décision travailleur contrat autorisation titre dossier analyse commune ambassade visa statut protection droit loi directive européenne administration accord gouvernement situation personne emploi durée examen"),
	"nl": strings.Fields("vergunning verblijf arbeid werkgever aanvraag hernieuwing procedure gewest dienst vreemdelingen termijn beroep beslissing werknemer contract toelating titel dossier analyse gemeente ambassade visum statuut bescherming recht wet richtlijn europese administratie akkoord regering situatie persoon werk duur onderzoek"),
	"en": strings.Fields("permit residence work employer application renewal procedure region office foreigners deadline appeal decision worker contract authorisation title file analysis municipality embassy visa status protection right law directive european administration agreement government situation person employment duration review"),
}

type rng struct{ s uint64 }

func (r *rng) next(n int) int {
	r.s ^= r.s << 13
	r.s ^= r.s >> 7
	r.s ^= r.s << 17
	return int(r.s % uint64(n))
}

func sentence(r *rng, lang string, min, max int) string {
	w := words[lang]
	k := min + r.next(max-min+1)
	parts := make([]string, k)
	for i := range parts {
		parts[i] = w[r.next(len(w))]
	}
	s := strings.Join(parts, " ")
	first, size := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(first)) + s[size:] + "."
}

func para(r *rng, lang string, sentences int) string {
	var b strings.Builder
	for i := 0; i < sentences; i++ {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(sentence(r, lang, 6, 14))
	}
	return b.String()
}

func pageKey(i int) string {
	if i == 0 {
		return "home"
	}
	return fmt.Sprintf("page-%05d", i)
}

// page returns one page's key, title, description and Markdown body. The
// same seed per page index gives the three languages the same structure.
func page(i, n int, lang string) (key, title, desc, body string) {
	r := &rng{s: uint64(i)*2654435761 + uint64(len(lang))*97 + 1}
	key = pageKey(i)
	title = strings.TrimSuffix(sentence(r, lang, 3, 6), ".") + fmt.Sprintf(" %d", i)
	desc = sentence(r, lang, 10, 16)
	link := func(j int) string {
		if n == 0 {
			return "home"
		}
		return pageKey(1 + (j%n+n)%n)
	}
	var b strings.Builder
	b.WriteString(para(r, lang, 4) + "[^1]\n\n")
	b.WriteString("## " + strings.TrimSuffix(sentence(r, lang, 2, 5), ".") + "\n\n")
	b.WriteString(para(r, lang, 5) + " [" + sentence(r, lang, 2, 3) + "](ref:" + link(i) + ")\n\n")
	for k := 0; k < 5; k++ {
		b.WriteString("- **" + strings.TrimSuffix(sentence(r, lang, 1, 3), ".") + "** " + sentence(r, lang, 8, 14))
		if k == 2 {
			b.WriteString("[^2]")
		}
		b.WriteString("\n")
	}
	b.WriteString("\n## " + strings.TrimSuffix(sentence(r, lang, 2, 5), ".") + "\n\n")
	b.WriteString(para(r, lang, 5) + "[^3] [" + sentence(r, lang, 2, 3) + "](ref:" + link(i*7+3) + ")\n\n")
	b.WriteString("### " + strings.TrimSuffix(sentence(r, lang, 2, 4), ".") + "\n\n")
	for k := 1; k <= 4; k++ {
		fmt.Fprintf(&b, "%d. %s\n", k, sentence(r, lang, 8, 14))
	}
	b.WriteString("\n" + para(r, lang, 4) + " [" + sentence(r, lang, 2, 3) + "](ref:" + link(i*13+5) + ")[^4]\n\n")
	b.WriteString("## " + strings.TrimSuffix(sentence(r, lang, 2, 5), ".") + "\n\n")
	b.WriteString(para(r, lang, 6) + "\n\n")
	for k := 1; k <= 4; k++ {
		fmt.Fprintf(&b, "[^%d]: %s\n", k, sentence(r, lang, 6, 12))
	}
	return key, title, desc, b.String()
}

var oursTOML = `title = "Bench"
baseURL = "https://example.org/"
defaultLanguage = "fr"
theme = "default"
asOf = "2025-12-01"
[[languages]]
code = "fr"
name = "Français"
dir = "ltr"
[[languages]]
code = "nl"
name = "Nederlands"
dir = "ltr"
[[languages]]
code = "en"
name = "English"
dir = "ltr"
`

var hugoTOML = `baseURL = "https://example.org/"
title = "Bench"
defaultContentLanguage = "fr"
defaultContentLanguageInSubdir = true
disableKinds = ["taxonomy", "term", "RSS"]
minifyOutput = false
[markup.goldmark.renderer]
unsafe = false
[languages.fr]
contentDir = "content/fr"
languageName = "Français"
weight = 1
[languages.nl]
contentDir = "content/nl"
languageName = "Nederlands"
weight = 2
[languages.en]
contentDir = "content/en"
languageName = "English"
weight = 3
`

// hugoBaseof has the same parts as our page layout: head with canonical and
// alternates, menu, language links, title, content, footer.
var hugoBaseof = `<!DOCTYPE html>
<html lang="{{ .Language.Lang }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Title }} · {{ .Site.Title }}</title>
<meta name="description" content="{{ .Description }}">
<link rel="canonical" href="{{ .Permalink }}">
{{ range .Translations }}<link rel="alternate" hreflang="{{ .Language.Lang }}" href="{{ .Permalink }}">
{{ end }}
</head>
<body>
<header><a href="{{ .Site.Home.RelPermalink }}">{{ .Site.Title }}</a>
<nav><ul>{{ range .Site.Menus.main }}<li><a href="{{ .URL }}">{{ .Name }}</a></li>{{ end }}</ul></nav>
<nav><ul>{{ range .AllTranslations }}<li><a href="{{ .RelPermalink }}" lang="{{ .Language.Lang }}">{{ .Language.LanguageName }}</a></li>{{ end }}</ul></nav>
</header>
<main>{{ block "main" . }}{{ end }}</main>
<footer><p>{{ .Site.Title }}</p></footer>
</body>
</html>
`

var hugoSingle = `{{ define "main" }}<h1>{{ .Title }}</h1>
{{ .Content }}{{ end }}
`

func init() {
	// Keep the word lists sorted so a reader can check them; order does not
	// change the output's size distribution.
	for _, w := range words {
		sort.Strings(w)
	}
}

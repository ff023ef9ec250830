package realsite

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/cire-asbl/fabrique/internal/diag"
	"github.com/cire-asbl/fabrique/internal/output"
	"github.com/cire-asbl/fabrique/internal/qa"
	"github.com/cire-asbl/fabrique/internal/qa/qatest"
	"github.com/cire-asbl/fabrique/internal/site"
)

// repoRoot is the module root, seen from this package's directory.
const repoRoot = "../../.."

var tools = qatest.Find(repoRoot)

func TestMain(m *testing.M) {
	flag.Parse()
	if tools.Announce() {
		buildRealSite()
	}
	code := m.Run()
	cleanRealSite()
	os.Exit(code)
}

// realSite is the repository's site, built once in TestMain into a
// temporary directory, with the local server's origin as its base URL so
// that every sitemap URL points at the server.
var realSite struct {
	srv      *qa.Server
	tmp, dir string
	problems *diag.List
	failed   bool
	err      error
	guide    []string // the guide's pages to check (not in the sitemap)
	// full: the languages whose pages get every check — the default one
	// and each right-to-left one (mirroring is where a translation changes
	// more than words); the others get qa.WordsChecks.
	full func(lang string) bool
}

func buildRealSite() {
	srv, err := qa.Listen()
	if err != nil {
		realSite.err = err
		return
	}
	realSite.srv = srv
	tmp, err := os.MkdirTemp("", "qa-site-")
	if err != nil {
		realSite.err = err
		return
	}
	realSite.tmp, realSite.dir = tmp, filepath.Join(tmp, "public")
	// QA_SRC points the suite at another site root (a scratch copy while
	// content is being written); the default is this repository.
	src := repoRoot
	if s := os.Getenv("QA_SRC"); s != "" {
		src = s
	}
	res := site.Generate(os.DirFS(src), site.Options{Src: src, Out: realSite.dir, BaseURL: srv.URL + "/"})
	realSite.problems, realSite.failed = res.Problems, res.Failed(false)
	// A site that fails to build is still written here (never into public/)
	// so that the gates can say what else is wrong with it; TestSite fails
	// on the build errors anyway.
	if len(res.Files) == 0 {
		realSite.err = fmt.Errorf("the build produced no file")
		return
	}
	if res.Config != nil {
		realSite.guide = qa.GuideSample(res.Files, "/", res.Config.Codes())
		fullLangs := map[string]bool{res.Config.DefaultLanguage: true}
		for _, l := range res.Config.Languages {
			if l.Dir == "rtl" {
				fullLangs[l.Code] = true
			}
		}
		realSite.full = func(lang string) bool { return lang == "" || fullLangs[lang] }
		if os.Getenv("QA_FULL") != "" {
			// Every check on every language (before a release; about
			// twice CI's time): QA_FULL=1 go test -timeout 30m -run 'TestSite$' ./internal/qa/realsite/
			realSite.full = nil
		}
	}
	if err := output.Write(realSite.dir, res.Files); err != nil {
		realSite.err = err
		return
	}
	realSite.err = srv.Serve(realSite.dir)
}

func cleanRealSite() {
	if realSite.srv != nil {
		realSite.srv.Close()
	}
	if realSite.tmp != "" {
		os.RemoveAll(realSite.tmp)
	}
}

// TestSite runs every gate over every URL of the real site's sitemap.
// Zero findings is the only pass.
func TestSite(t *testing.T) {
	tl := tools.Need(t)
	if realSite.failed {
		var b strings.Builder
		for _, p := range realSite.problems.Sorted() {
			if p.Severity == diag.Error {
				fmt.Fprintf(&b, "\n  %s", p.Error())
			}
		}
		t.Errorf("the site does not build; the gates below ran on what it generated:%s", b.String())
	}
	if realSite.err != nil {
		t.Fatal(realSite.err)
	}
	// The gates may take as long as go test gives the package (on a busy
	// 2-core machine, other packages' browsers run beside this one), less
	// a margin to report what they found.
	ctx := context.Background()
	if d, ok := t.Deadline(); ok {
		var cancel context.CancelFunc
		ctx, cancel = context.WithDeadline(ctx, d.Add(-30*time.Second))
		defer cancel()
	}
	rep, err := qa.Run(ctx, qa.Config{
		Dir: realSite.dir, Server: realSite.srv, Chromium: tl.Chromium, Java: tl.Java,
		AxeJS: tl.AxeJS, VnuJar: tl.VnuJar, Budgets: qa.DefaultBudgets,
		Paths: realSite.guide, Full: realSite.full,
		Logf: func(f string, a ...any) {
			if testing.Verbose() {
				t.Logf(f, a...)
			}
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("weight per page:\n%s", rep.WeightTable())
	for _, p := range rep.Pages {
		for _, n := range p.Notes {
			t.Logf("%s: %s", p.Path, n)
		}
	}
	for _, f := range rep.Findings {
		t.Errorf("%s", f)
	}
	if g := rep.ByRule(); g != "" {
		t.Logf("findings by gate and rule:\n%s", g)
	}
	t.Logf("%s in %s (%d HTML files checked by vnu)", rep.Summary(), rep.Elapsed.Round(1e8), rep.HTMLFiles)
	fmt.Println(rep.Summary())
	// `go test ./...` shows a passing package's output only with -v, so CI
	// asks for the summary and the weight table in a file (see .ci/run).
	if f := os.Getenv("QA_SUMMARY"); f != "" {
		var b strings.Builder
		fmt.Fprintf(&b, "%s in %s\n%s", rep.Summary(), rep.Elapsed.Round(1e8), rep.WeightTable())
		for _, fd := range rep.Findings {
			fmt.Fprintf(&b, "%s\n", fd)
		}
		if err := os.WriteFile(f, []byte(b.String()), 0o644); err != nil {
			t.Error(err)
		}
	}
}

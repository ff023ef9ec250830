package qa

import (
	"context"
	"flag"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/cire-asbl/fabrique/internal/qa/qatest"
)

// repoRoot is the module root, seen from this package's directory.
const repoRoot = "../.."

var tools = qatest.Find(repoRoot)

func TestMain(m *testing.M) {
	flag.Parse()
	tools.Announce()
	os.Exit(m.Run())
}

// runGates serves dir and runs every gate on it.
func runGates(t *testing.T, dir string, budgets Budgets) *Report {
	t.Helper()
	tl := tools.Need(t)
	srv, err := Listen()
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	if err := srv.Serve(dir); err != nil {
		t.Fatal(err)
	}
	return runGatesOn(t, tl, srv, dir, budgets, nil, nil)
}

// runGatesOn runs every gate on the sitemap of dir, served by srv, plus
// paths.
func runGatesOn(t *testing.T, tl qatest.Tools, srv *Server, dir string, budgets Budgets, paths []string, full func(lang string) bool) *Report {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 8*time.Minute)
	defer cancel()
	rep, err := Run(ctx, Config{
		Dir: dir, Server: srv, Chromium: tl.Chromium, Java: tl.Java,
		AxeJS: tl.AxeJS, VnuJar: tl.VnuJar, Budgets: budgets, Paths: paths, Full: full,
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
	return rep
}

// TestFixtureGood: a small hand-written site that does everything right
// passes every gate. It keeps the gates honest in the other direction: a
// gate that fires on good pages would be disabled by the next person.
func TestFixtureGood(t *testing.T) {
	rep := runGates(t, "testdata/good", DefaultBudgets)
	for _, f := range rep.Findings {
		t.Errorf("%s", f)
	}
	if len(rep.Pages) != 2 || rep.Pages[1].Calculators != 1 {
		t.Errorf("pages = %+v, want 2 pages, the second with one calculator", rep.Pages)
	}
	t.Log(rep.Summary())
}

// TestFixtureBroken: each deliberately broken thing is caught by its gate.
func TestFixtureBroken(t *testing.T) {
	// A tiny home budget proves the weight gate can fail too.
	rep := runGates(t, "testdata/broken", Budgets{Home: 200, Page: 30 * 1024, CalcJS: 10 * 1024})
	t.Log(rep.Summary())
	want := []struct {
		name              string
		page, check, rule string
		where             string // substring; "" = any
	}{
		{"img without alt (axe)", "/", "axe light 1280px", "image-alt", "img"},
		{"img without alt at 320px dark", "/", "axe dark 320px", "image-alt", "img"},
		{"low contrast (axe)", "/", "axe light 1280px", "color-contrast", ".faint"},
		{"third-party script blocked by CSP", "/", "csp-violations", "script-src-elem", "https://example.com/x.js"},
		{"inline script blocked by CSP", "/", "csp-violations", "script-src-elem", "/"},
		{"invalid HTML (vnu)", "/", "html-valid", "vnu", ""},
		{"no skip link", "/", "skip-link", "first-tab-stop", ""},
		{"focus not visible", "/", "focus-visible", "no-indicator", "header"},
		{"too wide at 320px", "/", "reflow 320px", "wide-element", "div"},
		{"diagram off the screen at 360px", "/", "diagram 360px", "fits-viewport", "Schéma trop large"},
		{"diagram text too small at 320px", "/", "diagram 320px", "label-size", "Texte minuscule"},
		{"home over budget", "/", "weight", "budget", ""},
		{"third-party image request", "/tracked/", "same-origin", "third-party-request", "https://example.com/pixel.gif"},
		{"cookie", "/tracked/", "no-cookie", "cookie", "visitor"},
		{"no CSP meta", "/tracked/", "csp-meta", "missing", ""},
		{"no _headers", "", "csp-meta", "_headers", ""},
		{"calculator without script", "/calc/", "calculator", "enter-empty", "left the page"},
		{"calculator field out of the Tab order", "/calc/", "calculator", "tab-order", "Tab never reaches"},
		{"main below a tall header at 360px", "/reader/", "reader 360px", "main-top", "main"},
		{"main below a tall header at 320px", "/reader/", "reader 320px", "main-top", "main"},
		{"table broken letter by letter", "/reader/", "reader 320px", "narrow-cell", "td"},
		{"pathway without its leaflet", "/reader/", "reader 360px", "leaflet-link", ""},
		{"help only in its section at the end", "/reader/", "reader 360px", "help-first-screen", "nowhere"},
	}
	for _, w := range want {
		found := false
		for _, f := range rep.Findings {
			if f.Page == w.page && f.Check == w.check && f.Rule == w.rule && strings.Contains(f.Where+" "+f.Msg, w.where) {
				found = true
				break
			}
		}
		if !found {
			t.Errorf("%s: no finding {page %q, check %q, rule %q, where ~%q}", w.name, w.page, w.check, w.rule, w.where)
		}
	}
	if t.Failed() || testing.Verbose() {
		for _, f := range rep.Findings {
			t.Logf("got: %s", f)
		}
	}
}

// TestWordsChecksStillFail: a page of a language that is not fully checked
// (Config.Full) still fails on what its words can break — a missing alt at
// 320 px, an element too wide — and is spared only the checks WordsChecks
// leaves to the fully checked languages.
func TestWordsChecksStillFail(t *testing.T) {
	tl := tools.Need(t)
	srv, err := Listen()
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	if err := srv.Serve("testdata/broken"); err != nil {
		t.Fatal(err)
	}
	rep := runGatesOn(t, tl, srv, "testdata/broken", Budgets{Home: 200, Page: 30 * 1024, CalcJS: 10 * 1024}, nil, func(string) bool { return false })
	t.Log(rep.Summary())
	if !strings.Contains(rep.Summary(), fmt.Sprintf("× %d checks", len(WordsChecks))) {
		t.Errorf("the summary does not say the pages had the words checks only: %s", rep.Summary())
	}
	var axe320, reflow bool
	for _, f := range rep.Findings {
		axe320 = axe320 || (f.Check == "axe light 320px" && f.Rule == "image-alt")
		reflow = reflow || (f.Check == "reflow 320px" && f.Rule == "wide-element")
		switch f.Check {
		case "axe light 1280px", "axe dark 1280px", "axe dark 320px", "skip-link", "focus-visible", "calculator":
			t.Errorf("a check left to the fully checked languages ran: %s", f)
		}
	}
	if !axe320 || !reflow {
		t.Errorf("axe at 320 px found image-alt: %v; reflow found a wide element: %v; want both", axe320, reflow)
	}
}

package qa

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// notYetOwnFixtures are packages whose tests still read the real data
// (issue 13 converts them). Remove an entry when its tests own their
// fixtures; the copy then proves it.
var notYetOwnFixtures = map[string]bool{}

// TestEditorsEditBreaksNoTest is the promise to editors, run for real: in a
// copy of the repository, change single-permit.renewal-notice to 3 months
// and add a {rule:…} to a pathway label — the two edits this site exists
// for — then run the Go tests on the copy. They all pass, and the built site
// shows the new value and the new label. (The copy skips this test, so it
// does not recurse.)
func TestEditorsEditBreaksNoTest(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the whole test suite on a copy: not under -short")
	}
	if os.Getenv("FABRIQUE_IN_COPY") != "" {
		t.Skip("inside the copy")
	}
	dir := t.TempDir()
	for _, top := range []string{"go.mod", "go.sum", "site.toml", "cmd", "internal", "bench", "content", "data", "themes", "docs"} {
		src := filepath.Join(repoRoot, top)
		st, err := os.Stat(src)
		if err != nil {
			continue
		}
		if !st.IsDir() {
			b, _ := os.ReadFile(src)
			os.WriteFile(filepath.Join(dir, top), b, 0o644)
			continue
		}
		if err := os.CopyFS(filepath.Join(dir, top), os.DirFS(src)); err != nil {
			t.Fatal(err)
		}
	}
	edit := func(name string, re *regexp.Regexp, repl string) {
		t.Helper()
		p := filepath.Join(dir, name)
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if !re.Match(b) {
			t.Skipf("%s: %s not found: the data changed shape; adapt this test's edit", name, re)
		}
		os.WriteFile(p, re.ReplaceAll(b, []byte(repl)), 0o644)
	}
	// The renewal notice's current value, whatever it is, becomes 3.
	edit("data/rules/single-permit.yaml", regexp.MustCompile(`(?s)(\nrenewal-notice:.*?\n\s+value: )\d+`), "${1}3")
	// A rule value added to a pathway label, in every language.
	edit("data/pathways/single-permit-renewal.yaml", regexp.MustCompile(`(\n  - id: holder\n    kind: step\n    label:\n      fr: "[^"]*)"`),
		`${1} ; au-delà de {rule:single-permit.stay-threshold}"`)

	run := func(name string, args ...string) string {
		cmd := exec.Command(name, args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "FABRIQUE_IN_COPY=1", "CI=")
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("%s %s in the copy: %v\n%s", name, strings.Join(args, " "), err, out)
		}
		return string(out)
	}
	// The worked examples of the calculators (data/calculator-vectors.jsonl)
	// are computed by hand by the editors, and the build checks them: after
	// a change of law, check points at every example to update. Do what the
	// editor does with those messages.
	updateExamples(t, dir, run("go", "run", "./cmd/build", "check"))
	pkgs := []string{}
	for _, p := range strings.Fields(run("go", "list", "./...")) {
		if !notYetOwnFixtures[p[strings.Index(p, "/internal/")+1:]] {
			pkgs = append(pkgs, p)
		}
	}
	out := run("go", append([]string{"test", "-short"}, pkgs...)...)
	t.Logf("go test -short ./... on the edited copy:\n%s", out)
	run("go", "run", "./cmd/build", "-strict", "-o", "public")
	page, err := os.ReadFile(filepath.Join(dir, "public/fr/permis-unique-renouvellement/index.html"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(page), "3\u00a0mois") {
		t.Error("the renewal page does not say 3 mois")
	}
	svg, err := os.ReadFile(filepath.Join(dir, "public/diagrams/fr/single-permit-renewal.svg"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(svg), "au-delà de") {
		t.Error("the diagram does not show the new label")
	}
}

// vectorMsg is the build's message for a worked example that no longer
// matches the data.
var vectorMsg = regexp.MustCompile(`(?m)^data/calculator-vectors\.jsonl:(\d+):\d+: warning: calculator \S+ gives (\{.*\}), the example says`)

// updateExamples rewrites the expected result of each example check reports.
func updateExamples(t *testing.T, dir, checkOut string) {
	t.Helper()
	name := filepath.Join(dir, "data", "calculator-vectors.jsonl")
	b, err := os.ReadFile(name)
	if err != nil {
		return // no editor-maintained examples
	}
	lines := strings.Split(string(b), "\n")
	n := 0
	for _, m := range vectorMsg.FindAllStringSubmatch(checkOut, -1) {
		i, _ := strconv.Atoi(m[1])
		if i < 1 || i > len(lines) {
			continue
		}
		var v struct {
			ID  string          `json:"id"`
			In  json.RawMessage `json:"in"`
			Out json.RawMessage `json:"out"`
		}
		if err := json.Unmarshal([]byte(lines[i-1]), &v); err != nil {
			t.Fatalf("%s:%d: %v", name, i, err)
		}
		v.Out = json.RawMessage(m[2])
		out, _ := json.Marshal(v)
		lines[i-1] = string(out)
		n++
	}
	t.Logf("updated %d worked example(s) that check pointed at", n)
	if err := os.WriteFile(name, []byte(strings.Join(lines, "\n")), 0o644); err != nil {
		t.Fatal(err)
	}
}

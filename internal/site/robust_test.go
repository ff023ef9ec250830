package site

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/cire-asbl/fabrique/internal/diag"
)

// aliasBomb is a YAML document of n levels, each a list of nine aliases of
// the level below: expanded, 9^n strings (n = 9: 387 million).
func aliasBomb(n int, key string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s0: &a0 [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n", key)
	for i := 1; i <= n; i++ {
		refs := strings.Repeat(fmt.Sprintf("*a%d,", i-1), 9)
		fmt.Fprintf(&b, "%s%d: &a%d [%s]\n", key, i, i, strings.TrimSuffix(refs, ","))
	}
	return b.String()
}

// hasProblem reports whether l holds an error at path with a line > 0 whose
// message contains msg.
func hasProblem(l *diag.List, path, msg string) bool {
	for _, p := range l.Sorted() {
		if p.Path == path && p.Line > 0 && strings.Contains(p.Msg, msg) {
			return true
		}
	}
	return false
}

// An alias bomb (7 to 10 levels) in front matter or in any data file is
// refused with a positioned error before a decoder expands it. Before the
// guard, 7 levels took 17 s and 729 MB, 8 ran out of memory.
func TestAliasBombsRefused(t *testing.T) {
	base := fixture(t, siteTOML+`-- content/fr/index.md --
---
title: Accueil
key: home
---
Bonjour.
-- content/nl/index.md --
---
title: Thuis
key: home
---
Hallo.
`)
	targets := []string{"content/fr/bomb.md", "data/sources.yaml", "data/glossary.yaml", "data/calculators.yaml",
		"data/rules/x.yaml", "data/rules/_units.yaml", "data/pathways/x.yaml", "data/pathways/_labels.yaml", "data/other/new.yml"}
	for _, target := range targets {
		for levels := 7; levels <= 10; levels++ {
			t.Run(fmt.Sprintf("%s/%d", target, levels), func(t *testing.T) {
				m := fstest.MapFS{}
				for k, v := range base {
					m[k] = v
				}
				src := aliasBomb(levels, "k")
				if strings.HasSuffix(target, ".md") {
					src = "---\ntitle: B\nkey: b\n" + src + "---\nBody.\n"
				}
				m[target] = &fstest.MapFile{Data: []byte(src)}
				start := time.Now()
				res := Generate(m, Options{})
				t.Logf("%v", time.Since(start))
				if !hasProblem(res.Problems, target, "anchor (&) is not allowed") {
					t.Errorf("no positioned error at %s; got:\n%v", target, res.Problems.Sorted())
				}
			})
		}
	}
}

// A symbolic link in data/ is refused like one in content/.
func TestDataSymlinkRefused(t *testing.T) {
	root := t.TempDir()
	for name, f := range fixture(t, siteTOML+"-- content/fr/index.md --\n---\ntitle: A\nkey: home\n---\nx\n-- data/glossary.yaml --\n[]\n") {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink(filepath.Join(root, "data/glossary.yaml"), filepath.Join(root, "data/sources.yaml")); err != nil {
		t.Fatal(err)
	}
	res := Generate(os.DirFS(root), Options{})
	found := false
	for _, p := range res.Problems.Sorted() {
		found = found || p.Path == "data/sources.yaml" && strings.Contains(p.Msg, "symbolic link")
	}
	if !found {
		t.Errorf("no problem for the symlink: %v", res.Problems.Sorted())
	}
}

// A control character that reaches a diagram label through a YAML escape
// makes the build fail instead of publishing an SVG browsers refuse.
func TestControlCharacterInLabel(t *testing.T) {
	m := repoFS(t)
	for name, f := range m {
		if strings.HasPrefix(name, "data/pathways/") && !strings.Contains(name, "_") {
			src := string(f.Data)
			i := strings.Index(src, "    label:\n")
			if i < 0 {
				continue
			}
			j := strings.Index(src[i:], "fr: ") + i + len("fr: ")
			k := strings.IndexByte(src[j:], '\n') + j
			m[name] = &fstest.MapFile{Data: []byte(src[:j] + `"x\u0001y"` + src[k:])}
			res := Generate(m, Options{})
			found := false
			for _, p := range res.Problems.Sorted() {
				found = found || strings.Contains(p.Msg, "not valid XML")
			}
			if !found {
				t.Errorf("%s: no problem for a control character in a label: %v", name, res.Problems.Sorted())
			}
			return
		}
	}
	t.Fatal("no pathway label found")
}

package site

import (
	"reflect"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/cire-asbl/fabrique/internal/output"
)

// A cached build must be byte-identical to a fresh one, before and after
// edits of a page body, a title (menus change everywhere) and data.
func TestCacheGivesFreshOutput(t *testing.T) {
	m := repoFS(t)
	cache := NewCache()
	check := func(step string) {
		t.Helper()
		fresh := Generate(m, Options{})
		cached := Generate(m, Options{Cache: cache})
		if fresh.Failed(false) || cached.Failed(false) {
			t.Fatalf("%s: build failed: %v %v", step, fresh.Problems.Err(), cached.Problems.Err())
		}
		if !output.Equal(fresh.Files, cached.Files) {
			for name, b := range fresh.Files {
				if string(cached.Files[name]) != string(b) {
					t.Fatalf("%s: cached %s differs from a fresh build", step, name)
				}
			}
			t.Fatalf("%s: file sets differ", step)
		}
	}
	edit := func(name, old, new string) {
		src := string(m[name].Data)
		if !strings.Contains(src, old) {
			t.Fatalf("fixture: %q not in %s", old, name)
		}
		m[name] = &fstest.MapFile{Data: []byte(strings.Replace(src, old, new, 1))}
	}
	check("first build")
	check("unchanged")
	edit("content/en/about.md", "\n## ", "\nAn added sentence.\n\n## ")
	check("body edit")
	edit("content/fr/a-propos.md", "title: ", "title: Nouveau — ")
	check("title edit")
	edit("data/rules/single-permit.yaml", "value: 2\n", "value: 4\n")
	check("rule edit")
	// A broken page is reported by a cached build too.
	edit("content/fr/delais.md", "---\n", "---\nbogus: 1\n")
	if res := Generate(m, Options{Cache: cache}); !res.Failed(false) || !strings.Contains(res.Problems.Err().Error(), "content/fr/delais.md:2:1: unknown key") {
		t.Fatalf("cached build hides an error: %v", res.Problems.Err())
	}
}

// renderKey hashes PageData by hand; a new field must be added there.
func TestRenderKeyCoversPageData(t *testing.T) {
	// strs is unexported and derived from Lang.
	if n := reflect.TypeOf(PageData{}).NumField() - 1; n != renderKeyFields {
		t.Fatalf("PageData has %d fields, renderKey hashes %d: hash the new field in renderKey, then update renderKeyFields", n, renderKeyFields)
	}
}

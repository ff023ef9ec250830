package content

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/cire-asbl/fabrique/internal/diag"
)

const okPage = "---\ntitle: A\nkey: %s\n---\nx\n"

func page(key string) *fstest.MapFile {
	return &fstest.MapFile{Data: []byte(strings.Replace(okPage, "%s", key, 1))}
}

// One rule for content file names; "..md" and "...md" (which once replaced
// the French home page) are refused with the name to use.
func TestFileNames(t *testing.T) {
	for _, tc := range []struct {
		name, want string // want: "" accepted, else a substring of the problem
	}{
		{"a-b2.md", ""},
		{"sub/index.md", ""},
		{".DS_Store", ""},
		{"..md", `"..md" becomes part of a URL`},
		{"x/...md", `"...md" becomes part of a URL`},
		{"sub/..md", `"..md"`},
		{"Page.md", `e.g. "page.md"`},
		{"a b.md", `e.g. "a-b.md"`},
		{"q?.md", `e.g. "q.md"`},
		{"h#.md", `e.g. "h.md"`},
		{"back\\slash.md", `e.g. "back-slash.md"`},
		{"r\u202eev.md", `e.g. "r-ev.md"`},
		{"délai.md", `e.g. "delai.md"`},
		{"x.MD", "not a page"},
		{"Sub Dir/a.md", `folder name "Sub Dir"`},
		{".hidden.md", `".hidden.md"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fsys := fstest.MapFS{"content/fr/index.md": page("home"), "content/fr/" + tc.name: page("other")}
			_, ps := Load(fsys, []string{"fr"})
			got := ps.Sorted()
			if tc.want == "" {
				if len(got) > 0 {
					t.Errorf("refused: %v", got)
				}
				return
			}
			if len(got) != 1 || !strings.Contains(got[0].Msg, tc.want) || !strings.HasPrefix(got[0].Path, "content/fr/") {
				t.Errorf("problems %v, want one saying %q", got, tc.want)
			}
		})
	}
}

// Symlinks in content/ are refused with a message, whether they point to
// a file or a folder, inside the tree or outside.
func TestSymlinksRefused(t *testing.T) {
	root := t.TempDir()
	outside := t.TempDir()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(os.MkdirAll(filepath.Join(root, "content/fr/real"), 0o755))
	must(os.WriteFile(filepath.Join(root, "content/fr/index.md"), page("home").Data, 0o644))
	must(os.WriteFile(filepath.Join(root, "content/fr/real/a.md"), page("a").Data, 0o644))
	must(os.WriteFile(filepath.Join(outside, "secret.md"), page("secret").Data, 0o644))
	must(os.Symlink(filepath.Join(outside, "secret.md"), filepath.Join(root, "content/fr/secret.md")))
	must(os.Symlink(outside, filepath.Join(root, "content/fr/outdir")))
	must(os.Symlink(filepath.Join(root, "content/fr/real"), filepath.Join(root, "content/fr/again")))
	pages, ps := Load(os.DirFS(root), []string{"fr"})
	got := ps.Sorted()
	if len(got) != 3 {
		t.Errorf("problems %v, want 3", got)
	}
	for _, p := range got {
		if !strings.Contains(p.Msg, "symbolic link") {
			t.Errorf("unexpected %v", p)
		}
	}
	for _, p := range pages {
		if p.Key == "secret" {
			t.Error("a page from outside the tree was loaded")
		}
	}
}

func TestEmptyBriefItem(t *testing.T) {
	for _, src := range []string{
		"---\ntitle: A\nkey: a\nbrief:\n  - un\n  - \"\"\n---\n",
		"---\ntitle: A\nkey: a\nbrief:\n  - un\n  -\n---\n",
	} {
		ps := &diag.List{}
		Parse("content/fr/a.md", "fr", []byte(src), ps)
		got := ps.Sorted()
		if len(got) != 1 || !strings.Contains(got[0].Msg, "brief item 2 is empty") || got[0].Line != 6 {
			t.Errorf("%q: %v", src, got)
		}
	}
}

package markdown

import (
	"strings"
	"testing"

	"github.com/cire-asbl/fabrique/internal/diag"
)

// Links with a scheme other than http(s), mailto, tel (and ref:) are
// errors, not silently emptied; images must be files of the site; and
// site-absolute links get the base path.
func TestLinkSchemesAndImages(t *testing.T) {
	for _, tc := range []struct {
		in, want string // want: "" accepted
	}{
		{"[x](https://example.org/)", ""},
		{"[x](mailto:a@example.org) [y](tel:+3221234567)", ""},
		{"[x](/data/rules.json)", ""},
		{"[x](javascript:alert(1))", `scheme "javascript:" is not allowed`},
		{"[x](JavaScript:alert(1))", `scheme "javascript:" is not allowed`},
		{"[x](data:text/html,hi)", `scheme "data:" is not allowed`},
		{"[x](vbscript:x)", "not allowed"},
		{"<javascript:alert(1)>", "not allowed"},
		{"![](https://tracker.example/p.png)", "only files of this site"},
		{"![a](//tracker.example/p.png)", "only files of this site"},
		{"![a](p.png)", "only files of this site"},
		{"![a](/diagrams/fr/x.svg)", ""},
	} {
		env := &Env{Lang: "en", Path: "content/en/x.md", Source: []byte(tc.in), Problems: &diag.List{}, BasePath: "/sub"}
		out, err := New().Convert(env, []byte(tc.in))
		if err != nil {
			t.Fatal(err)
		}
		got := env.Problems.Sorted()
		switch {
		case tc.want == "" && len(got) > 0:
			t.Errorf("%s: refused: %v", tc.in, got)
		case tc.want != "" && (len(got) != 1 || !strings.Contains(got[0].Msg, tc.want) || got[0].Line != 1):
			t.Errorf("%s: problems %v, want one saying %q", tc.in, got, tc.want)
		}
		if tc.want == "" && strings.Contains(tc.in, "](/") && !strings.Contains(string(out), `="/sub/`) {
			t.Errorf("%s: no base path in %s", tc.in, out)
		}
	}
}

func TestEmptyListItems(t *testing.T) {
	for _, tc := range []struct {
		in   string
		line int // 0: accepted
	}{
		{"- a\n- b\n", 0},
		{"1. a\n2. b\n", 0},
		{"- a\n-\n- b\n", 2},
		{"text\n\n- a\n- \n", 4},
		{"1. a\n2.\n", 2},
	} {
		env := &Env{Lang: "en", Path: "content/en/x.md", Source: []byte(tc.in), Problems: &diag.List{}}
		if _, err := New().Convert(env, []byte(tc.in)); err != nil {
			t.Fatal(err)
		}
		got := env.Problems.Sorted()
		switch {
		case tc.line == 0 && len(got) > 0:
			t.Errorf("%q: refused: %v", tc.in, got)
		case tc.line != 0 && (len(got) != 1 || !strings.Contains(got[0].Msg, "empty list item") || got[0].Line != tc.line):
			t.Errorf("%q: problems %v, want one at line %d", tc.in, got, tc.line)
		}
	}
}

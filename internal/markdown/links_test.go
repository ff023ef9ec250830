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

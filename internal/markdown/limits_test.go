package markdown

import (
	"strings"
	"testing"
	"time"

	"github.com/cire-asbl/fabrique/internal/diag"
)

func convertTimed(t *testing.T, body string) (*diag.List, string, time.Duration) {
	t.Helper()
	env := &Env{Lang: "fr", Path: "content/fr/x.md", Source: []byte(body), Problems: &diag.List{}}
	start := time.Now()
	out, err := New().Convert(env, []byte(body))
	d := time.Since(start)
	if err != nil {
		t.Fatal(err)
	}
	return env.Problems, string(out), d
}

func nested(depth int) string {
	var b strings.Builder
	for i := range depth {
		b.WriteString(strings.Repeat("  ", i) + "- x\n")
	}
	return b.String()
}

// Shapes on which goldmark is super-linear are refused with a positioned
// error before it runs; shapes just under the limits still convert.
func TestLimits(t *testing.T) {
	for _, tc := range []struct {
		name, body, want string
		line             int
	}{
		{"lists 200 deep", nested(200), "nested", 33},
		{"quotes 100 deep", "a\n\n" + strings.Repeat(">", 100) + " x\n", "nested", 3},
		{"list markers on one line", strings.Repeat("- ", 40) + "x\n", "nested", 1},
		{"30,000 unclosed links", strings.Repeat("[a](", 30000), "more than 2000 links", 1},
		{"100,000 reference definitions", strings.Repeat("[a]: /b\n", 100000), "more than 2000 links", 2001},
		{"2 MB", strings.Repeat("word ", 400000), "split it into several pages", 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ps, _, d := convertTimed(t, tc.body)
			t.Logf("%v", d)
			got := ps.Sorted()
			if len(got) != 1 || !strings.Contains(got[0].Msg, tc.want) || got[0].Line != tc.line {
				t.Errorf("problems %v, want one at line %d saying %q", got, tc.line, tc.want)
			}
		})
	}
	for _, tc := range []struct{ name, body string }{
		{"lists 16 deep", nested(16)},
		{"2,000 unclosed links", strings.Repeat("[a](", 2000)},
		{"1,999 reference definitions", strings.Repeat("[a]: /b\n", 1999)},
		{"code indented in a list", "- a\n\n  ```\n" + strings.Repeat(" ", 40) + "x\n  ```\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ps, _, d := convertTimed(t, tc.body)
			t.Logf("%v", d)
			if len(ps.Sorted()) > 0 {
				t.Errorf("refused: %v", ps.Sorted())
			}
		})
	}
}

// N identical headings get ids in linear time (the old code retried -1,
// -2… from the start for each: 8,000 headings took 7.5 s, 100,000 never
// finished). The ids are unique and in order.
func TestIdenticalHeadings(t *testing.T) {
	const n = 100000
	ps, out, d := convertTimed(t, strings.Repeat("## Délai\n", n))
	t.Logf("%d identical headings: %v", n, d)
	if len(ps.Sorted()) > 0 {
		t.Fatal(ps.Sorted())
	}
	for _, id := range []string{`id="delai"`, `id="delai-1"`, `id="delai-99999"`} {
		if !strings.Contains(out, id) {
			t.Errorf("no %s", id)
		}
	}
	g := newIDs(nil)
	g.Put([]byte("a-2"))
	var got []string
	for range 4 {
		got = append(got, string(g.Generate([]byte("a"), 0)))
	}
	if strings.Join(got, " ") != "a a-1 a-3 a-4" {
		t.Errorf("ids %v", got)
	}
}

package diag

import (
	"strings"
	"testing"

	"github.com/goccy/go-yaml"
)

func TestFromYAMLPlain(t *testing.T) {
	for _, tt := range []struct{ src, want string }{
		{"title: \"open\nkey: x\n", `x.yaml:1:8: a value opened with " is never closed`},
		{"title: a: b\n", `x.yaml:1:8: a value contains ": "`},
		{"a: 1\na: 2\n", `the key "a" is written twice`},
		{"a: [1, 2\n", `x.yaml:1:4: a "[" is never closed`},
	} {
		var v map[string]any
		err := yaml.UnmarshalWithOptions([]byte(tt.src), &v, yaml.Strict())
		if err == nil {
			t.Errorf("%q: no error", tt.src)
			continue
		}
		if got := FromYAML("x.yaml", 0, err).Error(); !strings.Contains(got, tt.want) {
			t.Errorf("%q: got %q, want %q", tt.src, got, tt.want)
		}
	}
}

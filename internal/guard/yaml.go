// Package guard holds the checks every input passes before a parser sees
// it, so that no input can make the build hang, exhaust memory or write
// invalid output: YAML refuses anchors and aliases, Text refuses control
// characters and invalid UTF-8. Each returns nil or one positioned problem
// (path:line:col) and runs in linear time.
package guard

import (
	"bytes"

	"github.com/goccy/go-yaml/lexer"
	"github.com/goccy/go-yaml/token"

	"github.com/cire-asbl/fabrique/internal/diag"
)

// YAML is the check every YAML input passes before a
// decoder sees it: anchors (&a) and aliases (*a) are refused.
//
// Why: a decoder expands aliases, so a few hundred bytes of nested aliases
// (an "alias bomb") expand to gigabytes — 7 levels took 17 s and 729 MB in
// goccy/go-yaml, 8 ran out of memory. Nothing an editor writes here needs
// them (every value is written where it is used), so refusing them is the
// simplest bound: the check reads the tokens once, in linear time, and
// never builds the expanded tree.
//
// Contract: YAML returns nil, or a problem at the first anchor or alias
// (path:line:col, lines shifted by lineOffset for front matter inside a
// page). Files without '&' or '*' are not even tokenized.
func YAML(path string, lineOffset int, src []byte) *diag.Problem {
	if !bytes.ContainsAny(src, "&*") {
		return nil
	}
	for _, tk := range lexer.Tokenize(string(src)) {
		var what string
		switch tk.Type {
		case token.AnchorType:
			what = "an anchor (&)"
		case token.AliasType:
			what = "an alias (*)"
		default:
			continue
		}
		line, col := 0, 0
		if tk.Position != nil {
			line, col = tk.Position.Line+lineOffset, tk.Position.Column
		}
		p := diag.Errorf(path, line, col, "%s is not allowed in this file: write the value out where it is used (YAML anchors and aliases can expand a small file into gigabytes). A text that starts with & or * must be quoted: \"*like this\"", what)
		return &p
	}
	return nil
}

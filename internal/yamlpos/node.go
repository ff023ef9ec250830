// Package ytree turns a YAML document into a small tree that keeps every
// node's line and column, so the data loaders (rules, calculators) can report
// path:line:col problems without decoding into structs and losing positions.
//
// Contract: Parse never panics on bad input; a syntax error comes back as a
// diag.Problem at the error's position. Mapping keys keep their file order;
// a duplicated key is reported as a problem, the first occurrence wins.
package yamlpos

import (
	"github.com/cire-asbl/fabrique/internal/diag"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
	"github.com/goccy/go-yaml/token"
)

// Kind is the shape of a node.
type Kind int

const (
	Scalar Kind = iota
	Map
	Seq
	Null
)

// Node is one YAML node with its position.
type Node struct {
	Kind      Kind
	Line, Col int
	Value     string  // raw scalar text (unquoted), for Scalar
	Quoted    bool    // the scalar was quoted in the file
	Keys      []*Node // for Map: key nodes, in file order
	Vals      []*Node // for Map: values, parallel to Keys; for Seq: items
}

// Get returns the value of key in a map node, or nil.
func (n *Node) Get(key string) *Node {
	if n == nil || n.Kind != Map {
		return nil
	}
	for i, k := range n.Keys {
		if k.Value == key {
			return n.Vals[i]
		}
	}
	return nil
}

// KeyNode returns the key node for key in a map, or nil.
func (n *Node) KeyNode(key string) *Node {
	if n == nil || n.Kind != Map {
		return nil
	}
	for _, k := range n.Keys {
		if k.Value == key {
			return k
		}
	}
	return nil
}

// Parse reads src (one document) into a tree. path is only used in problems.
func Parse(path string, src []byte, probs *diag.List) *Node {
	return ParseAt(path, 0, src, probs)
}

// ParseAt is Parse for YAML that starts lineOffset lines into its file
// (front matter starts on line 2 of a page): every position is shifted.
func ParseAt(path string, lineOffset int, src []byte, probs *diag.List) *Node {
	f, err := parser.ParseBytes(src, 0)
	if err != nil {
		// The one place a YAML syntax error becomes a problem an editor
		// can act on: at its line and column, in plain words, with the fix.
		probs.Add(diag.FromYAML(path, lineOffset, err))
		return nil
	}
	if len(f.Docs) == 0 || f.Docs[0].Body == nil {
		return &Node{Kind: Null, Line: 1, Col: 1}
	}
	if len(f.Docs) > 1 {
		probs.Errorf(path, 0, 0, "YAML: want one document, found %d", len(f.Docs))
	}
	c := conv{path: path, probs: probs, offset: lineOffset}
	return c.node(f.Docs[0].Body)
}

type conv struct {
	path   string
	probs  *diag.List
	offset int
}

func (c *conv) pos(n ast.Node) (int, int) {
	if n == nil {
		return 0, 0
	}
	tk := n.GetToken()
	if tk == nil || tk.Position == nil {
		return 0, 0
	}
	return tk.Position.Line + c.offset, tk.Position.Column
}

func (c *conv) node(n ast.Node) *Node {
	line, col := c.pos(n)
	switch v := n.(type) {
	case nil:
		return &Node{Kind: Null}
	case *ast.DocumentNode:
		return c.node(v.Body)
	case *ast.TagNode:
		return c.node(v.Value)
	case *ast.AnchorNode:
		return c.node(v.Value)
	case *ast.AliasNode:
		c.probs.Errorf(c.path, line, col, "YAML aliases are not supported here: repeat the value")
		return &Node{Kind: Null, Line: line, Col: col}
	case *ast.NullNode:
		return &Node{Kind: Null, Line: line, Col: col}
	case *ast.MappingNode:
		out := &Node{Kind: Map, Line: line, Col: col}
		for _, mv := range v.Values {
			c.pair(out, mv)
		}
		if len(out.Keys) > 0 { // not len(v.Values): a refused key is not kept
			out.Line, out.Col = out.Keys[0].Line, out.Keys[0].Col
		}
		return out
	case *ast.MappingValueNode:
		out := &Node{Kind: Map, Line: line, Col: col}
		c.pair(out, v)
		if len(out.Keys) > 0 {
			out.Line, out.Col = out.Keys[0].Line, out.Keys[0].Col
		}
		return out
	case *ast.SequenceNode:
		out := &Node{Kind: Seq, Line: line, Col: col}
		for _, it := range v.Values {
			out.Vals = append(out.Vals, c.node(it))
		}
		return out
	case *ast.LiteralNode:
		return &Node{Kind: Scalar, Line: line, Col: col, Value: v.Value.Value, Quoted: true}
	case *ast.StringNode:
		tk := v.GetToken()
		q := tk != nil && (tk.Type == token.DoubleQuoteType || tk.Type == token.SingleQuoteType)
		return &Node{Kind: Scalar, Line: line, Col: col, Value: v.Value, Quoted: q}
	default:
		tk := n.GetToken()
		s := ""
		if tk != nil {
			s = tk.Value
		}
		return &Node{Kind: Scalar, Line: line, Col: col, Value: s}
	}
}

func (c *conv) pair(m *Node, mv *ast.MappingValueNode) {
	k := c.node(mv.Key)
	if k.Kind != Scalar {
		c.probs.Errorf(c.path, k.Line, k.Col, "mapping key must be a plain value")
		return
	}
	for _, old := range m.Keys {
		if old.Value == k.Value {
			c.probs.Errorf(c.path, k.Line, k.Col, "duplicate key %q (first at line %d)", k.Value, old.Line)
			return
		}
	}
	m.Keys = append(m.Keys, k)
	m.Vals = append(m.Vals, c.node(mv.Value))
}

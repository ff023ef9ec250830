package markdown

import (
	"fmt"
	"html"
	"regexp"
	"strings"

	"github.com/cire-asbl/fabrique/internal/diag"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Directive is {name:arg} or {name:arg|text} in a page body. Inline names:
// rule (a rule parameter's value) and term (a glossary term). Block names:
// calculator and diagram, which must stand alone in a paragraph. In a
// table, where | ends a cell, the text is given after \| as GitHub tables
// escape it: {term:arg\|text}.
type Directive struct {
	ast.BaseInline
	Name, Arg, Label string
	Offset           int // byte offset in the body, for line:col
}

// KindDirective is the node kind of Directive.
var KindDirective = ast.NewNodeKind("Directive")

func (n *Directive) Kind() ast.NodeKind { return KindDirective }

func (n *Directive) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Name": n.Name, "Arg": n.Arg}, nil)
}

// EmbedBlock is a block directive replaced by the HTML its provider made.
type EmbedBlock struct {
	ast.BaseBlock
	HTML string
}

// KindEmbedBlock is the node kind of EmbedBlock.
var KindEmbedBlock = ast.NewNodeKind("EmbedBlock")

func (n *EmbedBlock) Kind() ast.NodeKind         { return KindEmbedBlock }
func (n *EmbedBlock) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

var (
	inlineDirectives = map[string]bool{"rule": true, "term": true}
	blockDirectives  = map[string]bool{"calculator": true, "diagram": true}
	directiveRe      = regexp.MustCompile(`^\{([a-z]+):([A-Za-z0-9._-]*)(?:\\?\|([^{}\n]*))?\}`)
	directiveStartRe = regexp.MustCompile(`^\{([a-z]+):`)
)

// directiveNames are the names a {name:…} may have, for "did you mean".
var directiveNames = []string{"rule", "term", "calculator", "diagram"}

// Named priorities: directives must see '{' before nothing else claims it,
// and be transformed after goldmark has built paragraphs.
const (
	directiveParserPriority      = 150
	directiveTransformerPriority = 50
	embedRendererPriority        = 100
)

type directives struct{}

func (directives) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(
		parser.WithInlineParsers(util.Prioritized(directiveParser{}, directiveParserPriority)),
		parser.WithASTTransformers(util.Prioritized(directiveTransformer{}, directiveTransformerPriority)),
	)
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(directiveRenderer{}, embedRendererPriority)))
}

type directiveParser struct{}

func (directiveParser) Trigger() []byte { return []byte{'{'} }

func (directiveParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, seg := block.PeekLine()
	m := directiveRe.FindSubmatch(line)
	if m == nil {
		malformed(parent, line, seg.Start, pc)
		return nil
	}
	name := string(m[1])
	if !inlineDirectives[name] && !blockDirectives[name] {
		// Not ours: "{foo:bar}" in prose stays text, but a misspelt
		// name would leave the editor's {trem:…} on the page.
		if near := diag.Nearest(name, directiveNames); near != "" {
			if env := EnvFrom(pc); env != nil && env.Problems != nil {
				l, c := env.Pos(seg.Start)
				env.Problems.Errorf(env.Path, l, c, "{%s:%s}: no directive %q (did you mean {%s:%s}?)", name, m[2], name, near, m[2])
			}
		}
		return nil
	}
	block.Advance(len(m[0]))
	return &Directive{Name: name, Arg: string(m[2]), Label: string(m[3]), Offset: seg.Start}
}

// malformed reports a {rule:, {term:, {calculator: or {diagram: that is
// not a whole directive: left as it is, the reader would see the markup.
// The commonest cause is a table: its | ends the cell in the middle of
// {term:id|text}.
func malformed(parent ast.Node, line []byte, off int, pc parser.Context) {
	s := directiveStartRe.FindSubmatch(line)
	if s == nil || !inlineDirectives[string(s[1])] && !blockDirectives[string(s[1])] {
		return
	}
	env := EnvFrom(pc)
	if env == nil || env.Problems == nil {
		return
	}
	name, shown := string(s[1]), string(line)
	if i := strings.IndexAny(shown, "}\n"); i >= 0 {
		shown = shown[:i+1]
	}
	shown = strings.TrimSuffix(shown, "\n")
	fix := "write {" + name + ":id} or {" + name + ":id|text}, on one line, the id in letters, digits, '.', '_' or '-'"
	if parent != nil && parent.Kind() == east.KindTableCell {
		fix = "in a table, | ends the cell: write {" + name + ":id\\|text}"
	}
	l, c := env.Pos(off)
	env.Problems.Errorf(env.Path, l, c, "%q is not a whole {%s:…}: %s", shown, name, fix)
}

type directiveTransformer struct{}

func (directiveTransformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	env := EnvFrom(pc)
	var found []*Directive
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if d, ok := n.(*Directive); ok && entering {
			found = append(found, d)
		}
		return ast.WalkContinue, nil
	})
	termSeen := map[string]bool{}
	for _, d := range found {
		if blockDirectives[d.Name] {
			embedBlock(env, d)
			continue
		}
		switch d.Name {
		case "rule":
			expandRule(env, d)
		case "term":
			expandTerm(env, d, termSeen)
		}
	}
}

func problem(env *Env, d *Directive, format string, args ...any) {
	if env == nil || env.Problems == nil {
		return
	}
	l, c := env.Pos(d.Offset)
	env.Problems.Errorf(env.Path, l, c, format, args...)
}

func embedBlock(env *Env, d *Directive) {
	para := d.Parent()
	if para == nil || para.Kind() != ast.KindParagraph || para.ChildCount() != 1 {
		problem(env, d, "{%s:%s} must stand alone in its own paragraph (blank lines around it)", d.Name, d.Arg)
		d.Parent().RemoveChild(d.Parent(), d)
		return
	}
	var out string
	if env != nil {
		env.Embeds = append(env.Embeds, Embed{Name: d.Name, Arg: d.Arg})
	}
	if env == nil || env.Blocks == nil {
		out = ""
	} else if h, err := env.Blocks.Block(d.Name, d.Arg, env.Lang); err != nil {
		problem(env, d, "{%s:%s}: %v%s", d.Name, d.Arg, err, env.suggest(d.Name, d.Arg))
	} else {
		out = h
	}
	para.Parent().ReplaceChild(para.Parent(), para, &EmbedBlock{HTML: out})
}

func expandRule(env *Env, d *Directive) {
	parent := d.Parent()
	if env == nil || env.Rules == nil {
		parent.ReplaceChild(parent, d, ast.NewString([]byte("{rule:"+d.Arg+"}")))
		return
	}
	val, cite, err := env.Rules.FormatRule(d.Arg, env.Lang)
	if err != nil {
		problem(env, d, "{rule:%s}: %v%s", d.Arg, err, env.suggest("rule", d.Arg))
		parent.RemoveChild(parent, d)
		return
	}
	if d.Label != "" {
		problem(env, d, "{rule:%s|…}: a rule value takes no text; write {rule:%s}", d.Arg, d.Arg)
	}
	s := ast.NewString([]byte(val))
	s.SetCode(false)
	parent.InsertBefore(parent, d, s)
	if cite.Key != "" {
		parent.InsertBefore(parent, d, NewCitation([]CiteRef{cite}, d.Offset))
	}
	parent.RemoveChild(parent, d)
}

func expandTerm(env *Env, d *Directive, seen map[string]bool) {
	parent := d.Parent()
	if env == nil || env.Glossary == nil {
		parent.ReplaceChild(parent, d, ast.NewString([]byte(d.Arg)))
		return
	}
	termText, href, ok := env.Glossary.Term(d.Arg, env.Lang)
	if !ok {
		problem(env, d, "{term:%s}: no such term in data/glossary.yaml%s (check the id, or add the term)", d.Arg, env.suggest("term", d.Arg))
		parent.ReplaceChild(parent, d, ast.NewString([]byte(d.Arg)))
		return
	}
	label := termText
	if d.Label != "" {
		label = d.Label
	}
	if seen[d.Arg] {
		parent.ReplaceChild(parent, d, ast.NewString([]byte(label)))
		return
	}
	seen[d.Arg] = true
	d.Label = label
	d.Arg = href
	// Rendered by directiveRenderer as a link to the definition.
}

type directiveRenderer struct{}

func (directiveRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindDirective, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		d := n.(*Directive)
		if d.Name == "term" && strings.Contains(d.Arg, "/") {
			fmt.Fprintf(w, `<a class="term" href="%s">%s</a>`, html.EscapeString(d.Arg), html.EscapeString(d.Label))
			return ast.WalkContinue, nil
		}
		w.WriteString(html.EscapeString(d.Label))
		return ast.WalkContinue, nil
	})
	reg.Register(KindEmbedBlock, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			w.WriteString(n.(*EmbedBlock).HTML)
			w.WriteByte('\n')
		}
		return ast.WalkContinue, nil
	})
}

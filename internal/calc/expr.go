package calc

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/cire-asbl/fabrique/internal/rules"
)

// The formula language. Small on purpose: what the five calculators need,
// typed at load time so a formula that would add a percentage to a date or
// compare a date with a number fails the build, not a visitor's browser.
//
//	expr    = or
//	or      = and { "||" and }
//	and     = cmp { "&&" cmp }
//	cmp     = add [ ("<" | "<=" | ">" | ">=" | "==" | "!=") add ]
//	add     = unary { ("+" | "-") unary }
//	unary   = ("!" | "-") unary | primary
//	primary = int | "string" | @rule.id | name | name "(" expr { "," expr } ")" | "(" expr ")"
//
// Types: date, duration (a rule parameter with a date step), number
// (integers), bool, string. date ± duration → date (the duration's own
// convention: clamped months/years, or days); min/max over two dates or two
// numbers; if(bool, a, b); amount(duration) → number. A name is an input,
// a `let` or an earlier output.

type typ int

const (
	tInvalid typ = iota
	tDate
	tDur
	tNum
	tBool
	tStr
)

func (t typ) String() string {
	return [...]string{"invalid", "date", "duration", "number", "bool", "string"}[t]
}

type node struct {
	op   string // num str rule var call + - neg ! < <= > >= == != && ||
	fn   string // for call
	args []*node
	num  int
	str  string // string literal, variable or rule id
	pos  int    // byte offset in the formula, for problems
	typ  typ
	// for rule: the unit step of a duration ("" for a figure); the value
	// itself is looked up at evaluation, on the calculator's rules date.
	step string
}

type dur struct {
	N    int
	Step string // rules.StepDays/Months/Years
}

type token struct {
	kind string // num str rule ident op eof
	text string
	pos  int
}

func lex(src string) ([]token, error) {
	var toks []token
	i := 0
	for i < len(src) {
		c := src[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			i++
		case c >= '0' && c <= '9':
			j := i
			for j < len(src) && src[j] >= '0' && src[j] <= '9' {
				j++
			}
			toks = append(toks, token{"num", src[i:j], i})
			i = j
		case c == '"':
			j := strings.IndexByte(src[i+1:], '"')
			if j < 0 {
				return nil, posErr(i, "unterminated string")
			}
			toks = append(toks, token{"str", src[i+1 : i+1+j], i})
			i += j + 2
		case c == '@':
			j := i + 1
			for j < len(src) && (isIdent(src[j]) || src[j] == '.' || src[j] == '-') {
				j++
			}
			if j == i+1 {
				return nil, posErr(i, "@ must be followed by a rule parameter id")
			}
			toks = append(toks, token{"rule", src[i+1 : j], i})
			i = j
		case isIdent(c):
			j := i
			for j < len(src) && (isIdent(src[j]) || (src[j] >= '0' && src[j] <= '9')) {
				j++
			}
			toks = append(toks, token{"ident", src[i:j], i})
			i = j
		default:
			two := ""
			if i+1 < len(src) {
				two = src[i : i+2]
			}
			switch two {
			case "<=", ">=", "==", "!=", "&&", "||":
				toks = append(toks, token{"op", two, i})
				i += 2
				continue
			}
			if strings.IndexByte("+-<>!(),", c) >= 0 {
				toks = append(toks, token{"op", string(c), i})
				i++
				continue
			}
			return nil, posErr(i, "unexpected character %q", c)
		}
	}
	return append(toks, token{"eof", "", len(src)}), nil
}

func isIdent(c byte) bool { return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') }

// exprError carries a byte offset so the loader can turn it into line:col.
type exprError struct {
	pos int
	msg string
}

func (e *exprError) Error() string { return e.msg }

func posErr(pos int, format string, args ...any) error {
	return &exprError{pos, fmt.Sprintf(format, args...)}
}

type parser struct {
	toks []token
	i    int
}

func (p *parser) peek() token { return p.toks[p.i] }
func (p *parser) next() token { t := p.toks[p.i]; p.i++; return t }

func (p *parser) accept(text string) bool {
	if t := p.peek(); t.kind == "op" && t.text == text {
		p.i++
		return true
	}
	return false
}

func parseExpr(src string) (*node, error) {
	toks, err := lex(src)
	if err != nil {
		return nil, err
	}
	p := &parser{toks: toks}
	n, err := p.binary(0)
	if err != nil {
		return nil, err
	}
	if t := p.peek(); t.kind != "eof" {
		return nil, posErr(t.pos, "unexpected %q", t.text)
	}
	return n, nil
}

var levels = [][]string{{"||"}, {"&&"}, {"<", "<=", ">", ">=", "==", "!="}, {"+", "-"}}

func (p *parser) binary(level int) (*node, error) {
	if level == len(levels) {
		return p.unary()
	}
	left, err := p.binary(level + 1)
	if err != nil {
		return nil, err
	}
	for {
		t := p.peek()
		match := false
		for _, op := range levels[level] {
			if t.kind == "op" && t.text == op {
				match = true
			}
		}
		if !match {
			return left, nil
		}
		p.next()
		right, err := p.binary(level + 1)
		if err != nil {
			return nil, err
		}
		left = &node{op: t.text, args: []*node{left, right}, pos: t.pos}
		if level == 2 { // comparisons do not chain: a < b < c is an error
			if t2 := p.peek(); t2.kind == "op" && strings.Contains("<<=>>===!=", t2.text) && t2.text != "(" && t2.text != ")" && t2.text != "," && t2.text != "!" {
				return nil, posErr(t2.pos, "comparisons cannot be chained")
			}
			return left, nil
		}
	}
}

func (p *parser) unary() (*node, error) {
	t := p.peek()
	if t.kind == "op" && (t.text == "!" || t.text == "-") {
		p.next()
		x, err := p.unary()
		if err != nil {
			return nil, err
		}
		op := t.text
		if op == "-" {
			op = "neg"
		}
		return &node{op: op, args: []*node{x}, pos: t.pos}, nil
	}
	return p.primary()
}

func (p *parser) primary() (*node, error) {
	t := p.next()
	switch t.kind {
	case "num":
		n, err := strconv.Atoi(t.text)
		if err != nil || n > 1_000_000 {
			return nil, posErr(t.pos, "number %s out of range", t.text)
		}
		return &node{op: "num", num: n, pos: t.pos}, nil
	case "str":
		return &node{op: "str", str: t.text, pos: t.pos}, nil
	case "rule":
		return &node{op: "rule", str: t.text, pos: t.pos}, nil
	case "ident":
		if p.accept("(") {
			call := &node{op: "call", fn: t.text, pos: t.pos}
			for {
				a, err := p.binary(0)
				if err != nil {
					return nil, err
				}
				call.args = append(call.args, a)
				if p.accept(")") {
					return call, nil
				}
				if !p.accept(",") {
					return nil, posErr(p.peek().pos, "want , or ) in call to %s", t.text)
				}
			}
		}
		if t.text == "true" || t.text == "false" {
			return &node{op: "bool", str: t.text, pos: t.pos}, nil
		}
		return &node{op: "var", str: t.text, pos: t.pos}, nil
	case "op":
		if t.text == "(" {
			n, err := p.binary(0)
			if err != nil {
				return nil, err
			}
			if !p.accept(")") {
				return nil, posErr(p.peek().pos, "want )")
			}
			return n, nil
		}
	}
	if t.kind == "eof" {
		return nil, posErr(t.pos, "formula ends too early")
	}
	return nil, posErr(t.pos, "unexpected %q", t.text)
}

// scope gives the checker the types of names and the rule set.
type scope struct {
	vars    map[string]typ
	choices map[string]map[string]bool // choice input → allowed values, to catch typos in "wallonia"
	rules   *rules.Set
	used    *[]string // rule ids used, in first-use order
}

// check types n in place. A rule reference is typed from its unit; its
// value is the one that applies on the calculator's rules date, looked up
// when the calculator runs, so every dated value must be usable.
func (sc *scope) check(n *node) error {
	for _, a := range n.args {
		if err := sc.check(a); err != nil {
			return err
		}
	}
	for _, a := range n.args {
		if a.typ == tInvalid { // an earlier problem was already reported
			n.typ = tInvalid
			return nil
		}
	}
	arg := func(i int) typ { return n.args[i].typ }
	switch n.op {
	case "num":
		n.typ = tNum
	case "str":
		n.typ = tStr
	case "bool":
		n.typ = tBool
	case "var":
		t, ok := sc.vars[n.str]
		if !ok {
			return posErr(n.pos, "unknown name %q (not an input, let or earlier output)", n.str)
		}
		n.typ = t
	case "rule":
		p, ok := sc.rules.Lookup(n.str)
		if !ok {
			return posErr(n.pos, "unknown rule parameter %q", n.str)
		}
		if p.Kind == rules.KindProposed {
			return posErr(n.pos, "rule parameter %q is only proposed, not law: a calculator cannot apply it", n.str)
		}
		for _, v := range p.Values {
			if !v.End && float64(v.Int()) != v.Number {
				return posErr(n.pos, "rule parameter %q: its value from %s is not a whole number", n.str, v.From())
			}
		}
		if u, _ := sc.rules.Unit(p.Unit); u != nil && u.Step != "" {
			n.typ, n.step = tDur, u.Step
		} else {
			n.typ = tNum
		}
		found := false
		for _, id := range *sc.used {
			found = found || id == n.str
		}
		if !found {
			*sc.used = append(*sc.used, n.str)
		}
	case "neg":
		if arg(0) != tNum {
			return posErr(n.pos, "- applies to a number, not a %s", arg(0))
		}
		n.typ = tNum
	case "!":
		if arg(0) != tBool {
			return posErr(n.pos, "! applies to a condition, not a %s", arg(0))
		}
		n.typ = tBool
	case "+", "-":
		switch {
		case arg(0) == tDate && arg(1) == tDur:
			n.typ = tDate
		case arg(0) == tNum && arg(1) == tNum:
			n.typ = tNum
		default:
			return posErr(n.pos, "cannot compute %s %s %s (a date ± a duration rule, or numbers)", arg(0), n.op, arg(1))
		}
	case "<", "<=", ">", ">=":
		if arg(0) != arg(1) || (arg(0) != tDate && arg(0) != tNum) {
			return posErr(n.pos, "cannot compare %s %s %s", arg(0), n.op, arg(1))
		}
		n.typ = tBool
	case "==", "!=":
		if arg(0) != arg(1) || arg(0) == tDur {
			return posErr(n.pos, "cannot compare %s %s %s", arg(0), n.op, arg(1))
		}
		// "region == \"walonia\"" would silently be false forever: check the literal.
		for i := 0; i < 2; i++ {
			a, b := n.args[i], n.args[1-i]
			if a.op == "var" && b.op == "str" && sc.choices[a.str] != nil && !sc.choices[a.str][b.str] {
				return posErr(b.pos, "%q is not an option of %s", b.str, a.str)
			}
		}
		n.typ = tBool
	case "&&", "||":
		if arg(0) != tBool || arg(1) != tBool {
			return posErr(n.pos, "%s needs two conditions", n.op)
		}
		n.typ = tBool
	case "call":
		want := map[string]int{"min": 2, "max": 2, "if": 3, "amount": 1}
		k, ok := want[n.fn]
		if !ok {
			return posErr(n.pos, "unknown function %s (known: min, max, if, amount)", n.fn)
		}
		if len(n.args) != k {
			return posErr(n.pos, "%s takes %d arguments, not %d", n.fn, k, len(n.args))
		}
		switch n.fn {
		case "min", "max":
			if arg(0) != arg(1) || (arg(0) != tDate && arg(0) != tNum) {
				return posErr(n.pos, "%s needs two dates or two numbers", n.fn)
			}
			n.typ = arg(0)
		case "if":
			if arg(0) != tBool {
				return posErr(n.pos, "if needs a condition first")
			}
			if arg(1) != arg(2) {
				return posErr(n.pos, "if branches differ: %s and %s", arg(1), arg(2))
			}
			n.typ = arg(1)
		case "amount":
			if arg(0) != tDur {
				return posErr(n.pos, "amount needs a duration")
			}
			n.typ = tNum
		}
	default:
		return posErr(n.pos, "internal: unknown op %s", n.op)
	}
	return nil
}

// eval computes n in Go. env values: rules.Date, dur, int, bool, string.
func eval(n *node, env map[string]any) any {
	a := func(i int) any { return eval(n.args[i], env) }
	switch n.op {
	case "num":
		return n.num
	case "str":
		return n.str
	case "bool":
		return n.str == "true"
	case "var":
		return env[n.str]
	case "rule":
		v := env["@"+n.str].(rules.Value) // looked up by Evaluate on the rules date
		if n.typ == tDur {
			return dur{v.Int(), n.step}
		}
		return v.Int()
	case "neg":
		return -a(0).(int)
	case "!":
		return !a(0).(bool)
	case "+", "-":
		sign := 1
		if n.op == "-" {
			sign = -1
		}
		if n.typ == tDate {
			return addDur(a(0).(rules.Date), a(1).(dur), sign)
		}
		return a(0).(int) + sign*a(1).(int)
	case "<", "<=", ">", ">=":
		c := compare(a(0), a(1))
		switch n.op {
		case "<":
			return c < 0
		case "<=":
			return c <= 0
		case ">":
			return c > 0
		}
		return c >= 0
	case "==":
		return a(0) == a(1)
	case "!=":
		return a(0) != a(1)
	case "&&":
		return a(0).(bool) && a(1).(bool)
	case "||":
		return a(0).(bool) || a(1).(bool)
	case "call":
		switch n.fn {
		case "min", "max":
			x, y := a(0), a(1)
			c := compare(x, y)
			if (n.fn == "min" && c > 0) || (n.fn == "max" && c < 0) {
				return y
			}
			return x
		case "if":
			if a(0).(bool) {
				return a(1)
			}
			return a(2)
		case "amount":
			return a(0).(dur).N
		}
	}
	panic("calc: unchecked formula op " + n.op) // unreachable: check ran at load
}

func compare(x, y any) int {
	switch x := x.(type) {
	case rules.Date:
		return x.Compare(y.(rules.Date))
	case int:
		switch y := y.(int); {
		case x < y:
			return -1
		case x > y:
			return 1
		}
	}
	return 0
}

func addDur(d rules.Date, u dur, sign int) rules.Date {
	switch u.Step {
	case rules.StepDays:
		return d.AddDays(sign * u.N)
	case rules.StepMonths:
		return d.AddMonths(sign * u.N)
	default:
		return d.AddYears(sign * u.N)
	}
}

// js compiles n to a JavaScript expression over the runtime helpers in
// runtimeJS. Variables are v_<name>; dates are "YYYY-MM-DD" strings.
func js(n *node) string {
	a := func(i int) string { return js(n.args[i]) }
	switch n.op {
	case "num":
		return strconv.Itoa(n.num)
	case "str":
		return strconv.Quote(n.str)
	case "bool":
		return n.str
	case "var":
		return "v_" + n.str
	case "rule":
		// r[id] is [from, value, status] of the value on the rules date.
		if n.typ == tDur {
			return fmt.Sprintf("[r[%s][1],%q]", strconv.Quote(n.str), n.step[:1])
		}
		return fmt.Sprintf("r[%s][1]", strconv.Quote(n.str))
	case "neg":
		return "(-" + a(0) + ")"
	case "!":
		return "(!" + a(0) + ")"
	case "+", "-":
		if n.typ == tDate {
			sign := "1"
			if n.op == "-" {
				sign = "-1"
			}
			return "A(" + a(0) + "," + a(1) + "," + sign + ")"
		}
		return "(" + a(0) + n.op + a(1) + ")"
	case "<", "<=", ">", ">=":
		// Dates are fixed-width strings with four-digit years, so string
		// order is date order; numbers compare natively.
		return "(" + a(0) + n.op + a(1) + ")"
	case "==", "!=":
		return "(" + a(0) + n.op + "=" + a(1) + ")"
	case "&&", "||":
		return "(" + a(0) + n.op + a(1) + ")"
	case "call":
		switch n.fn {
		case "min":
			return "(" + a(0) + "<=" + a(1) + "?" + a(0) + ":" + a(1) + ")"
		case "max":
			return "(" + a(0) + ">=" + a(1) + "?" + a(0) + ":" + a(1) + ")"
		case "if":
			return "(" + a(0) + "?" + a(1) + ":" + a(2) + ")"
		case "amount":
			return "(" + a(0) + ")[0]"
		}
	}
	panic("calc: unchecked formula op " + n.op)
}

package yamlpos

import (
	"fmt"
	"reflect"
	"strconv"
	"strings"

	"github.com/cire-asbl/fabrique/internal/diag"
)

// Pos is where a value was written (1-based; 0 when unknown). A struct
// field of type Pos (embedded or named Pos, with no yaml key of its own) is
// set to the position of the mapping it is decoded from.
type Pos struct{ Line, Col int }

// At returns the position of n.
func At(n *Node) Pos {
	if n == nil {
		return Pos{}
	}
	return Pos{n.Line, n.Col}
}

// Unmarshaler is implemented by a type that decodes itself from a node,
// reporting its own problems through d (Text, Str).
type Unmarshaler interface {
	UnmarshalNode(d *Decoder, n *Node)
}

// Decoder decodes positioned nodes into typed Go values. It never stops at
// the first mistake: every problem of the file is reported at its
// path:line:col, and the value keeps whatever decoded.
//
// Struct fields are matched by their yaml tag (`yaml:"name"`, `yaml:"-"` to
// skip) or, without one, by their lowercased name; `yaml:"name,required"`
// makes a missing key an error. A key no field takes is an error with a
// "did you mean" among the struct's keys. A *Node field keeps the raw node,
// for loaders that walk their own shapes.
type Decoder struct {
	Path  string
	Probs *diag.List
	// Langs are the site's languages, the first being the source language.
	// Text values are checked against them (nil: not checked).
	Langs []string
	// Where names the file's part in messages (" in the front matter").
	Where string
}

// File parses src and decodes it into v (a pointer), reporting every
// problem into probs. It returns the root node (nil when the YAML does not
// parse) so a loader may look at shapes the struct does not hold.
func File(path string, src []byte, v any, langs []string, probs *diag.List) *Node {
	n := Parse(path, src, probs)
	if n == nil {
		return nil
	}
	d := &Decoder{Path: path, Probs: probs, Langs: langs}
	d.Decode(n, v)
	return n
}

// Errorf reports a problem at n.
func (d *Decoder) Errorf(n *Node, format string, args ...any) {
	p := At(n)
	d.Probs.Errorf(d.Path, p.Line, p.Col, format, args...)
}

// Decode decodes n into v, which must be a non-nil pointer.
func (d *Decoder) Decode(n *Node, v any) {
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Pointer || rv.IsNil() {
		panic(fmt.Sprintf("yamlpos: Decode needs a non-nil pointer, not %T", v))
	}
	d.value(n, rv.Elem())
}

var (
	unmarshalerType = reflect.TypeFor[Unmarshaler]()
	nodeType        = reflect.TypeFor[Node]()
	posType         = reflect.TypeFor[Pos]()
)

// kindName says in words what a node is, for problems.
func kindName(n *Node) string {
	switch n.Kind {
	case Map:
		return "a mapping (key: value lines)"
	case Seq:
		return "a list"
	case Null:
		return "nothing"
	}
	return fmt.Sprintf("the value %q", n.Value)
}

func (d *Decoder) value(n *Node, v reflect.Value) {
	if n == nil {
		return
	}
	if v.CanAddr() && v.Addr().Type().Implements(unmarshalerType) {
		v.Addr().Interface().(Unmarshaler).UnmarshalNode(d, n)
		return
	}
	switch v.Type() {
	case nodeType:
		v.Set(reflect.ValueOf(*n))
		return
	case posType:
		v.Set(reflect.ValueOf(At(n)))
		return
	}
	switch v.Kind() {
	case reflect.Pointer:
		if n.Kind == Null {
			return
		}
		if v.Type().Elem() == nodeType {
			v.Set(reflect.ValueOf(n))
			return
		}
		nv := reflect.New(v.Type().Elem())
		d.value(n, nv.Elem())
		v.Set(nv)
	case reflect.Struct:
		d.structValue(n, v)
	case reflect.Slice:
		switch n.Kind {
		case Null:
			return
		case Seq:
		default:
			d.Errorf(n, "a list is expected here (lines starting with \"- \"), not %s", kindName(n))
			return
		}
		s := reflect.MakeSlice(v.Type(), len(n.Vals), len(n.Vals))
		for i, it := range n.Vals {
			d.value(it, s.Index(i))
		}
		v.Set(s)
	case reflect.Map:
		if n.Kind == Null {
			return
		}
		if n.Kind != Map || v.Type().Key().Kind() != reflect.String {
			d.Errorf(n, "key: value lines are expected here, not %s", kindName(n))
			return
		}
		m := reflect.MakeMapWithSize(v.Type(), len(n.Keys))
		for i, k := range n.Keys {
			ev := reflect.New(v.Type().Elem()).Elem()
			d.value(n.Vals[i], ev)
			m.SetMapIndex(reflect.ValueOf(k.Value).Convert(v.Type().Key()), ev)
		}
		v.Set(m)
	case reflect.String:
		if s, ok := d.scalar(n, "a text"); ok {
			v.SetString(s)
		}
	case reflect.Bool:
		s, ok := d.scalar(n, "true or false")
		if !ok {
			return
		}
		switch s {
		case "true":
			v.SetBool(true)
		case "false":
		default:
			d.Errorf(n, "%q: write true or false", s)
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		s, ok := d.scalar(n, "a whole number")
		if !ok {
			return
		}
		i, err := strconv.ParseInt(s, 10, v.Type().Bits())
		if err != nil {
			d.Errorf(n, "%q is not a whole number", s)
			return
		}
		v.SetInt(i)
	case reflect.Float32, reflect.Float64:
		s, ok := d.scalar(n, "a number")
		if !ok {
			return
		}
		f, err := strconv.ParseFloat(s, v.Type().Bits())
		if err != nil {
			d.Errorf(n, "%q is not a number (write 1.5, not 1,5)", s)
			return
		}
		v.SetFloat(f)
	default:
		panic(fmt.Sprintf("yamlpos: cannot decode into %s", v.Type()))
	}
}

// scalar returns n's text, or reports that want was expected.
func (d *Decoder) scalar(n *Node, want string) (string, bool) {
	switch n.Kind {
	case Scalar:
		return n.Value, true
	case Null:
		return "", false
	}
	d.Errorf(n, "%s is expected here, not %s", want, kindName(n))
	return "", false
}

// field is one key of a struct.
type field struct {
	key      string
	index    int
	required bool
}

func fieldsOf(t reflect.Type) (fields []field, pos []int) {
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		tag := f.Tag.Get("yaml")
		if f.Type == posType && (f.Anonymous || tag == "" || tag == "-") {
			pos = append(pos, i)
			continue
		}
		if tag == "-" {
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		if name == "" {
			name = strings.ToLower(f.Name)
		}
		fields = append(fields, field{key: name, index: i, required: strings.Contains(","+opts+",", ",required,")})
	}
	return fields, pos
}

func (d *Decoder) structValue(n *Node, v reflect.Value) {
	fields, pos := fieldsOf(v.Type())
	for _, i := range pos {
		v.Field(i).Set(reflect.ValueOf(At(n)))
	}
	switch n.Kind {
	case Null:
		n = &Node{Kind: Map, Line: n.Line, Col: n.Col}
	case Map:
	default:
		d.Errorf(n, "key: value lines are expected here, not %s", kindName(n))
		return
	}
	known := make([]string, len(fields))
	for i, f := range fields {
		known[i] = f.key
	}
	for i, k := range n.Keys {
		j := indexOf(known, k.Value)
		if j < 0 {
			d.Errorf(k, "unknown key %q%s%s (allowed keys: %s)", k.Value, d.Where, diag.DidYouMean(k.Value, known), strings.Join(known, ", "))
			continue
		}
		d.value(n.Vals[i], v.Field(fields[j].index))
	}
	for _, f := range fields {
		if f.required && n.Get(f.key) == nil {
			d.Errorf(n, "missing key %q", f.key)
		}
	}
}

func indexOf(xs []string, x string) int {
	for i, y := range xs {
		if y == x {
			return i
		}
	}
	return -1
}

// Str is a scalar with its position, for ids and keys a later check may
// find wrong (an unknown node, a misspelt calculator).
type Str struct {
	S string
	Pos
}

// UnmarshalNode implements Unmarshaler.
func (s *Str) UnmarshalNode(d *Decoder, n *Node) {
	s.Pos = At(n)
	s.S, _ = d.scalar(n, "a value")
}

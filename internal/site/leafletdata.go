package site

import (
	"io/fs"
	"sort"
	"strings"

	"github.com/cire-asbl/fabrique/internal/calc"
	"github.com/cire-asbl/fabrique/internal/diag"
	"github.com/cire-asbl/fabrique/internal/leaflet"
	"github.com/cire-asbl/fabrique/internal/yamlpos"
)

// leafletsPath holds what leaflets carry besides the pathway: worked-example
// inputs per calculator and extra help lines per pathway.
const leafletsPath = "data/leaflets.yaml"

// leafletsYAML is the file's shape, decoded by yamlpos (unknown keys with
// "did you mean", every problem at its line:col). An example's values are
// a string, or a bool when written true/false without quotes.
type leafletsYAML struct {
	Examples *yamlpos.Node       `yaml:"examples"` // calculator → input → value
	Help     map[string][]string `yaml:"help"`
}

// loadLeafletData reads and checks data/leaflets.yaml against the loaded
// calculators, pathways and interface strings. A missing file is fine:
// examples then take their defaults and no pathway has extra help.
func (b *builder) loadLeafletData() {
	d := b.data
	d.leaflets = &leafletData{}
	src, err := fs.ReadFile(b.fsys, leafletsPath)
	if err != nil {
		return
	}
	var y leafletsYAML
	root := yamlpos.File(leafletsPath, src, &y, nil, b.problems)
	if root == nil {
		return
	}
	d.leaflets.Help = y.Help
	// keyAt is where a key of examples (and of its calculator) is written.
	keyAt := map[string][2]int{}
	if ex := y.Examples; ex != nil && ex.Kind == yamlpos.Map {
		d.leaflets.Examples = map[string]leaflet.ExampleSpec{}
		for i, k := range ex.Keys {
			keyAt[k.Value] = [2]int{k.Line, k.Col}
			spec := leaflet.ExampleSpec{}
			if v := ex.Vals[i]; v.Kind == yamlpos.Map {
				for j, ik := range v.Keys {
					keyAt[k.Value+"."+ik.Value] = [2]int{ik.Line, ik.Col}
					iv := v.Vals[j]
					switch {
					case iv.Kind != yamlpos.Scalar:
						b.problems.Errorf(leafletsPath, iv.Line, iv.Col, "examples.%s.%s: one value is expected here", k.Value, ik.Value)
					case !iv.Quoted && (iv.Value == "true" || iv.Value == "false"):
						spec[ik.Value] = iv.Value == "true"
					default:
						spec[ik.Value] = iv.Value
					}
				}
			} else if v.Kind != yamlpos.Null {
				b.problems.Errorf(leafletsPath, v.Line, v.Col, "examples.%s: write the inputs as {name: value, …}", k.Value)
			}
			d.leaflets.Examples[k.Value] = spec
		}
	} else if ex != nil && ex.Kind != yamlpos.Null {
		b.problems.Errorf(leafletsPath, ex.Line, ex.Col, "examples: one line per calculator (id: {input: value})")
	}
	helpAt := map[string][2]int{}
	if h := root.Get("help"); h != nil && h.Kind == yamlpos.Map {
		for _, k := range h.Keys {
			helpAt[k.Value] = [2]int{k.Line, k.Col}
		}
	}
	// at finds a key's position: at("examples", "renewal", "expiry").
	at := func(keys ...string) (int, int) {
		var p [2]int
		switch {
		case len(keys) >= 2 && keys[0] == "help":
			p = helpAt[keys[1]]
		case len(keys) >= 2:
			p = keyAt[strings.Join(keys[1:], ".")]
		}
		return p[0], p[1]
	}
	if d.calcs != nil {
		for _, id := range sortedKeys(d.leaflets.Examples) {
			c, ok := d.calcs.Get(id)
			if !ok {
				l, col := at("examples", id)
				b.problems.Errorf(leafletsPath, l, col, "examples: no calculator %q in %s%s", id, calculatorsPath, diag.DidYouMean(id, d.calcs.IDs()))
				continue
			}
			b.checkExample(c, d.leaflets.Examples[id], at)
		}
	}
	if d.pathways != nil {
		for _, id := range sortedKeys(d.leaflets.Help) {
			if _, ok := d.pathways.Pathway(id); !ok {
				l, col := at("help", id)
				b.problems.Errorf(leafletsPath, l, col, "help: no pathway %q in %s%s", id, pathwaysDir, diag.DidYouMean(id, d.pathways.IDs()))
			}
		}
	}
}

// checkExample checks one calculator's example inputs.
func (b *builder) checkExample(c *calc.Calculator, ex leaflet.ExampleSpec, at func(...string) (int, int)) {
	var names []string
	byName := map[string]*calc.Input{}
	for _, in := range c.Inputs {
		names = append(names, in.Name)
		byName[in.Name] = in
	}
	for _, name := range sortedKeys(ex) {
		l, col := at("examples", c.ID, name)
		in := byName[name]
		if in == nil {
			b.problems.Errorf(leafletsPath, l, col, "examples.%s: calculator %q has no input %q%s (inputs: %v)", c.ID, c.ID, name, diag.DidYouMean(name, names), names)
			continue
		}
		v := ex[name]
		switch in.Type {
		case calc.TypeDate:
			s, ok := v.(string)
			if !ok {
				b.problems.Errorf(leafletsPath, l, col, "examples.%s.%s: a date is an offset in quotes, e.g. \"+6 months\" or \"0\"", c.ID, name)
			} else if _, _, _, err := leaflet.ParseOffset(s); err != nil {
				b.problems.Errorf(leafletsPath, l, col, "examples.%s.%s: %v", c.ID, name, err)
			}
		case calc.TypeChoice:
			s, _ := v.(string)
			var opts []string
			for _, o := range in.Options {
				opts = append(opts, o.Value)
			}
			if !contains(opts, s) {
				b.problems.Errorf(leafletsPath, l, col, "examples.%s.%s: %v is not an option%s (options: %v)", c.ID, name, v, diag.DidYouMean(s, opts), opts)
			}
		case calc.TypeFlag:
			if _, ok := v.(bool); !ok {
				b.problems.Errorf(leafletsPath, l, col, "examples.%s.%s: write true or false", c.ID, name)
			}
		}
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

package site

import (
	"fmt"
	"io/fs"
	"regexp"
	"sort"

	"github.com/cire-asbl/fabrique/internal/calc"
	"github.com/cire-asbl/fabrique/internal/diag"
	"github.com/cire-asbl/fabrique/internal/leaflet"
	"github.com/goccy/go-yaml"
)

// leafletsPath holds what leaflets carry besides the pathway: worked-example
// inputs per calculator and extra help lines per pathway.
const leafletsPath = "data/leaflets.yaml"

// leafletData is data/leaflets.yaml.
type leafletData struct {
	Examples map[string]leaflet.ExampleSpec `yaml:"examples"`
	Help     map[string][]string            `yaml:"help"`
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
	if err := yaml.UnmarshalWithOptions(src, d.leaflets, yaml.Strict(), yaml.DisallowUnknownField()); err != nil {
		pr := diag.FromYAML(leafletsPath, 0, err)
		if m := unknownKeyRe.FindStringSubmatch(err.Error()); m != nil {
			pr.Msg = fmt.Sprintf("unknown key %q%s (allowed: examples, help)", m[1], diag.DidYouMean(m[1], []string{"examples", "help"}))
		}
		b.problems.Add(pr)
		d.leaflets = &leafletData{}
		return
	}
	// at finds a key (under its parents, in block or flow style) for
	// positions: at("examples", "renewal", "expiry").
	at := func(keys ...string) (int, int) {
		off := 0
		for _, k := range keys {
			re := regexp.MustCompile(`(?:^|[\s{,])(` + regexp.QuoteMeta(k) + `)\s*:`)
			loc := re.FindSubmatchIndex(src[off:])
			if loc == nil {
				break
			}
			off += loc[2]
		}
		return diag.LineCol(src, off)
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

var unknownKeyRe = regexp.MustCompile(`unknown field "([^"]*)"`)

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

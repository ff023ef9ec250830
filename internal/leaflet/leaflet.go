// Package leaflet renders the printable leaflet of a pathway: one A4 sheet,
// recto verso, for people who keep paper rather than a phone.
//
// Contract:
//   - Leaflet is everything a leaflet shows, resolved in its language: the
//     theme's layouts/leaflet.html writes it (an <article class="leaflet">
//     with two <section class="leaflet-side">, one per printed side), the
//     site puts it in the page layout and print.css sizes it for A4. This
//     package reads no file, no clock and no network.
//   - RuleRefs lists the rule parameters a pathway's diagram uses (its key
//     deadlines) in reading order; ExampleInputs builds the worked example's
//     inputs from the site's reference date only (never today's date), so a
//     leaflet printed in March shows the same example as one printed in May.
//   - QRSVG draws a QR code as SVG from the library's bitmap, without style
//     attributes (CSP), quiet zone included.
package leaflet

import (
	"fmt"
	"html/template"
	"regexp"
	"strconv"
	"strings"

	"github.com/cire-asbl/fabrique/internal/calc"
	"github.com/cire-asbl/fabrique/internal/pathway"
	"github.com/cire-asbl/fabrique/internal/rules"
)

// Leaflet is everything one leaflet shows, already resolved in its language.
type Leaflet struct {
	Lang, ID string
	Title    string
	Summary  string
	Brief    []template.HTML // always on the recto, under the summary
	Legend   string
	Diagram  template.HTML // inline SVG: pathway.Set.PrintSVG (columns, text ≥ 9 pt at scale 1)

	Deadlines []Row
	Examples  []Example
	Help      []string
	Sources   []template.HTML // footnote-style citations (sources.Set.Note)

	URL      string        // absolute URL of the pathway's online page
	QR       template.HTML // QRSVG(URL)
	PDF      string        // URL of the PDF of this leaflet
	AsOf     string        // YYYY-MM-DD
	AsOfText string        // in the language
	Credit   string
	Advice   string // "this is not legal advice"

	Labels Labels
}

// Labels are the leaflet's interface words (theme i18n).
type Labels struct {
	InBrief, Deadlines, Deadline, Duration, NoDeadlines string
	Example, ExampleIntro                               string
	// ExampleCol and OwnCol head the worked example's columns: the
	// example's values and an empty one to write the client's own dates in.
	ExampleCol, OwnCol                   string
	Help, Sources, Online, PDF, AsOf, QR string
	// Notes heads the writing space that fills what the verso leaves
	// (paper only).
	Notes string
}

// Row is a label and its value.
type Row struct{ Label, Value string }

// Example is one calculator run on example dates.
type Example struct {
	Title   string
	Inputs  []Row
	Outputs []Row
}

var ruleRe = regexp.MustCompile(`\{rule:([^}|]+)`)

// RuleRefs returns the rule parameter ids p's nodes and edge labels use, in
// the order a reader meets them (nodes in file order, then edge labels),
// each once. Every label has every language, so the source language's text
// (lang) is enough.
func RuleRefs(p *pathway.Pathway, lang string) []string {
	var out []string
	seen := map[string]bool{}
	add := func(s string) {
		for _, m := range ruleRe.FindAllStringSubmatch(s, -1) {
			if !seen[m[1]] {
				seen[m[1]] = true
				out = append(out, m[1])
			}
		}
	}
	for _, n := range p.Nodes {
		add(n.Label.Text[lang])
	}
	for _, e := range p.Edges {
		if e.Label != nil {
			add(e.Label.Text[lang])
		}
	}
	return out
}

// ExampleSpec is a calculator's worked-example inputs as written in
// data/leaflets.yaml: a date as an offset from the reference date ("+6
// months", "-1 year", "0 days"), a choice as an option value, a flag as a
// bool. Inputs left out take the reference date, the first option, false.
type ExampleSpec map[string]any

// ParseOffset reads "+6 months", "-1 year", "0", "+10 days" into years,
// months and days.
func ParseOffset(s string) (years, months, days int, err error) {
	f := strings.Fields(strings.TrimSpace(s))
	if len(f) == 1 && f[0] == "0" {
		return 0, 0, 0, nil
	}
	if len(f) != 2 {
		return 0, 0, 0, fmt.Errorf("%q: write a number and a unit, e.g. \"+6 months\", \"-1 year\", \"0 days\"", s)
	}
	n, err := strconv.Atoi(strings.TrimPrefix(f[0], "+"))
	if err != nil {
		return 0, 0, 0, fmt.Errorf("%q: %q is not a whole number", s, f[0])
	}
	switch strings.TrimSuffix(f[1], "s") {
	case "year":
		return n, 0, 0, nil
	case "month":
		return 0, n, 0, nil
	case "day":
		return 0, 0, n, nil
	}
	return 0, 0, 0, fmt.Errorf("%q: the unit is days, months or years", s)
}

// ExampleInputs returns the inputs of c's worked example, computed from the
// reference date asOf: dates as "YYYY-MM-DD", choices as option values,
// flags as bools — what calc.Calculators.Evaluate takes.
func ExampleInputs(c *calc.Calculator, asOf rules.Date, sc ExampleSpec) map[string]any {
	in := map[string]any{}
	for _, f := range c.Inputs {
		v, ok := sc[f.Name]
		switch f.Type {
		case calc.TypeDate:
			s, _ := v.(string)
			y, m, d, _ := ParseOffset(s) // checked when data/leaflets.yaml is loaded
			in[f.Name] = asOf.AddYears(y).AddMonths(m).AddDays(d).String()
		case calc.TypeChoice:
			s, isStr := v.(string)
			if !ok || !isStr || !hasOption(f, s) {
				s = ""
				if len(f.Options) > 0 {
					s = f.Options[0].Value
				}
			}
			in[f.Name] = s
		case calc.TypeFlag:
			b, _ := v.(bool)
			in[f.Name] = b
		}
	}
	return in
}

func hasOption(f *calc.Input, v string) bool {
	for _, o := range f.Options {
		if o.Value == v {
			return true
		}
	}
	return false
}

// WorkedExample runs calculator id on its example inputs (ExampleInputs from
// asOf) with the Go evaluator and words inputs and results in lang.
func WorkedExample(cs *calc.Calculators, id, lang string, asOf rules.Date, sc ExampleSpec) (Example, error) {
	c, ok := cs.Get(id)
	if !ok {
		return Example{}, fmt.Errorf("unknown calculator %q", id)
	}
	in := ExampleInputs(c, asOf, sc)
	out, errs := cs.Evaluate(id, in)
	if len(errs) > 0 {
		return Example{}, fmt.Errorf("calculator %q rejects its example inputs %v: %v", id, in, errs)
	}
	ex := Example{Title: c.Title[lang]}
	date := func(s string) (string, error) {
		d, err := rules.ParseDate(s)
		if err != nil {
			return "", err
		}
		return cs.FormatDate(d, lang)
	}
	for _, f := range c.Inputs {
		var v string
		switch f.Type {
		case calc.TypeDate:
			s, err := date(in[f.Name].(string))
			if err != nil {
				return Example{}, err
			}
			v = s
		case calc.TypeChoice:
			for _, o := range f.Options {
				if o.Value == in[f.Name] {
					v = o.Label[lang]
				}
			}
		case calc.TypeFlag:
			v = strconv.FormatBool(in[f.Name].(bool))
		}
		ex.Inputs = append(ex.Inputs, Row{f.Label[lang], v})
	}
	for _, o := range c.Outputs {
		var v string
		switch x := out[o.Name].(type) {
		case string:
			if o.Type == "date" {
				s, err := date(x)
				if err != nil {
					return Example{}, err
				}
				v = s
				break
			}
			v = x
			for _, opt := range o.Values {
				if opt.Value == x {
					v = opt.Label[lang]
				}
			}
		case bool:
			if x {
				v = o.Yes[lang]
			} else {
				v = o.No[lang]
			}
		default:
			v = fmt.Sprint(x)
		}
		ex.Outputs = append(ex.Outputs, Row{o.Label[lang], v})
	}
	return ex, nil
}

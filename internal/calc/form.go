package calc

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"html/template"
	"regexp"
	"strconv"
	"strings"

	"github.com/cire-asbl/fabrique/internal/rules"
)

// formHTML is the markup of forms and rule tables. Its line breaks and the
// indentation after them are for reading: they are removed before parsing
// (the forms are one line, as they always were); html/template escapes
// every value for its context.
//
//go:embed form.html
var formHTML string

var formTmpl = template.Must(template.New("form.html").Parse(regexp.MustCompile(`\n\s*`).ReplaceAllString(formHTML, "")))

// render executes one of form.html's templates.
func render(name string, view any) (string, error) {
	var b strings.Builder
	if err := formTmpl.ExecuteTemplate(&b, name, view); err != nil {
		return "", err
	}
	return b.String(), nil
}

// FormatDate writes d in lang with the month names of data/calculators.yaml
// ("1er décembre 2025", "1 december 2025", "1 December 2025"). The browser
// formats results with the same data.
func (c *Calculators) FormatDate(d rules.Date, lang string) (string, error) {
	u, ok := c.ui[lang]
	if !ok || len(u.Months) != 12 {
		return "", fmt.Errorf("calculators: no interface text for language %q", lang)
	}
	day := strconv.Itoa(d.Day)
	if d.Day == 1 && u.Text["day_one"] != "" {
		day = u.Text["day_one"]
	}
	r := strings.NewReplacer("{d}", day, "{month}", u.Months[d.Month-1], "{y}", strconv.Itoa(d.Year))
	return r.Replace(u.Text["date_format"]), nil
}

// pick returns a text in lang, or in the default language when it is not
// translated yet (plain text: JSON for calculator-ui.js).
func (c *Calculators) pick(m map[string]string, lang string) string {
	if v, ok := m[lang]; ok || c.def == "" {
		return v
	}
	return m[c.def]
}

// text is a text from the data as form.html's "text" template shows it: in
// the page's language (Lang empty), or, not translated yet, in the default
// language Lang, followed by the "not translated" Hint.
type text struct {
	Text string
	Lang string // set only when it differs from the page's
	Hint string
}

// h returns a text in lang; a text not translated yet is the default
// language's, marked with its lang and followed by the "not translated" hint.
func (c *Calculators) h(m map[string]string, lang string) text {
	if v, ok := m[lang]; ok || c.def == "" {
		return text{Text: v}
	}
	t := text{Text: m[c.def], Lang: c.def}
	if u := c.ui[lang]; u != nil {
		t.Hint = u.Text["not_translated"]
	}
	return t
}

func (c *Calculators) lookup(id, lang string) (*Calculator, *UI, error) {
	k, ok := c.calcs[id]
	if !ok {
		return nil, nil, fmt.Errorf("unknown calculator %q", id)
	}
	u, ok := c.ui[lang]
	if !ok {
		return nil, nil, fmt.Errorf("calculators: no interface text for language %q", lang)
	}
	return k, u, nil
}

// tableView is form.html's "table": the rule table of one calculator.
type tableView struct {
	Caption, Rule, Value, Source string // the caption and column heads
	Rows                         []rowView
	Basis                        basisView
}

// rowView is one value of a rule parameter.
type rowView struct {
	Rule, Status, From string
	Head               *text // the parameter's description, on its first row only
	Value              string
	// SourceHTML is Options.Cite's HTML; without Cite, SourceText is the
	// plain key and pinpoint.
	SourceHTML template.HTML
	SourceText string
}

// basisView is the line under the table: Before, the date (when the
// sentence has a {date}), After.
type basisView struct {
	Before, After  string
	Found          bool
	Date, DateText string
}

// RuleTable renders the rule parameters calculator id applies as an HTML
// table: for each, the value that applies on the reference date and every
// later one, each with the date it applies from, its legal status in words
// when it is not in force, and its source. It is what a visitor without
// JavaScript sees instead of the form, and it can be used alone. The line
// under it says what the values are, never "in force" for what is not.
func (c *Calculators) RuleTable(id, lang string) (string, error) {
	v, err := c.ruleTable(id, lang)
	if err != nil {
		return "", err
	}
	return render("table", v)
}

func (c *Calculators) ruleTable(id, lang string) (*tableView, error) {
	k, u, err := c.lookup(id, lang)
	if err != nil {
		return nil, err
	}
	t := &tableView{Caption: u.Text["rules_used"], Rule: u.Text["rule"], Value: u.Text["value"], Source: u.Text["source"]}
	asOf := c.rules.AsOf()
	for _, rid := range k.Rules {
		desc, err := c.rules.Description(rid, lang)
		if err != nil {
			return nil, err
		}
		head := text{Text: desc}
		if _, in := c.rules.DescriptionIn(rid, lang); in != lang {
			head = c.h(map[string]string{in: desc}, lang)
		}
		p, _ := c.rules.Lookup(rid)
		first := true
		for _, v := range p.Values {
			if cur, ok := p.At(asOf); ok && v.From().Before(cur.From()) || v.End {
				continue // superseded before the reference date, or an end
			}
			if _, ok := p.At(asOf); !ok && v.From().Before(asOf) {
				continue
			}
			value, err := c.rules.FormatValue(rid, v, lang)
			if err != nil {
				return nil, err
			}
			if v.Status != rules.StatusInForce {
				label, err := c.rules.StatusLabel(v, lang)
				if err != nil {
					return nil, err
				}
				value += " (" + label + ")"
			}
			if v.From().After(asOf) {
				d, err := c.FormatDate(v.From(), lang)
				if err != nil {
					return nil, err
				}
				value = strings.ReplaceAll(u.Text["from"], "{date}", d) + " " + value
			}
			row := rowView{Rule: rid, Status: v.Status, From: v.From().String(), Value: value}
			if c.cite != nil {
				src, err := c.cite(v.Cite(), lang)
				if err != nil {
					return nil, err
				}
				row.SourceHTML = template.HTML(src) // Options.Cite's contract: HTML
			} else {
				row.SourceText = v.Cite().Key
				if pin := v.Cite().Pinpoint; pin != "" {
					row.SourceText += ", " + pin
				}
			}
			if first {
				row.Head = &head
			}
			t.Rows = append(t.Rows, row)
			first = false
		}
	}
	asOfText, err := c.FormatDate(asOf, lang)
	if err != nil {
		return nil, err
	}
	t.Basis.Before, t.Basis.After, t.Basis.Found = strings.Cut(u.Text["basis"], "{date}")
	t.Basis.Date, t.Basis.DateText = asOf.String(), asOfText
	return t, nil
}

// uiData is what calculator-ui.js needs, as JSON in a data attribute (no
// inline script under the CSP).
type uiData struct {
	Lang     string            `json:"lang"`
	RulesAt  string            `json:"rulesAt,omitempty"` // the input whose date selects the rule values
	Statuses map[string]string `json:"statuses"`          // status → words ("selon l’analyse du CIRÉ")
	Kinds    map[string]string `json:"kinds"`             // deadline/advice → heading words
	Months   []string          `json:"months"`
	// MonthNames lists, for each month, every name and abbreviation the
	// field accepts, in every site language ("mrt" and "mars" on a Dutch
	// page): readers do not always write in the page's language.
	MonthNames [][]string        `json:"monthNames"`
	Text       map[string]string `json:"text,omitempty"` // uiOptional texts
	NextStep   string            `json:"nextStep,omitempty"`
	Event      string            `json:"event,omitempty"`
	DateFormat string            `json:"dateFormat"`
	DayOne     string            `json:"dayOne,omitempty"`
	Errors     map[string]string `json:"errors"`
	Inputs     []uiInput         `json:"inputs"`
	Outputs    []uiOutput        `json:"outputs"`
}

type uiInput struct {
	Name   string            `json:"name"`
	Type   string            `json:"type"`
	Label  string            `json:"label"`
	ID     string            `json:"id"`
	Checks map[string]string `json:"checks,omitempty"`
}

type uiOutput struct {
	Name     string            `json:"name"`
	Type     string            `json:"type"`
	Kind     string            `json:"kind"`               // deadline | advice | info
	Sentence string            `json:"sentence,omitempty"` // who must do what by when; {value} is the result
	Label    string            `json:"label"`
	Values   map[string]string `json:"values,omitempty"`
	Past     string            `json:"past,omitempty"` // what a past date means
}

// monthNames is every accepted spelling of each month, all languages.
func (c *Calculators) monthNames() [][]string {
	out := make([][]string, 12)
	for _, lang := range c.langs {
		u := c.ui[lang]
		if u == nil {
			continue
		}
		for i := 0; i < 12; i++ {
			if i < len(u.Months) {
				out[i] = append(out[i], u.Months[i])
			}
			if i < len(u.MonthsShort) {
				out[i] = append(out[i], u.MonthsShort[i])
			}
			if i < len(u.MonthAliases) {
				out[i] = append(out[i], u.MonthAliases[i]...)
			}
			out[i] = dedupe(out[i])
		}
	}
	return out
}

// dedupe drops repeated spellings, keeping the first: a language whose
// strings fall back to the default language's must not change the list
// every other language's pages carry.
func dedupe(xs []string) []string {
	seen := make(map[string]bool, len(xs))
	out := xs[:0]
	for _, x := range xs {
		if !seen[x] {
			seen[x] = true
			out = append(out, x)
		}
	}
	return out
}

// Text is the interface text key of lang in data/calculators.yaml ("" if
// absent).
func (c *Calculators) Text(lang, key string) string {
	if u, ok := c.ui[lang]; ok {
		return u.Text[key]
	}
	return ""
}

// Form renders calculator id in lang (see FormInstance).
func (c *Calculators) Form(id, lang string) (string, error) { return c.FormInstance(id, lang, 1) }

// FormInstance renders calculator id for the n-th time on a page (see
// FormWithExample, without a worked example).
func (c *Calculators) FormInstance(id, lang string, n int) (string, error) {
	return c.FormWithExample(id, lang, n, "")
}

// FormWithExample renders calculator id for the n-th time on a page (n ≥ 1):
// ids get a "-n" suffix from n = 2 so two copies never share an id.
// example is HTML shown without JavaScript before the rule table (a worked
// example the caller computed with Evaluate); "" for none.
//
// Markup: a rule table (visible without JavaScript) and a form following
// the GOV.UK date-input pattern, hidden until calculator-ui.js reveals it:
// <form data-calculator="ID" novalidate hidden>, one fieldset role="group"
// per date with legend, hint, inline error and day/month/year inputs, an
// error summary, a submit button, a polite live region for results, the
// rules applied and the "indicative, not legal advice" line.
func (c *Calculators) FormWithExample(id, lang string, n int, example string) (string, error) {
	k, u, err := c.lookup(id, lang)
	if err != nil {
		return "", err
	}
	p := "calc-" + id
	if n > 1 {
		p += "-" + strconv.Itoa(n)
	}
	table, err := c.ruleTable(id, lang)
	if err != nil {
		return "", err
	}
	data := uiData{Lang: lang, RulesAt: k.RulesAt, Months: u.Months, DateFormat: u.Text["date_format"], DayOne: u.Text["day_one"], Errors: u.Errors,
		Statuses: map[string]string{}, Kinds: map[string]string{KindDeadline: u.Text["deadline"], KindAdvice: u.Text["advice"]},
		MonthNames: c.monthNames(), NextStep: k.NextStep[lang], Event: k.Event[lang], Text: map[string]string{}}
	for _, key := range uiOptional {
		if t := u.Text[key]; t != "" {
			data.Text[key] = t
		}
	}
	for _, st := range rules.Statuses {
		t, err := c.rules.StatusText(st, lang)
		if err != nil {
			return "", err
		}
		data.Statuses[st] = t
	}
	for _, o := range k.Outputs {
		uo := uiOutput{Name: o.Name, Type: o.Type, Kind: o.Kind, Sentence: c.pick(o.Sentence, lang), Label: c.pick(o.Label, lang), Past: c.pick(o.Past, lang)}
		switch o.Type {
		case "string":
			uo.Values = map[string]string{}
			for _, v := range o.Values {
				uo.Values[v.Value] = c.pick(v.Label, lang)
			}
		case "bool":
			uo.Values = map[string]string{"true": c.pick(o.Yes, lang), "false": c.pick(o.No, lang)}
		}
		data.Outputs = append(data.Outputs, uo)
	}

	v := formView{ID: p, Calculator: id, Title: c.h(k.Title, lang), Example: template.HTML(example), NoJS: u.Text["no_js"], Table: table,
		ErrorTitle: u.Text["error_title"], Submit: u.Text["submit"], Indicative: u.Text["indicative"]}
	for _, in := range k.Inputs {
		fid := p + "-" + in.Name
		ui := uiInput{Name: in.Name, Type: in.Type, Label: c.pick(in.Label, lang), ID: fid}
		for _, chk := range k.Checks {
			if chk.Field == in.Name {
				if ui.Checks == nil {
					ui.Checks = map[string]string{}
				}
				ui.Checks[chk.Code] = c.pick(chk.Message, lang)
			}
		}
		f := fieldView{Name: in.Name, Type: in.Type, ID: fid, Label: c.h(in.Label, lang), Hint: c.pick(in.Hint, lang)}
		if in.Type == TypeDate {
			f.Hint = strings.TrimSpace(f.Hint + " " + u.Text["date_hint"])
		}
		f.DescribedBy = fid + "-error"
		if f.Hint != "" {
			f.DescribedBy = fid + "-hint " + f.DescribedBy
		}
		switch in.Type {
		case TypeDate:
			ui.ID = fid + "-day" // the error summary links to the first field
			for _, part := range []datePart{{Key: "day", Width: "2", Mode: "numeric"}, {Key: "month", Width: "3", Mode: "text"}, {Key: "year", Width: "4", Mode: "numeric"}} {
				part.Label = u.Text[part.Key]
				f.Parts = append(f.Parts, part)
			}
		case TypeChoice:
			ui.ID = fid + "-" + in.Options[0].Value
			for _, o := range in.Options {
				f.Options = append(f.Options, optionView{Value: o.Value, Label: c.h(o.Label, lang)})
			}
		}
		v.Fields = append(v.Fields, f)
		data.Inputs = append(data.Inputs, ui)
	}
	js, err := json.Marshal(data)
	if err != nil {
		return "", err
	}
	v.UI = string(js)
	return render("form", v)
}

// formView is form.html's "form": one calculator.
type formView struct {
	ID         string // the element id, "calc-ID" or "calc-ID-n"; its children's ids start with it
	Calculator string // the calculator's id
	Title      text
	Example    template.HTML // the worked example (FormWithExample's caller's HTML)
	NoJS       string
	Table      *tableView
	UI         string // uiData as JSON, for calculator-ui.js
	ErrorTitle string
	Fields     []fieldView
	Submit     string
	Indicative string
}

// fieldView is one input: a date (three parts), a choice (radio buttons)
// or a flag (a checkbox).
type fieldView struct {
	Name, Type, ID string
	Label          text
	Hint           string
	DescribedBy    string // the hint's and the error's ids
	Parts          []datePart
	Options        []optionView
}

// datePart is the day, month or year field of a date: the width class of
// its input and the keyboard it opens (the month may be a word).
type datePart struct{ Key, Label, Width, Mode string }

type optionView struct {
	Value string
	Label text
}

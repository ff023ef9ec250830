package calc

import (
	"encoding/json"
	"fmt"
	"html"
	"strconv"
	"strings"

	"github.com/cire-asbl/fabrique/internal/rules"
)

func esc(s string) string { return html.EscapeString(s) }

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

// h returns a text in lang as HTML; a text not translated yet is the default
// language's, marked with its lang and followed by the "not translated" hint.
func (c *Calculators) h(m map[string]string, lang string) string {
	if v, ok := m[lang]; ok || c.def == "" {
		return esc(v)
	}
	out := `<span lang="` + esc(c.def) + `">` + esc(m[c.def]) + `</span>`
	if u := c.ui[lang]; u != nil && u.Text["not_translated"] != "" {
		out += ` <small class="untranslated">(` + esc(u.Text["not_translated"]) + `)</small>`
	}
	return out
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

// RuleTable renders the rule parameters calculator id applies as an HTML
// table: for each, the value that applies on the reference date and every
// later one, each with the date it applies from, its legal status in words
// when it is not in force, and its source. It is what a visitor without
// JavaScript sees instead of the form, and it can be used alone. The line
// under it says what the values are, never "in force" for what is not.
func (c *Calculators) RuleTable(id, lang string) (string, error) {
	k, u, err := c.lookup(id, lang)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	b.WriteString(`<table class="rule-table"><caption>` + esc(u.Text["rules_used"]) + `</caption>`)
	b.WriteString(`<thead><tr><th scope="col">` + esc(u.Text["rule"]) + `</th><th scope="col">` + esc(u.Text["value"]) +
		`</th><th scope="col">` + esc(u.Text["source"]) + `</th></tr></thead><tbody>`)
	asOf := c.rules.AsOf()
	for _, rid := range k.Rules {
		desc, err := c.rules.Description(rid, lang)
		if err != nil {
			return "", err
		}
		descHTML := esc(desc)
		if _, in := c.rules.DescriptionIn(rid, lang); in != lang {
			descHTML = c.h(map[string]string{in: desc}, lang)
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
			text, err := c.rules.FormatValue(rid, v, lang)
			if err != nil {
				return "", err
			}
			if v.Status != rules.StatusInForce {
				label, err := c.rules.StatusLabel(v, lang)
				if err != nil {
					return "", err
				}
				text += " (" + label + ")"
			}
			if v.From().After(asOf) {
				d, err := c.FormatDate(v.From(), lang)
				if err != nil {
					return "", err
				}
				text = strings.ReplaceAll(u.Text["from"], "{date}", d) + " " + text
			}
			src, err := c.cite(v.Cite(), lang)
			if err != nil {
				return "", err
			}
			head := ""
			if first {
				head = `<th scope="row">` + descHTML + `</th>`
			} else {
				head = `<td></td>`
			}
			// data-label: narrow screens stack the rows and label each cell.
			fmt.Fprintf(&b, `<tr data-rule="%s" data-status="%s" data-from="%s">%s<td data-label="%s">%s</td><td data-label="%s">%s</td></tr>`,
				esc(rid), esc(v.Status), v.From(), head, esc(u.Text["value"]), esc(text), esc(u.Text["source"]), src)
			first = false
		}
	}
	b.WriteString(`</tbody></table>`)
	asOfText, err := c.FormatDate(asOf, lang)
	if err != nil {
		return "", err
	}
	fmt.Fprintf(&b, `<p class="calculator__as-of">%s</p>`,
		strings.Replace(esc(u.Text["basis"]), "{date}", `<time datetime="`+asOf.String()+`">`+esc(asOfText)+`</time>`, 1))
	return b.String(), nil
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
	table, err := c.RuleTable(id, lang)
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

	var b strings.Builder
	fmt.Fprintf(&b, `<div class="calculator" id="%s">`, p)
	fmt.Fprintf(&b, `<h3 class="calculator__title" id="%s-title">%s</h3>`, p, c.h(k.Title, lang))
	fmt.Fprintf(&b, `<div class="calculator__fallback" data-calculator-fallback>%s<p>%s</p>%s</div>`, example, esc(u.Text["no_js"]), table)

	fmt.Fprintf(&b, `<form class="calculator__form" data-calculator="%s" novalidate hidden aria-labelledby="%s-title"`, esc(id), p)
	// Filled below once the inputs (and their ids) are known.
	formHead := b.Len()

	fmt.Fprintf(&b, `<div class="error-summary" data-error-summary hidden tabindex="-1" role="group" aria-labelledby="%s-errors-title">`, p)
	fmt.Fprintf(&b, `<h4 class="error-summary__title" id="%s-errors-title">%s</h4><ul class="error-summary__list"></ul></div>`, p, esc(u.Text["error_title"]))

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
		hint := c.pick(in.Hint, lang)
		if in.Type == TypeDate {
			hint = strings.TrimSpace(hint + " " + u.Text["date_hint"])
		}
		fmt.Fprintf(&b, `<div class="form-group" data-field="%s">`, in.Name)
		desc := fid + "-error"
		if hint != "" {
			desc = fid + "-hint " + desc
		}
		switch in.Type {
		case TypeDate:
			ui.ID = fid + "-day" // the error summary links to the first field
			fmt.Fprintf(&b, `<fieldset class="fieldset" role="group" aria-describedby="%s"><legend class="fieldset__legend">%s</legend>`, desc, c.h(in.Label, lang))
			if hint != "" {
				fmt.Fprintf(&b, `<div class="hint" id="%s-hint">%s</div>`, fid, esc(hint))
			}
			fmt.Fprintf(&b, `<p class="error-message" id="%s-error" data-error hidden></p>`, fid)
			fmt.Fprintf(&b, `<div class="date-input" id="%s">`, fid)
			// The month may be a word ("mars", "mrt"): its field opens the
			// text keyboard; day and year open the numeric one.
			for _, part := range []struct{ key, cls, mode string }{{"day", "2", "numeric"}, {"month", "3", "text"}, {"year", "4", "numeric"}} {
				fmt.Fprintf(&b, `<div class="date-input__item"><label class="date-input__label" for="%s-%s">%s</label>`+
					`<input class="input input--width-%s" id="%s-%s" name="%s-%s" type="text" inputmode="%s" autocomplete="off" spellcheck="false" data-part="%s"></div>`,
					fid, part.key, esc(u.Text[part.key]), part.cls, fid, part.key, in.Name, part.key, part.mode, part.key)
			}
			b.WriteString(`</div></fieldset>`)
		case TypeChoice:
			ui.ID = fid + "-" + in.Options[0].Value
			fmt.Fprintf(&b, `<fieldset class="fieldset" aria-describedby="%s"><legend class="fieldset__legend">%s</legend>`, desc, c.h(in.Label, lang))
			if hint != "" {
				fmt.Fprintf(&b, `<div class="hint" id="%s-hint">%s</div>`, fid, esc(hint))
			}
			fmt.Fprintf(&b, `<p class="error-message" id="%s-error" data-error hidden></p><div class="radios">`, fid)
			for _, o := range in.Options {
				fmt.Fprintf(&b, `<div class="radios__item"><input class="radios__input" type="radio" id="%s-%s" name="%s" value="%s"><label class="radios__label" for="%s-%s">%s</label></div>`,
					fid, esc(o.Value), in.Name, esc(o.Value), fid, esc(o.Value), c.h(o.Label, lang))
			}
			b.WriteString(`</div></fieldset>`)
		case TypeFlag:
			fmt.Fprintf(&b, `<p class="error-message" id="%s-error" data-error hidden></p><div class="checkboxes__item"><input class="checkboxes__input" type="checkbox" id="%s" name="%s" aria-describedby="%s"><label class="checkboxes__label" for="%s">%s</label></div>`,
				fid, fid, in.Name, desc, fid, c.h(in.Label, lang))
			if hint != "" {
				fmt.Fprintf(&b, `<div class="hint" id="%s-hint">%s</div>`, fid, esc(hint))
			}
		}
		b.WriteString(`</div>`)
		data.Inputs = append(data.Inputs, ui)
	}
	fmt.Fprintf(&b, `<button type="submit" class="button">%s</button>`, esc(u.Text["submit"]))
	fmt.Fprintf(&b, `<div class="calculator__result" aria-live="polite" data-result></div>`)
	fmt.Fprintf(&b, `<div class="calculator__used" data-result-rules hidden>%s</div>`, table)
	fmt.Fprintf(&b, `<p class="calculator__disclaimer">%s</p>`, esc(u.Text["indicative"]))
	b.WriteString(`</form></div>`)

	js, err := json.Marshal(data)
	if err != nil {
		return "", err
	}
	out := b.String()
	attr := ` data-calculator-ui="` + esc(string(js)) + `">`
	return out[:formHead] + attr + out[formHead:], nil
}

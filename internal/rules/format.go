package rules

import (
	"bytes"
	"encoding/json"
	"fmt"
	"github.com/cire-asbl/fabrique/internal/i18n"
	"strconv"
	"strings"

	"github.com/cire-asbl/fabrique/internal/cite"
)

// FormatRule implements cite.RuleFormatter: the value of parameter id
// that applies on the reference date, in lang ("2 mois", "90 dagen", "41%"),
// followed by its status in words when it is not in force ("2 mois (selon
// l'analyse)"), and the source the value comes from (for a footnote).
func (s *Set) FormatRule(id, lang string) (string, cite.Ref, error) {
	v, err := s.Current(id)
	if err != nil {
		return "", cite.Ref{}, err
	}
	text, err := s.FormatValue(id, v, lang)
	if err != nil {
		return "", cite.Ref{}, err
	}
	if v.Status != StatusInForce {
		label, err := s.StatusLabel(v, lang)
		if err != nil {
			return "", cite.Ref{}, err
		}
		text += " (" + label + ")"
	}
	return text, v.Cite(), nil
}

// StatusLabel says in lang what kind of law value v is ("selon l'analyse du
// CIRÉ", "texte adopté, applicable à partir du 22 mai 2026").
func (s *Set) StatusLabel(v Value, lang string) (string, error) {
	t, err := s.StatusText(v.Status, lang)
	if err != nil || v.Status != StatusAdopted || !v.AppliesFrom.Valid() {
		return t, err
	}
	d, err := s.FormatDate(v.AppliesFrom, lang)
	if err != nil {
		return "", err
	}
	af := s.appliesFrom[lang]
	if s.words != nil {
		af = s.words("statuses.applies_from", lang)
	}
	return t + ", " + strings.ReplaceAll(af, "{date}", d), nil
}

// StatusText is the words for a status in lang ("texte adopté").
func (s *Set) StatusText(status, lang string) (string, error) {
	if s.words != nil {
		return s.words("statuses."+status, lang), nil
	}
	t, ok := s.statusText[status][lang]
	if !ok {
		return "", fmt.Errorf("no words for status %q in language %q", status, lang)
	}
	return t, nil
}

// FormatDate writes d in lang with the dates of _units.yaml ("22 mai 2026").
func (s *Set) FormatDate(d Date, lang string) (string, error) {
	if s.date != nil {
		return s.date(d, lang), nil
	}
	df, ok := s.dates[lang]
	if !ok || d.Month < 1 || d.Month > 12 {
		return "", fmt.Errorf("no date format for language %q", lang)
	}
	day := strconv.Itoa(d.Day)
	if d.Day == 1 && df.DayOne != "" {
		day = df.DayOne
	}
	return strings.NewReplacer("{d}", day, "{month}", df.Months[d.Month-1], "{y}", strconv.Itoa(d.Year)).Replace(df.Format), nil
}

var _ cite.RuleFormatter = (*Set)(nil)

// FormatValue writes one value of parameter id with its unit words in lang.
func (s *Set) FormatValue(id string, v Value, lang string) (string, error) {
	p, ok := s.Lookup(id)
	if !ok {
		return "", fmt.Errorf("unknown rule parameter %q", id)
	}
	if v.End {
		return "", fmt.Errorf("rule parameter %q: value starting %s ends the rule", id, v.Start)
	}
	u := s.units[p.Unit]
	if u == nil {
		return "", fmt.Errorf("rule parameter %q: unknown unit %q", id, p.Unit)
	}
	if s.count != nil {
		return s.count(p.Unit, v.Raw, lang)
	}
	forms, ok := u.Forms[lang]
	if !ok {
		return "", fmt.Errorf("no words for unit %s in language %q", p.Unit, lang)
	}
	num, err := s.FormatNumber(v.Raw, lang)
	if err != nil {
		return "", err
	}
	form := forms["other"]
	if v.Raw == "1" {
		form = forms["one"]
	}
	return strings.ReplaceAll(form, "{n}", num), nil
}

// FormatNumber writes a decimal number as written in the data ("112000",
// "41.5") with the digit grouping and decimal mark of lang. Integer parts of
// four digits or fewer are not grouped ("2025", "1000"), as style guides
// in all three languages advise.
func (s *Set) FormatNumber(raw, lang string) (string, error) {
	nf, ok := s.numbers[lang]
	if !ok {
		return "", fmt.Errorf("no number format for language %q", lang)
	}
	return i18n.FormatNumber(raw, nf.Group, nf.Decimal), nil
}

// Description returns the parameter's description in lang.
func (s *Set) Description(id, lang string) (string, error) {
	if _, ok := s.Lookup(id); !ok {
		return "", fmt.Errorf("unknown rule parameter %q", id)
	}
	d, _ := s.DescriptionIn(id, lang)
	if d == "" {
		return "", fmt.Errorf("rule parameter %q has no description in %q", id, lang)
	}
	return d, nil
}

// DescriptionIn returns the parameter's description in lang and the
// language it is in: the default language's when lang has none yet (so
// HTML can mark it lang="…"), "" when neither exists.
func (s *Set) DescriptionIn(id, lang string) (text, in string) {
	p, ok := s.Lookup(id)
	if !ok {
		return "", ""
	}
	if d, ok := p.Description[lang]; ok {
		return d, lang
	}
	if d, ok := p.Description[s.def]; ok && s.def != "" {
		return d, s.def
	}
	return "", ""
}

// Open data shapes: fixed field order (structs), maps only with string keys
// (encoding/json sorts them), so the bytes are deterministic.
type jsonDoc struct {
	AsOf       string      `json:"asOf"`
	Languages  []string    `json:"languages"`
	Parameters []jsonParam `json:"parameters"`
}

type jsonParam struct {
	ID          string            `json:"id"`
	Description map[string]string `json:"description"`
	Unit        string            `json:"unit"`
	Step        string            `json:"step,omitempty"`
	Kind        string            `json:"kind"`
	Convention  string            `json:"convention,omitempty"`
	Current     *json.Number      `json:"current"`
	Status      string            `json:"status,omitempty"` // of the current value
	Text        map[string]string `json:"text,omitempty"`
	Values      []jsonValue       `json:"values"`
}

type jsonValue struct {
	Start       string       `json:"start"`
	StartBasis  string       `json:"startBasis"`
	Status      string       `json:"status"`
	AppliesFrom string       `json:"applies_from,omitempty"`
	Value       *json.Number `json:"value"`
	Source      string       `json:"source"`
	Pinpoint    string       `json:"pinpoint"`
	Also        []jsonRef    `json:"also,omitempty"`
}

type jsonRef struct {
	Source   string `json:"source"`
	Pinpoint string `json:"pinpoint,omitempty"`
}

// JSON returns the open-data file public/data/rules.json: every parameter
// (sorted by id) with its dated values, unit, kind, convention, sources, the
// value in force on the reference date and its text in each language.
func JSON(s *Set) ([]byte, error) {
	doc := jsonDoc{AsOf: s.asOf.String(), Languages: s.Languages(), Parameters: []jsonParam{}}
	for _, id := range s.ids {
		p := s.params[id]
		jp := jsonParam{ID: id, Description: p.Description, Unit: p.Unit, Kind: p.Kind, Convention: p.Convention, Values: []jsonValue{}}
		if u := s.units[p.Unit]; u != nil {
			jp.Step = u.Step
		}
		if v, ok := p.At(s.asOf); ok {
			n := json.Number(v.Raw)
			jp.Current = &n
			jp.Status = v.Status
			jp.Text = map[string]string{}
			for _, l := range s.langs {
				t, _, err := s.FormatRule(id, l)
				if err != nil {
					return nil, err
				}
				jp.Text[l] = t
			}
		}
		for _, v := range p.Values {
			jv := jsonValue{Start: v.Start.String(), StartBasis: v.StartBasis, Status: v.Status, Source: v.Source, Pinpoint: v.Pinpoint}
			if v.AppliesFrom.Valid() {
				jv.AppliesFrom = v.AppliesFrom.String()
			}
			if !v.End {
				n := json.Number(v.Raw)
				jv.Value = &n
			}
			for _, a := range v.Also {
				jv.Also = append(jv.Also, jsonRef{Source: a.Key, Pinpoint: a.Pinpoint})
			}
			jp.Values = append(jp.Values, jv)
		}
		doc.Parameters = append(doc.Parameters, jp)
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

package site

import (
	"html/template"

	"github.com/cire-asbl/fabrique/internal/markdown"
	"github.com/cire-asbl/fabrique/internal/render"
	"github.com/cire-asbl/fabrique/internal/rules"
)

// ChangesView is what layouts/changes.html shows: every change of a rule
// value (rules.Set.Changes), newest first, in the page's language, with the
// table's words.
type ChangesView struct {
	Caption, ColFrom, ColRule, ColOld, ColNew, ColStatus, ColSource, None string
	Rows                                                                  []ChangeRow
}

// ChangeRow is one change: from when, which rule, the value before and
// after, what kind of law the new value is, and its source (a note's HTML).
type ChangeRow struct {
	ID, FromISO, From, Rule, Old, New, Status, StatusKey string
	Source                                               template.HTML
}

// changes is the view of a page with layout: changes in lang.
func (d *siteData) changes(strs *render.Strings, lang string) (*ChangesView, error) {
	if d.rules == nil {
		return nil, nil
	}
	t := strs.T
	v := &ChangesView{Caption: t("changes_caption"), ColFrom: t("changes_from"), ColRule: t("changes_rule"),
		ColOld: t("changes_old"), ColNew: t("changes_new"), ColStatus: t("changes_status"),
		ColSource: t("changes_source"), None: t("changes_none")}
	value := func(id string, val rules.Value) (string, error) {
		if val.End {
			return "—", nil
		}
		s, err := d.rules.FormatValue(id, val, lang)
		if err != nil {
			return "", err
		}
		label, err := d.rules.StatusLabel(val, lang)
		return s + " (" + label + ")", err
	}
	for _, c := range d.rules.Changes() {
		desc, err := d.rules.Description(c.ID, lang)
		if err != nil {
			return nil, err
		}
		from, err := d.rules.FormatDate(c.From, lang)
		if err != nil {
			return nil, err
		}
		old, err := value(c.ID, c.Old)
		if err != nil {
			return nil, err
		}
		nv, err := d.rules.FormatValue(c.ID, c.New, lang)
		if c.New.End {
			nv, err = "—", nil
		}
		if err != nil {
			return nil, err
		}
		status, err := d.rules.StatusLabel(c.New, lang)
		if err != nil {
			return nil, err
		}
		row := ChangeRow{ID: c.ID, FromISO: c.From.String(), From: from, Rule: desc,
			Old: old, New: nv, Status: status, StatusKey: c.New.Status}
		if d.sources != nil {
			note, err := d.sources.Note(c.New.Cite(), lang)
			if err != nil {
				return nil, err
			}
			row.Source = template.HTML(markdown.TypographyHTML(lang, []byte(note)))
		}
		v.Rows = append(v.Rows, row)
	}
	return v, nil
}

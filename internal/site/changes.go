package site

import (
	"html/template"

	"github.com/cire-asbl/fabrique/internal/content"
	"github.com/cire-asbl/fabrique/internal/markdown"
	"github.com/cire-asbl/fabrique/internal/rules"
)

// changesView is what layouts/changes.html shows: every change of a rule
// value (rules.Set.Changes), newest first, in the page's language.
type changesView struct {
	Caption, ColFrom, ColRule, ColOld, ColNew, ColStatus, ColSource, None string
	Rows                                                                  []changeRow
}

// changeRow is one change: from when, which rule, the value before and
// after, what kind of law the new value is, and its source (a note's HTML).
type changeRow struct {
	ID, FromISO, From, Rule, Old, New, Status, StatusKey string
	Source                                               template.HTML
}

// changes renders the body of a page with layout: changes.
func (d *siteData) changes(b *builder, p *content.Page) (string, error) {
	if d.rules == nil {
		return "", nil
	}
	strs := b.theme.Strings(p.Lang)
	t := func(k string) string { return markdown.Typography(p.Lang, strs.T(k)) }
	v := changesView{Caption: t("changes_caption"), ColFrom: t("changes_from"), ColRule: t("changes_rule"),
		ColOld: t("changes_old"), ColNew: t("changes_new"), ColStatus: t("changes_status"),
		ColSource: t("changes_source"), None: t("changes_none")}
	value := func(id string, val rules.Value) (string, error) {
		if val.End {
			return "—", nil
		}
		s, err := d.rules.FormatValue(id, val, p.Lang)
		if err != nil {
			return "", err
		}
		label, err := d.rules.StatusLabel(val, p.Lang)
		return s + " (" + label + ")", err
	}
	for _, c := range d.rules.Changes() {
		desc, err := d.rules.Description(c.ID, p.Lang)
		if err != nil {
			return "", err
		}
		from, err := d.rules.FormatDate(c.From, p.Lang)
		if err != nil {
			return "", err
		}
		old, err := value(c.ID, c.Old)
		if err != nil {
			return "", err
		}
		nv, err := d.rules.FormatValue(c.ID, c.New, p.Lang)
		if c.New.End {
			nv, err = "—", nil
		}
		if err != nil {
			return "", err
		}
		status, err := d.rules.StatusLabel(c.New, p.Lang)
		if err != nil {
			return "", err
		}
		row := changeRow{ID: c.ID, FromISO: c.From.String(), From: from, Rule: markdown.Typography(p.Lang, desc),
			Old: markdown.Typography(p.Lang, old), New: nv, Status: markdown.Typography(p.Lang, status), StatusKey: c.New.Status}
		if d.sources != nil {
			note, err := d.sources.Note(c.New.Cite(), p.Lang)
			if err != nil {
				return "", err
			}
			row.Source = template.HTML(markdown.TypographyHTML(p.Lang, []byte(note)))
		}
		v.Rows = append(v.Rows, row)
	}
	out, err := b.theme.Fragment("changes.html", v)
	return string(out), err
}

package guide

import (
	"github.com/goccy/go-yaml"
)

// DiagramYAML writes the guide as a pathway graph in the format of
// data/pathways/*.yaml (questions are decisions, answers label the edges,
// outcomes keep their diagram kind), so the pathway renderer draws the
// whole tree for readers who want to see it at once. Texts missing in a
// language get the default language's, as on the guide's pages.
func (g *Guide) DiagramYAML(langs []string) ([]byte, error) {
	def := ""
	if len(langs) > 0 {
		def = langs[0]
	}
	label := func(t Text) map[string]string {
		m := map[string]string{}
		for _, l := range langs {
			m[l] = t.In(l, def)
		}
		return m
	}
	type node struct {
		ID      string            `yaml:"id"`
		Kind    string            `yaml:"kind"`
		Outcome string            `yaml:"outcome,omitempty"`
		Label   map[string]string `yaml:"label"`
	}
	type edge struct {
		From  string            `yaml:"from"`
		To    string            `yaml:"to"`
		Label map[string]string `yaml:"label,omitempty"`
	}
	var doc struct {
		Title   map[string]string `yaml:"title"`
		Summary map[string]string `yaml:"summary"`
		Nodes   []node            `yaml:"nodes"`
		Edges   []edge            `yaml:"edges"`
	}
	doc.Title, doc.Summary = label(g.Title), label(g.Summary)
	for _, q := range g.Questions {
		doc.Nodes = append(doc.Nodes, node{ID: q.ID, Kind: "decision", Label: label(q.Text)})
		for _, a := range q.Answers {
			if a != nil {
				doc.Edges = append(doc.Edges, edge{From: q.ID, To: a.Next.S, Label: label(a.Text)})
			}
		}
	}
	for _, o := range g.Outcomes {
		doc.Nodes = append(doc.Nodes, node{ID: o.ID, Kind: "outcome", Outcome: o.Diagram.S, Label: label(o.Title)})
	}
	return yaml.Marshal(doc)
}

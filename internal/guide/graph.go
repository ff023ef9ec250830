package guide

import (
	"strings"

	"github.com/cire-asbl/fabrique/internal/diag"
)

// checkGraph checks the tree's shape: start, targets, reachability, cycles
// and path length. Each problem is reported where an editor fixes it.
func (l *loader) checkGraph() {
	g := l.g
	exists := func(id string) bool { return g.questions[id] != nil || g.outcomes[id] != nil }
	var ids []string
	for _, q := range g.Questions {
		ids = append(ids, q.ID)
	}
	for _, o := range g.Outcomes {
		ids = append(ids, o.ID)
	}
	for _, q := range g.Questions {
		for i, a := range q.Answers {
			switch {
			case a == nil:
			case a.Next.S == "":
				l.errorf(a.Line, a.Col, "question %s, answer %d has no target: add next: with a question or an outcome id", q.ID, i+1)
			case !exists(a.Next.S):
				l.errorf(a.Next.Line, a.Next.Col, "question %s, answer %d: next %q is neither a question nor an outcome%s", q.ID, i+1, a.Next.S, didYouMean(a.Next.S, ids))
			}
		}
	}
	start := g.questions[g.Start.S]
	switch {
	case g.Start.S == "":
		l.errorf(1, 1, "no start: add start: with the id of the first question")
		return
	case start == nil:
		var qs []string
		for _, q := range g.Questions {
			qs = append(qs, q.ID)
		}
		l.errorf(g.Start.Line, g.Start.Col, "start %q is not a question%s", g.Start.S, didYouMean(g.Start.S, qs))
		return
	}

	// Depth-first from start: grey nodes are on the current path, so an
	// answer that leads to a grey node closes a cycle.
	const (
		white = iota
		grey
		black
	)
	colour := map[string]int{}
	cyclic := false
	var path []string
	var visit func(q *Question)
	visit = func(q *Question) {
		colour[q.ID] = grey
		path = append(path, q.ID)
		for _, a := range q.Answers {
			if a == nil {
				continue
			}
			next := g.questions[a.Next.S]
			if next == nil {
				colour[a.Next.S] = black // an outcome (or unknown, reported above)
				continue
			}
			switch colour[next.ID] {
			case grey:
				cyclic = true
				i := indexOf(path, next.ID)
				loop := append(append([]string(nil), path[i:]...), next.ID)
				l.errorf(a.Next.Line, a.Next.Col, "question %s: this answer leads back to %q, a cycle (%s): a reader must always move forward", q.ID, next.ID, strings.Join(loop, " → "))
			case white:
				visit(next)
			}
		}
		path = path[:len(path)-1]
		colour[q.ID] = black
	}
	visit(start)
	for _, q := range g.Questions {
		if colour[q.ID] == white {
			l.errorf(q.Line, q.Col, "question %q is never reached from start %q: no answer leads to it (link it from an answer's next: or delete it)", q.ID, g.Start.S)
		}
	}
	for _, o := range g.Outcomes {
		if colour[o.ID] == white {
			l.errorf(o.Line, o.Col, "outcome %q is never reached from start %q: no answer leads to it (link it from an answer's next: or delete it)", o.ID, g.Start.S)
		}
	}
	if cyclic {
		return // path lengths mean nothing on a cycle
	}
	// Longest path, in questions, to each question (start counts 1).
	depth := map[string]int{}
	via := map[string]string{}
	var order []*Question // topological order from the DFS above
	seen := map[string]bool{}
	var topo func(q *Question)
	topo = func(q *Question) {
		seen[q.ID] = true
		for _, a := range q.Answers {
			if a != nil {
				if n := g.questions[a.Next.S]; n != nil && !seen[n.ID] {
					topo(n)
				}
			}
		}
		order = append(order, q)
	}
	topo(start)
	depth[start.ID] = 1
	for i := len(order) - 1; i >= 0; i-- {
		q := order[i]
		for _, a := range q.Answers {
			if a == nil {
				continue
			}
			if n := g.questions[a.Next.S]; n != nil && depth[q.ID]+1 > depth[n.ID] {
				depth[n.ID] = depth[q.ID] + 1
				via[n.ID] = q.ID
			}
		}
	}
	for _, q := range g.Questions {
		if depth[q.ID] == MaxQuestions+1 {
			var chain []string
			for id := q.ID; id != ""; id = via[id] {
				chain = append([]string{id}, chain...)
			}
			l.errorf(q.Line, q.Col, "question %q is question %d on the path %s: a reader answers at most %d questions before an outcome (merge or remove a question)", q.ID, depth[q.ID], strings.Join(chain, " → "), MaxQuestions)
		}
	}
}

func indexOf(xs []string, x string) int {
	for i, s := range xs {
		if s == x {
			return i
		}
	}
	return 0
}

// Step is one answered question on the way to a page.
type Step struct {
	Question *Question
	Answer   *Answer
}

// Page is one page of the expanded tree: the answers given so far and the
// question or outcome they lead to (exactly one is set).
type Page struct {
	Steps    []Step
	Question *Question
	Outcome  *Outcome
}

// Pages expands the tree into one page per answered prefix, from the first
// question, depth first in answer order. It must only be called on a guide
// Load reported no error for (the tree is then finite and small).
func (g *Guide) Pages() []Page {
	start := g.questions[g.Start.S]
	if start == nil {
		return nil
	}
	var out []Page
	var walk func(steps []Step, q *Question)
	walk = func(steps []Step, q *Question) {
		if len(steps) > MaxQuestions+1 {
			return // a guard: Load rejects such trees
		}
		out = append(out, Page{Steps: steps, Question: q})
		for _, a := range q.Answers {
			if a == nil {
				continue
			}
			next := append(append([]Step(nil), steps...), Step{q, a})
			if n := g.questions[a.Next.S]; n != nil {
				walk(next, n)
			} else if o := g.outcomes[a.Next.S]; o != nil {
				out = append(out, Page{Steps: next, Outcome: o})
			}
		}
	}
	walk(nil, start)
	return out
}

// Segments are the URL path segments of a page in lang below the guide's
// start page: the first question's slug, then one slug per answer.
func (g *Guide) Segments(p Page, lang, def string) []string {
	start := g.questions[g.Start.S]
	first := start.Slug.In(lang, def)
	if first == "" {
		first = start.ID
	}
	segs := []string{first}
	for _, s := range p.Steps {
		segs = append(segs, s.Answer.Slug.In(lang, def))
	}
	return segs
}

// didYouMean suggests the closest known name, or "" (see diag.DidYouMean).
func didYouMean(got string, known []string) string { return diag.DidYouMean(got, known) }

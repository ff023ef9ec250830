package markdown

import (
	"strconv"
	"strings"
	"unicode"

	"github.com/yuin/goldmark/ast"
	"golang.org/x/text/unicode/norm"
)

// ids makes heading ids readable in every language: accents are folded
// ("Où trouver" → "ou-trouver") instead of dropped as goldmark's default
// does, and each id is recorded in the Env so #fragment links can be checked.
//
// A repeated heading gets base-1, base-2…: the next number to try is kept
// per base, so n identical headings cost O(n), not O(n²) (retrying from 1
// each time, 100,000 identical headings never finished).
type ids struct {
	env  *Env
	seen map[string]bool
	next map[string]int // base → the next suffix to try
}

func newIDs(env *Env) *ids { return &ids{env: env, seen: map[string]bool{}, next: map[string]int{}} }

// Slugify folds s to lowercase ASCII-ish words joined by dashes; letters of
// scripts without accents (Arabic, …) are kept as they are.
func Slugify(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(unicode.ToLower(r))
		default:
			dash = true
		}
	}
	return b.String()
}

func (g *ids) Generate(value []byte, kind ast.NodeKind) []byte {
	base := Slugify(string(value))
	if base == "" {
		base = "section"
	}
	id := base
	if g.seen[id] {
		i := max(g.next[base], 1)
		for id = base + "-" + strconv.Itoa(i); g.seen[id]; {
			i++
			id = base + "-" + strconv.Itoa(i)
		}
		g.next[base] = i + 1
	}
	g.Put([]byte(id))
	return []byte(id)
}

func (g *ids) Put(value []byte) {
	g.seen[string(value)] = true
	if g.env != nil {
		g.env.IDs = append(g.env.IDs, string(value))
	}
}

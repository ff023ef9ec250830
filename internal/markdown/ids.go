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
type ids struct {
	env  *Env
	seen map[string]bool
}

func newIDs(env *Env) *ids { return &ids{env: env, seen: map[string]bool{}} }

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
	for i := 1; g.seen[id]; i++ {
		id = base + "-" + strconv.Itoa(i)
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

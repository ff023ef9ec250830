package diag

import (
	"fmt"
	"strings"
)

// DidYouMean returns ` (did you mean "x"?)` when one of known is close to
// word (edit distance at most a third of its length, at least 1, at most
// 3), else "". Typos of ids and keys are the commonest editor mistakes; the
// fix is usually the nearest known name.
func DidYouMean(word string, known []string) string {
	if s := Nearest(word, known); s != "" {
		return fmt.Sprintf(" (did you mean %q?)", s)
	}
	return ""
}

// Nearest is the known name closest to word, or "" when none is close.
// Ties go to the first in known, so the result is deterministic.
func Nearest(word string, known []string) string {
	max := len([]rune(word)) / 3
	if max < 1 {
		max = 1
	}
	if max > 3 {
		max = 3
	}
	best, bestD := "", max+1
	lw := strings.ToLower(word)
	for _, k := range known {
		if k == word {
			continue
		}
		d := distance(lw, strings.ToLower(k))
		if d < bestD {
			best, bestD = k, d
		}
	}
	return best
}

// distance is the Damerau-Levenshtein (optimal string alignment) distance:
// a swapped pair of letters counts as one edit, as a typist makes it.
func distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev2 := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)]
}

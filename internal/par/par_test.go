package par

import (
	"sync/atomic"
	"testing"
)

// Every index is visited once, none out of range, for sizes around the
// number of workers.
func TestEach(t *testing.T) {
	for _, n := range []int{0, 1, 2, 3, 1000} {
		seen := make([]atomic.Int32, n)
		Each(n, func(i int) { seen[i].Add(1) })
		for i := range seen {
			if c := seen[i].Load(); c != 1 {
				t.Errorf("n=%d: f(%d) called %d times, want 1", n, i, c)
			}
		}
	}
}

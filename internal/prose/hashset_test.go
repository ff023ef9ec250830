package prose

import (
	"math/rand/v2"
	"testing"
)

// A HashSet has exactly its members, whatever bits they differ in, at
// every size; nil is empty.
func TestHashSet(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for _, n := range []int{0, 1, 2, 63, 64, 65, 1000, 5000} {
		in := map[uint64]bool{}
		var hs []uint64
		for len(hs) < n {
			h := r.Uint64()
			if n%2 == 0 {
				h &= 0xffff_0000_0000_0000 // members differing only in their top bits
			}
			if !in[h] {
				in[h] = true
				hs = append(hs, h)
			}
		}
		s := NewHashSet(hs...)
		if s.Len() != len(in) {
			t.Errorf("n=%d: Len %d, want %d", n, s.Len(), len(in))
		}
		for h := range in {
			if !s.Has(h) {
				t.Fatalf("n=%d: member %016x not found", n, h)
			}
		}
		passed := 0 // non-members the filter let through to the map
		for range 10000 {
			h := r.Uint64()
			if in[h] {
				continue
			}
			if s.Has(h) {
				t.Fatalf("n=%d: %016x found, not a member", n, h)
			}
			if i := s.slot(h); s.filter[i/64]&(1<<(i%64)) != 0 {
				passed++
			}
		}
		if passed > 500 {
			t.Errorf("n=%d: the filter let %d non-members of 10,000 through; want about 1 in 64", n, passed)
		}
	}
	var none *HashSet
	if none.Has(0) || none.Len() != 0 {
		t.Error("a nil HashSet is not empty")
	}
}

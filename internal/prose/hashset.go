package prose

import "math/bits"

// HashSet is a set of run hashes (see Shingles), as the copy check asks it:
// once for every word of every page, and nearly always for a run that is
// not there. A bit filter answers those in one memory read; the map is
// asked only when the filter's bit is set (a map lookup for every word was
// 2–3 % of a 30,000-page build's CPU). The zero of *HashSet, nil, is empty.
type HashSet struct {
	filter []uint64 // one bit per slot; set for the slot of every member
	shift  uint     // 64 − log2(the filter's bits)
	m      map[uint64]bool
}

// NewHashSet returns the set of hashes.
func NewHashSet(hashes ...uint64) *HashSet {
	// About 64 bits a member (8 bytes): about one run in 64 that is not in
	// the set gets past the filter to the map (TestHashSet).
	n := 64
	for n < 64*len(hashes) {
		n <<= 1
	}
	s := &HashSet{filter: make([]uint64, n/64), m: make(map[uint64]bool, len(hashes))}
	s.shift = uint(64 - bits.TrailingZeros(uint(n)))
	for _, h := range hashes {
		i := s.slot(h)
		s.filter[i/64] |= 1 << (i % 64)
		s.m[h] = true
	}
	return s
}

// slot spreads h over the filter's bits by the top bits of a multiplication
// (Fibonacci hashing), so that runs differing in any bit land apart.
func (s *HashSet) slot(h uint64) uint64 { return (h * 0x9e3779b97f4a7c15) >> s.shift }

// Has reports whether h is in s.
func (s *HashSet) Has(h uint64) bool {
	if s == nil {
		return false
	}
	if i := s.slot(h); s.filter[i/64]&(1<<(i%64)) == 0 {
		return false
	}
	return s.m[h]
}

// Len is the number of hashes in s.
func (s *HashSet) Len() int {
	if s == nil {
		return 0
	}
	return len(s.m)
}

//go:build !linux

package output

// exchange swaps two paths with two renames; between them, b briefly does
// not exist.
func exchange(a, b string) error { return exchangeByRenames(a, b) }

// Package par runs the iterations of a loop on every core.
//
// Contract: Each(n, f) calls f(i) once for every i in [0, n), on up to
// GOMAXPROCS goroutines, and returns when every call has returned. The
// order of the calls is not defined; f must be safe for concurrent use.
package par

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// Each calls f(0) … f(n-1) on every core. Each worker takes the next i by
// an atomic count: a channel handoff per item woke a parked goroutine for
// each of a large site's 30,000 pages.
func Each(n int, f func(i int)) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), n) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := int(next.Add(1)) - 1; i < n; i = int(next.Add(1)) - 1 {
				f(i)
			}
		}()
	}
	wg.Wait()
}

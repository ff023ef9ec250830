package main

import (
	"fmt"
	"io"
	"path"
	"path/filepath"
	"testing"

	"github.com/cire-asbl/fabrique/internal/site"
)

// BenchmarkPrintLeaflets prints the real site's leaflets with one browser
// and its pool of tabs, then synthetic runs of 15 and 100 leaflets (the
// real ones over and over, each to its own PDF): the printing step of build -pdf
// alone, the site being built once beforehand. Targets (bench/README.md):
// 15 leaflets in ≤ 10 s, 100 in ≤ 45 s on the project's 2-core machine.
//
//	go test -run '^$' -bench PrintLeaflets -benchtime 1x ./cmd/build
func BenchmarkPrintLeaflets(b *testing.B) {
	if findChromium() == "" {
		b.Skip("no Chromium")
	}
	out := filepath.Join(b.TempDir(), "public")
	res, err := site.Build(site.Options{Src: "../..", Out: out, PDF: true})
	if err != nil {
		b.Fatal(err)
	}
	real := res.Leaflets
	for _, n := range []int{15, len(real.Leaflets), 100} {
		man := site.LeafletManifest{BasePath: real.BasePath}
		for i := 0; i < n; i++ {
			l := real.Leaflets[i%len(real.Leaflets)]
			l.PDF = path.Join("bench", fmt.Sprintf("%03d.pdf", i))
			man.Leaflets = append(man.Leaflets, l)
		}
		b.Run(fmt.Sprintf("leaflets=%d", n), func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				if code := printLeaflets(out, man, io.Discard, io.Discard); code != 0 {
					b.Fatalf("exit %d", code)
				}
			}
			b.ReportMetric(b.Elapsed().Seconds()/float64(b.N), "s/print")
		})
	}
}

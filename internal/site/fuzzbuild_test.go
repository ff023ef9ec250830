package site

import (
	"io/fs"
	"runtime"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/cire-asbl/fabrique/internal/testsite"
)

// Bounds on one build of the fixture site with some files mutated. The
// fixture builds in about 0.1 s and allocates about 100 MB; the bounds are
// far above that and far below what the inputs this fuzz target was written
// against did (an alias bomb: 17 s and 729 MB for 464 bytes; 100,000
// identical headings: never finished).
const (
	fuzzTimeBound  = 20 * time.Second
	fuzzAllocBound = 2 << 30 // bytes allocated by one build
)

// fuzzedFiles are the inputs FuzzBuild mutates: a page, a page with
// directives, the glossary, a rule file and a pathway.
var fuzzedFiles = []string{
	"content/fr/index.md",
	"content/fr/permis-unique-renouvellement.md",
	"data/glossary.yaml",
	"data/rules/single-permit.yaml",
	"data/pathways/single-permit-renewal.yaml",
}

// FuzzBuild runs the whole build on the fixture site with a few pages and
// data files mutated. Any input must give a result or problems — never a
// panic (Generate would turn it into a problem, so it is reported as a
// failure here), never more than fuzzTimeBound or fuzzAllocBound.
//
//	go test ./internal/site -run '^$' -fuzz FuzzBuild -fuzztime 5m
func FuzzBuild(f *testing.F) {
	base := fstest.MapFS{}
	add := func(fsys fs.FS, prefix string) {
		err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			b, err := fs.ReadFile(fsys, p)
			base[prefix+p] = &fstest.MapFile{Data: b}
			return err
		})
		if err != nil {
			f.Fatal(err)
		}
	}
	add(testsite.FS(), "")
	for name, file := range loadDir(f, "../..", "themes") {
		base[name] = file
	}
	var seed [][]byte
	for _, name := range fuzzedFiles {
		file, ok := base[name]
		if !ok {
			f.Fatalf("fixture lacks %s", name)
		}
		seed = append(seed, file.Data)
	}
	f.Add(seed[0], seed[1], seed[2], seed[3], seed[4])
	f.Add([]byte("---\ntitle: a\nkey: home\n---\n"+"## x\n"), seed[1], []byte("a: &a [1]\nb: *a\n"), seed[3], seed[4])
	f.Add(seed[0], []byte("---\ntitle: b\nkey: b\nbrief:\n  - \"\"\n---\n[x](javascript:y) ![](https://t.example/p.png)\n"), seed[2], []byte("\x00"), seed[4])
	f.Fuzz(func(t *testing.T, page1, page2, glossary, rule, pathway []byte) {
		m := make(fstest.MapFS, len(base))
		for k, v := range base {
			m[k] = v
		}
		for i, data := range [][]byte{page1, page2, glossary, rule, pathway} {
			m[fuzzedFiles[i]] = &fstest.MapFile{Data: data}
		}
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		done := make(chan *Result, 1)
		start := time.Now()
		go func() { done <- Generate(m, Options{}) }()
		var res *Result
		select {
		case res = <-done:
		case <-time.After(fuzzTimeBound):
			t.Fatalf("the build took more than %v", fuzzTimeBound)
		}
		runtime.ReadMemStats(&after)
		if alloc := after.TotalAlloc - before.TotalAlloc; alloc > fuzzAllocBound {
			t.Fatalf("the build allocated %d MB (bound %d MB) in %v", alloc>>20, fuzzAllocBound>>20, time.Since(start))
		}
		for _, p := range res.Problems.Sorted() {
			if p.Path == "(build)" || strings.Contains(p.Msg, "internal error") {
				t.Fatalf("panic in the build: %v", p)
			}
		}
	})
}

package site

// Benchmarks of the build and its stages. By default they build the
// repository's own site (../..); set FABRIQUE_BENCH_SITE to a folder written
// by `go run ./bench -gen -dir D -n N` (D/ours) to measure a large synthetic
// site:
//
//	go test -run '^$' -bench . -benchmem ./internal/site
//	FABRIQUE_BENCH_SITE=/tmp/b1k/ours go test -run '^$' -bench . -cpuprofile cpu.out ./internal/site

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/cire-asbl/fabrique/internal/diag"
	"github.com/cire-asbl/fabrique/internal/markdown"
	"github.com/cire-asbl/fabrique/internal/output"
)

// benchFS loads the benchmark site into memory once, so disk reads do not
// blur the stages.
func benchFS(b *testing.B) fs.FS {
	b.Helper()
	root := os.Getenv("FABRIQUE_BENCH_SITE")
	if root == "" {
		root = "../.."
	}
	if _, err := os.Stat(filepath.Join(root, "site.toml")); err != nil {
		b.Skipf("no site.toml under %s", root)
	}
	m := loadDir(b, root, "site.toml", "content", "data", "themes")
	if _, ok := m["site.toml"]; !ok {
		b.Skipf("no site.toml under %s", root)
	}
	return m
}

// BenchmarkGenerate is the whole build in memory (no writes).
func BenchmarkGenerate(b *testing.B) {
	fsys := benchFS(b)
	b.ReportAllocs()
	for b.Loop() {
		res := Generate(fsys, Options{})
		if res.Failed(false) {
			b.Fatal(res.Problems.Sorted()[0])
		}
	}
}

// newStaged is a builder for timing one stage at a time.
func newStaged(fsys fs.FS) *builder {
	res := &Result{Files: output.Files{}, Problems: &diag.List{}}
	return &builder{fsys: fsys, res: res, problems: res.Problems, sink: &memorySink{files: res.Files}, minifier: output.NewMinifier()}
}

// prepare is run() up to Markdown conversion: load, translations, assets.
func (b *builder) prepare() {
	b.load()
	b.resolveTranslations()
	b.assets = b.buildAssets()
	b.resolveRoles()
	b.conv = markdown.New()
}

// BenchmarkStages times loading, then the per-page pass.
func BenchmarkStages(b *testing.B) {
	fsys := benchFS(b)
	if full := Generate(fsys, Options{}); full.Failed(false) {
		b.Fatal(full.Problems.Sorted()[0])
	}
	b.Run("load", func(b *testing.B) {
		for b.Loop() {
			bl := newStaged(fsys)
			bl.prepare()
		}
	})
	// Pages are converted, rendered and written in one pass
	// (nothing is held between stages), so that is one stage here. Each
	// round loads anew: conversion releases a page's Markdown once it is
	// written, so a second pass over the same builder would convert empty
	// bodies.
	b.Run("convert+render", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			b.StopTimer()
			bl := newStaged(fsys)
			bl.prepare()
			b.StartTimer()
			bl.convertAll()
		}
	})
}

// BenchmarkRebuildOneEdit is what the dev server does on a save: one page's
// body changes, the cache holds the rest.
func BenchmarkRebuildOneEdit(b *testing.B) {
	m := benchFS(b).(fstest.MapFS)
	var target string
	for name := range m {
		if strings.HasPrefix(name, "content/fr/") && strings.HasSuffix(name, ".md") && (target == "" || name < target) {
			target = name
		}
	}
	orig := m[target].Data
	cache := NewCache()
	if res := Generate(m, Options{Cache: cache}); res.Failed(false) {
		b.Fatal(res.Problems.Sorted()[0])
	}
	i := 0
	for b.Loop() {
		i++
		m[target] = &fstest.MapFile{Data: append(append([]byte{}, orig...), fmt.Sprintf("\nEdit %d.\n", i)...)}
		if res := Generate(m, Options{Cache: cache}); res.Failed(false) {
			b.Fatal(res.Problems.Sorted()[0])
		}
	}
}

package main

import (
	"bufio"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/cire-asbl/fabrique/internal/serve"
)

// serveLatency starts the dev server in this process on the synthetic site
// (ours), connects one Server-Sent Events client like a browser tab, saves
// one page `saves` times and reports the time from each save (the write
// returning) to the reload event arriving at the client.
func serveLatency(ours string, saves int) {
	start := time.Now()
	srv, err := serve.New(serve.Options{Src: ours, BaseURL: "http://127.0.0.1/"})
	check(err)
	fmt.Printf("serve: first build %v, %d errors\n", time.Since(start).Round(time.Millisecond), len(srv.Errors()))
	builds := make(chan serve.Build, 64)
	srv.SetBuildObserver(builds)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go func() { _ = srv.Watch(ctx) }()
	for !srv.Watching() {
		time.Sleep(5 * time.Millisecond)
	}
	hs := httptest.NewServer(srv.Handler())
	defer hs.Close()
	resp, err := http.Get(hs.URL + "/_serve/events")
	check(err)
	defer resp.Body.Close()
	reloads := make(chan time.Time, 64)
	go func() {
		sc := bufio.NewScanner(resp.Body)
		for sc.Scan() {
			if sc.Text() == "event: reload" {
				reloads <- time.Now()
			}
		}
	}()

	page := filepath.Join(ours, "content", "fr", "p", pageKey(1)+".md")
	orig, err := os.ReadFile(page)
	check(err)
	defer os.WriteFile(page, orig, 0o644)
	var lat, build []time.Duration
	for i := 0; i < saves; i++ {
		body := string(orig) + fmt.Sprintf("\nÉdition numéro %d.\n", i)
		t0 := time.Now()
		check(os.WriteFile(page, []byte(body), 0o644))
		var b serve.Build
		select {
		case b = <-builds:
		case <-time.After(60 * time.Second):
			check(fmt.Errorf("no rebuild within 60s"))
		}
		t1 := <-reloads
		lat = append(lat, t1.Sub(t0))
		build = append(build, b.Duration)
		time.Sleep(200 * time.Millisecond) // let the editor "type" again
	}
	fmt.Printf("serve: %d saves of one page; save→reload median %v (min %v, max %v); build alone median %v\n",
		saves, median(lat).Round(time.Millisecond), minDur(lat).Round(time.Millisecond), maxDur(lat).Round(time.Millisecond), median(build).Round(time.Millisecond))
	fmt.Printf("serve: all save→reload: %s\n", durList(lat))
}

func median(d []time.Duration) time.Duration {
	s := append([]time.Duration(nil), d...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	return s[len(s)/2]
}

func minDur(d []time.Duration) time.Duration {
	m := d[0]
	for _, x := range d {
		m = min(m, x)
	}
	return m
}

func maxDur(d []time.Duration) time.Duration {
	m := d[0]
	for _, x := range d {
		m = max(m, x)
	}
	return m
}

func durList(d []time.Duration) string {
	parts := make([]string, len(d))
	for i, x := range d {
		parts[i] = x.Round(time.Millisecond).String()
	}
	return strings.Join(parts, " ")
}

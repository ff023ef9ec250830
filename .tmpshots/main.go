package main

import (
	"context"
	"fmt"
	"os"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

func main() {
	base, out := os.Args[1], os.Args[2]
	dir, _ := os.MkdirTemp("", "shots-")
	defer os.RemoveAll(dir)
	opts := []chromedp.ExecAllocatorOption{chromedp.ExecPath("/usr/bin/chromium"), chromedp.UserDataDir(dir)}
	for _, f := range []string{"headless", "no-sandbox", "disable-gpu", "hide-scrollbars", "disable-background-networking", "disable-component-update", "no-first-run"} {
		opts = append(opts, chromedp.Flag(f, true))
	}
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancel()
	ctx, c2 := chromedp.NewContext(actx)
	defer c2()
	must := func(err error) {
		if err != nil {
			fmt.Println(err)
			os.Exit(1)
		}
	}
	shot := func(name string) {
		time.Sleep(300 * time.Millisecond)
		buf, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
		must(err)
		must(os.WriteFile(out+"/"+name+".png", buf, 0o644))
	}
	js := func(expr string) {
		_, err := chromedp.Run(ctx, chromedp.Evaluate[any](expr))
		must(err)
	}
	w, h := int64(360), int64(740)
	if len(os.Args) > 3 {
		w, h = 320, 640
	}
	must(chromedp.Do(ctx, chromedp.EmulateViewport(w, h)))
	for _, scheme := range []string{"light", "dark"} {
		_, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
			Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}}})
		must(err)
		page := base + "/fr/permis-unique-renouvellement/"
		must(chromedp.Do(ctx, chromedp.Navigate(page)))
		shot("renewal-first-" + scheme)
		for _, c := range []struct{ d, m, y, name string }{{"15", "mars", "2027", "result"}, {"10", "1", "2025", "past"}, {"10", "mrt", "25", "twodigit"}} {
			must(chromedp.Do(ctx, chromedp.Navigate(page)))
			js(fmt.Sprintf(`(()=>{const f=document.querySelector("#calc-renewal form");f.elements["expiry-day"].value=%q;f.elements["expiry-month"].value=%q;f.elements["expiry-year"].value=%q;f.requestSubmit();})()`, c.d, c.m, c.y))
			time.Sleep(200 * time.Millisecond)
			js(`(()=>{const r=document.querySelector("#calc-renewal [data-result]");const t=r.childElementCount?r:document.querySelector("#calc-renewal [data-error-summary]");t.scrollIntoView({block:"start"});window.scrollBy(0,-70)})()`)
			shot("renewal-" + c.name + "-" + scheme)
		}
	}
	for _, p := range []string{"/fr/donnees-ouvertes/", "/nl/delais/", "/nl/bestaat-niet/", "/fr/exploitation-au-travail/"} {
		must(chromedp.Do(ctx, chromedp.Navigate(base+p)))
		shot("page" + filename(p))
	}
}

func filename(p string) string {
	b := []byte(p)
	for i := range b {
		if b[i] == '/' {
			b[i] = '_'
		}
	}
	return string(b)
}

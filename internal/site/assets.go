package site

import (
	"io/fs"
	"path"
	"sort"
	"strings"

	"github.com/cire-asbl/fabrique/internal/output"
	"github.com/cire-asbl/fabrique/internal/search"
)

func (b *builder) buildAssets() assets {
	a := assets{files: map[string][]byte{}}
	dir := b.theme.Dir + "/assets"
	// site.css first, then every other stylesheet in name order: one request.
	var css strings.Builder
	cssFiles, _ := fs.Glob(b.fsys, dir+"/css/*.css")
	sort.Slice(cssFiles, func(i, j int) bool {
		si, sj := path.Base(cssFiles[i]) == "site.css", path.Base(cssFiles[j]) == "site.css"
		if si != sj {
			return si
		}
		return cssFiles[i] < cssFiles[j]
	})
	// (print.css sorts after the component styles, so its rules win.)
	for _, f := range cssFiles {
		src, err := fs.ReadFile(b.fsys, f)
		if err != nil {
			b.problems.Errorf(f, 0, 0, "cannot read: %v", err)
			continue
		}
		css.Write(src)
		css.WriteByte('\n')
	}
	if extra := b.data.css(); extra != "" {
		css.WriteString(extra)
	}
	// Fingerprints are taken of the bytes served (minified), so a new
	// minifier version can never leave a year-cached file stale.
	cssBytes := b.minify("css/site.css", []byte(css.String()))
	name := output.Fingerprint("css/site.css", cssBytes)
	a.files[name] = cssBytes
	a.css = b.url("/" + name)

	// The calculators: the generated module keeps its stable name
	// (js/calculators.js, a public contract); the UI module imports it with
	// a version query so a cached UI never pairs with stale rules.
	gen := b.data.calculatorsJS()
	if gen != nil {
		gen = b.minify("js/calculators.js", gen)
		a.files["js/calculators.js"] = gen
		ui, err := fs.ReadFile(b.fsys, dir+"/js/calculator-ui.js")
		if err == nil {
			v := output.Fingerprint("x", gen)[2:]
			ui = b.minify("js/calculator-ui.js", []byte(strings.ReplaceAll(string(ui), "./calculators.js", "./calculators.js?v="+v)))
			uiName := output.Fingerprint("js/calculator-ui.js", ui)
			a.files[uiName] = ui
			a.calcUI = b.url("/" + uiName)
			a.calcJS = b.url("/js/calculators.js?v=" + v)
		}
	}
	for _, js := range []struct {
		name string
		url  *string
	}{{"offline.js", &a.offline}, {"notfound.js", &a.notFound}} {
		src, err := fs.ReadFile(b.fsys, dir+"/js/"+js.name)
		if err != nil {
			continue // a theme without it: no service worker, a 404 without script
		}
		min := b.minify("js/"+js.name, src)
		name := output.Fingerprint("js/"+js.name, min)
		a.files[name] = min
		*js.url = b.url("/" + name)
	}
	b.searchAssets(&a, dir)
	return a
}

// searchAssets adds the search page's module and the query normaliser it
// imports, generated from internal/search's folding table.
func (b *builder) searchAssets(a *assets, dir string) {
	ui, err := fs.ReadFile(b.fsys, dir+"/js/search.js")
	if err != nil {
		return
	}
	norm := b.minify("js/search-normalize.js", search.FoldJS())
	normName := output.Fingerprint("js/search-normalize.js", norm)
	a.files[normName] = norm
	ui = b.minify("js/search.js", []byte(strings.ReplaceAll(string(ui), "./search-normalize.js", "./"+path.Base(normName))))
	name := output.Fingerprint("js/search.js", ui)
	a.files[name] = ui
	a.search = b.url("/" + name)
}

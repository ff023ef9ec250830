package site

// offline.go: the service worker that keeps a reader's language readable
// without a connection. After the first visit, js/offline.js (every page)
// registers {base}sw.js and asks it to cache the page's language: the
// files of offline/{lang} in the manifest below, chosen in priority order
// (assets, home, pathways, other pages, diagrams, leaflets) within
// offlineBudget bytes. The cache is named after the build's content hash,
// so a rebuild that changes anything is picked up on the next visit and the
// old cache deleted. Same origin only; nothing is sent anywhere.

import (
	"encoding/binary"
	"encoding/json"
	"hash/crc64"
	"io/fs"
	"sort"
	"strings"

	"github.com/cire-asbl/fabrique/internal/content"
)

// offlineBudget is the most a language may put in the browser's cache
// (uncompressed bytes, as the Cache API stores them).
const offlineBudget = 400 * 1024

// swPath is where the service worker is written (its scope is the site).
const swPath = "sw.js"

// OfflineManifest is what sw.js is given: the cache version and, per
// language, the URLs to cache with their total size.
type OfflineManifest struct {
	Version string              `json:"version"`
	Files   map[string][]string `json:"files"`
	Bytes   map[string]int      `json:"bytes"`
}

// offlineManifest chooses each language's files within the budget.
func (b *builder) offlineManifest() OfflineManifest {
	b.outMu.Lock()
	files := b.outFiles
	b.outMu.Unlock()
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	h := crc64.New(crc64.MakeTable(crc64.ECMA))
	var buf [4]byte
	for _, n := range names {
		h.Write([]byte(n))
		binary.LittleEndian.PutUint32(buf[:], files[n].sum)
		h.Write(buf[:])
	}
	m := OfflineManifest{Version: strings.TrimLeft(strings.ToLower(hex16(h.Sum64())), " "), Files: map[string][]string{}, Bytes: map[string]int{}}

	for _, lang := range b.cfg.Codes() {
		var list []string
		total := 0
		seen := map[string]bool{}
		add := func(name, u string) {
			f, ok := files[name]
			if !ok || seen[u] || total+f.size > offlineBudget {
				return
			}
			seen[u] = true
			total += f.size
			list = append(list, u)
		}
		// Shared assets first: without them no page is readable.
		for _, n := range names {
			if strings.HasPrefix(n, "css/") {
				add(n, b.url("/"+n))
			}
		}
		if b.assets.offline != "" {
			add(strings.TrimPrefix(b.assets.offline, b.basePath), b.assets.offline)
		}
		if b.assets.calcUI != "" {
			add(strings.TrimPrefix(b.assets.calcUI, b.basePath), b.assets.calcUI)
			add("js/calculators.js", b.assets.calcJS)
		}
		var home, pathways, others []*content.Page
		for _, p := range b.pages {
			if p.Lang != lang {
				continue
			}
			switch {
			case p.URL == "/"+p.Lang+"/": // the home page
				home = append(home, p)
			case p.Section == "pathways":
				pathways = append(pathways, p)
			default:
				others = append(others, p)
			}
		}
		sortPages(pathways)
		sortPages(others)
		for _, group := range [][]*content.Page{home, pathways, others} {
			for _, p := range group {
				add(strings.TrimPrefix(p.URL, "/")+"index.html", b.url(p.URL))
			}
		}
		add(lang+"/404.html", b.url("/"+lang+"/404.html"))
		for _, n := range names {
			if strings.HasPrefix(n, "diagrams/"+lang+"/") {
				add(n, b.url("/"+n))
			}
		}
		for _, ref := range b.leaflets(lang) {
			add(strings.TrimPrefix(ref.url, "/")+"index.html", b.url(ref.url))
		}
		m.Files[lang] = list
		m.Bytes[lang] = total
	}
	return m
}

func hex16(v uint64) string {
	const digits = "0123456789abcdef"
	var out [16]byte
	for i := 15; i >= 0; i-- {
		out[i] = digits[v&15]
		v >>= 4
	}
	return string(out[:])
}

// writeServiceWorker writes sw.js: the manifest, then the theme's
// js/sw.js. A theme without js/sw.js has no service worker.
func (b *builder) writeServiceWorker() {
	if b.assets.offline == "" {
		return
	}
	src, err := fs.ReadFile(b.fsys, b.theme.Dir+"/assets/js/sw.js")
	if err != nil {
		return
	}
	m := b.offlineManifest()
	js, err := json.Marshal(m)
	if err != nil {
		b.problems.Errorf(swPath, 0, 0, "%v", err)
		return
	}
	b.put(swPath, []byte("const MANIFEST = "+string(js)+";\n"+string(src)))
}

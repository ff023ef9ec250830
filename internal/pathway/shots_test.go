package pathway

import (
	"os"
	"path/filepath"
	"testing"
)

// TestWriteShots writes HTML pages for screenshots when PATHWAY_SHOTS names
// a directory (manual check in headless Chromium; skipped otherwise).
func TestWriteShots(t *testing.T) {
	dir := os.Getenv("PATHWAY_SHOTS")
	if dir == "" {
		t.Skip("set PATHWAY_SHOTS=dir to write screenshot pages")
	}
	css, _ := os.ReadFile("../../themes/default/assets/css/diagram.css")
	s := loadReal(t, fakeDurations)
	for _, id := range s.IDs() {
		for _, lang := range langs {
			for _, dir2 := range []string{"ltr", "rtl"} {
				svg, _ := s.SVG(id, lang, dir2, true)
				os.WriteFile(filepath.Join(dir, id+"."+lang+"."+dir2+".svg"), svg, 0o644)
				page := "<!doctype html><html><head><meta charset=utf-8><meta name=viewport content='width=device-width'></head><body><img src='" + id + "." + lang + "." + dir2 + ".svg' alt=''></body></html>"
				os.WriteFile(filepath.Join(dir, id+"."+lang+"."+dir2+".html"), []byte(page), 0o644)
			}
			fig, _ := s.Figure(id, lang, "ltr", id+"."+lang+".ltr.svg")
			page := "<!doctype html><html lang=" + lang + "><head><meta charset=utf-8><meta name=viewport content='width=device-width'><style>body{font-family:system-ui,sans-serif;max-width:46rem;margin:0 auto;padding:0 1rem}" + string(css) + "</style></head><body>" + fig + "</body></html>"
			os.WriteFile(filepath.Join(dir, id+"."+lang+".figure.html"), []byte(page), 0o644)
		}
	}
}

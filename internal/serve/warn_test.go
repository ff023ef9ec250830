package serve

import (
	"io"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cire-asbl/fabrique/internal/testsite"
)

// A duration typed by hand is shown in the overlay, at its position, while
// the page itself is served up to date (a warning does not stop a build).
func TestOverlayShowsWarnings(t *testing.T) {
	dir := t.TempDir()
	if err := os.CopyFS(dir, testsite.FS()); err != nil {
		t.Fatal(err)
	}
	copyTree(t, "../../themes", filepath.Join(dir, "themes"))
	write(t, filepath.Join(dir, "content/fr/essai.md"), "---\ntitle: Essai\n---\nIl faut au moins deux mois.\n")
	srv, err := New(Options{Src: dir, BaseURL: "http://127.0.0.1/"})
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(srv.Handler())
	defer hs.Close()
	resp, err := hs.Client().Get(hs.URL + "/fr/essai/")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	page := string(b)
	for _, want := range []string{`id="serve-overlay"`, "content/fr/essai.md:4:18", "warning: &#34;deux mois&#34;", "Il faut au moins deux mois."} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %q", want)
			if i := strings.Index(page, "serve-loc"); i > 0 {
				t.Log(page[i : i+300])
			}
		}
	}
}

package main

import (
	"encoding/json"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"github.com/makiuchi-d/gozxing"
	gzqr "github.com/makiuchi-d/gozxing/qrcode"

	"github.com/cire-asbl/fabrique/internal/qa/qatest"
	"github.com/cire-asbl/fabrique/internal/site"
	"github.com/cire-asbl/fabrique/internal/textdir"
)

// needTools skips (loudly) when chromium or poppler-utils is missing, and
// fails instead under CI=true, where .ci/run installs them (qatest's rule).
func needTools(t *testing.T) {
	t.Helper()
	var missing []string
	if findChromium() == "" {
		missing = append(missing, "chromium (apt-get install -y chromium)")
	}
	for _, tool := range []string{"pdfinfo", "pdftotext", "pdftoppm"} {
		if _, err := exec.LookPath(tool); err != nil {
			missing = append(missing, tool+" (apt-get install -y poppler-utils)")
		}
	}
	qatest.SkipOrFail(t, missing)
}

// squash drops every kind of space, so text wrapped or typeset with
// no-break spaces still compares.
func squash(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || r == '\u00a0' || r == '\u202f' || unicode.Is(unicode.Bidi_Control, r) {
			return -1
		}
		return r
	}, s)
}

// looseRTL is squash for right-to-left text as pdftotext gives it back:
// poppler writes the punctuation next to a Latin run on the wrong side
// ("(حسب تحليل CIRÉ)" comes out "(حسب تحليل .)CIRÉ") and the lam-alef
// ligature's two letters in the wrong order ("الأول" as "األول"), and
// vowel marks (ً, َ, ّ) away from their letter. Letters and digits keep
// their order, so the comparison drops punctuation, symbols, bidi
// controls, marks and the letters lam and alef.
func looseRTL(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case unicode.IsSpace(r), unicode.IsPunct(r), unicode.IsSymbol(r), unicode.Is(unicode.Bidi_Control, r), unicode.Is(unicode.Mn, r),
			r == '\u00a0', r == '\u202f', r == 'ل', r == 'ا', r == 'أ', r == 'إ', r == 'آ':
			return -1
		}
		return r
	}, s)
}

var (
	pagesRe = regexp.MustCompile(`(?m)^Pages:\s+(\d+)`)
	sizeRe  = regexp.MustCompile(`(?m)^Page size:\s+([\d.]+) x ([\d.]+) pts`)
)

// TestLeafletPDFs builds the repository's site with -pdf and checks every
// leaflet PDF: at most two A4 pages, the title, every deadline and the URL
// in its text, and a QR code on the printed page that decodes to the URL.
// LEAFLET_SHOTS=dir also writes 60 dpi PNGs of every page there, to look at;
// LEAFLET_SRC=dir checks another site tree than the repository's.
// Bidi controls (pdftotext writes U+202B … U+202C around right-to-left
// runs; the strings files isolate Latin words with U+2066 … U+2069) are not
// text: the comparison ignores them.
func TestLeafletPDFs(t *testing.T) {
	needTools(t)
	out := filepath.Join(t.TempDir(), "public")
	var stdout, stderr strings.Builder
	src := "../.."
	if dir := os.Getenv("LEAFLET_SRC"); dir != "" { // another site tree, e.g. with a language being added
		src = dir
	}
	if code := run([]string{"-src", src, "-o", out, "-pdf"}, &stdout, &stderr); code != 0 {
		t.Fatalf("build -pdf: exit %d\n%s%s", code, stdout.String(), stderr.String())
	}
	raw, err := os.ReadFile(filepath.Join(out, site.LeafletManifestPath))
	if err != nil {
		t.Fatal(err)
	}
	var man site.LeafletManifest
	if err := json.Unmarshal(raw, &man); err != nil {
		t.Fatal(err)
	}
	if len(man.Leaflets) == 0 {
		t.Fatal("no leaflets")
	}
	shots := os.Getenv("LEAFLET_SHOTS")
	for _, l := range man.Leaflets {
		t.Run(l.Lang+"/"+l.Pathway, func(t *testing.T) {
			pdf := filepath.Join(out, filepath.FromSlash(l.PDF))
			info, err := exec.Command("pdfinfo", pdf).CombinedOutput()
			if err != nil {
				t.Fatalf("pdfinfo: %v\n%s", err, info)
			}
			m := pagesRe.FindSubmatch(info)
			if m == nil {
				t.Fatalf("pdfinfo gives no page count:\n%s", info)
			}
			if n, _ := strconv.Atoi(string(m[1])); n < 1 || n > 2 {
				t.Errorf("%d pages, want 1 or 2 (one A4 sheet, both sides)", n)
			}
			sz := sizeRe.FindSubmatch(info)
			if sz == nil {
				t.Fatalf("no page size:\n%s", info)
			}
			w, _ := strconv.ParseFloat(string(sz[1]), 64)
			h, _ := strconv.ParseFloat(string(sz[2]), 64)
			if w < 593 || w > 597 || h < 840 || h > 844 { // A4 is 595.28 × 841.89 pt
				t.Errorf("page size %.2f × %.2f pt, want A4 (595 × 842)", w, h)
			}
			text, err := exec.Command("pdftotext", "-enc", "UTF-8", pdf, "-").Output()
			if err != nil {
				t.Fatalf("pdftotext: %v", err)
			}
			flat := squash(string(text))
			match := func(want string) bool { return strings.Contains(flat, squash(want)) }
			if textdir.Of(l.Lang) == "rtl" {
				loose := looseRTL(flat)
				match = func(want string) bool { return strings.Contains(loose, looseRTL(want)) }
			}
			for _, want := range append([]string{l.Title, l.URL}, l.Deadlines...) {
				if !match(want) {
					t.Errorf("PDF text lacks %q", want)
				}
			}
			// A right-to-left leaflet (Arabic) is printed in its script, with
			// a font that has it (fonts-noto-core): pdftotext finds its
			// letters and its title (above), not boxes.
			if textdir.Of(l.Lang) == "rtl" {
				n := 0
				for _, r := range flat {
					if unicode.Is(unicode.Arabic, r) || unicode.Is(unicode.Hebrew, r) {
						n++
					}
				}
				if n < 200 {
					t.Errorf("only %d right-to-left letters in the %s leaflet's text", n, l.Lang)
				}
				if textdir.FirstStrong(l.Title) != "rtl" {
					t.Logf("%s: the pathway's title is not translated yet (%q)", l.Lang, l.Title)
				}
			}
			// Paper has no "below" to click: no words that only make sense on screen.
			for _, w := range screenOnly {
				if strings.Contains(strings.ToLower(flat), w) {
					t.Errorf("PDF text has %q, which only makes sense on screen", w)
				}
			}
			// The QR code is on the verso (the last page).
			prefix := filepath.Join(t.TempDir(), "page")
			if msg, err := exec.Command("pdftoppm", "-png", "-r", "150", "-singlefile", "-f", "2", "-l", "2", pdf, prefix).CombinedOutput(); err != nil {
				t.Fatalf("pdftoppm: %v\n%s", err, msg)
			}
			if got := decodeQR(t, prefix+".png"); got != l.URL {
				t.Errorf("QR code decodes to %q, want %q", got, l.URL)
			}
			if shots != "" {
				name := filepath.Join(shots, l.Lang+"-"+l.Pathway)
				if msg, err := exec.Command("pdftoppm", "-png", "-r", "60", pdf, name).CombinedOutput(); err != nil {
					t.Errorf("screenshots: %v\n%s", err, msg)
				}
			}
		})
	}
}

// screenOnly are words that point at a screen (fr, nl, en).
var screenOnly = []string{"ci-dessous", "cliquez", "hieronder", "klik ", "below", "click"}

func decodeQR(t *testing.T, path string) string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	bmp, err := gozxing.NewBinaryBitmapFromImage(img)
	if err != nil {
		t.Fatal(err)
	}
	res, err := gzqr.NewQRCodeReader().Decode(bmp, map[gozxing.DecodeHintType]any{gozxing.DecodeHintType_TRY_HARDER: true})
	if err != nil {
		t.Fatalf("no QR code found on the page: %v", err)
	}
	return res.GetText()
}

// Without a browser, -pdf says so and the build still succeeds.
func TestPDFWithoutBrowser(t *testing.T) {
	t.Setenv("CHROMIUM", "no-such-browser-for-fabrique-tests")
	out := filepath.Join(t.TempDir(), "public")
	var stdout, stderr strings.Builder
	src := "../.."
	if dir := os.Getenv("LEAFLET_SRC"); dir != "" { // another site tree, e.g. with a language being added
		src = dir
	}
	if code := run([]string{"-src", src, "-o", out, "-pdf"}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d, want 0\n%s", code, stderr.String())
	}
	if !strings.Contains(stderr.String(), "no Chromium found") || !strings.Contains(stderr.String(), "PDFs not printed") {
		t.Errorf("stderr does not say the browser is missing:\n%s", stderr.String())
	}
	if _, err := os.Stat(filepath.Join(out, site.LeafletManifestPath)); err != nil {
		t.Errorf("the rest of the site was not built: %v", err)
	}
	if pdfs, _ := filepath.Glob(filepath.Join(out, "leaflets", "*", "*.pdf")); len(pdfs) > 0 {
		t.Errorf("PDFs without a browser: %v", pdfs)
	}
}

// Without -pdf, nothing is printed even when a browser is installed.
func TestNoPDFByDefault(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	var stdout, stderr strings.Builder
	if code := run([]string{"-src", "../..", "-o", out}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr.String())
	}
	if strings.Contains(stdout.String()+stderr.String(), "pdf:") {
		t.Errorf("the PDF step ran without -pdf:\n%s%s", stdout.String(), stderr.String())
	}
}

package leaflet

import (
	"image"
	"image/color"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/makiuchi-d/gozxing"
	gzqr "github.com/makiuchi-d/gozxing/qrcode"
)

// rasterise draws the SVG's path (the "MxyhNv1h-Nz" runs QRSVG writes) at
// scale pixels per module, so the test decodes what the SVG says, not the
// library's bitmap.
func rasterise(t *testing.T, svg string, scale int) image.Image {
	t.Helper()
	vb := regexp.MustCompile(`viewBox="0 0 (\d+) (\d+)"`).FindStringSubmatch(svg)
	if vb == nil {
		t.Fatalf("no viewBox in %.80s", svg)
	}
	n, _ := strconv.Atoi(vb[1])
	img := image.NewGray(image.Rect(0, 0, n*scale, n*scale))
	for i := range img.Pix {
		img.Pix[i] = 255
	}
	d := regexp.MustCompile(` d="([^"]*)"`).FindStringSubmatch(svg)
	if d == nil {
		t.Fatal("no path data")
	}
	runs := regexp.MustCompile(`M(\d+) (\d+)h(\d+)v1h-(\d+)z`).FindAllStringSubmatch(d[1], -1)
	if got := strings.Join(regexp.MustCompile(`M\d+ \d+h\d+v1h-\d+z`).FindAllString(d[1], -1), ""); got != d[1] {
		t.Fatalf("path data has commands other than unit-high runs")
	}
	for _, r := range runs {
		x, _ := strconv.Atoi(r[1])
		y, _ := strconv.Atoi(r[2])
		w, _ := strconv.Atoi(r[3])
		if r[3] != r[4] {
			t.Fatalf("run %q does not close on itself", r[0])
		}
		for py := y * scale; py < (y+1)*scale; py++ {
			for px := x * scale; px < (x+w)*scale; px++ {
				img.SetGray(px, py, color.Gray{0})
			}
		}
	}
	return img
}

func decode(t *testing.T, img image.Image) string {
	t.Helper()
	bmp, err := gozxing.NewBinaryBitmapFromImage(img)
	if err != nil {
		t.Fatal(err)
	}
	res, err := gzqr.NewQRCodeReader().Decode(bmp, nil)
	if err != nil {
		t.Fatalf("QR code does not decode: %v", err)
	}
	return res.GetText()
}

func TestQRSVGDecodes(t *testing.T) {
	for _, url := range []string{
		"https://example.org/fr/permis-unique-renouvellement/",
		"https://example.org/nl/eerste-gecombineerde-vergunning/",
		"https://cire.example/sub/path/en/exploitation-at-work/",
		"https://example.org/fr/d%C3%A9pliants/",
	} {
		t.Run(url, func(t *testing.T) {
			svg, err := QRSVG(url, "QR: "+url)
			if err != nil {
				t.Fatal(err)
			}
			if got := decode(t, rasterise(t, svg, 4)); got != url {
				t.Errorf("decodes to %q, want %q", got, url)
			}
		})
	}
}

func TestQRSVGMarkup(t *testing.T) {
	svg, err := QRSVG("https://example.org/a/", `QR "code" <x>`)
	if err != nil {
		t.Fatal(err)
	}
	again, _ := QRSVG("https://example.org/a/", `QR "code" <x>`)
	if svg != again {
		t.Error("two calls give different SVG")
	}
	for _, bad := range []string{"style=", "<style", "<script"} {
		if strings.Contains(svg, bad) {
			t.Errorf("SVG contains %q (CSP)", bad)
		}
	}
	if !strings.Contains(svg, `aria-label="QR &#34;code&#34; &lt;x&gt;"`) {
		t.Errorf("label not escaped: %.200s", svg)
	}
	if strings.Count(svg, "<path") != 1 {
		t.Error("want exactly one path")
	}
	bm, _ := QRBitmap("https://example.org/a/")
	// The quiet zone (4 modules) is part of the drawing: a scanner needs it
	// even when the QR code is printed next to text.
	for y := 0; y < 4; y++ {
		for x, dark := range bm[y] {
			if dark {
				t.Fatalf("module (%d,%d) in the quiet zone is dark", x, y)
			}
		}
	}
	if !strings.Contains(svg, `viewBox="0 0 `+strconv.Itoa(len(bm))+` `+strconv.Itoa(len(bm))+`"`) {
		t.Errorf("viewBox does not match the %d-module bitmap", len(bm))
	}
}

func TestQRTooLong(t *testing.T) {
	if _, err := QRSVG(strings.Repeat("x", 5000), "x"); err == nil {
		t.Error("a 5000-byte text should not fit a QR code")
	}
}

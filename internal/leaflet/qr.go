package leaflet

import (
	"fmt"
	"html"
	"strings"

	qrcode "github.com/skip2/go-qrcode"
)

// QRBitmap returns the QR code of text as rows of modules (true = dark),
// quiet zone included, at error-correction level M (15 %): enough to survive
// a fold or a smudge on paper while keeping modules large at 30 mm.
func QRBitmap(text string) ([][]bool, error) {
	q, err := qrcode.New(text, qrcode.Medium)
	if err != nil {
		return nil, fmt.Errorf("QR code for %q: %w", text, err)
	}
	return q.Bitmap(), nil
}

// QRSVG draws the QR code of text as one SVG <path> of unit squares (one
// subpath per horizontal run of dark modules), on a white rectangle so it
// scans in dark mode too. No style attribute (CSP): the size comes from the
// viewBox, the width/height attributes and the page's CSS.
func QRSVG(text, label string) (string, error) {
	bm, err := QRBitmap(text)
	if err != nil {
		return "", err
	}
	n := len(bm)
	var d strings.Builder
	for y, row := range bm {
		for x := 0; x < len(row); {
			if !row[x] {
				x++
				continue
			}
			run := 1
			for x+run < len(row) && row[x+run] {
				run++
			}
			fmt.Fprintf(&d, "M%d %dh%dv1h-%dz", x, y, run, run)
			x += run
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" class="qr" viewBox="0 0 %d %d" width="%d" height="%d" role="img" aria-label="%s" shape-rendering="crispEdges">`,
		n, n, 4*n, 4*n, html.EscapeString(label))
	fmt.Fprintf(&b, `<rect width="%d" height="%d" fill="#fff"/><path fill="#000" d="%s"/></svg>`, n, n, d.String())
	return b.String(), nil
}

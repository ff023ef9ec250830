package qa

// diagrams.go: the phone diagram gate (issue 15), at 360×740 and 320×640
// on every page: every pathway diagram shown (svg.pw-diagram with
// role="img", not display:none) fits the viewport horizontally, and each of
// its texts is drawn at an effective size of at least DiagramMinPx — the
// font size in SVG units times the scale the SVG is displayed at. A wide
// drawing squeezed into a phone, or one that runs off the screen, fails.

import (
	"context"
	"fmt"
)

// DiagramViewports are the phone screens the diagram gate uses.
var DiagramViewports = [][2]int64{{360, 740}, {320, 640}}

// DiagramMinPx is the smallest effective text size of a diagram on a phone.
const DiagramMinPx = 12.0

type diagramInfo struct {
	Path, HTML      string
	Left, Right, Vw float64
	MinPx           float64
	MinText         string
	Shown, Texts    int
}

const diagramsJS = `(() => {
  const out = [];
  for (const svg of document.querySelectorAll('svg.pw-diagram[role="img"]')) {
    if (!svg.getClientRects().length || getComputedStyle(svg).display === 'none') continue;
    const r = svg.getBoundingClientRect();
    const vb = svg.viewBox && svg.viewBox.baseVal;
    const scale = vb && vb.width ? r.width / vb.width : 1;
    let minPx = Infinity, minText = '', texts = 0;
    for (const t of svg.querySelectorAll('text')) {
      const px = parseFloat(getComputedStyle(t).fontSize) * scale;
      texts++;
      if (px < minPx) { minPx = px; minText = t.textContent; }
    }
    out.push({path: qaPath(svg), html: qaSnippet(svg), left: r.left, right: r.right,
      vw: document.documentElement.clientWidth, minPx: texts ? minPx : 0, minText, texts});
  }
  return out;
})()`

// checkDiagrams runs the diagram gate; it leaves the viewport at the last
// phone size (the caller restores its own).
func (b *tab) checkDiagrams(ctx context.Context, add func(check, rule, where, msg string)) error {
	for _, vp := range DiagramViewports {
		if err := b.viewport(ctx, vp[0], vp[1]); err != nil {
			return err
		}
		if _, err := evalAwait[int](ctx, settleJS); err != nil {
			return err
		}
		ds, err := eval[[]diagramInfo](ctx, js(diagramsJS))
		if err != nil {
			return err
		}
		check := fmt.Sprintf("diagram %dpx", vp[0])
		for _, d := range ds {
			if d.Left < -0.5 || d.Right > d.Vw+0.5 {
				add(check, "fits-viewport", d.Path, fmt.Sprintf("the diagram spans %.0f–%.0f px on a %.0f px screen: %s", d.Left, d.Right, d.Vw, d.HTML))
			}
			if d.Texts > 0 && d.MinPx < DiagramMinPx-0.05 {
				add(check, "label-size", d.Path, fmt.Sprintf("text %q is drawn at %.1f px (at least %.0f px): %s", d.MinText, d.MinPx, DiagramMinPx, d.HTML))
			}
		}
	}
	return nil
}

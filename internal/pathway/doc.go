// Package pathway turns data/pathways/*.yaml into diagrams: a layered
// layout computed at build time, an accessible SVG (inline in pages and
// standalone for reuse and print) and a text equivalent generated from the
// same graph.
//
// # Data
//
// One file per pathway (the id is the file name): title, summary, nodes
// (kind step | decision | outcome; an outcome has `outcome: legal-stay |
// pending | irregular`) and edges (from, to, optional condition label).
// Every label has every site language. Durations are never typed: a label
// writes {rule:ID} and DurationFunc formats the rule parameter, so a
// changed rule changes the diagram; a number followed by a time unit in a
// label is an error. Graphs are acyclic (a repeated step is a new node) and
// every path ends on an outcome. data/pathways/_labels.yaml holds the UI
// words (legend, "text version", outcome prefixes), so a new language is
// data only. Problems are diag.Problems at path:line:col.
//
// # Contract
//
//   - Load(fsys, dir, Options) → *Set plus every problem at once.
//   - Set.SVG(id, lang, dir, standalone): deterministic bytes. The inline
//     form has no <style> and no style= (CSP): black-on-white presentation
//     attributes plus classes that diagram.css may recolour; it reads and
//     prints without CSS. The standalone form adds the XML declaration, a
//     drawn title, a drawn legend and an xml-stylesheet link to
//     StandaloneCSS (no <style>: the site's CSP blocks it in the file too).
//   - Set.Figure(id, lang, dir, url): <figure> with two SVGs inside a
//     labelled, focusable, horizontally scrollable region — the wide
//     layered drawing (class pw-wide) and a vertical one for phones (class
//     pw-narrow, NarrowWidth = 272 units, shown at scale 1 so its text
//     stays 13–14 px; diagram.css shows one or the other) — an HTML legend,
//     a link to the standalone file and a closed <details> text version
//     (ordered steps, conditions, deadlines, outcomes marked, links between
//     steps). The figure's markup is figure.html, rendered by html/template;
//     the drawings inside are the SVG writer's (svg.go, which escapes its
//     texts with xmlEscape).
//   - Set.NarrowSVG / NarrowLayout: the vertical drawing (vertical.go):
//     nodes stacked in the text version's order, exits under their node,
//     long jumps in lanes at the inline-end side.
//   - Outcome kinds differ by shape, line and words, never colour alone:
//     legal stay = rounded, thick solid line, "✓ …"; pending = rounded,
//     dashed; irregular = octagon with a thick double line and "⚠ …".
//   - dir "rtl" mirrors both drawings (x flipped); the text version keeps
//     the logical order.
//
// # Why our own layout and not d2
//
// Measured, not quoted. d2 v0.7.2 was used as a Go library in a throwaway
// module outside this repository (d2lib.Compile with a textmeasure.Ruler
// and d2dagrelayout.DefaultLayout, then d2svg.Render, default theme and
// padding) on the same graph as single-permit-renewal.yaml: 14 nodes, 14
// edges, the French labels with the same line breaks and durations as
// text ("2 mois"), diamonds for decisions, hexagons with a thick line for
// irregular outcomes, dashed rounded boxes for pending ones. Machine: 2
// CPUs (nproc 2, AMD EPYC), go1.26.8 linux/amd64, shared with other
// builds, so wall times are noisy and CPU times are given too.
//
//   - Time per diagram, median of 20 renders after a warm-up: d2 95–104 ms
//     (151 ms while the machine was loaded), about 99 MB and 467 000
//     allocations per render. Ours, same diagram, standalone form, same
//     method: 0.19–0.23 ms, 121 KB, 4 000 allocations (Go benchmark
//     0.22–0.24 ms/op); BenchmarkLayoutSVG, all five pathways inline,
//     0.9–1.3 ms in total. About 450 times faster.
//   - SVG size: d2 34 340 bytes, 13 523 gzip -9, of which 12.3 KB are two
//     embedded base64 WOFF fonts (bold and italic) and 18.3 KB are
//     <style>; it also carries 53 style= attributes. Ours as built: 14 265
//     bytes standalone (3 077 gzip -9) including a drawn title and legend,
//     11 998 inline (2 483 gzip -9), system fonts.
//   - Binary: hello-world 2.4 MB, hello-world plus d2 32.0 MB, so d2 adds
//     29.6 MB; the whole site builder (cmd/build) is 25.1 MB today.
//   - Cold build (empty GOCACHE=$(mktemp -d), modules already
//     downloaded): the d2 program 28.8 s wall, 55 s CPU (88 s wall under
//     load); hello-world 5.9 s wall, 10 s CPU; the whole site builder
//     23.3 s wall, 44 s CPU. d2 alone would cost more build than all of
//     fabrique.
//
// What d2 does better, seen side by side in chromium: its edges are single
// smooth splines that leave a diamond at its boundary and carry their
// label on the curve, where ours jog twice around the label point; its
// text widths are measured with the font it embeds, where ours are
// estimated. It is mature and general (any graph, cycles, many shapes).
// What ours does better for this site: the drawing is more compact
// (1132×1174 px with title and legend against d2's 1328×1387 px without
// them, not counting its 100 px padding: d2's diamonds grow wide around
// long questions, our decisions are hexagons); edge labels are black, d2's are grey italic
// (#676C7E, 5.2:1, passes AA but reads lighter); outcomes carry words,
// shapes and a legend, and the inline SVG meets the CSP (no <style>, no
// style=) with no embedded font; d2's output would need rewriting for the
// CSP and the text equivalent would still have to come from our graph.
//
// Our graphs are small DAGs that read top to bottom, which a Sugiyama-style
// layout handles well: longest-path layering, one dummy point per crossed
// band (the first carries the condition label, so labels are laid out like
// boxes and cannot overlap), barycentre sweeps to cut crossings (best order
// kept), and x placement pulled toward neighbours with overlaps resolved by
// averaging a left-packed and a right-packed solution. Owning it also gives
// exact control of shapes for black-and-white print and the text
// equivalent from the same structures. Cost: our text widths are estimated
// (Arial metrics, the SVG asks for Arial-compatible system fonts first,
// plus an 8 % margin), not measured; geometry tests guard the estimate's
// use. If edge shape ever matters more than weight, the place to improve
// is routing through the label point, not a dependency.
package pathway

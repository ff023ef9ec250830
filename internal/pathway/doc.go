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
//     drawn title, a drawn legend and an embedded <style>.
//   - Set.Figure(id, lang, dir, url): <figure> with the SVG inside a
//     labelled, focusable, horizontally scrollable region, an HTML legend,
//     a link to the standalone file and a <details open> text version
//     (ordered steps, conditions, deadlines, outcomes marked, links between
//     steps).
//   - Outcome kinds differ by shape, line and words, never colour alone:
//     legal stay = rounded, thick solid line, "✓ …"; pending = rounded,
//     dashed; irregular = octagon with a thick double line and "⚠ …".
//   - dir "rtl" mirrors the drawing (x flipped); the text version keeps
//     the logical order.
//
// # Why our own layout and not d2
//
// toolchain.md measured d2 v0.7.2 as a library: 21 s cold build, +32 MB
// binary, ~70 ms and 22 KB (10 KB gzip, fonts embedded) per 6-node diagram.
// This package's BenchmarkLayoutSVG lays out and renders all five pathways
// (10–14 nodes each, with condition labels) in 1.6 ms in total, about
// 0.3 ms per diagram, 0.5 MB allocated; the inline SVGs are 8.7–12.3 KB
// (2.2–2.7 KB gzip) with system fonts, no embedded font, no dependency.
// Our graphs are small DAGs that read top to bottom, which a Sugiyama-style
// layout handles well: longest-path layering, one dummy point per crossed
// band (the first carries the condition label, so labels are laid out like
// boxes and cannot overlap), barycentre sweeps to cut crossings (best order
// kept), and x placement pulled toward neighbours with overlaps resolved by
// averaging a left-packed and a right-packed solution. Owning it also gives
// what d2 does not: presentation attributes instead of a <style>, exact
// control of shapes for black-and-white print, and the text equivalent
// from the same structures. Cost: our text widths are estimated (Arial
// metrics, the SVG asks for Arial-compatible system fonts first, plus an
// 8 % margin), not measured; geometry tests guard the estimate's use.
package pathway

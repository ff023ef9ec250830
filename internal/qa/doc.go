// Package qa is the site's quality gate in a real browser.
//
// Contract: given a built site directory (the contents of public/), [Run]
// serves it from 127.0.0.1 with the headers its _headers file declares,
// drives Debian's chromium through the DevTools protocol over every URL of
// its sitemap.xml, and returns every problem it finds as a [Finding]:
//
//   - axe-core (WCAG 2.0/2.1/2.2 A and AA tags) in light and dark colour
//     schemes at 1280 px and 320 px;
//   - the Nu HTML Checker over every HTML file, in one Java call;
//   - privacy: same-origin requests only, no cookie, a Content-Security-Policy
//     meta tag without 'unsafe-inline' that matches _headers, no CSP
//     violation reported by the browser, no uncaught JavaScript error;
//   - keyboard: the skip link is the first Tab stop and leads into main,
//     every Tab stop shows a visible focus indicator, every
//     form[data-calculator] is operable with Tab and Enter alone (error
//     summary that takes focus and links to existing fields, result in a
//     polite live region);
//   - reflow at 320 px: nothing wider than the viewport except inside a
//     labelled, focusable scroll region;
//   - weight: gzip size of the HTML (inline SVG diagrams excluded) plus the
//     resources the page fetched, against [Budgets].
//
// The package has no opinion on how the site was built: the tests in this
// directory build the repository's site with internal/site, and also run
// the gates over hand-written fixtures in testdata/ to prove that each gate
// can fail. The gates never reach the network: a request to another origin is
// recorded as a finding and then failed inside the browser.
package qa

// Package realsite runs the gates that look at the repository's own
// site, apart from the fixture-built tests of every other package.
//
// Contract: it has no code, only tests, and they check properties, never a
// value an editor may change:
//
//   - TestRealSiteBuildsStrict: the site builds with -strict, which runs the
//     prose checks (no figure typed by hand, nothing copied from the
//     analysis);
//   - TestRealSingleSource: one rule value edited in data/ reaches the pages,
//     the diagrams, the calculators' script and rules.json;
//   - TestGuideCrawlRealSite: every questionnaire outcome is reached within
//     five questions without JavaScript, and leads to its pathway;
//   - TestSite: every gate of internal/qa (axe-core, the Nu checker, privacy,
//     keyboard, reflow, weight) over every URL of the sitemap, in Chromium.
//
// It is a package of its own so that go test gives it its own time limit
// (TestSite alone takes about five minutes on a 2-core machine) and runs it
// beside internal/qa's tests, which include the other two on the real site:
// the reader's calendar file and offline pages, and the editors' promise
// (TestEditorsEditBreaksNoTest: two edits to a copy break no Go test).
package realsite

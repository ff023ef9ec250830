package qa

// reader.go: the phone reader's gates (issue 15), at 360×740 and 320×640 on
// every page: the page's <main> starts within the first 30 % of the screen
// (a compact header, the answer first); no table cell narrower than 40 px
// holds a word of more than 3 letters (a table broken letter by letter);
// a pathway page (body.pathway) links its printable leaflet — a link whose
// page has body.layout-leaflet; a page with a help section (main
// section.help) shows a way to it, a link to the section or a tel: link,
// wholly within the first screen (help one tap away).

import (
	"context"
	"fmt"
)

// ReaderViewports are the phone screens the reader gates use.
var ReaderViewports = [][2]int64{{360, 740}, {320, 640}}

// MainTopMax is the share of the screen height above which <main> must start.
const MainTopMax = 0.30

type readerInfo struct {
	MainTop float64
	Height  float64
	Narrow  []struct {
		Path, Word, HTML string
		Width            float64
	}
	Pathway bool
	// HelpBottom is where the first way to the page's help section ends
	// (-1: the page has none; 1e9: there is no visible way to it).
	HelpBottom float64
}

const readerJS = `(() => {
  window.scrollTo(0, 0);
  const main = document.querySelector('main');
  const narrow = [];
  for (const c of document.querySelectorAll('main td, main th')) {
    if (!c.getClientRects().length || c.closest('[hidden]')) continue;
    const w = c.getBoundingClientRect().width;
    if (w >= 40) continue;
    const word = (c.textContent.match(/\p{L}{4,}/gu) || [])[0];
    if (word) narrow.push({path: qaPath(c), word, html: qaSnippet(c), width: w});
  }
  let helpBottom = -1;
  const help = document.querySelector('main section.help[id]');
  if (help) {
    helpBottom = 1e9;
    for (const a of document.querySelectorAll('main a[href]')) {
      if (!a.getClientRects().length || help.contains(a)) continue;
      if (a.getAttribute('href') !== '#' + help.id && !a.getAttribute('href').startsWith('tel:')) continue;
      helpBottom = Math.min(helpBottom, a.getBoundingClientRect().bottom + window.scrollY);
    }
  }
  return {
    helpBottom,
    mainTop: main ? main.getBoundingClientRect().top + window.scrollY : -1,
    height: window.innerHeight, narrow,
    pathway: document.body.classList.contains('pathway'),
  };
})()`

// leafletLinkJS fetches every same-origin page main links to and says
// whether one of them is a leaflet page.
const leafletLinkJS = `(async () => {
  const seen = new Set();
  for (const a of document.querySelectorAll('main a[href]')) {
    const u = new URL(a.href, location.href);
    u.hash = '';
    if (u.origin !== location.origin || u.pathname === location.pathname || seen.has(u.href)) continue;
    seen.add(u.href);
    if (!/\/$/.test(u.pathname)) continue;
    try {
      const text = await (await fetch(u.href)).text();
      if (/<body[^>]*class="[^"]*\blayout-leaflet\b/.test(text)) return u.pathname;
    } catch (_) {}
  }
  return '';
})()`

// checkReader runs the reader gates; it leaves the viewport at the last
// phone size (the caller restores its own).
func (b *tab) checkReader(ctx context.Context, add func(check, rule, where, msg string)) error {
	var pathway bool
	for _, vp := range ReaderViewports {
		if err := b.viewport(ctx, vp[0], vp[1]); err != nil {
			return err
		}
		if _, err := evalAwait[int](ctx, settleJS); err != nil {
			return err
		}
		ri, err := eval[readerInfo](ctx, js(readerJS))
		if err != nil {
			return err
		}
		check := fmt.Sprintf("reader %dpx", vp[0])
		if ri.MainTop < 0 {
			add(check, "main-top", "main", "the page has no <main>")
		} else if ri.MainTop > MainTopMax*ri.Height {
			add(check, "main-top", "main", fmt.Sprintf("<main> starts %.0f px down a %.0f px screen (%.0f %%; at most %.0f %%): the header pushes the answer down",
				ri.MainTop, ri.Height, 100*ri.MainTop/ri.Height, 100*MainTopMax))
		}
		if ri.HelpBottom > ri.Height {
			where := fmt.Sprintf("ends %.0f px down a %.0f px screen", ri.HelpBottom, ri.Height)
			if ri.HelpBottom >= 1e9 {
				where = "is nowhere outside the section"
			}
			add(check, "help-first-screen", "main", "the page has a help section, but the first link to it (or to call) "+where+": help must be one tap away on the first screen")
		}
		for _, n := range ri.Narrow {
			add(check, "narrow-cell", n.Path, fmt.Sprintf("a %.0f px wide table cell holds %q, broken letter by letter: %s", n.Width, n.Word, n.HTML))
		}
		pathway = ri.Pathway
	}
	if pathway {
		href, err := evalAwait[string](ctx, leafletLinkJS)
		if err != nil {
			return err
		}
		if href == "" {
			add("reader 360px", "leaflet-link", "main", "a pathway page links no leaflet page (body.layout-leaflet)")
		}
	}
	return nil
}

package qa

import (
	"encoding/json"
	"strings"
)

// The scripts the gates evaluate in the page through the DevTools protocol
// (Runtime.evaluate), which a Content-Security-Policy does not block: the
// page's own policy stays fully in force for the page's own code.

// cspBinding is the name of the Runtime binding the page calls to report a
// CSP violation; bindings survive navigations, so no violation is lost
// between a reload and the next read.
const cspBinding = "__qaReportCSP"

// cspListenerJS runs before any script of every document (it is installed
// with Page.addScriptToEvaluateOnNewDocument).
const cspListenerJS = `document.addEventListener('securitypolicyviolation', (e) => {
  try {
    window.` + cspBinding + `(JSON.stringify({
      directive: e.effectiveDirective || e.violatedDirective,
      blocked: e.blockedURI, source: e.sourceFile, line: e.lineNumber, sample: e.sample || ''
    }));
  } catch (_) {}
}, true);`

// jsLib defines helpers that the other scripts use; it is prefixed to them.
const jsLib = `const qaPath = (el) => {
  if (!el || el.nodeType !== 1) return '';
  const parts = [];
  for (let e = el; e && e.nodeType === 1 && e !== document.documentElement; e = e.parentElement) {
    let s = e.localName;
    if (e.id) { parts.unshift(s + '#' + CSS.escape(e.id)); break; }
    const sib = e.parentElement ? [...e.parentElement.children].filter(c => c.localName === e.localName) : [];
    if (sib.length > 1) s += ':nth-of-type(' + (sib.indexOf(e) + 1) + ')';
    parts.unshift(s);
  }
  return parts.join(' > ');
};
const qaSnippet = (el) => el.outerHTML.replace(/\s+/g, ' ').slice(0, 160);
`

// settleJS waits two frames and for running CSS transitions to end, so that
// a colour-scheme or viewport change is fully applied before axe measures
// contrast.
const settleJS = `new Promise((resolve) => {
  let n = 0;
  const tick = () => requestAnimationFrame(() => requestAnimationFrame(() => {
    const running = document.getAnimations().filter(a => a.playState === 'running').length;
    if (running === 0 || ++n > 20) resolve(running); else setTimeout(tick, 25);
  }));
  tick();
})`

// axeRunJS runs axe-core with the WCAG 2.0/2.1/2.2 A and AA tags and
// returns only the violations, one entry per failing node.
const axeRunJS = `axe.run(document, {
  runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']},
  resultTypes: ['violations']
}).then(r => r.violations.flatMap(v => v.nodes.map(n => ({
  rule: v.id, impact: v.impact || '', help: v.help,
  target: n.target.map(String).join(' '), html: n.html.replace(/\s+/g, ' ').slice(0, 160),
  summary: (n.failureSummary || '').replace(/\s+/g, ' ').slice(0, 300)
}))))`

// staticJS reads what the privacy and structure checks need from the DOM.
const staticJS = `(() => {
  const metas = [...document.querySelectorAll('meta[http-equiv]')]
    .filter(m => m.httpEquiv.toLowerCase() === 'content-security-policy');
  const meta = metas[0];
  let before = [];
  if (meta) {
    // A meta policy only governs what comes after it in the document.
    for (const el of document.head.querySelectorAll('script[src], link[href], style')) {
      if (el.compareDocumentPosition(meta) & Node.DOCUMENT_POSITION_FOLLOWING) before.push(qaPath(el));
    }
  }
  return {
    lang: document.documentElement.lang || '',
    csp: meta ? meta.content : '',
    cspCount: metas.length,
    cspInHead: meta ? meta.parentElement === document.head : false,
    before: before,
    calculators: document.querySelectorAll('form[data-calculator]').length,
    mainCount: document.querySelectorAll('main').length
  };
})()`

// focusJS describes the focused element: where it is, and whether its focus
// indicator is visible (a painted outline or a box-shadow) and on screen.
const focusJS = `(() => {
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return {path: ''};
  const cs = getComputedStyle(el);
  const transparent = (c) => /^rgba\(.*,\s*0\)$/.test(c) || c === 'transparent';
  const outline = cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) > 0 && !transparent(cs.outlineColor);
  const shadow = cs.boxShadow && cs.boxShadow !== 'none';
  const r = el.getBoundingClientRect();
  const onScreen = r.width > 0 && r.height > 0 && r.bottom > 0 && r.right > 0 && r.top < innerHeight && r.left < innerWidth;
  const main = document.querySelector('main');
  return {
    path: qaPath(el), html: qaSnippet(el), href: el.getAttribute('href') || '',
    visible: !!(outline || shadow), onScreen: onScreen,
    style: 'outline: ' + cs.outlineStyle + ' ' + cs.outlineWidth + ' ' + cs.outlineColor + '; box-shadow: ' + cs.boxShadow,
    isMain: el === main, inMain: !!(main && main.contains(el) && el !== main)
  };
})()`

// reflowJS lists what sticks out of a narrow viewport. An element that is
// wider than the viewport is fine inside a horizontal scroll container, if
// that container is a labelled region a keyboard user can reach and scroll
// (role="region", aria-label or aria-labelledby, tabindex="0").
const reflowJS = `((W) => {
  const out = {scrollWidth: document.documentElement.scrollWidth, problems: []};
  const reported = new Set();
  const scroller = (el) => {
    for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
      if (/(auto|scroll)/.test(getComputedStyle(a).overflowX)) return a;
    }
    return null;
  };
  const under = (el) => { for (let a = el; a; a = a.parentElement) if (reported.has(a)) return true; return false; };
  for (const el of document.body.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0 || r.right <= W + 1) continue;
    if (under(el)) continue;
    const cs = getComputedStyle(el);
    if (cs.position === 'fixed' && r.left >= W) continue;
    const sc = scroller(el);
    if (sc) {
      const ok = sc.getAttribute('role') === 'region' &&
        (sc.hasAttribute('aria-label') || sc.hasAttribute('aria-labelledby')) &&
        sc.getAttribute('tabindex') === '0';
      if (!ok && !reported.has(sc)) {
        reported.add(sc);
        out.problems.push({path: qaPath(sc), html: qaSnippet(sc), width: Math.round(sc.scrollWidth),
          why: 'scrolls horizontally but is not role="region" with an aria-label and tabindex="0"'});
      }
      continue;
    }
    reported.add(el);
    out.problems.push({path: qaPath(el), html: qaSnippet(el), width: Math.round(r.right),
      why: 'extends to ' + Math.round(r.right) + ' px, outside a scrollable region'});
  }
  return out;
})`

// formsJS lists the calculators and their keyboard-reachable controls, in
// DOM order, as a keyboard user should meet them. Of a radio group only the
// checked (or first) button is a Tab stop.
const formsJS = `[...document.querySelectorAll('form[data-calculator]')].map((f, i) => {
  const radios = new Set();
  const controls = [];
  for (const e of f.querySelectorAll('input, select, textarea, button')) {
    if (e.disabled || e.type === 'hidden' || e.closest('[hidden]')) continue; // tabindex=-1 stays: it must fail
    if (e.type === 'radio') {
      if (radios.has(e.name)) continue;
      radios.add(e.name);
      const c = f.querySelector('input[type=radio][name="' + CSS.escape(e.name) + '"]:checked');
      controls.push(qaPath(c || e));
      continue;
    }
    controls.push(qaPath(e));
  }
  return {index: i, name: f.dataset.calculator || String(i), controls: controls};
})`

// liveJS snapshots the text of every polite live region.
const liveJS = `[...document.querySelectorAll('[aria-live="polite"]')].map(e => ({path: qaPath(e), text: e.textContent.replace(/\s+/g, ' ').trim()}))`

// prepareFormJS empties the calculator's text fields and focuses its first
// one, so that Enter submits an empty form.
const prepareFormJS = `((i) => {
  const f = document.querySelectorAll('form[data-calculator]')[i];
  const fields = [...f.querySelectorAll('input:not([type=hidden]):not([type=radio]):not([type=checkbox]):not([type=submit]):not([type=button]), textarea')];
  for (const e of fields) e.value = '';
  if (fields.length) fields[0].focus();
  return fields.map(qaPath);
})`

// summaryJS inspects what has focus after an invalid submission: it must be
// an error summary whose links point at elements that exist.
const summaryJS = `(() => {
  const el = document.activeElement;
  const box = el && el !== document.body ? el : null;
  const links = box ? [...box.querySelectorAll('a[href^="#"]')] : [];
  const broken = links.map(a => a.getAttribute('href').slice(1)).filter(id => !id || !document.getElementById(decodeURIComponent(id)));
  return {
    path: qaPath(box), html: box ? qaSnippet(box) : '', links: links.length, broken: broken,
    isField: !!(box && box.matches('input, select, textarea, button')), url: location.href
  };
})()`

// fillFormJS works out a valid value for each text field of calculator i:
// date parts from the field's name, id or autocomplete token, or their
// position in a three-field date group (day, month, year, the GOV.UK date
// pattern); date group g gets a date g·shift years before 15 March 2026. It
// also picks a first real option in selects and a radio in each group. It
// returns the text fields to type into, in order, with the text to type.
const fillFormJS = `((i, shift) => {
  const f = document.querySelectorAll('form[data-calculator]')[i];
  const part = (e, pos) => {
    const s = (e.name + ' ' + e.id + ' ' + (e.autocomplete || '')).toLowerCase();
    if (/year|annee|année|jaar|bday-year/.test(s)) return 'year';
    if (/month|mois|maand/.test(s)) return 'month';
    if (/day|jour|dag/.test(s)) return 'day';
    return ['day', 'month', 'year'][pos % 3];
  };
  const out = [];
  const groups = [...f.querySelectorAll('fieldset')].filter(fs => fs.querySelector('input[inputmode=numeric], input[type=text], input[type=number]'));
  const seen = new Set();
  groups.forEach((g, gi) => {
    const ins = [...g.querySelectorAll('input')].filter(e => ['text', 'number', 'tel', ''].includes(e.type) || e.getAttribute('inputmode') === 'numeric');
    ins.forEach((e, pos) => {
      seen.add(e);
      const p = part(e, pos);
      const v = p === 'day' ? '15' : p === 'month' ? '3' : String(2026 - gi * shift);
      out.push({path: qaPath(e), text: v});
    });
  });
  for (const e of f.querySelectorAll('input[type=date]')) { seen.add(e); out.push({path: qaPath(e), date: '2026-03-15'}); }
  for (const e of f.querySelectorAll('input[type=text], input[type=number], input[inputmode=numeric]')) {
    if (!seen.has(e) && !e.value) out.push({path: qaPath(e), text: '1'});
  }
  for (const s of f.querySelectorAll('select')) {
    if (!s.value) { const o = [...s.options].find(o => o.value); if (o) s.value = o.value; }
  }
  const names = new Set([...f.querySelectorAll('input[type=radio]')].map(r => r.name));
  for (const n of names) {
    const rs = f.querySelectorAll('input[type=radio][name="' + CSS.escape(n) + '"]');
    if (![...rs].some(r => r.checked)) rs[0].checked = true;
  }
  for (const e of f.querySelectorAll('input[type=date]')) e.value = '2026-03-15';
  return out;
})`

// focusPathJS focuses the element at a qaPath and empties it if it is a
// text field.
const focusPathJS = `((sel, clear) => {
  const e = document.querySelector(sel);
  if (!e) return false;
  if (clear && 'value' in e) e.value = '';
  e.focus();
  return document.activeElement === e;
})`

// js builds an expression for Runtime.evaluate: body (an expression, or a
// function expression when args are given) with the helpers of jsLib in
// scope, each arg JSON-encoded. The helpers live in a closure, so repeated
// evaluations never collide on global names.
func js(body string, args ...any) string {
	call := ""
	if len(args) > 0 {
		enc := make([]string, len(args))
		for i, a := range args {
			b, err := json.Marshal(a)
			if err != nil {
				panic(err) // only Go values built by this package are passed
			}
			enc[i] = string(b)
		}
		call = "(" + strings.Join(enc, ", ") + ")"
	}
	return "(() => {\n" + jsLib + "return (" + body + ")" + call + ";\n})()"
}

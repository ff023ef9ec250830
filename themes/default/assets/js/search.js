// search.js — the search page: reads ?q=, queries the per-language index
// that internal/search writes (manifest, prefix chunks, the fragment file
// of each result), and lists the results. No dependency, no eval, no WebAssembly.
// The query normaliser is generated from Go (internal/search FoldJS) so the
// browser folds words exactly as the index did.
import { normalize } from "./search-normalize.js";

const MAX_RESULTS = 10;
const SNIPPET_WORDS = 28;

const form = typeof document === "undefined" ? null : document.querySelector("form[data-search]");
if (form) init(form);

function init(form) {
  const manifestURL = new URL(form.dataset.search, location.href);
  const dir = new URL(".", manifestURL);
  const input = form.querySelector("input[name=q]");
  const results = document.querySelector("[data-search-results]");
  const status = document.querySelector("[data-search-status]");
  const empty = document.querySelector("[data-search-empty]");
  // The search page carries the manifest (every query needs it); a page
  // without it fetches it.
  const inline = document.getElementById("search-manifest");
  let manifest = null;
  try {
    if (inline) manifest = JSON.parse(inline.textContent);
  } catch (e) {
    manifest = null;
  }
  const files = new Map();
  let seq = 0;

  const json = (url) => {
    let p = files.get(url.href);
    if (!p) {
      p = fetch(url).then((r) => {
        if (!r.ok) throw new Error(r.status + " " + url.href);
        return r.json();
      });
      p.catch(() => files.delete(url.href));
      files.set(url.href, p);
    }
    return p;
  };

  const count = (n) => {
    const key = n === 0 ? "countZero" : n === 1 ? "countOne" : "countOther";
    return form.dataset[key].replace("{n}", String(n));
  };

  async function run(q) {
    const my = ++seq;
    q = q.trim();
    results.setAttribute("aria-busy", "true");
    if (!q) {
      results.replaceChildren();
      results.hidden = true;
      empty.hidden = true;
      status.textContent = "";
      results.setAttribute("aria-busy", "false");
      return;
    }
    status.textContent = form.dataset.searching;
    try {
      if (!manifest) manifest = await json(manifestURL);
      const found = await query(manifest, q, (n) => json(new URL(n, dir)));
      const shown = found.hits.slice(0, MAX_RESULTS);
      const frags = await Promise.all(shown.map((h) => fragment(manifest, h.doc, (n) => json(new URL(n, dir)))));
      if (my !== seq) return;
      const items = shown.flatMap((h, i) => (frags[i] ? [item(frags[i], h, found.marks)] : []));
      results.replaceChildren(...items);
      results.hidden = items.length === 0;
      empty.hidden = items.length !== 0;
      status.textContent = count(found.hits.length);
    } catch (e) {
      if (my === seq) status.textContent = form.dataset.error;
    } finally {
      if (my === seq) results.setAttribute("aria-busy", "false");
    }
  }

  function item(frag, hit, marks) {
    const sec = frag.s[hit.sec] || frag.s[0];
    const li = document.createElement("li");
    const h = document.createElement("h2");
    const a = document.createElement("a");
    a.href = frag.u + (sec[0] ? "#" + sec[0] : "");
    a.textContent = frag.t;
    if (sec[0] && sec[1]) {
      const span = document.createElement("span");
      span.className = "search-results__section";
      span.textContent = sec[1];
      a.append(" — ", span);
    }
    h.append(a);
    li.append(h);
    if (frag.p) {
      const p = document.createElement("p");
      p.className = "search-results__pathway";
      p.textContent = frag.p;
      li.append(p);
    }
    const snip = document.createElement("p");
    snip.className = "search-results__snippet";
    snippet(snip, sec[2] || frag.s[0][2] || "", marks);
    li.append(snip);
    return li;
  }

  // snippet writes about SNIPPET_WORDS words of text around the first
  // marked word, marked words in <mark>.
  function snippet(el, text, marks) {
    const re = /[\p{L}\p{N}\p{M}]+/gu;
    const toks = [];
    let m;
    while ((m = re.exec(text))) toks.push([m.index, m.index + m[0].length, isMarked(m[0], marks)]);
    if (!toks.length) return;
    let first = toks.findIndex((t) => t[2]);
    if (first < 0) first = 0;
    const from = Math.max(0, first - 8);
    const to = Math.min(toks.length, from + SNIPPET_WORDS);
    let pos = toks[from][0];
    if (from > 0) el.append("… ");
    for (let i = from; i < to; i++) {
      const [s, e, mk] = toks[i];
      if (!mk) continue;
      el.append(text.slice(pos, s));
      const mark = document.createElement("mark");
      mark.textContent = text.slice(s, e);
      el.append(mark);
      pos = e;
    }
    const end = to < toks.length ? toks[to - 1][1] : text.length;
    el.append(text.slice(pos, end));
    if (to < toks.length) el.append(" …");
  }

  function isMarked(word, marks) {
    for (const w of normalize(word)) if (marks.has(w)) return true;
    return false;
  }

  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const q = input.value;
    const url = new URL(location.href);
    url.searchParams.set("q", q);
    history.pushState(null, "", url);
    run(q);
  });
  addEventListener("popstate", () => {
    const q = new URLSearchParams(location.search).get("q") || "";
    input.value = q;
    run(q);
  });
  // Without it on the page, the manifest is fetched now: every query needs it.
  if (!manifest) json(manifestURL).then((m) => (manifest = manifest || m), () => {});
  const q = new URLSearchParams(location.search).get("q");
  if (q) {
    input.value = q;
    run(q);
  }
}

// query returns the documents of manifest m that match q, best first
// ({doc, sec, score}), and the folded words to mark in snippets; load(name)
// returns the chunk of that file name (fetch in the page, a file in tests).
// fragment is what a result shows of page doc (title, URL, pathway, section
// texts), from its fragment file: one page a file, or manifest.g
// consecutive pages on a very large site. null if the page has none.
export async function fragment(m, doc, load) {
  const g = m.g || 1;
  const file = await load(`p/${Math.floor(doc / g)}.json`);
  return file[doc % g] || null;
}

export async function query(m, q, load) {
  const stop = new Set(m.s);
  let words = [...new Set(normalize(q))];
  const content = words.filter((w) => !stop.has(w));
  if (content.length) words = content;
  const keys = Object.keys(m.k);
  const need = words.map((w) => {
    let best = null;
    for (const k of keys) if (w.startsWith(k) && (best === null || k.length > best.length)) best = k;
    const names = best === null ? [] : [m.k[best]];
    if (w.length >= 3) {
      // The word may be the start of longer words kept in deeper chunks.
      const deeper = keys.filter((k) => k.length > w.length && k.startsWith(w)).slice(0, 4);
      for (const k of deeper) names.push(m.k[k]);
    }
    return names;
  });
  const chunks = await Promise.all(need.map((names) => Promise.all(names.map(load))));
  const marks = new Set();
  const perWord = words.map((w, i) => match(w, chunks[i], marks));
  const docs = new Map(); // doc → {sum, n, secs: Map(sec → score)}
  perWord.forEach((scores) => {
    const best = new Map(); // doc → best section score for this word
    for (const [key, s] of scores) {
      const [doc, sec] = key;
      let d = docs.get(doc);
      if (!d) docs.set(doc, (d = { sum: 0, n: 0, secs: new Map() }));
      d.secs.set(sec, (d.secs.get(sec) || 0) + s);
      best.set(doc, Math.max(best.get(doc) || 0, s));
    }
    for (const [doc, s] of best) {
      const d = docs.get(doc);
      d.sum += s;
      d.n++;
    }
  });
  const hits = [];
  for (const [doc, d] of docs) {
    const cover = d.n / words.length;
    let sec = 0;
    let top = -1;
    for (const [s, v] of d.secs) {
      const v2 = s === 0 ? v * 0.5 : v; // the top of the page only when nothing below says more
      if (v2 > top || (v2 === top && s < sec)) (top = v2), (sec = s);
    }
    hits.push({ doc, sec, score: d.sum * cover * cover });
  }
  hits.sort((a, b) => b.score - a.score || a.doc - b.doc);
  return { hits, marks };
}

// match scores one query word against its chunks: exact word 1, a word
// that starts with an indexed stem 0.8, prefix of a longer word 0.7, one
// typo 0.6, two typos 0.4 (distance 1 from 5 letters, 2 from 9). Every word
// of a matched stem is marked.
export function match(w, chunks, marks) {
  const maxd = w.length >= 9 ? 2 : w.length >= 5 ? 1 : 0;
  const out = new Map(); // "doc sec" → [doc, sec]
  const scores = new Map(); // "doc sec" → best score
  for (const c of chunks) {
    const quality = new Map(); // list index → quality
    for (let i = 0; i < c.w.length; i += 2) {
      const t = c.w[i];
      let q = 0;
      if (t === w) q = 1;
      else if (w.length >= 3 && t.startsWith(w)) q = 0.7;
      else if (maxd && Math.abs(t.length - w.length) <= maxd) {
        const d = distance(w, t, maxd);
        if (d <= maxd) q = d === 1 ? 0.6 : 0.4;
      }
      if (q > (quality.get(c.w[i + 1]) || 0)) quality.set(c.w[i + 1], q);
    }
    // A form the site never uses still finds its stem: "dependence" → "depend".
    c.s.forEach((st, li) => {
      if (st.length >= 4 && w.length > st.length && w.length - st.length <= 5 && w.startsWith(st) && !(quality.get(li) >= 0.8)) quality.set(li, 0.8);
    });
    if (!quality.size) continue;
    for (let i = 0; i < c.w.length; i += 2) if (quality.has(c.w[i + 1])) marks.add(c.w[i]);
    for (const [li, q] of quality) {
      const p = c.p[li];
      let doc = 0;
      for (let k = 0; k < p.length; k += 3) {
        doc += p[k];
        const key = doc + " " + p[k + 1];
        const s = p[k + 2] * q;
        if (s > (scores.get(key) || 0)) {
          scores.set(key, s);
          out.set(key, [doc, p[k + 1]]);
        }
      }
    }
  }
  const res = [];
  for (const [key, pair] of out) res.push([pair, scores.get(key)]);
  return res;
}

// distance is the optimal string alignment distance (a swap of two
// neighbours counts as one typo), or max + 1 once it exceeds max.
export function distance(a, b, max) {
  const n = a.length;
  const m = b.length;
  let prev2 = null;
  let prev = Array.from({ length: m + 1 }, (_, j) => j);
  for (let i = 1; i <= n; i++) {
    const cur = [i];
    let low = i;
    for (let j = 1; j <= m; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (prev2 && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2] + 1);
      cur[j] = v;
      if (v < low) low = v;
    }
    if (low > max) return max + 1;
    prev2 = prev;
    prev = cur;
  }
  return prev[m];
}

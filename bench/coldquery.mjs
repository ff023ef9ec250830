// coldquery.mjs — what a cold query downloads from a built site, measured
// with the site's own search.js (its query function, over the files on
// disk), for bench/README.md:
//
//	node bench/coldquery.mjs PUBLIC LANG "query one" "query two" …
//
// For each query: the search page's inline manifest, the search script and
// its normaliser, the chunks query() asks for and the fragments of the ten
// results shown, each counted gzipped (level 9, as the browser test does).
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";

const [pub, lang, ...queries] = process.argv.slice(2);
if (!pub || !lang || queries.length === 0) {
  console.error('usage: node bench/coldquery.mjs PUBLIC LANG "query" …');
  process.exit(2);
}
const gz = (buf) => gzipSync(buf, { level: 9 }).length;
const dir = join(pub, "search", lang);
const manifestName = readdirSync(dir).find((f) => f.startsWith("index.") && f.endsWith(".json"));
const manifestBytes = readFileSync(join(dir, manifestName));
const manifest = JSON.parse(manifestBytes);
const js = readdirSync(join(pub, "js")).filter((f) => f.startsWith("search"));
const { query, fragment } = await import(pathToFileURL(join(pub, "js", js.find((f) => !f.includes("normalize")))).href);
const jsBytes = js.reduce((n, f) => n + gz(readFileSync(join(pub, "js", f))), 0);

for (const q of queries) {
  const chunks = new Set();
  const found = await query(manifest, q, async (name) => {
    chunks.add(name);
    return JSON.parse(readFileSync(join(dir, name)));
  });
  const shown = found.hits.slice(0, 10);
  const chunkBytes = [...chunks].reduce((n, c) => n + gz(readFileSync(join(dir, c))), 0);
  // A fragment file is downloaded once, however many results it holds.
  const frags = new Set();
  for (const h of shown) await fragment(manifest, h.doc, async (name) => (frags.add(name), JSON.parse(readFileSync(join(dir, name)))));
  const fragBytes = [...frags].reduce((n, f) => n + gz(readFileSync(join(dir, f))), 0);
  const total = gz(manifestBytes) + jsBytes + chunkBytes + fragBytes;
  const kb = (n) => (n / 1024).toFixed(1);
  console.log(
    `${lang} "${q}": ${found.hits.length} results; ${kb(total)} KB gzip = manifest ${kb(gz(manifestBytes))} + scripts ${kb(jsBytes)} + ${chunks.size} chunks ${kb(chunkBytes)} + ${frags.size} fragment files for ${shown.length} results ${kb(fragBytes)}`,
  );
}

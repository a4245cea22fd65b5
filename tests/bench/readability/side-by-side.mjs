// Side by side: Readability (npm @mozilla/readability + jsdom) and copydesk-extract on the
// same pages, in one run: speed (MB/s of HTML, wall time of each, single thread) and quality
// (both outputs written in score-extract's layout, then scored).
//
//   cd tests/bench/readability && npm install && node side-by-side.mjs [BIN_DIR] [OUT_DIR]
//
// BIN_DIR defaults to ../../../build/tools, OUT_DIR to a temporary folder. The dev pages and
// the scorer are read from ../shared (COPYDESK_SHARED overrides). Each page is parsed with
// its truth URL, as upstream did. copydesk-extract runs once over all pages (--files-from),
// so its time includes no per-page process start.
import { Readability } from "@mozilla/readability";
import { JSDOM, VirtualConsole } from "jsdom";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";

const here = path.dirname(new URL(import.meta.url).pathname);
const repo = path.resolve(here, "../../..");
const bin = path.resolve(process.argv[2] || path.join(repo, "build/tools"));
const out = path.resolve(process.argv[3] || fs.mkdtempSync(path.join(os.tmpdir(), "side-by-side-")));
const shared = process.env.COPYDESK_SHARED || path.resolve(repo, "../shared");
const dev = path.join(shared, "data/extract-dev");
if (!fs.existsSync(dev)) {
  console.log(`side-by-side: no dev pages at ${dev}: nothing to measure`);
  process.exit(0);
}
const pages = fs.readFileSync(path.join(dev, "truth.jsonl"), "utf8").trim().split("\n").map((l) => JSON.parse(l));
const raw = pages.map((p) => zlib.gunzipSync(fs.readFileSync(path.join(dev, "pages", p.dataset, `${p.id}.html.gz`))));
const total = raw.reduce((n, b) => n + b.length, 0);

function write(dir, p, text, meta) {
  fs.mkdirSync(path.join(dir, p.dataset), { recursive: true });
  fs.writeFileSync(path.join(dir, p.dataset, `${p.id}.txt`), text);
  if (p.dataset === "readability") fs.writeFileSync(path.join(dir, p.dataset, `${p.id}.json`), JSON.stringify(meta));
}

// Readability: the text of its content, paragraphs as blank-line separated blocks.
const virtualConsole = new VirtualConsole();
const rdDir = path.join(out, "readability-js");
let t0 = process.hrtime.bigint();
pages.forEach((p, i) => {
  let text = "", meta = {};
  try {
    const dom = new JSDOM(raw[i], { url: p.url, virtualConsole });
    const r = new Readability(dom.window.document).parse();
    if (r) {
      const doc = new JSDOM(r.content).window.document;
      const blocks = [...doc.querySelectorAll("p, h1, h2, h3, h4, h5, h6, li, pre, blockquote, td, figcaption")]
        .filter((e) => !e.querySelector("p, li, pre, blockquote, td"))
        .map((e) => e.textContent.trim())
        .filter((t) => t);
      text = blocks.length ? blocks.join("\n\n") : r.textContent;
      meta = { title: r.title, author: r.byline, date: r.publishedTime, site_name: r.siteName,
               description: r.excerpt, language: r.lang };
    }
  } catch (e) { /* a page Readability cannot read counts as empty */ }
  write(rdDir, p, text, meta);
});
const rdSeconds = Number(process.hrtime.bigint() - t0) / 1e9;

// copydesk-extract: all pages in one process, one thread.
const cdDir = path.join(out, "copydesk");
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "cd-pages-"));
const lists = [];
pages.forEach((p, i) => {
  const f = path.join(tmp, `${p.dataset}-${p.id}.html`);
  fs.writeFileSync(f, raw[i]);
  lists.push(f);
});
// --url differs per page (readability pages share one): group pages by URL.
const byUrl = new Map();
pages.forEach((p, i) => { if (!byUrl.has(p.url)) byUrl.set(p.url, []); byUrl.get(p.url).push(i); });
t0 = process.hrtime.bigint();
const records = new Array(pages.length);
for (const [url, idx] of byUrl) {
  const listFile = path.join(tmp, "list");
  fs.writeFileSync(listFile, idx.map((i) => lists[i]).join("\n") + "\n");
  const stdout = execFileSync(path.join(bin, "copydesk-extract"),
    ["-j", "1", "-f", "html", "--url", url, "--files-from", listFile], { maxBuffer: 1 << 30 });
  stdout.toString("utf8").trim().split("\n").forEach((line, k) => { records[idx[k]] = JSON.parse(line); });
}
const cdSeconds = Number(process.hrtime.bigint() - t0) / 1e9;
pages.forEach((p, i) => {
  const rec = records[i] || {};
  const text = (rec.body || []).map((b) => b.type === "table" ? b.rows.map((r) => r.join("\t")).join("\n") : (b.text || ""))
    .filter((t) => t).join("\n\n");
  write(cdDir, p, text, { title: rec.title, author: (rec.authors || []).join(", ") || null, date: rec.date_published,
                          site_name: rec.site_name, description: rec.description, language: rec.language });
});
fs.rmSync(tmp, { recursive: true, force: true });

const mb = total / 1e6;
console.log(`${pages.length} pages, ${mb.toFixed(1)} MB of HTML`);
console.log(`Readability + jsdom: ${rdSeconds.toFixed(1)} s, ${(mb / rdSeconds).toFixed(1)} MB/s`);
console.log(`copydesk-extract:    ${cdSeconds.toFixed(1)} s, ${(mb / cdSeconds).toFixed(1)} MB/s ` +
            `(${(rdSeconds / cdSeconds).toFixed(1)}x Readability's speed; wall time, one thread, process start included)`);
for (const [name, dir] of [["Readability", rdDir], ["copydesk-extract", cdDir]]) {
  console.log(`\n== ${name}`);
  console.log(execFileSync(path.join(shared, "tools/score-extract"), [dir]).toString());
}
console.log(`outputs in ${out}`);

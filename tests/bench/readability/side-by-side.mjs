// Side by side: Readability (npm @mozilla/readability + jsdom) and copydesk-extract on the
// same pages, in one run: speed (MB/s of HTML, wall time of each, single thread) and quality
// (both outputs written in score-extract's layout, then scored).
//
//   cd tests/bench/readability && npm install && node side-by-side.mjs [BIN_DIR] [OUT_DIR]
//
// BIN_DIR defaults to ../../../build/tools, OUT_DIR to a temporary folder. The dev pages and
// the scorer are read from ../shared (COPYDESK_SHARED overrides). Each page is parsed with
// its truth URL, as upstream did. copydesk-extract runs once over a WARC file of all pages,
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

// copydesk-extract: all pages in one process, one thread. The pages go into one WARC file
// (a resource record each, its truth URL as the target URI, which extract takes as the page
// URL), as an archivist's crawl would give them.
const cdDir = path.join(out, "copydesk");
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "cd-pages-"));
const warc = path.join(tmp, "pages.warc");
const fd = fs.openSync(warc, "w");
pages.forEach((p, i) => {
  const head = `WARC/1.0\r\nWARC-Type: resource\r\nWARC-Target-URI: ${p.url}\r\n` +
    `WARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-${String(i).padStart(12, "0")}>\r\n` +
    `WARC-Date: 2024-01-01T00:00:00Z\r\nContent-Type: text/html\r\nContent-Length: ${raw[i].length}\r\n\r\n`;
  fs.writeSync(fd, head);
  fs.writeSync(fd, raw[i]);
  fs.writeSync(fd, "\r\n\r\n");
});
fs.closeSync(fd);
t0 = process.hrtime.bigint();
const stdout = execFileSync(path.join(bin, "copydesk-extract"), ["-j", "1", "-q", warc], { maxBuffer: 1 << 30 });
const records = stdout.toString("utf8").trim().split("\n").map((line) => JSON.parse(line));
const cdSeconds = Number(process.hrtime.bigint() - t0) / 1e9;
pages.forEach((p, i) => {
  const rec = records[i] || {};
  // the running text as copydesk-convert -t text gives it: figures and their captions left out
  const text = (rec.body || []).filter((b) => b.type !== "figure")
    .map((b) => b.type === "table" ? b.rows.map((r) => r.join("\t")).join("\n") : (b.text || ""))
    .filter((t) => t).join("\n\n");
  write(cdDir, p, text, { title: rec.title, author: (rec.authors || []).join(", ") || null, date: rec.date_published,
                          site_name: rec.site_name, description: rec.description, language: rec.language });
});
fs.rmSync(tmp, { recursive: true, force: true });

const mb = total / 1e6;
console.log(`${pages.length} pages, ${mb.toFixed(1)} MB of HTML`);
console.log(`Readability + jsdom: ${rdSeconds.toFixed(1)} s, ${(mb / rdSeconds).toFixed(1)} MB/s`);
console.log(`copydesk-extract:    ${cdSeconds.toFixed(1)} s, ${(mb / cdSeconds).toFixed(1)} MB/s ` +
            `(${(rdSeconds / cdSeconds).toFixed(1)}x Readability's speed; wall time, one thread, one process over a WARC of the pages)`);
for (const [name, dir] of [["Readability", rdDir], ["copydesk-extract", cdDir]]) {
  console.log(`\n== ${name}`);
  console.log(execFileSync(path.join(shared, "tools/score-extract"), [dir]).toString());
}
console.log(`outputs in ${out}`);

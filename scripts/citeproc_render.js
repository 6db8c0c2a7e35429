// Renders CSL-JSON items with citeproc-js (npm `citeproc`, the engine Zotero uses) in one CSL style.
// Reads a JSON request on stdin: {style, locales, items, clusters, format, bibliography}; `style` is the
// path of a .csl file, `locales` the folder of locales-xx-XX.xml files, `clusters` a list of citations
// (each a list of {id, locator, label}), cited in order as notes 1, 2, ... so a second citation of an
// item takes the style's subsequent (short) form. Writes {citations, bibliography} as JSON: one string per
// cluster, and one bibliography entry per item in the request's order. With `sorted`, the bibliography is
// instead the style's own, in its order: {entries: [[id, entry], ...]} (URLs and DOIs as links).
"use strict";
const fs = require("fs");
const path = require("path");
const CSL = require("citeproc");

const request = JSON.parse(fs.readFileSync(0, "utf8"));
const styleXml = fs.readFileSync(request.style, "utf8");
const items = Object.fromEntries(request.items.map((item) => [item.id, item]));

const sys = {
  retrieveLocale(lang) {
    const file = path.join(request.locales, `locales-${lang}.xml`);
    return fs.existsSync(file) ? fs.readFileSync(file, "utf8") : false;
  },
  retrieveItem(id) { return items[id]; },
};

function newEngine() {
  const engine = new CSL.Engine(sys, styleXml, request.lang || "en-US", true);
  engine.setOutputFormat(request.format || "text");
  return engine;
}

if (request.sorted) {
  const engine = newEngine();
  engine.opt.development_extensions.wrap_url_and_doi = true;
  engine.updateItems(request.items.map((item) => item.id));
  const [meta, entries] = engine.makeBibliography();
  process.stdout.write(JSON.stringify({ entries: meta.entry_ids.map((ids, i) => [ids[0], entries[i].trim()]) }));
  process.exit(0);
}

const engine = newEngine();
const citations = [];
const pre = [];
(request.clusters || []).forEach((cluster, i) => {
  const citation = { citationItems: cluster, properties: { noteIndex: i + 1 } };
  const [, rendered] = engine.processCitationCluster(citation, pre, []);
  const mine = rendered.find(([index]) => index === i);
  citations.push(mine ? mine[1] : "");
  pre.push([engine.registry.citationreg.citationByIndex[i].citationID, i + 1]);
});
// One engine per entry, so each item's entry comes back alone, in the order of the request.
const bibliography = !request.bibliography ? [] : request.items.map((item) => {
  const one = newEngine();
  one.updateItems([item.id]);
  const result = one.makeBibliography();
  return result ? result[1].join("").trim() : "";
});
process.stdout.write(JSON.stringify({ citations, bibliography }));

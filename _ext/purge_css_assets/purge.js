// Remove unused rules from stylesheets with PurgeCSS (npm `purgecss`): reads a JSON job on stdin
// ({content, skip, css, safelist: {standard, greedy}, attributes, variables}), writes each purged file in
// place and prints {file: [bytes before, bytes after]} as JSON. Called by _ext/purge_css.py.
"use strict";
const fs = require("fs");
const { PurgeCSS } = require("purgecss");

async function main() {
  const job = JSON.parse(fs.readFileSync(0, "utf-8"));
  const regex = (patterns) => patterns.map((p) => new RegExp(p));
  const results = await new PurgeCSS().purge({
    content: job.content,
    skippedContentGlobs: job.skip,
    css: job.css,
    safelist: {
      standard: regex(job.safelist.standard),
      greedy: regex(job.safelist.greedy),
      variables: job.variables,
    },
    dynamicAttributes: job.attributes,
    variables: true,   // custom properties no kept rule, no stylesheet of ours and no script uses
    keyframes: true,   // animations no kept rule names
    fontFace: false,   // a font face costs a few bytes and is fetched only when used
  });
  const sizes = {};
  for (const result of results) {
    const before = fs.statSync(result.file).size;
    fs.writeFileSync(result.file, result.css);
    sizes[result.file] = [before, Buffer.byteLength(result.css)];
  }
  process.stdout.write(JSON.stringify(sizes));
}

main().catch((error) => {
  process.stderr.write(String(error && error.stack || error) + "\n");
  process.exit(1);
});

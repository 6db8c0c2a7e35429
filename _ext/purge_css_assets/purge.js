// Remove unused rules from stylesheets with PurgeCSS (npm `purgecss`): reads a JSON job on stdin
// ({content, skip, css, safelist: {standard, greedy}, attributes, variables}), writes each purged file in
// place and prints {file: [bytes before, bytes after]} as JSON. Called by _ext/purge_css.py.
"use strict";
const fs = require("fs");
const { PurgeCSS } = require("purgecss");

// PurgeCSS drops a rule whose selector is only a pseudo-class (the theme's `:focus-visible{outline:...}`, the
// focus ring of every button): such rules are marked to be kept.
const BARE_PSEUDO = /(^|[{}])(:[a-z-]+(?:\([^(){}]*\))?(?:,:[a-z-]+(?:\([^(){}]*\))?)*\{)/g;
const keepBarePseudo = (css) => css.replace(BARE_PSEUDO, "$1/* purgecss ignore */$2");

async function main() {
  const job = JSON.parse(fs.readFileSync(0, "utf-8"));
  const regex = (patterns) => patterns.map((p) => new RegExp(p));
  const results = await new PurgeCSS().purge({
    content: job.content,
    skippedContentGlobs: job.skip,
    css: job.css.map((file) => ({ raw: keepBarePseudo(fs.readFileSync(file, "utf-8")), name: file })),
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
  results.forEach((result, i) => {  // raw CSS: results come back in the order of job.css
    const file = job.css[i];
    const before = fs.statSync(file).size;
    fs.writeFileSync(file, result.css);
    sizes[file] = [before, Buffer.byteLength(result.css)];
  });
  process.stdout.write(JSON.stringify(sizes));
}

main().catch((error) => {
  process.stderr.write(String(error && error.stack || error) + "\n");
  process.exit(1);
});

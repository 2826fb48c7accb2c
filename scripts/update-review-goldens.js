#!/usr/bin/env node
// Regenerates the review CLI's golden files (test/review/__golden__/) from the
// current code and examples. Review the diff before committing it: the tests
// compare against these files and never rewrite them.
"use strict";
process.env.CHECKPOINT_DISABLE = "1";
require("esbuild-register/dist/node").register({ target: "node20" });

const fs = require("node:fs");
const path = require("node:path");
const { goldenCases, renderCase, GOLDEN_DIR, SAMPLE_PAGE, SAMPLE_CASE, withPageSample } = require("../test/review/golden-cases");

fs.mkdirSync(GOLDEN_DIR, { recursive: true });
const written = new Set();
for (const c of goldenCases()) {
  for (const { file, text } of renderCase(c).outputs) {
    fs.writeFileSync(file, text);
    written.add(path.basename(file));
    console.log(`wrote ${path.relative(process.cwd(), file)}`);
  }
}
// docs/review.md's sample review is the golden of one case; its picture,
// docs/review-comment.png, records the Markdown it shows (npm run screenshot:review).
const sample = fs.readFileSync(path.join(GOLDEN_DIR, `${SAMPLE_CASE}.md`), "utf8");
const page = fs.readFileSync(SAMPLE_PAGE, "utf8");
const updated = withPageSample(page, sample);
if (updated !== page) {
  fs.writeFileSync(SAMPLE_PAGE, updated);
  console.log(`updated the sample review in ${path.relative(process.cwd(), SAMPLE_PAGE)}; run npm run screenshot:review for its picture`);
}
for (const file of fs.readdirSync(GOLDEN_DIR)) {
  if (!written.has(file)) {
    fs.rmSync(path.join(GOLDEN_DIR, file));
    console.log(`removed stale ${file}`);
  }
}

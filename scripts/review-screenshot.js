#!/usr/bin/env node
// Regenerates docs/review-comment.png, the README's picture of a review
// comment: the first screen (820 x 800 px) of the review of the issue-14
// change on examples/protect-app, rendered as GitHub shows a PR comment in
// Debian's headless Chromium (test/browser/github-comment.ts).
//
//   npm run screenshot:review
"use strict";
process.env.CHECKPOINT_DISABLE = "1";
require("esbuild-register/dist/node").register({ target: "node20" });

const path = require("node:path");
const { browserCases } = require("../test/browser/cases.ts");
const { COMMENT_WIDTH, FIRST_SCREEN, launchChromium, renderComment } = require("../test/browser/github-comment.ts");
const { renderMarkdown } = require("../src/review/markdown.ts");
const { review } = require("../src/review/review.ts");

const CASE = "protect-app-changed";
const OUT = path.join(__dirname, "..", "docs", "review-comment.png");

(async () => {
  const c = browserCases().find((x) => x.name === CASE);
  const markdown = renderMarkdown(review(c.head(), { base: c.base && c.base(), plan: c.plan }));
  const browser = await launchChromium();
  try {
    const page = await renderComment(browser, markdown);
    const box = await page.locator("#comment").boundingBox();
    await page.screenshot({ path: OUT, clip: { x: box.x, y: box.y, width: COMMENT_WIDTH, height: Math.min(FIRST_SCREEN, box.height) } });
    console.log(`wrote ${path.relative(process.cwd(), OUT)} (${CASE}, first ${FIRST_SCREEN} px)`);
  } finally {
    await browser.close();
  }
})().catch((e) => {
  console.error(e);
  process.exit(1);
});

/**
 * Regenerates docs/review-comment.png, the README's picture of a review
 * comment: the first screen (820 x 800 px) of the review of a change on
 * examples/protect-app (the wiki's construct renamed, Grafana's groups and
 * session changed), rendered as GitHub shows a PR comment in Debian's headless
 * Chromium (test/browser/github-comment.ts). The picture records the SHA-256
 * of the Markdown it shows (a PNG text chunk); test/docs/screenshot.test.ts
 * fails when that is no longer the sample review's golden file.
 *
 *   npm run screenshot:review
 */
import { readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { renderMarkdown } from "../src/review/markdown";
import { review } from "../src/review/review";
import { browserCases } from "../test/browser/cases";
import { COMMENT_WIDTH, FIRST_SCREEN, launchChromium, renderComment } from "../test/browser/github-comment";
import { SAMPLE_CASE } from "../test/review/golden-cases";
import { sha256, SOURCE_KEY, withTextChunk } from "./png-text";

process.env.CHECKPOINT_DISABLE = "1";
const CASE = SAMPLE_CASE;
const OUT = path.join(__dirname, "..", "docs", "review-comment.png");

async function main(): Promise<void> {
  const c = browserCases().find((x) => x.name === CASE);
  if (c === undefined) throw new Error(`no browser case ${CASE}`);
  const markdown = renderMarkdown(review(c.head(), { base: c.base?.(), plan: c.plan }));
  const browser = await launchChromium();
  try {
    const page = await renderComment(browser, markdown);
    const box = await page.locator("#comment").boundingBox();
    if (box === null) throw new Error("the comment did not render");
    await page.screenshot({ path: OUT, clip: { x: box.x, y: box.y, width: COMMENT_WIDTH, height: Math.min(FIRST_SCREEN, box.height) } });
    writeFileSync(OUT, withTextChunk(readFileSync(OUT), SOURCE_KEY, sha256(markdown)));
    console.log(`wrote ${path.relative(process.cwd(), OUT)} (${CASE}, first ${FIRST_SCREEN} px)`);
  } finally {
    await browser.close();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});

/**
 * The review, rendered as GitHub shows a PR comment (GFM, GitHub's stylesheet,
 * mermaid, headless Chromium, a comment about 820 px wide), must be readable:
 * nothing wider than the comment, every diagram drawn and legible, and the
 * verdict plus the access table on the first screen.
 *
 * Contract with the Markdown renderer: the verdict is the first paragraph that
 * starts with bold text; the access table is the first table of the comment.
 * Screenshots go to .review-screenshots/ (git-ignored).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { Browser, Page } from "playwright-core";
import { renderMarkdown } from "../../src/review/markdown";
import { review } from "../../src/review/review";
import { browserCases } from "./cases";
import { bottomOf, COMMENT_WIDTH, diagrams, FIRST_SCREEN, launchChromium, MIN_DIAGRAM_FONT_PX, overflowing, renderComment } from "./github-comment";

const SHOTS = path.join(__dirname, "..", "..", ".review-screenshots");

/** Does the head synth hold any Access application (then the access table must show it)? */
function hasApplications(dir: string): boolean {
  const stacks = path.join(dir, "stacks");
  return fs.readdirSync(stacks).some((stack) => {
    const json = JSON.parse(fs.readFileSync(path.join(stacks, stack, "cdk.tf.json"), "utf8")) as { resource?: Record<string, unknown> };
    return Object.keys(json.resource ?? {}).some((type) => /access_application$/.test(type));
  });
}

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
  fs.mkdirSync(SHOTS, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
});

async function openAllDetails(page: Page): Promise<void> {
  await page.evaluate(() => document.querySelectorAll("details").forEach((d) => d.setAttribute("open", "")));
}

describe.each(browserCases().map((c) => [c.name, c] as const))("review comment %s", (name, c) => {
  let page: Page;
  let withApplications: boolean;
  beforeAll(async () => {
    const head = c.head();
    withApplications = hasApplications(head);
    const markdown = renderMarkdown(review(head, { base: c.base?.(), plan: c.plan }));
    page = await renderComment(browser, markdown);
    await page.locator("#comment").screenshot({ path: path.join(SHOTS, `${name}.png`) });
  });
  afterAll(async () => {
    await page?.close();
  });

  test("the verdict and the access table are on the first screen", async () => {
    const verdict = await bottomOf(page, "#comment p > strong:first-child");
    expect(verdict).toBeDefined();
    expect(verdict!).toBeLessThanOrEqual(FIRST_SCREEN);
    if (withApplications) {
      const table = await bottomOf(page, "#comment table");
      expect(table).toBeDefined();
      expect(table!).toBeLessThanOrEqual(FIRST_SCREEN);
    }
  });

  test(`nothing is wider than the ${COMMENT_WIDTH} px comment, collapsed or expanded`, async () => {
    expect(await overflowing(page)).toEqual([]);
    await openAllDetails(page);
    expect(await overflowing(page)).toEqual([]);
    await page.locator("#comment").screenshot({ path: path.join(SHOTS, `${name}.expanded.png`) });
  });

  test(`every diagram renders, with labels of at least ${MIN_DIAGRAM_FONT_PX} px`, async () => {
    await openAllDetails(page);
    for (const d of await diagrams(page)) {
      expect(d.error).toBeUndefined();
      expect(d.smallestFontPx).toBeGreaterThanOrEqual(MIN_DIAGRAM_FONT_PX);
    }
  });
});

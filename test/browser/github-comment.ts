/// <reference lib="dom" />
/**
 * Renders a review as GitHub shows a pull-request comment, in headless
 * Chromium: GitHub-flavoured Markdown (markdown-it, with raw HTML on for the
 * `<details>` the review uses), GitHub's own stylesheet
 * (`github-markdown-css`), and ```mermaid blocks drawn by mermaid, in a
 * comment column about 820 px wide.
 *
 * Chromium comes from Debian (`apt-get install chromium`), driven by
 * playwright-core: the machine cannot download a browser build of its own.
 */
import { readFileSync } from "node:fs";
import MarkdownIt from "markdown-it";
import type { Browser, Page } from "playwright-core";

/** Width of a PR comment's Markdown body on github.com at a 1280 px window. */
export const COMMENT_WIDTH = 820;
/** "The first screen": what a reviewer sees without scrolling. */
export const FIRST_SCREEN = 800;
/** Smallest readable text, after mermaid's SVG is scaled to the comment. */
export const MIN_DIAGRAM_FONT_PX = 11;

/** Chromium's path: `CHROMIUM` or Debian's. */
export const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";

// Flags for a machine without network beyond package registries: without
// the background-networking ones Chromium keeps dialling Google's hosts.
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export async function launchChromium(): Promise<Browser> {
  const { chromium } = await import("playwright-core");
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

const md = new MarkdownIt({ html: true, linkify: true });
// GitHub renders a ```mermaid fence as a diagram; everything else stays code.
const defaultFence = md.renderer.rules.fence!;
md.renderer.rules.fence = (tokens, idx, options, env, self) => {
  const token = tokens[idx];
  if (token.info.trim() === "mermaid") {
    return `<div class="mermaid-source" hidden>${md.utils.escapeHtml(token.content)}</div><div class="mermaid-diagram"></div>\n`;
  }
  return defaultFence(tokens, idx, options, env, self);
};

function asset(modulePath: string): string {
  return readFileSync(require.resolve(modulePath), "utf8");
}

/** The comment as a standalone HTML page. */
export function commentPage(markdown: string): string {
  return `<!doctype html>
<html><head><meta charset="utf-8">
<style>${asset("github-markdown-css/github-markdown-light.css")}</style>
<style>
  body { margin: 0; background: #fff; }
  .markdown-body { box-sizing: border-box; width: ${COMMENT_WIDTH}px; padding: 16px; }
</style>
</head><body><article class="markdown-body" id="comment">${md.render(markdown)}</article></body></html>`;
}

/** What a diagram rendered into, per diagram. */
export interface DiagramResult {
  readonly error?: string;
  /** Rendered width over the SVG's natural width (1 = not shrunk). */
  readonly scale: number;
  /** The smallest label font size after scaling, in CSS px. */
  readonly smallestFontPx: number;
}

/** Loads the comment into a page and draws its diagrams. */
export async function renderComment(browser: Browser, markdown: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.setContent(commentPage(markdown));
  await page.addScriptTag({ content: asset("mermaid/dist/mermaid.min.js") });
  await page.evaluate(async () => {
    const w = window as unknown as {
      mermaid: { initialize(c: object): void; render(id: string, text: string): Promise<{ svg: string }> };
    };
    w.mermaid.initialize({ startOnLoad: false, securityLevel: "strict", theme: "default" });
    const sources = Array.from(document.querySelectorAll<HTMLElement>(".mermaid-source"));
    for (const [i, source] of sources.entries()) {
      const target = source.nextElementSibling as HTMLElement;
      try {
        const { svg } = await w.mermaid.render(`diagram-${i}`, source.textContent ?? "");
        target.innerHTML = svg;
      } catch (e) {
        target.setAttribute("data-error", String((e as Error).message ?? e));
      }
    }
  });
  return page;
}

export async function diagrams(page: Page): Promise<DiagramResult[]> {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll<HTMLElement>(".mermaid-diagram")).map((div) => {
      const error = div.getAttribute("data-error") ?? undefined;
      const svg = div.querySelector("svg");
      if (error !== undefined || svg === null) return { error: error ?? "no SVG", scale: 0, smallestFontPx: 0 };
      // GitHub draws the SVG at max-width 100%: it shrinks a wide diagram.
      const natural = svg.viewBox.baseVal?.width || svg.getBoundingClientRect().width;
      const scale = Math.min(1, svg.getBoundingClientRect().width / natural);
      const sizes = Array.from(svg.querySelectorAll<SVGElement>(".nodeLabel, .edgeLabel, text"))
        .filter((el) => (el.textContent ?? "").trim() !== "")
        .map((el) => parseFloat(getComputedStyle(el).fontSize) * scale);
      return { scale, smallestFontPx: sizes.length === 0 ? 0 : Math.min(...sizes) };
    }),
  );
}

/** Elements whose content is wider than the comment (a table or code block that must be scrolled). */
export async function overflowing(page: Page): Promise<string[]> {
  return page.evaluate((width) => {
    const comment = document.getElementById("comment")!;
    const right = comment.getBoundingClientRect().left + width;
    const out: string[] = [];
    for (const el of Array.from(comment.querySelectorAll<HTMLElement>("*"))) {
      if (el.closest("svg") !== null) continue;
      if (el.closest("details:not([open])") !== null && el.tagName !== "DETAILS") continue; // collapsed: not shown
      const box = el.getBoundingClientRect();
      const scrolls = el.scrollWidth > el.clientWidth + 1 && ["TABLE", "PRE", "DIV"].includes(el.tagName);
      if (box.right > right + 1 || scrolls) {
        out.push(`${el.tagName.toLowerCase()} (${Math.round(Math.max(box.width, el.scrollWidth))} px): ${(el.textContent ?? "").slice(0, 60).replace(/\s+/g, " ")}`);
      }
    }
    return out;
  }, COMMENT_WIDTH);
}

/** Where an element matched by a selector ends, from the comment's top, in px; undefined when absent. */
export async function bottomOf(page: Page, selector: string): Promise<number | undefined> {
  return page.evaluate((sel) => {
    const comment = document.getElementById("comment")!;
    const el = comment.querySelector(sel);
    if (el === null) return undefined;
    return el.getBoundingClientRect().bottom - comment.getBoundingClientRect().top;
  }, selector);
}

export async function commentHeight(page: Page): Promise<number> {
  return page.evaluate(() => document.getElementById("comment")!.getBoundingClientRect().height);
}

/**
 * The relative links of the project's Markdown files, checked the way GitHub
 * resolves them (test/docs/docs.test.ts, in `npm test`): a link's path is
 * relative to the file that holds it, must name a tracked file or a folder
 * holding one, and its `#anchor` must be a heading of the target (GitHub's
 * slug of the heading's text) or an explicit `<a name>` / `id`.
 */
import { Node, Parser } from "commonmark";
import * as path from "node:path";

export interface Link {
  /** Markdown file, relative to the root. */
  readonly file: string;
  /** 1-based line of the link's paragraph or HTML block. */
  readonly line: number;
  readonly destination: string;
}

/** GitHub's anchor for a heading text (github-slugger): lower case, punctuation dropped, spaces to hyphens. */
export function githubSlug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, "")
    .replace(/ /g, "-");
}

/** The text of a node as GitHub renders it (code spans and emphasis included, markup dropped). */
function textOf(node: Node): string {
  let text = "";
  const walker = node.walker();
  for (let e = walker.next(); e; e = walker.next()) {
    if (e.entering && (e.node.type === "text" || e.node.type === "code")) text += e.node.literal ?? "";
    else if (e.entering && (e.node.type === "softbreak" || e.node.type === "linebreak")) text += " ";
  }
  return text;
}

const HTML_ANCHOR = /<a\s[^>]*?\b(?:name|id)="([^"]+)"[^>]*>/gi;
const HTML_ID = /\bid="([^"]+)"/gi;

/** Every anchor a link into this Markdown text may name. */
export function anchors(markdown: string): Set<string> {
  const found = new Set<string>();
  const seen = new Map<string, number>();
  const walker = new Parser().parse(markdown).walker();
  for (let e = walker.next(); e; e = walker.next()) {
    if (!e.entering) continue;
    if (e.node.type === "heading") {
      const base = githubSlug(textOf(e.node).trim());
      const n = seen.get(base) ?? 0;
      seen.set(base, n + 1);
      found.add(n === 0 ? base : `${base}-${n}`);
    }
    const html = e.node.type === "html_block" || e.node.type === "html_inline" ? (e.node.literal ?? "") : "";
    for (const m of html.matchAll(HTML_ANCHOR)) found.add(m[1]);
    for (const m of html.matchAll(HTML_ID)) found.add(m[1]);
  }
  return found;
}

const HTML_LINK = /<(?:a|img)\s[^>]*?\b(?:href|src)="([^"]+)"/gi;

/** The links and images of a Markdown text (Markdown syntax and HTML `href`/`src`), code excluded. */
export function links(file: string, markdown: string): Link[] {
  const out: Link[] = [];
  const walker = new Parser().parse(markdown).walker();
  let line = 1;
  for (let e = walker.next(); e; e = walker.next()) {
    if (!e.entering) continue;
    if (e.node.sourcepos) line = e.node.sourcepos[0][0];
    if ((e.node.type === "link" || e.node.type === "image") && e.node.destination !== null) {
      out.push({ file, line, destination: e.node.destination });
    }
    if (e.node.type === "html_block" || e.node.type === "html_inline") {
      for (const m of (e.node.literal ?? "").matchAll(HTML_LINK)) out.push({ file, line, destination: m[1] });
    }
  }
  return out;
}

/** A link that leaves the repository (a URL with a scheme, or protocol-relative). */
export function isExternal(destination: string): boolean {
  return /^[a-z][a-z0-9+.-]*:/i.test(destination) || destination.startsWith("//");
}

export interface Repository {
  /** Tracked files, relative to the root, with `/` separators. */
  readonly files: ReadonlySet<string>;
  /** The text of a tracked Markdown file. */
  read(file: string): string;
}

/** Problems with the relative links of `file`: `file:line: link "x": reason`. */
export function checkLinks(repo: Repository, file: string): string[] {
  const problems: string[] = [];
  const cache = new Map<string, Set<string>>();
  const anchorsOf = (target: string) => {
    let a = cache.get(target);
    if (a === undefined) cache.set(target, (a = anchors(repo.read(target))));
    return a;
  };
  for (const link of links(file, repo.read(file))) {
    if (isExternal(link.destination)) continue;
    const where = `${file}:${link.line}: link ${JSON.stringify(link.destination)}`;
    const hash = link.destination.indexOf("#");
    const rawPath = hash < 0 ? link.destination : link.destination.slice(0, hash);
    const anchor = hash < 0 ? undefined : decodeURIComponent(link.destination.slice(hash + 1));
    let target: string;
    try {
      target = rawPath === "" ? file : path.posix.normalize(path.posix.join(path.posix.dirname(file), decodeURIComponent(rawPath)));
    } catch {
      problems.push(`${where}: not a valid path`);
      continue;
    }
    target = target.replace(/\/$/, "");
    if (target.startsWith("../") || target === "..") {
      problems.push(`${where}: leads out of the repository`);
      continue;
    }
    const isFile = repo.files.has(target);
    const isFolder = !isFile && [...repo.files].some((f) => f.startsWith(`${target}/`));
    if (!isFile && !isFolder) {
      problems.push(`${where}: ${target} is not a file or folder of the repository`);
      continue;
    }
    if (anchor === undefined || anchor === "") continue;
    if (!isFile || !target.endsWith(".md")) {
      problems.push(`${where}: an anchor into ${target}, which is not a Markdown file`);
      continue;
    }
    if (!anchorsOf(target).has(anchor)) problems.push(`${where}: ${target} has no heading or anchor "${anchor}"`);
  }
  return problems;
}

/**
 * The documentation is checked like code: every relative link and anchor
 * resolves, every command it names exists, every code block parses (ts/js
 * blocks are compiled by `npm run typecheck`), and the README stays a
 * user's guide. The files: every tracked Markdown file except generated ones
 * and test data (MARKDOWN_EXCLUDE): README.md, docs/, CONTRIBUTING.md,
 * SECURITY.md, CHANGELOG.md, python/README.md, src/review/README.md.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as yaml from "js-yaml";
import { fencedBlocks, MARKDOWN_EXCLUDE } from "../../scripts/markdown-code";
import { anchors, checkLinks, githubSlug, links, type Repository } from "../../scripts/markdown-links";

const ROOT = path.resolve(__dirname, "..", "..");
const tracked = [...new Set(execFileSync("git", ["ls-files", "--cached", "--others", "--exclude-standard", "-z"], { cwd: ROOT, encoding: "utf8" }).split("\0"))].filter(
  (f) => f !== "" && existsSync(path.join(ROOT, f)),
);
const DOCS = tracked.filter((f) => f.endsWith(".md") && !MARKDOWN_EXCLUDE.test(f)).sort();
const repo: Repository = { files: new Set(tracked), read: (f) => readFileSync(path.join(ROOT, f), "utf8") };
const pkg = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string>; bin: Record<string, string> };

test("the documentation set holds the user's guide, the docs pages and the contributor pages", () => {
  for (const f of ["README.md", "CONTRIBUTING.md", "SECURITY.md", "CHANGELOG.md", "docs/review.md", "docs/adoption.md"]) expect(DOCS).toContain(f);
  expect(DOCS.filter((f) => f.startsWith("docs/")).length).toBeGreaterThanOrEqual(8);
});

describe("links", () => {
  test.each(DOCS)("every relative link and anchor of %s resolves", (file) => {
    expect(checkLinks(repo, file)).toEqual([]);
  });

  test("every page of docs/ is linked from the README", () => {
    const linked = new Set(links("README.md", repo.read("README.md")).map((l) => l.destination.split("#")[0]));
    expect(DOCS.filter((f) => f.startsWith("docs/") && !linked.has(f))).toEqual([]);
  });
});

describe("the link checker", () => {
  const files = new Set(["README.md", "docs/a.md", "docs/img.png", "src/x.ts"]);
  const text: Record<string, string> = {
    "README.md": [
      "# Title",
      "## What `--base` reports",
      "## Step: one, two",
      "## Step: one, two",
      "[ok](docs/a.md#part-b) [self](#what---base-reports) [dup](#step-one-two-1) [folder](src/) ![img](docs/img.png)",
      "",
      "[missing file](docs/nope.md) [bad anchor](docs/a.md#nope) [anchor in code](src/x.ts#l1) [out](../x.md) [web](https://example.com/#x)",
      "",
      '<a href="docs/a.md#explicit">html</a>',
      "```md",
      "[in code](nowhere.md)",
      "```",
    ].join("\n"),
    "docs/a.md": '# Part A\n\n## Part B\n\n<a name="explicit"></a>\n[back](../README.md#title)\n',
  };
  const fake: Repository = { files, read: (f) => text[f] };

  test("GitHub's slugs: lower case, punctuation dropped, one hyphen per space", () => {
    expect(githubSlug("Review changes in pull requests: `cdktf-okta-access review`")).toBe("review-changes-in-pull-requests-cdktf-okta-access-review");
    expect(githubSlug("Groups filter regex: Java's dialect")).toBe("groups-filter-regex-javas-dialect");
    expect(githubSlug("What --base reports")).toBe("what---base-reports");
    expect(anchors(text["README.md"])).toEqual(new Set(["title", "what---base-reports", "step-one-two", "step-one-two-1"]));
  });

  test("reports missing files, missing anchors, anchors into non-Markdown and links out of the repository; nothing else", () => {
    expect(checkLinks(fake, "README.md")).toEqual([
      'README.md:7: link "docs/nope.md": docs/nope.md is not a file or folder of the repository',
      'README.md:7: link "docs/a.md#nope": docs/a.md has no heading or anchor "nope"',
      'README.md:7: link "src/x.ts#l1": an anchor into src/x.ts, which is not a Markdown file',
      'README.md:7: link "../x.md": leads out of the repository',
    ]);
    expect(checkLinks(fake, "docs/a.md")).toEqual([]);
  });
});

describe("commands the documentation names", () => {
  const all = DOCS.map((f) => repo.read(f)).join("\n");

  test("every `npm run <script>` is a script of package.json", () => {
    const named = [...new Set([...all.matchAll(/\bnpm run ([\w:.-]+)/g)].map((m) => m[1]))];
    expect(named.length).toBeGreaterThan(10);
    expect(named.filter((s) => !(s in pkg.scripts))).toEqual([]);
  });

  test("every `npx <command>` is this package's bin or a bin of a dev dependency", () => {
    const named = [...new Set([...all.matchAll(/\bnpx ([\w@/.-]+)/g)].map((m) => m[1]))];
    expect(named.length).toBeGreaterThan(1);
    expect(named.filter((bin) => !(bin in pkg.bin) && !existsSync(path.join(ROOT, "node_modules", ".bin", bin)))).toEqual([]);
  });

  test("every repository path in backticks exists", () => {
    const paths = DOCS.flatMap((f) =>
      [...repo.read(f).matchAll(/`((?:src|test|scripts|e2e|bench|examples|docs|bin|python|\.ci)\/[\w./-]+)`/g)].map((m) => ({ f, p: m[1].replace(/\/$/, "") })),
    );
    expect(paths.length).toBeGreaterThan(50);
    const missing = paths.filter(({ p }) => !repo.files.has(p) && ![...repo.files].some((t) => t.startsWith(`${p}/`)) && !p.includes("*"));
    expect(missing.map(({ f, p }) => `${f}: ${p}`)).toEqual([]);
  });
});

describe("code blocks parse (ts and js blocks are compiled by npm run typecheck)", () => {
  const blocks = DOCS.flatMap((f) => fencedBlocks(f, repo.read(f)));
  const where = (b: { file: string; line: number }) => `${b.file}:${b.line}`;

  test("json blocks are JSON", () => {
    const json = blocks.filter((b) => b.lang === "json");
    expect(json.length).toBeGreaterThan(2);
    const bad = json.filter((b) => {
      try {
        JSON.parse(b.code);
        return false;
      } catch {
        return true;
      }
    });
    expect(bad.map(where)).toEqual([]);
  });

  test("yaml blocks are YAML", () => {
    const bad = blocks
      .filter((b) => b.lang === "yaml" || b.lang === "yml")
      .filter((b) => {
        try {
          yaml.load(b.code);
          return false;
        } catch {
          return true;
        }
      });
    expect(bad.map(where)).toEqual([]);
  });

  test("sh and bash blocks pass bash -n", () => {
    const shell = blocks.filter((b) => ["sh", "bash", "shell"].includes(b.lang));
    expect(shell.length).toBeGreaterThan(10);
    const bad = shell
      .map((b) => ({ b, r: spawnSync("bash", ["-n"], { input: b.code, encoding: "utf8" }) }))
      .filter(({ r }) => r.status !== 0)
      .map(({ b, r }) => `${where(b)}: ${r.stderr.trim()}`);
    expect(bad).toEqual([]);
  });

  test("python blocks compile", () => {
    const py = blocks.filter((b) => b.lang === "python" || b.lang === "py");
    expect(py.length).toBeGreaterThan(0);
    const dir = mkdtempSync(path.join(os.tmpdir(), "docs-python-"));
    try {
      const files = py.map((b, i) => {
        const file = path.join(dir, `block${i}.py`);
        writeFileSync(file, b.code);
        return file;
      });
      const script = "import sys\nfor f in sys.argv[1:]:\n    try:\n        compile(open(f).read(), f, 'exec')\n    except SyntaxError as e:\n        print(f, e)\n";
      const r = spawnSync("python3", ["-c", script, ...files], { encoding: "utf8" });
      expect(r.status).toBe(0);
      const bad = r.stdout.split("\n").filter(Boolean).map((line) => line.replace(/^(\S+)/, (f) => where(py[files.indexOf(f)])));
      expect(bad).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("every block's language is one the checks know, or plain text", () => {
    const known = new Set(["ts", "typescript", "js", "javascript", "json", "yaml", "yml", "sh", "bash", "shell", "python", "py", "markdown", "md", "text", "mermaid", ""]);
    expect(blocks.filter((b) => !known.has(b.lang)).map((b) => `${where(b)}: ${b.lang}`)).toEqual([]);
  });
});

describe("the README is a user's guide", () => {
  const readme = repo.read("README.md");

  test("a first read takes about ten minutes: at most 3,000 words of prose", () => {
    const prose = readme.replace(/^(```|~~~)[\s\S]*?^\1/gm, "").replace(/<!--[\s\S]*?-->/g, "");
    const words = prose.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w));
    expect(words.length).toBeGreaterThan(1000);
    expect(words.length).toBeLessThanOrEqual(3000);
  });

  test("it has a table of contents that links every section", () => {
    const sections = [...readme.matchAll(/^## (.+)$/gm)].map((m) => githubSlug(m[1].replace(/`/g, ""))).filter((s) => s !== "contents");
    for (const s of sections) expect([s, readme.includes(`](#${s})`)]).toEqual([s, true]);
  });

  test.each(DOCS)("%s speaks to users, not about the project's tracker", (file) => {
    const text = repo.read(file);
    expect([...text.matchAll(/\b(?:the seed|issue \d+)\b/gi)].map((m) => m[0])).toEqual([]);
  });
});

import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import * as ts from "typescript";
import { checkMarkdownCode, entryPointPaths, extractBlocks, FRAGMENTS, MARKDOWN_EXCLUDE, prepareMarkdownCode, type Fragment } from "../../scripts/markdown-code";

const ROOT = path.resolve(__dirname, "..", "..");
// The Markdown files npm run typecheck compiles the blocks of.
const DOCS = execFileSync("git", ["ls-files", "--cached", "--others", "--exclude-standard", "*.md"], { cwd: ROOT, encoding: "utf8" })
  .split("\n")
  .filter((f) => f !== "" && !MARKDOWN_EXCLUDE.test(f))
  .map((file) => ({ file, text: readFileSync(path.join(ROOT, file), "utf8") }));

function projectOptions(): ts.CompilerOptions {
  const configFile = path.join(ROOT, "tsconfig.dev.json");
  const config = ts.readConfigFile(configFile, (f) => ts.sys.readFile(f));
  return ts.parseJsonConfigFileContent(config.config, ts.sys, ROOT, undefined, configFile).options;
}

describe("extractBlocks", () => {
  test("finds ts and js fences with the line of their first code line, and nothing else", () => {
    const md = [
      "# Title", //                    1
      "```ts", //                      2
      "const a: number = 1;", //       3
      "```", //                        4
      "```sh", //                      5
      "npm test", //                   6
      "```", //                        7
      "- a list item:", //             8
      "", //                           9
      "  ~~~typescript title", //     10
      "  const b = 2;", //            11
      "  ~~~", //                     12
      "````markdown", //              13
      "```ts", //                     14
      "const notCode = 1;", //        15
      "```", //                       16
      "````", //                      17
      "```js", //                     18
      "require('x');", //             19
      "```", //                       20
    ].join("\n");
    expect(extractBlocks("X.md", md)).toEqual([
      { file: "X.md", line: 3, lang: "ts", code: "const a: number = 1;\n" },
      { file: "X.md", line: 11, lang: "ts", code: "const b = 2;\n" },
      { file: "X.md", line: 19, lang: "js", code: "require('x');\n" },
    ]);
  });
});

describe("the fragment list", () => {
  test("every entry of FRAGMENTS matches a block of the documentation, and what it assumes is used there", () => {
    expect(DOCS.map((d) => d.file)).toEqual(expect.arrayContaining(["README.md", "CONTRIBUTING.md", "docs/review.md"]));
    const code = prepareMarkdownCode(ROOT, DOCS);
    expect(code.problems).toEqual([]);
    expect(code.blocks.length).toBeGreaterThan(FRAGMENTS.length);
  });

  test("a stale entry, an assumption the block does not use and an unknown name are reported", () => {
    const fragments: Fragment[] = [
      { firstLine: "const gone = 1;", assumes: ["access"] },
      { firstLine: "const x = 1;", assumes: ["access", "nonsense"] },
    ];
    const code = prepareMarkdownCode(ROOT, [{ file: "D.md", text: "```ts\nconst x = 1;\n```\n" }], fragments);
    expect(code.problems).toEqual([
      'D.md:2: fragment entry assumes "access", but the block does not use it',
      expect.stringMatching(/^D\.md:2: fragment entry assumes "nonsense", which the checker cannot declare \(known: app, stack, props, access, /),
      expect.stringMatching(/^fragment entry matches no Markdown code block \(first line "const gone = 1;"\)/),
    ]);
  });
});

describe("checkMarkdownCode: the blocks compile against the package's sources", () => {
  // One program for all cases (a compile takes seconds).
  const md = [
    "Complete, wrong prop type:",
    "```ts",
    'import { App, TerraformStack } from "cdktf";',
    'import { OktaAccessIdentityProvider } from "cdktf-okta-cloudflare-access";',
    'new OktaAccessIdentityProvider(new TerraformStack(new App(), "s"), "Okta", {',
    '  accountId: "0123456789abcdef0123456789abcdef",',
    '  teamDomain: "example",',
    '  oktaOrgUrl: "https://dev-123456.okta.com",',
    '  pkce: "yes",',
    "});",
    "```",
    "A listed fragment that uses access and stack:",
    "```ts",
    'import { TerraformOutput } from "cdktf";',
    'const wiki = access.protectApplication("Wiki", { domain: "wiki.example.com", allowedOktaGroups: ["Engineering"] });',
    'new TerraformOutput(stack, "aud", { value: wiki.aud });',
    "```",
    "An unlisted fragment:",
    "```ts",
    'access.accessGroup("Engineers", { oktaGroups: ["Engineering"] });',
    "```",
    "cdktf's matchers without their type import, and with it (a stand-in for the reader's module):",
    "```ts",
    'import { Testing } from "cdktf";',
    'import { MyStack } from "../main";',
    'test("t", () => { expect(Testing.fullSynth(new MyStack(Testing.app(), "t"))).toBeValidTerraform(); });',
    "```",
    "```ts",
    'import "cdktf/lib/testing/adapters/jest";',
    'import { Testing } from "cdktf";',
    'import { MyStack } from "../main";',
    'test("t", () => { expect(Testing.fullSynth(new MyStack(Testing.app(), "t"))).toPlanSuccessfully(); });',
    "```",
    "JavaScript, through the package's lib/ path:",
    "```js",
    'const { review } = require("cdktf-okta-cloudflare-access/lib/review");',
    'review(42);',
    "```",
    "A private module, which package.json's exports do not offer:",
    "```ts",
    'import { invalid } from "cdktf-okta-cloudflare-access/lib/private/validation";',
    'invalid("a", "b", "c", 1);',
    "```",
  ].join("\n");
  const main = { "../main": 'export { TerraformStack as MyStack } from "cdktf";' };
  const fragments: Fragment[] = [
    { firstLine: 'import { TerraformOutput } from "cdktf";', assumes: ["stack", "access"] },
    { firstLine: 'import { Testing } from "cdktf";', modules: main },
    { firstLine: 'import "cdktf/lib/testing/adapters/jest";', modules: main },
  ];
  let problems: string[];
  beforeAll(() => {
    problems = checkMarkdownCode(ROOT, [{ file: "DOC.md", text: md }], projectOptions(), fragments);
  });

  test("a wrong type is reported at its line in the Markdown file", () => {
    expect(problems).toContainEqual(expect.stringMatching(/^DOC\.md:9:3 - error TS2322: Type 'string' is not assignable to type 'boolean \| undefined'/));
  });

  test("a listed fragment compiles with the names it assumes; an unlisted one is told how to list itself", () => {
    expect(problems.filter((p) => /^DOC\.md:1[4-6]:/.test(p))).toEqual([]);
    expect(problems).toContainEqual(expect.stringMatching(/^DOC\.md:20:1 - error TS2304: Cannot find name 'access'.*list it in FRAGMENTS of scripts\/markdown-code\.ts/));
  });

  test("cdktf's matchers need their type import (TS2339 without it), per block", () => {
    expect(problems).toContainEqual(expect.stringMatching(/^DOC\.md:26:78 - error TS2339: Property 'toBeValidTerraform' does not exist/));
    expect(problems.filter((p) => /^DOC\.md:(29|3[0-2]):/.test(p))).toEqual([]);
  });

  test("js blocks are checked too, with the package's lib/ paths mapped to src/", () => {
    expect(problems).toContainEqual(expect.stringMatching(/^DOC\.md:37:8 - error TS2345: Argument of type 'number' is not assignable to parameter of type 'string'/));
  });

  test("a private module cannot be imported: only the entry points of package.json's exports resolve", () => {
    expect(problems).toContainEqual(expect.stringMatching(/^DOC\.md:41:25 - error TS2307: Cannot find module 'cdktf-okta-cloudflare-access\/lib\/private\/validation'/));
  });

  test("and nothing else is reported", () => {
    expect(problems).toHaveLength(5);
  });
});

describe("entryPointPaths", () => {
  test("maps the package and each exported lib/ subpath to its source, and nothing else", () => {
    expect(entryPointPaths(ROOT)).toEqual({
      "cdktf-okta-cloudflare-access": ["src/index.ts"],
      "cdktf-okta-cloudflare-access/lib/review": ["src/review/index.ts"],
    });
  });
});

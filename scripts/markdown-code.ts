/**
 * The TypeScript and JavaScript blocks of the project's Markdown files,
 * type-checked as code against the package's sources (`npm run typecheck`).
 *
 * Every ```ts / ```js block is a module of its own, placed at
 * `<root>/.markdown-code/<file>/<line>/block.ts` (virtual, never written), where
 * `cdktf-okta-cloudflare-access` resolves to `src/index.ts` and
 * `cdktf-okta-cloudflare-access/lib/*` to `src/*`, as for a user of the built
 * package. A block must compile as written, unless it is listed in
 * FRAGMENTS: a fragment continues an earlier block (it uses `stack` or
 * `okta` without declaring them), and its entry names exactly what it
 * assumes; the checker declares those names before it.
 */
import { Parser } from "commonmark";
import * as path from "node:path";
import * as ts from "typescript";

export interface CodeBlock {
  /** Markdown file, relative to the root. */
  readonly file: string;
  /** 1-based line of the block's first code line in the Markdown file. */
  readonly line: number;
  readonly lang: "ts" | "js";
  readonly code: string;
}

/** Names a fragment may assume, and how the checker declares each (one line each). */
export const ASSUMABLE: Readonly<Record<string, string>> = {
  app: `import * as __app_cdktf from "cdktf"; const app = new __app_cdktf.App();`,
  stack: `import * as __stack_cdktf from "cdktf"; const stack = new __stack_cdktf.TerraformStack(new __stack_cdktf.App(), "stack");`,
  props: `import type { OktaAccessIdentityProviderProps as __Props } from "cdktf-okta-cloudflare-access"; const props: __Props = { accountId: "0123456789abcdef0123456789abcdef", teamDomain: "example", oktaOrgUrl: "https://dev-123456.okta.com" };`,
  okta: `import * as __okta_cdktf from "cdktf"; import * as __okta_lib from "cdktf-okta-cloudflare-access"; const okta = new __okta_lib.OktaAccessIdentityProvider(new __okta_cdktf.TerraformStack(new __okta_cdktf.App(), "stack"), "Okta", { accountId: "0123456789abcdef0123456789abcdef", teamDomain: "example", oktaOrgUrl: "https://dev-123456.okta.com" });`,
  OktaAccessIdentityProvider: `import { OktaAccessIdentityProvider } from "cdktf-okta-cloudflare-access";`,
  TerraformOutput: `import { TerraformOutput } from "cdktf";`,
};

export interface Fragment {
  /** The block's first line, exactly (how the entry finds its block). */
  readonly firstLine: string;
  /** Names it uses without declaring them: keys of ASSUMABLE. */
  readonly assumes?: readonly string[];
  /** Modules of the reader's own project it imports, by specifier: their stand-in source. */
  readonly modules?: Readonly<Record<string, string>>;
}

/**
 * The README's fragments. Keep this list small: a block that can be made
 * complete should be. An entry that matches no block is an error (it went
 * stale), and so is an assumed name the block does not use.
 */
export const FRAGMENTS: readonly Fragment[] = [
  // The first screen: the smallest call, the stack comes from the reader's app.
  { firstLine: `import { OktaAccessIdentityProvider } from "cdktf-okta-cloudflare-access";`, assumes: ["stack"] },
  // "Protect an application", "Access groups": continue the smallest stack.
  { firstLine: `import { TerraformOutput } from "cdktf";`, assumes: ["stack", "okta"] },
  { firstLine: `const engineers = okta.accessGroup("Engineers", {`, assumes: ["okta"] },
  { firstLine: `import { okta } from "cdktf-okta-cloudflare-access";`, assumes: ["stack"] },
  { firstLine: `import { ScimIdentityUpdateBehavior } from "cdktf-okta-cloudflare-access";`, assumes: ["stack", "props", "OktaAccessIdentityProvider", "TerraformOutput"] },
  // The jest recipe imports the reader's stack class.
  {
    firstLine: `// jest setup file (setupFilesAfterEnv): require("cdktf").Testing.setupJest();`,
    modules: { "../main": `export { TerraformStack as MyStack } from "cdktf";` },
  },
];

/** noUnusedLocals / noUnusedParameters: "declared but never read" and its variants. */
const UNUSED = new Set([6133, 6138, 6192, 6196, 6198, 6199, 6205]);

const LANGS: Readonly<Record<string, "ts" | "js">> = { ts: "ts", typescript: "ts", tsx: "ts", js: "js", javascript: "js" };

/** The fenced ts/js blocks of a Markdown text, parsed as CommonMark. */
export function extractBlocks(file: string, markdown: string): CodeBlock[] {
  const blocks: CodeBlock[] = [];
  const walker = new Parser().parse(markdown).walker();
  for (let event = walker.next(); event; event = walker.next()) {
    const node = event.node;
    if (!event.entering || node.type !== "code_block" || !node.info) continue;
    const lang = LANGS[node.info.trim().split(/\s+/)[0].toLowerCase()];
    if (!lang) continue;
    // sourcepos is the fence line; the code starts on the next one.
    blocks.push({ file, line: node.sourcepos[0][0] + 1, lang, code: node.literal ?? "" });
  }
  return blocks;
}

interface VirtualFile {
  readonly block: CodeBlock;
  /** Lines of declarations put before the block's code. */
  readonly preludeLines: number;
}

export interface MarkdownCheck {
  /**
   * Root names of the programs to compile: the blocks together, except a
   * block that imports a module for its side effects alone (`import "x";`,
   * such as cdktf's jest matchers, a global type augmentation), which is
   * compiled on its own so its globals cannot make another block compile.
   */
  readonly programs: string[][];
  readonly files: ReadonlyMap<string, string>;
  /** Problems found before compiling (stale or wrong fragment entries). */
  readonly problems: string[];
  /**
   * `file:line:col - error TSnnnn: message` for a diagnostic in a block; null
   * for one that does not apply to documentation; undefined when it is not in a block.
   */
  describe(diagnostic: ts.Diagnostic): string | null | undefined;
  readonly blocks: readonly CodeBlock[];
}

/** Builds the virtual modules for the blocks of `markdown` files (path relative to root, text). */
export function prepareMarkdownCode(root: string, sources: ReadonlyArray<{ file: string; text: string }>, fragments: readonly Fragment[] = FRAGMENTS): MarkdownCheck {
  const blocks = sources.flatMap((s) => extractBlocks(s.file, s.text));
  const problems: string[] = [];
  const files = new Map<string, string>();
  const virtual = new Map<string, VirtualFile>();
  const used = new Set<Fragment>();
  const shared: string[] = [];
  const isolated: string[][] = [];
  for (const block of blocks) {
    const firstLine = block.code.split("\n")[0];
    const fragment = fragments.find((f) => f.firstLine === firstLine);
    if (fragment) used.add(fragment);
    const dir = path.join(root, ".markdown-code", block.file, String(block.line), "test");
    const fileName = path.join(dir, `block.${block.lang}`);
    const prelude: string[] = [];
    for (const name of fragment?.assumes ?? []) {
      const declaration = ASSUMABLE[name];
      if (!declaration) {
        problems.push(`${block.file}:${block.line}: fragment entry assumes "${name}", which the checker cannot declare (known: ${Object.keys(ASSUMABLE).join(", ")})`);
        continue;
      }
      if (!new RegExp(`\\b${name}\\b`).test(block.code)) problems.push(`${block.file}:${block.line}: fragment entry assumes "${name}", but the block does not use it`);
      prelude.push(declaration);
    }
    for (const [specifier, source] of Object.entries(fragment?.modules ?? {})) {
      if (!block.code.includes(`"${specifier}"`)) problems.push(`${block.file}:${block.line}: fragment entry stands in for module "${specifier}", which the block does not import`);
      files.set(path.resolve(dir, `${specifier}.ts`), source);
    }
    // Declarations first (import declarations may follow statements).
    const text = [...prelude, block.code].join("\n");
    // A block without import or export would be a script sharing one scope with the others.
    const isModule = /^\s*(import|export)\b/m.test(text);
    files.set(fileName, isModule ? text : `${text}\nexport {};`);
    virtual.set(fileName, { block, preludeLines: prelude.length });
    if (/^\s*(import\s*["']|require\s*\()/m.test(block.code)) isolated.push([fileName]);
    else shared.push(fileName);
  }
  for (const fragment of fragments) {
    if (!used.has(fragment)) problems.push(`fragment entry matches no Markdown code block (first line ${JSON.stringify(fragment.firstLine)}): update or remove it in scripts/markdown-code.ts`);
  }
  return {
    programs: [...(shared.length > 0 ? [shared] : []), ...isolated],
    files,
    problems,
    blocks,
    describe(diagnostic) {
      const file = diagnostic.file && virtual.get(diagnostic.file.fileName);
      if (!file || diagnostic.file === undefined) return undefined;
      // A snippet may declare what it then leaves to the reader (`const wiki = ...`).
      if (UNUSED.has(diagnostic.code)) return null;
      if (diagnostic.start === undefined) return `${file.block.file}:${file.block.line} - error TS${diagnostic.code}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n")}`;
      const { line, character } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
      const inPrelude = line < file.preludeLines;
      const codeLine = line - file.preludeLines;
      const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n");
      const hint = / TS2304|Cannot find name/.test(`TS${diagnostic.code} ${message}`)
        ? " (if the block continues an earlier one, list it in FRAGMENTS of scripts/markdown-code.ts with the names it assumes)"
        : "";
      const where = inPrelude ? `${file.block.file}:${file.block.line}: (in the declarations of its FRAGMENTS entry)` : `${file.block.file}:${file.block.line + codeLine}:${character + 1}`;
      return `${where} - error TS${diagnostic.code}: ${message}${hint}`;
    },
  };
}

/** Compiler options: the project's, plus the package name mapped to src/ as users import it. */
export function markdownCompilerOptions(root: string, options: ts.CompilerOptions): ts.CompilerOptions {
  return {
    ...options,
    baseUrl: root,
    paths: {
      "cdktf-okta-cloudflare-access": ["src/index.ts"],
      "cdktf-okta-cloudflare-access/lib/*": ["src/*"],
    },
  };
}

function ancestors(file: string): string[] {
  const dirs: string[] = [];
  for (let d = path.dirname(file); d !== path.dirname(d); d = path.dirname(d)) dirs.push(d);
  return dirs;
}

/** A compiler host that also serves the virtual files. */
export function markdownHost(options: ts.CompilerOptions, files: ReadonlyMap<string, string>): ts.CompilerHost {
  const host = ts.createCompilerHost(options, true);
  const getSourceFile = host.getSourceFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  const readFile = host.readFile.bind(host);
  host.fileExists = (f) => files.has(f) || fileExists(f);
  host.readFile = (f) => files.get(f) ?? readFile(f);
  const directoryExists = host.directoryExists?.bind(host);
  const virtualDirs = new Set([...files.keys()].flatMap((f) => ancestors(f)));
  host.directoryExists = (d) => virtualDirs.has(path.resolve(d)) || (directoryExists ? directoryExists(d) : ts.sys.directoryExists(d));
  host.getSourceFile = (f, languageVersion, onError, shouldCreate) => {
    const text = files.get(f);
    return text === undefined ? getSourceFile(f, languageVersion, onError, shouldCreate) : ts.createSourceFile(f, text, languageVersion, true);
  };
  return host;
}

/** The problems in the code blocks of `sources`, compiled on their own (the tests use it; typecheck.ts shares its host). */
export function checkMarkdownCode(root: string, sources: ReadonlyArray<{ file: string; text: string }>, baseOptions: ts.CompilerOptions, fragments: readonly Fragment[] = FRAGMENTS): string[] {
  const code = prepareMarkdownCode(root, sources, fragments);
  const options = markdownCompilerOptions(root, baseOptions);
  const host = markdownHost(options, code.files);
  const diagnostics = code.programs.flatMap((rootNames) => ts.getPreEmitDiagnostics(ts.createProgram({ rootNames, options, host })));
  return [...code.problems, ...blockDiagnostics(code, diagnostics)];
}

/** The diagnostics that belong to the blocks, described; others are left to the caller. */
export function blockDiagnostics(code: MarkdownCheck, diagnostics: readonly ts.Diagnostic[]): string[] {
  return diagnostics.map((d) => code.describe(d)).filter((d): d is string => typeof d === "string");
}

/**
 * `npm run typecheck` (part of `npm test`): one TypeScript program over every
 * TypeScript and JavaScript file of the repository (tsconfig.dev.json: src,
 * test, examples, e2e, bench, scripts, bin, configs) and every ```ts / ```js
 * block of the Markdown files (scripts/markdown-code.ts). Exits 1 on any
 * error. jsii compiles only src/, and jest (swc) strips types unchecked.
 *
 *   npm run typecheck
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import * as ts from "typescript";
import { MARKDOWN_EXCLUDE, markdownCompilerOptions, markdownHost, prepareMarkdownCode, programDiagnostics } from "./markdown-code";

const ROOT = path.resolve(__dirname, "..");

function main(): number {
  const started = Date.now();
  const configFile = path.join(ROOT, "tsconfig.dev.json");
  const config = ts.readConfigFile(configFile, (f) => ts.sys.readFile(f));
  if (config.error) return report([ts.formatDiagnostic(config.error, formatHost)]);
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, ROOT, undefined, configFile);
  if (parsed.errors.length > 0) return report(parsed.errors.map((d) => ts.formatDiagnostic(d, formatHost)));

  const tracked = gitFiles();
  const problems: string[] = [];
  // Every tracked source file must be in the program: a narrowed "include" would
  // silently stop checking a directory.
  const inProgram = new Set(parsed.fileNames.map((f) => path.relative(ROOT, f)));
  for (const file of tracked.filter((f) => /\.(ts|js)$/.test(f))) {
    if (!inProgram.has(file)) problems.push(`${file}: not type-checked (tsconfig.dev.json "include"/"exclude" leaves it out)`);
  }

  const markdown = tracked.filter((f) => f.endsWith(".md") && !MARKDOWN_EXCLUDE.test(f)).map((file) => ({ file, text: readFileSync(path.join(ROOT, file), "utf8") }));
  const code = prepareMarkdownCode(ROOT, markdown);
  problems.push(...code.problems);

  // Two programs: the repository's files, and the Markdown blocks on their own,
  // so a global type augmentation one of the repository's files imports (cdktf's
  // jest matchers) cannot make a block compile that would not compile for a reader.
  const options = markdownCompilerOptions(ROOT, parsed.options);
  const host = cachingHost(markdownHost(options, code.files));
  const diagnostics = [
    ...ts.getPreEmitDiagnostics(ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options, host })),
    ...code.programs.flatMap((rootNames) => programDiagnostics(ts.createProgram({ rootNames, options, host }), rootNames)),
  ];
  for (const d of diagnostics) {
    if (isImplicitAnyInJavaScript(d)) continue;
    const inBlock = code.describe(d);
    if (inBlock !== null) problems.push(inBlock ?? ts.formatDiagnostic(d, formatHost).trimEnd());
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (problems.length > 0) return report(problems);
  console.log(`typecheck: ${parsed.fileNames.length} files and ${code.blocks.length} Markdown code blocks (${markdown.map((m) => m.file).join(", ")}): no errors (${seconds} s)`);
  return 0;
}

/**
 * Plain JavaScript files (scripts, configs, the bin) are checked for real type
 * errors (wrong arguments, missing properties, unknown modules), but not asked
 * to annotate every parameter: TypeScript infers `any` for an unannotated
 * JavaScript parameter, and "implicitly has an 'any' type" there says only
 * that JSDoc is missing. TypeScript files get every strict check.
 */
const IMPLICIT_ANY = new Set([7005, 7006, 7008, 7019, 7031, 7034, 7053]);
function isImplicitAnyInJavaScript(d: ts.Diagnostic): boolean {
  return d.file !== undefined && /\.[cm]?js$/.test(d.file.fileName) && IMPLICIT_ANY.has(d.code);
}

function report(problems: readonly string[]): number {
  for (const p of problems) console.error(p);
  console.error(`typecheck: ${problems.length} error(s)`);
  return 1;
}

/** Parses each file once for both programs. */
function cachingHost(host: ts.CompilerHost): ts.CompilerHost {
  const cache = new Map<string, ts.SourceFile | undefined>();
  const getSourceFile = host.getSourceFile.bind(host);
  return {
    ...host,
    getSourceFile: (f, languageVersion, onError, shouldCreate) => {
      if (!cache.has(f)) cache.set(f, getSourceFile(f, languageVersion, onError, shouldCreate));
      return cache.get(f);
    },
  };
}

function gitFiles(): string[] {
  // --cached --others: committed and new files, minus what .gitignore ignores.
  const out = execFileSync("git", ["ls-files", "--cached", "--others", "--exclude-standard", "-z"], { cwd: ROOT, encoding: "utf8" });
  // A file in a merge conflict is listed once per stage.
  return [...new Set(out.split("\0"))].filter((f) => f !== "" && ts.sys.fileExists(path.join(ROOT, f)));
}

const formatHost: ts.FormatDiagnosticsHost = {
  getCanonicalFileName: (f) => f,
  getCurrentDirectory: () => ROOT,
  getNewLine: () => "\n",
};

process.exitCode = main();

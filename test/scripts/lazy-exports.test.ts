import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as ts from "typescript";
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { makeProviderIndexesLazy } = require("../../scripts/lazy-exports") as { makeProviderIndexesLazy: (libDir: string) => string[] };

/**
 * A lib/ as jsii compiles it: lib/providers/<name>/index.js from a generated
 * flat index (`export * from "./<module>"`, compiled by TypeScript as jsii
 * does), and modules that record when they are loaded.
 */
function compiledLib(modules: Record<string, string[]>): string {
  const lib = mkdtempSync(join(tmpdir(), "lazy-exports-"));
  const dir = join(lib, "providers", "okta");
  mkdirSync(dir, { recursive: true });
  const index = Object.keys(modules).map((m) => `export * from "./${m}";`).join("\n");
  const compiled = ts.transpileModule(index, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020 } }).outputText;
  writeFileSync(join(dir, "index.js"), compiled);
  for (const [module, names] of Object.entries(modules)) {
    mkdirSync(join(dir, module));
    const body = names.map((n) => `exports.${n} = class ${n} {};`).join("\n");
    writeFileSync(join(dir, module, "index.js"), `"use strict";\nObject.defineProperty(exports, "__esModule", { value: true });\n(globalThis.__loaded ??= []).push(${JSON.stringify(module)});\n${body}\n`);
  }
  return lib;
}

test("each exported name loads its module on first use, and only then", () => {
  const lib = compiledLib({ "app-oauth": ["AppOauth", "AppOauthGroupsClaimOutputReference"], provider: ["OktaProvider"] });
  try {
    expect(makeProviderIndexesLazy(lib)).toEqual([join(lib, "providers", "okta", "index.js")]);
    // A fresh process shows what loading the index and each name loads.
    const script = `
      const loaded = (globalThis.__loaded = []);
      const okta = require(${JSON.stringify(join(lib, "providers", "okta"))});
      const steps = [[...loaded], Object.keys(okta).sort()];
      steps.push(okta.OktaProvider.name, [...loaded], okta.AppOauth.name, [...loaded]);
      console.log(JSON.stringify(steps));`;
    expect(JSON.parse(execFileSync(process.execPath, ["-e", script], { encoding: "utf8" }))).toEqual([
      [],
      ["AppOauth", "AppOauthGroupsClaimOutputReference", "OktaProvider"],
      "OktaProvider",
      ["provider"],
      "AppOauth",
      ["provider", "app-oauth"],
    ]);
    // Idempotent: a second run leaves the lazy index as it is.
    const text = readFileSync(join(lib, "providers", "okta", "index.js"), "utf8");
    expect(makeProviderIndexesLazy(lib)).toEqual([]);
    expect(readFileSync(join(lib, "providers", "okta", "index.js"), "utf8")).toBe(text);
  } finally {
    rmSync(lib, { recursive: true, force: true });
  }
});

test("a name exported by two modules is refused", () => {
  const lib = compiledLib({ a: ["Same"], b: ["Same"] });
  try {
    expect(() => makeProviderIndexesLazy(lib)).toThrow(/Same is exported by both \.\/a and \.\/b/);
  } finally {
    rmSync(lib, { recursive: true, force: true });
  }
});

test("an index the rewrite does not recognise is refused", () => {
  const lib = mkdtempSync(join(tmpdir(), "lazy-exports-"));
  try {
    mkdirSync(join(lib, "providers", "okta"), { recursive: true });
    writeFileSync(join(lib, "providers", "okta", "index.js"), "module.exports = {};\n");
    expect(() => makeProviderIndexesLazy(lib)).toThrow(/no re-exported modules found/);
  } finally {
    rmSync(lib, { recursive: true, force: true });
  }
});

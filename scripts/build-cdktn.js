#!/usr/bin/env node
// npm run build:cdktn: the CDK Terrain package, cdktn-okta-cloudflare-access,
// built from the same source as cdktf-okta-cloudflare-access (README: CDK
// Terrain). Nothing of it is committed; everything lands in dist/cdktn/
// (git-ignored):
//
//   dist/cdktn/package/                              the package tree (src/, lib/, .jsii, package.json)
//   dist/cdktn/cdktn-okta-cloudflare-access-<version>.tgz   the npm tarball (`npm publish <tgz>`)
//   dist/cdktn/python/                               wheel and sdist, with --python (npm run package:cdktn)
//
// The last line on stdout is the tarball's path, for scripts.
//
// How: src/ is copied with every import of the core rewritten from "cdktf" to
// "cdktn" (module specifiers only: `from "cdktf"`, `require("cdktf")`), the
// distribution marker src/private/distribution.ts says cdktn, and
// package.json names cdktn ^0.24.0 and constructs >=10.6.0 <10.8.0 as peers,
// with the Python distribution cdktn-okta-cloudflare-access (module
// cdktn_okta_cloudflare_access). jsii compiles it against the cdktn and
// constructs in node_modules (devDependencies), exactly as `npm run build`
// compiles the cdktf package (scripts/build.js). The generated provider
// bindings are the cdktf generator's (src/providers/), rewritten like the
// rest: see CONTRIBUTING.md, "Two packages", for why not cdktn's generator.
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const { execFileSync } = require("node:child_process");
const { buildPackage } = require("./build");

const ROOT = path.join(__dirname, "..");
const OUT = path.join(ROOT, "dist", "cdktn");
const PKG_DIR = path.join(OUT, "package");
const CDKTN = "0.24.0";
const CONSTRUCTS = ">=10.6.0 <10.8.0";

/** A module specifier "cdktf" (not "cdktf-cli", not "cdktf/..."), in imports, exports and requires. */
const CORE_SPECIFIER = /(\bfrom\s*|\bimport\s*\(?\s*|\brequire\(\s*)(["'])cdktf\2/g;

/**
 * The source rewritten for cdktn: the core's module specifier, and the
 * distribution marker. Throws when a file mentions the core in a way the
 * rewrite does not cover (a subpath import), so nothing stays on cdktf.
 * @param {string} file path relative to src/
 * @param {string} text
 */
function rewriteSource(file, text) {
  if (/(\bfrom\s*|\bimport\s*\(?\s*|\brequire\(\s*)(["'])cdktf\/[^"']*\2/.test(text)) throw new Error(`src/${file}: imports a cdktf subpath, which the cdktn build does not rewrite`);
  let out = text.replace(CORE_SPECIFIER, "$1$2cdktn$2");
  if (file === path.join("private", "distribution.ts")) {
    const before = out;
    out = out.replace('packageName: "cdktf-okta-cloudflare-access"', 'packageName: "cdktn-okta-cloudflare-access"').replace('core: "cdktf"', 'core: "cdktn"');
    if (out === before) throw new Error("src/private/distribution.ts: the distribution marker was not found");
  }
  return out;
}

/** package.json of the cdktn package, from the cdktf one. */
function packageJson() {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));
  return {
    name: "cdktn-okta-cloudflare-access",
    version: pkg.version,
    description: pkg.description.replace("CDK for Terraform construct", "CDK Terrain (cdktn) construct"),
    license: pkg.license,
    author: pkg.author,
    repository: pkg.repository,
    homepage: pkg.homepage,
    bugs: pkg.bugs,
    keywords: [...new Set([...pkg.keywords.filter((/** @type {string} */ k) => k !== "cdktf"), "cdktn", "cdk-terrain"])],
    main: pkg.main,
    types: pkg.types,
    exports: pkg.exports,
    bin: pkg.bin,
    files: pkg.files,
    engines: pkg.engines,
    peerDependencies: { cdktn: `^${CDKTN}`, constructs: CONSTRUCTS },
    dependencies: pkg.dependencies,
    bundleDependencies: pkg.bundleDependencies,
    stability: pkg.stability,
    jsii: {
      ...pkg.jsii,
      targets: {
        ...pkg.jsii.targets,
        python: { ...pkg.jsii.targets.python, distName: "cdktn-okta-cloudflare-access", module: "cdktn_okta_cloudflare_access" },
      },
    },
  };
}

/**
 * Copies `from` to `to`, rewriting the TypeScript files.
 * @param {string} from
 * @param {string} to
 * @param {string} [rel] the path under src/
 */
function copySource(from, to, rel = "") {
  fs.mkdirSync(to, { recursive: true });
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    const src = path.join(from, entry.name);
    const dst = path.join(to, entry.name);
    const file = path.join(rel, entry.name);
    if (entry.isDirectory()) copySource(src, dst, file);
    else if (entry.name.endsWith(".ts")) fs.writeFileSync(dst, rewriteSource(file, fs.readFileSync(src, "utf8")));
    else fs.copyFileSync(src, dst);
  }
}

/**
 * The bundled dependencies and theirs, copied from node_modules: npm pack
 * bundles what is installed in the package's own node_modules.
 * @param {string[]} names
 */
function copyBundled(names) {
  const done = new Set();
  const queue = [...names];
  while (queue.length > 0) {
    const name = /** @type {string} */ (queue.shift());
    if (done.has(name)) continue;
    done.add(name);
    const from = path.join(ROOT, "node_modules", name);
    if (!fs.existsSync(path.join(from, "package.json"))) throw new Error(`${name} is not installed in node_modules: run npm ci`);
    fs.cpSync(from, path.join(PKG_DIR, "node_modules", name), { recursive: true, dereference: true });
    queue.push(...Object.keys(JSON.parse(fs.readFileSync(path.join(from, "package.json"), "utf8")).dependencies ?? {}));
  }
}

/** A README for the cdktn package: the same guide, with what differs said first. */
function readme() {
  const banner = [
    "> **This is `cdktn-okta-cloudflare-access`, the CDK Terrain (`cdktn`) build of",
    "> `cdktf-okta-cloudflare-access`**: the same constructs, built from the same source",
    "> against `cdktn` 0.24. Read the guide below with two substitutions: install and",
    '> import `cdktn-okta-cloudflare-access` and `cdktn` (`from "cdktn"`), in Python',
    "> `cdktn_okta_cloudflare_access` and `cdktn`. No npm override is needed.",
    "",
  ].join("\n");
  return `${banner}\n${fs.readFileSync(path.join(ROOT, "README.md"), "utf8")}`;
}

function main() {
  const started = Date.now();
  fs.rmSync(OUT, { recursive: true, force: true });
  fs.mkdirSync(PKG_DIR, { recursive: true });
  copySource(path.join(ROOT, "src"), path.join(PKG_DIR, "src"));
  fs.cpSync(path.join(ROOT, "bin"), path.join(PKG_DIR, "bin"), { recursive: true });
  for (const file of ["LICENSE", "CHANGELOG.md"]) fs.copyFileSync(path.join(ROOT, file), path.join(PKG_DIR, file));
  fs.writeFileSync(path.join(PKG_DIR, "README.md"), readme());
  const pkg = packageJson();
  fs.writeFileSync(path.join(PKG_DIR, "package.json"), `${JSON.stringify(pkg, null, 2)}\n`);
  copyBundled(pkg.bundleDependencies);

  console.error(`[build:cdktn] jsii in ${path.relative(ROOT, PKG_DIR)}`);
  const status = buildPackage(PKG_DIR);
  if (status !== 0) throw new Error(`jsii failed (exit ${status})`);
  const json = execFileSync("npm", ["pack", "--json", "--pack-destination", OUT], { cwd: PKG_DIR, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
  const tarball = path.join(OUT, JSON.parse(json)[0].filename);
  console.error(`[build:cdktn] built ${path.relative(ROOT, tarball)} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  console.log(tarball);
}

module.exports = { rewriteSource, packageJson, OUT, PKG_DIR };

if (require.main === module) main();

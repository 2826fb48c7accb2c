#!/usr/bin/env node
// npm run package: the Python distribution (wheel and sdist) in dist/python/,
// from the jsii assembly that `npm run build` wrote. `npm run package:cdktn`
// (--cdktn) does the same for the CDK Terrain package that
// `npm run build:cdktn` wrote into dist/cdktn/package/: dist/cdktn/python/.
//
// jsii-pacmak generates the Python sources (--code-only); this script then
// replaces two things pacmak cannot be told, and builds the distribution with
// the same commands and pinned tools pacmak uses:
// - the long description: pacmak takes the repository README, whose
//   TypeScript snippets it labels as Python and whose links are relative;
//   PyPI gets python/README.md, written for Python users, instead;
// - project URLs: pacmak writes only "Source" (with ".git"); we add the
//   API reference, the issue tracker and the changelog.
// - the licence classifier: pacmak writes only "License :: OSI Approved" and
//   refuses to take another "License ::" classifier from package.json
//   (jsii.targets.python.classifiers holds the others);
// - the Python versions: jsii-pacmak 1.112 writes `python_requires="~=3.9"`
//   and 3.9-3.11 classifiers whatever the package needs, with no setting.
//   The jsii runtime that pip installs today (1.142.0, which the example
//   pins) requires Python 3.10, and 3.9 is past its end of life, so the
//   package says >=3.10 (PYTHON_REQUIRES), with a classifier for each
//   version from there that jsii's runtime supports (CI runs 3.11).
//
// The working tree stays clean: everything goes under dist/ (git-ignored),
// and pacmak is given --outdir, so it never writes a .npmignore.
"use strict";
const { execFileSync } = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");

const repoRoot = path.join(__dirname, "..");
const cdktn = process.argv.includes("--cdktn");
// The package whose assembly is packaged: the repository, or the cdktn build.
const root = cdktn ? path.join(repoRoot, "dist", "cdktn", "package") : repoRoot;
if (!fs.existsSync(path.join(root, ".jsii"))) throw new Error(`${path.relative(repoRoot, root) || "."}/.jsii is missing: run npm run ${cdktn ? "build:cdktn" : "build"} first`);
const pkg = require(path.join(root, "package.json"));
const srcDir = path.join(repoRoot, "dist", cdktn ? "cdktn" : "", "python-src");
const outDir = path.join(repoRoot, "dist", cdktn ? "cdktn" : "", "python");
const repo = pkg.repository.url.replace(/^git\+/, "").replace(/\.git$/, "");
/** The Python versions the package supports (see above), and their classifiers. */
const PYTHON_REQUIRES = ">=3.10";
const PYTHON_VERSIONS = ["3.10", "3.11", "3.12", "3.13"];

/**
 * @param {string} command
 * @param {string[]} args
 * @param {import("node:child_process").ExecFileSyncOptions} [options]
 */
function run(command, args, options = {}) {
  const shown = [command, ...args].map((a) => (a.startsWith(repoRoot + path.sep) ? path.relative(repoRoot, a) : a));
  console.log(`$ ${shown.join(" ")}`);
  execFileSync(command, args, { stdio: "inherit", cwd: root, ...options });
}

const started = Date.now();
fs.rmSync(srcDir, { recursive: true, force: true });
fs.rmSync(outDir, { recursive: true, force: true });
fs.mkdirSync(outDir, { recursive: true });

const pacmakArgs = ["--targets", "python", "--code-only", "--no-npmignore", "--outdir", srcDir];
run(process.execPath, [require.resolve("jsii-pacmak/bin/jsii-pacmak"), ...pacmakArgs], { cwd: root });
const pySrc = path.join(srcDir, "python");

// The long description for PyPI (for the cdktn package, with its names).
const longDescription = fs.readFileSync(path.join(repoRoot, "python", "README.md"), "utf8");
fs.writeFileSync(path.join(pySrc, "README.md"), cdktn ? cdktnPythonReadme(longDescription) : longDescription);

// setup.py holds its arguments as one JSON document between triple quotes.
const setupFile = path.join(pySrc, "setup.py");
const setup = fs.readFileSync(setupFile, "utf8");
const match = /json\.loads\(\s*"""\n([\s\S]*?)\n"""\s*\)/.exec(setup);
if (!match) throw new Error(`${setupFile}: the JSON arguments that jsii-pacmak writes were not found; has its format changed?`);
const kwargs = JSON.parse(match[1]);
kwargs.url = pkg.homepage;
/** @type {Record<string, string>} */
const LICENCE_CLASSIFIERS = { "Apache-2.0": "License :: OSI Approved :: Apache Software License" };
if (!LICENCE_CLASSIFIERS[pkg.license]) throw new Error(`no trove classifier known for the licence ${pkg.license}: add it to LICENCE_CLASSIFIERS`);
kwargs.classifiers = /** @type {string[]} */ (kwargs.classifiers)
  .filter((c) => !c.startsWith("License ::") && !/^Programming Language :: Python :: 3\.\d+$/.test(c))
  .concat(LICENCE_CLASSIFIERS[pkg.license], PYTHON_VERSIONS.map((v) => `Programming Language :: Python :: ${v}`));
if (kwargs.python_requires !== "~=3.9") throw new Error(`jsii-pacmak wrote python_requires ${JSON.stringify(kwargs.python_requires)}, not the ~=3.9 this script replaces: check PYTHON_REQUIRES`);
kwargs.python_requires = PYTHON_REQUIRES;
kwargs.project_urls = {
  Source: repo,
  Documentation: `${repo}/blob/main/API.python.md`,
  Issues: `${repo}/issues`,
  Changelog: `${repo}/blob/main/CHANGELOG.md`,
};
fs.writeFileSync(setupFile, setup.replace(match[1], JSON.stringify(kwargs, null, 4)));

// Build as jsii-pacmak does (its Python target's build step), with its pinned
// build requirements, in a virtual environment of our own.
const venv = path.join(srcDir, ".venv");
run("python3", ["-m", "venv", venv]);
const python = path.join(venv, "bin", "python");
const requirements = require.resolve("jsii-pacmak/lib/targets/python/requirements-dev.txt");
run(python, ["-m", "pip", "install", "--quiet", "--no-input", "--disable-pip-version-check", "-r", requirements]);
run(python, ["setup.py", "--quiet", "sdist", "--dist-dir", outDir], { cwd: pySrc });
run(python, ["-m", "pip", "wheel", "--quiet", "--no-deps", "--disable-pip-version-check", "--wheel-dir", outDir, pySrc]);
run(python, ["-m", "twine", "check", "--strict", ...fs.readdirSync(outDir).map((f) => path.join(outDir, f))]);

const built = fs.readdirSync(outDir).sort();
if (!built.some((f) => f.endsWith(".whl")) || !built.some((f) => f.endsWith(".tar.gz"))) {
  throw new Error(`expected a wheel and an sdist in ${outDir}, found: ${built.join(", ") || "nothing"}`);
}
console.log(`built ${built.map((f) => path.relative(repoRoot, path.join(outDir, f))).join(" and ")} in ${((Date.now() - started) / 1000).toFixed(1)} s`);

/**
 * python/README.md for cdktn-okta-cloudflare-access: the same guide, its code
 * with the cdktn names (module, core, distribution), and a note first.
 * @param {string} text
 */
function cdktnPythonReadme(text) {
  const renamed = text
    .replace(/\bcdktf_okta_cloudflare_access\b/g, "cdktn_okta_cloudflare_access")
    .replace(/^from cdktf import /gm, "from cdktn import ")
    .replace(/pip install cdktf-okta-cloudflare-access cdktf==0\.21\.0/g, "pip install cdktn-okta-cloudflare-access cdktn==0.24.0");
  const note =
    "> This is `cdktn-okta-cloudflare-access`, the CDK Terrain (`cdktn`) build of\n" +
    "> `cdktf-okta-cloudflare-access`: the same constructs, built from the same source against\n" +
    "> `cdktn` 0.24. Import `cdktn_okta_cloudflare_access` and `cdktn`.\n\n";
  return renamed.replace(/^(# .*\n\n)/, `$1${note}`);
}

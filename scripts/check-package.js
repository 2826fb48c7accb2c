#!/usr/bin/env node
// The packed package as a user installs it (CI, after the build):
//   node scripts/check-package.js <tarball>
// for either package: cdktf-okta-cloudflare-access or its CDK Terrain build,
// cdktn-okta-cloudflare-access (the names come from the tarball).
// installs the tarball into a temporary folder (with this checkout's
// node_modules for its peer dependencies, no network), then requires each
// entry point of package.json's `exports`, checks that a private module is
// refused (ERR_PACKAGE_PATH_NOT_EXPORTED), and that the bin lists every
// command and answers `help <command>`.
"use strict";
const { execFileSync, spawnSync } = require("node:child_process");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");

const root = path.join(__dirname, "..");
const tarball = process.argv[2];
if (!tarball || !fs.existsSync(tarball)) {
  console.error("usage: node scripts/check-package.js <the packed .tgz>");
  process.exit(1);
}
// The package.json inside the tarball: the cdktf package or the cdktn one (npm run build:cdktn).
const pkg = JSON.parse(execFileSync("tar", ["-xzOf", tarball, "package/package.json"], { encoding: "utf8" }));
const work = fs.mkdtempSync(path.join(os.tmpdir(), "check-package-"));
const problems = [];
try {
  // Unpack as npm would install it; peers resolve through NODE_PATH-free
  // lookup: a node_modules link to this checkout's dependencies above it.
  const modules = path.join(work, "node_modules");
  fs.mkdirSync(modules);
  for (const name of fs.readdirSync(path.join(root, "node_modules"))) {
    if (name === pkg.name || name.startsWith(".")) continue;
    fs.symlinkSync(path.join(root, "node_modules", name), path.join(modules, name));
  }
  const dir = path.join(modules, pkg.name);
  fs.mkdirSync(dir);
  execFileSync("tar", ["-xzf", path.resolve(tarball), "-C", dir, "--strip-components=1"]);

  const probe = (specifier) =>
    spawnSync(process.execPath, ["-e", `try { const m = require(${JSON.stringify(specifier)}); console.log(Object.keys(m).sort().join(",")); } catch (e) { console.log("ERROR " + e.code); }`], {
      cwd: work,
      encoding: "utf8",
      env: { ...process.env, JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION: process.versions.node.split(".")[0] },
    }).stdout.trim();

  for (const subpath of Object.keys(pkg.exports)) {
    const specifier = subpath === "." ? pkg.name : `${pkg.name}/${subpath.slice(2)}`;
    const keys = probe(specifier);
    if (keys.startsWith("ERROR") || keys === "") problems.push(`${specifier}: does not load (${keys || "no exports"})`);
    else console.log(`[check-package] ${specifier}: ${keys.split(",").length} export(s)`);
  }
  const rootExports = probe(pkg.name).split(",");
  for (const name of ["OktaAccessIdentityProvider", "ProtectedApplication", "GroupsClaim", "OktaOrg"]) {
    if (!rootExports.includes(name)) problems.push(`${pkg.name}: does not export ${name}`);
  }
  const review = probe(`${pkg.name}/lib/review`).split(",");
  for (const name of ["review", "renderMarkdown", "renderJson", "ReviewInputError"]) {
    if (!review.includes(name)) problems.push(`${pkg.name}/lib/review: does not export ${name}`);
  }
  for (const internal of ["lib/private/validation", "lib/review/cli", "lib/discover", "lib/cli", "lib/index"]) {
    const got = probe(`${pkg.name}/${internal}`);
    if (got !== "ERROR ERR_PACKAGE_PATH_NOT_EXPORTED") problems.push(`${pkg.name}/${internal}: expected ERR_PACKAGE_PATH_NOT_EXPORTED, got ${got}`);
  }

  const bin = path.join(dir, pkg.bin["cdktf-okta-access"]);
  const cli = (...args) => spawnSync(process.execPath, [bin, ...args], { cwd: work, encoding: "utf8" });
  const help = cli("--help");
  if (help.status !== 0 || !/^ {2}review /m.test(help.stdout) || !/^ {2}discover /m.test(help.stdout)) problems.push(`cdktf-okta-access --help does not list review and discover:\n${help.stdout}${help.stderr}`);
  for (const [command, flag] of [["review", "--base <dir>"], ["discover", "--okta-org-url <url>"]]) {
    const r = cli("help", command);
    if (r.status !== 0 || !r.stdout.includes(flag)) problems.push(`cdktf-okta-access help ${command}: exit ${r.status}, no ${flag}`);
  }
  const version = cli("--version");
  if (version.stdout.trim() !== pkg.version) problems.push(`cdktf-okta-access --version printed ${JSON.stringify(version.stdout.trim())}, not ${pkg.version}`);
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}
if (problems.length > 0) {
  for (const p of problems) console.error(`[check-package] ERROR ${p}`);
  process.exit(1);
}
console.log(`[check-package] ${path.basename(tarball)}: every entry point loads, private modules are refused, the bin lists and explains every command`);

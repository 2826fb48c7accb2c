#!/usr/bin/env node
// Checks of a release, shared by .ci/run and .github/workflows/release.yml:
//
//   node scripts/release.js check-tag <tag>
//       the tag is v<package.json's version>, and CHANGELOG.md has the dated
//       section of that version (its text becomes the GitHub release);
//   node scripts/release.js versions <tarball> <wheel> <sdist>
//       the npm tarball, the wheel and the sdist carry the same version (the
//       Python one in PEP 440 form, as jsii-pacmak writes it).
"use strict";
const { execFileSync } = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");
const { toReleaseVersion } = require("jsii-pacmak/lib/targets/version-utils");
const { TargetName } = require("jsii-pacmak/lib/targets/index");
const { notes } = require("./changelog");

const root = path.join(__dirname, "..");

/**
 * The version a tag names, or an error saying why it is not this release's.
 * @param {string} tag
 * @param {string} version package.json's
 * @param {string} changelog CHANGELOG.md's text
 * @returns {string[]} problems
 */
function checkTag(tag, version, changelog) {
  const problems = [];
  if (tag !== `v${version}`) problems.push(`the tag ${JSON.stringify(tag)} is not v${version}, package.json's version`);
  try {
    notes(changelog, version);
  } catch (e) {
    problems.push(/** @type {Error} */ (e).message);
  }
  return problems;
}

/**
 * The Python version jsii-pacmak gives an npm version (1.2.0-rc.1 → 1.2.0rc1).
 * @param {string} npmVersion
 */
function pythonVersion(npmVersion) {
  return toReleaseVersion(npmVersion, TargetName.PYTHON);
}

/**
 * @param {string} file
 * @param {string} member
 */
function fromTar(file, member) {
  return execFileSync("tar", ["-xzOf", file, member], { encoding: "utf8", maxBuffer: 16 * 1024 * 1024 });
}

/** @param {string} metadata an RFC 822 style METADATA / PKG-INFO */
function metadataVersion(metadata) {
  return /^Version: (.+)$/m.exec(metadata)?.[1]?.trim();
}

/**
 * @param {string} tarball
 * @param {string} wheel
 * @param {string} sdist
 * @returns {string[]} problems
 */
function checkVersions(tarball, wheel, sdist) {
  const npm = JSON.parse(fromTar(tarball, "package/package.json")).version;
  const expected = pythonVersion(npm);
  const wheelMeta = execFileSync(
    "python3",
    ["-c", "import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); print(z.read(next(n for n in z.namelist() if n.endswith('.dist-info/METADATA'))).decode())", wheel],
    { encoding: "utf8" },
  );
  const sdistName = path.basename(sdist).replace(/\.tar\.gz$/, "");
  const sdistMeta = fromTar(sdist, `${sdistName}/PKG-INFO`);
  const found = { [path.basename(tarball)]: npm, [path.basename(wheel)]: metadataVersion(wheelMeta), [path.basename(sdist)]: metadataVersion(sdistMeta) };
  const problems = [];
  for (const [file, v] of Object.entries(found).slice(1)) {
    if (v !== expected) problems.push(`${file} has version ${v}, expected ${expected} (npm ${npm})`);
  }
  if (problems.length === 0) console.log(`[release] one version everywhere: npm ${npm}, Python ${expected} (${Object.keys(found).join(", ")})`);
  return problems;
}

module.exports = { checkTag, checkVersions, pythonVersion };

if (require.main === module) {
  const [command, ...args] = process.argv.slice(2);
  const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));
  let problems;
  if (command === "check-tag" && args.length === 1) {
    problems = checkTag(args[0], pkg.version, fs.readFileSync(path.join(root, "CHANGELOG.md"), "utf8"));
    if (problems.length === 0) console.log(`[release] ${args[0]}: package.json's version, with its changelog section`);
  } else if (command === "versions" && args.length === 3) {
    problems = checkVersions(args[0], args[1], args[2]);
  } else {
    console.error("usage: node scripts/release.js check-tag <tag> | versions <tarball> <wheel> <sdist>");
    process.exit(1);
  }
  for (const p of problems) console.error(`[release] ERROR ${p}`);
  if (problems.length > 0) process.exit(1);
}

#!/usr/bin/env node
// npm run build: jsii (src/ -> lib/ and .jsii), then lazy provider submodules
// (scripts/lazy-exports.js). `npm run build:cdktn` builds the CDK Terrain
// package from the same source with the same steps (scripts/build-cdktn.js).
"use strict";
const path = require("node:path");
const { spawnSync } = require("node:child_process");
const { makeProviderIndexesLazy } = require("./lazy-exports");

/**
 * Compiles the jsii package in `packageDir` (its package.json's "jsii"
 * settings) and makes its provider indexes lazy; returns the exit status.
 * @param {string} packageDir
 * @param {string[]} [args] more jsii arguments
 */
function buildPackage(packageDir, args = []) {
  const env = {
    ...process.env,
    // The compiler's Node.js end-of-life banner; the variable lists the major
    // versions to silence ("1" silenced nothing), so name the running one
    // unless the caller chose.
    JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION: process.env.JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION || process.versions.node.split(".")[0],
  };
  // metadata/missing-dev-dependency: the peer range is constructs ^10.4.2 (cdktf
  // 0.21's own), but node_modules holds 10.7.2, because the cdktn devDependency
  // (for `npm run build:cdktn`) needs >=10.6.0 <10.8.0 in the same tree. The
  // minimum is still exercised: the Python example pins constructs 10.4.2.
  const jsii = [require.resolve("jsii/bin/jsii"), "--silence-warnings=reserved-word", "--silence-warnings=metadata/missing-dev-dependency", ...args];
  const status = spawnSync(process.execPath, jsii, { stdio: "inherit", cwd: packageDir, env }).status ?? 1;
  if (status === 0 && !args.includes("--watch")) makeProviderIndexesLazy(path.join(packageDir, "lib"));
  return status;
}

module.exports = { buildPackage };

if (require.main === module) process.exit(buildPackage(path.join(__dirname, ".."), process.argv.slice(2)));

// The jsii tools (jsii, jsii-docgen's rosetta, jsii-pacmak) read package.json
// and require every peer dependency to be an installed jsii assembly. `cdktn`
// (CDK Terrain) is an optional peer for npm users only (docs/cdk-terrain.md),
// not installed here, and must not become a requirement of the Python
// package. runWithJsiiPackageJson runs one of those tools against a
// package.json without the optional peers, restored byte-for-byte afterwards,
// whatever happens (including Ctrl-C).
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const { spawnSync } = require("node:child_process");

const OPTIONAL_PEERS_HIDDEN_FROM_JSII = ["cdktn"];
const file = path.join(__dirname, "..", "package.json");

/** package.json as the jsii tools must see it. */
function packageJsonForJsii() {
  const pkg = JSON.parse(fs.readFileSync(file, "utf8"));
  const forJsii = { ...pkg, peerDependencies: { ...pkg.peerDependencies } };
  for (const name of OPTIONAL_PEERS_HIDDEN_FROM_JSII) {
    if (pkg.peerDependenciesMeta?.[name]?.optional !== true) {
      throw new Error(`${name} must be an optional peer dependency (peerDependenciesMeta.${name}.optional)`);
    }
    delete forJsii.peerDependencies[name];
  }
  if (forJsii.peerDependenciesMeta !== undefined) {
    forJsii.peerDependenciesMeta = Object.fromEntries(
      Object.entries(forJsii.peerDependenciesMeta).filter(([name]) => !OPTIONAL_PEERS_HIDDEN_FROM_JSII.includes(name)),
    );
    if (Object.keys(forJsii.peerDependenciesMeta).length === 0) delete forJsii.peerDependenciesMeta;
  }
  return forJsii;
}

/**
 * Runs `node <script> <args>` with the optional peers hidden from package.json;
 * returns its exit status.
 * @param {string} script
 * @param {string[]} args
 * @param {NodeJS.ProcessEnv} [env]
 */
function runWithJsiiPackageJson(script, args, env = process.env) {
  const original = fs.readFileSync(file);
  const forJsii = packageJsonForJsii();
  let restored = false;
  const restore = () => {
    if (!restored) fs.writeFileSync(file, original);
    restored = true;
  };
  /** @type {Array<[NodeJS.Signals, () => void]>} */
  const handlers = ["SIGINT", "SIGTERM", "SIGHUP"].map((signal) => [
    /** @type {NodeJS.Signals} */ (signal),
    () => {
      restore();
      process.exit(1);
    },
  ]);
  for (const [signal, handler] of handlers) process.on(signal, handler);
  try {
    fs.writeFileSync(file, `${JSON.stringify(forJsii, null, 2)}\n`);
    return spawnSync(process.execPath, [script, ...args], { stdio: "inherit", env, cwd: path.dirname(file) }).status ?? 1;
  } finally {
    restore();
    for (const [signal, handler] of handlers) process.off(signal, handler);
  }
}

module.exports = { OPTIONAL_PEERS_HIDDEN_FROM_JSII, runWithJsiiPackageJson };

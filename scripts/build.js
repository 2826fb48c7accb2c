#!/usr/bin/env node
// npm run build: jsii, with the optional `cdktn` peer dependency hidden from it.
//
// `cdktn` (CDK Terrain) is an optional peer dependency for npm users: an app on
// CDK Terrain may bring it instead of cdktf (README: CDK Terrain). jsii,
// however, requires every peer dependency to be an installed jsii assembly,
// and records each one in .jsii, from which jsii-pacmak derives the Python
// package's requirements: Python users would be made to install cdktn next to
// cdktf. The package is built and tested on cdktf 0.21.0 only, so jsii
// compiles against a package.json without the cdktn peer, restored
// byte-for-byte afterwards, whatever happens (including Ctrl-C).
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const { spawnSync } = require("node:child_process");

const OPTIONAL_PEERS_HIDDEN_FROM_JSII = ["cdktn"];
const file = path.join(__dirname, "..", "package.json");
const original = fs.readFileSync(file);
const pkg = JSON.parse(original.toString("utf8"));

const forJsii = { ...pkg, peerDependencies: { ...pkg.peerDependencies } };
for (const name of OPTIONAL_PEERS_HIDDEN_FROM_JSII) {
  if (pkg.peerDependenciesMeta?.[name]?.optional !== true) {
    console.error(`scripts/build.js: ${name} must be an optional peer dependency (peerDependenciesMeta.${name}.optional)`);
    process.exit(1);
  }
  delete forJsii.peerDependencies[name];
}
if (forJsii.peerDependenciesMeta !== undefined) {
  forJsii.peerDependenciesMeta = Object.fromEntries(
    Object.entries(forJsii.peerDependenciesMeta).filter(([name]) => !OPTIONAL_PEERS_HIDDEN_FROM_JSII.includes(name)),
  );
  if (Object.keys(forJsii.peerDependenciesMeta).length === 0) delete forJsii.peerDependenciesMeta;
}

let restored = false;
const restore = () => {
  if (!restored) fs.writeFileSync(file, original);
  restored = true;
};
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
  process.on(signal, () => {
    restore();
    process.exit(1);
  });
}

let status = 1;
try {
  fs.writeFileSync(file, `${JSON.stringify(forJsii, null, 2)}\n`);
  const jsii = spawnSync(process.execPath, [require.resolve("jsii/bin/jsii"), "--silence-warnings=reserved-word", ...process.argv.slice(2)], {
    stdio: "inherit",
    env: { ...process.env, JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION: "1" },
  });
  status = jsii.status ?? 1;
} finally {
  restore();
}
process.exit(status);

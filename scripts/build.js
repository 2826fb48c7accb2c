#!/usr/bin/env node
// npm run build: jsii, with the optional `cdktn` peer dependency hidden from it.
//
// `cdktn` (CDK Terrain) is an optional peer dependency for npm users: an app on
// CDK Terrain may bring it instead of cdktf (docs/cdk-terrain.md). jsii,
// however, requires every peer dependency to be an installed jsii assembly,
// and records each one in .jsii, from which jsii-pacmak derives the Python
// package's requirements: Python users would be made to install cdktn next to
// cdktf. The package is built and tested on cdktf 0.21.0 only, so jsii
// compiles against a package.json without the cdktn peer
// (scripts/jsii-package-json.js, also used by jsii-docgen and jsii-pacmak).
"use strict";
const { runWithJsiiPackageJson } = require("./jsii-package-json");

process.exit(
  runWithJsiiPackageJson(require.resolve("jsii/bin/jsii"), ["--silence-warnings=reserved-word", ...process.argv.slice(2)], {
    ...process.env,
    // The compiler's Node.js end-of-life banner; the variable lists the major
    // versions to silence ("1" silenced nothing), so name the running one
    // unless the caller chose.
    JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION: process.env.JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION || process.versions.node.split(".")[0],
  }),
);

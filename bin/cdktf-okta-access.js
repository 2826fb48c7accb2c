#!/usr/bin/env node
// The package's bin: `npx cdktf-okta-access review cdktf.out`. The CLI itself
// is TypeScript compiled by `npm run build` into lib/review/cli.js.
"use strict";
const { join } = require("node:path");
const CLI = join(__dirname, "..", "lib", "review", "cli.js");
/** @type {typeof import("../src/review/cli")} */
let cli;
try {
  // A computed path: lib/ is build output, absent before `npm run build`, so
  // the type check (`npm run typecheck`) takes the types from src/ above.
  cli = require(CLI);
} catch (e) {
  const err = /** @type {{ code?: unknown, message?: unknown }} */ (e);
  // Only lib/review/cli.js itself: a module missing further down the require
  // stack (which the message also lists) is another error.
  if (err && err.code === "MODULE_NOT_FOUND" && String(err.message).startsWith(`Cannot find module '${CLI}'`)) {
    console.error("cdktf-okta-access: lib/review/cli.js is missing; run `npm run build` first");
    process.exit(1);
  }
  throw e;
}
process.exitCode = cli.main(process.argv.slice(2));

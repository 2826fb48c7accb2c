#!/usr/bin/env node
// The package's bin: `npx cdktf-okta-access review cdktf.out` and
// `npx cdktf-okta-access discover ...`. The CLIs are TypeScript compiled by
// `npm run build` into lib/review/cli.js and lib/discover/cli.js.
"use strict";
const { join } = require("node:path");
const argv = process.argv.slice(2);
// discover is asynchronous (it calls the APIs); everything else is the review CLI.
const which = argv[0] === "discover" ? "discover" : "review";
const CLI = join(__dirname, "..", "lib", which, "cli.js");
/** @type {{ main(argv: string[]): number | Promise<number> }} */
let cli;
try {
  // A computed path: lib/ is build output, absent before `npm run build`, so
  // the type check (`npm run typecheck`) takes the types from src/ above.
  cli = require(CLI);
} catch (e) {
  const err = /** @type {{ code?: unknown, message?: unknown }} */ (e);
  // Only the CLI module itself: a module missing further down the require
  // stack (which the message also lists) is another error.
  if (err && err.code === "MODULE_NOT_FOUND" && String(err.message).startsWith(`Cannot find module '${CLI}'`)) {
    console.error(`cdktf-okta-access: lib/${which}/cli.js is missing; run \`npm run build\` first`);
    process.exit(1);
  }
  throw e;
}
if (which === "discover") {
  void Promise.resolve(cli.main(argv.slice(1))).then((code) => {
    process.exitCode = code;
  });
} else {
  process.exitCode = /** @type {number} */ (cli.main(argv));
}

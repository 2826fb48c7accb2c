#!/usr/bin/env node
// The package's bin: `npx cdktf-okta-access review cdktf.out`,
// `npx cdktf-okta-access discover ...`, `--help`, `help <command>`. The
// commands are TypeScript compiled by `npm run build` into lib/ (lib/cli.js
// finds the command: src/cli.ts).
"use strict";
const { join } = require("node:path");
const CLI = join(__dirname, "..", "lib", "cli.js");
/** @type {{ main(argv: string[]): Promise<number>, endQuietlyOnClosedPipe(): void }} */
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
    console.error("cdktf-okta-access: lib/cli.js is missing; run `npm run build` first");
    process.exit(1);
  }
  throw e;
}
cli.endQuietlyOnClosedPipe();
void cli.main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});

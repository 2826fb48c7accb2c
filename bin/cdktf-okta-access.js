#!/usr/bin/env node
// The package's bin: `npx cdktf-okta-access review cdktf.out`. The CLI itself
// is TypeScript compiled by `npm run build` into lib/review/cli.js.
"use strict";
let cli;
try {
  cli = require("../lib/review/cli.js");
} catch (e) {
  if (e && e.code === "MODULE_NOT_FOUND" && /lib[\\/]review[\\/]cli/.test(String(e.message))) {
    console.error("cdktf-okta-access: lib/review/cli.js is missing; run `npm run build` first");
    process.exit(1);
  }
  throw e;
}
process.exitCode = cli.main(process.argv.slice(2));

#!/usr/bin/env node
// The package's bin: `npx cdktf-okta-access review cdktf.out` and
// `npx cdktf-okta-access discover ...`. The CLIs are TypeScript compiled by
// `npm run build` into lib/review/cli.js and lib/discover/cli.js.
"use strict";
const argv = process.argv.slice(2);
// discover is asynchronous (it calls the APIs); everything else is the review CLI.
const which = argv[0] === "discover" ? "discover" : "review";
let cli;
try {
  cli = require(`../lib/${which}/cli.js`);
} catch (e) {
  if (e && e.code === "MODULE_NOT_FOUND" && new RegExp(`lib[\\\\/]${which}[\\\\/]cli`).test(String(e.message))) {
    console.error(`cdktf-okta-access: lib/${which}/cli.js is missing; run \`npm run build\` first`);
    process.exit(1);
  }
  throw e;
}
if (which === "discover") {
  cli.main(argv.slice(1)).then((code) => {
    process.exitCode = code;
  });
} else {
  process.exitCode = cli.main(argv);
}

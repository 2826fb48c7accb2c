#!/usr/bin/env node
// Checks a cdktf.out folder after `npm run synth`: every example's stack is
// there, parses as Terraform JSON, and holds no literal secret.
"use strict";
const fs = require("node:fs");
const path = require("node:path");

const outdir = path.resolve(process.argv[2] || "cdktf.out");
const manifest = JSON.parse(fs.readFileSync(path.join(outdir, "manifest.json"), "utf8"));
const stacks = Object.values(manifest.stacks);
if (stacks.length === 0) throw new Error(`${outdir}: no stacks`);
const SECRET_KEYS = /^(client_secret|secret|api_token|private_key|access_token)$/;
let failures = 0;
for (const stack of stacks) {
  const file = path.join(outdir, stack.synthesizedStackPath);
  const tf = JSON.parse(fs.readFileSync(file, "utf8"));
  if (!tf.resource || !tf.terraform?.required_providers) {
    console.error(`${file}: not Terraform JSON with resources and required_providers`);
    failures++;
  }
  (function walk(node, at) {
    if (node && typeof node === "object") {
      for (const [key, value] of Object.entries(node)) {
        if (SECRET_KEYS.test(key) && typeof value === "string" && !/^\$\{.+\}$/.test(value)) {
          console.error(`${file}: ${at}.${key} is a literal, not a Terraform reference`);
          failures++;
        }
        walk(value, `${at}.${key}`);
      }
    }
  })(tf, "");
  console.log(`ok ${stack.name}: ${Object.values(tf.resource || {}).reduce((n, r) => n + Object.keys(r).length, 0)} resources`);
}
process.exit(failures ? 1 : 0);

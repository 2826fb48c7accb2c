#!/usr/bin/env node
// The main job: synthesize every example into ./cdktf.out (or $CDKTF_OUTDIR)
// in one process, offline and without credentials.
//
// Speed: the examples are TypeScript, so they are transpiled on load by
// esbuild (no type checking, a few milliseconds) instead of ts-node, which
// type-checks the giant provider typings and takes about four seconds.
// Type errors are caught by `npm test` (lint with type information) instead.
"use strict";
process.env.CHECKPOINT_DISABLE = "1";
require("esbuild-register/dist/node").register({ target: "node20" });

const path = require("node:path");
const { App } = require("cdktf");
const { EXAMPLES } = require("./examples");
const { printAnnotations } = require("./annotations");

// `npm run synth -- basic` synthesizes only the named examples.
const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !EXAMPLES.includes(name));
if (unknown.length > 0) {
  console.error(`unknown example(s): ${unknown.join(", ")}; the examples are ${EXAMPLES.join(", ")}`);
  process.exit(2);
}

const app = new App({ outdir: process.env.CDKTF_OUTDIR || path.join(process.cwd(), "cdktf.out") });
for (const name of wanted.length > 0 ? wanted : EXAMPLES) {
  require(path.join(__dirname, "..", "examples", name, "main.ts")).build(app);
}
app.synth();
console.log(`synthesized ${app.node.children.length} stack(s) to ${path.relative(process.cwd(), app.outdir) || "."}`);

// Every warning and error annotation of the synthesized stacks, as the cdktf
// CLI shows them: the construct's warnings are easy to miss otherwise.
if (printAnnotations(app) > 0) process.exit(1);

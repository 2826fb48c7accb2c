#!/usr/bin/env node
// .ci/run's CDK Terrain step (docs/cdk-terrain.md): proves that the packed
// package works in a cdktn 0.24.0 app with the recommended npm override.
//
//   npm run test:cdktn     (KEEP_CDKTN_CHECK=1 keeps the temp folder)
//
// 1. packs the package (scripts/pack.sh, which builds when needed); installs it into two temporary apps from the npm
//    registry: a cdktf 0.21.0 app and a cdktn 0.24.0 app with
//    "overrides": { "cdktf": "npm:cdktn@0.24.0" }.
// 2. Runs the same program (scripts/cdktn/program.js: the construct,
//    protectApplication, an access group, SCIM) with node, no cdktn CLI (it
//    needs Node 22): in the cdktf app, and in the cdktn app twice, importing
//    `cdktf` (the override's alias: one copy of the core) and `cdktn` (a second
//    copy next to the alias, the case where instanceof and cdktf's Aspects fail).
// 3. Every synthesized stack must equal the cdktf one, apart from the version
//    stamp ("//".metadata.version); the OAuth 2.0 groups-claim warning must be
//    in the manifest, and a non-sensitive output of scimSecret must fail synth.
"use strict";
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { execFileSync, spawnSync } = require("node:child_process");
const { isDeepStrictEqual } = require("node:util");
const diff = require("microdiff").default;

const ROOT = path.join(__dirname, "..");
const CDKTN_VERSION = "0.24.0";
// cdktn 0.24.0's peer range for constructs is >=10.6.0 <10.8.0.
const CDKTN_CONSTRUCTS = "10.7.2";
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));
const dev = pkg.devDependencies;
const started = Date.now();
/** @type {string[]} */
const failures = [];

/** @param {string} message */
function log(message) {
  console.log(`[cdktn] ${message}`);
}
/** @param {boolean} ok @param {string} message */
function check(ok, message) {
  log(`${ok ? "ok  " : "FAIL"} ${message}`);
  if (!ok) failures.push(message);
}
/** @param {string} cmd @param {string[]} args @param {string} cwd @returns {string} */
function run(cmd, args, cwd) {
  return execFileSync(cmd, args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"], env: { ...process.env, CHECKPOINT_DISABLE: "1" } });
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "cdktn-check-"));
try {
  log(`node ${process.version}, working in ${tmp}`);
  // The shared pack step (builds first when lib/ is missing or older than src/).
  const tarball = run("bash", [path.join(ROOT, "scripts", "pack.sh"), tmp], ROOT).trim();
  log(`packed ${path.basename(tarball)}`);

  /** @type {Record<"cdktf" | "cdktn", { dependencies: Record<string, string>; overrides?: Record<string, string>; dir?: string }>} */
  const apps = {
    cdktf: {
      dependencies: { cdktf: dev.cdktf, constructs: dev.constructs },
    },
    cdktn: {
      dependencies: { cdktf: `npm:cdktn@${CDKTN_VERSION}`, cdktn: CDKTN_VERSION, constructs: CDKTN_CONSTRUCTS },
      overrides: { cdktf: `npm:cdktn@${CDKTN_VERSION}` },
    },
  };
  for (const [name, app] of Object.entries(apps)) {
    const dir = path.join(tmp, `${name}-app`);
    fs.mkdirSync(dir);
    const manifest = {
      name: `${name}-app`,
      private: true,
      dependencies: {
        ...app.dependencies,
        "@cdktf/provider-cloudflare": dev["@cdktf/provider-cloudflare"],
        "@cdktf/provider-okta": dev["@cdktf/provider-okta"],
        "cdktf-okta-cloudflare-access": `file:${tarball}`,
      },
      ...(app.overrides ? { overrides: app.overrides } : {}),
    };
    fs.writeFileSync(path.join(dir, "package.json"), `${JSON.stringify(manifest, null, 2)}\n`);
    fs.copyFileSync(path.join(__dirname, "cdktn", "program.js"), path.join(dir, "program.js"));
    const t = Date.now();
    run("npm", ["install", "--no-audit", "--no-fund", "--ignore-scripts", "--loglevel=error"], dir);
    app.dir = dir;
    log(`installed the ${name} app in ${((Date.now() - t) / 1000).toFixed(1)} s`);
  }

  /** @type {(dir: string | undefined, module: string) => { name: string; version: string }} */
  const coreOf = (dir, module) => JSON.parse(fs.readFileSync(path.join(dir ?? "", "node_modules", module, "package.json"), "utf8"));
  const cdktfCore = coreOf(apps.cdktf.dir, "cdktf");
  const aliasCore = coreOf(apps.cdktn.dir, "cdktf");
  check(cdktfCore.name === "cdktf" && cdktfCore.version === dev.cdktf, `cdktf app: node_modules/cdktf is cdktf ${dev.cdktf} (found ${cdktfCore.name} ${cdktfCore.version})`);
  check(aliasCore.name === "cdktn" && aliasCore.version === CDKTN_VERSION, `cdktn app: the override makes node_modules/cdktf cdktn ${CDKTN_VERSION} (found ${aliasCore.name} ${aliasCore.version})`);
  const copies = run("node", ["-e", 'console.log(require("cdktn") === require("cdktf") ? "one" : "two")'], apps.cdktn.dir ?? "").trim();
  check(copies === "two", `cdktn app: importing cdktn loads a second copy of the core next to the alias (${copies} copies)`);

  const variants = [
    { label: "cdktf 0.21.0", dir: apps.cdktf.dir, core: "cdktf", stamp: dev.cdktf },
    { label: 'cdktn 0.24.0, app imports "cdktf" (one copy)', dir: apps.cdktn.dir, core: "cdktf", stamp: CDKTN_VERSION },
    { label: 'cdktn 0.24.0, app imports "cdktn" (two copies)', dir: apps.cdktn.dir, core: "cdktn", stamp: CDKTN_VERSION },
  ];
  // One working directory for every run: the local backend's state path is
  // absolute, under the current directory. Modules resolve from program.js.
  const cwd = path.join(tmp, "run");
  fs.mkdirSync(cwd);
  /** @type {(v: { dir?: string; core: string }, ...args: string[]) => import("node:child_process").SpawnSyncReturns<string>} */
  const program = (v, ...args) =>
    spawnSync("node", [path.join(v.dir ?? "", "program.js"), v.core, ...args], { cwd, encoding: "utf8", env: { ...process.env, CHECKPOINT_DISABLE: "1" } });
  const synths = variants.map((v) => {
    const outdir = path.join(tmp, `out-${variants.indexOf(v)}`);
    const t = Date.now();
    const result = program(v, outdir);
    check(result.status === 0, `${v.label}: synthesizes (${Date.now() - t} ms)${result.status === 0 ? "" : `\n${result.stderr}`}`);
    return { ...v, outdir };
  });

  /** @type {(file: string) => any} */
  const read = (file) => JSON.parse(fs.readFileSync(file, "utf8"));
  const reference = synths[0];
  for (const stack of ["access", "access-oauth"]) {
    /** @type {(s: { outdir: string }) => string} */
    const stackFile = (s) => path.join(s.outdir, "stacks", stack, "cdk.tf.json");
    /** @type {(s: { outdir: string; label: string; stamp: string }) => any} */
    const unstamped = (s) => {
      const json = read(stackFile(s));
      check(json["//"]?.metadata?.version === s.stamp, `${s.label}: stack ${stack} carries the version stamp ${s.stamp} (found ${json["//"]?.metadata?.version})`);
      delete json["//"].metadata.version;
      return json;
    };
    const expected = unstamped(reference);
    for (const s of synths.slice(1)) {
      const actual = unstamped(s);
      const same = isDeepStrictEqual(actual, expected);
      const changes = same ? [] : diff(expected, actual).slice(0, 10).map((c) => `    ${c.type} ${c.path.join(".")}`);
      check(same, `${s.label}: stack ${stack} is identical to cdktf's apart from the version stamp${same ? "" : `:\n${changes.join("\n")}`}`);
    }
  }

  for (const s of synths) {
    const manifest = read(path.join(s.outdir, "manifest.json"));
    /** @type {(stack: string) => string[]} */
    const messages = (stack) =>
      (manifest.stacks[stack]?.annotations ?? []).filter((/** @type {{ level: string }} */ a) => a.level === "@cdktf/warn").map((/** @type {{ message: string }} */ a) => a.message);
    check(
      messages("access-oauth").some((m) => /^OktaAccessIdentityProvider "access-oauth\/Okta": .*OAuth 2\.0.*silently skips groups_claim/.test(m)),
      `${s.label}: the OAuth 2.0 groups-claim warning is in the manifest`,
    );
    check(messages("access").length === 0, `${s.label}: the SSWS stack has no warning (found ${messages("access").length})`);
  }

  // The review CLI reads what cdktn synthesized as it reads cdktf's output.
  for (const s of synths.slice(1)) {
    const review = spawnSync(path.join(s.dir ?? "", "node_modules", ".bin", "cdktf-okta-access"), ["review", s.outdir, "--format", "json"], { cwd, encoding: "utf8" });
    const stacks = review.status === 0 ? JSON.parse(review.stdout).stacks.length : 0;
    check(review.status === 0 && stacks === 2, `${s.label}: cdktf-okta-access review reads both stacks (exit ${review.status}, ${stacks} stacks)`);
  }

  for (const v of variants) {
    const result = program(v, path.join(tmp, "out-leak"), "leak");
    check(
      result.status !== 0 && /OktaAccessIdentityProvider "access\/Okta": output "scim_secret_leak" \(access\/scim_secret_leak\) exposes scimSecret; set sensitive: true/.test(result.stderr),
      `${v.label}: a non-sensitive output of scimSecret fails synthesis with our error (exit ${result.status})`,
    );
  }
} finally {
  if (process.env.KEEP_CDKTN_CHECK === "1") log(`kept ${tmp}`);
  else fs.rmSync(tmp, { recursive: true, force: true });
}

const seconds = ((Date.now() - started) / 1000).toFixed(1);
if (failures.length > 0) {
  console.error(`[cdktn] ${failures.length} check(s) failed in ${seconds} s`);
  process.exit(1);
}
log(`all checks passed in ${seconds} s`);

#!/usr/bin/env node
// npm run test:cdktn (a .ci/run step; docs/cdk-terrain.md): proves that a
// stock CDK Terrain app runs the cdktn package without any npm override,
// synthesizing what a cdktf app synthesizes with the cdktf package, and that
// provider objects from other bindings work with the construct.
//
//   npm run test:cdktn     (KEEP_CDKTN_CHECK=1 keeps the temporary folder;
//                          CDKTN_TARBALL=<tgz> reuses a built cdktn package)
//
// 1. Packs cdktf-okta-cloudflare-access (scripts/pack.sh) and builds
//    cdktn-okta-cloudflare-access (scripts/build-cdktn.js).
// 2. A cdktf 0.21.0 app: `npm install` of the cdktf package, cdktf and
//    constructs, plus the prebuilt @cdktf/provider-okta 14.1.1 and
//    @cdktf/provider-cloudflare 13.9.1 for the "prebuilt providers" run.
//    A cdktn 0.24.0 app: `npm install` of the cdktn package, cdktn,
//    constructs, cdktn-cli and @cdktn/provider-generator, and no override:
//    it must not contain cdktf at all.
// 3. Runs the same program (scripts/cdktn/program.js): in the cdktf app with
//    node; in the cdktn app with the cdktn CLI (`cdktn synth`, which needs
//    Node >= 22.19: scripts/node22.sh provides it); with the prebuilt
//    providers; and with providers generated as `cdktn get` generates them.
// 4. The cdktn CLI's stacks must equal the cdktf ones apart from the version
//    stamp ("//".metadata.version); the other bindings' stacks must differ
//    only in required_providers' version (theirs records the exact version);
//    the OAuth 2.0 groups-claim warning must be in every manifest; a
//    non-sensitive output of scimSecret must fail synth; the cdktn package's
//    review CLI must read the cdktn output.
"use strict";
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { execFileSync, spawnSync } = require("node:child_process");
const { isDeepStrictEqual } = require("node:util");
const diff = require("microdiff").default;

const ROOT = path.join(__dirname, "..");
const CDKTN_VERSION = "0.24.0";
// cdktn 0.24.0's peer range for constructs is >=10.6.0 <10.8.0; cdktf 0.21.0 takes it too.
const PREBUILT = { "@cdktf/provider-okta": "14.1.1", "@cdktf/provider-cloudflare": "13.9.1" };
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
/** @param {string} cmd @param {string[]} args @param {string} cwd @param {NodeJS.ProcessEnv} [env] @returns {string} */
function run(cmd, args, cwd, env = {}) {
  return execFileSync(cmd, args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"], env: { ...process.env, CHECKPOINT_DISABLE: "1", ...env } });
}
/** @param {string} dir @param {Record<string, string>} dependencies @param {Record<string, string>} [devDependencies] */
function install(dir, dependencies, devDependencies = {}) {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "package.json"), `${JSON.stringify({ name: path.basename(dir), private: true, dependencies, devDependencies }, null, 2)}\n`);
  fs.copyFileSync(path.join(__dirname, "cdktn", "program.js"), path.join(dir, "program.js"));
  const t = Date.now();
  run("npm", ["install", "--no-audit", "--no-fund", "--ignore-scripts", "--loglevel=error"], dir);
  log(`installed ${path.basename(dir)} in ${((Date.now() - t) / 1000).toFixed(1)} s`);
}
/** @param {string} file */
const read = (file) => JSON.parse(fs.readFileSync(file, "utf8"));

/**
 * Provider bindings generated as `cdktn get` generates them (cdktn's own
 * generator, the exact versions recorded), for the providers only, from the
 * committed schemas; transpiled to CommonJS for node.
 * @param {string} app the cdktn app (its node_modules has the generator)
 * @returns {Promise<string>} the directory that holds providers/<name>/provider/index.js
 */
async function cdktnGetBindings(app) {
  const out = path.join(app, ".gen");
  const appRequire = require("node:module").createRequire(path.join(app, "package.json"));
  process.env.TF_CLI_CONFIG_FILE = os.devNull;
  const { CodeMaker, TerraformProviderGenerator } = appRequire("@cdktn/provider-generator");
  const { ConstructsMakerProviderTarget, TerraformProviderConstraint, LANGUAGES } = appRequire("@cdktn/commons");
  const ts = require("typescript");
  const { SUPPORTED } = loadProviderVersions();
  for (const name of ["okta", "cloudflare"]) {
    const version = SUPPORTED[name].newest;
    const schema = read(path.join(ROOT, "providers", `${name}-${version}.json`));
    const address = `registry.terraform.io/${SUPPORTED[name].source}`;
    const providerOnly = { [address]: { provider: schema.provider_schemas[address].provider } };
    const code = new CodeMaker();
    const generator = new TerraformProviderGenerator(code, { format_version: schema.format_version, provider_schemas: providerOnly, provider_versions: { [address]: version } });
    generator.generate(new ConstructsMakerProviderTarget(new TerraformProviderConstraint(`${SUPPORTED[name].source}@~> ${version.split(".")[0]}.0`), LANGUAGES[0]));
    await code.save(out);
  }
  for (const file of ["okta", "cloudflare"].map((n) => path.join(out, "providers", n, "provider", "index.ts"))) {
    const js = ts.transpileModule(fs.readFileSync(file, "utf8"), { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020 } }).outputText;
    fs.writeFileSync(file.replace(/\.ts$/, ".js"), js);
  }
  return out;
}

/** src/private/provider-versions.ts, compiled on the fly (esbuild-register). */
function loadProviderVersions() {
  require("esbuild-register/dist/node").register({ target: "node20" });
  return require(path.join(ROOT, "src", "private", "provider-versions.ts"));
}

async function main() {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "cdktn-check-"));
  try {
    log(`node ${process.version}, working in ${tmp}`);
    const cdktfTarball = run("bash", [path.join(ROOT, "scripts", "pack.sh"), tmp], ROOT).trim();
    const cdktnTarball = process.env.CDKTN_TARBALL || run(process.execPath, [path.join(ROOT, "scripts", "build-cdktn.js")], ROOT).trim().split("\n").pop() || "";
    log(`packed ${path.basename(cdktfTarball)} and ${path.basename(cdktnTarball)}`);

    const cdktfApp = path.join(tmp, "cdktf-app");
    install(cdktfApp, { cdktf: dev.cdktf, constructs: dev.constructs, "cdktf-okta-cloudflare-access": `file:${cdktfTarball}`, ...PREBUILT });
    const cdktnApp = path.join(tmp, "cdktn-app");
    install(
      cdktnApp,
      { cdktn: CDKTN_VERSION, constructs: dev.constructs, "cdktn-okta-cloudflare-access": `file:${cdktnTarball}` },
      { "cdktn-cli": CDKTN_VERSION, "@cdktn/provider-generator": CDKTN_VERSION },
    );
    const lock = read(path.join(cdktnApp, "package-lock.json"));
    const cdktfInCdktnApp = Object.keys(lock.packages).filter((p) => /(^|\/)node_modules\/cdktf$/.test(p));
    check(cdktfInCdktnApp.length === 0 && !("overrides" in read(path.join(cdktnApp, "package.json"))), `cdktn app: no npm override, and no cdktf installed (found ${cdktfInCdktnApp.join(", ") || "none"})`);
    const installed = read(path.join(cdktnApp, "node_modules", "cdktn-okta-cloudflare-access", "package.json"));
    check(
      isDeepStrictEqual(installed.peerDependencies, { cdktn: `^${CDKTN_VERSION}`, constructs: ">=10.6.0 <10.8.0" }) && installed.dependencies.cdktf === undefined,
      `cdktn package: peers cdktn and constructs only (${JSON.stringify(installed.peerDependencies)})`,
    );
    const generated = await cdktnGetBindings(cdktnApp);

    // The cdktn CLI runs the app as cdktf.json says, like cdktf's CLI.
    fs.writeFileSync(
      path.join(cdktnApp, "cdktf.json"),
      `${JSON.stringify({ language: "typescript", app: "node program.js cdktn cdktn-okta-cloudflare-access own", sendCrashReports: "false", terraformProviders: [], terraformModules: [] }, null, 2)}\n`,
    );
    /** @type {(dir: string, args: string[], outdir: string) => import("node:child_process").SpawnSyncReturns<string>} */
    const node = (dir, args, outdir) => spawnSync("node", [path.join(dir, "program.js"), ...args], { cwd: dir, encoding: "utf8", env: { ...process.env, CHECKPOINT_DISABLE: "1", CDKTF_OUTDIR: outdir } });
    const runs = [
      { label: "cdktf 0.21.0 app, node", dir: cdktfApp, stamp: dev.cdktf, outdir: path.join(tmp, "out-cdktf"), synth: () => node(cdktfApp, ["cdktf", "cdktf-okta-cloudflare-access", "own"], path.join(tmp, "out-cdktf")) },
      {
        label: "cdktn 0.24.0 app, `cdktn synth` (the CLI)",
        dir: cdktnApp,
        stamp: CDKTN_VERSION,
        outdir: path.join(tmp, "out-cdktn-cli"),
        synth: () =>
          spawnSync("bash", [path.join(ROOT, "scripts", "node22.sh"), "npx", "--no-install", "cdktn", "synth", "--output", path.join(tmp, "out-cdktn-cli")], {
            cwd: cdktnApp,
            encoding: "utf8",
            env: { ...process.env, CHECKPOINT_DISABLE: "1", CI: "1" },
          }),
      },
      { label: "cdktf app, prebuilt @cdktf/provider-* providers", dir: cdktfApp, stamp: dev.cdktf, outdir: path.join(tmp, "out-prebuilt"), synth: () => node(cdktfApp, ["cdktf", "cdktf-okta-cloudflare-access", "prebuilt"], path.join(tmp, "out-prebuilt")) },
      {
        label: "cdktn app, providers generated as `cdktn get` does",
        dir: cdktnApp,
        stamp: CDKTN_VERSION,
        outdir: path.join(tmp, "out-cdktn-get"),
        synth: () => node(cdktnApp, ["cdktn", "cdktn-okta-cloudflare-access", `generated:${generated}`], path.join(tmp, "out-cdktn-get")),
      },
    ];
    for (const r of runs) {
      const t = Date.now();
      const result = r.synth();
      check(result.status === 0, `${r.label}: synthesizes (${Date.now() - t} ms)${result.status === 0 ? "" : `\n${result.stdout}\n${result.stderr}`}`);
    }

    const { SUPPORTED } = loadProviderVersions();
    const [reference, cli, prebuilt, cdktnGet] = runs;
    for (const stack of ["access", "access-oauth"]) {
      /** @param {{ outdir: string; label: string; stamp: string }} r */
      const unstamped = (r) => {
        const json = read(path.join(r.outdir, "stacks", stack, "cdk.tf.json"));
        check(json["//"]?.metadata?.version === r.stamp, `${r.label}: stack ${stack} carries the version stamp ${r.stamp} (found ${json["//"]?.metadata?.version})`);
        delete json["//"].metadata.version;
        return json;
      };
      const expected = unstamped(reference);
      check(
        isDeepStrictEqual(expected.terraform.required_providers, {
          okta: { source: "okta/okta", version: SUPPORTED.okta.constraint },
          cloudflare: { source: "cloudflare/cloudflare", version: SUPPORTED.cloudflare.constraint },
        }),
        `${reference.label}: stack ${stack} requires the supported ranges`,
      );
      /** @param {{ label: string; outdir: string; stamp: string }} r @param {Record<string, string>} versions */
      const compare = (r, versions) => {
        const actual = unstamped(r);
        const want = JSON.parse(JSON.stringify(expected));
        for (const [name, version] of Object.entries(versions)) want.terraform.required_providers[name].version = version;
        const same = isDeepStrictEqual(actual, want);
        const changes = same ? [] : diff(want, actual).slice(0, 10).map((c) => `    ${c.type} ${c.path.join(".")}`);
        const apart = Object.keys(versions).length === 0 ? "the version stamp" : `the version stamp and required_providers' versions (${Object.values(versions).join(", ")})`;
        check(same, `${r.label}: stack ${stack} is identical to the cdktf app's apart from ${apart}${same ? "" : `:\n${changes.join("\n")}`}`);
      };
      compare(cli, {});
      compare(prebuilt, { okta: "4.20.0", cloudflare: "5.14.0" });
      compare(cdktnGet, { okta: SUPPORTED.okta.newest, cloudflare: SUPPORTED.cloudflare.newest });
    }

    for (const r of runs) {
      const manifest = read(path.join(r.outdir, "manifest.json"));
      /** @type {(stack: string) => string[]} */
      const messages = (stack) =>
        (manifest.stacks[stack]?.annotations ?? []).filter((/** @type {{ level: string }} */ a) => a.level === "@cdktf/warn").map((/** @type {{ message: string }} */ a) => a.message);
      check(
        messages("access-oauth").some((m) => /^OktaAccessIdentityProvider "access-oauth\/Okta": .*OAuth 2\.0.*silently skips groups_claim/.test(m)),
        `${r.label}: the OAuth 2.0 groups-claim warning is in the manifest`,
      );
      check(messages("access").length === 0, `${r.label}: the SSWS stack has no warning (found ${messages("access").join(" | ") || "none"})`);
    }

    // The cdktn package's review CLI reads what the cdktn CLI synthesized.
    const review = spawnSync(path.join(cdktnApp, "node_modules", ".bin", "cdktf-okta-access"), ["review", cli.outdir, "--format", "json"], { cwd: tmp, encoding: "utf8" });
    const stacks = review.status === 0 ? JSON.parse(review.stdout).stacks.length : 0;
    check(review.status === 0 && stacks === 2, `cdktn package: cdktf-okta-access review reads both stacks (exit ${review.status}, ${stacks} stacks)`);

    for (const [dir, core, name] of [
      [cdktfApp, "cdktf", "cdktf-okta-cloudflare-access"],
      [cdktnApp, "cdktn", "cdktn-okta-cloudflare-access"],
    ]) {
      const result = node(dir, [core, name, "own", "leak"], path.join(tmp, `out-leak-${core}`));
      check(
        result.status !== 0 && /OktaAccessIdentityProvider "access\/Okta": output "scim_secret_leak" \(access\/scim_secret_leak\) exposes scimSecret; set sensitive: true/.test(result.stderr),
        `${name}: a non-sensitive output of scimSecret fails synthesis with our error (exit ${result.status})`,
      );
    }
  } finally {
    if (process.env.KEEP_CDKTN_CHECK === "1") log(`kept ${tmp}`);
    else fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main().then(
  () => {
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    if (failures.length > 0) {
      console.error(`[cdktn] ${failures.length} check(s) failed in ${seconds} s`);
      process.exit(1);
    }
    log(`all checks passed in ${seconds} s`);
  },
  (e) => {
    console.error(e);
    process.exit(1);
  },
);

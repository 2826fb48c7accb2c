/**
 * Reads .e2e/providers.env, which scripts/providers.sh writes: the Terraform
 * binary, and for each pair of provider versions whether it is ready (with
 * its mirror-only CLI config) or not run (with the reason). Plain JavaScript:
 * the jest config (e2e/jest.config.js) reads it too, to make one project per
 * ready pair.
 */
"use strict";
const { existsSync, readFileSync } = require("node:fs");
const { join, resolve } = require("node:path");

const PROVIDERS_ENV = join(resolve(__dirname, "..", ".."), ".e2e", "providers.env");

/**
 * @typedef {object} ProviderPair
 * @property {string} name         "old" or "new"
 * @property {string} okta         okta/okta version, e.g. "4.20.0"
 * @property {string} cloudflare   cloudflare/cloudflare version, e.g. "5.14.0"
 * @property {string | undefined} cliConfigFile  the CLI config naming only this pair's mirror; undefined with the registry
 */

/**
 * @typedef {object} NotRunPair
 * @property {string} name
 * @property {string} okta
 * @property {string} cloudflare
 * @property {string} reason       why scripts/providers.sh could not make it ready
 */

/**
 * @typedef {object} ProvidersEnv
 * @property {string} binary       `terraform` or `tofu`
 * @property {string} extraPath    prepended to PATH (where a cached OpenTofu lives), or ""
 * @property {boolean} registry    E2E_USE_REGISTRY=1: providers come from the registry
 * @property {string | undefined} allPairsCliConfigFile  a CLI config naming every ready pair's mirror
 * @property {ProviderPair[]} ready
 * @property {NotRunPair[]} notRun
 */

/**
 * Parses the file's text (KEY=value lines).
 * @param {string} text
 * @returns {ProvidersEnv}
 */
function parseProvidersEnv(text) {
  /** @type {Record<string, string>} */
  const values = {};
  for (const line of text.split("\n")) {
    const m = /^([A-Za-z0-9_]+)=(.*)$/.exec(line.trim());
    if (m) values[m[1]] = m[2];
  }
  const names = (/** @type {string} */ key) => (values[key] ?? "").split(/\s+/).filter(Boolean);
  const versions = (/** @type {string} */ name) => {
    const raw = values[`E2E_PAIR_${name}_VERSIONS`] ?? "";
    const m = /^okta=([0-9.]+) cloudflare=([0-9.]+)$/.exec(raw);
    if (!m) throw new Error(`${PROVIDERS_ENV}: E2E_PAIR_${name}_VERSIONS is ${JSON.stringify(raw)}, expected "okta=<version> cloudflare=<version>": rerun \`bash scripts/providers.sh\``);
    return { okta: m[1], cloudflare: m[2] };
  };
  const registry = values.E2E_USE_REGISTRY === "1";
  return {
    binary: values.TERRAFORM_BINARY_NAME || "terraform",
    extraPath: values.E2E_EXTRA_PATH ?? "",
    registry,
    allPairsCliConfigFile: values.E2E_TF_CLI_CONFIG_FILE || undefined,
    ready: names("E2E_PAIRS_READY").map((name) => {
      const cliConfigFile = values[`E2E_PAIR_${name}_CLI_CONFIG`] || undefined;
      if (!registry && cliConfigFile === undefined) throw new Error(`${PROVIDERS_ENV}: pair ${name} is ready but has no CLI config: rerun \`bash scripts/providers.sh\``);
      return { name, ...versions(name), cliConfigFile };
    }),
    notRun: names("E2E_PAIRS_NOT_RUN").map((name) => ({ name, ...versions(name), reason: values[`E2E_PAIR_${name}_NOT_RUN`] || "unknown" })),
  };
}

/**
 * Reads .e2e/providers.env; throws a message that says what to run.
 * @returns {ProvidersEnv}
 */
function readProvidersEnv() {
  if (!existsSync(PROVIDERS_ENV)) {
    throw new Error(`${PROVIDERS_ENV} is missing: run \`bash scripts/providers.sh\` first (npm run test:e2e does).`);
  }
  return parseProvidersEnv(readFileSync(PROVIDERS_ENV, "utf8"));
}

module.exports = { PROVIDERS_ENV, parseProvidersEnv, readProvidersEnv };

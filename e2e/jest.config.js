// The end-to-end suite: `npm run test:e2e` (scripts/e2e.sh: scripts/providers.sh,
// then this). One jest project per provider pair that scripts/providers.sh
// made ready (.e2e/providers.env), each running every suite that exercises
// the providers with that pair's versions pinned; the upgrade test (old pair,
// then new) when both are ready; and the checks that need no provider.
// One worker: the suites start emulators and run terraform, and the machine
// has two cores.
const { resolve } = require("node:path");
const { readProvidersEnv } = require("./lib/providers-env");

const ROOT = resolve(__dirname, "..");

const env = readProvidersEnv();
// E2E_PAIRS narrows the run to some ready pairs, e.g. E2E_PAIRS=new.
const wanted = (process.env.E2E_PAIRS ?? "").split(/\s+/).filter(Boolean);
const pairs = env.ready.filter((p) => wanted.length === 0 || wanted.includes(p.name));

/** Suites that need no provider pair, or a pair of their own choosing. */
const STATIC_SUITES = ["coverage"];
const UPGRADE_SUITES = ["upgrade", "groups-claim-upgrade"];
/**
 * The sensitive attributes of the old pair's schemas against the review's
 * fixture, test/fixtures/provider-sensitive-attributes.json, which is of
 * those versions (the new pair's belong to the review's secret table).
 */
const OLD_PAIR_ONLY = ["schema"];
const suite = (/** @type {string} */ name) => `<rootDir>/e2e/suite/${name}.e2e.ts`;

/** @param {string} name @param {string} displayName @param {Partial<import('jest').Config>} extra */
function project(name, displayName, extra) {
  return {
    displayName,
    rootDir: ROOT,
    testEnvironment: "node",
    roots: ["<rootDir>/e2e/suite"],
    transform: {
      "^.+\\.ts$": ["@swc/jest", { jsc: { parser: { syntax: "typescript" }, target: "es2022" }, module: { type: "commonjs" } }],
    },
    setupFiles: ["<rootDir>/e2e/suite/setup-env.js"],
    setupFilesAfterEnv: ["<rootDir>/e2e/suite/setup.js"],
    moduleFileExtensions: ["ts", "js", "json"],
    globals: { __E2E_PROJECT__: name },
    ...extra,
  };
}

const pairProjects = pairs.map((p) =>
  project(p.name, `${p.name}: okta ${p.okta} + cloudflare ${p.cloudflare}`, {
    testMatch: ["<rootDir>/e2e/suite/*.e2e.ts"],
    testPathIgnorePatterns: [...STATIC_SUITES, ...UPGRADE_SUITES, ...(p.name === "old" ? [] : OLD_PAIR_ONLY)].map((n) => `/${n}\\.e2e\\.ts$`),
  }),
);
const both = ["old", "new"].every((n) => pairs.some((p) => p.name === n));

/** @type {import('jest').Config} */
module.exports = {
  projects: [
    project("static", "static (no provider)", { testMatch: STATIC_SUITES.map(suite) }),
    ...pairProjects,
    ...(both ? [project("upgrade", "upgrade: old pair, then new", { testMatch: UPGRADE_SUITES.map(suite) })] : []),
  ],
  globalSetup: "<rootDir>/e2e/suite/global-setup.js",
  globalTeardown: "<rootDir>/e2e/suite/global-teardown.js",
  reporters: ["default", "<rootDir>/e2e/suite/pair-reporter.js"],
  rootDir: ROOT,
  maxWorkers: 1,
  testTimeout: 600000,
};

// The end-to-end suite: `npm run test:e2e` (after scripts/providers.sh).
// One worker: the suites start emulators and run terraform, and the machine
// has two cores.
/** @type {import('jest').Config} */
module.exports = {
  rootDir: "..",
  testEnvironment: "node",
  roots: ["<rootDir>/e2e/suite"],
  testMatch: ["**/*.e2e.ts"],
  transform: {
    "^.+\\.ts$": ["@swc/jest", { jsc: { parser: { syntax: "typescript" }, target: "es2022" }, module: { type: "commonjs" } }],
  },
  setupFiles: ["<rootDir>/e2e/suite/setup-env.js"],
  setupFilesAfterEnv: ["<rootDir>/e2e/suite/setup.js"],
  globalSetup: "<rootDir>/e2e/suite/global-setup.js",
  globalTeardown: "<rootDir>/e2e/suite/global-teardown.js",
  maxWorkers: 1,
  testTimeout: 600000,
  moduleFileExtensions: ["ts", "js", "json"],
};

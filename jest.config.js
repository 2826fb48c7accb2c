// cdktf, and Terraform when a tool runs it (the provider generator's
// @cdktf/commons runs `terraform version` when loaded), phone home unless
// this is set. Set here, in jest's own process, the workers inherit it: a
// test's process.env is a copy that child processes do not see.
process.env.CHECKPOINT_DISABLE = "1";

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  // Tests live in test/, e2e/emulators (the API emulators' own tests: plain
  // HTTP, no providers, about a second), e2e/conformance and e2e/lib (the
  // harness's own pieces that need no provider); the end-to-end
  // suite itself is `npm run test:e2e`. src/, scripts/ and examples/ are roots too, so jest
  // knows the modules the tests import: `jest --findRelatedTests src/x.ts` and
  // the mutation run (`npm run test:mutation`) follow src/*.ts into src/private/.
  roots: ["<rootDir>/test", "<rootDir>/e2e/emulators", "<rootDir>/e2e/conformance", "<rootDir>/e2e/lib", "<rootDir>/src", "<rootDir>/scripts", "<rootDir>/examples"],
  testMatch: ["**/*.test.ts"],
  // jest's default is one worker less than the cores: on a 2-core machine that
  // is one worker, in band, and the suite ran on one core. The main process
  // only schedules, so every core gets a worker (measured on 2 cores:
  // 59.5 s → 33.0 s for `npx jest`).
  maxWorkers: "100%",
  // swc strips types only, which keeps the suite fast; type errors are caught
  // by `npm run typecheck` (part of `npm test`).
  transform: {
    "^.+\\.ts$": ["@swc/jest", { jsc: { parser: { syntax: "typescript" }, target: "es2022" }, module: { type: "commonjs" } }],
  },
  setupFilesAfterEnv: ["<rootDir>/test/setup.js"],
  moduleFileExtensions: ["ts", "js", "json"],
};

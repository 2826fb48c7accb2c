/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  // e2e/emulators: the API emulators' own tests (plain HTTP, no providers,
  // about a second); the end-to-end suite itself is `npm run test:e2e`.
  roots: ["<rootDir>/test", "<rootDir>/e2e/emulators", "<rootDir>/e2e/conformance"],
  testMatch: ["**/*.test.ts"],
  // swc strips types only; type errors are caught by `npm run lint` (typed
  // rules) and `npm run build` (jsii), which keeps the suite fast.
  transform: {
    "^.+\\.ts$": ["@swc/jest", { jsc: { parser: { syntax: "typescript" }, target: "es2022" }, module: { type: "commonjs" } }],
  },
  setupFilesAfterEnv: ["<rootDir>/test/setup.js"],
  moduleFileExtensions: ["ts", "js", "json"],
};

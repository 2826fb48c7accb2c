/** @type {import('jest').Config} */
// The review rendered as a GitHub PR comment in headless Chromium:
// `npm run test:browser` (needs Debian's chromium; .ci/run installs it).
module.exports = {
  rootDir: "../..",
  testEnvironment: "node",
  roots: ["<rootDir>/test/browser"],
  testMatch: ["**/*.browser.ts"],
  transform: {
    "^.+\\.ts$": ["@swc/jest", { jsc: { parser: { syntax: "typescript" }, target: "es2022" }, module: { type: "commonjs" } }],
  },
  setupFilesAfterEnv: ["<rootDir>/test/setup.js"],
  moduleFileExtensions: ["ts", "js", "json"],
  testTimeout: 120000,
};

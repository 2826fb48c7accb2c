// npm run test:regex: the differential test of src/private/java-regex.ts
// against Java's own java.util.regex.Pattern. Separate from `npm test`
// because it needs Java 11+ (`java` on PATH); .ci/run runs it.
/** @type {import('jest').Config} */
module.exports = {
  rootDir: "../..",
  testEnvironment: "node",
  roots: ["<rootDir>/test/java-regex"],
  testMatch: ["**/*.java.ts"],
  transform: {
    "^.+\\.ts$": ["@swc/jest", { jsc: { parser: { syntax: "typescript" }, target: "es2022" }, module: { type: "commonjs" } }],
  },
  moduleFileExtensions: ["ts", "js", "json"],
  testTimeout: 120000,
};

// npm run test:hostile: the review's time and memory on adversarial inputs
// (issue 24, "Bounds"), each reviewed in a child process with a heap limit.
// Separate from `npm test`: it spawns a process per input and asserts wall
// time bounds, which `npm test` never does; .ci/run runs it.
/** @type {import('jest').Config} */
module.exports = {
  rootDir: "../..",
  testEnvironment: "node",
  roots: ["<rootDir>/test/hostile"],
  testMatch: ["**/*.hostile.ts"],
  transform: {
    "^.+\\.ts$": ["@swc/jest", { jsc: { parser: { syntax: "typescript" }, target: "es2022" }, module: { type: "commonjs" } }],
  },
  moduleFileExtensions: ["ts", "js", "json"],
  // One input at a time: the bounds are about one review on the machine.
  maxWorkers: 1,
  testTimeout: 120000,
};

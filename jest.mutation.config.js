// jest for `npm run test:mutation`: the library's tests only. The tests of the
// repository's tooling (scripts/, bench/, the documentation checks, the jest config)
// and of the e2e emulators run no library code, and some take seconds
// (TypeScript compiles, child processes): each mutant would pay for them.
const base = require("./jest.config.js");

/** @type {import('jest').Config} */
module.exports = {
  ...base,
  // Loads only the test files that hold the tests Stryker asks for (see the file).
  runner: "<rootDir>/scripts/mutation-jest-runner.js",
  testPathIgnorePatterns: ["/node_modules/", "<rootDir>/test/scripts/", "<rootDir>/test/bench/", "<rootDir>/test/jest-config\\.test\\.ts$", "<rootDir>/test/docs/", "<rootDir>/e2e/"],
};

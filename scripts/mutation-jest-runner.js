// The jest test runner of `npm run test:mutation` (jest.mutation.config.js only).
//
// For each mutant, Stryker runs jest with --findRelatedTests <mutated file> and
// a test-name pattern of the tests that cover the mutant. jest then still loads
// every related test file, about 45 for src/private/validation.ts, to find the
// few tests that match: about 12 s of module loading per mutant here, for
// tests that mostly live in two or three files.
//
// This runner is jest's own, with one step before it: when jest runs with a
// test-name pattern, it runs only the test files that hold a test whose full
// name matches it. Which tests a file holds comes from Stryker's first run of
// every test (no pattern), recorded in the file MUTATION_TEST_INDEX names
// (scripts/mutation.ts sets it per mutated file), so every Stryker worker and
// every restarted one reads the same list (scripts/mutation.ts deletes it
// before each Stryker run; only a run without a pattern while there is no
// list yet writes it). jest applies the same pattern to
// the same names, so the tests that run are the same; only files in which no
// test would run are skipped. With no index, no pattern, or no match, every
// file runs, as without this runner.
"use strict";
const { existsSync, readFileSync, writeFileSync } = require("node:fs");
const TestRunner = require("jest-runner").default;

const INDEX_FILE = process.env.MUTATION_TEST_INDEX;

/** @typedef {import("jest-runner").Test} Test */
/** @typedef {import("jest-runner").TestWatcher} TestWatcher */
/** @typedef {import("jest-runner").TestRunnerOptions} TestRunnerOptions */

/**
 * Test full name → the test files that hold a test of that name; null when
 * there is no list to read.
 * @type {Map<string, string[]> | null | undefined}
 */
let index;

function loadIndex() {
  if (index === undefined && INDEX_FILE) {
    try {
      index = new Map(Object.entries(/** @type {Record<string, string[]>} */ (JSON.parse(readFileSync(INDEX_FILE, "utf8")))));
    } catch {
      index = null; // no first run recorded (yet): run every file
    }
  }
  return index;
}

/**
 * The test files (paths) holding a test whose full name matches the pattern, as jest-circus matches it.
 * @param {ReadonlyMap<string, readonly string[]>} names
 * @param {string} pattern
 * @returns {Set<string>}
 */
function filesMatching(names, pattern) {
  const re = new RegExp(pattern, "i");
  const files = new Set();
  for (const [name, paths] of names) if (re.test(name)) for (const p of paths) files.add(p);
  return files;
}

class MutationTestRunner extends TestRunner {
  /**
   * @param {Test[]} tests
   * @param {TestWatcher} watcher
   * @param {TestRunnerOptions} options
   */
  async runTests(tests, watcher, options) {
    const pattern = this._globalConfig.testNamePattern;
    if (!INDEX_FILE) return super.runTests(tests, watcher, options);
    if (!pattern) return existsSync(INDEX_FILE) ? super.runTests(tests, watcher, options) : this.#runAndRecord(INDEX_FILE, tests, watcher, options);
    const names = loadIndex();
    if (!names) return super.runTests(tests, watcher, options);
    const files = filesMatching(names, pattern);
    const selected = tests.filter((t) => files.has(t.path));
    return super.runTests(selected.length > 0 ? selected : tests, watcher, options);
  }

  /**
   * A run of every test (Stryker's first): record which file holds which test names.
   * @param {string} file
   * @param {Test[]} tests
   * @param {TestWatcher} watcher
   * @param {TestRunnerOptions} options
   */
  async #runAndRecord(file, tests, watcher, options) {
    /** @type {Map<string, string[]>} */
    const recorded = new Map();
    const stop = this.on("test-file-success", ([test, result]) => {
      for (const r of result.testResults) {
        const paths = recorded.get(r.fullName) ?? [];
        if (!paths.includes(test.path)) paths.push(test.path);
        recorded.set(r.fullName, paths);
      }
    });
    try {
      await super.runTests(tests, watcher, options);
    } finally {
      stop();
    }
    index = recorded;
    writeFileSync(file, JSON.stringify(Object.fromEntries(recorded)));
  }
}

module.exports = MutationTestRunner;
module.exports.filesMatching = filesMatching;

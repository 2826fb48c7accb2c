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
//
// It also stops a mutant's run at the first test file with a failing test
// (running the cheapest files first, by their time in the first run): that is
// what Stryker's default `disableBail: false` asks for (static mutants too,
// which Stryker runs against every test), and what jest cannot
// do when it is run programmatically (Stryker sets jest's `bail` to false).
// A killed mutant then costs one or two test files instead of all of them;
// a surviving one still runs every test that covers it. With Stryker's
// `disableBail: true` (scripts/mutation.ts then sets MUTATION_BAIL=0), every
// selected file runs.
"use strict";
const { readFileSync, writeFileSync } = require("node:fs");
const TestRunner = require("jest-runner").default;

const INDEX_FILE = process.env.MUTATION_TEST_INDEX;
const BAIL = process.env.MUTATION_BAIL !== "0";

/** @typedef {import("jest-runner").Test} Test */
/** @typedef {import("jest-runner").TestWatcher} TestWatcher */
/** @typedef {import("jest-runner").TestRunnerOptions} TestRunnerOptions */
/**
 * What the first run recorded: test full name → the test files holding a test
 * of that name, and each test file's run time (ms).
 * @typedef {{ tests: Map<string, string[]>, runtimes: Map<string, number> }} TestIndex
 */

/** @type {TestIndex | null | undefined} null when there is no list to read. */
let index;

/** @returns {TestIndex | null} */
function loadIndex() {
  if (index === undefined && INDEX_FILE) {
    try {
      const json = /** @type {{ tests: Record<string, string[]>, runtimes: Record<string, number> }} */ (JSON.parse(readFileSync(INDEX_FILE, "utf8")));
      index = { tests: new Map(Object.entries(json.tests)), runtimes: new Map(Object.entries(json.runtimes)) };
    } catch {
      index = null; // no first run recorded (yet): run every file
    }
  }
  return index ?? null;
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
    const recorded = loadIndex(); // read once per worker, then kept
    // No pattern and no list yet: Stryker's first run, which writes the list.
    if (!pattern && !recorded) return this.#runAndRecord(INDEX_FILE, tests, watcher, options);
    if (!recorded) return super.runTests(tests, watcher, options);
    // No pattern after the first run: a mutant every test covers (a static one), so every file, bailing.
    const files = pattern ? filesMatching(recorded.tests, pattern) : undefined;
    const selected = files ? tests.filter((t) => files.has(t.path)) : tests;
    if (selected.length === 0) return super.runTests(tests, watcher, options);
    return this.#runBailing(recorded, selected, watcher, options);
  }

  /**
   * Runs the files cheapest first, one at a time, and stops after the first
   * one with a failing test (when running in band and bailing).
   * @param {TestIndex} recorded
   * @param {Test[]} tests
   * @param {TestWatcher} watcher
   * @param {TestRunnerOptions} options
   */
  async #runBailing(recorded, tests, watcher, options) {
    if (!options.serial || !BAIL) return super.runTests(tests, watcher, options);
    const runtime = (/** @type {Test} */ t) => recorded.runtimes.get(t.path) ?? Number.MAX_SAFE_INTEGER;
    for (const test of [...tests].sort((a, b) => runtime(a) - runtime(b))) {
      if (await this.#fails(test, watcher, options)) return; // the mutant is killed: the other files need not run
    }
  }

  /**
   * Runs one test file; whether a test in it failed (or the file did not run).
   * @param {Test} test
   * @param {TestWatcher} watcher
   * @param {TestRunnerOptions} options
   * @returns {Promise<boolean>}
   */
  async #fails(test, watcher, options) {
    let failed = false;
    const stops = [
      this.on("test-file-success", ([, result]) => {
        if (result.numFailingTests > 0 || result.testExecError !== undefined) failed = true;
      }),
      this.on("test-file-failure", () => {
        failed = true;
      }),
    ];
    try {
      await super.runTests([test], watcher, options);
    } finally {
      for (const stop of stops) stop();
    }
    return failed;
  }

  /**
   * A run of every test (Stryker's first): record which file holds which test names, and its time.
   * @param {string} file
   * @param {Test[]} tests
   * @param {TestWatcher} watcher
   * @param {TestRunnerOptions} options
   */
  async #runAndRecord(file, tests, watcher, options) {
    /** @type {TestIndex} */
    const recorded = { tests: new Map(), runtimes: new Map() };
    const stop = this.on("test-file-success", ([test, result]) => {
      recorded.runtimes.set(test.path, result.perfStats.runtime);
      for (const r of result.testResults) {
        const paths = recorded.tests.get(r.fullName) ?? [];
        if (!paths.includes(test.path)) paths.push(test.path);
        recorded.tests.set(r.fullName, paths);
      }
    });
    try {
      await super.runTests(tests, watcher, options);
    } finally {
      stop();
    }
    index = recorded;
    writeFileSync(file, JSON.stringify({ tests: Object.fromEntries(recorded.tests), runtimes: Object.fromEntries(recorded.runtimes) }));
  }
}

module.exports = MutationTestRunner;
module.exports.filesMatching = filesMatching;

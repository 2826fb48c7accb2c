import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import TestRunner from "jest-runner";

type Runner = typeof import("../../scripts/mutation-jest-runner");
type RunArgs = Parameters<TestRunner["runTests"]>;

/** The runner module loaded afresh, with MUTATION_TEST_INDEX set to `indexFile` (or unset), and MUTATION_BAIL to `bail`. */
function loadRunner(indexFile: string | undefined, bail?: string): Runner {
  const before = { ...process.env };
  if (indexFile === undefined) delete process.env.MUTATION_TEST_INDEX;
  else process.env.MUTATION_TEST_INDEX = indexFile;
  if (bail === undefined) delete process.env.MUTATION_BAIL;
  else process.env.MUTATION_BAIL = bail;
  let runner: Runner | undefined;
  jest.isolateModules(() => {
    runner = jest.requireActual<Runner>("../../scripts/mutation-jest-runner");
  });
  process.env = before;
  return runner!;
}

const test1 = { path: "/t/a.test.ts" };
const test2 = { path: "/t/b.test.ts" };
const test3 = { path: "/t/c.test.ts" };
const tests = [test1, test2, test3] as unknown as RunArgs[0];

/** What a test file's run reports: its tests' names, a run time, and whether a test failed. */
interface FileRun {
  readonly names?: string[];
  readonly runtime?: number;
  readonly fails?: boolean;
}

/** Runs the runner with jest's own runTests replaced: returns the files jest would have run, in order. */
async function filesRun(runner: Runner, testNamePattern: string | undefined, results: Record<string, FileRun> = {}): Promise<string[]> {
  // jest's runner as the loaded module sees it (isolateModules loads its own copy).
  const base = Object.getPrototypeOf(runner.prototype) as TestRunner;
  // Listeners of "test-file-success" only: the fake jest runs every file to the end.
  const listeners: ((payload: unknown) => void)[] = [];
  const ran: string[] = [];
  const on = jest.spyOn(base, "on").mockImplementation(((event: string, listener: (payload: unknown) => void) => {
    if (event !== "test-file-success") return () => undefined;
    listeners.push(listener);
    return () => listeners.splice(listeners.indexOf(listener), 1);
  }) as TestRunner["on"]);
  const run = jest.spyOn(base, "runTests").mockImplementation((selected) => {
    for (const t of selected) {
      ran.push(t.path);
      const { names = [], runtime = 100, fails = false } = results[t.path] ?? {};
      const result = { testResults: names.map((fullName) => ({ fullName })), perfStats: { runtime }, numFailingTests: fails ? 1 : 0 };
      for (const l of listeners) l([t, result]);
    }
    return Promise.resolve();
  });
  try {
    const instance = new runner({ testNamePattern } as never, {});
    await instance.runTests(tests, {} as never, { serial: true });
  } finally {
    on.mockRestore();
    run.mockRestore();
  }
  return ran;
}

describe("scripts/mutation-jest-runner: only the test files that hold the tests Stryker asks for", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "mutation-runner-"));

  test("filesMatching: the files of every name the pattern matches, case-insensitive as jest-circus matches", () => {
    const { filesMatching } = loadRunner(undefined);
    const names = new Map([
      ["refuses an empty domain", ["/t/a.test.ts"]],
      ["Refuses a URL", ["/t/b.test.ts", "/t/c.test.ts"]],
      ["accepts a token", ["/t/c.test.ts"]],
    ]);
    expect([...filesMatching(names, "(refuses a url)")].sort()).toEqual(["/t/b.test.ts", "/t/c.test.ts"]);
    expect([...filesMatching(names, "(refuses an empty domain)|(accepts a token)")].sort()).toEqual(["/t/a.test.ts", "/t/c.test.ts"]);
    expect(filesMatching(names, "(nothing of the kind)").size).toBe(0);
  });

  test("the first run (no pattern) runs every file and records which file holds which test; later runs load only the matching files", async () => {
    const indexFile = path.join(dir, "first.tests.json");
    const runner = loadRunner(indexFile);
    const ran = await filesRun(runner, undefined, { "/t/a.test.ts": { names: ["x one", "shared"], runtime: 900 }, "/t/b.test.ts": { names: ["y two", "shared"], runtime: 50 }, "/t/c.test.ts": { names: ["z three"] } });
    expect(ran).toEqual(["/t/a.test.ts", "/t/b.test.ts", "/t/c.test.ts"]);
    expect(JSON.parse(readFileSync(indexFile, "utf8"))).toEqual({
      tests: { "x one": ["/t/a.test.ts"], shared: ["/t/a.test.ts", "/t/b.test.ts"], "y two": ["/t/b.test.ts"], "z three": ["/t/c.test.ts"] },
      runtimes: { "/t/a.test.ts": 900, "/t/b.test.ts": 50, "/t/c.test.ts": 100 },
    });

    expect(await filesRun(runner, "(z three)")).toEqual(["/t/c.test.ts"]);
    // The cheapest file first (b ran in 50 ms, a in 900 ms).
    expect(await filesRun(runner, "(shared)")).toEqual(["/t/b.test.ts", "/t/a.test.ts"]);
    // Another worker (a fresh module) reads the same list from the file.
    expect(await filesRun(loadRunner(indexFile), "(y two)")).toEqual(["/t/b.test.ts"]);
  });

  test("a pattern that matches no recorded name runs every file, as jest alone would", async () => {
    const indexFile = path.join(dir, "nomatch.tests.json");
    writeFileSync(indexFile, JSON.stringify({ tests: { "x one": ["/t/a.test.ts"] }, runtimes: {} }));
    expect(await filesRun(loadRunner(indexFile), "(renamed test)")).toEqual(["/t/a.test.ts", "/t/b.test.ts", "/t/c.test.ts"]);
  });

  test("with no list recorded, or no MUTATION_TEST_INDEX at all, every file runs and nothing is written", async () => {
    const missing = path.join(dir, "missing.tests.json");
    expect(await filesRun(loadRunner(missing), "(x one)")).toEqual(["/t/a.test.ts", "/t/b.test.ts", "/t/c.test.ts"]);
    expect(existsSync(missing)).toBe(false);
    expect(await filesRun(loadRunner(undefined), "(x one)")).toEqual(["/t/a.test.ts", "/t/b.test.ts", "/t/c.test.ts"]);
    expect(await filesRun(loadRunner(undefined), undefined)).toEqual(["/t/a.test.ts", "/t/b.test.ts", "/t/c.test.ts"]);
  });

  test("a run without a pattern after the list exists (a mutant every test covers) leaves the list as the first run wrote it", async () => {
    const indexFile = path.join(dir, "kept.tests.json");
    const runner = loadRunner(indexFile);
    await filesRun(runner, undefined, { "/t/a.test.ts": { names: ["x one"] } });
    const first = readFileSync(indexFile, "utf8");
    await filesRun(runner, undefined, { "/t/a.test.ts": { names: ["renamed by a mutant"] } });
    expect(readFileSync(indexFile, "utf8")).toBe(first);
  });

  test("a run without a pattern after the first (a static mutant) runs every file cheapest first, and bails", async () => {
    const indexFile = path.join(dir, "static.tests.json");
    writeFileSync(indexFile, JSON.stringify({ tests: {}, runtimes: { "/t/a.test.ts": 30, "/t/b.test.ts": 10, "/t/c.test.ts": 20 } }));
    const runner = loadRunner(indexFile);
    expect(await filesRun(runner, undefined)).toEqual(["/t/b.test.ts", "/t/c.test.ts", "/t/a.test.ts"]);
    expect(await filesRun(runner, undefined, { "/t/c.test.ts": { fails: true } })).toEqual(["/t/b.test.ts", "/t/c.test.ts"]);
  });

  test("a mutant's run stops at the first file with a failing test (the mutant is killed), as Stryker's default disableBail: false asks", async () => {
    const indexFile = path.join(dir, "bail.tests.json");
    writeFileSync(indexFile, JSON.stringify({ tests: { "t one": ["/t/a.test.ts", "/t/b.test.ts", "/t/c.test.ts"] }, runtimes: { "/t/a.test.ts": 30, "/t/b.test.ts": 10, "/t/c.test.ts": 20 } }));
    const runner = loadRunner(indexFile);
    expect(await filesRun(runner, "(t one)", { "/t/c.test.ts": { fails: true } })).toEqual(["/t/b.test.ts", "/t/c.test.ts"]);
    // No failure (a surviving mutant): every file that holds a covering test runs.
    expect(await filesRun(runner, "(t one)")).toEqual(["/t/b.test.ts", "/t/c.test.ts", "/t/a.test.ts"]);
    // Stryker's disableBail: true (MUTATION_BAIL=0): every file runs, failing or not.
    expect(await filesRun(loadRunner(indexFile, "0"), "(t one)", { "/t/c.test.ts": { fails: true } })).toHaveLength(3);
    expect(await filesRun(loadRunner(indexFile, "1"), "(t one)", { "/t/c.test.ts": { fails: true } })).toHaveLength(2);
  });
});

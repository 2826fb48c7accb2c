/**
 * Issue 24, "Bounds": an adversarial input of 100 KB finishes in under 5 s
 * with bounded memory, and what the review could not compute is "cannot
 * tell", which fails the gate on widening.
 *
 * Each input is reviewed in a child process (harness.ts) under a V8 heap
 * limit; the child reports the review's own time (node start and module
 * loading excluded) and its peak RSS. The bounds are generous against what
 * the review needs on an idle machine (about a second and 200 MB at most,
 * see docs/review-bounds.md): a busy CI machine must not make this suite flaky, and
 * the hostile inputs of issue 24 took 7 s to minutes and gigabytes before.
 */
import { HOSTILE_CASES, nestedReplace3kb } from "./corpus";
import { measure } from "./harness";

/** Input size of every case (each side of a diff). */
const BYTES = 100 * 1024;
/** The bound on one review. */
const MAX_MS = 5_000;
/** The heap a review may use: less than this, or V8 stops it (and the child reports no result). */
const HEAP_MB = 384;
/** Peak resident memory of the whole child (heap, code, buffers). */
const MAX_RSS_MB = 512;

describe.each(HOSTILE_CASES.map((c) => [c.name, c] as const))("%s", (_name, hostile) => {
  test(`${hostile.attacks}: under ${MAX_MS / 1000} s and ${MAX_RSS_MB} MB, and never a pass when it could not decide`, () => {
    const input = hostile.build(BYTES);
    const m = measure(input, { maxOldSpaceMb: HEAP_MB, killAfterMs: 60_000, format: "json", args: ["--fail-on", "widen"] });
    // Finished on its own, with an answer (0 reviewed, 3 a finding of a --fail-on kind).
    expect({ failure: m.failure, stderr: m.stderr.split("\n")[0] }).toEqual({ failure: undefined, stderr: m.exitCode === 3 ? expect.stringMatching(/--fail-on/) : "" });
    expect(m.inputBytes).toBeLessThanOrEqual(1.1 * BYTES);
    expect(m.ms).toBeLessThan(MAX_MS);
    expect(m.maxRssMb).toBeLessThan(MAX_RSS_MB);
    // The output is bounded too: the caps on what evaluation adds.
    expect(m.outputBytes).toBeLessThan(32 * 1024 * 1024);
    // A bound reached is a finding, and the gate fails on it.
    if ((m.kinds?.undecided ?? 0) > 0) expect(m.exitCode).toBe(3);
  });
});

describe("the inputs that explode without bounds reach a bound (and so fail the gate)", () => {
  const EXPLODING = new Set([
    "replace-doubling",
    "replace-squaring",
    "format-chain",
    "join-chain",
    "template-doubling",
    "concat-lists",
    "nested-tuples",
    "merge-objects",
    "jsonencode-chain",
    "base64-chain",
    "fibonacci-locals",
    "many-locals-fan-in",
    "for-product",
    "huge-list-functions",
    "constant-fan-out",
    "regex-backtracking",
    "regex-many-idps",
    "regex-long-pattern",
  ]);
  const exploding = HOSTILE_CASES.filter((c) => EXPLODING.has(c.name));

  test("every one of them is in the corpus", () => expect(exploding.map((c) => c.name).sort()).toEqual([...EXPLODING].sort()));

  test.each(exploding.map((c) => [c.name, c] as const))("%s: cannot tell, exit 3 with --fail-on widen", (_name, hostile) => {
    const m = measure(hostile.build(BYTES), { maxOldSpaceMb: HEAP_MB, killAfterMs: 60_000, format: "json", args: ["--fail-on", "widen"] });
    expect(m.kinds?.undecided ?? 0).toBeGreaterThan(0);
    expect(m.exitCode).toBe(3);
  });

  test("issue 24's 3 KB of nested replace() locals: a small review in a fraction of the bound", () => {
    const m = measure(nestedReplace3kb(), { maxOldSpaceMb: HEAP_MB, killAfterMs: 60_000, format: "markdown", args: ["--fail-on", "widen"] });
    expect(m.inputBytes).toBeLessThan(3 * 1024);
    expect(m.exitCode).toBe(3);
    expect(m.outputBytes).toBeLessThan(100 * 1024);
    expect(m.ms).toBeLessThan(MAX_MS);
    expect(m.maxRssMb).toBeLessThan(MAX_RSS_MB);
  });
});

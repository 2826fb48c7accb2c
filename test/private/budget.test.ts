/**
 * The work budget (issue 24, "Bounds"): one budget per review run, shared by
 * every regex match; a budget that runs out answers "unknown" and remembers
 * it, never a guess.
 */
import fc from "fast-check";
import { activeBudget, BASE_LIMITS, Budget, LIMITS_PER_INPUT_BYTE, limitsFor, withBudget } from "../../src/private/budget";
import { filterSends } from "../../src/private/groups-filter";
import { javaRegexMatches } from "../../src/private/java-regex";

describe("Budget", () => {
  test("spends until the limit, then refuses and records the limit reached, with where", () => {
    const b = new Budget({ evaluationSteps: 10 });
    expect(b.spend("evaluationSteps", 4, "local.a")).toBe(true);
    expect(b.spend("evaluationSteps", 6, "local.b")).toBe(true);
    expect(b.exhausted).toEqual([]);
    expect(b.spend("evaluationSteps", 1, "local.c")).toBe(false);
    expect(b.spend("evaluationSteps", 1, "local.d")).toBe(false);
    expect(b.has("evaluationSteps")).toBe(false);
    expect(b.exhausted).toEqual([{ limit: "evaluationSteps", value: 10, where: "local.c", count: 2 }]);
    // The other meters are separate.
    expect(b.spend("regexSteps", 100)).toBe(true);
  });

  test("a refund gives back steps taken in advance, never once the meter ran out", () => {
    const b = new Budget({ regexSteps: 10 });
    b.spend("regexSteps", 8);
    b.refund("regexSteps", 5);
    expect(b.used("regexSteps")).toBe(3);
    expect(b.spend("regexSteps", 8)).toBe(false);
    b.refund("regexSteps", 100);
    expect(b.has("regexSteps")).toBe(false);
  });

  test("property: whatever is spent, the total accepted never exceeds the limit", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1000 }), fc.array(fc.integer({ min: 0, max: 300 }), { maxLength: 40 }), (limit, amounts) => {
        const b = new Budget({ computedCharacters: limit });
        let accepted = 0;
        for (const a of amounts) if (b.spend("computedCharacters", a)) accepted += a;
        expect(accepted).toBeLessThanOrEqual(limit);
        // Refused exactly when an amount would have gone over.
        expect(b.exhausted.length > 0).toBe(amounts.reduce((sum, a) => sum + a, 0) > limit);
      }),
    );
  });

  test("limits grow with the input: a constant plus so much per byte", () => {
    const l = limitsFor(100_000);
    expect(l.regexSteps).toBe(BASE_LIMITS.regexSteps + 100_000 * LIMITS_PER_INPUT_BYTE.regexSteps);
    expect(l.evaluationSteps).toBe(BASE_LIMITS.evaluationSteps + 100_000 * LIMITS_PER_INPUT_BYTE.evaluationSteps);
    expect(l.valueCharacters).toBe(BASE_LIMITS.valueCharacters);
    expect(limitsFor(0)).toEqual(BASE_LIMITS);
    expect(limitsFor(100, { valueCharacters: 5 }).valueCharacters).toBe(5);
  });

  test("withBudget makes the run's budget active, restores the outer one, even on a throw", () => {
    const outer = new Budget();
    const inner = new Budget();
    withBudget(outer, () => {
      expect(activeBudget()).toBe(outer);
      expect(() => withBudget(inner, () => {
        expect(activeBudget()).toBe(inner);
        throw new Error("boom");
      })).toThrow("boom");
      expect(activeBudget()).toBe(outer);
    });
    // Outside a run: a fresh budget each time, with the default limits.
    expect(activeBudget()).not.toBe(outer);
    expect(activeBudget()).not.toBe(activeBudget());
    expect(activeBudget().limits).toEqual(BASE_LIMITS);
  });
});

describe("regex matching spends from one budget", () => {
  const CATASTROPHIC = "(a|aa)*c";
  const NAME = "a".repeat(40);

  test("a pathological match is unknown at its own cap, and the budget says so", () => {
    const b = new Budget();
    expect(javaRegexMatches(CATASTROPHIC, NAME, b)).toBe("unknown");
    expect(b.exhausted.map((e) => e.limit)).toEqual(["regexStepsPerMatch"]);
    // What it took counts against the run.
    expect(b.used("regexSteps")).toBeGreaterThanOrEqual(BASE_LIMITS.regexStepsPerMatch);
  });

  test("all the matches of a run share the budget: once it is spent, every match is unknown, even an easy one", () => {
    const b = new Budget({ regexSteps: 3 * BASE_LIMITS.regexStepsPerMatch });
    const results = Array.from({ length: 6 }, () => javaRegexMatches(CATASTROPHIC, NAME, b));
    expect(results.every((r) => r === "unknown")).toBe(true);
    expect(b.exhausted.map((e) => e.limit)).toEqual(["regexSteps", "regexStepsPerMatch"]);
    expect(javaRegexMatches("eng-.*", "eng-team", b)).toBe("unknown");
    // Without the spent budget, the easy match is decided.
    expect(javaRegexMatches("eng-.*", "eng-team", new Budget())).toBe(true);
  });

  test("the run's budget is the default inside withBudget: callers need not pass it", () => {
    const b = new Budget({ regexSteps: 1000 });
    withBudget(b, () => {
      expect(filterSends({ type: "FILTER", filterType: "REGEX", value: "eng-.*" }, "eng-a")).toBe(true);
      for (let i = 0; i < 100; i++) filterSends({ type: "FILTER", filterType: "REGEX", value: "eng-.*" }, `eng-${"x".repeat(20)}`);
      expect(filterSends({ type: "FILTER", filterType: "REGEX", value: "eng-.*" }, "eng-a")).toBeUndefined();
    });
    expect(b.exhausted.map((e) => e.limit)).toEqual(["regexSteps"]);
    // Outside the run, the same call is decided again.
    expect(filterSends({ type: "FILTER", filterType: "REGEX", value: "eng-.*" }, "eng-a")).toBe(true);
  });

  test("a pattern's length counts when it is parsed, the input's on every match", () => {
    const b = new Budget();
    const pattern = `(${"x|".repeat(500)}y)`;
    javaRegexMatches(pattern, "y", b);
    const first = b.used("regexSteps");
    expect(first).toBeGreaterThanOrEqual(pattern.length);
    javaRegexMatches(pattern, "y", b);
    expect(b.used("regexSteps") - first).toBeLessThan(pattern.length);
  });

  test("property: the answer within a budget is the answer without one, or unknown (never the opposite)", () => {
    fc.assert(
      fc.property(fc.constantFrom("a*", "(a|b)*c", "[a-c]+d?", "(ab)+", "a{2,5}b", CATASTROPHIC), fc.stringMatching(/^[a-d]{0,30}$/), fc.integer({ min: 0, max: 5000 }), (pattern, input, steps) => {
        const free = javaRegexMatches(pattern, input, new Budget());
        const bounded = javaRegexMatches(pattern, input, new Budget({ regexSteps: steps }));
        if (bounded !== "unknown") expect(bounded).toBe(free);
      }),
    );
  });
});

/**
 * Issue 24: the comparison is bounded. A comparison that runs out of its
 * steps, or builds more formulas than its limit, says "cannot tell" (which
 * fails --fail-on widen), never "unchanged"; large but ordinary stacks stay
 * exact.
 */
import { Budget, BudgetLimits, withBudget } from "../../src/private/budget";
import { accessSummary, AccessSummary } from "../../src/review/access-compare";
import { diffOutputs } from "../../src/review/diff";
import { GROUP, group, okta, policies, wikiStack } from "./access-helpers";
import { index } from "./helpers";

/** The access summary under a budget with these limits (the review's run-wide budget, ../private/budget.ts). */
function summary(base: unknown, head: unknown, limits: Partial<BudgetLimits> = {}, budget = new Budget(limits)): AccessSummary {
  const b = index(base as any, "s");
  const h = index(head as any, "s");
  return withBudget(budget, () => accessSummary([h], { stacks: [b], pairs: diffOutputs([b], [h]).pairs }));
}

const widened = () => [wikiStack(), wikiStack((j) => policies(j).allow.include.push(okta("Support")))] as const;

test("out of steps: cannot tell, never unchanged", () => {
  const [base, head] = widened();
  const budget = new Budget({ accessStepsPerComparison: 3 });
  const s = summary(base, head, {}, budget);
  expect(s.rows[0].verdict).toBe("cannot tell");
  expect(s.changes.map((c) => [c.kind, c.message.replace(/[\uE000\uE001]/g, '"')])).toContainEqual(["undecided", 'cannot tell whether access to "Wiki" widens: the comparison needs more than its budget of 3 steps (or the review\'s 10,000,000)']);
  // The bound is the run's too: the review lists it, and makes it a finding of its own.
  expect(budget.exhausted.map((e) => e.limit)).toEqual(["accessStepsPerComparison"]);
});

test("out of the review's steps (shared by every comparison): cannot tell", () => {
  const [base, head] = widened();
  const budget = new Budget({ accessSteps: 2 });
  expect(summary(base, head, {}, budget).rows[0].verdict).toBe("cannot tell");
  expect(budget.exhausted.map((e) => e.limit)).toEqual(["accessSteps"]);
});

test("more formulas than the limit: cannot tell", () => {
  const [base, head] = widened();
  const s = summary(base, head, { accessFormulas: 5 });
  expect(s.rows[0].verdict).toBe("cannot tell");
  expect(s.changes[0].message).toContain("its rules need more than 5 formulas");
});

test("thirty Access groups that all include each other: cycles everywhere, a bounded answer", () => {
  const cycles = (extra: string[]) => (j: any) => {
    const names = Array.from({ length: 30 }, (_, i) => `c${i}`);
    for (const n of names) groups(j)[n] = { account_id: "a", name: n, include: [...names.filter((m) => m !== n).map((m) => group(`${GROUP}.${m}`)), ...extra.map((n) => okta(n))] };
    policies(j).allow.include.push(group(`${GROUP}.c0`));
  };
  const groups = (j: any) => j.resource[GROUP];
  // A smaller formula limit than the default reaches the same answer sooner (the default's cost is the hostile suite's business).
  const budget = new Budget({ accessFormulas: 20_000 });
  const s = summary(wikiStack(cycles([])), wikiStack(cycles(["Pager"])), {}, budget);
  expect(s.rows[0].verdict).toBe("cannot tell");
  expect(budget.exhausted.map((e) => e.limit)).toEqual(["accessFormulas"]);
});

test("three hundred Okta groups in one policy, one more added: the one named, exactly", () => {
  const many = (extra: string[]) => (j: any) => (policies(j).allow.include = [...Array.from({ length: 300 }, (_, i) => okta(`team-${i}`)), ...extra.map((n) => okta(n))]);
  const s = summary(wikiStack(many([])), wikiStack(many(["newcomers"])));
  expect(s.rows[0].verdict).toBe("widens");
  expect(s.changes.map((c) => c.who?.replace(/[\uE000\uE001]/g, '"'))).toEqual(['members of Okta group "newcomers"']);
});

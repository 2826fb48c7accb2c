/**
 * The reviews the browser suite renders: every golden case of the review
 * (each example as it is today, and changed variants against a base or with
 * a plan, among them issue 14's change on examples/protect-app).
 */
import { goldenCases } from "../review/golden-cases";

export interface BrowserCase {
  readonly name: string;
  readonly head: () => string;
  readonly base?: () => string;
  readonly plan?: string;
}

export function browserCases(): BrowserCase[] {
  const cases: BrowserCase[] = [];
  for (const c of goldenCases()) {
    cases.push({ name: c.name, head: c.head, base: c.base, plan: c.plan });
  }
  return cases;
}

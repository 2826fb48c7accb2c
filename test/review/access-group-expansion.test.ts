/**
 * Access groups inside Access groups: who a policy admits through them. Each
 * group is expanded once (issue 24, "Bounds": a group included twice at
 * every level, or a long chain, was expanded exponentially often), and the
 * result is what a walk of every path gives, in the same order.
 */
import fc from "fast-check";
import { extractStack } from "../../src/review/extract";
import { handWrittenIdp, index } from "./helpers";

const IDP_REF = "${cloudflare_zero_trust_access_identity_provider.okta.id}";
const groupRef = (i: number) => ({ group: { id: `\${cloudflare_zero_trust_access_group.g${i}.id}` } });

/** A group's include rules: Okta groups, other groups (by index), everyone. */
type Rule = { okta: string } | { group: number } | { everyone: true };

function stackOf(groups: Rule[][]) {
  return index(
    handWrittenIdp((j) => {
      j.resource.cloudflare_zero_trust_access_group = Object.fromEntries(
        groups.map((rules, i) => [
          `g${i}`,
          { account_id: "a", name: `G${i}`, include: rules.map((r) => ("okta" in r ? { okta: { name: r.okta, identity_provider_id: IDP_REF } } : "group" in r ? groupRef(r.group) : { everyone: {} })) },
        ]),
      );
      j.resource.cloudflare_zero_trust_access_policy = { p: { account_id: "a", name: "P", decision: "allow", include: [groupRef(0)] } };
    }),
  );
}

/** The expansion by walking every path (each group once per path), as the review did before: the reference. */
function walk(groups: Rule[][], i: number, path: Set<number>, out: { names: string[]; everyone: boolean }): void {
  for (const r of groups[i]) {
    if ("okta" in r) {
      if (!out.names.includes(r.okta)) out.names.push(r.okta);
    } else if ("everyone" in r) out.everyone = true;
    else if (!path.has(r.group)) walk(groups, r.group, new Set([...path, r.group]), out);
  }
}

const rulesOf = (n: number) =>
  fc.array(fc.oneof(fc.record({ okta: fc.constantFrom("Eng", "Ops", "SRE", "Vendors", "HR") }), fc.record({ group: fc.integer({ min: 0, max: n - 1 }) }), fc.constant({ everyone: true as const })), { maxLength: 4 });

describe("Access groups inside Access groups", () => {
  test("property: a policy admits, in order, the Okta groups every path through its groups reaches, cycles included", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 7 }).chain((n) => fc.array(rulesOf(n), { minLength: n, maxLength: n })),
        (groups) => {
          const expected = { names: [] as string[], everyone: false };
          walk(groups, 0, new Set([0]), expected);
          const policy = extractStack(stackOf(groups)).accessPolicies[0];
          expect(policy.oktaGroups).toEqual(expected.names);
          expect(policy.everyone).toBe(expected.everyone);
        },
      ),
      { numRuns: 300 },
    );
  });

  test("a diamond of 60 levels (each group includes the next one twice) is expanded at once", () => {
    const groups: Rule[][] = Array.from({ length: 60 }, (_, i) => [{ group: i + 1 }, { group: i + 1 }, { okta: `team-${i}` }]);
    groups.push([{ okta: "last" }]);
    const review = extractStack(stackOf(groups));
    expect(review.accessPolicies[0].oktaGroups).toHaveLength(61);
    expect(review.accessPolicies[0].oktaGroups[0]).toBe("last");
  });

  test("a group's description names at most 20 Okta groups and counts the rest", () => {
    const groups: Rule[][] = Array.from({ length: 30 }, (_, i) => [{ okta: `team-${i}` }, { group: (i + 1) % 30 }]);
    const text = extractStack(stackOf(groups)).accessPolicies[0].admits;
    expect(text).toMatch(/^Access group "G0" \("team-0", "team-1", .*"team-19", and 10 more\)$/);
  });
});

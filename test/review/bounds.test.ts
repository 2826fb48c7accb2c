/**
 * Issue 24, "Bounds", at the level of the review: a bound reached is
 * "cannot tell" (a finding of kind `undecided`), which `--fail-on widen`
 * fails on; what was not computed is shown as written, never shortened.
 * Time and memory are proven in `npm run test:hostile` (child processes);
 * these tests check what the review says, with small limits.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import fc from "fast-check";
import { main } from "../../src/review/cli";
import { FINDING_KINDS, failsOn } from "../../src/review/findings";
import { review } from "../../src/review/review";
import { accessStack, HOSTILE_CASES, nestedReplace3kb } from "../hostile/corpus";
import { writeInput } from "../hostile/harness";
import { handWrittenIdp, writeStackFile } from "./helpers";

function run(...args: string[]) {
  let stdout = "";
  let stderr = "";
  const code = main(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

describe("issue 24's 3 KB of nested replace() locals", () => {
  const dir = writeInput(nestedReplace3kb()).head;

  test("the review is small, says it cannot tell, and the gate fails on widen", () => {
    const r = run("review", dir, "--fail-on", "widen");
    expect(r.code).toBe(3);
    expect(r.stderr).toBe("cdktf-okta-access: --fail-on: 1 undecided finding(s)\n");
    expect(r.stdout.length).toBeLessThan(100_000);
    expect(r.stdout).toContain(`### ${FINDING_KINDS.undecided.title} (1)`);
    expect(r.stdout).toMatch(/^\*\*❓ Cannot tell \(1 finding\) · .*\*\*$/m);
    expect(r.stdout).not.toContain("No access change");
    expect(r.stdout).toMatch(/a value computed from locals and variables exceeds 1,000,000 characters \(first at `local\.r20`/);
  });

  test("a cut value is shown as written (the expression), never as a shorter string", () => {
    const result = review(dir);
    const policy = result.stacks[0].accessPolicies[0];
    expect(policy.name).toBe("${local.r23}");
    expect(JSON.stringify(result.stacks)).not.toMatch(/x{1000}/);
    expect(result.bounds).toEqual([expect.objectContaining({ limit: "valueCharacters", value: 1_000_000, where: "local.r20" })]);
  });

  test("without --fail-on it exits 0 with the finding in the review; --fail-on undecided and any fail too", () => {
    expect(run("review", dir).code).toBe(0);
    expect(run("review", dir, "--fail-on", "undecided").code).toBe(3);
    expect(run("review", dir, "--fail-on", "any").code).toBe(3);
    expect(run("review", dir, "--fail-on", "replace,remove,narrow").code).toBe(0);
    const json = JSON.parse(run("review", dir, "--format", "json", "--fail-on", "widen").stdout);
    expect(json.exitCode).toBe(3);
    expect(json.failedOn).toEqual(["undecided"]);
    expect(json.warnings.filter((w: any) => w.kind === "undecided")).toHaveLength(1);
  });
});

describe("the regex budget of a run", () => {
  test("a groups filter that backtracks, checked against many rules: cannot tell, within the run's budget", () => {
    const c = HOSTILE_CASES.find((x) => x.name === "regex-backtracking")!;
    const dir = writeInput(c.build(20_000)).head;
    const result = review(dir, { failOn: ["widen"] });
    expect(result.bounds.map((b) => b.limit)).toEqual(["regexSteps", "regexStepsPerMatch"]);
    expect(result.exitCode).toBe(3);
    expect(result.warnings.filter((w) => w.kind === "undecided").map((w) => w.message)).toEqual([
      expect.stringMatching(/^the review stopped at one of its bounds: matching the groups filters' regexes took more than [\d,]+ steps in this review \(\d+ times\)\./),
      expect.stringMatching(/^the review stopped at one of its bounds: a groups filter's regex took more than 200,000 steps to match one group name \(\d+ times\)\./),
    ]);
  });

  test("a legitimate stack decides everything: no bound, no finding", () => {
    const result = review(writeStackFile(handWrittenIdp()), { failOn: ["widen"] });
    expect(result.bounds).toEqual([]);
    expect(result.warnings.filter((w) => w.kind === "undecided")).toEqual([]);
    expect(result.exitCode).toBe(0);
  });

  test("the limits option: a stack that needs more than the limits allows is undecided, and fails the gate", () => {
    const file = writeStackFile(
      handWrittenIdp((j) => {
        j.locals = { team: "eng", group: '${upper("${local.team}-admins")}' };
        j.resource.okta_app_oauth.cloudflare.groups_claim[0] = { type: "FILTER", filter_type: "REGEX", name: "groups", value: "eng-.*" };
        j.resource.cloudflare_zero_trust_access_policy = { p: { account_id: "a", name: "${local.group}", decision: "allow", include: [{ okta: { name: "eng-x", identity_provider_id: "${cloudflare_zero_trust_access_identity_provider.okta.id}" } }] } };
      }),
    );
    expect(review(file, { failOn: ["widen"] }).exitCode).toBe(0);
    const tight = review(file, { failOn: ["widen"], limits: { computedCharacters: 3, regexSteps: 3 } });
    expect(tight.bounds.map((b) => b.limit)).toEqual(["regexSteps", "computedCharacters"]);
    expect(tight.exitCode).toBe(3);
    expect(tight.stacks[0].accessPolicies[0].name).toBe("${local.group}");
  });
});

describe("a bound reached never passes the gate on widening", () => {
  // Small inputs of every kind of attack, under random limits.
  const inputs = HOSTILE_CASES.filter((c) => !c.name.startsWith("pathological-")).map((c) => {
    const input = c.build(6_000);
    const { head, base } = writeInput(input);
    return { name: c.name, head, base };
  });

  test("property: with --fail-on widen, exit 0 only when no bound was reached; every bound is an undecided finding", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...inputs),
        fc.record({
          regexSteps: fc.integer({ min: 0, max: 400_000 }),
          regexStepsPerMatch: fc.integer({ min: 1, max: 200_000 }),
          evaluationSteps: fc.integer({ min: 0, max: 100_000 }),
          computedCharacters: fc.integer({ min: 0, max: 200_000 }),
          valueCharacters: fc.integer({ min: 1, max: 50_000 }),
          valueDepth: fc.integer({ min: 1, max: 64 }),
          localsDepth: fc.integer({ min: 1, max: 64 }),
        }),
        (input, limits) => {
          const result = review(input.head, { base: input.base, failOn: ["widen"], limits });
          // Each bound is one finding of its own; the access comparison may add undecided findings of its own (what it could not decide, per application).
          const undecided = result.warnings.filter((w) => w.kind === "undecided" && w.message.includes("the review stopped at one of its bounds"));
          expect(undecided).toHaveLength(result.bounds.length);
          if (result.bounds.length > 0) expect(result.exitCode).not.toBe(0);
          if (result.exitCode === 0) expect(result.bounds).toEqual([]);
        },
      ),
      { numRuns: 40 },
    );
  });

  test("undecided counts as widen for --fail-on, and only as widen", () => {
    expect(failsOn("undecided", new Set(["widen"]))).toBe(true);
    expect(failsOn("undecided", new Set(["undecided"]))).toBe(true);
    expect(failsOn("undecided", new Set(["replace", "remove", "narrow", "check"]))).toBe(false);
    expect(failsOn("widen", new Set(["undecided"]))).toBe(false);
  });

  test("the fixture builder writes what the hostile suite reviews (a cdktf.out per side)", () => {
    const { head, base } = writeInput(HOSTILE_CASES.find((c) => c.name === "diff-everything-changes")!.build(3000));
    expect(fs.existsSync(path.join(head, "manifest.json"))).toBe(true);
    expect(fs.existsSync(path.join(base!, "stacks", "main", "cdk.tf.json"))).toBe(true);
  });
});

describe("a long Okta group name under the default groups filter", () => {
  // The red team's reproduction: `review` died with "Maximum call stack size
  // exceeded" on a 2,000-character group name matched against `.*`.
  const ALL = { type: "FILTER", filter_type: "REGEX", name: "groups", value: ".*" };
  const okta = (name: string) => ({ okta: { name, identity_provider_id: "${cloudflare_zero_trust_access_identity_provider.okta.id}" } });

  test.each([2_000, 100_000])("a %i-character name is reviewed: the filter sends it, no internal error", (n) => {
    const name = "E".repeat(n);
    const head = accessStack({ groupsClaim: ALL, resource: { cloudflare_zero_trust_access_policy: { allow: { account_id: "a", name: "Allow", decision: "allow", include: [okta(name)], session_duration: "8h" } } } });
    const dir = writeInput({ head }).head;
    const r = run("review", dir, "--format", "json", "--fail-on", "widen,undecided");
    expect(r.stderr).not.toContain("internal error");
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.warnings.filter((w: { kind: string }) => w.kind === "undecided")).toEqual([]);
    // Sent by `.*`: no "never matches" finding for it.
    expect(JSON.stringify(json.warnings)).not.toContain("not sent");
  });

  test("a name the groups filter cannot match deeply enough is cannot tell, not a crash", () => {
    const filter = { ...ALL, value: "(E)*" };
    const head = accessStack({ groupsClaim: filter, resource: { cloudflare_zero_trust_access_policy: { allow: { account_id: "a", name: "Allow", decision: "allow", include: [okta("E".repeat(5_000))], session_duration: "8h" } } } });
    const result = review(writeInput({ head }).head, { failOn: ["widen"] });
    expect(result.bounds.map((b) => b.limit)).toEqual(["regexDepth"]);
    expect(result.warnings.filter((w) => w.kind === "undecided").map((w) => w.message)).toEqual([
      expect.stringMatching(/^the review stopped at one of its bounds: a groups filter's regex nested more than 1,000 levels deep to match one group name/),
    ]);
    expect(result.exitCode).toBe(3);
  });
});

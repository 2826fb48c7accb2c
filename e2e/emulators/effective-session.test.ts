/** The effective-session rule the e2e suites assert (e2e/lib/effective-session.ts). */
import { durationNs, effectiveSession } from "../lib/effective-session";

const state = (policySession?: string) => ({
  accessApplications: [{ result: { name: "Wiki", session_duration: "8h", policies: [{ id: "p1", precedence: 1 }] } }],
  accessPolicies: [{ result: { id: "p1", name: "allow", decision: "allow", ...(policySession ? { session_duration: policySession } : {}) } }],
});

test("the policy's session wins when it sets one, even when longer", () => {
  expect(effectiveSession(state("24h"), "Wiki").effective).toBe("24h");
  expect(effectiveSession(state("30m"), "Wiki").effective).toBe("30m");
});

test("a policy without a session of its own grants the application's", () => {
  expect(effectiveSession(state(), "Wiki")).toEqual({ application: "8h", policies: [{ name: "allow", own: null, effective: "8h" }], effective: "8h" });
});

test("durations compare in Go's units, and garbage is refused", () => {
  expect(durationNs("1h30m")).toBe(durationNs("90m"));
  expect(durationNs("300ms")).toBe(0.3e9);
  expect(() => durationNs("8 hours")).toThrow(/not a duration/);
});

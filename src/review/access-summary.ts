/**
 * Who gets into which application: the review's verdict. For every Access
 * application of the head (and every one the head no longer has), the Okta
 * groups its allow policies admit and the session users get, before and
 * after, and whether access widens, narrows, or stays as it was.
 *
 * Applications are matched between base and head by their domains first
 * (a renamed construct keeps its domain), then by name, then by address.
 * This module decides; the renderers only format what it returns, and the
 * JSON output carries it as `access` so a bot can gate on it.
 */
import { AccessApplicationReview, AccessPolicyReview, StackReview } from "./review-model";
import { pathBelowStack } from "./stack-index";
import { durationSeconds, longerSession } from "./widening";

/** Who an application lets in, at one side of the change. */
export interface AccessState {
  /** Okta groups admitted by the application's allowing policies, sorted. */
  readonly oktaGroups: string[];
  /** True when some allowing policy admits everyone (Everyone, `everyone`, bypass, non_identity…). */
  readonly everyone: boolean;
  /** Other rules that admit people, in words (emails, IP ranges, Access groups without Okta groups…). */
  readonly otherRules: string[];
  /** The longest session an allowing policy gives (see `EffectiveSession`). */
  readonly session: string;
  /** `require` and `exclude` rules of the allowing policies, and deny policies: each narrows who gets in. */
  readonly restrictions: number;
}

/** How one application's access changes. */
export type AccessVerdict = "widens" | "narrows" | "widens and narrows" | "unchanged" | "new" | "removed";

/** One row of the access table. */
export interface AccessRow {
  readonly stack: string;
  readonly application: string;
  readonly domains: string[];
  /** The construct path below the stack, when cdktf synthesized it. */
  readonly constructPath?: string;
  readonly address: string;
  readonly before?: AccessState;
  readonly after?: AccessState;
  readonly groupsAdded: string[];
  readonly groupsRemoved: string[];
  readonly verdict: AccessVerdict;
  /** Why the verdict, in words. */
  readonly reasons: string[];
}

/** The verdict line's counts. */
export interface AccessCounts {
  /** Applications whose access widens, removed applications included (their domains lose Access). */
  readonly widens: number;
  readonly narrows: number;
  readonly unchanged: number;
  readonly new: number;
  readonly removed: number;
}

export interface AccessSummary {
  /** True when the summary compares against a base. */
  readonly compared: boolean;
  readonly rows: AccessRow[];
  readonly counts: AccessCounts;
}

const ALLOWING = new Set(["allow", "bypass", "non_identity"]);

/** Who an application lets in. */
export function accessState(stack: StackReview, app: AccessApplicationReview): AccessState {
  const byAddress = new Map<string, AccessPolicyReview>(stack.accessPolicies.map((p) => [p.address, p]));
  const groups = new Set<string>();
  const other = new Set<string>();
  let everyone = false;
  let restrictions = 0;
  let longest: string | undefined;
  for (const p of app.policies) {
    if (!ALLOWING.has(p.decision)) {
      if (p.decision === "deny") restrictions++;
      continue;
    }
    // bypass and non_identity let people in without signing in at all.
    if (p.everyone || p.decision !== "allow") everyone = true;
    for (const g of p.oktaGroups) groups.add(g);
    const full = p.policy !== undefined ? byAddress.get(p.policy) : undefined;
    if (full !== undefined) {
      restrictions += full.require.length + full.exclude.length;
      for (const rule of full.include) if (rule.oktaGroup === undefined && !full.everyone) other.add(rule.text);
    }
    if (longest === undefined || longerSession(longest, p.session.duration)) longest = p.session.duration;
  }
  return {
    oktaGroups: [...groups].sort(),
    everyone,
    otherRules: [...other].sort(),
    session: longest ?? app.effectiveSession.duration,
    restrictions,
  };
}

function relativePath(stack: string, path: string | undefined): string | undefined {
  if (path === undefined) return undefined;
  // The resource's own id ("Application") adds nothing.
  const below = pathBelowStack(stack, path);
  if (below.length > 1 && below[below.length - 1] === "Application") below.pop();
  return below.join("/");
}

/** Compares two states; `reasons` in the reviewer's words. */
function compare(before: AccessState, after: AccessState): { widens: boolean; narrows: boolean; added: string[]; removed: string[]; reasons: string[] } {
  const added = after.oktaGroups.filter((g) => !before.oktaGroups.includes(g));
  const removed = before.oktaGroups.filter((g) => !after.oktaGroups.includes(g));
  const reasons: string[] = [];
  let widens = false;
  let narrows = false;
  if (added.length > 0) {
    widens = true;
    reasons.push(`${added.length === 1 ? "group" : "groups"} ${added.join(", ")} now admitted`);
  }
  if (removed.length > 0) {
    narrows = true;
    reasons.push(`${removed.length === 1 ? "group" : "groups"} ${removed.join(", ")} no longer admitted`);
  }
  if (after.everyone && !before.everyone) {
    widens = true;
    reasons.push("now admits everyone");
  } else if (before.everyone && !after.everyone) {
    narrows = true;
    reasons.push("no longer admits everyone");
  }
  const newRules = after.otherRules.filter((r) => !before.otherRules.includes(r));
  const goneRules = before.otherRules.filter((r) => !after.otherRules.includes(r));
  if (newRules.length > 0) {
    widens = true;
    reasons.push(`new rule${newRules.length === 1 ? "" : "s"}: ${newRules.join("; ")}`);
  }
  if (goneRules.length > 0) {
    narrows = true;
    reasons.push(`rule${goneRules.length === 1 ? "" : "s"} removed: ${goneRules.join("; ")}`);
  }
  if (longerSession(before.session, after.session)) {
    widens = true;
    reasons.push(`session ${before.session} → ${after.session}`);
  } else if (longerSession(after.session, before.session)) {
    narrows = true;
    reasons.push(`session ${before.session} → ${after.session}`);
  }
  if (after.restrictions < before.restrictions) {
    widens = true;
    reasons.push("a require, exclude or deny rule removed");
  } else if (after.restrictions > before.restrictions) {
    narrows = true;
    reasons.push("a require, exclude or deny rule added");
  }
  return { widens, narrows, added, removed, reasons };
}

function key(domains: string[]): string {
  return JSON.stringify([...domains].sort());
}

/**
 * The access table: every application of the head, and with a base, every
 * application the head no longer has.
 */
export function accessSummary(head: readonly StackReview[], base?: readonly StackReview[]): AccessSummary {
  const rows: AccessRow[] = [];
  const baseByName = new Map((base ?? []).map((s) => [s.name, s]));
  for (const stack of head) {
    const baseStack = baseByName.get(stack.name);
    const unmatched = new Set(baseStack?.accessApplications ?? []);
    const take = (pick: (a: AccessApplicationReview) => boolean): AccessApplicationReview | undefined => {
      for (const a of unmatched) {
        if (pick(a)) {
          unmatched.delete(a);
          return a;
        }
      }
      return undefined;
    };
    const pairs: [AccessApplicationReview, AccessApplicationReview | undefined][] = [];
    // Three passes, so that a stronger match is never taken by a weaker one.
    const matched = new Map<AccessApplicationReview, AccessApplicationReview>();
    for (const app of stack.accessApplications) {
      const m = app.domains.length > 0 ? take((b) => key(b.domains) === key(app.domains)) : undefined;
      if (m !== undefined) matched.set(app, m);
    }
    for (const app of stack.accessApplications) {
      if (!matched.has(app)) {
        const m = take((b) => b.name === app.name);
        if (m !== undefined) matched.set(app, m);
      }
    }
    for (const app of stack.accessApplications) {
      if (!matched.has(app)) {
        const m = take((b) => b.address === app.address);
        if (m !== undefined) matched.set(app, m);
      }
    }
    for (const app of stack.accessApplications) pairs.push([app, matched.get(app)]);

    for (const [app, was] of pairs) {
      const after = accessState(stack, app);
      const common = {
        stack: stack.name,
        application: app.name,
        domains: app.domains,
        constructPath: relativePath(stack.name, app.constructPath),
        address: app.address,
      };
      if (base === undefined) {
        rows.push({ ...common, after, groupsAdded: [], groupsRemoved: [], verdict: "unchanged", reasons: [] });
      } else if (was === undefined || baseStack === undefined) {
        rows.push({ ...common, after, groupsAdded: after.oktaGroups, groupsRemoved: [], verdict: "new", reasons: ["new application"] });
      } else {
        const before = accessState(baseStack, was);
        const c = compare(before, after);
        const verdict: AccessVerdict = c.widens && c.narrows ? "widens and narrows" : c.widens ? "widens" : c.narrows ? "narrows" : "unchanged";
        rows.push({ ...common, before, after, groupsAdded: c.added, groupsRemoved: c.removed, verdict, reasons: c.reasons });
      }
    }
    if (baseStack !== undefined) {
      for (const gone of unmatched) {
        const before = accessState(baseStack, gone);
        rows.push({
          stack: stack.name,
          application: gone.name,
          domains: gone.domains,
          constructPath: relativePath(stack.name, gone.constructPath),
          address: gone.address,
          before,
          groupsAdded: [],
          groupsRemoved: before.oktaGroups,
          verdict: "removed",
          reasons: ["application removed: Access no longer protects its domains, so anyone who can reach the origin gets in"],
        });
      }
    }
  }
  // Stacks the head no longer has.
  for (const baseStack of base ?? []) {
    if (head.some((s) => s.name === baseStack.name)) continue;
    for (const gone of baseStack.accessApplications) {
      const before = accessState(baseStack, gone);
      rows.push({
        stack: baseStack.name,
        application: gone.name,
        domains: gone.domains,
        constructPath: relativePath(baseStack.name, gone.constructPath),
        address: gone.address,
        before,
        groupsAdded: [],
        groupsRemoved: before.oktaGroups,
        verdict: "removed",
        reasons: ["stack no longer synthesized"],
      });
    }
  }
  const count = (v: AccessVerdict) => rows.filter((r) => r.verdict === v).length;
  const both = count("widens and narrows");
  return {
    compared: base !== undefined,
    rows,
    // A removed application leaves its domains unprotected: that widens access.
    counts: { widens: count("widens") + both + count("removed"), narrows: count("narrows") + both, unchanged: count("unchanged"), new: count("new"), removed: count("removed") },
  };
}

/** Seconds of a Cloudflare duration, for sorting and tests. */
export { durationSeconds };

/**
 * Widening rules: changes that let more people in. A group added to an Access
 * group or policy, a policy added to an application, a broader groups claim
 * filter, a group (above all Everyone) assigned to the Okta app.
 */
import { filterSends, isAllGroups } from "../private/groups-filter";
import { describeGroupId, describeRules, display, durationSeconds, extractStack, groupsClaimOfApp, groupsClaimOfAuthServerClaim, isInlinePolicy } from "./extract";
import { Family, familyOf } from "./resource-types";
import { EffectiveSession, GroupsFilterReview } from "./review-model";
import { StackIndex, TfResource } from "./stack-index";
import { literal } from "./text";
import { block, canonical, isObject, Json, JsonObject, list, mapReferences, referenceTo } from "./terraform-json";

/** One change that widens access. */
export interface Widening {
  /** `widen` lets more people in (or for longer); `narrow` may lock people out. */
  readonly kind: "widen" | "narrow" | "check";
  readonly stack: string;
  readonly address: string;
  readonly constructPath?: string;
  readonly message: string;
  readonly hint?: string;
}

/** A claim filter change, from the point of view of who gets in. */
export type FilterComparison = "same" | "broader" | "narrower" | "changed";

/**
 * Widenings between a base and a head stack. `headToBase` maps head addresses
 * to base addresses (same address, moves and likely renames).
 */
export function findWidenings(base: StackIndex, head: StackIndex, headToBase: ReadonlyMap<string, string>): Widening[] {
  const found: Widening[] = [];
  const widen = (r: TfResource, message: string, hint?: string) => found.push({ kind: "widen", stack: head.name, address: r.address, constructPath: r.constructPath, message, hint });
  const narrow = (r: TfResource, message: string, hint?: string) => found.push({ kind: "narrow", stack: head.name, address: r.address, constructPath: r.constructPath, message, hint });
  const toBase = (value: Json): Json => mapReferences(value, (address) => headToBase.get(address) ?? address);
  const is = (r: TfResource, family: Family) => r.mode === "managed" && familyOf(r.type) === family;
  const baseAssignments = new Map<string, Set<string>>();
  for (const r of base.resources) {
    const family = r.mode === "managed" ? familyOf(r.type) : undefined;
    if (family !== "oktaAssignments" && family !== "oktaAssignment") continue;
    const key = assignmentAppKey(r.body.app_id ?? null);
    const groups = baseAssignments.get(key) ?? new Set<string>();
    for (const id of assignedGroupIds(r.body)) groups.add(canonical(id));
    baseAssignments.set(key, groups);
  }

  for (const h of head.resources) {
    const baseAddress = headToBase.get(h.address);
    const b = baseAddress !== undefined ? base.byAddress.get(baseAddress) : undefined;
    const name = display(h.body.name) ?? h.name;

    if (is(h, "accessGroup") || is(h, "accessPolicy")) {
      if (b === undefined) continue;
      const what = is(h, "accessGroup") ? `Access group ${literal(name)}` : `policy ${literal(name)}`;
      const describe = (index: StackIndex, rule: Json) => describeRules(index, { include: [rule] }).admits;
      const added = (key: "include" | "exclude" | "require") => addedItems(b.body[key], h.body[key], toBase);
      const removed = (key: "include" | "exclude" | "require") => addedItems(h.body[key], b.body[key], (v) => v, toBase);
      if (display(h.body.decision) === "deny") {
        // A deny policy widens access when it denies fewer: an include removed, an exclude or require added.
        for (const rule of removed("include")) widen(h, `deny ${what} no longer denies ${describe(base, rule)} (removed from include)`);
        for (const rule of added("exclude")) widen(h, `deny ${what} now exempts ${describe(head, rule)} (added to exclude)`);
        for (const rule of added("require")) widen(h, `deny ${what} now denies only those who also match ${describe(head, rule)} (added to require)`);
      } else {
        for (const rule of added("include")) widen(h, `${what} now admits ${describe(head, rule)} (added to include)`);
        for (const rule of removed("require")) widen(h, `${what} no longer requires ${describe(base, rule)}`);
        for (const rule of removed("exclude")) widen(h, `${what} no longer excludes ${describe(base, rule)}`);
      }
      const before = display(b.body.decision) ?? "allow";
      const after = display(h.body.decision) ?? "allow";
      if (morePermissive(before, after)) widen(h, `${what}: decision ${literal(before)} → ${literal(after)}${DECISION_MEANS.get(after) ?? ""}`);

    } else if (is(h, "accessApplication")) {
      if (b === undefined) continue;
      const what = `application ${literal(name)}`;
      for (const entry of addedItems(b.body.policies, h.body.policies, toBase, (v) => v, policyKey)) {
        const id = isObject(entry) ? entry.id : entry;
        const address = referenceTo(id);
        const policy = address !== undefined ? head.byAddress.get(address) : undefined;
        // As extraction reads an entry: the policy it names, an inline policy, or one this stack does not hold.
        if (policy === undefined && !isInlinePolicy(entry)) {
          const shown = display(id);
          widen(h, `${what} gains policy ${shown !== undefined ? literal(shown) : "?"} (unknown: the policy is not in this stack)`);
          continue;
        }
        const body: JsonObject = policy ? policy.body : (entry as JsonObject);
        const decision = display(body.decision) ?? "allow";
        // A deny policy gained lets nobody in.
        if (decision === "deny") continue;
        const policyName = display(body.name) ?? policy?.name ?? "?";
        widen(h, `${what} gains policy ${literal(policyName)} (${decision}: ${describeRules(head, body).admits})`);
      }
      const domainsBefore = new Set(domainsOf(b.body));
      for (const domain of domainsOf(h.body).filter((d) => !domainsBefore.has(d))) {
        widen(h, `${what} now also covers ${literal(domain)}: everyone its policies admit reaches it`);
      }
      const idpsBefore = list(b.body.allowed_idps);
      const idpsAfter = list(h.body.allowed_idps);
      if (idpsBefore.length > 0 && idpsAfter.length === 0) {
        widen(h, `${what} now accepts every identity provider of the account (allowed_idps removed)`);
      } else if (idpsBefore.length > 0) {
        // Without allowed_idps the application accepted every identity provider: a list set now narrows.
        for (const idp of addedItems(idpsBefore, idpsAfter, toBase)) {
          const target = referenceTo(idp);
          const idpName = target !== undefined ? display(head.byAddress.get(target)?.body.name) : undefined;
          const shown = idpName ?? display(idp);
          widen(h, `${what} now accepts identity provider ${shown !== undefined ? literal(shown) : "?"}`);
        }
      }
    } else if (is(h, "oktaApp")) {
      if (b === undefined) continue;
      const comparison = compareFilters(groupsClaimOfApp(b.body), groupsClaimOfApp(h.body));
      const app = `Okta app ${literal(display(h.body.label) ?? h.name)}`;
      if (b.body.implicit_assignment !== true && h.body.implicit_assignment === true) {
        widen(h, `${app}: implicit_assignment turned on (Federation Broker Mode): every user of the Okta org can sign in through it, group assignments no longer limit who`);
      }
      if (comparison.result === "narrower") narrow(h, `${app}: groups claim narrowed, ${comparison.text}: it may lock people out`, NARROW_HINT);
      if (comparison.result === "broader") widen(h, `${app}: groups claim broadened, ${comparison.text}`);
      if (comparison.result === "changed") widen(h, `${app}: groups claim changed, ${comparison.text}; it may send groups it did not send before`);
    } else if (is(h, "oktaAuthServerClaim")) {
      if (b === undefined) continue;
      const comparison = compareFilters(groupsClaimOfAuthServerClaim(b.body), groupsClaimOfAuthServerClaim(h.body));
      const claim = `authorization server claim ${literal(name)}`;
      if (comparison.result === "narrower") narrow(h, `${claim}: groups filter narrowed, ${comparison.text}: it may lock people out`, NARROW_HINT);
      if (comparison.result === "broader") widen(h, `${claim}: groups filter broadened, ${comparison.text}`);
      if (comparison.result === "changed") widen(h, `${claim}: groups filter changed, ${comparison.text}; it may send groups it did not send before`);
    } else if (is(h, "oktaAssignments") || is(h, "oktaAssignment")) {
      // Compared by content: the groups the base assigned to the same app, by any assignment resource.
      if (!appExistedInBase(h.body.app_id)) continue;
      const assignedBefore = baseAssignments.get(assignmentAppKey(toBase(h.body.app_id ?? null))) ?? new Set<string>();
      const additive = is(h, "oktaAssignment");
      for (const id of assignedGroupIds(h.body)) {
        if (assignedBefore.has(canonical(toBase(id)))) continue;
        widen(h, assignedMessage(labelOfApp(head, h.body.app_id), describeGroupId(head, id), additive));
      }
    } else if (is(h, "cloudflareIdp")) {
      if (b === undefined) continue;
      if (b.body.scim_config === undefined && isObject(block(h.body.scim_config))) {
        found.push({
          kind: "check",
          stack: head.name,
          address: h.address,
          constructPath: h.constructPath,
          message: `SCIM is added to the existing identity provider ${literal(name)}: cloudflare provider 5.14.0 fails this apply with "Provider produced inconsistent result after apply" (fixed only in 5.20.0)`,
          hint: "Apply in two steps: turn SCIM on in the Cloudflare dashboard (Zero Trust → Settings → Authentication → the IdP → SCIM) and import or refresh, or create a new identity provider with SCIM and switch applications to it; or upgrade to cloudflare provider 5.20.0 or later.",
        });
      }
    }
  }
  found.push(...removedDenyPolicies(base, head, headToBase), ...reorderedPolicies(base, head, headToBase), ...lengthenedSessions(base, head, headToBase));
  return found;

  function appExistedInBase(appId: Json | undefined): boolean {
    const address = referenceTo(appId);
    if (address === undefined) return true;
    return base.byAddress.has(headToBase.get(address) ?? address);
  }
}

const NARROW_HINT =
  "Check that every Okta group named in an Access rule is still sent: a rule on a group the claim no longer sends never matches, and its people are denied.";

const PERMISSIVENESS: ReadonlyMap<string, number> = new Map([
  ["deny", 0],
  ["allow", 1],
  ["non_identity", 2],
  ["bypass", 3],
]);

const DECISION_MEANS: ReadonlyMap<string, string> = new Map([
  ["bypass", ": anyone reaches the application without signing in"],
  ["non_identity", ": requests that match its non-identity rules (IP, service token, certificate) get in without anyone signing in"],
  ["allow", ": the people it names are now let in"],
]);

/** True when a policy decision change lets more requests in (deny < allow < non_identity < bypass). */
export function morePermissive(before: string, after: string): boolean {
  const b = PERMISSIVENESS.get(before);
  const a = PERMISSIVENESS.get(after);
  if (a !== undefined && b !== undefined) return a > b;
  // An unknown decision changed, or compared with a known one: say it, rather than miss it.
  return before !== after && after !== "deny";
}

export { durationSeconds };

/** True when a session gets longer; an absent session is the provider's 24h. */
export function longerSession(before: string | undefined, after: string | undefined): boolean {
  const b = durationSeconds(before ?? "24h");
  const a = durationSeconds(after ?? "24h");
  return a !== undefined && b !== undefined && a > b;
}

/** The hostnames an application covers, as written: domain, self_hosted_domains and the destinations' uri or hostname. */
function domainsOf(body: JsonObject): string[] {
  return [body.domain, ...list(body.self_hosted_domains), ...list(body.destinations).map((d) => (isObject(d) ? d.uri ?? d.hostname : d))]
    .map(display)
    .filter((d): d is string => d !== undefined && d !== "");
}

function assignmentAppKey(appId: Json): string {
  return canonical(appId);
}

function assignedGroupIds(body: JsonObject): Json[] {
  if (body.group_id !== undefined) return [body.group_id];
  const ids = list(body.group).map((g) => (isObject(g) ? g.id ?? null : g));
  const dynamic = block(block(body.dynamic)?.group);
  if (dynamic !== undefined) ids.push(dynamic.for_each ?? null);
  return ids;
}

/**
 * Which policy an application's extracted entry is, the same in base and head:
 * the policy it names (a head address translated with `headToBase`), or an
 * inline policy's decision and name (an inline allow and an inline deny may
 * share a name).
 */
function entryKey(p: { readonly policy?: string; readonly name: string; readonly decision: string }, headToBase?: ReadonlyMap<string, string>): string {
  if (p.policy === undefined) return `inline:${p.decision}:${p.name}`;
  return headToBase?.get(p.policy) ?? p.policy;
}

/** Deny policies of the base that no longer exist in the head, or that an application no longer uses. */
function removedDenyPolicies(base: StackIndex, head: StackIndex, headToBase: ReadonlyMap<string, string>): Widening[] {
  const found: Widening[] = [];
  const baseToHead = new Map([...headToBase].map(([h, b]) => [b, h]));
  const headStack = extractStack(head);
  const headApps = new Map(headStack.accessApplications.map((a) => [headToBase.get(a.address) ?? a.address, a]));
  for (const app of extractStack(base).accessApplications) {
    const now = headApps.get(app.address);
    if (now === undefined) continue;
    const keptPolicies = new Set(now.policies.map((p) => entryKey(p, headToBase)));
    for (const p of app.policies) {
      if (p.decision !== "deny") continue;
      if (keptPolicies.has(entryKey(p))) continue;
      const gone = p.policy !== undefined && !baseToHead.has(p.policy) && !head.byAddress.has(p.policy);
      found.push({
        kind: "widen",
        stack: head.name,
        address: now.address,
        constructPath: now.constructPath,
        message: `application ${literal(now.name)} no longer has deny policy ${literal(p.name)}${gone ? " (the policy is deleted)" : ""}: the people it denied (${p.admits}) may now get in`,
      });
    }
  }
  return found;
}

/** Policies through which an application now gives longer sessions than before. */
function lengthenedSessions(base: StackIndex, head: StackIndex, headToBase: ReadonlyMap<string, string>): Widening[] {
  const found: Widening[] = [];
  const baseApps = new Map(extractStack(base).accessApplications.map((a) => [a.address, a]));
  const words = (s: EffectiveSession) => `${literal(s.duration)} (${s.source === "policy" ? "the policy's" : s.source === "application" ? "the application's" : "the provider's default: the policy sets none"})`;
  for (const app of extractStack(head).accessApplications) {
    const before = baseApps.get(headToBase.get(app.address) ?? app.address);
    if (before === undefined) continue;
    const baseSessions = new Map(before.policies.map((p) => [entryKey(p), p.session]));
    for (const p of app.policies) {
      if (p.decision === "deny") continue;
      const was = baseSessions.get(entryKey(p, headToBase));
      if (was === undefined || !longerSession(was.duration, p.session.duration)) continue;
      found.push({
        kind: "widen",
        stack: head.name,
        address: app.address,
        constructPath: app.constructPath,
        message: `application ${literal(app.name)}: the session through policy ${literal(p.name)} lengthens from ${words(was)} to ${words(p.session)}: people keep access longer after they lose it in Okta`,
      });
    }
  }
  return found;
}

/** Applications whose policy order changed so that an allow now comes before a deny it came after. */
function reorderedPolicies(base: StackIndex, head: StackIndex, headToBase: ReadonlyMap<string, string>): Widening[] {
  const found: Widening[] = [];
  const baseApps = new Map(extractStack(base).accessApplications.map((a) => [a.address, a]));
  for (const app of extractStack(head).accessApplications) {
    const before = baseApps.get(headToBase.get(app.address) ?? app.address);
    if (before === undefined) continue;
    const baseOrder = new Map(before.policies.map((p, i) => [entryKey(p), i]));
    const headPolicies = app.policies.map((p) => ({ p, key: entryKey(p, headToBase) }));
    const reported = new Set<string>();
    for (let i = 0; i < headPolicies.length; i++) {
      const allow = headPolicies[i];
      if (allow.p.decision === "deny") continue;
      for (let j = i + 1; j < headPolicies.length; j++) {
        const deny = headPolicies[j];
        if (deny.p.decision !== "deny") continue;
        const ab = baseOrder.get(allow.key);
        const db = baseOrder.get(deny.key);
        // Only a deny that came before the allow in the base (two entries of one base policy are no reordering).
        if (ab === undefined || db === undefined || db >= ab || reported.has(`${allow.key}|${deny.key}`)) continue;
        reported.add(`${allow.key}|${deny.key}`);
        found.push({
          kind: "widen",
          stack: head.name,
          address: app.address,
          constructPath: app.constructPath,
          message: `application ${literal(app.name)}: ${allow.p.decision} policy ${literal(allow.p.name)} now comes before deny policy ${literal(deny.p.name)} (precedence ${allow.p.precedence ?? "?"} < ${deny.p.precedence ?? "?"}): people both admit are let in before the deny is evaluated`,
        });
      }
    }
  }
  return found;
}

function assignedMessage(app: string, group: { group: string; everyone: boolean }, additive: boolean): string {
  const how = additive ? " (additive assignment)" : "";
  if (group.everyone) {
    return `Okta app ${app} is now assigned to Everyone${how}: every user of the Okta org can sign in through it, and Access policies alone decide who reaches each application`;
  }
  return `Okta app ${app} is now assigned to group ${literal(group.group)}${how}`;
}

function labelOfApp(head: StackIndex, appId: Json | undefined): string {
  const address = referenceTo(appId);
  const app = address !== undefined ? head.byAddress.get(address) : undefined;
  const shown = app ? display(app.body.label) ?? app.name : display(appId);
  return shown !== undefined ? literal(shown) : "?";
}

/** An application's policy entry, compared by the policy it names; an inline policy by its rules, not its precedence. */
function policyKey(entry: Json): string {
  if (isObject(entry) && entry.id !== undefined) return canonical(entry.id);
  if (isObject(entry)) return canonical(Object.fromEntries(Object.entries(entry).filter(([key]) => key !== "precedence")));
  return canonical(entry);
}

/**
 * Items of `after` missing from `before`, compared as canonical JSON after
 * translating references with `mapAfter` / `mapBefore`.
 */
function addedItems(
  before: Json | undefined,
  after: Json | undefined,
  mapAfter: (v: Json) => Json,
  mapBefore: (v: Json) => Json = (v) => v,
  key: (v: Json) => string = canonical,
): Json[] {
  const known = new Set(list(before).map((item) => key(mapBefore(item))));
  return list(after).filter((item) => !known.has(key(mapAfter(item))));
}

/** Whether a new groups filter sends more groups than the old one. */
export function compareFilters(
  before: GroupsFilterReview | undefined,
  after: GroupsFilterReview | undefined,
): { result: FilterComparison; text: string } {
  const words = (f: GroupsFilterReview | undefined) => (f === undefined ? "no groups claim" : f.description);
  const text = `${words(before)} → ${words(after)}`;
  if (before === undefined && after === undefined) return { result: "same", text };
  if (before === undefined) return { result: "broader", text };
  if (after === undefined) return { result: "narrower", text };
  if (before.type === after.type && before.filterType === after.filterType && before.value === after.value) return { result: "same", text };
  if (before.type !== "FILTER" || after.type !== "FILTER") return { result: "changed", text };

  const isAll = (f: GroupsFilterReview) => isAllGroups(f);
  if (isAll(after)) return { result: isAll(before) ? "same" : "broader", text };
  if (isAll(before)) return { result: "narrower", text };

  // Okta compares the literal filters case-insensitively (filterSends).
  const a = before.value.toLowerCase();
  const b = after.value.toLowerCase();
  if (before.filterType === after.filterType) {
    // Two regexes (or two filters of a kind we do not know) fall through: changed.
    switch (after.filterType) {
      case "EQUALS":
        // The same name in another case is the same group.
        return { result: a === b ? "same" : "changed", text };
      case "STARTS_WITH":
      case "CONTAINS": {
        const contains = after.filterType === "STARTS_WITH" ? (x: string, y: string) => x.startsWith(y) : (x: string, y: string) => x.includes(y);
        if (contains(a, b)) return { result: contains(b, a) ? "same" : "broader", text };
        if (contains(b, a)) return { result: "narrower", text };
        return { result: "changed", text };
      }
    }
  }
  // An exact group that the new filter still sends (a regex evaluated as
  // Okta does, with java.util.regex): the new filter sends it and more.
  if (before.filterType === "EQUALS") return { result: filterSends(after, before.value) === true ? "broader" : "changed", text };
  // A prefix or text turned into "contains" of something it contains.
  if (before.filterType === "STARTS_WITH" && after.filterType === "CONTAINS" && a.includes(b)) return { result: "broader", text };
  return { result: "changed", text };
}

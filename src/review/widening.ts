/**
 * Widening rules: changes that let more people in. A group added to an Access
 * group or policy, a policy added to an application, a broader groups claim
 * filter, a group (above all Everyone) assigned to the Okta app.
 */
import { describeGroupId, describeRules, display, groupsClaimOfApp, groupsClaimOfAuthServerClaim } from "./extract";
import { Family, familyOf } from "./resource-types";
import { GroupsFilterReview } from "./review-model";
import { StackIndex, TfResource } from "./stack-index";
import { canonical, isObject, Json, JsonObject, list, mapReferences, referenceTo } from "./terraform-json";

/** One change that widens access. */
export interface Widening {
  readonly stack: string;
  readonly address: string;
  readonly constructPath?: string;
  readonly message: string;
}

/** A claim filter change, from the point of view of who gets in. */
export type FilterComparison = "same" | "broader" | "narrower" | "changed";

/**
 * Widenings between a base and a head stack. `headToBase` maps head addresses
 * to base addresses (same address, moves and likely renames).
 */
export function findWidenings(base: StackIndex, head: StackIndex, headToBase: ReadonlyMap<string, string>): Widening[] {
  const found: Widening[] = [];
  const widen = (r: TfResource, message: string) => found.push({ stack: head.name, address: r.address, constructPath: r.constructPath, message });
  const toBase = (value: Json): Json => mapReferences(value, (address) => headToBase.get(address) ?? address);
  const is = (r: TfResource, family: Family) => r.mode === "managed" && familyOf(r.type) === family;

  for (const h of head.resources) {
    const baseAddress = headToBase.get(h.address);
    const b = baseAddress !== undefined ? base.byAddress.get(baseAddress) : undefined;
    const name = display(h.body.name) ?? h.name;

    if (is(h, "accessGroup") || is(h, "accessPolicy")) {
      if (b === undefined) continue;
      const what = is(h, "accessGroup") ? `Access group "${name}"` : `policy "${name}"`;
      for (const rule of addedItems(b.body.include, h.body.include, toBase)) {
        widen(h, `${what} now admits ${describeRules(head, { include: [rule] }).admits} (added to include)`);
      }
      for (const rule of addedItems(h.body.require, b.body.require, (v) => v, toBase)) {
        widen(h, `${what} no longer requires ${describeRules(base, { include: [rule] }).admits}`);
      }
      for (const rule of addedItems(h.body.exclude, b.body.exclude, (v) => v, toBase)) {
        widen(h, `${what} no longer excludes ${describeRules(base, { include: [rule] }).admits}`);
      }
      const before = display(b.body.decision) ?? "allow";
      const after = display(h.body.decision) ?? "allow";
      if (before !== after && (after === "bypass" || (after === "allow" && before !== "bypass"))) {
        widen(h, `${what}: decision ${before} → ${after}${after === "bypass" ? ": anyone reaches the application without signing in" : ""}`);
      }
    } else if (is(h, "accessApplication")) {
      if (b === undefined) continue;
      const what = `application "${name}"`;
      for (const entry of addedItems(b.body.policies, h.body.policies, toBase, (v) => v, policyKey)) {
        const id = isObject(entry) ? entry.id : entry;
        const address = referenceTo(id);
        const policy = address !== undefined ? head.byAddress.get(address) : undefined;
        const body: JsonObject = policy ? policy.body : isObject(entry) ? entry : {};
        const decision = display(body.decision) ?? "allow";
        const policyName = display(body.name) ?? policy?.name ?? display(id) ?? "?";
        widen(h, `${what} gains policy "${policyName}" (${decision}: ${describeRules(head, body).admits})`);
      }
      const idpsBefore = list(b.body.allowed_idps);
      const idpsAfter = list(h.body.allowed_idps);
      if (idpsBefore.length > 0 && idpsAfter.length === 0) {
        widen(h, `${what} now accepts every identity provider of the account (allowed_idps removed)`);
      } else {
        for (const idp of addedItems(idpsBefore, idpsAfter, toBase)) {
          const target = referenceTo(idp);
          const idpName = target !== undefined ? display(head.byAddress.get(target)?.body.name) : undefined;
          widen(h, `${what} now accepts identity provider ${idpName !== undefined ? `"${idpName}"` : display(idp) ?? "?"}`);
        }
      }
    } else if (is(h, "oktaApp")) {
      if (b === undefined) continue;
      const comparison = compareFilters(groupsClaimOfApp(b.body), groupsClaimOfApp(h.body));
      const app = `Okta app "${display(h.body.label) ?? h.name}"`;
      if (comparison.result === "broader") widen(h, `${app}: groups claim broadened, ${comparison.text}`);
      if (comparison.result === "changed") widen(h, `${app}: groups claim changed, ${comparison.text}; it may send groups it did not send before`);
    } else if (is(h, "oktaAuthServerClaim")) {
      if (b === undefined) continue;
      const comparison = compareFilters(groupsClaimOfAuthServerClaim(b.body), groupsClaimOfAuthServerClaim(h.body));
      const claim = `authorization server claim "${name}"`;
      if (comparison.result === "broader") widen(h, `${claim}: groups filter broadened, ${comparison.text}`);
      if (comparison.result === "changed") widen(h, `${claim}: groups filter changed, ${comparison.text}; it may send groups it did not send before`);
    } else if (is(h, "oktaAssignments")) {
      const appLabel = labelOfApp(head, h.body.app_id);
      const baseGroups = b ? list(b.body.group).map((g) => (isObject(g) ? g.id : g)) : [];
      if (b === undefined && !appExistedInBase(h.body.app_id)) continue;
      for (const id of addedItems(baseGroups, list(h.body.group).map((g) => (isObject(g) ? g.id : g)), toBase)) {
        widen(h, assignedMessage(appLabel, describeGroupId(head, id)));
      }
    } else if (is(h, "oktaAssignment")) {
      if (b !== undefined && canonical(toBase(h.body.group_id)) === canonical(b.body.group_id)) continue;
      if (!appExistedInBase(h.body.app_id)) continue;
      widen(h, assignedMessage(labelOfApp(head, h.body.app_id), describeGroupId(head, h.body.group_id), true));
    }
  }
  return found;

  function appExistedInBase(appId: Json | undefined): boolean {
    const address = referenceTo(appId);
    if (address === undefined) return true;
    return base.byAddress.has(headToBase.get(address) ?? address);
  }
}

function assignedMessage(app: string, group: { group: string; everyone: boolean }, additive = false): string {
  const how = additive ? " (additive assignment)" : "";
  if (group.everyone) {
    return `Okta app ${app} is now assigned to Everyone${how}: every user of the Okta org can sign in through it, and Access policies alone decide who reaches each application`;
  }
  return `Okta app ${app} is now assigned to group "${group.group}"${how}`;
}

function labelOfApp(head: StackIndex, appId: Json | undefined): string {
  const address = referenceTo(appId);
  const app = address !== undefined ? head.byAddress.get(address) : undefined;
  return app ? `"${display(app.body.label) ?? app.name}"` : display(appId) ?? "?";
}

/** An application's policy entry, compared by the policy it names. */
function policyKey(entry: Json): string {
  if (isObject(entry) && entry.id !== undefined) return canonical(entry.id);
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

const ALL = new Set([".*", "^.*$", ".+", "^.+$", "(.*)", "^(.*)$"]);

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

  const isAll = (f: GroupsFilterReview) => f.filterType === "REGEX" && ALL.has(f.value);
  if (isAll(after)) return { result: isAll(before) ? "same" : "broader", text };
  if (isAll(before)) return { result: "narrower", text };

  const a = before.value;
  const b = after.value;
  if (before.filterType === after.filterType) {
    switch (after.filterType) {
      case "STARTS_WITH":
      case "CONTAINS": {
        const contains = after.filterType === "STARTS_WITH" ? (x: string, y: string) => x.startsWith(y) : (x: string, y: string) => x.includes(y);
        if (contains(a, b)) return { result: "broader", text };
        if (contains(b, a)) return { result: "narrower", text };
        return { result: "changed", text };
      }
      default:
        return { result: "changed", text };
    }
  }
  // An exact group that the new filter still matches: the new filter sends it and more.
  if (before.filterType === "EQUALS") {
    const keeps =
      (after.filterType === "STARTS_WITH" && a.startsWith(b)) ||
      (after.filterType === "CONTAINS" && a.includes(b)) ||
      (after.filterType === "REGEX" && safeFullMatch(b, a));
    return { result: keeps ? "broader" : "changed", text };
  }
  // A prefix or text turned into "contains" of something it contains.
  if (before.filterType === "STARTS_WITH" && after.filterType === "CONTAINS" && a.includes(b)) return { result: "broader", text };
  return { result: "changed", text };
}

function safeFullMatch(pattern: string, value: string): boolean {
  try {
    return new RegExp(`^(?:${pattern})$`).test(value);
  } catch {
    return false;
  }
}

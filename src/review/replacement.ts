/**
 * Replacement rules: which changes make Terraform destroy a resource and
 * create a new one, and what that means for the people who sign in.
 */
import { TfResource } from "./model";
import { canonical, isObject, Json, JsonObject, mapReferences, referencedAddresses, typeOfAddress } from "./terraform-json";

/**
 * Attributes the providers force new (checked in the providers' schemas:
 * okta/okta 4.20.0 `ForceNew`, cloudflare/cloudflare 5.14.0 `RequiresReplace`).
 */
export const FORCE_NEW: { readonly [type: string]: readonly string[] } = {
  okta_app_oauth: ["type", "client_id"],
  okta_app_group_assignment: ["app_id", "group_id"],
  cloudflare_zero_trust_access_identity_provider: ["type", "account_id", "zone_id"],
  cloudflare_zero_trust_access_application: ["account_id", "zone_id"],
  cloudflare_zero_trust_access_group: ["account_id", "zone_id"],
  cloudflare_zero_trust_access_policy: ["account_id", "zone_id"],
  cloudflare_access_identity_provider: ["type", "account_id", "zone_id"],
  cloudflare_access_application: ["account_id", "zone_id"],
  cloudflare_access_group: ["account_id", "zone_id"],
  cloudflare_access_policy: ["account_id", "zone_id", "application_id"],
};

/** The force-new attributes whose values differ between two versions of a resource. */
export function forceNewChanges(type: string, before: JsonObject, after: JsonObject): string[] {
  const attributes = (FORCE_NEW[type] ?? []).filter((a) => canonical(before[a]) !== canonical(after[a]));
  // okta_app_oauth: omit_secret going from true to false forces a new app (a new secret to keep in state).
  if (type === "okta_app_oauth" && before.omit_secret === true && after.omit_secret !== true) attributes.push("omit_secret");
  return attributes;
}

/** Force-new attributes of a resource that refer to one of `replaced` (their value changes when it is re-created). */
export function forceNewReferencesTo(resource: TfResource, replaced: ReadonlySet<string>): string[] {
  const found: string[] = [];
  for (const attribute of FORCE_NEW[resource.type] ?? []) {
    const value = resource.body[attribute];
    if (typeof value !== "string") continue;
    for (const address of referencedAddresses(value)) {
      if (replaced.has(address)) found.push(`${attribute} (refers to ${address}, which is re-created)`);
    }
  }
  return found;
}

/** What replacing a resource of this type does to users. */
export function replacementImpact(type: string): string {
  switch (type) {
    case "okta_app_oauth":
      return "Terraform deletes the Okta app and creates a new one: a new client ID and a new client secret (Cloudflare's identity provider is updated with them), everybody who signed in through it is signed out and must sign in again, and anything set on the old app by hand in the Okta admin console (assignments, sign-on policy) is lost.";
    case "cloudflare_zero_trust_access_identity_provider":
    case "cloudflare_access_identity_provider":
      return "Terraform deletes the Cloudflare identity provider and creates a new one with a new id: every Access session issued through it ends (everybody signs in again), Access groups, policies and applications that name it are updated, and with SCIM on, its base URL and secret change (update the Okta SCIM app).";
    case "cloudflare_zero_trust_access_application":
    case "cloudflare_access_application":
      return "Terraform deletes the Access application and creates a new one with a new AUD tag: users sign in again, and origins that validate Access JWTs against the old AUD reject every request until they are updated.";
    case "cloudflare_zero_trust_access_policy":
    case "cloudflare_access_policy":
      return "Terraform deletes the policy and creates a new one with a new id; between the two steps the applications that use it may deny access.";
    case "cloudflare_zero_trust_access_group":
    case "cloudflare_access_group":
      return "Terraform deletes the Access group and creates a new one with a new id; policies that use it are updated, and may deny access in between.";
    case "okta_app_group_assignments":
    case "okta_app_group_assignment":
      return "Terraform removes the group assignment and adds it again: its members cannot sign in through the Okta app in between.";
    case "okta_auth_server_claim":
      return "Terraform deletes the claim and creates it again: tokens issued in between carry no groups, so Access rules on Okta groups deny.";
    default:
      return "Terraform deletes the resource and creates a new one.";
  }
}

/** How much a replacement of this type hurts, for ordering warnings: 0 most. */
export function severity(type: string): number {
  const order = [
    ["okta_app_oauth"],
    ["cloudflare_zero_trust_access_identity_provider", "cloudflare_access_identity_provider"],
    ["cloudflare_zero_trust_access_application", "cloudflare_access_application"],
    ["cloudflare_zero_trust_access_policy", "cloudflare_access_policy", "cloudflare_zero_trust_access_group", "cloudflare_access_group"],
    ["okta_app_group_assignments", "okta_app_group_assignment", "okta_auth_server_claim"],
  ];
  const rank = order.findIndex((types) => types.includes(type));
  return rank === -1 ? order.length : rank;
}

/** What deleting a resource of this type does to users, when it matters. */
export function removalImpact(type: string): string | undefined {
  switch (type) {
    case "okta_app_oauth":
      return "Terraform deletes the Okta app: nobody can sign in through it any more.";
    case "cloudflare_zero_trust_access_identity_provider":
    case "cloudflare_access_identity_provider":
      return "Terraform deletes the Cloudflare identity provider: its users can no longer sign in to Access with it.";
    case "cloudflare_zero_trust_access_application":
    case "cloudflare_access_application":
      return "Terraform deletes the Access application: the hostname is no longer protected by Access, and is open to anyone who can reach the origin.";
    case "okta_app_group_assignments":
      return "Terraform deletes the exclusive assignment: the groups are unassigned from the Okta app and cannot sign in through it.";
    default:
      return undefined;
  }
}

/** A removed and an added resource that are most likely the same one under a new address. */
export interface RenamePair {
  readonly from: TfResource;
  readonly to: TfResource;
  /** 1 for identical content; lower for near matches. */
  readonly similarity: number;
}

const MIN_SIMILARITY = 0.6;
// Pairwise comparison beyond this many candidates per type costs more than it helps.
const MAX_PAIRWISE = 250_000;

/**
 * Pairs removed and added resources of the same type that share content: a
 * renamed construct id changes the address but not the attributes.
 *
 * References are compared through the pairs already found (so two identical
 * identity providers are told apart by the Okta apps they point at), and by
 * resource type only when the referenced resource is not paired (yet): pairing
 * runs in rounds until no new pair appears, then near matches are tried.
 */
export function findRenames(removed: TfResource[], added: TfResource[]): RenamePair[] {
  const pairs: RenamePair[] = [];
  const removedSet = new Set(removed.map((r) => r.address));
  const addedSet = new Set(added.map((r) => r.address));
  const headToBase = new Map<string, string>();
  // Base side: references to removed resources are unknown until paired.
  const baseKey = (address: string) => (removedSet.has(address) ? wildcard(address) : address);
  // Head side: references to added resources go through the pairs found so far.
  const headKey = (address: string) => (addedSet.has(address) ? headToBase.get(address) ?? wildcard(address) : address);
  const byType = new Map<string, { removed: TfResource[]; added: TfResource[] }>();
  for (const r of removed) bucket(byType, r).removed.push(r);
  for (const r of added) bucket(byType, r).added.push(r);
  const used = new Set<TfResource>();

  // 1. identical content, in rounds.
  let lastChance = false;
  for (let round = 0; round < 10; round++) {
    let found = 0;
    let deferred = 0;
    // Pairs found in a round count from the next one on.
    const paired = new Map(headToBase);
    const pairedBase = new Set(paired.values());
    const headKeyNow = (address: string) => (addedSet.has(address) ? paired.get(address) ?? wildcard(address) : address);
    const baseKeyNow = (address: string) => (removedSet.has(address) && !pairedBase.has(address) ? wildcard(address) : address);
    for (const { removed: gone, added: fresh } of byType.values()) {
      const freshLeft = fresh.filter((r) => !used.has(r));
      const goneLeft = gone.filter((r) => !used.has(r));
      if (freshLeft.length === 0 || goneLeft.length === 0) continue;
      const byContent = new Map<string, TfResource[]>();
      for (const r of freshLeft) {
        const key = fingerprint(r, headKeyNow);
        const list = byContent.get(key);
        if (list) list.push(r);
        else byContent.set(key, [r]);
      }
      for (const r of goneLeft) {
        const candidates = (byContent.get(fingerprint(r, baseKeyNow)) ?? []).filter((c) => !used.has(c));
        if (candidates.length === 0) continue;
        // Identical candidates may be told apart once what they refer to is paired.
        if (candidates.length > 1 && !lastChance && hasUnpairedReferences(r, removedSet, pairedBase)) {
          deferred++;
          continue;
        }
        const best = candidates.reduce((a, b) => (pathAffinity(r, b) > pathAffinity(r, a) ? b : a));
        used.add(best);
        used.add(r);
        headToBase.set(best.address, r.address);
        pairs.push({ from: r, to: best, similarity: 1 });
        found++;
      }
    }
    if (found === 0) {
      if (deferred === 0 || lastChance) break;
      lastChance = true;
    }
  }

  // 2. near matches (a renamed resource that also changed a little).
  for (const { removed: gone, added: fresh } of byType.values()) {
    const leftover = gone.filter((r) => !used.has(r));
    const remaining = fresh.filter((r) => !used.has(r));
    if (leftover.length === 0 || remaining.length === 0 || leftover.length * remaining.length > MAX_PAIRWISE) continue;
    const leaves = new Map<TfResource, Set<string>>();
    const leavesOf = (r: TfResource, key: (address: string) => string) => {
      let set = leaves.get(r);
      if (!set) leaves.set(r, (set = leafSet(r, key)));
      return set;
    };
    const candidates: RenamePair[] = [];
    for (const a of leftover) {
      for (const b of remaining) {
        const similarity = jaccard(leavesOf(a, baseKey), leavesOf(b, headKey));
        if (similarity >= MIN_SIMILARITY) candidates.push({ from: a, to: b, similarity });
      }
    }
    candidates.sort((x, y) => y.similarity - x.similarity || pathAffinity(y.from, y.to) - pathAffinity(x.from, x.to));
    for (const c of candidates) {
      if (used.has(c.from) || used.has(c.to)) continue;
      used.add(c.from);
      used.add(c.to);
      headToBase.set(c.to.address, c.from.address);
      pairs.push(c);
    }
  }
  return pairs;
}

function hasUnpairedReferences(r: TfResource, removed: ReadonlySet<string>, pairedBase: ReadonlySet<string>): boolean {
  let unpaired = false;
  mapReferences(r.body, (address) => {
    if (removed.has(address) && !pairedBase.has(address)) unpaired = true;
    return address;
  });
  return unpaired;
}

function wildcard(address: string): string {
  const type = typeOfAddress(address);
  return address.startsWith("data.") ? `data.${type}.*` : `${type}.*`;
}

function bucket(map: Map<string, { removed: TfResource[]; added: TfResource[] }>, r: TfResource) {
  const key = `${r.mode}:${r.type}`;
  let entry = map.get(key);
  if (!entry) map.set(key, (entry = { removed: [], added: [] }));
  return entry;
}

/** References reduced to the referenced type: `${okta_app_oauth.X.id}` becomes `${okta_app_oauth.*.id}`. */
export function normalizeReferences(body: JsonObject): Json {
  return mapReferences(body, (address) => {
    const type = typeOfAddress(address);
    return address.startsWith("data.") ? `data.${type}.*` : `${type}.*`;
  });
}

function fingerprint(r: TfResource, key: (address: string) => string): string {
  return canonical(mapReferences(r.body, key));
}

function leafSet(r: TfResource, key: (address: string) => string): Set<string> {
  const set = new Set<string>();
  (function walk(node: Json, at: string) {
    if (Array.isArray(node)) node.forEach((item, i) => walk(item, `${at}[${i}]`));
    else if (isObject(node)) for (const [k, v] of Object.entries(node)) walk(v, `${at}.${k}`);
    else set.add(`${at}=${JSON.stringify(node)}`);
  })(mapReferences(r.body, key), "");
  return set;
}

function jaccard(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 && b.size === 0) return 1;
  let shared = 0;
  for (const x of a) if (b.has(x)) shared++;
  return shared / (a.size + b.size - shared);
}

/** How alike two construct paths are: shared trailing segments (`.../Okta/App` vs `.../Sso/App` share `App`). */
function pathAffinity(a: TfResource, b: TfResource): number {
  const x = (a.constructPath ?? a.name).split("/").reverse();
  const y = (b.constructPath ?? b.name).split("/").reverse();
  let n = 0;
  while (n < x.length && n < y.length && x[n] === y[n]) n++;
  return n;
}

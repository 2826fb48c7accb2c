/**
 * Replacement rules: which changes make Terraform destroy a resource and
 * create a new one, and what that means for the people who sign in.
 */
import { forceNewAttributes } from "./resource-types";
import { TfResource } from "./stack-index";
import { canonical, canonicalTemplate, isObject, Json, JsonObject, mapReferences, referencedAddresses, typeOfAddress } from "./terraform-json";
import { tfBool } from "./values";

/** The force-new attributes whose values differ between two versions of a resource. */
export function forceNewChanges(type: string, before: JsonObject, after: JsonObject): string[] {
  const attributes = forceNewAttributes(type).filter((a) => canonical(before[a]) !== canonical(after[a]));
  // okta_app_oauth: omit_secret going from true to false forces a new app (a new secret to keep in state).
  if (type === "okta_app_oauth" && tfBool(before.omit_secret) === true && tfBool(after.omit_secret) !== true) attributes.push("omit_secret");
  return attributes;
}

/** Force-new attributes of a resource that refer to one of `replaced` (their value changes when it is re-created). */
export function forceNewReferencesTo(resource: TfResource, replaced: ReadonlySet<string>): string[] {
  const found: string[] = [];
  for (const attribute of forceNewAttributes(resource.type)) {
    const value = resource.body[attribute];
    if (typeof value !== "string") continue;
    for (const address of referencedAddresses(value)) {
      if (replaced.has(address)) found.push(`${attribute} (refers to ${address}, which is re-created)`);
    }
  }
  return found;
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
 * `known` maps head addresses already matched (same address, `moved` blocks)
 * to their base addresses, so a resource that refers to a moved one is still
 * recognized.
 */
export function findRenames(removed: TfResource[], added: TfResource[], known: ReadonlyMap<string, string> = new Map()): RenamePair[] {
  const pairs: RenamePair[] = [];
  const removedSet = new Set(removed.map((r) => r.address));
  const addedSet = new Set(added.map((r) => r.address));
  const headToBase = new Map<string, string>();
  const pairedBaseAll = new Set<string>();
  // Base side: references to removed resources are unknown until paired (then they stand for themselves, as on the head side).
  const baseKey = (address: string) => (removedSet.has(address) && !pairedBaseAll.has(address) ? wildcard(address) : address);
  // Head side: references to added resources go through the pairs found so far.
  // Resources already matched (same address, moved blocks) stand for their base address.
  const headKey = (address: string) => (addedSet.has(address) ? headToBase.get(address) ?? wildcard(address) : known.get(address) ?? address);
  const byType = new Map<string, { removed: TfResource[]; added: TfResource[] }>();
  for (const r of removed) bucket(byType, r).removed.push(r);
  for (const r of added) bucket(byType, r).added.push(r);
  const used = new Set<TfResource>();
  const fingerprints = new Fingerprints();
  // A resource that refers to nothing removed or added has the same fingerprint in every round.
  const fixed = new Map<TfResource, string>();
  for (const [side, resources] of [["base", removed], ["head", added]] as const) {
    for (const r of resources) {
      if (fingerprints.add(r).some((address) => removedSet.has(address) || addedSet.has(address))) continue;
      fixed.set(r, fingerprints.of(r, (address) => (side === "head" ? known.get(address) ?? address : address)));
    }
  }
  const print = (r: TfResource, key: (address: string) => string) => fixed.get(r) ?? fingerprints.of(r, key);

  // 1. identical content, in rounds.
  let lastChance = false;
  for (let round = 0; round < 10; round++) {
    let found = false;
    let deferred = false;
    // Pairs found in a round count from the next one on.
    const paired = new Map(headToBase);
    const pairedBase = new Set(paired.values());
    const headKeyNow = (address: string) => (addedSet.has(address) ? paired.get(address) ?? wildcard(address) : known.get(address) ?? address);
    const baseKeyNow = (address: string) => (removedSet.has(address) && !pairedBase.has(address) ? wildcard(address) : address);
    for (const { removed: gone, added: fresh } of byType.values()) {
      const goneLeft = gone.filter((r) => !used.has(r));
      // Nothing to pair: skip the fingerprints of what was added (a speed-up only).
      if (goneLeft.length === 0) continue;
      const freshLeft = fresh.filter((r) => !used.has(r));
      const byContent = new Map<string, TfResource[]>();
      for (const r of freshLeft) {
        const key = print(r, headKeyNow);
        const list = byContent.get(key);
        if (list) list.push(r);
        else byContent.set(key, [r]);
      }
      const pools = new Map<string, CandidatePool>();
      for (const [key, list] of byContent) pools.set(key, new CandidatePool(list));
      for (const r of goneLeft) {
        const pool = pools.get(print(r, baseKeyNow));
        if (pool === undefined || pool.size === 0) continue;
        // Identical candidates may be told apart once what they refer to is paired.
        if (pool.size > 1 && !lastChance && fingerprints.references(r).some((address) => removedSet.has(address) && !pairedBase.has(address))) {
          deferred = true;
          continue;
        }
        const best = pool.take(r);
        used.add(best);
        used.add(r);
        headToBase.set(best.address, r.address);
        pairedBaseAll.add(r.address);
        pairs.push({ from: r, to: best, similarity: 1 });
        found = true;
      }
    }
    if (!found) {
      // Nothing is deferred in the last-chance round, so it ends the rounds.
      if (!deferred) break;
      lastChance = true;
    }
  }

  // 2. near matches (a renamed resource that also changed a little).
  for (const { removed: gone, added: fresh } of byType.values()) {
    const leftover = gone.filter((r) => !used.has(r));
    const remaining = fresh.filter((r) => !used.has(r));
    // Nothing removed is left (the usual case: every rename paired above): no leaf sets to compute.
    if (leftover.length === 0 || leftover.length * remaining.length > MAX_PAIRWISE) continue;
    // The keys do not change until the candidates are taken (below).
    const remainingLeaves = remaining.map((b) => leafSet(b, headKey));
    const candidates: RenamePair[] = [];
    for (const a of leftover) {
      const leaves = leafSet(a, baseKey);
      remaining.forEach((b, i) => {
        const similarity = jaccard(leaves, remainingLeaves[i]);
        if (similarity >= MIN_SIMILARITY) candidates.push({ from: a, to: b, similarity });
      });
    }
    candidates.sort((x, y) => y.similarity - x.similarity || pathAffinity(y.from, y.to) - pathAffinity(x.from, x.to));
    for (const c of candidates) {
      if (used.has(c.from) || used.has(c.to)) continue;
      used.add(c.from);
      used.add(c.to);
      headToBase.set(c.to.address, c.from.address);
      pairedBaseAll.add(c.from.address);
      pairs.push(c);
    }
  }
  return pairs;
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

/**
 * Fingerprints of resources for rename matching: two resources have the same
 * fingerprint under `key` when `canonical(mapReferences(body, key))` is the
 * same. Each body is walked and its keys sorted once, with the strings that
 * may refer to something left open (`canonicalTemplate`); bodies alike but for
 * those strings share a template, numbered. A fingerprint under a key is then
 * the template's number and the open strings written with that key: short,
 * and quick to compare, in every round of matching.
 */
class Fingerprints {
  private readonly templates = new Map<string, number>();
  private readonly byResource = new Map<TfResource, { readonly template: number; readonly open: readonly string[]; readonly references: readonly string[] }>();

  /** Adds a resource; returns the addresses its body refers to (as `mapReferences` finds them), in order, repeats included. */
  public add(r: TfResource): readonly string[] {
    // Every string with a `${` is left open (those mapReferences rewrites among them). Writing
    // references keeps each `${`, so two bodies whose full fingerprints are equal have equal
    // templates: comparing the template's number and the open strings compares the same.
    const { texts, open } = canonicalTemplate(r.body, (text) => text.includes("${"));
    const shape = JSON.stringify(texts);
    let template = this.templates.get(shape);
    if (template === undefined) this.templates.set(shape, (template = this.templates.size));
    const references: string[] = [];
    for (const text of open) {
      mapReferences(text, (address) => {
        references.push(address);
        return address;
      });
    }
    this.byResource.set(r, { template, open, references });
    return references;
  }

  /** The addresses a resource added here refers to. */
  public references(r: TfResource): readonly string[] {
    return this.byResource.get(r)!.references;
  }

  /** The fingerprint of a resource added here, with each referenced address written as `key(address)`. */
  public of(r: TfResource, key: (address: string) => string): string {
    const { template, open } = this.byResource.get(r)!;
    // JSON strings delimit themselves: the open strings cannot run into each other.
    let print = String(template);
    for (const text of open) print += JSON.stringify(mapReferences(text, key));
    return print;
  }
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

/** The parts of a resource's name compared from the end: construct path segments, or the address name's words and numbers. */
function nameTokens(r: TfResource): string[] {
  return (r.constructPath !== undefined ? r.constructPath.split("/") : Array.from(r.name.matchAll(/[A-Za-z]+|\d+|[^A-Za-z\d]+/g), (m) => m[0])).reverse();
}

/**
 * Identical candidates for a rename, handed out by the longest shared name
 * ending (`.../Okta/App` goes with `.../Sso/App`, `Okta5_App` with `Sso5_App`),
 * in time linear in the candidates and their name lengths: each candidate is
 * indexed under every ending of its name once, and lookups skip taken ones.
 * The index is built when a choice among several is first made: the pool of
 * a resource whose references tell it apart holds one candidate, and a pool
 * whose resources all wait for a later round is never chosen from.
 */
class CandidatePool {
  private byEnding: Map<string, { readonly items: TfResource[]; next: number }> | undefined;
  private readonly all: { readonly items: TfResource[]; next: number };
  private readonly taken = new Set<TfResource>();
  private left: number;

  constructor(items: TfResource[]) {
    this.all = { items, next: 0 };
    this.left = items.length;
  }

  /** Candidates not taken yet. */
  public get size(): number {
    return this.left;
  }

  /** The candidate whose name ending is most like `r`'s; call only while size > 0. */
  public take(r: TfResource): TfResource {
    // The last candidate is the answer whatever the names.
    if (this.left === 1) return this.mark(this.next(this.all)!);
    const byEnding = this.index();
    const tokens = nameTokens(r);
    for (let n = tokens.length; n >= 1; n--) {
      const found = this.next(byEnding.get(tokens.slice(0, n).join("\u0000")));
      if (found !== undefined) return this.mark(found);
    }
    return this.mark(this.next(this.all)!);
  }

  /** The candidates by every ending of their names, in the pool's order. */
  private index(): Map<string, { readonly items: TfResource[]; next: number }> {
    if (this.byEnding !== undefined) return this.byEnding;
    const byEnding = new Map<string, { readonly items: TfResource[]; next: number }>();
    for (const item of this.all.items) {
      const tokens = nameTokens(item);
      for (let n = 1; n <= tokens.length; n++) {
        const key = tokens.slice(0, n).join("\u0000");
        const queue = byEnding.get(key);
        if (queue) queue.items.push(item);
        else byEnding.set(key, { items: [item], next: 0 });
      }
    }
    this.byEnding = byEnding;
    return byEnding;
  }

  private next(queue: { readonly items: TfResource[]; next: number } | undefined): TfResource | undefined {
    if (queue === undefined) return undefined;
    // Past the end, items[next] is undefined, which is never taken.
    while (this.taken.has(queue.items[queue.next])) queue.next++;
    return queue.items[queue.next];
  }

  private mark(item: TfResource): TfResource {
    this.taken.add(item);
    this.left--;
    return item;
  }
}

/** How alike two construct paths are: shared trailing segments (`.../Okta/App` vs `.../Sso/App` share `App`). */
function pathAffinity(a: TfResource, b: TfResource): number {
  const x = nameTokens(a);
  const y = nameTokens(b);
  // Past the end of y, y[i] is undefined and differs from every token.
  const n = x.findIndex((token, i) => token !== y[i]);
  return n === -1 ? x.length : n;
}

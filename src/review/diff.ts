/**
 * Diffing two synth outputs (the base branch's and the head's): resources
 * added, removed, changed, replaced or moved, with attribute-level changes.
 * Secret values are masked; references are shown, since they are not secrets.
 */
import microdiff from "microdiff";
import { isPureReference } from "./expressions";
import { StackIndex, TfResource } from "./stack-index";
import { findRenames, forceNewChanges, forceNewReferencesTo, normalizeReferences } from "./replacement";
import { formatPath, HIDDEN, HIDDEN_CHANGED, maskAt } from "./secrets";
import { canonical, isObject, Json, JsonObject, mapReferences } from "./terraform-json";
import { literal } from "./text";
import { tfBool } from "./values";

/** One attribute that differs. */
export interface AttributeChange {
  /** Path inside the resource, such as `groups_claim.value` or `redirect_uris`. */
  readonly attribute: string;
  /** The base's value as shown (absent when the attribute is new); secrets masked. */
  readonly before?: string;
  /** The head's value as shown (absent when the attribute is removed); secrets masked. */
  readonly after?: string;
  /** True when the provider replaces the resource for this change. */
  readonly forcesReplacement: boolean;
}

/** What happens to a resource between base and head. */
export type ChangeAction = "create" | "import" | "update" | "replace" | "move" | "delete";

/** One resource that differs between base and head. */
export interface ResourceChange {
  readonly action: ChangeAction;
  /** The head's address (the base's for a deletion). */
  readonly address: string;
  /** The base's address, when it differs (a rename or a move). */
  readonly previousAddress?: string;
  readonly type: string;
  readonly mode: "managed" | "data";
  readonly constructPath?: string;
  readonly previousConstructPath?: string;
  readonly attributes: AttributeChange[];
  /** Why Terraform replaces the resource, for action `replace`. */
  readonly replaceReasons: string[];
  /** True when the address changed and content matched: most likely a renamed construct id. */
  readonly likelyRename: boolean;
}

/** A change of a stack's configuration outside its resources: a local, a variable, a provider block. */
export interface ConfigChange {
  readonly kind: "local" | "variable" | "provider";
  /** The local's, variable's or provider's name (`okta`, `okta.alias`). */
  readonly name: string;
  readonly attributes: AttributeChange[];
}

/** The changes of one stack. */
export interface StackDiff {
  readonly name: string;
  readonly status: "added" | "removed" | "changed" | "unchanged";
  /** For an added stack: a removed stack with mostly the same resources (a renamed stack). */
  readonly renamedFrom?: string;
  readonly changes: ResourceChange[];
  /** Locals, variables and provider configuration that changed (their effect on resources is in `changes`). */
  readonly configChanges: ConfigChange[];
}

/** Resource counts by action. */
export type ChangeCounts = { [action in ChangeAction]: number };

/** Everything that differs between base and head. */
export interface DiffResult {
  readonly stacks: StackDiff[];
  readonly counts: ChangeCounts;
}

/** A base and a head stack, and which head address was which base address. */
export interface StackPair {
  readonly base: StackIndex;
  readonly head: StackIndex;
  readonly headToBase: ReadonlyMap<string, string>;
}

/** Compares base and head stacks (matched by stack name). */
export function diffOutputs(base: StackIndex[], head: StackIndex[]): { diff: DiffResult; pairs: StackPair[] } {
  const baseByName = new Map(base.map((s) => [s.name, s]));
  const headNames = new Set(head.map((s) => s.name));
  const stacks: StackDiff[] = [];
  const pairs: StackPair[] = [];
  const removedStacks = base.filter((s) => !headNames.has(s.name));

  for (const h of head) {
    const b = baseByName.get(h.name);
    if (b === undefined) {
      const renamedFrom = likelyStackRename(h, removedStacks);
      stacks.push({ name: h.name, status: "added", renamedFrom, changes: h.resources.map((r) => whole("create", r)), configChanges: [] });
      continue;
    }
    const { changes, headToBase } = diffStack(b, h);
    const configChanges = diffConfig(b, h);
    pairs.push({ base: b, head: h, headToBase });
    stacks.push({ name: h.name, status: changes.length > 0 || configChanges.length > 0 ? "changed" : "unchanged", changes, configChanges });
  }
  for (const b of removedStacks) {
    stacks.push({ name: b.name, status: "removed", changes: b.resources.map((r) => whole("delete", r)), configChanges: [] });
  }
  stacks.sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : 0));

  const counts: ChangeCounts = { create: 0, import: 0, update: 0, replace: 0, move: 0, delete: 0 };
  for (const s of stacks) for (const c of s.changes) if (c.mode === "managed") counts[c.action]++;
  return { diff: { stacks, counts }, pairs };
}

/** Locals, variables and providers that differ. Sensitive variables' defaults are never shown. */
function diffConfig(base: StackIndex, head: StackIndex): ConfigChange[] {
  const found: ConfigChange[] = [];
  const compare = (kind: ConfigChange["kind"], before: ReadonlyMap<string, Json>, after: ReadonlyMap<string, Json>) => {
    const names = [...new Set([...before.keys(), ...after.keys()])].sort();
    for (const name of names) {
      const b = before.get(name);
      const a = after.get(name);
      if (canonical(b ?? null) === canonical(a ?? null)) continue;
      // Keyed by the name, so a local or provider attribute named like a secret is masked by the same path rules.
      const attributes = attributeChanges(b === undefined ? {} : { [name]: b }, a === undefined ? {} : { [name]: a }, kind);
      found.push({ kind, name, attributes });
    }
  };
  compare("local", ...hiddenLocals(base, head));
  compare("variable", variableDeclarations(base, undefined, head), variableDeclarations(head, base));
  const providers = (s: StackIndex) => new Map([...s.providers].map(([n, body]): [string, Json] => [n, body]));
  compare("provider", providers(base), providers(head));
  return found;
}

/**
 * The locals as compared, base and head: a local whose value is secret on
 * either side (secretValueNames in secrets.ts: named like a credential,
 * flowing into a secret position, holding a credential) is never shown, only
 * whether it differs from the base's.
 */
function hiddenLocals(base: StackIndex, head: StackIndex): [Map<string, Json>, Map<string, Json>] {
  // A reference alone is no secret: shown, as in a secret position.
  const hidden = (name: string, value: Json) =>
    (base.constants.hidden.has(`local.${name}`) || head.constants.hidden.has(`local.${name}`)) && !(typeof value === "string" && value.length <= 2000 && isPureReference(value));
  const before = new Map<string, Json>();
  const after = new Map<string, Json>();
  for (const [name, value] of base.constants.locals) before.set(name, hidden(name, value) ? HIDDEN : value);
  for (const [name, value] of head.constants.locals) {
    const changed = canonical(base.constants.locals.get(name) ?? null) !== canonical(value);
    after.set(name, hidden(name, value) ? (changed ? HIDDEN_CHANGED : HIDDEN) : value);
  }
  return [before, after];
}

/**
 * Variable declarations as compared: the default, the type, sensitivity. A
 * secret default (declared sensitive, or secret on either side by
 * secretValueNames) is never shown: only whether it differs from the base's.
 */
function variableDeclarations(s: StackIndex, base?: StackIndex, head?: StackIndex): Map<string, Json> {
  const out = new Map<string, Json>();
  for (const [name, declaration] of s.variables) {
    const d = isObject(declaration) ? declaration : {};
    const sensitive = tfBool(d.sensitive) === true;
    const hidden = sensitive || [s, base, head].some((x) => x?.constants.hidden.has(`var.${name}`) === true);
    const before = base?.variables.get(name);
    const changed = base !== undefined && canonical((isObject(before) ? before.default : undefined) ?? null) !== canonical(d.default ?? null);
    const shown = d.default === undefined ? null : hidden ? (changed ? HIDDEN_CHANGED : HIDDEN) : d.default;
    out.set(name, { default: shown, sensitive, type: d.type ?? null });
  }
  return out;
}

function whole(action: "create" | "delete", r: TfResource): ResourceChange {
  return { action, address: r.address, type: r.type, mode: r.mode, constructPath: r.constructPath, attributes: [], replaceReasons: [], likelyRename: false };
}

function diffStack(base: StackIndex, head: StackIndex): { changes: ResourceChange[]; headToBase: Map<string, string> } {
  const changes = new Map<string, ResourceChange>();
  const headToBase = new Map<string, string>();
  const imported = new Set(head.imports.map((i) => i.to));

  // Same address in both: compared once moves and renames are known (below).
  const sameAddress: { b: TfResource; h: TfResource }[] = [];
  for (const h of head.resources) {
    const b = base.byAddress.get(h.address);
    if (b === undefined) continue;
    headToBase.set(h.address, b.address);
    sameAddress.push({ b, h });
  }

  const removed = new Set(base.resources.filter((b) => !head.byAddress.has(b.address)));
  const added = new Set(head.resources.filter((h) => !base.byAddress.has(h.address)));

  // Terraform `moved` blocks: renamed on purpose, kept in place.
  for (const m of head.moved) {
    const from = base.byAddress.get(m.from);
    const to = head.byAddress.get(m.to);
    if (!from || !to || !removed.has(from) || !added.has(to)) continue;
    removed.delete(from);
    added.delete(to);
    headToBase.set(to.address, from.address);
    const attributes = attributeChanges(normalizedForPair(from), normalizedForPair(to), to.type, undefined, secretArguments(base, from, head, to));
    changes.set(to.address, {
      action: "move",
      address: to.address,
      previousAddress: from.address,
      type: to.type,
      mode: to.mode,
      constructPath: to.constructPath,
      previousConstructPath: from.constructPath,
      attributes,
      replaceReasons: [],
      likelyRename: false,
    });
  }

  // Likely renames: the same content under a new address.
  for (const pair of findRenames([...removed], [...added], headToBase)) {
    headToBase.set(pair.to.address, pair.from.address);
    removed.delete(pair.from);
    added.delete(pair.to);
    const managed = pair.to.mode === "managed";
    const attributes = attributeChanges(normalizedForPair(pair.from), normalizedForPair(pair.to), pair.to.type, undefined, secretArguments(base, pair.from, head, pair.to));
    // A data source under a new name reads the same thing: nothing to review.
    if (!managed && attributes.length === 0) continue;
    changes.set(pair.to.address, {
      action: managed ? "replace" : "update",
      address: pair.to.address,
      previousAddress: pair.from.address,
      type: pair.to.type,
      mode: pair.to.mode,
      constructPath: pair.to.constructPath,
      previousConstructPath: pair.from.constructPath,
      attributes,
      replaceReasons: managed ? [`the address changes from ${literal(pair.from.address)} to ${literal(pair.to.address)}`] : [],
      likelyRename: true,
    });
  }

  // A reference to a moved or renamed resource names the same object as the base's reference to its old address:
  // its force-new attributes do not change (a renamed one's replacement is carried by the references below).
  const asBase = (address: string) => headToBase.get(address) ?? address;
  for (const { b, h } of sameAddress) {
    const headAsBase = mapReferences(h.body, asBase);
    const forced = h.mode === "managed" ? forceNewChanges(h.type, b.body, isObject(headAsBase) ? headAsBase : h.body) : [];
    const attributes = attributeChanges(b.body, h.body, h.type, new Set(forced), secretArguments(base, b, head, h));
    if (attributes.length === 0) continue;
    changes.set(h.address, {
      action: forced.length > 0 ? "replace" : "update",
      address: h.address,
      type: h.type,
      mode: h.mode,
      constructPath: h.constructPath,
      attributes,
      replaceReasons: forced.map((a) => `${literal(a)} changes, and the provider cannot change it in place`),
      likelyRename: false,
    });
  }

  for (const r of added) changes.set(r.address, { ...whole("create", r), action: imported.has(r.address) ? "import" : "create" });
  const deletions = [...removed].map((r) => whole("delete", r));

  // A replaced resource changes the value of force-new references to it.
  const replaced = new Set([...changes.values()].filter((c) => c.action === "replace" || c.action === "create").map((c) => c.address));
  let grew = true;
  while (grew) {
    grew = false;
    for (const h of head.resources) {
      if (h.mode !== "managed" || replaced.has(h.address) || !headToBase.has(h.address)) continue;
      const reasons = forceNewReferencesTo(h, replaced);
      if (reasons.length === 0) continue;
      const existing = changes.get(h.address);
      changes.set(h.address, {
        action: "replace",
        address: h.address,
        previousAddress: existing?.previousAddress,
        type: h.type,
        mode: h.mode,
        constructPath: h.constructPath,
        previousConstructPath: existing?.previousConstructPath,
        attributes: existing?.attributes ?? [],
        replaceReasons: [...(existing?.replaceReasons ?? []), ...reasons.map((r) => `${literal(r)}`)],
        likelyRename: existing?.likelyRename ?? false,
      });
      replaced.add(h.address);
      grew = true;
    }
  }

  const order: { [action in ChangeAction]: number } = { replace: 0, delete: 1, create: 2, import: 3, move: 4, update: 5 };
  const all = [...changes.values(), ...deletions].sort(
    (a, b) => order[a.action] - order[b.action] || (a.address < b.address ? -1 : a.address > b.address ? 1 : 0),
  );
  return { changes: all, headToBase };
}

/**
 * The arguments of a resource whose values flow into a secret position on
 * either side (`terraform_data.x.input` read as `client_secret`): masked
 * like a secret wherever the diff shows them.
 */
function secretArguments(base: StackIndex, b: TfResource, head: StackIndex, h: TfResource): Set<string> {
  const names = new Set<string>();
  for (const [s, r] of [[base, b], [head, h]] as const) {
    // Most stacks hide nothing: no name to build for each argument.
    if (s.constants.hidden.size === 0) continue;
    for (const key of Object.keys(r.body)) if (s.constants.hidden.has(`${r.address}.${key}`)) names.add(key);
  }
  return names;
}

/** A renamed pair's bodies with references reduced to types, so only real content changes show. */
function normalizedForPair(r: TfResource): JsonObject {
  const normalized = normalizeReferences(r.body);
  return isObject(normalized) ? normalized : {};
}

/**
 * Attribute-level changes. Lists of plain values (redirect URIs, claims) are
 * shown whole; objects and lists of objects attribute by attribute.
 */
export function attributeChanges(
  before: JsonObject,
  after: JsonObject,
  type: string,
  forceNew: ReadonlySet<string> = new Set(forceNewChanges(type, before, after)),
  secretArguments: ReadonlySet<string> = new Set(),
): AttributeChange[] {
  const found = new Map<string, AttributeChange>();
  for (const d of microdiff(before, after, { cyclesFix: false })) {
    let cut = d.path.length;
    for (let i = 0; i < d.path.length; i++) {
      if (typeof d.path[i] !== "number") continue;
      const parent = d.path.slice(0, i);
      if (isPlainList(get(before, parent)) && isPlainList(get(after, parent))) {
        cut = i;
        break;
      }
    }
    const path = d.path.slice(0, cut);
    const attribute = formatPath(path);
    if (found.has(attribute)) continue;
    const whole = cut < d.path.length;
    const beforeValue = whole ? get(before, path) : d.type === "CREATE" ? undefined : (d.oldValue as Json);
    const afterValue = whole ? get(after, path) : d.type === "REMOVE" ? undefined : (d.value as Json);
    const secret = secretArguments.has(String(path[0]));
    found.set(attribute, {
      attribute,
      before: show(beforeValue, path, type, secret),
      after: show(afterValue, path, type, secret),
      forcesReplacement: forceNew.has(String(path[0])),
    });
  }
  return [...found.values()];
}

function get(root: Json, path: readonly (string | number)[]): Json | undefined {
  let node: Json | undefined = root;
  for (const part of path) {
    if (Array.isArray(node) && typeof part === "number") node = node[part];
    else if (isObject(node) && typeof part === "string") node = node[part];
    else return undefined;
  }
  return node;
}

function isPlainList(value: Json | undefined): boolean {
  return value === undefined || (Array.isArray(value) && value.every((v) => v === null || typeof v !== "object"));
}

/** A value as shown in a change: secrets masked, strings as they are, the rest as compact JSON. */
export function show(value: Json | undefined, path: readonly (string | number)[], type?: string, secret = false): string | undefined {
  if (value === undefined) return undefined;
  // Masked by the whole path: a secret nested below a secret key is masked too.
  const masked = maskAt(value, path, type, secret);
  if (typeof masked === "string") return masked;
  if (Array.isArray(masked) && masked.every((v) => typeof v === "string")) return `[${masked.join(", ")}]`;
  return canonical(masked ?? null);
}

function likelyStackRename(added: StackIndex, removed: StackIndex[]): string | undefined {
  const prints = (s: StackIndex) => new Set(s.resources.map((r) => `${r.type}:${canonical(normalizeReferences(r.body))}`));
  const mine = prints(added);
  let best: { name: string; score: number } | undefined;
  for (const candidate of removed) {
    const theirs = prints(candidate);
    let shared = 0;
    for (const p of mine) if (theirs.has(p)) shared++;
    const score = shared / Math.max(1, mine.size + theirs.size - shared);
    if (score >= 0.5 && (!best || score > best.score)) best = { name: candidate.name, score };
  }
  return best?.name;
}

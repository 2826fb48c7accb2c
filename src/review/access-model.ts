/**
 * The access model: who gets into each Access application of one stack, read
 * from the Terraform JSON alone. Its two readers are the access table (the
 * verdict) and the gate (`--fail-on`): both come from comparing two models
 * (access-compare.ts), so they cannot disagree.
 *
 * For every application: the hostnames it covers, the identity providers it
 * accepts, and its policies in the order Cloudflare evaluates them, whatever
 * attaches them ({@link ATTACHMENTS}), each with its decision, its
 * include / exclude / require rules over identity atoms (atoms.ts) and the
 * session it gives. Access groups are kept by key and expanded where they are
 * used; a group that includes itself (directly or through others) is a cycle:
 * the model notes it, and the evaluator makes the reference that closes it
 * opaque. For every
 * identity provider: what it trusts (the Okta org, the client, the email
 * claim, the authorization server), which Okta groups reach Cloudflare (the
 * groups claim) and who may sign in through its Okta app (the assignments).
 *
 * Keys: every resource is known by a key, its address in the base's address
 * space (`rename` maps a head address to the base address it was, through
 * moves and likely renames), so that base and head models compare directly.
 */
import { GroupsFilter, describeGroupsFilter } from "../private/groups-filter";
import { Atom, AtomContext, readRules } from "./atoms";
import { Family, familyOf } from "./resource-types";
import { EffectiveSession } from "./review-model";
import { StackIndex, TfResource } from "./stack-index";
import { block, canonical, isExpression, isObject, Json, JsonObject, list, referencedAddresses, referenceTo, typeOfAddress } from "./terraform-json";
import { literal } from "./text";
import { display, tfBool, tfNumber } from "./values";

/** A policy's decision; `unknown` for a policy the stack does not hold. */
export type Decision = "allow" | "deny" | "bypass" | "non_identity" | "unknown";

/** Include, exclude and require rules, as atoms. */
export interface Rules {
  readonly include: readonly Atom[];
  readonly exclude: readonly Atom[];
  readonly require: readonly Atom[];
}

/** An Access group. */
export interface GroupModel {
  readonly key: string;
  readonly address: string;
  readonly name: string;
  readonly rules: Rules;
}

/** A policy as one application uses it. */
export interface PolicyModel {
  /** The policy's key (a reusable or v4 policy), or `<application key>#<n>` for an inline policy. */
  readonly key: string;
  /** Its address on its own side, for a policy the stack holds. */
  readonly address?: string;
  readonly constructPath?: string;
  readonly name: string;
  readonly decision: Decision;
  /** Absent for a policy the stack does not hold (decision `unknown`). */
  readonly rules?: Rules;
  /** The session a user admitted by it gets (allow policies). */
  readonly session: EffectiveSession;
  /** As written or computed from the list position; undefined when known only at plan time. */
  readonly precedence?: number;
  /** How the policy reaches the application: one of {@link ATTACHMENTS}' names. */
  readonly attachedBy: string;
  /** An inline policy's body, as written. */
  readonly inline?: JsonObject;
}

/** The identity providers an application accepts: all of the account's, some, or a list known only at plan time. */
export type IdpSet = { readonly kind: "all" } | { readonly kind: "some"; readonly keys: readonly string[] } | { readonly kind: "unknown"; readonly text: string };

/** An Access application. */
export interface AppModel {
  readonly key: string;
  readonly address: string;
  readonly constructPath?: string;
  readonly name: string;
  /** Hostnames (and private destinations) it covers, lower case. */
  readonly hostnames: readonly string[];
  readonly allowedIdps: IdpSet;
  /** In evaluation order: by precedence, then as written. */
  readonly policies: readonly PolicyModel[];
  /** Why the order of its policies is not known (a precedence known only at plan time). */
  readonly orderUnknown?: string;
  readonly sessionDuration?: string;
}

/** Who may sign in through an Okta identity provider's app. */
export type SignIn =
  /** Assigned in the stack: Everyone (or implicit assignment), or these groups. */
  | { readonly kind: "assigned"; readonly everyone: boolean; readonly implicit: boolean; readonly groups: readonly { readonly key: string; readonly name: string }[]; readonly appKey: string; readonly appAddress: string; readonly appConstructPath?: string; readonly label: string }
  /** The Okta app is not in the stack, or no assignment of it is. */
  | { readonly kind: "outside"; readonly appKey?: string; readonly appAddress?: string; readonly appConstructPath?: string; readonly label?: string }
  /** Assignments the stack computes at plan time (a dynamic block). */
  | { readonly kind: "unknown"; readonly why: string; readonly appKey: string; readonly appAddress: string; readonly appConstructPath?: string; readonly label: string };

/** Which Okta groups reach Cloudflare through an identity provider. */
export type GroupsReach =
  | { readonly kind: "all" }
  | { readonly kind: "filter"; readonly filter: GroupsFilter; readonly claimName: string; readonly description: string; readonly address: string; readonly constructPath?: string; readonly label: string }
  /** No groups reach Cloudflare: no claim delivers them in the ID token under a name Cloudflare reads. */
  | { readonly kind: "none"; readonly why: string; readonly key: string; readonly address: string; readonly constructPath?: string; readonly label: string }
  | { readonly kind: "unknown"; readonly why: string; readonly key: string; readonly address?: string; readonly constructPath?: string; readonly label?: string };

/** A Cloudflare identity provider. */
export interface IdpModel {
  readonly key: string;
  readonly address: string;
  readonly constructPath?: string;
  readonly name: string;
  readonly type: string;
  /** What Cloudflare trusts (Okta: org, client, email claim, authorization server), as written with references in the base's address space. */
  readonly trust: ReadonlyMap<string, string | undefined>;
  /**
   * Per trust field that reads a data source (`${data.okta_auth_server.x.id}`),
   * the data sources' arguments: the same reference with other arguments reads
   * another server, app or org.
   */
  readonly trustData: ReadonlyMap<string, string>;
  /** `config.claims`: the claims Cloudflare passes on to Access rules (OIDC and Okta). */
  readonly claims: readonly string[];
  readonly groups: GroupsReach;
  /**
   * The managed Okta app Cloudflare signs in with (by `client_id`), and
   * whether the app's own `groups_claim` is set: the groups gap check
   * compares them (see StackComparison.groupsGapChanges).
   */
  readonly oktaApp?: { readonly key: string; readonly address: string; readonly constructPath?: string; readonly label: string; readonly groupsClaim: boolean };
  readonly signIn: SignIn;
  readonly scim: boolean;
}

/** Something the model found while building (a cycle of Access groups). */
export interface ModelNote {
  readonly address: string;
  readonly constructPath?: string;
  readonly message: string;
}

/** The access model of one stack. */
export interface AccessModel {
  readonly stack: string;
  readonly apps: readonly AppModel[];
  readonly idps: ReadonlyMap<string, IdpModel>;
  readonly groups: ReadonlyMap<string, GroupModel>;
  /** Access groups on a cycle (a group that includes itself through others). */
  readonly cyclic: ReadonlySet<string>;
  readonly notes: readonly ModelNote[];
}

/** Cloudflare's session when none is set, and the v5 provider's default for a reusable policy. */
export const DEFAULT_SESSION = "24h";

/** The trust fields of an Okta identity provider, in words. */
export const TRUST_FIELDS: ReadonlyMap<string, string> = new Map([
  ["okta_account", "the Okta org"],
  ["client_id", "the Okta client"],
  ["email_claim_name", "the claim it reads the email from"],
  ["authorization_server_id", "the authorization server"],
]);

const models = new WeakMap<StackIndex, WeakMap<ReadonlyMap<string, string>, AccessModel>>();
const NO_RENAMES: ReadonlyMap<string, string> = new Map();

/** The access model of a stack; `rename` maps its addresses to the base's (once per index and map). */
export function accessModel(index: StackIndex, rename: ReadonlyMap<string, string> = NO_RENAMES): AccessModel {
  let byRename = models.get(index);
  if (byRename === undefined) models.set(index, (byRename = new WeakMap()));
  let model = byRename.get(rename);
  if (model === undefined) byRename.set(rename, (model = new Builder(index, rename).build()));
  return model;
}

const contexts = new WeakMap<StackIndex, AtomContext>();

/** The atoms of a list of rules of a stack (for the words of the review model). */
export function atomsOf(index: StackIndex, rules: Json | undefined): Atom[] {
  let ctx = contexts.get(index);
  if (ctx === undefined) contexts.set(index, (ctx = new Builder(index, NO_RENAMES).atomContext));
  return readRules(rules, ctx);
}

/**
 * The ways a policy reaches an application. To add one: an entry here that
 * lists, for an application, the policies it attaches and their precedence.
 */
interface Attachment {
  readonly name: string;
  attach(app: TfResource, builder: Builder): { policy: PolicyModel; precedence?: number | "unknown"; position: number }[];
}

const ATTACHMENTS: readonly Attachment[] = [
  {
    // v5: `policies = [{ id, precedence }]` or inline policies; v4 (4.40+): a list of policy ids. The list order gives the precedence when none is written.
    name: "the application's policies list",
    attach: (app, b) =>
      list(app.body.policies).flatMap((entry, i) => {
        const written = isObject(entry) ? entry.precedence : undefined;
        const precedence = written === undefined || written === null ? i + 1 : tfNumber(written) ?? "unknown";
        const policy = b.policyOfEntry(app, entry, i, "the application's policies list");
        return policy !== undefined ? [{ policy, precedence, position: i }] : [];
      }),
  },
  {
    // Cloudflare provider v4: a policy names its application (`application_id`), with its own precedence.
    name: "a policy's application_id (cloudflare provider v4)",
    attach: (app, b) =>
      ["application_id", "app_id"].flatMap((attribute) =>
        b.pointingAt("accessPolicy", attribute, app.address).map((policy, i) => {
          const written = policy.body.precedence;
          const precedence = written === undefined || written === null ? undefined : tfNumber(written) ?? "unknown";
          return { policy: b.policyOf(policy, "a policy's application_id (cloudflare provider v4)"), precedence, position: 10_000 + i };
        }),
      ),
  },
];

class Builder {
  private readonly byType = new Map<string, TfResource[]>();
  private readonly pointers = new Map<string, TfResource[]>();
  private readonly groupModels = new Map<string, GroupModel>();
  private readonly notes: ModelNote[] = [];
  public readonly atomContext: AtomContext;
  private readonly idpNames = new Map<string, string>();

  constructor(
    private readonly index: StackIndex,
    private readonly rename: ReadonlyMap<string, string>,
  ) {
    for (const r of index.resources) {
      const family = r.mode === "managed" ? familyOf(r.type) : undefined;
      if (family === undefined) continue;
      const bucket = this.byType.get(family) ?? [];
      bucket.push(r);
      this.byType.set(family, bucket);
    }
    for (const [family, attributes] of [
      ["accessPolicy", ["application_id", "app_id"]],
      ["oktaAssignments", ["app_id"]],
      ["oktaAssignment", ["app_id"]],
      ["oktaAuthServerClaim", ["auth_server_id"]],
    ] as [Family, string[]][]) {
      for (const r of this.managed(family)) {
        for (const attribute of attributes) {
          const target = referenceTo(r.body[attribute]) ?? display(r.body[attribute]);
          if (target === undefined) continue;
          const key = `${family}|${attribute}|${target}`;
          const bucket = this.pointers.get(key) ?? [];
          bucket.push(r);
          this.pointers.set(key, bucket);
        }
      }
    }
    for (const r of this.managed("cloudflareIdp")) this.idpNames.set(this.key(r.address), display(r.body.name) ?? r.name);
    const multipleIdps = this.idpNames.size > 1;
    this.atomContext = {
      literal: (value) => this.literal(value),
      idpKey: (value) => this.referenceKey(value),
      idpName: (key) => this.idpNames.get(key),
      multipleIdps,
      accessGroup: (value) => {
        const key = this.referenceKey(value);
        const address = referenceTo(value);
        const target = address !== undefined ? this.index.byAddress.get(address) : undefined;
        if (target !== undefined && target.mode === "managed" && familyOf(target.type) === "accessGroup") return { key, address: target.address, name: display(target.body.name) ?? target.name };
        // An Access group resource the stack does not declare (deleted while a rule still names it): it matches nobody.
        if (address !== undefined && target === undefined && !address.startsWith("data.") && familyOf(typeOfAddress(address)) === "accessGroup") return { key, undeclared: true };
        return { key };
      },
    };
  }

  public key(address: string): string {
    return this.rename.get(address) ?? address;
  }

  public managed(family: Family): TfResource[] {
    return this.byType.get(family) ?? [];
  }

  /** Resources of a family whose `attribute` refers to `address`. */
  public pointingAt(family: Family, attribute: string, address: string): TfResource[] {
    return this.pointers.get(`${family}|${attribute}|${address}`) ?? [];
  }

  /** A constant, or an attribute the stack writes as a constant; undefined when known only at plan time. */
  private literal(value: Json | undefined): string | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value === "number" || typeof value === "boolean") return String(value);
    if (typeof value !== "string") return undefined;
    if (!isExpression(value)) return value.replace(/\$\$\{/g, "${");
    const match = /^\$\{((?:data\.)?[a-z][a-z0-9_]*\.[A-Za-z_][\w-]*)\.([A-Za-z_]\w*)\}$/.exec(value);
    const target = match ? this.index.byAddress.get(match[1]) : undefined;
    const attribute = target !== undefined && match ? target.body[match[2]] : undefined;
    return typeof attribute === "string" && !isExpression(attribute) ? attribute : undefined;
  }

  /** The key of what an id names: a resource's key, `id:<literal>`; undefined when known only at plan time. */
  private referenceKey(value: Json | undefined): string | undefined {
    const address = referenceTo(value);
    if (address !== undefined) return this.key(address);
    const shown = display(value);
    if (shown === undefined || isExpression(shown)) return undefined;
    return `id:${shown}`;
  }

  public build(): AccessModel {
    for (const r of this.managed("accessGroup")) this.group(r);
    const cyclic = this.findCycles();
    const idps = new Map<string, IdpModel>();
    for (const r of this.managed("cloudflareIdp")) {
      const idp = this.idp(r);
      if (!idps.has(idp.key)) idps.set(idp.key, idp);
    }
    return { stack: this.index.name, apps: this.managed("accessApplication").map((r) => this.app(r)), idps, groups: this.groupModels, cyclic, notes: this.notes };
  }

  private rules(body: JsonObject): Rules {
    const read = (key: "include" | "exclude" | "require"): Atom[] => {
      const atoms = readRules(body[key], this.atomContext);
      // cdktf writes a list token as a dynamic block: rules known only at plan time.
      const dynamic = block(block(body.dynamic)?.[key]);
      if (dynamic !== undefined) {
        atoms.push({ key: `opaque:dynamic:${display(dynamic.for_each) ?? "?"}`, kind: "opaque", selector: "dynamic", text: `rules from ${display(dynamic.for_each) ?? "a dynamic block"}`, who: "people or requests matching rules built at plan time", identity: false, opaque: "its rules are built at plan time (a dynamic block)" });
      }
      return atoms;
    };
    return { include: read("include"), exclude: read("exclude"), require: read("require") };
  }

  private group(r: TfResource): void {
    const key = this.key(r.address);
    if (this.groupModels.has(key)) return;
    this.groupModels.set(key, { key, address: r.address, name: display(r.body.name) ?? r.name, rules: this.rules(r.body) });
  }

  /**
   * Groups that include themselves, directly or through others: each cycle
   * is noted once (depth-first in key order, so the same stack always names
   * it the same way), and its groups are kept in `cyclic`, which the
   * evaluator expands along each path, the reference that closes the cycle
   * opaque (what Cloudflare makes of a cycle is not known).
   */
  private findCycles(): Set<string> {
    const cyclic = new Set<string>();
    const state = new Map<string, "open" | "done">();
    const visit = (key: string, path: string[]) => {
      state.set(key, "open");
      const group = this.groupModels.get(key);
      for (const atom of group ? [...group.rules.include, ...group.rules.exclude, ...group.rules.require] : []) {
        if (atom.kind !== "accessGroup" || atom.value === undefined || !this.groupModels.has(atom.value)) continue;
        const s = state.get(atom.value);
        if (s === "open") {
          const members = path.slice(path.indexOf(atom.value));
          for (const m of members) cyclic.add(m);
          const names = [...members, atom.value].map((k) => `"${this.groupModels.get(k)?.name ?? k}"`);
          this.notes.push({ address: this.groupModels.get(atom.value)?.address ?? key, message: `Access group ${names[0]} includes itself: ${names.join(" → ")}; the review cannot tell whom the cycle admits` });
        } else if (s === undefined) visit(atom.value, [...path, atom.value]);
      }
      state.set(key, "done");
    };
    for (const key of [...this.groupModels.keys()].sort()) if (!state.has(key)) visit(key, [key]);
    return cyclic;
  }

  /** A policy resource as an application uses it. */
  public policyOf(r: TfResource, attachedBy: string): PolicyModel {
    const decision = decisionOf(r.body.decision);
    const sessionDuration = display(r.body.session_duration);
    const session: EffectiveSession =
      sessionDuration !== undefined
        ? { duration: sessionDuration, source: "policy" }
        : typeOfAddress(r.address) === "cloudflare_zero_trust_access_policy" && !isV4Policy(r.body)
          ? { duration: DEFAULT_SESSION, source: "provider default" }
          : { duration: "", source: "application" };
    return { key: this.key(r.address), address: r.address, constructPath: r.constructPath, name: display(r.body.name) ?? r.name, decision, rules: this.rules(r.body), session, attachedBy };
  }

  /**
   * One entry of an application's `policies` list: a policy of the stack, an
   * inline policy, or one the stack does not hold. A reference to a policy
   * resource the stack does not declare (deleted, while the list still names
   * it: Terraform refuses that configuration) attaches nothing.
   */
  public policyOfEntry(app: TfResource, entry: Json, i: number, attachedBy: string): PolicyModel | undefined {
    const id = isObject(entry) ? entry.id : entry;
    const address = referenceTo(id);
    const target = address !== undefined ? this.index.byAddress.get(address) : undefined;
    if (target !== undefined && target.mode === "managed" && familyOf(target.type) === "accessPolicy") return this.policyOf(target, attachedBy);
    if (address !== undefined && target === undefined && !address.startsWith("data.") && familyOf(typeOfAddress(address)) === "accessPolicy") return undefined;
    if (isObject(entry) && (entry.include !== undefined || entry.decision !== undefined)) {
      const sessionDuration = display(entry.session_duration);
      return {
        key: `${this.key(app.address)}#${i + 1}`,
        name: display(entry.name) ?? `inline policy ${i + 1}`,
        decision: decisionOf(entry.decision),
        rules: this.rules(entry),
        session: sessionDuration !== undefined ? { duration: sessionDuration, source: "policy" } : { duration: "", source: "application" },
        attachedBy: `${attachedBy} (inline)`,
        inline: entry,
      };
    }
    const key = this.referenceKey(id) ?? `expr:${display(id) ?? "?"}`;
    return { key, name: display(id) ?? "(unknown policy)", decision: "unknown", session: { duration: "", source: "application" }, attachedBy };
  }

  private app(r: TfResource): AppModel {
    const appSession = display(r.body.session_duration);
    const attached = ATTACHMENTS.flatMap((a) => a.attach(r, this));
    const seen = new Set<string>();
    const unique = attached.filter((a) => (seen.has(a.policy.key) ? false : (seen.add(a.policy.key), true)));
    const orderUnknown = unique.some((a) => a.precedence === "unknown") ? "a policy's precedence is known only at plan time" : undefined;
    const rank = (a: (typeof unique)[number]) => (typeof a.precedence === "number" ? a.precedence : Number.MAX_SAFE_INTEGER);
    unique.sort((a, b) => rank(a) - rank(b) || a.position - b.position);
    const policies = unique.map(({ policy, precedence }): PolicyModel => ({
      ...policy,
      precedence: typeof precedence === "number" ? precedence : undefined,
      // The application's session applies where the policy sets none (v4, inline, unknown).
      session: policy.session.source === "application" ? { duration: appSession ?? DEFAULT_SESSION, source: "application" } : policy.session,
    }));
    const hostnames = [
      r.body.domain,
      ...list(r.body.self_hosted_domains),
      ...list(r.body.destinations).map((d) => (isObject(d) ? d.uri ?? d.hostname ?? d.cidr : d)),
    ]
      .map((d) => display(d ?? undefined))
      .filter((d): d is string => d !== undefined && d !== "")
      .map((d) => d.toLowerCase());
    return {
      key: this.key(r.address),
      address: r.address,
      constructPath: r.constructPath,
      name: display(r.body.name) ?? r.name,
      hostnames: [...new Set(hostnames)],
      allowedIdps: this.idpSet(r.body.allowed_idps),
      policies,
      orderUnknown,
      sessionDuration: appSession,
    };
  }

  private idpSet(value: Json | undefined): IdpSet {
    if (value === undefined || value === null) return { kind: "all" };
    if (typeof value === "string" && isExpression(value) && referenceTo(value) === undefined) return { kind: "unknown", text: value };
    const keys: string[] = [];
    for (const item of list(value)) {
      const key = this.referenceKey(item);
      if (key === undefined) return { kind: "unknown", text: display(item) ?? "?" };
      keys.push(key);
    }
    // An empty list is no restriction: every identity provider of the account.
    return keys.length === 0 ? { kind: "all" } : { kind: "some", keys: [...new Set(keys)] };
  }

  private idp(r: TfResource): IdpModel {
    const config = block(r.body.config) ?? {};
    const type = display(r.body.type) ?? "unknown";
    const trust = new Map<string, string | undefined>();
    const trustData = new Map<string, string>();
    if (type === "okta") {
      for (const field of TRUST_FIELDS.keys()) {
        trust.set(field, this.inBaseSpace(config[field]));
        const data = this.dataArguments(config[field]);
        if (data !== "") trustData.set(field, data);
      }
    }
    const appAddress = referenceTo(config.client_id);
    const app = appAddress !== undefined ? this.index.byAddress.get(appAddress) : undefined;
    const oktaApp = app !== undefined && app.mode === "managed" && familyOf(app.type) === "oktaApp" ? app : undefined;
    // An Okta app resource the stack does not declare (deleted while the identity provider still names it): nobody signs in through it.
    const deleted = appAddress !== undefined && app === undefined && !appAddress.startsWith("data.") && familyOf(typeOfAddress(appAddress)) === "oktaApp";
    const key = this.key(r.address);
    return {
      key,
      address: r.address,
      constructPath: r.constructPath,
      name: display(r.body.name) ?? r.name,
      type,
      trust,
      trustData,
      claims: claimsOf(config),
      groups: type === "okta" ? this.groupsReach(key, config, oktaApp) : { kind: "all" },
      ...(type === "okta" && oktaApp !== undefined
        ? { oktaApp: { key: this.key(oktaApp.address), address: oktaApp.address, constructPath: oktaApp.constructPath, label: display(oktaApp.body.label) ?? oktaApp.name, groupsClaim: block(oktaApp.body.groups_claim) !== undefined } }
        : {}),
      signIn: type === "okta" ? (deleted ? { kind: "assigned", everyone: false, implicit: false, groups: [], appKey: this.key(appAddress ?? ""), appAddress: appAddress ?? "", label: appAddress ?? "" } : this.signIn(oktaApp)) : { kind: "outside" },
      scim: isObject(block(r.body.scim_config)),
    };
  }

  /** A value with references in the base's address space, for comparing what an identity provider trusts. */
  private inBaseSpace(value: Json | undefined): string | undefined {
    const shown = display(value);
    if (shown === undefined) return undefined;
    return shown.replace(/\$\{([^}]*)\}/g, (whole, inner: string) => {
      const address = referenceTo(whole);
      return address !== undefined ? `\${${inner.replace(address, this.key(address))}}` : whole;
    });
  }

  /**
   * The groups claim that reaches Cloudflare: a custom authorization server's
   * claim that Okta puts in the ID token ({@link idTokenDelivery}), else the
   * Okta app's; "none" when no claim delivers groups under a name Cloudflare
   * reads ({@link cloudflareReadsClaim}).
   */
  private groupsReach(idpKey: string, config: JsonObject, app: TfResource | undefined): GroupsReach {
    if (app === undefined) return { kind: "all" };
    const label = display(app.body.label) ?? app.name;
    const appClaim = block(app.body.groups_claim);
    const claimName = display(appClaim?.name) ?? "groups";
    const server = config.authorization_server_id;
    if (server !== undefined && server !== null) {
      const serverAddress = referenceTo(server) ?? display(server) ?? "";
      const onServer = this.pointingAt("oktaAuthServerClaim", "auth_server_id", serverAddress);
      const valueType = (c: TfResource) => display(c.body.value_type) ?? "EXPRESSION";
      const named = onServer.filter((c) => (valueType(c) === "GROUPS" || valueType(c) === "EXPRESSION") && display(c.body.name) === claimName);
      const at = { address: app.address, constructPath: app.constructPath, label: `Okta app ${literal(label)}` };
      if (named.length === 0) {
        const other = onServer.find((c) => valueType(c) === "GROUPS");
        if (other === undefined) return { kind: "unknown", why: "the custom authorization server's groups claim is not in this stack", key: `server:${this.inBaseSpace(server) ?? "?"}${this.dataArguments(server)}`, ...at };
        const otherLabel = `authorization server claim ${literal(display(other.body.name) ?? other.name)}`;
        return { kind: "none", why: `the custom authorization server's groups claim is named ${literal(display(other.body.name) ?? "")}, not ${literal(claimName)}: no groups claim reaches Cloudflare`, key: `none:server-claim-name`, address: other.address, constructPath: other.constructPath, label: otherLabel };
      }
      const delivery = named.map((c) => ({ c, d: idTokenDelivery(c.body) }));
      const candidates = delivery.filter((x) => x.d.result !== "no");
      const claimLabel = (c: TfResource) => `authorization server claim ${literal(display(c.body.name) ?? c.name)}`;
      if (candidates.length === 0) {
        const first = named[0];
        const why = delivery.map((x) => (x.d.result === "no" ? x.d.why : "")).join("; ");
        return { kind: "none", why: `no claim ${literal(claimName)} of the custom authorization server is in the ID token Cloudflare reads (${why})`, key: "none:server-claim-delivery", address: first.address, constructPath: first.constructPath, label: claimLabel(first) };
      }
      const claim = candidates[0].c;
      const where = { address: claim.address, constructPath: claim.constructPath, label: claimLabel(claim) };
      const contentKey = (c: TfResource) => canonical(Object.fromEntries(CLAIM_FIELDS.map((f) => [f, c.body[f] ?? null])));
      if (candidates.length > 1) {
        return { kind: "unknown", why: `${candidates.length} claims named ${literal(claimName)} of the custom authorization server may be in the ID token (${candidates.map((x) => literal(x.c.address)).join(", ")}): the review cannot tell which one Okta sends`, key: `claims:${idpKey}:${candidates.map((x) => contentKey(x.c)).sort().join("|")}`, ...where };
      }
      const d = candidates[0].d;
      if (d.result === "unknown") return { kind: "unknown", why: `whether ${claimLabel(claim)} is in the ID token Cloudflare reads cannot be told: ${d.why}`, key: `claim:${idpKey}:${contentKey(claim)}`, ...where };
      const filter: GroupsFilter = valueType(claim) === "GROUPS" ? { type: "FILTER", filterType: display(claim.body.group_filter_type), value: display(claim.body.value) ?? "" } : { type: "EXPRESSION", value: display(claim.body.value) ?? "" };
      return this.reachOf(filter, claimName, claim, claimLabel(claim), idpKey, config);
    }
    if (appClaim === undefined) return { kind: "unknown", why: `the Okta app ${literal(label)} sends no groups claim (Cloudflare reads groups only with an Okta API token, set outside Terraform)`, key: `noclaim:${idpKey}`, address: app.address, constructPath: app.constructPath, label: `Okta app ${literal(label)}` };
    const filter: GroupsFilter = { type: display(appClaim.type) ?? "FILTER", filterType: display(appClaim.filter_type), value: display(appClaim.value) ?? "" };
    return this.reachOf(filter, claimName, app, `Okta app ${literal(label)}`, idpKey, config);
  }

  private reachOf(filter: GroupsFilter, claimName: string, r: TfResource, label: string, idpKey: string, config: JsonObject): GroupsReach {
    const where = { address: r.address, constructPath: r.constructPath, label };
    const reads = cloudflareReadsClaim(claimsOf(config), claimName);
    if (reads === false) return { kind: "none", why: `Cloudflare's claims (${claimsOf(config).map(literal).join(", ") || "none"}) do not include the groups claim ${literal(claimName)}: Access never sees the groups`, key: `none:claims:${claimName}`, ...where };
    if (reads === undefined) return { kind: "unknown", why: `whether Cloudflare reads the groups claim ${literal(claimName)} cannot be told: config.claims ${claimsOf(config).length === 0 ? "lists no claims" : "is known only at plan time"}`, key: `claims:${idpKey}:${display(config.claims) ?? ""}:${claimName}:${canonical({ ...filter })}`, ...where };
    if (isExpression(filter.value)) return { kind: "unknown", why: `the groups claim of ${label} is known only at plan time`, key: `claim:${idpKey}:${filter.value}`, ...where };
    return { kind: "filter", filter, claimName, description: describeGroupsFilter(filter.type, filter.filterType, filter.value), ...where };
  }

  /** The arguments of the data sources a value reads (empty when it reads none): the same reference with other arguments reads something else. */
  public dataArguments(value: Json | undefined): string {
    const shown = display(value);
    if (shown === undefined || !isExpression(shown)) return "";
    const sources = referencedAddresses(shown).filter((a) => a.startsWith("data."));
    return sources.map((a) => ` ${a}=${this.inBaseSpace(canonical(this.index.byAddress.get(a)?.body ?? null)) ?? ""}`).join("");
  }

  /** Who may sign in through the Okta app: its assignments in the stack. */
  private signIn(app: TfResource | undefined): SignIn {
    if (app === undefined) return { kind: "outside" };
    const appKey = this.key(app.address);
    const label = display(app.body.label) ?? app.name;
    const implicit = tfBool(app.body.implicit_assignment) === true;
    const assignments = [...this.pointingAt("oktaAssignments", "app_id", app.address), ...this.pointingAt("oktaAssignment", "app_id", app.address)];
    const at = { appKey, appAddress: app.address, appConstructPath: app.constructPath, label };
    if (assignments.length === 0 && !implicit) return { kind: "outside", ...at };
    const groups: { key: string; name: string }[] = [];
    let everyone = implicit;
    for (const a of assignments) {
      const dynamic = block(block(a.body.dynamic)?.group);
      if (dynamic !== undefined) return { kind: "unknown", why: `the Okta app ${literal(label)} is assigned to ${literal(display(dynamic.for_each) ?? "groups")}, known only at plan time`, ...at };
      const ids = a.body.group_id !== undefined ? [a.body.group_id] : list(a.body.group).map((g) => (isObject(g) ? g.id : g));
      for (const id of ids) {
        const group = this.oktaGroup(id ?? null);
        if (group === "everyone") everyone = true;
        else if (group === undefined) return { kind: "unknown", why: `the Okta app ${literal(label)} is assigned to ${literal(display(id ?? null) ?? "a group")}, known only at plan time`, ...at };
        else if (!groups.some((g) => g.key === group.key)) groups.push(group);
      }
    }
    return { kind: "assigned", everyone, implicit, groups, ...at };
  }

  /** An Okta group an assignment names: Everyone, a group by name (an okta_group of the stack), by id, or undefined when known only at plan time. */
  private oktaGroup(value: Json): "everyone" | { key: string; name: string } | undefined {
    const address = referenceTo(value);
    if (address !== undefined) {
      const type = typeOfAddress(address);
      const target = this.index.byAddress.get(address);
      if (type === "okta_everyone_group") return "everyone";
      const name = target !== undefined ? display(target.body.name) : undefined;
      if ((type === "okta_group" || type === "okta_groups") && name !== undefined && !isExpression(name)) return name === "Everyone" ? "everyone" : { key: name, name };
      return { key: `ref:${this.key(address)}`, name: display(value) ?? address };
    }
    const literal = display(value);
    if (literal === undefined || isExpression(literal)) return undefined;
    return { key: `id:${literal}`, name: literal };
  }
}

/** `config.claims`: the claims Cloudflare passes on to Access rules, as written. */
function claimsOf(config: JsonObject): string[] {
  return list(config.claims).map((c) => display(c) ?? "");
}

/**
 * Whether Cloudflare reads a groups claim of this name: only the claims listed
 * in the identity provider's `config.claims` reach Access rules (the
 * construct always lists its groups claim there). Undefined when that cannot
 * be told: the list is known only at plan time, or empty or not written
 * (Cloudflare's own click-through sets no claims; the review does not assume
 * either way). The one place of this rule: the access model (a groups claim
 * Cloudflare does not read sends no groups) and the check that tells the
 * author (checks.ts) both ask it.
 */
export function cloudflareReadsClaim(claims: readonly string[], claimName: string): boolean | undefined {
  if (claims.includes(claimName)) return true;
  return claims.length === 0 || claims.some((c) => isExpression(c)) ? undefined : false;
}

/** The scopes Cloudflare requests from Okta: a claim tied only to these is in its tokens. */
const CLOUDFLARE_SCOPES: ReadonlySet<string> = new Set(["openid", "profile", "email", "groups"]);

/** The attributes of a custom authorization server's claim that decide whether and what it sends: the comparison key of a claim the review cannot read. */
const CLAIM_FIELDS = ["name", "claim_type", "status", "always_include_in_token", "scopes", "value_type", "group_filter_type", "value"] as const;

/**
 * Whether Okta puts a custom authorization server's claim (okta_auth_server_claim)
 * in the ID token Cloudflare reads: only an `IDENTITY` claim (not `RESOURCE`,
 * the access token's), not `INACTIVE` (the provider's default is `ACTIVE`),
 * with `always_include_in_token` (default true), and either no scopes
 * condition or one on scopes Cloudflare requests ({@link CLOUDFLARE_SCOPES});
 * another scope, or a value known only at plan time, cannot be told.
 */
export function idTokenDelivery(body: JsonObject): { result: "yes" } | { result: "no"; why: string } | { result: "unknown"; why: string } {
  const name = literal(display(body.name) ?? "?");
  const claimType = display(body.claim_type);
  if (claimType === "RESOURCE") return { result: "no", why: `${name} is an access-token claim (claim_type RESOURCE)` };
  if (claimType !== "IDENTITY") return { result: "unknown", why: `claim_type ${literal(claimType ?? "(none)")}` };
  const status = display(body.status) ?? "ACTIVE";
  if (status === "INACTIVE") return { result: "no", why: `${name} is INACTIVE` };
  if (status !== "ACTIVE") return { result: "unknown", why: `status ${literal(status)}` };
  const always = body.always_include_in_token === undefined || body.always_include_in_token === null ? true : tfBool(body.always_include_in_token);
  if (always === false) return { result: "no", why: `${name} has always_include_in_token false` };
  if (always === undefined) return { result: "unknown", why: `always_include_in_token ${literal(display(body.always_include_in_token) ?? "")}` };
  const scopes = body.scopes;
  if (typeof scopes === "string" && isExpression(scopes)) return { result: "unknown", why: `scopes ${literal(scopes)} known only at plan time` };
  const listed = list(scopes).map((x) => display(x) ?? "");
  const other = listed.filter((x) => !CLOUDFLARE_SCOPES.has(x));
  if (other.length > 0) return { result: "unknown", why: `${name} is tied to the scopes ${other.map(literal).join(", ")}, which Cloudflare may not request` };
  return { result: "yes" };
}

function decisionOf(value: Json | undefined): Decision {
  const decision = (display(value) ?? "allow").toLowerCase();
  // The provider accepts the decisions in any case (OneOfCaseInsensitive).
  return decision === "allow" || decision === "deny" || decision === "bypass" || decision === "non_identity" ? decision : "unknown";
}

/** A `cloudflare_zero_trust_access_policy` written in the v4 shape (with `application_id`): no v5 session default. */
function isV4Policy(body: JsonObject): boolean {
  return body.application_id !== undefined || body.app_id !== undefined;
}

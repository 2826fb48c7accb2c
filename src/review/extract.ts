/**
 * Extraction: from one indexed stack to the review model, joined by Terraform
 * references, never by our TypeScript objects, so that stacks written by hand
 * are reviewed the same way.
 */
import { describeGroupsFilter } from "../private/groups-filter";
import { accessModel, DEFAULT_SESSION } from "./access-model";
import { AccessRuleDescriber } from "./access-rules";
import { Family, typesOf } from "./resource-types";
import {
  AccessApplicationReview,
  AccessGroupReview,
  AccessPolicyReview,
  ApplicationPolicyReview,
  AssignedGroupReview,
  AuthServerClaimReview,
  EffectiveSession,
  GroupsFilterReview,
  IdentityProviderReview,
  OktaAppReview,
  RulesReview,
  ScopeReview,
  StackReview,
} from "./review-model";
import { StackIndex, TfResource } from "./stack-index";
import { block, isObject, Json, JsonObject, list, referenceTo, typeOfAddress } from "./terraform-json";
import { display, tfBool } from "./values";

export { display };

export { DEFAULT_SESSION };

/** The longest of some sessions (durations that cannot be read count as longest: they are shown, not hidden). */
export function longestSession(sessions: readonly EffectiveSession[]): EffectiveSession | undefined {
  let longest: EffectiveSession | undefined;
  for (const s of sessions) {
    if (longest === undefined || (durationSeconds(s.duration) ?? Infinity) > (durationSeconds(longest.duration) ?? Infinity)) longest = s;
  }
  return longest;
}

/**
 * A Go duration (`8h`, `30m`, `1h30m`, `90s`) in seconds, or undefined when
 * it is not one: numbers (digits, optionally a fraction), each followed by a
 * unit. Read in one pass (a regex over a long run of digits backtracks
 * quadratically, and durations come from the input).
 */
export function durationSeconds(duration: string): number | undefined {
  let seconds = 0;
  let i = 0;
  const digits = () => {
    const start = i;
    while (i < duration.length && duration.charCodeAt(i) >= 48 && duration.charCodeAt(i) <= 57) i++;
    return i > start;
  };
  while (i < duration.length) {
    const start = i;
    if (!digits()) return undefined;
    if (duration[i] === "." && (i++, !digits())) return undefined;
    const amount = Number(duration.slice(start, i));
    // The longest unit that fits: `ms` before `m`.
    const unit = ["ns", "us", "µs", "ms", "s", "m", "h"].filter((u) => duration.startsWith(u, i)).sort((a, b) => b.length - a.length)[0];
    if (unit === undefined) return undefined;
    i += unit.length;
    seconds += amount * (DURATION_UNITS.get(unit) ?? 0);
  }
  return i === 0 ? undefined : seconds;
}

const DURATION_UNITS: ReadonlyMap<string, number> = new Map([
  ["ns", 1e-9],
  ["us", 1e-6],
  ["µs", 1e-6],
  ["ms", 1e-3],
  ["s", 1],
  ["m", 60],
  ["h", 3600],
]);

const extracted = new WeakMap<StackIndex, StackReview>();

/** Builds the review model of one indexed stack (once per index). */
export function extractStack(index: StackIndex): StackReview {
  let review = extracted.get(index);
  if (review === undefined) extracted.set(index, (review = extractUncached(index)));
  return review;
}

function extractUncached(index: StackIndex): StackReview {
  const ctx = contextOf(index);
  const oktaApps = ctx.managed("oktaApp").map((r) => oktaApp(r, ctx));
  const appsByAddress = new Map(oktaApps.map((a) => [a.address, a]));
  const linked = new Set<string>();

  const identityProviders = ctx.managed("cloudflareIdp").map((r): IdentityProviderReview => {
    const config = block(r.body.config) ?? {};
    const clientId = display(config.client_id);
    const appAddress = referenceTo(config.client_id);
    const app = appAddress !== undefined ? appsByAddress.get(appAddress) : undefined;
    if (app) linked.add(app.address);
    const authorizationServerId = display(config.authorization_server_id);
    const scim = block(r.body.scim_config);
    return {
      address: r.address,
      constructPath: r.constructPath,
      name: display(r.body.name) ?? r.name,
      idpType: display(r.body.type) ?? "unknown",
      scope: scopeOf(r.body),
      oktaOrgUrl: display(config.okta_account),
      claims: list(config.claims).map((c) => display(c) ?? ""),
      emailClaimName: display(config.email_claim_name),
      pkceEnabled: tfBool(config.pkce_enabled),
      authorizationServerId,
      authServerClaims:
        config.authorization_server_id === undefined ? [] : ctx.authServerClaimsFor(config.authorization_server_id),
      scim:
        scim === undefined
          ? undefined
          : {
              enabled: tfBool(scim.enabled) ?? false,
              userDeprovision: tfBool(scim.user_deprovision),
              seatDeprovision: tfBool(scim.seat_deprovision),
              identityUpdateBehavior: display(scim.identity_update_behavior),
            },
      clientId,
      oktaApp: app,
    };
  });

  const accessGroups = ctx.managed("accessGroup").map(
    (r): AccessGroupReview => ({
      address: r.address,
      constructPath: r.constructPath,
      name: display(r.body.name) ?? r.name,
      scope: scopeOf(r.body),
      ...ctx.rules(r.body),
    }),
  );

  const accessPolicies = ctx.managed("accessPolicy").map(
    (r): AccessPolicyReview => ({
      address: r.address,
      constructPath: r.constructPath,
      name: display(r.body.name) ?? r.name,
      decision: display(r.body.decision) ?? "allow",
      sessionDuration: display(r.body.session_duration),
      ...ctx.rules(r.body),
    }),
  );
  const policiesByAddress = new Map(accessPolicies.map((p) => [p.address, p]));

  // Applications as the access model reads them: whatever attaches their policies, in evaluation order.
  const models = new Map(accessModel(index).apps.map((a) => [a.address, a]));
  const accessApplications = ctx.managed("accessApplication").map((r): AccessApplicationReview => {
    const model = models.get(r.address);
    const appSession = display(r.body.session_duration);
    const policies = (model?.policies ?? []).map((p): ApplicationPolicyReview => {
      const review = p.address !== undefined ? policiesByAddress.get(p.address) : undefined;
      const rules = review ?? (p.inline !== undefined ? ctx.rules(p.inline) : undefined);
      return {
        policy: p.address ?? (p.inline === undefined ? (p.key.startsWith("id:") ? p.key.slice(3) : p.key) : undefined),
        name: p.name,
        precedence: p.precedence,
        decision: review?.decision ?? (p.inline !== undefined ? display(p.inline.decision) ?? "allow" : p.decision),
        admits: rules?.admits ?? "unknown: the policy is not in this stack",
        oktaGroups: rules?.oktaGroups ?? [],
        everyone: rules?.everyone ?? false,
        session: p.session,
      };
    });
    return {
      address: r.address,
      constructPath: r.constructPath,
      name: display(r.body.name) ?? r.name,
      appType: display(r.body.type),
      domains: [...(model?.hostnames ?? [])],
      scope: scopeOf(r.body),
      allowedIdps: list(r.body.allowed_idps).map((i) => referenceTo(i) ?? display(i) ?? ""),
      autoRedirect: tfBool(r.body.auto_redirect_to_identity),
      sessionDuration: appSession,
      effectiveSession: longestSession(policies.filter((p) => p.decision !== "deny").map((p) => p.session)) ?? { duration: appSession ?? DEFAULT_SESSION, source: "application" },
      policies,
    };
  });

  return {
    name: index.name,
    resourceCount: index.resources.filter((r) => r.mode === "managed").length,
    identityProviders,
    unlinkedOktaApps: oktaApps.filter((a) => !linked.has(a.address)),
    accessGroups,
    accessPolicies,
    accessApplications,
  };
}

const contexts = new WeakMap<StackIndex, Context>();

function contextOf(index: StackIndex): Context {
  let ctx = contexts.get(index);
  if (ctx === undefined) contexts.set(index, (ctx = new Context(index)));
  return ctx;
}

/** The rules of an Access group or policy body, in words, resolved in a stack. */
export function describeRules(index: StackIndex, body: JsonObject): RulesReview {
  return contextOf(index).rules(body);
}

/** An Okta group id as the review shows it: Everyone, the group's name, or the id. */
export function describeGroupId(index: StackIndex, value: Json | undefined): { group: string; everyone: boolean } {
  return contextOf(index).groupLabel(value);
}

/** The groups claim of an `okta_app_oauth` body. */
export function groupsClaimOfApp(body: JsonObject): GroupsFilterReview | undefined {
  const claim = block(body.groups_claim);
  if (claim === undefined) return undefined;
  return groupsFilter(display(claim.name) ?? "groups", display(claim.type) ?? "FILTER", display(claim.filter_type), display(claim.value) ?? "");
}

/** The groups filter of an `okta_auth_server_claim` body of value type GROUPS. */
export function groupsClaimOfAuthServerClaim(body: JsonObject): GroupsFilterReview | undefined {
  if ((display(body.value_type) ?? "EXPRESSION") !== "GROUPS") return undefined;
  return groupsFilter(display(body.name) ?? "groups", "FILTER", display(body.group_filter_type), display(body.value) ?? "");
}

/** Lookups shared by the extraction steps. */
class Context {
  private readonly byType = new Map<string, TfResource[]>();

  private readonly byReference = new Map<string, TfResource[]>();

  private readonly describer: AccessRuleDescriber;

  constructor(public readonly index: StackIndex) {
    this.describer = new AccessRuleDescriber(index);
    for (const r of index.resources) {
      add(this.byType, `${r.mode}:${r.type}`, r);
    }
    // Resources that point at another one: assignments by app, claims by server, v4 policies by app.
    const pointers: [Family, string[]][] = [
      ["oktaAssignments", ["app_id"]],
      ["oktaAssignment", ["app_id"]],
      ["oktaAuthServerClaim", ["auth_server_id"]],
      ["accessPolicy", ["application_id", "app_id"]],
    ];
    for (const [family, attributes] of pointers) {
      for (const r of this.managed(family)) {
        for (const attribute of attributes) {
          if (r.body[attribute] !== undefined) add(this.byReference, `${r.type}:${attribute}:${sameValueKey(r.body[attribute])}`, r);
        }
      }
    }
  }

  /** Resources of some types whose `attribute` names the same thing as `value`. */
  public pointingAt(family: Family, attribute: string, value: Json | undefined): TfResource[] {
    const key = sameValueKey(value);
    return typesOf(family).flatMap((t) => this.byReference.get(`${t}:${attribute}:${key}`) ?? []);
  }

  public managed(family: Family): TfResource[] {
    return typesOf(family).flatMap((t) => this.byType.get(`managed:${t}`) ?? []);
  }

  public authServerClaimsFor(serverId: Json): AuthServerClaimReview[] {
    return this.pointingAt("oktaAuthServerClaim", "auth_server_id", serverId).map((r) => authServerClaim(r));
  }

  /** Display name of an Okta group id: Everyone, the okta_group's name, or the id. */
  public groupLabel(value: Json | undefined): { group: string; everyone: boolean } {
    const address = referenceTo(value);
    if (address !== undefined) {
      const type = typeOfAddress(address);
      const target = this.index.byAddress.get(address);
      if (type === "okta_everyone_group") return { group: "Everyone", everyone: true };
      if (type === "okta_group" && target) {
        const name = display(target.body.name);
        if (name !== undefined && !name.startsWith("${")) return { group: name, everyone: name === "Everyone" };
      }
    }
    return { group: display(value) ?? "(unknown)", everyone: false };
  }

  /** Include, exclude and require rules of an Access group, policy or inline policy. */
  public rules(body: JsonObject): RulesReview {
    return this.describer.rules(body);
  }
}

function oktaApp(r: TfResource, ctx: Context): OktaAppReview {
  const assignments: AssignedGroupReview[] = [];
  let exclusive = false;
  let additive = false;
  const appId = `\${${r.address}.id}`;
  for (const a of ctx.pointingAt("oktaAssignments", "app_id", appId)) {
    exclusive = true;
    for (const g of list(a.body.group)) {
      if (isObject(g)) assignments.push({ ...ctx.groupLabel(g.id), additive: false, address: a.address });
    }
    // cdktf writes a list token as a dynamic block.
    const dynamic = block(block(a.body.dynamic)?.group);
    if (dynamic !== undefined) {
      assignments.push({ group: `each of ${display(dynamic.for_each) ?? "?"}`, everyone: false, additive: false, address: a.address });
    }
  }
  for (const a of ctx.pointingAt("oktaAssignment", "app_id", appId)) {
    additive = true;
    assignments.push({ ...ctx.groupLabel(a.body.group_id), additive: true, retained: tfBool(a.body.retain_assignment) ?? false, address: a.address });
  }
  return {
    address: r.address,
    constructPath: r.constructPath,
    label: display(r.body.label),
    appType: display(r.body.type),
    redirectUris: list(r.body.redirect_uris).map((u) => display(u) ?? ""),
    pkceRequired: tfBool(r.body.pkce_required),
    groupsClaim: groupsClaimOfApp(r.body),
    implicitAssignment: tfBool(r.body.implicit_assignment),
    assignmentMode: exclusive && additive ? "mixed" : exclusive ? "exclusive" : additive ? "additive" : "none",
    assignments,
  };
}

function authServerClaim(r: TfResource): AuthServerClaimReview {
  const valueType = display(r.body.value_type) ?? "EXPRESSION";
  const value = display(r.body.value);
  const groupFilterType = display(r.body.group_filter_type);
  return {
    address: r.address,
    constructPath: r.constructPath,
    name: display(r.body.name) ?? r.name,
    claimType: display(r.body.claim_type),
    valueType,
    groupFilterType,
    value,
    alwaysIncluded: tfBool(r.body.always_include_in_token) ?? true,
    description:
      valueType === "GROUPS" ? describeGroupsFilter("FILTER", groupFilterType, value ?? "") : `expression ${value ?? "?"}`,
  };
}

export function groupsFilter(claimName: string, type: string, filterType: string | undefined, value: string): GroupsFilterReview {
  return { claimName, type, filterType, value, description: describeGroupsFilter(type, filterType, value) };
}

function scopeOf(body: JsonObject): ScopeReview {
  const account = display(body.account_id);
  if (account !== undefined) return { kind: "account", id: account };
  const zone = display(body.zone_id);
  if (zone !== undefined) return { kind: "zone", id: zone };
  return { kind: "unknown", id: "" };
}

function add<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const bucket = map.get(key);
  if (bucket) bucket.push(value);
  else map.set(key, [value]);
}

/** Two values name the same thing: the same referenced resource, or the same literal. */
function sameValueKey(value: Json | undefined): string {
  const address = referenceTo(value);
  return address !== undefined ? `ref:${address}` : `lit:${display(value) ?? ""}`;
}

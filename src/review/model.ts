/**
 * Model extraction: from one stack's Terraform JSON to what a reviewer reads
 * (identity providers with their Okta app, Access groups, policies and
 * applications), joined by Terraform references, never by our TypeScript
 * objects, so that stacks written by hand are reviewed the same way.
 */
import { describeGroupsFilter } from "../private/groups-filter-words";
import { LoadedStack } from "./load";
import { maskSecrets } from "./secrets";
import { block, bool, canonical, isObject, Json, JsonObject, list, referenceTo, str, typeOfAddress, withoutMetadata } from "./terraform-json";

/** Resource types the review understands (v5 names, and the v4 names of hand-written stacks). */
export const TYPES = {
  oktaApp: ["okta_app_oauth"],
  oktaAssignments: ["okta_app_group_assignments"],
  oktaAssignment: ["okta_app_group_assignment"],
  oktaAuthServerClaim: ["okta_auth_server_claim"],
  cloudflareIdp: ["cloudflare_zero_trust_access_identity_provider", "cloudflare_access_identity_provider"],
  accessGroup: ["cloudflare_zero_trust_access_group", "cloudflare_access_group"],
  accessPolicy: ["cloudflare_zero_trust_access_policy", "cloudflare_access_policy"],
  accessApplication: ["cloudflare_zero_trust_access_application", "cloudflare_access_application"],
} as const;

/** One resource or data source of a stack. */
export interface TfResource {
  /** `type.name`, or `data.type.name` for a data source. */
  readonly address: string;
  readonly type: string;
  readonly name: string;
  readonly mode: "managed" | "data";
  /** The construct path from cdktf's `//` metadata, e.g. `okta-access-basic/Okta/App`. */
  readonly constructPath?: string;
  /** The block's attributes, without the `//` metadata. */
  readonly body: JsonObject;
}

/** A stack's resources, indexed. */
export interface StackIndex {
  readonly name: string;
  readonly file: string;
  readonly resources: TfResource[];
  readonly byAddress: Map<string, TfResource>;
  /** Terraform `moved` blocks: a resource renamed on purpose, not replaced. */
  readonly moved: { readonly from: string; readonly to: string }[];
  /** Terraform `import` blocks: resources adopted, not created. */
  readonly imports: { readonly to: string; readonly id: string }[];
  readonly outputs: JsonObject;
}

/** Indexes a loaded stack. */
export function indexStack(stack: LoadedStack): StackIndex {
  const resources: TfResource[] = [];
  for (const mode of ["managed", "data"] as const) {
    const section = stack.json[mode === "managed" ? "resource" : "data"];
    if (!isObject(section)) continue;
    for (const type of Object.keys(section).sort()) {
      const byName = section[type];
      if (!isObject(byName)) continue;
      for (const name of Object.keys(byName).sort()) {
        const raw = block(byName[name]) ?? {};
        const metadata = isObject(raw["//"]) && isObject(raw["//"].metadata) ? raw["//"].metadata : undefined;
        resources.push({
          address: mode === "data" ? `data.${type}.${name}` : `${type}.${name}`,
          type,
          name,
          mode,
          constructPath: str(metadata?.path),
          body: withoutMetadata(raw),
        });
      }
    }
  }
  const moved = list(stack.json.moved)
    .filter(isObject)
    .map((m) => ({ from: stripBraces(str(m.from)), to: stripBraces(str(m.to)) }))
    .filter((m): m is { from: string; to: string } => m.from !== undefined && m.to !== undefined);
  const imports = list(stack.json.import)
    .filter(isObject)
    .map((m) => ({ to: stripBraces(str(m.to)), id: str(m.id) ?? "" }))
    .filter((m): m is { to: string; id: string } => m.to !== undefined);
  return {
    name: stack.name,
    file: stack.file,
    resources,
    byAddress: new Map(resources.map((r) => [r.address, r])),
    moved,
    imports,
    outputs: isObject(stack.json.output) ? stack.json.output : {},
  };
}

function stripBraces(value: string | undefined): string | undefined {
  return value?.replace(/^\$\{(.*)\}$/, "$1");
}

// ---------------------------------------------------------------------------
// What the review shows

/** A groups filter in Okta's terms and in words. */
export interface GroupsFilterReview {
  /** The claim's name in the token, e.g. `groups`. */
  readonly claimName: string;
  /** `FILTER` or `EXPRESSION`. */
  readonly type: string;
  /** `REGEX`, `STARTS_WITH`, `EQUALS`, `CONTAINS`; absent for an expression. */
  readonly filterType?: string;
  readonly value: string;
  /** In words, e.g. `all groups (regex .*)`. */
  readonly description: string;
}

/** A group the Okta app is assigned to. */
export interface AssignedGroupReview {
  /** `Everyone`, the group's name when the stack knows it, else its id or reference. */
  readonly group: string;
  readonly everyone: boolean;
  /** True for `okta_app_group_assignment` (additive), false for `okta_app_group_assignments` (exclusive). */
  readonly additive: boolean;
  /** `retain_assignment` of an additive assignment. */
  readonly retained?: boolean;
  readonly address: string;
}

/** The Okta OIDC app behind an identity provider. */
export interface OktaAppReview {
  readonly address: string;
  readonly constructPath?: string;
  readonly label?: string;
  /** Okta's app type, `web` for Cloudflare. */
  readonly appType?: string;
  readonly redirectUris: string[];
  readonly pkceRequired?: boolean;
  readonly groupsClaim?: GroupsFilterReview;
  readonly implicitAssignment?: boolean;
  /** `exclusive` (okta_app_group_assignments), `additive` (okta_app_group_assignment), both, or none. */
  readonly assignmentMode: "exclusive" | "additive" | "mixed" | "none";
  readonly assignments: AssignedGroupReview[];
}

/** A claim on a custom Okta authorization server. */
export interface AuthServerClaimReview {
  readonly address: string;
  readonly constructPath?: string;
  readonly name: string;
  /** `IDENTITY` (ID token) or `RESOURCE` (access token). */
  readonly claimType?: string;
  /** `GROUPS` or `EXPRESSION`. */
  readonly valueType?: string;
  readonly groupFilterType?: string;
  readonly value?: string;
  readonly alwaysIncluded: boolean;
  readonly description: string;
}

/** A Cloudflare account or zone. */
export interface ScopeReview {
  readonly kind: "account" | "zone" | "unknown";
  readonly id: string;
}

/** SCIM provisioning on the Cloudflare identity provider. */
export interface ScimReview {
  readonly enabled: boolean;
  readonly userDeprovision?: boolean;
  readonly seatDeprovision?: boolean;
  readonly identityUpdateBehavior?: string;
}

/** A Cloudflare Access identity provider and the Okta side wired to it. */
export interface IdentityProviderReview {
  readonly address: string;
  readonly constructPath?: string;
  readonly name: string;
  /** Cloudflare's IdP type, `okta` for ours. */
  readonly idpType: string;
  readonly scope: ScopeReview;
  readonly oktaOrgUrl?: string;
  readonly claims: string[];
  readonly emailClaimName?: string;
  readonly pkceEnabled?: boolean;
  /** The custom authorization server's id or reference; absent for the org server. */
  readonly authorizationServerId?: string;
  readonly authServerClaims: AuthServerClaimReview[];
  readonly scim?: ScimReview;
  /** `config.client_id`: a reference to the Okta app, or a literal client id. */
  readonly clientId?: string;
  readonly oktaApp?: OktaAppReview;
}

/** One include / exclude / require rule of an Access group or policy. */
export interface RuleReview {
  /** Cloudflare's rule kind: `okta`, `group`, `everyone`, `email_domain`... */
  readonly kind: string;
  /** In words, e.g. `Okta group "Engineering"`. */
  readonly text: string;
  /** The Okta group name of an `okta` rule. */
  readonly oktaGroup?: string;
  /** The identity provider an `okta` rule names (address or literal id). */
  readonly identityProvider?: string;
  /** The Access group a `group` rule names (address or literal id). */
  readonly accessGroup?: string;
}

/** Include, exclude and require rules, and who they admit. */
export interface RulesReview {
  readonly include: RuleReview[];
  readonly exclude: RuleReview[];
  readonly require: RuleReview[];
  /** Okta groups admitted through `include`, directly or through Access groups. */
  readonly oktaGroups: string[];
  readonly everyone: boolean;
  /** In words, e.g. `Okta group "Engineering" or Okta group "SRE"`. */
  readonly admits: string;
}

/** A Cloudflare Access group. */
export interface AccessGroupReview extends RulesReview {
  readonly address: string;
  readonly constructPath?: string;
  readonly name: string;
  readonly scope: ScopeReview;
}

/** A Cloudflare Access policy. */
export interface AccessPolicyReview extends RulesReview {
  readonly address: string;
  readonly constructPath?: string;
  readonly name: string;
  /** `allow`, `deny`, `bypass`, `non_identity`. */
  readonly decision: string;
  readonly sessionDuration?: string;
}

/** A policy as an application uses it. */
export interface ApplicationPolicyReview {
  /** The policy's address (reusable policy), or absent for an inline policy. */
  readonly policy?: string;
  readonly name: string;
  readonly precedence?: number;
  readonly decision: string;
  readonly admits: string;
  readonly oktaGroups: string[];
  readonly everyone: boolean;
}

/** A Cloudflare Access application. */
export interface AccessApplicationReview {
  readonly address: string;
  readonly constructPath?: string;
  readonly name: string;
  readonly appType?: string;
  readonly domains: string[];
  readonly scope: ScopeReview;
  /** Identity providers users may pick (addresses or literal ids); empty means all of the account's. */
  readonly allowedIdps: string[];
  readonly autoRedirect?: boolean;
  readonly sessionDuration?: string;
  readonly policies: ApplicationPolicyReview[];
}

/** Everything reviewed in one stack. */
export interface StackReview {
  readonly name: string;
  readonly resourceCount: number;
  readonly identityProviders: IdentityProviderReview[];
  /** Okta OIDC apps that no Cloudflare identity provider of the stack uses. */
  readonly unlinkedOktaApps: OktaAppReview[];
  readonly accessGroups: AccessGroupReview[];
  readonly accessPolicies: AccessPolicyReview[];
  readonly accessApplications: AccessApplicationReview[];
}

// ---------------------------------------------------------------------------
// Extraction

/** Builds the review model of one indexed stack. */
export function extractStack(index: StackIndex): StackReview {
  const ctx = contextOf(index);
  const oktaApps = ctx.managed(TYPES.oktaApp).map((r) => oktaApp(r, ctx));
  const appsByAddress = new Map(oktaApps.map((a) => [a.address, a]));
  const linked = new Set<string>();

  const identityProviders = ctx.managed(TYPES.cloudflareIdp).map((r): IdentityProviderReview => {
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
      pkceEnabled: bool(config.pkce_enabled),
      authorizationServerId,
      authServerClaims:
        config.authorization_server_id === undefined ? [] : ctx.authServerClaimsFor(config.authorization_server_id),
      scim:
        scim === undefined
          ? undefined
          : {
              enabled: bool(scim.enabled) ?? false,
              userDeprovision: bool(scim.user_deprovision),
              seatDeprovision: bool(scim.seat_deprovision),
              identityUpdateBehavior: display(scim.identity_update_behavior),
            },
      clientId,
      oktaApp: app,
    };
  });

  const accessGroups = ctx.managed(TYPES.accessGroup).map(
    (r): AccessGroupReview => ({
      address: r.address,
      constructPath: r.constructPath,
      name: display(r.body.name) ?? r.name,
      scope: scopeOf(r.body),
      ...ctx.rules(r.body),
    }),
  );

  const accessPolicies = ctx.managed(TYPES.accessPolicy).map(
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

  const accessApplications = ctx.managed(TYPES.accessApplication).map((r): AccessApplicationReview => {
    const policies: ApplicationPolicyReview[] = [];
    for (const entry of list(r.body.policies)) {
      const id = isObject(entry) ? entry.id : entry;
      const precedence = isObject(entry) && typeof entry.precedence === "number" ? entry.precedence : undefined;
      const address = referenceTo(id);
      const policy = address !== undefined ? policiesByAddress.get(address) : undefined;
      if (policy) {
        policies.push({ policy: policy.address, name: policy.name, precedence, decision: policy.decision, admits: policy.admits, oktaGroups: policy.oktaGroups, everyone: policy.everyone });
      } else if (isObject(entry) && (entry.include !== undefined || entry.decision !== undefined)) {
        const rules = ctx.rules(entry);
        policies.push({ name: display(entry.name) ?? "(inline policy)", precedence, decision: display(entry.decision) ?? "allow", admits: rules.admits, oktaGroups: rules.oktaGroups, everyone: rules.everyone });
      } else {
        policies.push({ policy: address ?? display(id), name: display(id) ?? "(unknown policy)", precedence, decision: "unknown", admits: "unknown: the policy is not in this stack", oktaGroups: [], everyone: false });
      }
    }
    // Cloudflare provider v4 style: policies point at their application.
    const appId = `\${${r.address}.id}`;
    const pointing = [...ctx.pointingAt(TYPES.accessPolicy, "application_id", appId), ...ctx.pointingAt(TYPES.accessPolicy, "app_id", appId)];
    for (const policy of pointing) {
      const review = policiesByAddress.get(policy.address);
      if (review && !policies.some((p) => p.policy === review.address)) {
        const precedence = typeof policy.body.precedence === "number" ? policy.body.precedence : undefined;
        policies.push({ policy: review.address, name: review.name, precedence, decision: review.decision, admits: review.admits, oktaGroups: review.oktaGroups, everyone: review.everyone });
      }
    }
    policies.sort((a, b) => (a.precedence ?? Number.MAX_SAFE_INTEGER) - (b.precedence ?? Number.MAX_SAFE_INTEGER));
    const domains = [
      display(r.body.domain),
      ...list(r.body.self_hosted_domains).map(display),
      ...list(r.body.destinations).map((d) => (isObject(d) ? display(d.uri) ?? display(d.hostname) : display(d))),
    ].filter((d): d is string => d !== undefined && d !== "");
    return {
      address: r.address,
      constructPath: r.constructPath,
      name: display(r.body.name) ?? r.name,
      appType: display(r.body.type),
      domains: [...new Set(domains)],
      scope: scopeOf(r.body),
      allowedIdps: list(r.body.allowed_idps).map((i) => referenceTo(i) ?? display(i) ?? ""),
      autoRedirect: bool(r.body.auto_redirect_to_identity),
      sessionDuration: display(r.body.session_duration),
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

  constructor(public readonly index: StackIndex) {
    for (const r of index.resources) {
      add(this.byType, `${r.mode}:${r.type}`, r);
    }
    // Resources that point at another one: assignments by app, claims by server, v4 policies by app.
    const pointers: [readonly string[], string[]][] = [
      [TYPES.oktaAssignments, ["app_id"]],
      [TYPES.oktaAssignment, ["app_id"]],
      [TYPES.oktaAuthServerClaim, ["auth_server_id"]],
      [TYPES.accessPolicy, ["application_id", "app_id"]],
    ];
    for (const [types, attributes] of pointers) {
      for (const r of this.managed(types)) {
        for (const attribute of attributes) {
          if (r.body[attribute] !== undefined) add(this.byReference, `${r.type}:${attribute}:${sameValueKey(r.body[attribute])}`, r);
        }
      }
    }
  }

  /** Resources of some types whose `attribute` names the same thing as `value`. */
  public pointingAt(types: readonly string[], attribute: string, value: Json | undefined): TfResource[] {
    const key = sameValueKey(value);
    return types.flatMap((t) => this.byReference.get(`${t}:${attribute}:${key}`) ?? []);
  }

  public managed(types: readonly string[]): TfResource[] {
    return types.flatMap((t) => this.byType.get(`managed:${t}`) ?? []);
  }

  public authServerClaimsFor(serverId: Json): AuthServerClaimReview[] {
    return this.pointingAt(TYPES.oktaAuthServerClaim, "auth_server_id", serverId).map((r) => authServerClaim(r));
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

  public identityProviderName(value: Json | undefined): string | undefined {
    const address = referenceTo(value);
    const target = address !== undefined ? this.index.byAddress.get(address) : undefined;
    if (target && (TYPES.cloudflareIdp as readonly string[]).includes(target.type)) return display(target.body.name) ?? target.name;
    return undefined;
  }

  private multipleIdps(): boolean {
    return this.managed(TYPES.cloudflareIdp).length > 1;
  }

  /** Include, exclude and require rules of an Access group, policy or inline policy. */
  public rules(body: JsonObject, seen: Set<string> = new Set()): RulesReview {
    const include = list(body.include).flatMap((r) => this.rule(r));
    const exclude = list(body.exclude).flatMap((r) => this.rule(r));
    const require = list(body.require).flatMap((r) => this.rule(r));
    const oktaGroups: string[] = [];
    let everyone = false;
    for (const rule of include) {
      if (rule.oktaGroup !== undefined && !oktaGroups.includes(rule.oktaGroup)) oktaGroups.push(rule.oktaGroup);
      if (rule.kind === "everyone") everyone = true;
      if (rule.kind === "group" && rule.accessGroup !== undefined && !seen.has(rule.accessGroup)) {
        const target = this.index.byAddress.get(rule.accessGroup);
        if (target) {
          const nested = this.rules(target.body, new Set([...seen, rule.accessGroup]));
          for (const g of nested.oktaGroups) if (!oktaGroups.includes(g)) oktaGroups.push(g);
          everyone = everyone || nested.everyone;
        }
      }
    }
    let admits = include.length === 0 ? "nobody (no include rule)" : include.map((r) => r.text).join(" or ");
    if (require.length > 0) admits += `; and must also match ${require.map((r) => r.text).join(" and ")}`;
    if (exclude.length > 0) admits += `; except ${exclude.map((r) => r.text).join(" or ")}`;
    return { include, exclude, require, oktaGroups, everyone, admits };
  }

  private rule(rule: Json): RuleReview[] {
    if (!isObject(rule)) return [{ kind: "expression", text: display(rule) ?? "(unknown rule)" }];
    const found: RuleReview[] = [];
    for (const [kind, raw] of Object.entries(rule)) {
      if (raw === null || raw === undefined) continue;
      const value = block(raw) ?? {};
      found.push(this.describeRule(kind, value, raw));
    }
    return found;
  }

  private describeRule(kind: string, value: JsonObject, raw: Json): RuleReview {
    const field = (...keys: string[]) => {
      for (const key of keys) {
        const v = value[key];
        if (v !== undefined && v !== null) return list(v).map((x) => display(x) ?? "").join(", ");
      }
      return undefined;
    };
    switch (kind) {
      case "okta": {
        const group = field("name", "email") ?? "(unnamed)";
        const idpValue = value.identity_provider_id ?? value.connection_id;
        const idpName = this.identityProviderName(idpValue);
        const via = this.multipleIdps() ? ` (IdP "${idpName ?? display(idpValue) ?? "?"}")` : "";
        return { kind, text: `Okta group "${group}"${via}`, oktaGroup: group, identityProvider: referenceTo(idpValue) ?? display(idpValue) };
      }
      case "group": {
        const id = value.id;
        const address = referenceTo(id);
        const target = address !== undefined ? this.index.byAddress.get(address) : undefined;
        if (target) {
          const nested = this.rules(target.body, new Set([target.address]));
          const groups = nested.oktaGroups.length > 0 ? ` (${nested.oktaGroups.map((g) => `"${g}"`).join(", ")})` : "";
          return { kind, text: `Access group "${display(target.body.name) ?? target.name}"${groups}`, accessGroup: target.address };
        }
        return { kind, text: `Access group ${display(id) ?? "?"}`, accessGroup: address ?? display(id) };
      }
      case "everyone":
        return { kind, text: "everyone" };
      case "email":
        return { kind, text: `email ${field("email") ?? "?"}` };
      case "email_domain":
        return { kind, text: `email domain ${field("domain") ?? "?"}` };
      case "email_list":
        return { kind, text: `email list ${field("id") ?? "?"}` };
      case "ip":
        return { kind, text: `IP ${field("ip") ?? "?"}` };
      case "ip_list":
        return { kind, text: `IP list ${field("id") ?? "?"}` };
      case "geo":
        return { kind, text: `country ${field("country_code") ?? "?"}` };
      case "service_token":
        return { kind, text: `service token ${field("token_id") ?? "?"}` };
      case "any_valid_service_token":
        return { kind, text: "any valid service token" };
      case "certificate":
        return { kind, text: "any valid client certificate" };
      case "common_name":
        return { kind, text: `certificate common name ${field("common_name") ?? "?"}` };
      case "login_method":
        return { kind, text: `login method ${field("id") ?? "?"}` };
      case "auth_method":
        return { kind, text: `authentication method ${field("auth_method") ?? "?"}` };
      case "device_posture":
        return { kind, text: `device posture ${field("integration_uid") ?? "?"}` };
      case "github_organization":
        return { kind, text: `GitHub organization ${field("name") ?? "?"}${value.team !== undefined ? ` team ${field("team") ?? ""}` : ""}` };
      case "gsuite":
        return { kind, text: `Google group ${field("email") ?? "?"}` };
      case "azure_ad":
        return { kind, text: `Azure AD group ${field("id") ?? "?"}` };
      case "saml":
        return { kind, text: `SAML ${field("attribute_name") ?? "?"} = ${field("attribute_value") ?? "?"}` };
      case "oidc":
        return { kind, text: `OIDC claim ${field("claim_name") ?? "?"} = ${field("claim_value") ?? "?"}` };
      case "external_evaluation":
        return { kind, text: `external evaluation ${field("evaluate_url") ?? "?"}` };
      default:
        return { kind, text: `${kind} ${canonical(maskSecrets(raw) ?? null)}` };
    }
  }
}

function oktaApp(r: TfResource, ctx: Context): OktaAppReview {
  const assignments: AssignedGroupReview[] = [];
  let exclusive = false;
  let additive = false;
  const appId = `\${${r.address}.id}`;
  for (const a of ctx.pointingAt(TYPES.oktaAssignments, "app_id", appId)) {
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
  for (const a of ctx.pointingAt(TYPES.oktaAssignment, "app_id", appId)) {
    additive = true;
    assignments.push({ ...ctx.groupLabel(a.body.group_id), additive: true, retained: bool(a.body.retain_assignment) ?? false, address: a.address });
  }
  return {
    address: r.address,
    constructPath: r.constructPath,
    label: display(r.body.label),
    appType: display(r.body.type),
    redirectUris: list(r.body.redirect_uris).map((u) => display(u) ?? ""),
    pkceRequired: bool(r.body.pkce_required),
    groupsClaim: groupsClaimOfApp(r.body),
    implicitAssignment: bool(r.body.implicit_assignment),
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
    alwaysIncluded: bool(r.body.always_include_in_token) ?? true,
    description:
      valueType === "GROUPS" ? describeGroupsFilter("FILTER", groupFilterType, value ?? "") : `expression ${value ?? "?"}`,
  };
}

/** A groups filter with its description. */
export { describeGroupsFilter };

export function groupsFilter(claimName: string, type: string, filterType: string | undefined, value: string): GroupsFilterReview {
  return { claimName, type, filterType, value, description: describeGroupsFilter(type, filterType, value) };
}

/** A value as the review shows it: strings as they are, secrets masked, others as JSON. */
export function display(value: Json | undefined): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return canonical(value);
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

/**
 * Reads the live setup, read-only: Cloudflare's okta identity providers and
 * what refers to them, and the Okta apps they use. Never asks either API for
 * a secret (Okta's app GET does not carry it; Cloudflare never returns one).
 */
import { diagnose } from "./findings";
import { DiscoverError, HttpOptions, isRecord, ReadOnlyClient } from "./http";
import {
  AccessApplicationInfo,
  AccessGroupInfo,
  AccessPolicyInfo,
  AccessRule,
  AdoptableApplication,
  AdoptableGroup,
  CloudflareScope,
  Discovery,
  IdentityProviderInfo,
  OktaAppInfo,
  OktaGroupRef,
  OktaGroupsClaimInfo,
  OktaServerClaimInfo,
  Pairing,
} from "./model";

export interface DiscoverOptions {
  /** The Okta org URL, `https://<org>.okta.com`: what the program and the findings use. */
  readonly oktaOrgUrl: string;
  /** Where Okta API requests go. @default oktaOrgUrl */
  readonly oktaApiUrl?: string;
  readonly oktaApiToken: string;
  readonly cloudflareApiToken: string;
  readonly accountId: string;
  readonly zoneIds?: string[];
  /** @default "https://api.cloudflare.com/client/v4" */
  readonly cloudflareApiUrl?: string;
  readonly http?: HttpOptions;
}

export const CLOUDFLARE_API_URL = "https://api.cloudflare.com/client/v4";
const CLOUDFLARE_ID = /^[0-9a-f]{32}$/;

/** Reads both vendors and returns what was found, with the findings. */
export async function discover(options: DiscoverOptions): Promise<Discovery> {
  checkOptions(options);
  const progress = options.http?.progress ?? (() => undefined);
  const okta = new ReadOnlyClient("okta", options.oktaApiUrl ?? options.oktaOrgUrl, `SSWS ${options.oktaApiToken}`, options.http);
  const cf = new ReadOnlyClient("cloudflare", options.cloudflareApiUrl ?? CLOUDFLARE_API_URL, `Bearer ${options.cloudflareApiToken}`, options.http);
  const zoneIds = options.zoneIds ?? [];

  const scopes: CloudflareScope[] = [{ kind: "account", id: options.accountId }, ...zoneIds.map((id): CloudflareScope => ({ kind: "zone", id }))];
  const idps: IdentityProviderInfo[] = [];
  const applications: AccessApplicationInfo[] = [];
  const groups: AccessGroupInfo[] = [];
  for (const scope of scopes) {
    const base = `/${scope.kind === "account" ? "accounts" : "zones"}/${scope.id}/access`;
    progress(`cloudflare: reading identity providers, applications and groups of ${scope.kind} ${scope.id}`);
    for (const raw of await cf.cloudflareList(`${base}/identity_providers`, "identity providers")) {
      const idp = parseIdp(raw, scope);
      if (idp) idps.push(idp);
    }
    for (const raw of await cf.cloudflareList(`${base}/apps`, "applications")) {
      const app = parseApplication(raw, scope);
      if (app) applications.push(app);
    }
    for (const raw of await cf.cloudflareList(`${base}/groups`, "Access groups")) {
      const g = parseGroup(raw, scope);
      if (g) groups.push(g);
    }
  }
  // Reusable policies live in the account only.
  const policies = new Map<string, AccessPolicyInfo>();
  for (const raw of await cf.cloudflareList(`/accounts/${options.accountId}/access/policies`, "Access policies")) {
    const p = parsePolicy(raw);
    if (p) policies.set(p.id, p);
  }

  progress("okta: listing OIDC apps");
  const oktaApps: OktaAppInfo[] = [];
  for (const raw of await okta.oktaList(`/api/v1/apps?filter=${encodeURIComponent('name eq "oidc_client"')}&limit=200`, "OIDC apps")) {
    const app = parseOktaApp(raw);
    if (app) oktaApps.push(app);
  }
  const byClientId = new Map<string, OktaAppInfo>();
  for (const app of oktaApps) byClientId.set(app.clientId, app);
  const pairedClientIds = new Set(idps.map((i) => i.clientId));

  // Details (groups claim, assignments, group names) only for apps that matter.
  const groupNames = new Map<string, { name?: string; everyone: boolean }>();
  const detailed = new Map<string, OktaAppInfo>();
  const relevant = oktaApps.filter((a) => pairedClientIds.has(a.clientId) || looksLikeAccessApp(a));
  let done = 0;
  for (const app of relevant) {
    detailed.set(app.id, await details(okta, app, groupNames));
    if (++done % 20 === 0) progress(`okta: read ${done} of ${relevant.length} apps`);
  }

  // The groups claim on each custom authorization server an identity provider signs in through.
  const serverClaims = new Map<string, unknown[] | DiscoverError>();
  const pairings: Pairing[] = [];
  for (const idp of idps) {
    const found = byClientId.get(idp.clientId);
    const app = found ? detailed.get(found.id) : undefined;
    const paired = pair(idp, app, applications, [...policies.values()], groups);
    const serverId = idp.authorizationServerId;
    if (app === undefined || serverId === undefined) {
      pairings.push(paired);
      continue;
    }
    if (!serverClaims.has(serverId)) {
      progress(`okta: reading the claims of authorization server ${serverId}`);
      try {
        serverClaims.set(serverId, await okta.oktaList(`/api/v1/authorizationServers/${encodeURIComponent(serverId)}/claims`, "authorization server claims"));
      } catch (e) {
        // A token without okta.authorizationServers.read, or a server that is gone: the rest of the setup is still worth adopting.
        if (!(e instanceof DiscoverError) || (e.status !== 403 && e.status !== 404)) throw e;
        serverClaims.set(serverId, e);
      }
    }
    const read = serverClaims.get(serverId);
    if (read instanceof DiscoverError) {
      pairings.push({ ...paired, authorizationServerClaimsUnread: read.message });
      continue;
    }
    const claim = groupsServerClaim(read ?? [], app.groupsClaim?.name ?? "groups");
    pairings.push(claim !== undefined ? { ...paired, authorizationServerClaim: claim } : paired);
  }
  const unpairedOktaApps = relevant.filter((a) => !pairedClientIds.has(a.clientId)).map((a) => detailed.get(a.id) ?? a);
  const discovery: Omit<Discovery, "findings"> = {
    oktaOrgUrl: options.oktaOrgUrl.replace(/\/+$/, ""),
    accountId: options.accountId,
    zoneIds,
    pairings,
    unpairedOktaApps,
    stats: { oktaRequests: okta.requestCount, cloudflareRequests: cf.requestCount, rateLimited: okta.rateLimited + cf.rateLimited, oktaAppsScanned: oktaApps.length },
  };
  return { ...discovery, findings: diagnose(discovery) };
}

function checkOptions(options: DiscoverOptions): void {
  const need = (value: string | undefined, what: string) => {
    if (typeof value !== "string" || value.trim() === "") throw new DiscoverError(`${what} is required`);
  };
  need(options.oktaOrgUrl, "the Okta org URL (--okta-org-url or OKTA_ORG_URL)");
  need(options.oktaApiToken, "an Okta API token (OKTA_API_TOKEN)");
  need(options.cloudflareApiToken, "a Cloudflare API token (CLOUDFLARE_API_TOKEN)");
  need(options.accountId, "the Cloudflare account id (--account-id or CLOUDFLARE_ACCOUNT_ID)");
  let url: URL;
  try {
    url = new URL(options.oktaOrgUrl);
  } catch {
    throw new DiscoverError(`--okta-org-url must be a URL such as https://dev-123456.okta.com; received ${JSON.stringify(options.oktaOrgUrl)}`);
  }
  if (url.protocol !== "https:" || (url.pathname !== "/" && url.pathname !== "") || url.search || url.username || url.password) {
    throw new DiscoverError(`--okta-org-url must be https://<org>.okta.com with no path or query; received ${JSON.stringify(options.oktaOrgUrl)}`);
  }
  for (const [what, id] of [["--account-id", options.accountId], ...(options.zoneIds ?? []).map((z) => ["--zone-id", z])] as const) {
    if (!CLOUDFLARE_ID.test(id)) throw new DiscoverError(`${what} must be a Cloudflare id (32 lowercase hexadecimal characters); received ${JSON.stringify(id)}`);
  }
}

/** An app whose redirect URIs point at Cloudflare Access is one we should know about. */
function looksLikeAccessApp(app: OktaAppInfo): boolean {
  return app.redirectUris.some((u) => /\/cdn-cgi\/access\/callback\/?$/i.test(u) || /\.cloudflareaccess\.com(\/|$)/i.test(u));
}

async function details(okta: ReadOnlyClient, app: OktaAppInfo, groupNames: Map<string, { name?: string; everyone: boolean }>): Promise<OktaAppInfo> {
  const id = encodeURIComponent(app.id);
  const token = await okta.get(`/api/v1/internal/apps/${id}/settings/oauth/idToken`);
  const groupsClaim = parseGroupsClaim(token.body);
  const assignments: OktaGroupRef[] = [];
  for (const raw of await okta.oktaList(`/api/v1/apps/${id}/groups?limit=200`, "group assignments")) {
    const groupId = isRecord(raw) ? str(raw.id) : "";
    if (!groupId) continue;
    if (!groupNames.has(groupId)) {
      const g = await okta.get(`/api/v1/groups/${encodeURIComponent(groupId)}`);
      const name = isRecord(g.body) && isRecord(g.body.profile) && typeof g.body.profile.name === "string" ? g.body.profile.name : undefined;
      groupNames.set(groupId, { name, everyone: isRecord(g.body) && g.body.type === "BUILT_IN" && name === "Everyone" });
    }
    const group = groupNames.get(groupId) ?? { everyone: false };
    assignments.push({ id: groupId, ...(group.name !== undefined ? { name: group.name } : {}), ...(group.everyone ? { everyone: true } : {}) });
  }
  return { ...app, groupsClaim, assignments, detailed: true };
}

function pair(idp: IdentityProviderInfo, app: OktaAppInfo | undefined, applications: AccessApplicationInfo[], policies: AccessPolicyInfo[], groups: AccessGroupInfo[]): Pairing {
  const other: Pairing["otherReferences"][number][] = [];
  const adoptableApps: AdoptableApplication[] = [];
  const adoptableGroups: AdoptableGroup[] = [];
  const policyById = new Map(policies.map((p) => [p.id, p]));
  const usedPolicies = new Set<string>();
  const sameScope = (s: CloudflareScope) => s.kind === idp.scope.kind && s.id === idp.scope.id;

  for (const application of applications) {
    const attachedPolicies = application.policies.map((l) => policyById.get(l.id)).filter((p): p is AccessPolicyInfo => p !== undefined);
    const refers = application.allowedIdps.includes(idp.id) || attachedPolicies.some((p) => mentions(p, idp.id));
    if (!refers) continue;
    attachedPolicies.forEach((p) => usedPolicies.add(p.id));
    const why = whyNotProtectable(application, attachedPolicies, idp, sameScope);
    if (why !== undefined) {
      other.push({ kind: "application", id: application.id, name: application.name, reason: why });
      continue;
    }
    const policy = attachedPolicies[0];
    adoptableApps.push({ application, policy, allowedOktaGroups: oktaGroupNames(policy.include, idp.id) ?? [] });
  }
  for (const policy of policies) {
    if (!usedPolicies.has(policy.id) && mentions(policy, idp.id)) {
      other.push({ kind: "policy", id: policy.id, name: policy.name, reason: "a reusable policy attached to no application our constructs adopt; it keeps naming the identity provider's id, which adoption keeps" });
    }
  }
  for (const group of groups) {
    if (!mentions(group, idp.id)) continue;
    const names = oktaGroupNames(group.include, idp.id);
    if (!sameScope(group.scope)) other.push({ kind: "group", id: group.id, name: group.name, reason: `it lives in ${group.scope.kind} ${group.scope.id}, not in the identity provider's ${idp.scope.kind}` });
    else if (names === undefined || group.exclude.length > 0 || group.require.length > 0) other.push({ kind: "group", id: group.id, name: group.name, reason: "its rules are not only okta group rules of this identity provider" });
    else adoptableGroups.push({ group, oktaGroups: names });
  }
  return { identityProvider: idp, ...(app ? { oktaApp: app } : {}), applications: adoptableApps, groups: adoptableGroups, otherReferences: other };
}

function whyNotProtectable(app: AccessApplicationInfo, policies: AccessPolicyInfo[], idp: IdentityProviderInfo, sameScope: (s: CloudflareScope) => boolean): string | undefined {
  if (app.type !== "self_hosted") return `its type is ${app.type}, not self_hosted`;
  if (!sameScope(app.scope)) return `it lives in ${app.scope.kind} ${app.scope.id}, not in the identity provider's ${idp.scope.kind}`;
  if (app.allowedIdps.length !== 1 || app.allowedIdps[0] !== idp.id) return "it allows other identity providers too (or none explicitly)";
  if (app.policies.length !== 1 || policies.length !== 1) return `it has ${app.policies.length} policies; protectApplication manages exactly one`;
  const policy = policies[0];
  if (policy.decision !== "allow") return `its policy decides ${policy.decision}, not allow`;
  if (policy.exclude.length > 0 || policy.require.length > 0) return "its policy has exclude or require rules";
  if (oktaGroupNames(policy.include, idp.id) === undefined) return "its policy includes rules other than okta groups of this identity provider";
  return undefined;
}

/** The Okta group names when every rule is `okta: {name, identity_provider_id: idpId}`, else undefined. */
function oktaGroupNames(rules: AccessRule[], idpId: string): string[] | undefined {
  if (rules.length === 0) return undefined;
  const names: string[] = [];
  for (const rule of rules) {
    const okta = rule.okta;
    if (Object.keys(rule).length !== 1 || !isRecord(okta) || okta.identity_provider_id !== idpId || typeof okta.name !== "string" || okta.name === "") return undefined;
    names.push(okta.name);
  }
  return names;
}

/** True when any rule names the identity provider (okta, saml, ... rules carry `identity_provider_id`). */
function mentions(x: { include: AccessRule[]; exclude: AccessRule[]; require: AccessRule[] }, idpId: string): boolean {
  return [...x.include, ...x.exclude, ...x.require].some((rule) => Object.values(rule).some((v) => isRecord(v) && v.identity_provider_id === idpId));
}

function str(x: unknown): string {
  return typeof x === "string" ? x : "";
}

function strings(x: unknown): string[] {
  return Array.isArray(x) ? x.filter((v): v is string => typeof v === "string") : [];
}

function rules(x: unknown): AccessRule[] {
  return Array.isArray(x) ? x.filter(isRecord) : [];
}

function parseIdp(raw: unknown, scope: CloudflareScope): IdentityProviderInfo | undefined {
  if (!isRecord(raw) || raw.type !== "okta" || !str(raw.id)) return undefined;
  const config = isRecord(raw.config) ? raw.config : {};
  const redirectUrl = str(config.redirect_url) || undefined;
  let teamDomain: string | undefined;
  if (redirectUrl) {
    try {
      teamDomain = new URL(redirectUrl).hostname || undefined;
    } catch {
      teamDomain = undefined;
    }
  }
  return {
    id: str(raw.id),
    name: str(raw.name),
    scope,
    clientId: str(config.client_id),
    oktaAccount: str(config.okta_account),
    claims: strings(config.claims),
    pkceEnabled: config.pkce_enabled === true,
    ...(str(config.authorization_server_id) ? { authorizationServerId: str(config.authorization_server_id) } : {}),
    ...(str(config.email_claim_name) ? { emailClaimName: str(config.email_claim_name) } : {}),
    ...(redirectUrl ? { redirectUrl } : {}),
    ...(teamDomain ? { teamDomain } : {}),
    scimEnabled: isRecord(raw.scim_config) && raw.scim_config.enabled === true,
  };
}

function parseApplication(raw: unknown, scope: CloudflareScope): AccessApplicationInfo | undefined {
  if (!isRecord(raw) || !str(raw.id)) return undefined;
  const policies = Array.isArray(raw.policies)
    ? raw.policies.filter(isRecord).map((p, i) => ({ id: str(p.id), precedence: typeof p.precedence === "number" ? p.precedence : i + 1 })).filter((p) => p.id !== "")
    : [];
  return {
    id: str(raw.id),
    name: str(raw.name),
    type: str(raw.type),
    domain: str(raw.domain),
    scope,
    allowedIdps: strings(raw.allowed_idps),
    autoRedirectToIdentity: raw.auto_redirect_to_identity === true,
    ...(str(raw.session_duration) ? { sessionDuration: str(raw.session_duration) } : {}),
    policies,
  };
}

function parsePolicy(raw: unknown): AccessPolicyInfo | undefined {
  if (!isRecord(raw) || !str(raw.id)) return undefined;
  return {
    id: str(raw.id),
    name: str(raw.name),
    decision: str(raw.decision),
    include: rules(raw.include),
    exclude: rules(raw.exclude),
    require: rules(raw.require),
    ...(str(raw.session_duration) ? { sessionDuration: str(raw.session_duration) } : {}),
  };
}

function parseGroup(raw: unknown, scope: CloudflareScope): AccessGroupInfo | undefined {
  if (!isRecord(raw) || !str(raw.id)) return undefined;
  return { id: str(raw.id), name: str(raw.name), scope, include: rules(raw.include), exclude: rules(raw.exclude), require: rules(raw.require) };
}

function parseOktaApp(raw: unknown): OktaAppInfo | undefined {
  if (!isRecord(raw) || !str(raw.id)) return undefined;
  const creds = isRecord(raw.credentials) && isRecord(raw.credentials.oauthClient) ? raw.credentials.oauthClient : {};
  const oauth = isRecord(raw.settings) && isRecord(raw.settings.oauthClient) ? raw.settings.oauthClient : {};
  return {
    id: str(raw.id),
    label: str(raw.label),
    status: str(raw.status),
    clientId: str(creds.client_id) || str(raw.id),
    applicationType: str(oauth.application_type),
    ...(str(creds.token_endpoint_auth_method) ? { tokenEndpointAuthMethod: str(creds.token_endpoint_auth_method) } : {}),
    pkceRequired: creds.pkce_required === true,
    redirectUris: strings(oauth.redirect_uris),
    assignments: [],
    detailed: false,
  };
}

/**
 * The claim of `name` that goes into ID tokens (claimType IDENTITY) among a
 * custom authorization server's claims, as the construct would write it;
 * undefined when there is none. Okta names the filter type `group_filter_type`
 * here (snake case, unlike the app's idToken settings).
 */
function groupsServerClaim(claims: unknown[], name: string): OktaServerClaimInfo | undefined {
  for (const raw of claims) {
    if (!isRecord(raw) || raw.name !== name || raw.claimType !== "IDENTITY" || typeof raw.id !== "string" || raw.id === "") continue;
    const claim = parseGroupsClaim({ ...raw, groupFilterType: (raw.group_filter_type ?? raw.groupFilterType) as unknown });
    if (claim !== undefined) return { ...claim, id: raw.id };
  }
  return undefined;
}

function parseGroupsClaim(raw: unknown): OktaGroupsClaimInfo | undefined {
  if (!isRecord(raw) || typeof raw.name !== "string" || raw.name === "" || typeof raw.value !== "string") return undefined;
  return {
    valueType: str(raw.valueType),
    ...(str(raw.groupFilterType) ? { groupFilterType: str(raw.groupFilterType) } : {}),
    name: raw.name,
    value: raw.value,
  };
}

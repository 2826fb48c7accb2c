/**
 * Seeds the emulators, through their own APIs, with what following
 * Cloudflare's manual Okta guide leaves behind: an OIDC web app with the
 * "Starts with .*" groups filter and Everyone assigned, an okta identity
 * provider with the copied client id and secret, and an Access application
 * with a policy naming the identity provider. Variations make each of
 * `discover`'s findings appear. Plain HTTP, no provider: used by the unit
 * tests of discover and by the adoption end-to-end suite.
 */

export interface SeedTarget {
  readonly oktaUrl: string;
  readonly oktaToken: string;
  /** e.g. http://127.0.0.1:1234/client/v4 */
  readonly cloudflareApiUrl: string;
  readonly cloudflareToken: string;
}

export interface GuideSetup {
  /** `accounts/<id>` or `zones/<id>`. */
  readonly scope: string;
  /** The account (for the policy). */
  readonly accountId: string;
  readonly teamDomain: string;
  /** What the user typed as Okta account URL. @default https://acme.okta.com */
  readonly oktaAccount?: string;
  readonly label?: string;
  readonly idpName?: string;
  /** @default { filterType: "STARTS_WITH", value: ".*" } */
  readonly groupsFilter?: { readonly filterType: string; readonly value: string; readonly name?: string } | null;
  /** @default Everyone */
  readonly assignGroupIds?: string[];
  readonly redirectUris?: string[];
  readonly oktaPkce?: boolean;
  readonly cloudflarePkce?: boolean;
  /** @default ["groups"] */
  readonly claims?: string[];
  /** The protected application's domain; null for none. @default wiki.acme.test */
  readonly appDomain?: string | null;
  readonly appName?: string;
  readonly policyName?: string;
  /** Okta group names of the policy. @default ["Engineering"] */
  readonly allowedGroups?: string[];
  /** An Access group of these Okta groups, or none. */
  readonly accessGroup?: { readonly name: string; readonly groups: string[] };
  /** The custom authorization server the identity provider signs in through; default the org server. */
  readonly authorizationServerId?: string;
  /** The client id the identity provider names; default the app's own. */
  readonly clientIdOverride?: string;
}

export interface SeededGuide {
  readonly appId: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly identityProviderId: string;
  readonly applicationId?: string;
  readonly policyId?: string;
  readonly accessGroupId?: string;
}

async function call(url: string, authorization: string, method: string, body?: unknown): Promise<any> {
  const res = await fetch(url, {
    method,
    headers: { authorization, accept: "application/json", ...(body === undefined ? {} : { "content-type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`seed: ${method} ${new URL(url).pathname} answered ${res.status}: ${text.slice(0, 300)}`);
  return text ? JSON.parse(text) : undefined;
}

/** What an admin creates in the Okta console: an OIDC web app (Okta's console sends a body like the provider's). */
export function oktaAppBody(label: string, redirectUris: string[], pkce: boolean): any {
  return {
    label,
    name: "oidc_client",
    signOnMode: "OPENID_CONNECT",
    credentials: { oauthClient: { autoKeyRotation: true, token_endpoint_auth_method: "client_secret_basic", pkce_required: pkce } },
    settings: {
      oauthClient: {
        application_type: "web",
        grant_types: ["authorization_code"],
        response_types: ["code"],
        redirect_uris: redirectUris,
        consent_method: "REQUIRED",
        issuer_mode: "DYNAMIC",
      },
    },
  };
}

/** Creates one hand-made Okta app (and groups claim and assignments). */
export async function seedOktaApp(t: SeedTarget, s: { label: string; redirectUris: string[]; pkce: boolean; groupsFilter?: GuideSetup["groupsFilter"]; assignGroupIds: string[] }): Promise<{ appId: string; clientId: string; clientSecret: string }> {
  const okta = (method: string, path: string, body?: unknown) => call(t.oktaUrl + path, `SSWS ${t.oktaToken}`, method, body);
  const app = await okta("POST", "/api/v1/apps?activate=true", oktaAppBody(s.label, s.redirectUris, s.pkce));
  if (s.groupsFilter !== null) {
    const f = s.groupsFilter ?? { filterType: "STARTS_WITH", value: ".*" };
    await okta("POST", `/api/v1/internal/apps/${app.id}/settings/oauth/idToken`, { valueType: "GROUPS", groupFilterType: f.filterType, name: f.name ?? "groups", value: f.value, issuerMode: "DYNAMIC" });
  }
  for (const g of s.assignGroupIds) await okta("PUT", `/api/v1/apps/${app.id}/groups/${g}`, {});
  return { appId: app.id, clientId: app.credentials.oauthClient.client_id, clientSecret: app.credentials.oauthClient.client_secret };
}

/** The whole hand-made setup of the guide, with variations. */
export async function seedGuide(t: SeedTarget, everyoneGroupId: string, s: GuideSetup): Promise<SeededGuide> {
  const cf = (method: string, path: string, body?: unknown) => call(t.cloudflareApiUrl + path, `Bearer ${t.cloudflareToken}`, method, body);
  const callback = `https://${s.teamDomain}/cdn-cgi/access/callback`;
  const okta = await seedOktaApp(t, {
    label: s.label ?? "Cloudflare Access",
    redirectUris: s.redirectUris ?? [callback],
    pkce: s.oktaPkce ?? false,
    groupsFilter: s.groupsFilter,
    assignGroupIds: s.assignGroupIds ?? [everyoneGroupId],
  });
  const idp = await cf("POST", `/${s.scope}/access/identity_providers`, {
    name: s.idpName ?? "Okta",
    type: "okta",
    config: { client_id: s.clientIdOverride ?? okta.clientId, client_secret: okta.clientSecret, okta_account: s.oktaAccount ?? "https://acme.okta.com", claims: s.claims ?? ["groups"], pkce_enabled: s.cloudflarePkce ?? false, ...(s.authorizationServerId !== undefined ? { authorization_server_id: s.authorizationServerId } : {}) },
  });
  const identityProviderId: string = idp.result.id;
  let applicationId: string | undefined;
  let policyId: string | undefined;
  if (s.appDomain !== null) {
    const rules = (s.allowedGroups ?? ["Engineering"]).map((name) => ({ okta: { name, identity_provider_id: identityProviderId } }));
    const policy = await cf("POST", `/accounts/${s.accountId}/access/policies`, { name: s.policyName ?? "Allow engineers", decision: "allow", include: rules });
    policyId = policy.result.id;
    const app = await cf("POST", `/${s.scope}/access/apps`, {
      type: "self_hosted",
      name: s.appName ?? "Wiki",
      domain: s.appDomain ?? "wiki.acme.test",
      session_duration: "24h",
      allowed_idps: [identityProviderId],
      auto_redirect_to_identity: true,
      policies: [{ id: policyId, precedence: 1 }],
    });
    applicationId = app.result.id;
  }
  let accessGroupId: string | undefined;
  if (s.accessGroup !== undefined) {
    const group = await cf("POST", `/${s.scope}/access/groups`, { name: s.accessGroup.name, include: s.accessGroup.groups.map((name) => ({ okta: { name, identity_provider_id: identityProviderId } })) });
    accessGroupId = group.result.id;
  }
  return { ...okta, identityProviderId, applicationId, policyId, accessGroupId };
}

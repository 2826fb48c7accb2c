/**
 * Assertions on the emulators' state after an OktaAccessIdentityProvider was
 * applied: the Okta app, its groups claim and assignments, and the Cloudflare
 * identity provider wired to exactly the credentials Okta issued.
 */
import type { RecordedRequest } from "../emulators/http-emulator";
import type { EmulatorStates } from "./emulators";

export interface IdentityProviderExpectation {
  readonly accountId: string;
  readonly teamDomain: string;
  readonly oktaOrgUrl: string;
  readonly idpName: string;
  readonly appLabel: string;
  /**
   * The groups claim as Okta's idToken endpoint must have received it; null
   * when the construct issues no app-level claim (a custom authorization
   * server with okta >= 6.6.0: see appGroupsClaimIssued).
   */
  readonly claim: { valueType: string; groupFilterType?: string; name: string; value: string } | null;
  readonly assignedGroupIds: string[];
  readonly claims: string[];
  readonly pkce: boolean;
}

/** Returns the Okta app record and Cloudflare IdP record, after checking them. */
export function expectIdentityProvider(states: EmulatorStates, oktaRequests: RecordedRequest[], x: IdentityProviderExpectation): { app: any; idp: any } {
  const apps = states.okta.apps.filter((a: any) => a.app.label === x.appLabel);
  expect(apps).toHaveLength(1);
  const app = apps[0];
  const redirectUri = `https://${x.teamDomain}/cdn-cgi/access/callback`;
  const oauth = app.app.settings.oauthClient;
  expect(app.app.status).toBe("ACTIVE");
  expect(oauth.application_type).toBe("web");
  expect(oauth.redirect_uris).toEqual([redirectUri]);
  expect(oauth.grant_types).toEqual(["authorization_code"]);
  expect(oauth.response_types).toEqual(["code"]);
  expect(app.app.credentials.oauthClient.pkce_required).toBe(x.pkce);

  // The groups claim is stored, and it got there through Okta's internal idToken endpoint.
  const claimWrites = oktaRequests.filter(
    (r) => r.method === "POST" && r.path === `/api/v1/internal/apps/${app.app.id}/settings/oauth/idToken` && r.status === 200,
  );
  if (x.claim === null) {
    expect(app.groupsClaim).toBeNull();
    // okta 6.6.0 and later clear it on create ({"issuerMode": ...} only); nothing sets one.
    for (const w of claimWrites) expect(Object.keys(w.body as object)).toEqual(["issuerMode"]);
  } else {
    expect(app.groupsClaim).toMatchObject(x.claim);
    expect(claimWrites.length).toBeGreaterThan(0);
    expect(claimWrites[claimWrites.length - 1].body).toMatchObject(x.claim);
  }

  expect(app.assignments.map((a: any) => a.id).sort()).toEqual([...x.assignedGroupIds].sort());

  const idps = states.cloudflare.identityProviders.filter((i: any) => i.result.name === x.idpName);
  expect(idps).toHaveLength(1);
  const idp = idps[0];
  expect(idp.scope).toBe(`accounts/${x.accountId}`);
  expect(idp.result.type).toBe("okta");
  // Exactly what Okta issued: the id by reference, the secret by reference through state.
  expect(idp.result.config.client_id).toBe(app.app.credentials.oauthClient.client_id);
  expect(idp.secret).toBe(app.clientSecret);
  expect(idp.result.config.okta_account).toBe(x.oktaOrgUrl);
  expect(idp.result.config.claims).toEqual(x.claims);
  expect(idp.result.config.pkce_enabled).toBe(x.pkce);
  // Cloudflare's callback for the team is the redirect URI Okta allows.
  expect(idp.result.config.redirect_url).toBe(redirectUri);
  return { app, idp };
}

/**
 * What examples/basic deploys with its defaults: Everyone assigned, the
 * groups claim "Matches regex .*", PKCE on. `overrides` states a routine change.
 */
export function basicExampleDefaults(
  settings: Record<string, string>,
  everyoneGroupId: string,
  overrides: Partial<IdentityProviderExpectation> = {},
): IdentityProviderExpectation {
  return {
    accountId: settings.CLOUDFLARE_ACCOUNT_ID,
    teamDomain: settings.CLOUDFLARE_TEAM_DOMAIN,
    oktaOrgUrl: settings.OKTA_ORG_URL,
    idpName: "Okta",
    appLabel: "Cloudflare Access",
    claim: { valueType: "GROUPS", groupFilterType: "REGEX", name: "groups", value: ".*" },
    assignedGroupIds: [everyoneGroupId],
    claims: ["groups"],
    pkce: true,
    ...overrides,
  };
}

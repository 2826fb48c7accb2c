/**
 * The lifecycle specs of the examples (what each must deploy, and its routine
 * change), shared by their own suites and by the runs under other emulator
 * behaviours (behaviours.e2e.ts).
 */
import { effectiveSession } from "./effective-session";
import { basicExampleDefaults, expectIdentityProvider } from "./identity-provider-assertions";
import { DeployedContext, ExampleSpec } from "./lifecycle";

/** examples/basic: the OktaAccessIdentityProvider with its defaults (Everyone assigned, groups claim "Matches regex .*", PKCE on). */
const BASIC_CHANGED_NAME = "Okta (renamed by the e2e test)";
const BASIC_CHANGED_REGEX = "^(eng|sre)-.*";

export const basicSpec: ExampleSpec = {
  example: "basic",
  stack: "okta-access-basic",
  settings: ({ accountId, teamDomain, oktaOrgUrl }) => ({
    CLOUDFLARE_ACCOUNT_ID: accountId,
    CLOUDFLARE_TEAM_DOMAIN: teamDomain,
    OKTA_ORG_URL: oktaOrgUrl,
  }),
  change: { ACCESS_IDP_NAME: BASIC_CHANGED_NAME, OKTA_GROUPS_CLAIM_REGEX: BASIC_CHANGED_REGEX },
  changedTypes: ["okta_app_oauth", "cloudflare_zero_trust_access_identity_provider"],
  assertDeployed: ({ states, requests, outputs, settings, seed }) => {
    const { app, idp } = expectIdentityProvider(states, requests.okta, basicExampleDefaults(settings, seed.everyoneGroupId));
    expect(outputs.identity_provider_id.value).toBe(idp.result.id);
    expect(outputs.okta_client_id.value).toBe(app.app.credentials.oauthClient.client_id);
    expect(outputs.redirect_uri.value).toBe(`https://${settings.CLOUDFLARE_TEAM_DOMAIN}/cdn-cgi/access/callback`);
  },
  assertChanged: ({ states, requests, settings, seed }) => {
    expectIdentityProvider(
      states,
      requests.okta,
      basicExampleDefaults(settings, seed.everyoneGroupId, {
        idpName: BASIC_CHANGED_NAME,
        claim: { valueType: "GROUPS", groupFilterType: "REGEX", name: "groups", value: BASIC_CHANGED_REGEX },
      }),
    );
  },
};

/**
 * examples/protect-app: the identity provider, a reusable Access group, and
 * two self-hosted Access applications, each with an allow policy for some Okta groups.
 */
const PROTECT_CHANGED_NAME = "Okta SSO";
const PROTECT_CHANGED_REGEX = "^(Engineering|SRE|Platform)$";

function okta(idp: string, ...names: string[]) {
  return names.map((name) => ({ okta: { identity_provider_id: idp, name } }));
}

/** Access rules are a set in the provider: compare them in a fixed order. */
function sorted(rules: any[]): any[] {
  return [...rules].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}

function expectAccess(ctx: DeployedContext, idpName: string, claimValue: string): void {
  const { states, requests, outputs, settings, seed } = ctx;
  const { idp } = expectIdentityProvider(states, requests.okta, {
    accountId: settings.CLOUDFLARE_ACCOUNT_ID,
    teamDomain: settings.CLOUDFLARE_TEAM_DOMAIN,
    oktaOrgUrl: settings.OKTA_ORG_URL,
    idpName,
    appLabel: "Cloudflare Access",
    claim: { valueType: "GROUPS", groupFilterType: "REGEX", name: "groups", value: claimValue },
    assignedGroupIds: [seed.everyoneGroupId],
    claims: ["groups"],
    pkce: true,
  });
  const id: string = idp.result.id;
  const cf = states.cloudflare;
  const scope = `accounts/${settings.CLOUDFLARE_ACCOUNT_ID}`;

  expect(cf.accessGroups).toHaveLength(1);
  expect(cf.accessGroups[0].scope).toBe(scope);
  expect(cf.accessGroups[0].result.name).toBe("Engineers");
  expect(sorted(cf.accessGroups[0].result.include)).toEqual(sorted(okta(id, "Engineering", "SRE", "Platform")));

  const policy = (name: string) => {
    const found = cf.accessPolicies.filter((p: any) => p.result.name === name);
    expect(found).toHaveLength(1);
    expect(found[0].scope).toBe(scope);
    return found[0].result;
  };
  const wikiPolicy = policy("Team wiki: allow Okta groups");
  expect(wikiPolicy.decision).toBe("allow");
  expect(sorted(wikiPolicy.include)).toEqual(sorted(okta(id, "Engineering")));
  const grafanaPolicy = policy("Grafana: allow Okta groups");
  expect(grafanaPolicy.decision).toBe("allow");
  expect(sorted(grafanaPolicy.include)).toEqual(sorted(okta(id, "SRE", "Platform")));

  const app = (name: string) => {
    const found = cf.accessApplications.filter((a: any) => a.result.name === name);
    expect(found).toHaveLength(1);
    expect(found[0].scope).toBe(scope);
    return found[0].result;
  };
  const zone = settings.APP_ZONE;
  const wiki = app("Team wiki");
  expect(wiki).toMatchObject({ type: "self_hosted", domain: `wiki.${zone}`, session_duration: "8h", allowed_idps: [id], auto_redirect_to_identity: true, policies: [{ id: wikiPolicy.id, precedence: 1 }] });
  const grafana = app("Grafana");
  expect(grafana).toMatchObject({ type: "self_hosted", domain: `grafana.${zone}`, session_duration: "12h", allowed_idps: [id], auto_redirect_to_identity: true, policies: [{ id: grafanaPolicy.id, precedence: 1 }] });
  expect(cf.accessApplications).toHaveLength(2);
  // Issue 16: the session a user really gets (the policy's when it sets one)
  // is the configured sessionDuration, because every policy now sets it.
  expect(effectiveSession(cf, "Team wiki")).toEqual({ application: "8h", policies: [{ name: "Team wiki: allow Okta groups", own: "8h", effective: "8h" }], effective: "8h" });
  expect(effectiveSession(cf, "Grafana")).toEqual({ application: "12h", policies: [{ name: "Grafana: allow Okta groups", own: "12h", effective: "12h" }], effective: "12h" });

  expect(outputs.identity_provider_id.value).toBe(id);
  expect(outputs.wiki_aud.value).toBe(wiki.aud);
  expect(outputs.grafana_aud.value).toBe(grafana.aud);
  expect(outputs.engineers_access_group_id.value).toBe(cf.accessGroups[0].result.id);
}

export const protectAppSpec: ExampleSpec = {
  example: "protect-app",
  stack: "okta-access-protect-app",
  settings: ({ accountId, teamDomain, oktaOrgUrl }) => ({
    CLOUDFLARE_ACCOUNT_ID: accountId,
    CLOUDFLARE_TEAM_DOMAIN: teamDomain,
    OKTA_ORG_URL: oktaOrgUrl,
    APP_ZONE: `${teamDomain.split(".")[0]}.example.com`,
  }),
  change: {},
  // The example has no settings for the IdP name or the claim: change what
  // the construct would synthesize for `name` and `groupsClaim`.
  patchChange: (tf) => {
    for (const idp of Object.values<any>(tf.resource.cloudflare_zero_trust_access_identity_provider)) idp.name = PROTECT_CHANGED_NAME;
    for (const app of Object.values<any>(tf.resource.okta_app_oauth)) app.groups_claim.value = PROTECT_CHANGED_REGEX;
  },
  changedTypes: ["okta_app_oauth", "cloudflare_zero_trust_access_identity_provider"],
  assertDeployed: (ctx) => expectAccess(ctx, "Okta", ".*"),
  assertChanged: (ctx, before) => {
    expectAccess(ctx, PROTECT_CHANGED_NAME, PROTECT_CHANGED_REGEX);
    // Access objects keep their ids (and the applications their AUD tags).
    const ids = (c: DeployedContext) => ["accessGroups", "accessPolicies", "accessApplications"].map((k) => c.states.cloudflare[k].map((r: any) => `${r.result.id}:${r.result.aud ?? ""}`).sort());
    expect(ids(ctx)).toEqual(ids(before));
  },
};

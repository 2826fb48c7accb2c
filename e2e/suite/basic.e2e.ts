/**
 * examples/basic through Terraform against the emulators: the
 * OktaAccessIdentityProvider with its defaults (Everyone assigned, groups
 * claim "Matches regex .*", PKCE on).
 */
import { basicExampleDefaults, expectIdentityProvider } from "../lib/identity-provider-assertions";
import { describeLifecycle } from "../lib/lifecycle";

const CHANGED_NAME = "Okta (renamed by the e2e test)";
const CHANGED_REGEX = "^(eng|sre)-.*";

describeLifecycle({
  example: "basic",
  stack: "okta-access-basic",
  settings: ({ accountId, teamDomain, oktaOrgUrl }) => ({
    CLOUDFLARE_ACCOUNT_ID: accountId,
    CLOUDFLARE_TEAM_DOMAIN: teamDomain,
    OKTA_ORG_URL: oktaOrgUrl,
  }),
  change: { ACCESS_IDP_NAME: CHANGED_NAME, OKTA_GROUPS_CLAIM_REGEX: CHANGED_REGEX },
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
        idpName: CHANGED_NAME,
        claim: { valueType: "GROUPS", groupFilterType: "REGEX", name: "groups", value: CHANGED_REGEX },
      }),
    );
  },
});

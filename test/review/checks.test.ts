import { checkStack } from "../../src/review/checks";
import { extractStack } from "../../src/review/extract";
import { handWrittenIdp, index, quoted } from "./helpers";

const IDP = "cloudflare_zero_trust_access_identity_provider";

function messages(change: (json: any) => void): string[] {
  const i = index(handWrittenIdp(change));
  return checkStack(extractStack(i), i).map((f) => quoted(f.message));
}

describe("checks on a stack", () => {
  test("a consistent setup has no findings", () => {
    expect(messages(() => undefined)).toEqual([]);
  });

  test.each([
    ["no groups claim", (j: any) => delete j.resource.okta_app_oauth.cloudflare.groups_claim, /sends no groups claim/],
    ["the groups claim missing from Cloudflare's claims", (j: any) => (j.resource[IDP].okta.config.claims = ["email"]), /claims \("email"\) do not include the groups claim "groups"/],
    ["a pattern in a Starts with filter", (j: any) => (j.resource.okta_app_oauth.cloudflare.groups_claim[0].value = ".*"), /"Starts with" "\.\*", a literal prefix/],
    ["PKCE on one side only", (j: any) => (j.resource[IDP].okta.config.pkce_enabled = false), /PKCE is required by Okta but disabled in Cloudflare/],
    ["the admin-console URL", (j: any) => (j.resource[IDP].okta.config.okta_account = "https://acme-admin.okta.com"), /admin-console URL/],
    ["a custom server without a GROUPS claim", (j: any) => (j.resource[IDP].okta.config.authorization_server_id = "aus123"), /custom authorization server "aus123": no okta_auth_server_claim/],
    [
      "exclusive and additive assignments on one app",
      (j: any) => (j.resource.okta_app_group_assignment = { x: { app_id: "${okta_app_oauth.cloudflare.id}", group_id: "00g1" } }),
      /both okta_app_group_assignments \(exclusive\) and okta_app_group_assignment \(additive\)/,
    ],
    ["no assignment", (j: any) => delete j.resource.okta_app_group_assignments, /assigned to no group/],
    ["no Access callback among the redirect URIs", (j: any) => (j.resource.okta_app_oauth.cloudflare.redirect_uris = ["https://acme.com/callback"]), /cdn-cgi\/access\/callback/],
    [
      "a secret in an output that is not sensitive",
      (j: any) => (j.output = { secret: { value: "${okta_app_oauth.cloudflare.client_secret}" }, ok: { value: "${okta_app_oauth.cloudflare.client_secret}", sensitive: true } }),
      /output "secret" exposes a secret/,
    ],
    [
      "a rule on an Okta group the claim filter never sends",
      (j: any) =>
        (j.resource.cloudflare_zero_trust_access_policy = {
          p: { name: "Ops", include: [{ okta: { name: "ops-team", identity_provider_id: "${cloudflare_zero_trust_access_identity_provider.okta.id}" } }] },
        }),
      /policy "Ops" names Okta group "ops-team", which the groups claim \(groups starting with "eng-"\) never sends/,
    ],
    [
      "auto-redirect with several identity providers",
      (j: any) =>
        (j.resource.cloudflare_zero_trust_access_application = {
          a: { name: "A", domain: "a.acme.com", auto_redirect_to_identity: true, allowed_idps: ["x", "y"], policies: [{ id: "${var.p}" }] },
        }),
      /auto_redirect_to_identity needs exactly one allowed identity provider, found 2/,
    ],
    [
      "an application without a policy",
      (j: any) => (j.resource.cloudflare_zero_trust_access_application = { a: { name: "A", domain: "a.acme.com" } }),
      /no policy: Access denies everybody/,
    ],
  ])("finds %s", (_what, change, expected) => {
    const found = messages(change);
    expect(found.some((m) => expected.test(m))).toBe(true);
  });

  test("rules on groups the filter sends are fine", () => {
    const found = messages((j) => {
      j.resource.cloudflare_zero_trust_access_group = {
        g: { name: "Eng", include: [{ okta: { name: "ENG-platform", identity_provider_id: "${cloudflare_zero_trust_access_identity_provider.okta.id}" } }] },
      };
    });
    expect(found).toEqual([]);
  });
});

import { Testing } from "cdktf";
import { build, BASIC_DEFAULTS } from "../examples/basic/main";
import { build as buildProtectApp } from "../examples/protect-app/main";
import { only, warnings } from "./helpers";

describe("examples/basic", () => {
  test("synthesizes offline with placeholder defaults and no credentials", () => {
    const stack = build(Testing.app(), {});
    const json = JSON.parse(Testing.synth(stack, true));
    expect(only(json, "cloudflare_zero_trust_access_identity_provider").account_id).toBe(BASIC_DEFAULTS.CLOUDFLARE_ACCOUNT_ID);
    expect(json.provider.okta).toEqual([{ org_name: "dev-123456", base_url: "okta.com" }]);
    expect(json.provider.cloudflare).toEqual([{}]);
    expect(JSON.stringify(json)).not.toMatch(/api_token|private_key/);
  });

  test("reads its settings from the environment", () => {
    const stack = build(Testing.app(), {
      CLOUDFLARE_ACCOUNT_ID: "fedcba9876543210fedcba9876543210",
      CLOUDFLARE_TEAM_DOMAIN: "acme",
      OKTA_ORG_URL: "https://acme.okta-emea.com",
    });
    const json = JSON.parse(Testing.synth(stack, true));
    expect(only(json, "okta_app_oauth").redirect_uris).toEqual(["https://acme.cloudflareaccess.com/cdn-cgi/access/callback"]);
    expect(only(json, "cloudflare_zero_trust_access_identity_provider").config.okta_account).toBe("https://acme.okta-emea.com");
    expect(json.provider.okta).toEqual([{ org_name: "acme", base_url: "okta-emea.com" }]);
  });

  test("ACCESS_IDP_NAME and OKTA_GROUPS_CLAIM_REGEX change the IdP's name and the claim filter (the e2e routine change)", () => {
    const json = JSON.parse(Testing.synth(build(Testing.app(), { ACCESS_IDP_NAME: "Okta SSO", OKTA_GROUPS_CLAIM_REGEX: "^eng-" }), true));
    expect(only(json, "cloudflare_zero_trust_access_identity_provider").name).toBe("Okta SSO");
    expect(only(json, "okta_app_oauth").groups_claim).toEqual({ type: "FILTER", filter_type: "REGEX", name: "groups", value: "^eng-" });
    const defaults = JSON.parse(Testing.synth(build(Testing.app(), {}), true));
    expect(only(defaults, "cloudflare_zero_trust_access_identity_provider").name).toBe("Okta");
    expect(only(defaults, "okta_app_oauth").groups_claim.value).toBe(".*");
  });

  test("TF_STATE_BUCKET selects an encrypted S3 backend for the state that holds the client secret", () => {
    const stack = build(Testing.app(), { TF_STATE_BUCKET: "acme-tfstate" });
    const json = JSON.parse(Testing.synth(stack, true));
    expect(json.terraform.backend.s3).toEqual(expect.objectContaining({ bucket: "acme-tfstate", encrypt: true }));
  });
});

describe("examples/protect-app", () => {
  test("protects two applications for different Okta groups and outputs their aud tags", () => {
    const stack = buildProtectApp(Testing.app(), {});
    const json = JSON.parse(Testing.synth(stack, true));
    expect(stack.node.id).toBe("okta-access-protect-app");
    const apps = Object.values<any>(json.resource.cloudflare_zero_trust_access_application);
    // Terraform JSON lists resources by name: Grafana's come first.
    expect(apps.map((a) => [a.name, a.domain, a.session_duration])).toEqual([
      ["Grafana", "grafana.example.com", "12h"],
      ["Team wiki", "wiki.example.com", "8h"],
    ]);
    const policies = Object.values<any>(json.resource.cloudflare_zero_trust_access_policy);
    expect(policies.map((p) => p.include.map((rule: any) => rule.okta.name))).toEqual([["SRE", "Platform"], ["Engineering"]]);
    // Issue 16: the policy's session is the one Cloudflare applies, so it must equal the application's.
    expect(policies.map((p) => p.session_duration)).toEqual(["12h", "8h"]);
    expect(json.output.wiki_aud.value).toMatch(/^\$\{cloudflare_zero_trust_access_application\.[^.]+\.aud\}$/);
    expect(json.output.grafana_aud.value).toMatch(/^\$\{cloudflare_zero_trust_access_application\.[^.]+\.aud\}$/);
    expect(json.output.wiki_aud.value).not.toBe(json.output.grafana_aud.value);
    expect(Object.keys(json.resource.cloudflare_zero_trust_access_group)).toHaveLength(1);
  });

  test("reads the zone of the applications from APP_ZONE", () => {
    const stack = buildProtectApp(Testing.app(), { APP_ZONE: "acme.dev" });
    const json = JSON.parse(Testing.synth(stack, true));
    const domains = Object.values<any>(json.resource.cloudflare_zero_trust_access_application).map((a) => a.domain);
    expect(domains).toEqual(["grafana.acme.dev", "wiki.acme.dev"]);
  });

  test("synthesizes without warnings", () => {
    const stack = buildProtectApp(Testing.app(), {});
    expect(warnings(stack)).toEqual([]);
  });
});

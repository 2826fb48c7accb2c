import { Testing } from "cdktf";
import { build, BASIC_DEFAULTS } from "../examples/basic/main";
import { only } from "./helpers";

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

  test("TF_STATE_BUCKET selects an encrypted S3 backend for the state that holds the client secret", () => {
    const stack = build(Testing.app(), { TF_STATE_BUCKET: "acme-tfstate" });
    const json = JSON.parse(Testing.synth(stack, true));
    expect(json.terraform.backend.s3).toEqual(expect.objectContaining({ bucket: "acme-tfstate", encrypt: true }));
  });
});

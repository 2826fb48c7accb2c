/**
 * The basic example: Cloudflare's 15-step Okta procedure as one construct.
 *
 * Settings come from environment variables; the defaults are placeholders so
 * the app synthesizes offline without credentials. Credentials are never read
 * here: the providers take OKTA_API_TOKEN and CLOUDFLARE_API_TOKEN from the
 * environment at plan and apply time.
 */
import { CloudflareProvider } from "@cdktf/provider-cloudflare/lib/provider";
import { OktaProvider } from "@cdktf/provider-okta/lib/provider";
import { App, LocalBackend, S3Backend, TerraformOutput, TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { GroupsClaim, OktaAccessIdentityProvider } from "../../src";

/** Placeholder settings: replace them through the environment. */
export const BASIC_DEFAULTS = {
  CLOUDFLARE_ACCOUNT_ID: "0123456789abcdef0123456789abcdef",
  CLOUDFLARE_TEAM_DOMAIN: "example.cloudflareaccess.com",
  OKTA_ORG_URL: "https://dev-123456.okta.com",
};

function setting(env: NodeJS.ProcessEnv, name: keyof typeof BASIC_DEFAULTS): string {
  return env[name] || BASIC_DEFAULTS[name];
}

export class BasicStack extends TerraformStack {
  public readonly okta: OktaAccessIdentityProvider;

  constructor(scope: Construct, id: string, env: NodeJS.ProcessEnv = process.env) {
    super(scope, id);
    const oktaOrgUrl = setting(env, "OKTA_ORG_URL");

    // The Okta provider wants the org split into name and base URL. Its API
    // token comes from OKTA_API_TOKEN: it must be an SSWS token, because the
    // provider skips groups_claim under OAuth 2.0 authentication.
    const oktaHost = new URL(oktaOrgUrl).hostname;
    new OktaProvider(this, "okta", {
      orgName: oktaHost.split(".")[0],
      baseUrl: oktaHost.split(".").slice(1).join("."),
    });
    // Reads CLOUDFLARE_API_TOKEN from the environment.
    new CloudflareProvider(this, "cloudflare", {});

    // The Okta client secret lives in Terraform state: keep state in an
    // encrypted remote backend. Set TF_STATE_BUCKET to use S3 with encryption;
    // the local backend is only for trying the example out.
    if (env.TF_STATE_BUCKET) {
      new S3Backend(this, {
        bucket: env.TF_STATE_BUCKET,
        key: `${id}/terraform.tfstate`,
        region: env.AWS_REGION || "us-east-1",
        encrypt: true,
      });
    } else {
      new LocalBackend(this, { path: env.TF_STATE_PATH || `terraform.${id}.tfstate` });
    }

    this.okta = new OktaAccessIdentityProvider(this, "Okta", {
      accountId: setting(env, "CLOUDFLARE_ACCOUNT_ID"),
      teamDomain: setting(env, "CLOUDFLARE_TEAM_DOMAIN"),
      oktaOrgUrl,
      // Optional, for routine changes (the end-to-end tests rename the IdP
      // and narrow the claim, which must update both in place).
      name: env.ACCESS_IDP_NAME || undefined,
      groupsClaim: env.OKTA_GROUPS_CLAIM_REGEX ? GroupsClaim.matchingRegex(env.OKTA_GROUPS_CLAIM_REGEX) : GroupsClaim.ALL,
    });

    new TerraformOutput(this, "identity_provider_id", { value: this.okta.identityProviderId });
    new TerraformOutput(this, "okta_client_id", { value: this.okta.clientId });
    new TerraformOutput(this, "redirect_uri", { value: this.okta.redirectUri });
  }
}

/** Adds the example's stack to an app; the root `npm run synth` calls this. */
export function build(app: App, env: NodeJS.ProcessEnv = process.env): TerraformStack {
  return new BasicStack(app, "okta-access-basic", env);
}

if (require.main === module) {
  const app = new App();
  build(app);
  app.synth();
}

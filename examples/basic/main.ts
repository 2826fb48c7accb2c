/**
 * The basic example: Cloudflare's 15-step Okta procedure as one construct.
 *
 * Settings come from environment variables; the defaults are placeholders so
 * the app synthesizes offline without credentials. Providers and backend:
 * ../shared/setup.ts (credentials only from the environment).
 */
import { App, TerraformOutput, TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { GroupsClaim, OktaAccessIdentityProvider } from "../../src";
import { addBackend, addProviders } from "../shared/setup";

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

    addProviders(this, oktaOrgUrl);
    addBackend(this, id, env);

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

/**
 * Protect two applications with Okta groups: the team wiki for Engineering,
 * Grafana for SRE, both signing in through one Okta identity provider.
 *
 * Settings come from environment variables; the defaults are placeholders so
 * the app synthesizes offline without credentials. Providers and backend:
 * ../shared/setup.ts (credentials only from the environment).
 */
import { App, TerraformOutput, TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { OktaAccessIdentityProvider, ProtectedApplication } from "../../src";
import { addBackend, addProviders } from "../shared/setup";

/** Placeholder settings: replace them through the environment. */
export const PROTECT_APP_DEFAULTS = {
  CLOUDFLARE_ACCOUNT_ID: "0123456789abcdef0123456789abcdef",
  CLOUDFLARE_TEAM_DOMAIN: "example.cloudflareaccess.com",
  OKTA_ORG_URL: "https://dev-123456.okta.com",
  /** The Cloudflare zone the applications live in. */
  APP_ZONE: "example.com",
};

function setting(env: NodeJS.ProcessEnv, name: keyof typeof PROTECT_APP_DEFAULTS): string {
  return env[name] || PROTECT_APP_DEFAULTS[name];
}

export class ProtectAppStack extends TerraformStack {
  public readonly okta: OktaAccessIdentityProvider;
  public readonly wiki: ProtectedApplication;
  public readonly grafana: ProtectedApplication;

  constructor(scope: Construct, id: string, env: NodeJS.ProcessEnv = process.env) {
    super(scope, id);
    const oktaOrgUrl = setting(env, "OKTA_ORG_URL");
    const zone = setting(env, "APP_ZONE");

    addProviders(this, oktaOrgUrl);
    addBackend(this, id, env);

    this.okta = new OktaAccessIdentityProvider(this, "Okta", {
      accountId: setting(env, "CLOUDFLARE_ACCOUNT_ID"),
      teamDomain: setting(env, "CLOUDFLARE_TEAM_DOMAIN"),
      oktaOrgUrl,
    });

    // Only Okta group "Engineering" may open the wiki; work days are short
    // sessions.
    this.wiki = this.okta.protectApplication("Wiki", {
      domain: `wiki.${zone}`,
      allowedOktaGroups: ["Engineering"],
      name: "Team wiki",
      sessionDuration: "8h",
    });

    // Grafana for the on-call people: SRE, plus the platform team.
    this.grafana = this.okta.protectApplication("Grafana", {
      domain: `grafana.${zone}`,
      allowedOktaGroups: ["SRE", "Platform"],
      name: "Grafana",
      sessionDuration: "12h",
    });

    // A reusable Access group for policies written by hand elsewhere.
    const engineers = this.okta.accessGroup("Engineers", { oktaGroups: ["Engineering", "SRE", "Platform"] });

    // Origins validate the Cf-Access-Jwt-Assertion JWT against these audience tags.
    new TerraformOutput(this, "wiki_aud", { value: this.wiki.aud, description: "AUD tag of the team wiki's Access application" });
    new TerraformOutput(this, "grafana_aud", { value: this.grafana.aud, description: "AUD tag of Grafana's Access application" });
    new TerraformOutput(this, "engineers_access_group_id", { value: engineers.id });
    new TerraformOutput(this, "identity_provider_id", { value: this.okta.identityProviderId });
  }
}

/** Adds the example's stack to an app; the root `npm run synth` calls this. */
export function build(app: App, env: NodeJS.ProcessEnv = process.env): TerraformStack {
  return new ProtectAppStack(app, "okta-access-protect-app", env);
}

if (require.main === module) {
  const app = new App();
  build(app);
  app.synth();
}

/**
 * The TypeScript twin of main.py: the same program, line for line, so CI can
 * check that the Python package synthesizes byte-identical cdk.tf.json
 * (scripts/test-python.sh). Not one of the `npm run synth` examples; the
 * provider and backend setup is written out here as main.py writes it, rather
 * than taken from ../shared/setup.ts, so a change there cannot hide a
 * difference between the languages.
 */
import { App, LocalBackend, S3Backend, TerraformOutput, TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { cloudflare, GroupsClaim, okta, OktaAccessIdentityProvider, ProtectedApplication, ScimIdentityUpdateBehavior } from "../../src";

/** Placeholder settings, as in main.py. */
export const PYTHON_EXAMPLE_DEFAULTS = {
  CLOUDFLARE_ACCOUNT_ID: "0123456789abcdef0123456789abcdef",
  CLOUDFLARE_TEAM_DOMAIN: "example.cloudflareaccess.com",
  OKTA_ORG_URL: "https://dev-123456.okta.com",
  APP_ZONE: "example.com",
};

export class PythonExampleStack extends TerraformStack {
  public readonly okta: OktaAccessIdentityProvider;
  public readonly wiki: ProtectedApplication;

  constructor(scope: Construct, id: string, env: NodeJS.ProcessEnv = process.env) {
    super(scope, id);
    const setting = (name: keyof typeof PYTHON_EXAMPLE_DEFAULTS): string => env[name] || PYTHON_EXAMPLE_DEFAULTS[name];
    const oktaOrgUrl = setting("OKTA_ORG_URL");

    const oktaHost = new URL(oktaOrgUrl).hostname;
    new okta.OktaProvider(this, "okta", { orgName: oktaHost.split(".")[0], baseUrl: oktaHost.split(".").slice(1).join(".") });
    new cloudflare.CloudflareProvider(this, "cloudflare", {});

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
      accountId: setting("CLOUDFLARE_ACCOUNT_ID"),
      teamDomain: setting("CLOUDFLARE_TEAM_DOMAIN"),
      oktaOrgUrl,
      groupsClaim: GroupsClaim.matchingRegex("^(Engineering|SRE)$"),
      scim: {
        userDeprovision: true,
        seatDeprovision: true,
        identityUpdateBehavior: ScimIdentityUpdateBehavior.REAUTH,
      },
    });

    this.wiki = this.okta.protectApplication("Wiki", {
      domain: `wiki.${setting("APP_ZONE")}`,
      allowedOktaGroups: ["Engineering"],
      name: "Team wiki",
      sessionDuration: "8h",
    });

    const engineers = this.okta.accessGroup("Engineers", { oktaGroups: ["Engineering", "SRE"] });

    new TerraformOutput(this, "identity_provider_id", { value: this.okta.identityProviderId });
    new TerraformOutput(this, "okta_client_id", { value: this.okta.clientId });
    new TerraformOutput(this, "redirect_uri", { value: this.okta.redirectUri });
    new TerraformOutput(this, "wiki_aud", { value: this.wiki.aud, description: "AUD tag of the team wiki's Access application" });
    new TerraformOutput(this, "engineers_access_group_id", { value: engineers.id });
    new TerraformOutput(this, "scim_base_url", { value: this.okta.scimBaseUrl });
    new TerraformOutput(this, "scim_secret", { value: this.okta.scimSecret, sensitive: true });
  }
}

/** The stack main.py builds, under the same id. */
export function build(app: App, env: NodeJS.ProcessEnv = process.env): TerraformStack {
  return new PythonExampleStack(app, "okta-access-python", env);
}

if (require.main === module) {
  const app = new App();
  build(app);
  app.synth();
}

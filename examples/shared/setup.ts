/**
 * What every example stack needs besides the construct: the two providers and
 * a backend. Credentials are never read here: the providers take
 * OKTA_API_TOKEN and CLOUDFLARE_API_TOKEN from the environment at plan and
 * apply time.
 */
import { LocalBackend, S3Backend, TerraformStack } from "cdktf";
import { cloudflare, okta, OktaOrg } from "../../src";

/**
 * The default Okta and Cloudflare providers of a stack. The Okta provider
 * wants the org split into name and base URL; its token must be an SSWS API
 * token (OKTA_API_TOKEN), because under OAuth 2.0 it silently skips the groups
 * claim that Access rules depend on.
 */
export function addProviders(stack: TerraformStack, oktaOrgUrl: string): void {
  // The org is written once: OktaOrg.fromUrl derives the provider's orgName
  // and baseUrl from the same URL the construct gets.
  const org = OktaOrg.fromUrl(oktaOrgUrl);
  new okta.OktaProvider(stack, "okta", { orgName: org.orgName, baseUrl: org.baseUrl });
  new cloudflare.CloudflareProvider(stack, "cloudflare", {});
}

/**
 * The Okta client secret lives in Terraform state: keep state in an encrypted
 * remote backend. TF_STATE_BUCKET (+ AWS_REGION) selects S3 with encryption;
 * the local backend (TF_STATE_PATH) is only for trying an example out.
 */
export function addBackend(stack: TerraformStack, id: string, env: NodeJS.ProcessEnv): void {
  if (env.TF_STATE_BUCKET) {
    new S3Backend(stack, {
      bucket: env.TF_STATE_BUCKET,
      key: `${id}/terraform.tfstate`,
      region: env.AWS_REGION || "us-east-1",
      encrypt: true,
    });
  } else {
    new LocalBackend(stack, { path: env.TF_STATE_PATH || `terraform.${id}.tfstate` });
  }
}

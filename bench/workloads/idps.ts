/**
 * The benchmark's stack: N Okta-backed Access identity providers in one stack,
 * as a large organisation keeps them. The same specs feed the construct and
 * the hand-written variant, so both synthesize the same Terraform JSON.
 */
import { App, TerraformStack } from "cdktf";
import { lib } from "./library";

export const STACK_NAME = "bench";
export const ACCOUNT_ID = "0123456789abcdef0123456789abcdef";
export const OKTA_ORG_URL = "https://dev-123456.okta.com";

/** One identity provider's settings. */
export interface IdpSpec {
  readonly id: string;
  readonly teamDomain: string;
  readonly name: string;
  readonly appLabel: string;
  /** Okta group ids; undefined assigns the Everyone group. */
  readonly assignedGroupIds?: string[];
  /** The groups claim's regular expression (`.*` is GroupsClaim.ALL). */
  readonly groupsRegex: string;
}

/** N varied identity providers: half assigned to Everyone, half to two groups; two groups claims. */
export function idpSpecs(n: number): IdpSpec[] {
  const specs: IdpSpec[] = [];
  for (let i = 0; i < n; i++) {
    specs.push({
      id: `Okta${i}`,
      teamDomain: `team${i}.cloudflareaccess.com`,
      name: `Okta ${i}`,
      appLabel: `Cloudflare Access ${i}`,
      assignedGroupIds: i % 2 === 0 ? undefined : [`00g${i}engineering`, `00g${i}support`],
      groupsRegex: i % 4 < 2 ? ".*" : "^eng-",
    });
  }
  return specs;
}

/** The app and stack with default Okta and Cloudflare providers, as users write them. */
export function newStack(outdir: string): { app: App; stack: TerraformStack } {
  const app = new App({ outdir });
  const stack = new TerraformStack(app, STACK_NAME);
  new lib.okta.OktaProvider(stack, "okta", { orgName: "dev-123456", baseUrl: "okta.com" });
  new lib.cloudflare.CloudflareProvider(stack, "cloudflare", {});
  return { app, stack };
}

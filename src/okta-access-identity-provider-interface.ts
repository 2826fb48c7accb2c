import { TerraformProvider } from "cdktf";
import { IConstruct } from "constructs";
import { GroupsClaim } from "./groups-claim";

/**
 * What {@link ProtectedApplication} needs of an Okta identity provider:
 * implemented by {@link OktaAccessIdentityProvider}, and by your own class
 * when you wrap or mock one.
 */
export interface IOktaAccessIdentityProvider extends IConstruct {
  /** The Cloudflare identity provider's id, for `allowed_idps` and the Okta rules. */
  readonly identityProviderId: string;
  /** The groups claim the Okta application issues (checked against the allowed groups). */
  readonly groupsClaim: GroupsClaim;
  /** The Cloudflare account id, when the identity provider is account-scoped. */
  readonly accountId?: string;
  /** The Cloudflare zone id, when the identity provider is zone-scoped. */
  readonly zoneId?: string;
  /** The Cloudflare provider for the application and policy, if not the stack's default. */
  readonly cloudflareProvider?: TerraformProvider;
}

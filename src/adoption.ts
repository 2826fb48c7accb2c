/**
 * Adopting objects that already exist (made by hand or by another tool): the
 * construct synthesizes a Terraform `import` block for each resource it would
 * otherwise create, so the first plan imports instead of creating. See
 * docs/adoption.md.
 */

/** `adopt` of {@link OktaAccessIdentityProviderProps}. */
export interface IdentityProviderAdoption {
  /** The existing Okta app's id (`0oa...`, Applications > the app, in the URL). */
  readonly oktaAppId: string;

  /**
   * The existing Cloudflare identity provider's id (a UUID), without the
   * `accounts/<id>/` or `zones/<id>/` prefix: the construct adds the one its
   * `accountId` / `zoneId` calls for.
   */
  readonly identityProviderId: string;

  /**
   * The Terraform variable that holds the app's current client secret, set
   * from the environment at plan time (`TF_VAR_<name>`), never committed.
   * Neither API returns the secret to a read, so after an import Terraform does
   * not know it: the construct sends this value to Okta (`client_basic_secret`,
   * which sets the secret Okta already has) and to Cloudflare, so no plan ever
   * sends an empty secret. The variable is sensitive, required and non-empty.
   * @default - the construct id in snake_case plus `_client_secret`, e.g. `okta_client_secret`
   */
  readonly clientSecretVariable?: string;

  /**
   * The id of the groups claim that already exists on the custom
   * authorization server (`authorizationServerId`), to import it.
   * @default - the claim is created (with a warning when adopting)
   */
  readonly authorizationServerClaimId?: string;
}

/** `adopt` of {@link ProtectApplicationOptions}. */
export interface ApplicationAdoption {
  /** The existing Access application's id (a UUID). */
  readonly applicationId: string;
  /** The id (a UUID) of the existing reusable allow policy attached to it. */
  readonly policyId: string;
}

/** `adopt` of {@link AccessGroupOptions}. */
export interface AccessGroupAdoption {
  /** The existing Access group's id (a UUID). */
  readonly accessGroupId: string;
}

import { AccessGroupAdoption } from "./adoption";

/**
 * Options of {@link OktaAccessIdentityProvider.accessGroup}: a Cloudflare
 * Access group of Okta groups, reusable in any Access policy.
 */
export interface AccessGroupOptions {
  /**
   * The Okta groups whose members belong to the Access group, by name as Okta
   * sends them in the groups claim (e.g. `"Engineering"`). One `okta` include
   * rule is created per group; a user in any of them matches.
   */
  readonly oktaGroups: string[];

  /**
   * The Access group's name in the Cloudflare dashboard.
   * @default - the id given to `accessGroup`
   */
  readonly name?: string;

  /**
   * Adopt an existing Access group instead of creating one (an `import` block
   * in the identity provider's account or zone).
   * @default - create a new one
   */
  readonly adopt?: AccessGroupAdoption;
}

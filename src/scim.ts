/**
 * How a SCIM event from Okta updates the identity Cloudflare Access evaluates
 * policies against (Cloudflare's `scim_config.identity_update_behavior`).
 */
export class ScimIdentityUpdateBehavior {
  /**
   * Update the user's identity as soon as Okta pushes a change (such as a
   * group membership), and add the SCIM user's fields to it. A user removed
   * from a group loses access at the next request, without signing in again.
   */
  public static readonly AUTOMATIC = new ScimIdentityUpdateBehavior("automatic");

  /**
   * Make the user sign in again after a group membership change; the identity
   * is only updated by that sign-in and carries no SCIM fields.
   */
  public static readonly REAUTH = new ScimIdentityUpdateBehavior("reauth");

  /**
   * SCIM events never change identities and never prompt a new sign-in: group
   * changes take effect when the Access session ends.
   */
  public static readonly NO_ACTION = new ScimIdentityUpdateBehavior("no_action");

  /** Cloudflare's value: `automatic`, `reauth` or `no_action`. */
  public readonly value: string;

  private constructor(value: string) {
    this.value = value;
  }

  /** Cloudflare's value. */
  public toString(): string {
    return this.value;
  }
}

/**
 * SCIM provisioning from Okta to Cloudflare Access (`scim_config` on the
 * identity provider). Terraform enables Cloudflare's side and exposes its SCIM
 * endpoint and secret; the Okta side needs a second Okta app configured by hand
 * (see the README).
 */
export interface ScimOptions {
  /**
   * Revoke a user's Access and Gateway sessions when Okta deprovisions them.
   * This is the security reason to enable SCIM: without it a deactivated Okta
   * user keeps access until their session expires.
   * @default true
   */
  readonly userDeprovision?: boolean;

  /**
   * Also remove the user's Zero Trust seat when Okta deprovisions them (frees
   * a licence). Cloudflare refuses it unless `userDeprovision` is on.
   * @default false
   */
  readonly seatDeprovision?: boolean;

  /**
   * How a SCIM event updates the identity Access evaluates policies against.
   * @default ScimIdentityUpdateBehavior.AUTOMATIC
   */
  readonly identityUpdateBehavior?: ScimIdentityUpdateBehavior;
}

/**
 * What happens to the Okta app's own groups claim (`okta_app_oauth.groups_claim`,
 * the "OpenID Connect ID Token" groups claim on the app's Sign On tab) when
 * Cloudflare signs in through a custom authorization server
 * (`authorizationServerId`). Without one, the app's claim is the only
 * mechanism and is always issued.
 *
 * With a custom server, Cloudflare reads the groups from the server's own claim
 * (`okta_auth_server_claim`), and the app-level claim serves no sign-in. It is
 * deprecated in okta 6.x, and only okta 6.6.0 and later remove it cleanly.
 * See docs/groups-claim-mechanisms.md.
 */
export class AppGroupsClaim {
  /**
   * Decided by the stack: with a custom authorization server the app-level
   * claim is removed when every okta version the provider's constraint allows
   * is 6.6.0 or later and the construct is not adopting, and kept otherwise
   * (adopting: phase 1 of a migration without a gap; older versions cannot
   * remove it cleanly).
   */
  public static readonly AUTO = new AppGroupsClaim("AUTO");

  /**
   * Issued, also with a custom authorization server. Use it for one apply when
   * a deployed stack gains `authorizationServerId`: sign-ins keep their groups
   * while Cloudflare switches servers.
   */
  public static readonly KEEP = new AppGroupsClaim("KEEP");

  /**
   * Not issued; an existing one is removed. Needs `authorizationServerId`
   * and a constraint that allows only okta 6.6.0 or later.
   */
  public static readonly REMOVE = new AppGroupsClaim("REMOVE");

  /** `AUTO`, `KEEP` or `REMOVE`. */
  public readonly name: string;

  private constructor(name: string) {
    this.name = name;
  }

  /** `AppGroupsClaim.<name>`. */
  public toString(): string {
    return `AppGroupsClaim.${this.name}`;
  }
}

import { Fn, Token } from "cdktf";
import { invalid, normalizeOktaOrgUrl } from "./private/validation";

/**
 * An Okta org, derived from its URL, so that the Okta provider and
 * {@link OktaAccessIdentityProviderProps.oktaOrgUrl} name the same org and
 * the org is written once:
 *
 * ```ts
 * const org = OktaOrg.fromUrl("https://dev-123456.okta.com");
 * new OktaProvider(stack, "okta", { orgName: org.orgName, baseUrl: org.baseUrl });
 * new OktaAccessIdentityProvider(stack, "Okta", { oktaOrgUrl: org.url, ... });
 * ```
 *
 * The Okta provider addresses `https://<orgName>.<baseUrl>`, so the host is
 * split at its first dot: `dev-123456.okta.com` gives `dev-123456` and
 * `okta.com`; a custom Okta domain such as `login.example.com` gives `login`
 * and `example.com`, which reaches the same org.
 */
export class OktaOrg {
  /**
   * Parses an Okta org URL (the same rules as `oktaOrgUrl`: https, no path,
   * never the `-admin` console URL). A token (such as a variable's value) gives
   * Terraform expressions that split it at plan time.
   * @param oktaOrgUrl the org URL, such as `https://dev-123456.okta.com`.
   */
  public static fromUrl(oktaOrgUrl: string): OktaOrg {
    const url = normalizeOktaOrgUrl("OktaOrg.fromUrl", oktaOrgUrl);
    if (Token.isUnresolved(url)) {
      const pattern = "/^https://([^./]+)[.]([^/:]+)/?$/";
      return new OktaOrg(url, Fn.replace(url, pattern, "$1"), Fn.replace(url, pattern, "$2"));
    }
    const host = new URL(url).hostname;
    const dot = host.indexOf(".");
    if (dot === -1) {
      throw invalid("OktaOrg.fromUrl", "oktaOrgUrl", 'the URL of a host with a domain, such as "https://dev-123456.okta.com"', oktaOrgUrl);
    }
    return new OktaOrg(url, host.slice(0, dot), host.slice(dot + 1));
  }

  /** The normalized org URL, `https://<host>`, for `oktaOrgUrl`. */
  public readonly url: string;
  /** The Okta provider's `orgName`: the host's first label, such as `dev-123456`. */
  public readonly orgName: string;
  /** The Okta provider's `baseUrl`: the rest of the host, such as `okta.com`. */
  public readonly baseUrl: string;

  private constructor(url: string, orgName: string, baseUrl: string) {
    this.url = url;
    this.orgName = orgName;
    this.baseUrl = baseUrl;
  }
}

import { TerraformProvider } from "cdktf";
import { isLiteral } from "./validation";

/**
 * Wrong-but-valid settings: each function returns the warning to emit (with
 * what to do), or undefined. Pure, so the props resolution and the synth-time
 * checks share them.
 */

/** A team domain is always `<team>.cloudflareaccess.com`. */
export function teamDomainWarning(where: string, teamDomain: string): string | undefined {
  if (!isLiteral(teamDomain) || teamDomain.endsWith(".cloudflareaccess.com")) return undefined;
  return `${where}: teamDomain ${JSON.stringify(teamDomain)} is not a Cloudflare team domain (<team>.cloudflareaccess.com), so Okta would redirect to https://${teamDomain}/cdn-cgi/access/callback, where Access does not answer. Use your team domain as Zero Trust > Settings shows it, or just the team name (e.g. "example").`;
}

const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;

/** An Okta org is a public https host on the default port: not an IP, localhost or a port. */
export function oktaOrgUrlWarnings(where: string, oktaOrgUrl: string): string[] {
  if (!isLiteral(oktaOrgUrl)) return [];
  const url = new URL(oktaOrgUrl);
  const warnings: string[] = [];
  const host = url.hostname;
  if (IPV4.test(host)) {
    warnings.push(
      `${where}: oktaOrgUrl ${JSON.stringify(oktaOrgUrl)} names an IP address; Okta orgs (and custom Okta domains) are host names with a certificate for that name, and Cloudflare connects to this URL. Use the org URL, such as "https://dev-123456.okta.com".`,
    );
  }
  if (host === "localhost" || host.endsWith(".localhost")) {
    warnings.push(
      `${where}: oktaOrgUrl ${JSON.stringify(oktaOrgUrl)} is localhost, which Cloudflare's servers cannot reach. Use the Okta org URL, such as "https://dev-123456.okta.com" (for tests, keep such values out of deployed stacks).`,
    );
  }
  if (url.port !== "") {
    warnings.push(
      `${where}: oktaOrgUrl ${JSON.stringify(oktaOrgUrl)} has a port (${url.port}); Okta orgs answer on 443 only. Drop the port.`,
    );
  }
  return warnings;
}

/** ID token claims of OpenID Connect Core (section 2 and 5.1) and JWT (RFC 7519), plus Okta's own. */
const STANDARD_CLAIMS = new Set([
  "iss", "sub", "aud", "exp", "nbf", "iat", "jti", "auth_time", "nonce", "acr", "amr", "azp", "at_hash", "c_hash", "sid",
  "name", "given_name", "family_name", "middle_name", "nickname", "preferred_username", "profile", "picture", "website",
  "email", "email_verified", "gender", "birthdate", "zoneinfo", "locale", "phone_number", "phone_number_verified",
  "address", "updated_at", "ver", "idp", "uid", "cid", "scp",
]);

/** A groups claim named like a standard claim replaces (or loses to) that claim in the token. */
export function groupsClaimNameWarning(where: string, claimName: string): string | undefined {
  if (!isLiteral(claimName) || !STANDARD_CLAIMS.has(claimName.toLowerCase())) return undefined;
  return `${where}: groupsClaim's claimName ${JSON.stringify(claimName)} is a standard OpenID Connect / JWT claim: Okta either refuses it or puts the groups where Cloudflare and every other client expect ${JSON.stringify(claimName)} to mean something else. Name it "groups" (the default).`;
}

/** Claim names are plain tokens: ASCII letters, digits and `_ - . : /`. */
const PLAIN_CLAIM = /^[A-Za-z0-9_.:/-]+$/;

/** A claim name with spaces, invisible or non-ASCII characters never matches what Okta issues. */
export function claimNameWarning(where: string, property: string, claimName: string | undefined): string | undefined {
  if (!isLiteral(claimName) || typeof claimName !== "string" || PLAIN_CLAIM.test(claimName)) return undefined;
  const shown = [...claimName]
    .map((c) => (/[\x21-\x7e]/.test(c) ? c : `\\u{${c.codePointAt(0)!.toString(16).toUpperCase()}}`))
    .join("");
  return `${where}: ${property} "${shown}" is not a plain claim name (ASCII letters, digits, _ - . : /): spaces, invisible or non-ASCII characters never match a claim Okta issues. Retype it.`;
}

/**
 * An Okta provider whose literal `org_name` and `base_url` name another org
 * than `oktaOrgUrl`: the Okta resources would be created in one org and
 * Cloudflare would sign users in against another.
 */
export function oktaProviderOrgWarning(where: string, provider: TerraformProvider, oktaOrgUrl: string): string | undefined {
  if (!isLiteral(oktaOrgUrl)) return undefined;
  const config = provider as unknown as { orgName?: string; baseUrl?: string; httpProxy?: string };
  const orgName = config.orgName;
  const baseUrl = config.baseUrl ?? "okta.com"; // the provider's default
  if (orgName === undefined || !isLiteral(orgName) || !isLiteral(baseUrl) || config.httpProxy !== undefined) return undefined;
  const providerHost = `${orgName}.${baseUrl}`.toLowerCase();
  const host = new URL(oktaOrgUrl).hostname;
  if (providerHost === host) return undefined;
  return `${where}: the Okta provider ${provider.node.path} manages org "${providerHost}" (orgName ${JSON.stringify(orgName)}, baseUrl ${JSON.stringify(baseUrl)}), but oktaOrgUrl is ${JSON.stringify(oktaOrgUrl)}: the Okta app would be created in one org while Cloudflare signs users in against the other. Derive both from one value with OktaOrg.fromUrl(oktaOrgUrl).`;
}

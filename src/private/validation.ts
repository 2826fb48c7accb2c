import { Token } from "cdktf";

/**
 * Builds the error every validation throws: it names the property, the form
 * that was expected and what was received, so a user can fix the call site
 * without reading our source.
 */
export function invalid(where: string, property: string, expected: string, received: unknown): Error {
  return new Error(`${where}: ${property} must be ${expected}; received ${describe(received)}`);
}

/** Renders a received value for an error message (strings quoted, lists as JSON). */
export function describe(value: unknown): string {
  if (value === undefined) return "undefined";
  if (typeof value === "string") return JSON.stringify(value);
  try {
    return JSON.stringify(value);
  } catch {
    return typeof value;
  }
}

/** True when the value is a literal we can check (not a cdktf token). */
export function isLiteral(value: unknown): boolean {
  return value !== undefined && !Token.isUnresolved(value);
}

/** Refuses an empty or whitespace-only literal string. */
export function requireNonEmpty(where: string, property: string, value: string | undefined): void {
  if (value === undefined || !isLiteral(value)) return;
  if (typeof value !== "string" || value.trim() === "") {
    throw invalid(where, property, "a non-empty string", value);
  }
}

/**
 * Refuses an empty list, empty members and duplicates. An unresolved list token
 * passes; unresolved members pass too.
 */
export function requireNonEmptyList(where: string, property: string, values: string[] | undefined, what: string): void {
  if (values === undefined || Token.isUnresolved(values)) return;
  if (!Array.isArray(values) || values.length === 0) {
    throw invalid(where, property, `a non-empty list of ${what}`, values);
  }
  const seen = new Set<string>();
  values.forEach((value, index) => {
    if (!isLiteral(value)) return;
    if (typeof value !== "string" || value.trim() === "") {
      throw invalid(where, `${property}[${index}]`, `a non-empty ${what.replace(/s$/, "")}`, value);
    }
    if (seen.has(value)) {
      throw invalid(where, property, `a list without duplicates`, values);
    }
    seen.add(value);
  });
}

// RFC 1123 host names: labels of letters, digits and inner hyphens, at most 63
// characters each and 253 in all.
const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/i;

/** True for a syntactically valid DNS host name (no scheme, port or path). */
export function isHostName(value: string): boolean {
  if (value.length === 0 || value.length > 253) return false;
  return value.split(".").every((label) => LABEL.test(label));
}

/**
 * Normalizes Cloudflare Access's team domain. A single label is the team name
 * and becomes `<name>.cloudflareaccess.com`; anything else must be a bare host.
 */
export function normalizeTeamDomain(where: string, value: string): string {
  if (!isLiteral(value)) return value;
  const expected = `a bare host name such as "example.cloudflareaccess.com" or just the team name "example" (no scheme, path or port)`;
  if (typeof value !== "string" || value.trim() === "") throw invalid(where, "teamDomain", expected, value);
  const host = value.trim().toLowerCase();
  if (host.includes("://") || host.includes("/") || host.includes(":") || !isHostName(host)) {
    throw invalid(where, "teamDomain", expected, value);
  }
  return host.includes(".") ? host : `${host}.cloudflareaccess.com`;
}

/**
 * Normalizes the Okta org URL to `https://<host>`. Refuses the admin-console
 * host (`<org>-admin.okta.com`), the classic copy-paste mistake: Cloudflare
 * needs the org URL, which never contains `-admin`.
 */
export function normalizeOktaOrgUrl(where: string, value: string): string {
  if (!isLiteral(value)) return value;
  const expected = `an https:// URL of the Okta org with no path, query or fragment, such as "https://dev-123456.okta.com"`;
  if (typeof value !== "string") throw invalid(where, "oktaOrgUrl", expected, value);
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw invalid(where, "oktaOrgUrl", expected, value);
  }
  if (
    url.protocol !== "https:" ||
    (url.pathname !== "/" && url.pathname !== "") ||
    url.search !== "" ||
    url.hash !== "" ||
    value.trim().endsWith("?") ||
    value.trim().endsWith("#") ||
    url.username !== "" ||
    url.password !== "" ||
    !isHostName(url.hostname)
  ) {
    throw invalid(where, "oktaOrgUrl", expected, value);
  }
  if (url.hostname.split(".")[0].endsWith("-admin")) {
    const orgHost = url.hostname.replace(/-admin(?=\.)/, "");
    throw invalid(
      where,
      "oktaOrgUrl",
      `the Okta org URL, not the admin-console URL (the org URL never contains "-admin"; use "https://${orgHost}")`,
      value,
    );
  }
  return `https://${url.host}`;
}

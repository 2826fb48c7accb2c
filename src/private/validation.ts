import { Token } from "cdktf";

/**
 * Builds the error every validation throws: it names the property, the form
 * that was expected and what was received, so a user can fix the call site
 * without reading our source.
 */
export function invalid(where: string, property: string, expected: string, received: unknown): Error {
  return new Error(`${where}: ${propertyName(property)} must be ${expected}; received ${describe(received)}`);
}

/**
 * Names a property (`oktaOrgUrl`, `scim.userDeprovision`, `claims[2]`) in the
 * caller's language. Under jsii's Python runtime, which sets `JSII_AGENT` to
 * `Python/<version>` for the Node.js process it starts, a Python user wrote
 * `okta_org_url`, so both spellings are given: `okta_org_url (oktaOrgUrl)`.
 * Elsewhere (TypeScript) the name is returned unchanged.
 */
export function propertyName(property: string, agent: string | undefined = process.env.JSII_AGENT): string {
  if (!agent?.startsWith("Python/")) return property;
  const snake = property.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toLowerCase();
  return snake === property ? property : `${snake} (${property})`;
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

/**
 * Checks a Cloudflare Access self-hosted application domain: a host name with
 * an optional path, no scheme, port, query or fragment. Asterisks are
 * Cloudflare's wildcards: allowed in subdomain labels (`*.example.com`,
 * `*.*.example.com`) and in the path (`example.com/*`), never in the last two
 * labels, which name the zone. The value is returned unchanged.
 */
export function checkAccessDomain(where: string, property: string, value: string): string {
  if (!isLiteral(value)) return value;
  const expected =
    'a host name with an optional path and no scheme, port, query or fragment, such as "wiki.example.com", "example.com/wiki" or "*.example.com"';
  if (typeof value !== "string" || value.trim() === "") throw invalid(where, property, expected, value);
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) {
    const bare = value.replace(/^[a-z][a-z0-9+.-]*:\/\//i, "");
    throw invalid(where, property, `${expected} (drop the scheme: use ${JSON.stringify(bare)})`, value);
  }
  const slash = value.indexOf("/");
  const host = slash === -1 ? value : value.slice(0, slash);
  const path = slash === -1 ? "" : value.slice(slash);
  const labels = host.split(".");
  const zoneLabels = labels.slice(-2);
  const hostOk =
    host.length <= 253 &&
    labels.length >= 2 &&
    labels.every((label) => LABEL.test(label.replace(/\*/g, "a"))) &&
    zoneLabels.every((label) => !label.includes("*"));
  // RFC 3986 path characters, plus Cloudflare's `*` wildcard.
  const pathOk = /^(\/[A-Za-z0-9\-._~!$&'()*+,;=:@%]*)*$/.test(path);
  if (!hostOk || !pathOk) throw invalid(where, property, expected, value);
  return value;
}

/** Nanoseconds per unit of a Go duration (`time.ParseDuration`). */
const DURATION_UNITS: Record<string, number> = { ns: 1, us: 1e3, "\u00b5s": 1e3, "\u03bcs": 1e3, ms: 1e6, s: 1e9, m: 60e9, h: 3600e9 };
const DURATION_PART = "(\\d+(?:\\.\\d*)?|\\.\\d+)(ns|us|\u00b5s|\u03bcs|ms|s|m|h)";

/**
 * Parses a Go duration as Cloudflare takes it for `session_duration`
 * (`30m`, `24h`, `1h30m`, `300ms`, `1.5h`; units ns, us/µs, ms, s, m, h),
 * without a sign. Returns nanoseconds, or undefined when the text is not one.
 */
export function parseDuration(value: string): number | undefined {
  if (typeof value !== "string" || !new RegExp(`^(?:${DURATION_PART})+$`).test(value)) return undefined;
  let total = 0;
  for (const [, amount, unit] of value.matchAll(new RegExp(DURATION_PART, "g"))) {
    total += parseFloat(amount) * DURATION_UNITS[unit];
  }
  return total;
}

/** Nanoseconds in an hour, for comparing parsed durations. */
export const HOUR_NS = 3600e9;

/** Refuses a literal that is not a positive Go duration; returns nanoseconds (undefined for a token). */
export function requireDuration(where: string, property: string, value: string): number | undefined {
  if (!isLiteral(value)) return undefined;
  const ns = parseDuration(value);
  if (ns === undefined || ns <= 0) {
    throw invalid(
      where,
      property,
      'a positive duration in Cloudflare\'s format: numbers with units h, m, s, ms, us (µs) or ns, such as "30m", "24h" or "1h30m"',
      value,
    );
  }
  return ns;
}

/** Refuses a literal that is not a boolean. */
export function requireBoolean(where: string, property: string, value: unknown): void {
  if (value === undefined || Token.isUnresolved(value)) return;
  if (typeof value !== "boolean") throw invalid(where, property, "true or false", value);
}

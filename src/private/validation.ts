import * as path from "node:path";
import { editDistance } from "./edit-distance";
import { isAdminHost, withoutAdmin } from "./groups-filter";
import { TerraformProvider, TerraformStack, Token } from "cdktf";
import { Construct, IConstruct } from "constructs";

/**
 * Builds the error every validation throws: it names the property, the form
 * that was expected and what was received, so a user can fix the call site
 * without reading our source. Its stack starts at the caller's code: the
 * frames of this package's own files are dropped (see {@link trimOwnFrames}).
 */
export function invalid(where: string, property: string, expected: string, received: unknown): Error {
  return trimOwnFrames(new Error(`${where}: ${propertyName(property)} must be ${expected}; received ${describe(received)}`));
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

/**
 * The package's own code: `src/` under ts-node or esbuild, `lib/` once built.
 * Computed where it is used, like this module's other tables, so the tests
 * that use it cover it (a module constant is built once per test file).
 */
function ownDirs(): string[] {
  return ["src", "lib"].map((dir) => path.join(path.resolve(__dirname, "..", ".."), dir) + path.sep);
}

/**
 * Drops the stack frames in this package's own files, so the first frame an
 * error shows is the user's line that passed the bad value (under the cdktf
 * CLI it would otherwise point into `node_modules/cdktf-okta-cloudflare-access`,
 * at files the package does not even ship as TypeScript). Frames of other
 * packages and of the user's code are kept as they are.
 */
export function trimOwnFrames<E extends Error>(error: E): E {
  const stack = error.stack;
  if (typeof stack !== "string") return error;
  const lines = stack.split("\n");
  const first = lines.findIndex((line) => /^\s+at /.test(line));
  if (first === -1) return error;
  const own = ownDirs();
  const frames = lines.slice(first).filter((line) => !own.some((dir) => line.includes(dir)));
  error.stack = [...lines.slice(0, first), ...frames].join("\n");
  return error;
}

/** A received value already put in words, shown as is in an error message. */
export class Described {
  constructor(public readonly text: string) {}
}

/** Renders a received value for an error message (strings quoted, lists as JSON). */
export function describe(value: unknown): string {
  if (value instanceof Described) return value.text;
  if (typeof value === "function") return "a function";
  // NaN and the infinities, which JSON would show as null.
  if (typeof value === "number" && !Number.isFinite(value)) return String(value);
  if (typeof value === "symbol" || typeof value === "bigint") return value.toString();
  if (Construct.isConstruct(value)) return `${value.constructor.name} ${JSON.stringify(value.node.path)}`;
  try {
    // undefined (and symbols, handled above) stringify to undefined: "undefined".
    return JSON.stringify(value) ?? typeof value;
  } catch {
    return typeof value;
  }
}

/**
 * A string as received, cut to its first `keep` characters when longer, with
 * its length: `"EEEE"… (3,000 characters)`. For errors about a value too long
 * to show whole.
 */
export function truncated(value: string, keep = 40): Described {
  const chars = Array.from(value);
  if (chars.length <= keep) return new Described(JSON.stringify(value));
  return new Described(`${JSON.stringify(chars.slice(0, keep).join(""))}… (${chars.length.toLocaleString("en-US")} characters)`);
}

/** Refuses a props or options argument that is not a plain object (null, a list, a string...). */
export function requireObject(where: string, property: string, value: unknown, expected: string): void {
  if (value === null || typeof value !== "object" || Array.isArray(value) || Token.isUnresolved(value)) {
    throw invalid(where, property, expected, value);
  }
}

/**
 * Refuses keys an options struct does not know, such as a misspelt
 * `userDeprovison`, which JavaScript callers would otherwise see ignored.
 * Keys whose value is `undefined` are ignored (`{ ...props, x: undefined }`).
 */
export function refuseUnknownKeys(where: string, property: string, value: object, known: readonly string[]): void {
  const unknown = Object.keys(value).filter((key) => !known.includes(key) && (value as Record<string, unknown>)[key] !== undefined);
  if (unknown.length > 0) {
    const suggestions = unknown.map((key) => {
      const close = known.find((k) => k.toLowerCase() === key.toLowerCase() || editDistance(k, key) <= 2);
      return close === undefined ? JSON.stringify(key) : `${JSON.stringify(key)} (did you mean ${JSON.stringify(close)}?)`;
    });
    throw invalid(
      where,
      property,
      `an object with only the keys ${known.join(", ")}; unknown: ${suggestions.join(", ")}`,
      // Only the kind of each unknown key's value: a misplaced secret (clientSecret: "...") is never echoed.
      new Described(`{${unknown.map((key) => `${JSON.stringify(key)}: <${kindOf((value as Record<string, unknown>)[key])}>`).join(", ")}}`),
    );
  }
}

/** What kind of value this is, in words, without the value: `a string`, `a list`, `null`. */
function kindOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (Token.isUnresolved(value)) return "a token";
  if (Construct.isConstruct(value)) return `a ${value.constructor.name}`;
  const type = typeof value;
  return type === "object" ? "an object" : `a ${type}`;
}

/**
 * The id of a new construct, checked before `super()` so that a wrong scope
 * or id gets our error instead of one from the constructs library.
 */
export function constructId(what: string, scope: unknown, id: unknown): string {
  if (!Construct.isConstruct(scope)) {
    throw invalid(`${what} ${JSON.stringify(String(id))}`, "scope", "a construct (a TerraformStack or a construct inside one)", scope);
  }
  const where = `${what} "${scope.node.path}/${String(id)}"`;
  if (typeof id !== "string" || id.trim() === "") {
    throw invalid(where, "id", "a non-empty string, such as \"Okta\" (it is part of the Terraform addresses)", id);
  }
  return id;
}

/**
 * Runs a construct's validation step. When it throws, the half-made construct
 * is taken out of its scope again (it was added by \`super()\`), so a caller
 * who catches the error can retry with the same id instead of being told
 * "There is already a Construct with name ...".
 */
export function validatedOrDetached<T>(construct: IConstruct, validate: () => T): T {
  try {
    return validate();
  } catch (error) {
    construct.node.scope?.node.tryRemoveChild(construct.node.id);
    throw error;
  }
}

/** Refuses a method's id argument that is not a non-empty string. */
export function requireId(where: string, id: unknown): void {
  if (typeof id !== "string" || id.trim() === "") {
    throw invalid(where, "id", "a non-empty string (it is part of the Terraform addresses)", id);
  }
}

/**
 * Checks a provider given for the construct's resources: a Terraform provider
 * of the expected type (`okta`, `cloudflare`), declared in the construct's own
 * stack (a provider of another stack is not declared in this one's Terraform
 * configuration).
 */
export function requireProvider(where: string, property: string, value: unknown, type: string, className: string, scope: IConstruct): void {
  if (value === undefined) return;
  const expected = `${/^[AEIOU]/.test(className) ? "an" : "a"} ${className} (Terraform provider "${type}") declared in this construct's stack`;
  if (!TerraformProvider.isTerraformProvider(value)) throw invalid(where, property, expected, value);
  const provider = value;
  if (provider.terraformResourceType !== type) {
    throw invalid(where, property, expected, new Described(`${provider.constructor.name} ${JSON.stringify(provider.node.path)} (Terraform provider "${provider.terraformResourceType}")`));
  }
  const own = TerraformStack.of(scope);
  const theirs = TerraformStack.of(provider);
  if (own !== theirs) {
    throw invalid(
      where,
      property,
      `${expected} ("${own.node.path}"); declare the provider in this stack`,
      new Described(`${provider.constructor.name} ${JSON.stringify(provider.node.path)} of stack "${theirs.node.path}"`),
    );
  }
}

/** True when the value is a literal we can check (not a cdktf token). */
export function isLiteral(value: unknown): boolean {
  return value !== undefined && !Token.isUnresolved(value);
}

/** Refuses an empty or whitespace-only literal string. */
export function requireNonEmpty(where: string, property: string, value: string | undefined): void {
  if (!isLiteral(value)) return; // undefined, or a token; null is a literal and refused
  if (typeof value !== "string" || value.trim() === "") {
    throw invalid(where, property, "a non-empty string", value);
  }
}

/**
 * Refuses an empty list, empty or undefined members and duplicates. An
 * unresolved list token passes; unresolved members pass too.
 */
export function requireNonEmptyList(where: string, property: string, values: string[] | undefined, what: string): void {
  if (values === undefined || Token.isUnresolved(values)) return;
  if (!Array.isArray(values) || values.length === 0) {
    throw invalid(where, property, `a non-empty list of ${what}`, values);
  }
  const seen = new Set<string>();
  values.forEach((value, index) => {
    if (Token.isUnresolved(value)) return;
    if (typeof value !== "string" || value.trim() === "") {
      throw invalid(where, `${property}[${index}]`, `a non-empty ${what.replace(/s$/, "")}`, value);
    }
    if (seen.has(value)) {
      throw invalid(where, property, `a list without duplicates`, values);
    }
    seen.add(value);
  });
}

/**
 * An RFC 1123 host name label: letters, digits and inner hyphens, 1 to 63
 * characters (host names are at most 253 in all). A function rather than a
 * module constant so the tests that check labels cover it.
 */
function isLabel(label: string): boolean {
  return /^(?!-)[a-z0-9-]{1,63}(?<!-)$/i.test(label);
}

/** True for a syntactically valid DNS host name (no scheme, port or path). */
export function isHostName(value: string): boolean {
  if (value.length > 253) return false; // an empty name is one empty label, refused below
  return value.split(".").every(isLabel);
}

/**
 * Normalizes Cloudflare Access's team domain. A single label is the team name
 * and becomes `<name>.cloudflareaccess.com`; anything else must be a bare host.
 */
export function normalizeTeamDomain(where: string, value: string): string {
  const expected = `a bare host name such as "example.cloudflareaccess.com" or just the team name "example" (no scheme, path or port)`;
  if (value === undefined) throw invalid(where, "teamDomain", expected, value);
  if (!isLiteral(value)) return value;
  if (typeof value !== "string") throw invalid(where, "teamDomain", expected, value);
  const host = value.trim().toLowerCase();
  // A host name has no scheme, path or port, and is not empty.
  if (!isHostName(host)) throw invalid(where, "teamDomain", expected, value);
  return host.includes(".") ? host : `${host}.cloudflareaccess.com`;
}

/**
 * Normalizes the Okta org URL to `https://<host>`. Refuses the admin-console
 * host (`<org>-admin.okta.com`), the classic copy-paste mistake: Cloudflare
 * needs the org URL, which never contains `-admin`.
 */
export function normalizeOktaOrgUrl(where: string, value: string): string {
  const expected = `an https:// URL of the Okta org with no path, query or fragment, such as "https://dev-123456.okta.com"`;
  if (value === undefined) throw invalid(where, "oktaOrgUrl", expected, value);
  if (!isLiteral(value)) return value;
  if (typeof value !== "string") throw invalid(where, "oktaOrgUrl", expected, value);
  const text = value.trim();
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw invalid(where, "oktaOrgUrl", expected, value);
  }
  if (
    url.protocol !== "https:" ||
    url.pathname !== "/" || // an https URL's path is never empty
    url.search !== "" ||
    url.hash !== "" ||
    text.endsWith("?") ||
    text.endsWith("#") ||
    url.username !== "" ||
    url.password !== "" ||
    !isHostName(url.hostname)
  ) {
    throw invalid(where, "oktaOrgUrl", expected, value);
  }
  if (isAdminHost(url.hostname)) {
    const orgHost = withoutAdmin(url.hostname);
    throw invalid(
      where,
      "oktaOrgUrl",
      `the Okta org URL, not the admin-console URL (the org URL never contains "-admin"; use "https://${orgHost}")`,
      value,
    );
  }
  return `https://${url.host}`;
}

// The -admin rule lives in the groups-filter module, shared with the review CLI.
export { isAdminHost, withoutAdmin };

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
  if (typeof value !== "string") throw invalid(where, property, expected, value); // an empty one fails the host check
  const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.exec(value);
  if (scheme !== null) {
    throw invalid(where, property, `${expected} (drop the scheme: use ${JSON.stringify(value.slice(scheme[0].length))})`, value);
  }
  const slash = value.indexOf("/");
  const host = slash === -1 ? value : value.slice(0, slash);
  const path = slash === -1 ? "" : value.slice(slash);
  const labels = host.split(".");
  const zoneLabels = labels.slice(-2);
  const hostOk =
    host.length <= 253 &&
    labels.length >= 2 &&
    labels.every((label) => isLabel(label.replace(/\*/g, "a"))) &&
    zoneLabels.every((label) => !label.includes("*"));
  // RFC 3986 path characters, plus Cloudflare's `*` wildcard.
  const pathOk = /^(\/[A-Za-z0-9\-._~!$&'()*+,;=:@%]*)*$/.test(path);
  if (!hostOk || !pathOk) throw invalid(where, property, expected, value);
  return value;
}

const DURATION_PART = "(\\d+(?:\\.\\d*)?|\\.\\d+)(ns|us|\u00b5s|\u03bcs|ms|s|m|h)";

/**
 * Parses a Go duration as Cloudflare takes it for `session_duration`
 * (`30m`, `24h`, `1h30m`, `300ms`, `1.5h`; units ns, us/µs, ms, s, m, h),
 * without a sign. Returns nanoseconds, or undefined when the text is not one.
 */
export function parseDuration(value: string): number | undefined {
  if (typeof value !== "string" || !new RegExp(`^(?:${DURATION_PART})+$`).test(value)) return undefined;
  // Nanoseconds per unit of a Go duration (`time.ParseDuration`).
  const units: Record<string, number> = { ns: 1, us: 1e3, "\u00b5s": 1e3, "\u03bcs": 1e3, ms: 1e6, s: 1e9, m: 60e9, h: 3600e9 };
  let total = 0;
  for (const [, amount, unit] of value.matchAll(new RegExp(DURATION_PART, "g"))) {
    total += parseFloat(amount) * units[unit];
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
  if (ns > GO_MAX_DURATION_NS) {
    throw invalid(
      where,
      property,
      "a duration Go (and so Cloudflare and its Terraform provider) can represent, at most 2562047h (about 292 years); Cloudflare's longest session is a month, 730h",
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

/**
 * Go's largest `time.Duration` is 2^63 - 1 nanoseconds: longer durations fail
 * to parse. As a double that is 2^63 (the nearest one), written so.
 */
const GO_MAX_DURATION_NS = 2 ** 63;


/**
 * The warning for a session duration Cloudflare does not offer: sessions range
 * from immediate timeout to one month (730h), and Go truncates a duration to
 * whole nanoseconds, so `0.0001ns` is an immediate timeout.
 */
export function sessionDurationWarning(where: string, property: string, value: string, ns: number | undefined): string | undefined {
  if (ns === undefined) return undefined;
  // Cloudflare's longest application or policy session: one month (730h).
  if (ns > 730 * HOUR_NS) {
    return `${where}: ${property} ${JSON.stringify(value)} is longer than the longest session Cloudflare Access offers, one month (730h); Cloudflare may refuse or cap it. Use 730h or less (24h or less is a good default).`;
  }
  if (ns < 1) {
    return `${where}: ${property} ${JSON.stringify(value)} is shorter than a nanosecond: Cloudflare reads it as 0, an immediate timeout, so every request needs a new sign-in. Use a duration such as "30m".`;
  }
  return undefined;
}

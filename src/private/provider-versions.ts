/**
 * The provider versions this library supports, what needs which version, the
 * known-bad versions, and Terraform's version constraint language: the one
 * place for every rule about provider versions.
 *
 * Used by the construct (at construction and at synth), by the review CLI
 * (src/review/, which must not load cdktf), by the binding generator
 * (scripts/generate-providers.ts writes {@link SUPPORTED}'s constraint into the
 * provider classes) and by the schema extraction. It therefore imports
 * nothing: not cdktf, not constructs, no package.
 *
 * Terraform's constraint language for providers (`version = "..."` in
 * `required_providers`) is the "Ruby style" of apparentlymart/go-versions,
 * which Terraform uses: comma-separated clauses, all of which must hold, each
 * an operator (`=` or none, `!=`, `>`, `>=`, `<`, `<=`, `~>`) and a version of
 * one to three numbers with an optional pre-release and build metadata. Missing
 * numbers are zero (`>= 1.2` is `>= 1.2.0`). `~>` with three numbers lets only
 * the patch number grow (`~> 1.2.3` is `>= 1.2.3, < 1.3.0`); with one or two
 * it lets the minor number grow (`~> 1.2` and `~> 1` are `>= 1.2.0, < 2.0.0`
 * and `>= 1.0.0, < 2.0.0`). A pre-release version is allowed only when a
 * clause names it exactly with `=` (or no operator): `>= 6.0.0-beta1` does not
 * allow 6.0.0-beta1, and `>= 1.0` does not allow 2.0.0-rc1. `=` and `!=`
 * compare build metadata too, and no constraint allows 0.0.0. Checked against
 * Terraform's library by test/go-versions/differential.ts.
 */

/** The Terraform providers the library drives, by their local name. */
export type ProviderName = "okta" | "cloudflare";

/** A provider's supported versions. */
export interface ProviderSupport {
  /** The local name, which is also the provider's Terraform resource type (`okta`). */
  readonly name: ProviderName;
  /** The registry source address (`okta/okta`). */
  readonly source: string;
  /** The oldest version the end-to-end suite runs against. */
  readonly oldest: string;
  /** The newest version the end-to-end suite runs against; the bindings are generated from its schema. */
  readonly newest: string;
  /**
   * The constraint this library's provider classes write into
   * `required_providers` by default: `oldest` to `newest`, without the
   * versions that are bad for every stack (see {@link KNOWN_BAD}).
   */
  readonly constraint: string;
}

/** A capability that exists from one provider version on. */
export interface ProviderFeature {
  readonly provider: ProviderName;
  /** The first version that has it. */
  readonly minimum: string;
  /** What it is, for messages: "okta_app_federated_claim". */
  readonly description: string;
  /** Where the fact comes from. */
  readonly evidence: string;
}

/** When a known-bad version hurts. */
export type KnownBadCondition =
  /** Every stack that uses the provider's resources. */
  | "always"
  /** A stack that turns SCIM on for an identity provider that already exists (adopted, or created before without SCIM). */
  | "scim-on-existing-identity-provider";

/** Versions inside the supported range with a bug that hits this library. */
export interface KnownBadVersions {
  readonly id: string;
  readonly provider: ProviderName;
  /** The bad versions, as a Terraform constraint (">= 6.5.1, <= 6.5.4"). */
  readonly versions: string;
  readonly condition: KnownBadCondition;
  /** What goes wrong, for messages. */
  readonly problem: string;
  /** The first good version after them. */
  readonly fixedIn: string;
  readonly evidence: string;
}

/** The features, by id. */
export const FEATURES = {
  cloudflareV5AccessSchema: {
    provider: "cloudflare",
    minimum: "5.0.0",
    description: "the v5 schema of cloudflare_zero_trust_access_* (attributes, not blocks; standalone policies with account_id; okta rule names as strings)",
    evidence: "cloudflare/terraform-provider-cloudflare v5.0.0 rewrote the Access resources; v4.52.8 declares config, include and okta as blocks with okta.name a list",
  },
  oktaAppFederatedClaim: {
    provider: "okta",
    minimum: "6.5.5",
    description: "okta_app_federated_claim",
    evidence: "okta/terraform-provider-okta CHANGELOG 6.5.5: new resource okta_app_federated_claim (#2640)",
  },
  oktaClientBasicSecretWriteOnly: {
    provider: "okta",
    minimum: "6.8.0",
    description: "okta_app_oauth.client_basic_secret_wo (write-only; Terraform >= 1.11)",
    evidence: "okta/terraform-provider-okta v6.8.0 resource_okta_app_oauth.go: client_basic_secret_wo, PreferWriteOnlyAttribute",
  },
} as const satisfies Record<string, ProviderFeature>;

/** A feature's id. */
export type FeatureId = keyof typeof FEATURES;

/** What every stack of this library uses, whatever its props. */
export const BASELINE_FEATURES: readonly FeatureId[] = ["cloudflareV5AccessSchema"];

/** Known-bad versions inside the supported range. */
export const KNOWN_BAD: readonly KnownBadVersions[] = [
  {
    id: "okta-consent-method-drift",
    provider: "okta",
    versions: ">= 6.5.1, <= 6.5.4",
    condition: "always",
    problem:
      "okta_app_oauth.consent_method drifts: the read writes Okta's empty answer over the schema default TRUSTED, so every plan shows a change for an org without the Early Access consent feature",
    fixedIn: "6.5.5",
    evidence: "okta/terraform-provider-okta v6.5.1..v6.5.4 resource_okta_app_oauth.go sets consent_method from every read; v6.5.5 only when non-empty (#2634)",
  },
  {
    id: "cloudflare-scim-inconsistent-result",
    provider: "cloudflare",
    versions: "< 5.20.0",
    condition: "scim-on-existing-identity-provider",
    problem:
      'turning scim_config on for an existing identity provider fails with "Provider produced inconsistent result after apply" (a second apply succeeds)',
    fixedIn: "5.20.0",
    evidence:
      "cloudflare/terraform-provider-cloudflare CHANGELOG 5.20.0: zero_trust_access_identity_provider uses UseNonNullStateForUnknown on scim_config.secret and scim_config.scim_base_url",
  },
];

// ---------------------------------------------------------------------------
// Terraform version constraints

/** A constraint that Terraform would refuse, with the reason. */
export class ConstraintSyntaxError extends Error {
  constructor(
    readonly constraint: string,
    readonly reason: string,
  ) {
    super(`${JSON.stringify(constraint)} is not a valid Terraform version constraint: ${reason}`);
    this.name = "ConstraintSyntaxError";
  }
}

type Operator = "=" | "!=" | ">" | ">=" | "<" | "<=" | "~>";

/** One clause: an operator and its version, with the missing numbers filled in. */
export interface ConstraintClause {
  readonly operator: Operator;
  /** The version, zero-filled: `1.2` is `1.2.0`. */
  readonly version: string;
  /** How many numbers were written (1-3): `~>` depends on it. */
  readonly numbers: number;
}

/** A parsed constraint: every clause must hold. */
export interface VersionConstraint {
  readonly text: string;
  readonly clauses: readonly ConstraintClause[];
}

/**
 * A version as Terraform reads one (apparentlymart/go-versions): three
 * numbers, a pre-release and build metadata kept as written. npm's `semver`
 * does not fit: it refuses leading zeros in numeric pre-release identifiers,
 * which Terraform accepts and orders by length first (`beta.01` after
 * `beta.2`), and it ignores build metadata where Terraform's `=` compares it.
 * test/go-versions/differential.ts checks this against Terraform's library.
 */
interface Version {
  /** Decimal digits without leading zeros ("0" for zero), of any size, as go-versions' uint64 and beyond. */
  readonly major: string;
  readonly minor: string;
  readonly patch: string;
  /** "" for a release. */
  readonly pre: string;
  readonly meta: string;
}

const OPERATORS: readonly string[] = ["=", "!=", ">", ">=", "<", "<=", "~>"];
// go-versions' scanner: an operator (a run of anything but digits, letters,
// spaces, dots and *), a separator (spaces and v's, refused below unless one
// space after an operator), numbers separated by dots, then an optional
// pre-release and build metadata of letters, digits, dots and hyphens.
const CLAUSE = /^([^0-9A-Za-z\s.*]*)([\sv]*)([0-9A-Za-z*]+(?:\.[0-9A-Za-z*]+)*)(?:-([0-9A-Za-z.-]*))?(?:\+([0-9A-Za-z.-]*))?/;

/**
 * Parses a Terraform provider version constraint, refusing what Terraform
 * refuses (an unknown operator, a `v` prefix, wildcards, more than three
 * numbers, a missing comma, an empty constraint).
 */
export function parseConstraint(text: string): VersionConstraint {
  if (typeof text !== "string") throw new ConstraintSyntaxError(String(text), "not a string");
  const clauses: ConstraintClause[] = [];
  let rest = text.trim();
  if (rest === "") throw new ConstraintSyntaxError(text, "it is empty");
  while (rest !== "") {
    const clause = parseClause(text, rest);
    clauses.push(clause.clause);
    rest = clause.rest.trim();
    if (rest === "") break;
    if (rest.startsWith("v")) throw new ConstraintSyntaxError(text, 'a "v" prefix is not allowed');
    if (!rest.startsWith(",")) throw new ConstraintSyntaxError(text, `a comma is missing before ${JSON.stringify(rest)}`);
    // A trailing comma is allowed, as Terraform allows it.
    rest = rest.slice(1).trim();
  }
  return { text, clauses };
}

function parseClause(text: string, input: string): { clause: ConstraintClause; rest: string } {
  const m = CLAUSE.exec(input);
  if (m === null) {
    const op = /^[^0-9A-Za-z\s.*]*/.exec(input)?.[0] ?? "";
    throw new ConstraintSyntaxError(text, `no version after ${JSON.stringify(op || input)}`);
  }
  const [whole, op, separator, numbersText, pre, meta] = m;
  if (op === "=<") throw new ConstraintSyntaxError(text, 'invalid operator "=<"; did you mean "<="?');
  if (op === "=>") throw new ConstraintSyntaxError(text, 'invalid operator "=>"; did you mean ">="?');
  if (!OPERATORS.includes(op === "" ? "=" : op)) throw new ConstraintSyntaxError(text, `invalid operator ${JSON.stringify(op)}`);
  if (separator.includes("v") || numbersText.startsWith("v")) throw new ConstraintSyntaxError(text, 'a "v" prefix is not allowed');
  if (separator.length > 0 && op === "") throw new ConstraintSyntaxError(text, "spaces before a version without an operator");
  if (separator.length > 1) throw new ConstraintSyntaxError(text, `only one space is allowed after the operator ${JSON.stringify(op)}`);
  const numbers = numbersText.split(".");
  if (numbers.some((n) => !/^(?:[0-9]+|[*xX])$/.test(n))) throw new ConstraintSyntaxError(text, `${JSON.stringify(numbersText)} is not a version`);
  if (numbers.length > 3) throw new ConstraintSyntaxError(text, `${JSON.stringify(numbersText)} has more than three numbers (major, minor, patch)`);
  if (numbers.some((n) => /^[*xX]$/.test(n))) throw new ConstraintSyntaxError(text, "wildcards are not allowed; leave out the numbers that may vary");
  const filled = [...numbers.map(decimal), "0", "0"].slice(0, 3).join(".");
  const version = `${filled}${pre ? `-${pre}` : ""}${meta ? `+${meta}` : ""}`;
  return { clause: { operator: (op === "" ? "=" : op) as Operator, version, numbers: numbers.length }, rest: input.slice(whole.length) };
}

const VERSION = /^([0-9]+)\.([0-9]+)\.([0-9]+)(?:-([0-9A-Za-z.-]*))?(?:\+([0-9A-Za-z.-]*))?$/;

/** A version `major.minor.patch[-pre][+meta]`, or undefined. */
function parseVersion(text: string): Version | undefined {
  const m = VERSION.exec(text);
  if (m === null) return undefined;
  return { major: decimal(m[1]), minor: decimal(m[2]), patch: decimal(m[3]), pre: m[4] ?? "", meta: m[5] ?? "" };
}

// Numbers as decimal strings, exact at any size without BigInt (which
// TypeScript configurations before ES2020, such as cdktf's project template,
// refuse in source).

/** The digits without leading zeros. */
function decimal(digits: string): string {
  return digits.replace(/^0+(?=\d)/, "");
}

/** Compares two decimals from {@link decimal}. */
function compareDecimal(a: string, b: string): number {
  if (a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The decimal plus one. */
function increment(n: string): string {
  const digits = n.split("");
  let i = digits.length - 1;
  while (i >= 0 && digits[i] === "9") digits[i--] = "0";
  if (i < 0) return `1${digits.join("")}`;
  digits[i] = String(Number(digits[i]) + 1);
  return digits.join("");
}

function versionOf(text: string): Version {
  const v = parseVersion(text);
  if (v === undefined) throw new Error(`${JSON.stringify(text)} is not a version (major.minor.patch[-pre-release][+metadata])`);
  return v;
}

function format(v: Version): string {
  return `${v.major}.${v.minor}.${v.patch}${v.pre === "" ? "" : `-${v.pre}`}${v.meta === "" ? "" : `+${v.meta}`}`;
}

/** Precedence, as go-versions orders versions (build metadata ignored). */
function compare(a: Version, b: Version): number {
  for (const key of ["major", "minor", "patch"] as const) {
    const cmp = compareDecimal(a[key], b[key]);
    if (cmp !== 0) return cmp;
  }
  if (a.pre === b.pre) return 0;
  if (a.pre === "") return 1;
  if (b.pre === "") return -1;
  const x = a.pre.split(".");
  const y = b.pre.split(".");
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    if (x[i] !== y[i]) return compareIdentifiers(x[i], y[i]);
  }
  return x.length - y.length;
}

/** Numeric identifiers first, by length then digits (so leading zeros count); others as strings. */
function compareIdentifiers(a: string, b: string): number {
  const numeric = (s: string) => /^[0-9]*$/.test(s);
  if (numeric(a) !== numeric(b)) return numeric(a) ? -1 : 1;
  if (numeric(a) && a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : 1;
}

/** The same version, build metadata included: what Terraform's `=` and `!=` compare. */
function identical(a: Version, b: Version): boolean {
  return compare(a, b) === 0 && a.pre === b.pre && a.meta === b.meta;
}

/** 0.0.0 is go-versions' "unspecified" version, which no constraint allows. */
function unspecified(v: Version): boolean {
  return v.major === "0" && v.minor === "0" && v.patch === "0" && v.pre === "" && v.meta === "";
}

interface Bound {
  readonly v: Version;
  readonly inclusive: boolean;
}

/** The interval one clause allows (`=` and `!=` compare whole versions instead; see meetsClause). */
function clauseBounds(c: ConstraintClause): { lower?: Bound; upper?: Bound } {
  // Build metadata counts only for = and !=.
  const v = { ...versionOf(c.version), meta: "" };
  switch (c.operator) {
    case "=":
      return { lower: { v, inclusive: true }, upper: { v, inclusive: true } };
    case ">":
      return { lower: { v, inclusive: false } };
    case ">=":
      return { lower: { v, inclusive: true } };
    case "<":
      return { upper: { v, inclusive: false } };
    case "<=":
      return { upper: { v, inclusive: true } };
    case "~>": {
      // The upper bound drops the pre-release: ~> 1.2.3-beta is < 1.3.0.
      const upper = c.numbers === 3 ? { ...v, minor: increment(v.minor), patch: "0", pre: "" } : { ...v, major: increment(v.major), minor: "0", patch: "0", pre: "" };
      return { lower: { v, inclusive: true }, upper: { v: upper, inclusive: false } };
    }
    case "!=":
      return {};
  }
}

/** Whether `version` meets the clause, before the pre-release rule. */
function meetsClause(version: Version, c: ConstraintClause): boolean {
  if (c.operator === "=") return identical(version, versionOf(c.version));
  if (c.operator === "!=") return !identical(version, versionOf(c.version));
  const { lower, upper } = clauseBounds(c);
  if (lower !== undefined && compare(version, lower.v) < (lower.inclusive ? 0 : 1)) return false;
  if (upper !== undefined && compare(version, upper.v) > (upper.inclusive ? 0 : -1)) return false;
  return true;
}

/**
 * Whether every one of `constraints` allows `version`, as Terraform decides:
 * every clause holds; a pre-release only when a clause names it with `=`;
 * never 0.0.0.
 */
export function allows(version: string, ...constraints: readonly VersionConstraint[]): boolean {
  return allowsVersion(versionOf(version), constraints);
}

function allowsVersion(v: Version, constraints: readonly VersionConstraint[]): boolean {
  const clauses = constraints.flatMap((c) => c.clauses);
  if (clauses.length > 0 && unspecified(v)) return false;
  if (!clauses.every((clause) => meetsClause(v, clause))) return false;
  return v.pre === "" || clauses.some((c) => c.operator === "=" && identical(v, versionOf(c.version)));
}

/**
 * The lowest version that all of `constraints` allow together, or undefined
 * when they allow none. Constraints are conjunctions, so passing several
 * intersects them: `lowestAllowed(user, parseConstraint(">= 5.20.0"))` is
 * the lowest version >= 5.20.0 the user's constraint allows.
 */
export function lowestAllowed(...constraints: readonly VersionConstraint[]): string | undefined {
  const clauses = constraints.flatMap((c) => c.clauses);
  // An = clause allows at most its own version.
  const exact = clauses.filter((c) => c.operator === "=").map((c) => versionOf(c.version));
  if (exact.length > 0) {
    const allowed = exact.filter((v) => allowsVersion(v, constraints)).sort(compare);
    return allowed.length > 0 ? format(allowed[0]) : undefined;
  }
  let lower: Bound | undefined;
  let upper: Bound | undefined;
  for (const clause of clauses) {
    const b = clauseBounds(clause);
    if (b.lower !== undefined && (lower === undefined || tighterLower(b.lower, lower))) lower = b.lower;
    if (b.upper !== undefined && (upper === undefined || tighterUpper(b.upper, upper))) upper = b.upper;
  }
  // Only releases remain (no = clause requests a pre-release): the lowest one
  // at or above the lower bound, then the next while != excludes it.
  // Inside the bounds, only a != clause or 0.0.0 can refuse a release, so a
  // step past each of them is enough.
  let release = lowestReleaseFrom(lower);
  for (let steps = 0; steps <= clauses.length + 1; steps++) {
    if (upper !== undefined && compare(release, upper.v) > (upper.inclusive ? 0 : -1)) return undefined;
    if (allowsVersion(release, constraints)) return format(release);
    release = { ...release, patch: increment(release.patch) };
  }
  return undefined;
}

function tighterLower(a: Bound, b: Bound): boolean {
  const cmp = compare(a.v, b.v);
  return cmp > 0 || (cmp === 0 && !a.inclusive && b.inclusive);
}

function tighterUpper(a: Bound, b: Bound): boolean {
  const cmp = compare(a.v, b.v);
  return cmp < 0 || (cmp === 0 && !a.inclusive && b.inclusive);
}

function lowestReleaseFrom(lower: Bound | undefined): Version {
  const zero: Version = { major: "0", minor: "0", patch: "0", pre: "", meta: "" };
  if (lower === undefined) return zero;
  const release = { ...lower.v, pre: "", meta: "" };
  // x.y.z-pre < x.y.z: the release itself is the next one above a pre-release.
  if (lower.v.pre !== "" || lower.inclusive) return release;
  return { ...release, patch: increment(release.patch) };
}

/**
 * The constraint's allowed versions in words, for messages: "6.4.0 up to
 * < 6.5.0", "5.14.0 and later", "only 5.14.0", "no version at all".
 */
export function describeAllowed(constraint: VersionConstraint): string {
  const lowest = lowestAllowed(constraint);
  if (lowest === undefined) return "no version at all";
  if (constraint.clauses.some((c) => c.operator === "=")) return `only ${lowest}`;
  let upper: Bound | undefined;
  for (const clause of constraint.clauses) {
    const b = clauseBounds(clause);
    if (b.upper !== undefined && (upper === undefined || tighterUpper(b.upper, upper))) upper = b.upper;
  }
  if (upper === undefined) return `${lowest} and later`;
  if (upper.inclusive && compare(upper.v, versionOf(lowest)) === 0) return `only ${lowest}`;
  return `${lowest} up to ${upper.inclusive ? "<=" : "<"} ${format(upper.v)}`;
}

// ---------------------------------------------------------------------------
// Assessing a stack's constraint

/** What a stack uses of a provider, for {@link assessConstraint}. */
export interface ProviderUse {
  readonly features?: readonly FeatureId[];
  readonly conditions?: readonly KnownBadCondition[];
}

/** The verdict on one provider's constraint. */
export interface ConstraintAssessment {
  /** Reasons to refuse the stack: a feature the constraint cannot provide, or a malformed constraint. */
  readonly errors: readonly string[];
  /** Known-bad versions the constraint allows, and a constraint outside the supported range. */
  readonly warnings: readonly string[];
}

/**
 * Checks a provider's version constraint (as written in `required_providers`)
 * against what the stack uses. `undefined` (no constraint: Terraform takes
 * the newest release) passes. Messages name the provider, both versions and
 * the remedy; the caller prefixes where the constraint comes from.
 */
export function assessConstraint(provider: ProviderName, constraintText: string | undefined, use: ProviderUse = {}): ConstraintAssessment {
  if (constraintText === undefined) return { errors: [], warnings: [] };
  const support = SUPPORTED[provider];
  let constraint: VersionConstraint;
  try {
    constraint = parseConstraint(constraintText);
  } catch (e) {
    if (!(e instanceof ConstraintSyntaxError)) throw e;
    return { errors: [`the ${provider} version constraint ${JSON.stringify(constraintText)} is not valid Terraform (${e.reason}); terraform init would refuse it.`], warnings: [] };
  }
  const quoted = `${provider} version constraint ${JSON.stringify(constraintText)}`;
  const errors: string[] = [];
  const warnings: string[] = [];
  const features = [...new Set([...BASELINE_FEATURES, ...(use.features ?? [])])].map((id) => FEATURES[id]);
  for (const feature of features) {
    if (feature.provider !== provider) continue;
    if (lowestAllowed(constraint, parseConstraint(`>= ${feature.minimum}`)) === undefined) {
      errors.push(
        `${feature.description} needs ${provider} >= ${feature.minimum}, but the ${quoted} allows ${describeAllowed(constraint)}. Allow ${provider} ${feature.minimum} or later (supported: ${support.constraint}).`,
      );
    }
  }
  if (errors.length > 0) return { errors, warnings };
  const supported = parseConstraint(`>= ${support.oldest}, <= ${support.newest}`);
  if (lowestAllowed(constraint, supported) === undefined) {
    warnings.push(
      `the ${quoted} allows ${describeAllowed(constraint)}, none of the versions this library is tested with (${support.oldest} to ${support.newest}). Use ${support.constraint}.`,
    );
  }
  const conditions = new Set<KnownBadCondition>(["always", ...(use.conditions ?? [])]);
  for (const bad of KNOWN_BAD) {
    if (bad.provider !== provider || !conditions.has(bad.condition)) continue;
    const first = lowestAllowed(constraint, parseConstraint(bad.versions));
    if (first === undefined) continue;
    warnings.push(
      `the ${quoted} allows ${provider} ${first}, one of the versions ${bad.versions} in which ${bad.problem}. Require ${provider} >= ${bad.fixedIn} (for example ${constraintExcluding(constraint, bad)}).`,
    );
  }
  return { errors, warnings };
}

/** A suggestion: the supported range from the fix on, when the user's constraint is within it. */
function constraintExcluding(constraint: VersionConstraint, bad: KnownBadVersions): string {
  const support = SUPPORTED[bad.provider];
  const fixed = parseConstraint(`>= ${bad.fixedIn}`);
  if (lowestAllowed(constraint, fixed) !== undefined) return `"${constraint.text}, >= ${bad.fixedIn}"`;
  return `">= ${bad.fixedIn}, <= ${support.newest}"`;
}

// ---------------------------------------------------------------------------
// The supported range (after the parser: the default constraints are computed)

/** A provider's range with the versions bad for every stack left out, as a constraint. */
function defaultConstraint(provider: ProviderName, oldest: string, newest: string): string {
  const clauses = [`>= ${oldest}`, `<= ${newest}`];
  for (const bad of KNOWN_BAD) {
    if (bad.provider !== provider || bad.condition !== "always") continue;
    const range = parseConstraint(bad.versions);
    // Every release of the bad range inside ours, listed with != (Terraform
    // has no "or"); such a range must be a few patch releases.
    let v = lowestAllowed(range, parseConstraint(`>= ${oldest}, <= ${newest}`));
    while (v !== undefined) {
      clauses.push(`!= ${v}`);
      if (clauses.length > 12) throw new Error(`${bad.id}: a known-bad range that hits every stack must be a few patch releases, not ${bad.versions}`);
      v = lowestAllowed(range, parseConstraint(`> ${v}, <= ${newest}`));
    }
  }
  return clauses.join(", ");
}

/** The supported versions of each provider. */
export const SUPPORTED: Readonly<Record<ProviderName, ProviderSupport>> = {
  okta: support("okta", "okta/okta", "4.20.0", "6.12.0"),
  cloudflare: support("cloudflare", "cloudflare/cloudflare", "5.14.0", "5.22.0"),
};

/** A provider's support, its default constraint computed on first use. */
function support(name: ProviderName, source: string, oldest: string, newest: string): ProviderSupport {
  let constraint: string | undefined;
  return {
    name,
    source,
    oldest,
    newest,
    get constraint(): string {
      return (constraint ??= defaultConstraint(name, oldest, newest));
    },
  };
}

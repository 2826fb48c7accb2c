/**
 * Provider versions in the review: a change to `terraform.required_providers`
 * (a provider's source or version constraint) is a finding of its own kind,
 * `provider`, with before and after; and version-specific advice (the SCIM
 * toggle bug of cloudflare < 5.20.0) follows the constraint the head's stack
 * declares, so a constraint that rules the affected versions out gets none.
 *
 * Constraints are evaluated by the project's shared module of provider
 * versions, behind {@link VersionConstraints}.
 */
import { allows, parseConstraint } from "../private/provider-versions";
import { FindingInput } from "./findings";
import { StackIndex } from "./stack-index";
import { literal } from "./text";

/** How the review reads a Terraform version constraint. */
export interface VersionConstraints {
  /** True when the constraint admits the version; undefined when it cannot be read. */
  allows(constraint: string, version: string): boolean | undefined;
}

type Version = readonly [number, number, number, string];

function parseVersion(text: string): { version: Version; parts: number } | undefined {
  const m = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/.exec(text.trim());
  if (m === null) return undefined;
  const parts = m[3] !== undefined ? 3 : m[2] !== undefined ? 2 : 1;
  return { version: [Number(m[1]), Number(m[2] ?? 0), Number(m[3] ?? 0), m[4] ?? ""], parts };
}

function compare(a: Version, b: Version): number {
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return (a[i] as number) - (b[i] as number);
  // A pre-release comes before its release.
  if (a[3] === b[3]) return 0;
  if (a[3] === "") return 1;
  if (b[3] === "") return -1;
  return a[3] < b[3] ? -1 : 1;
}

/**
 * Terraform's version constraints as Terraform reads them: the project's
 * shared module (src/private/provider-versions.ts, checked against
 * Terraform's own go-versions by `npm run test:constraints`). A constraint
 * or version it cannot read is undefined.
 */
export const TERRAFORM_CONSTRAINTS: VersionConstraints = {
  allows(constraint, versionText) {
    try {
      return allows(versionText.trim(), parseConstraint(constraint));
    } catch {
      return undefined;
    }
  },
};

/** Provider releases the advice is checked against (the tags of each provider's repository). */
const RELEASES: ReadonlyMap<string, readonly string[]> = new Map([
  [
    "cloudflare/cloudflare",
    ["5.0.0", "5.1.0", "5.2.0", "5.3.0", "5.4.0", "5.5.0", "5.6.0", "5.7.0", "5.7.1", "5.8.0", "5.8.1", "5.8.2", "5.8.3", "5.8.4", "5.9.0", "5.10.0", "5.10.1", "5.11.0", "5.12.0", "5.13.0", "5.14.0", "5.15.0", "5.16.0", "5.17.0", "5.18.0", "5.19.0", "5.19.1", "5.20.0", "5.21.0", "5.21.1", "5.22.0"],
  ],
  [
    "okta/okta",
    ["4.10.0", "4.11.0", "4.11.1", "4.12.0", "4.13.0", "4.13.1", "4.14.0", "4.14.1", "4.15.0", "4.16.0", "4.17.0", "4.18.0", "4.19.0", "4.20.0", "5.0.0", "5.1.0", "5.2.0", "5.3.0", "5.4.0", "6.0.0", "6.1.0", "6.2.0", "6.3.0", "6.4.0", "6.5.0", "6.5.1", "6.5.2", "6.5.3", "6.5.4", "6.5.5", "6.6.0", "6.6.1", "6.7.0", "6.8.0", "6.9.0", "6.10.0", "6.11.0", "6.12.0"],
  ],
]);

/** A provider requirement of a stack. */
export interface RequiredProvider {
  readonly source?: string;
  readonly version?: string;
}

/** The registry address a source names (`registry.terraform.io/` and case dropped), or the local name's default. */
function sourceOf(name: string, p: RequiredProvider | undefined): string {
  const source = (p?.source ?? `hashicorp/${name}`).toLowerCase();
  return source.replace(/^registry\.(terraform|opentofu)\.io\//, "");
}

/** The requirement for a provider source in a stack, or undefined when the stack does not declare it. */
export function requirementOf(index: StackIndex, source: string): RequiredProvider | undefined {
  for (const [name, p] of index.requiredProviders) if (sourceOf(name, p) === source) return p;
  return undefined;
}

/**
 * Releases of a provider a stack may install: the known releases its
 * constraint admits (all of them without a constraint); undefined when the
 * constraint cannot be read.
 */
export function admittedReleases(index: StackIndex, source: string, constraints: VersionConstraints = TERRAFORM_CONSTRAINTS): string[] | undefined {
  const releases = RELEASES.get(source) ?? [];
  const constraint = requirementOf(index, source)?.version;
  if (constraint === undefined || constraint.trim() === "") return [...releases];
  const admitted: string[] = [];
  for (const r of releases) {
    const ok = constraints.allows(constraint, r);
    if (ok === undefined) return undefined;
    if (ok) admitted.push(r);
  }
  return admitted;
}

/** True when the stack may install a release of `source` below `fixed` (or its constraint cannot be read). */
export function mayUseBelow(index: StackIndex, source: string, fixed: string, constraints: VersionConstraints = TERRAFORM_CONSTRAINTS): boolean {
  const admitted = admittedReleases(index, source, constraints);
  if (admitted === undefined) return true;
  const bound = parseVersion(fixed)?.version;
  return bound === undefined || admitted.some((r) => compare(parseVersion(r)?.version ?? [0, 0, 0, ""], bound) < 0);
}

/** What moving a provider past a release means, for the finding's hint. */
const VERSION_NOTES: readonly { readonly source: string; readonly from: string; readonly note: string }[] = [
  { source: "cloudflare/cloudflare", from: "5.17.0", note: "cloudflare 5.17 to 5.19 upgrade the Access resources' state schema, one way: after an apply with them, 5.14 cannot read that state (keep a state backup before the first apply)" },
  { source: "cloudflare/cloudflare", from: "5.20.0", note: "cloudflare 5.20.0 fixes turning SCIM on for an existing identity provider" },
  { source: "okta/okta", from: "5.0.0", note: "okta 5.x and 6.x are refactors of the provider: plan before applying" },
  { source: "okta/okta", from: "6.0.0", note: "okta 6.x deprecates okta_app_oauth.groups_claim and still skips it under OAuth 2.0 API authentication; an app the API no longer finds is an error, not a removal" },
];

/** Findings of kind `provider`: every required provider whose source or constraint changes. */
export function providerChanges(base: StackIndex, head: StackIndex): FindingInput[] {
  const found: FindingInput[] = [];
  const names = [...new Set([...base.requiredProviders.keys(), ...head.requiredProviders.keys()])].sort();
  for (const name of names) {
    const b = base.requiredProviders.get(name);
    const h = head.requiredProviders.get(name);
    if (b?.source === h?.source && b?.version === h?.version && (b === undefined) === (h === undefined)) continue;
    const parts: string[] = [];
    if (b === undefined) parts.push("newly required");
    else if (h === undefined) parts.push("no longer required");
    if (b !== undefined && h !== undefined && b.source !== h.source) parts.push(`source ${literal(b.source ?? "(none)")} → ${literal(h.source ?? "(none)")}`);
    if (b?.version !== h?.version) parts.push(`version ${literal(b?.version ?? "(any)")} → ${literal(h?.version ?? "(any)")}`);
    const source = sourceOf(name, h ?? b);
    const notes = VERSION_NOTES.filter((n) => n.source === source && crosses(base, head, source, n.from)).map((n) => n.note);
    found.push({
      kind: "provider",
      stack: head.name,
      message: `required provider ${literal(name)}: ${parts.join(", ")}`,
      impact: "Terraform installs another provider release on the next init: what each resource's arguments mean, and how its state is read, may change with it.",
      hint: notes.length > 0 ? `${notes.join("; ")}.` : undefined,
    });
  }
  return found;
}

/** True when the base may install a release below `from` and the head one at or above it. */
function crosses(base: StackIndex, head: StackIndex, source: string, from: string): boolean {
  const bound = parseVersion(from)?.version;
  const before = admittedReleases(base, source);
  const after = admittedReleases(head, source);
  if (bound === undefined || before === undefined || after === undefined) return true;
  const below = (r: string) => compare(parseVersion(r)?.version ?? [0, 0, 0, ""], bound) < 0;
  return before.some(below) && after.some((r) => !below(r));
}

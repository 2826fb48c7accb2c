/**
 * Findings: what the reviewer must look at, of a closed set of kinds. One
 * table gives each kind its rank (most urgent first), its Markdown section
 * title and its meaning for `--fail-on`; the Markdown renderer walks this
 * table, so a new kind cannot silently drop out of the comment.
 */
import { createHash } from "node:crypto";

/** The kinds of findings, as `--fail-on` and the JSON output name them. */
export type FindingKind = "secret" | "error" | "replace" | "adoption" | "remove" | "undecided" | "widen" | "narrow" | "provider" | "session" | "warning" | "check";

/** What a kind means. */
export interface FindingKindInfo {
  /** 0 most urgent. */
  readonly rank: number;
  /** The Markdown section title. */
  readonly title: string;
  /** For `--help` and the README. */
  readonly meaning: string;
  /**
   * `--fail-on` fails on a finding of this kind when it lists this kind or
   * the kind named here: "cannot tell" (`undecided`) counts as `widen`, so a
   * review that could not decide never passes a gate on widening.
   */
  readonly countsAs?: FindingKind;
}

/** Every kind, with its rank and title. */
export const FINDING_KINDS: { readonly [K in FindingKind]: FindingKindInfo } = {
  secret: { rank: 0, title: "⛔ Literal secrets", meaning: "a literal secret in the synthesized JSON" },
  error: { rank: 1, title: "⛔ Synth errors", meaning: "an error the construct recorded at synth (cdktf manifest)" },
  replace: { rank: 2, title: "⚠️ Replacements", meaning: "a resource destroyed and re-created" },
  adoption: { rank: 2.5, title: "⚠️ Adoption risks", meaning: "an adopted (imported) resource that the plan would also replace, or a client secret it would blank or change, or an identity provider or Okta app it would replace" },
  remove: { rank: 3, title: "⚠️ Removals", meaning: "a resource or stack deleted" },
  undecided: {
    rank: 3.5,
    title: "❓ Cannot tell",
    meaning:
      "something the review could not decide: who a change lets in when it depends on a value known only at plan time, a rule, group or policy the stack does not hold, or a bound of the review reached on a hostile or huge input; counts as widen for --fail-on",
    countsAs: "widen",
  },
  widen: { rank: 4, title: "⚠️ Access widens", meaning: "a change that lets more people in, or for longer, or leaves a hostname unprotected, or an identity provider that trusts another Okta org, client or claim" },
  narrow: { rank: 5, title: "⚠️ May lock people out", meaning: "a change that lets fewer people in, or for shorter (a narrowed groups claim, a new exclude)" },
  provider: { rank: 5.5, title: "📦 Provider versions", meaning: "a change to required_providers: a provider's source or version constraint" },
  session: { rank: 6, title: "⏱️ Sessions", meaning: "a policy session longer than its application's, or left to the provider's 24h" },
  warning: { rank: 7, title: "⚠️ Synth warnings", meaning: "a warning the construct recorded at synth (cdktf manifest)" },
  check: { rank: 8, title: "🔎 Checks", meaning: "legal configuration that will not do what it seems to" },
};

/** The kinds, most urgent first. */
export const FINDING_KIND_ORDER: readonly FindingKind[] = (Object.keys(FINDING_KINDS) as FindingKind[]).sort(
  (a, b) => FINDING_KINDS[a].rank - FINDING_KINDS[b].rank,
);

/** True when `--fail-on` with `failOn` fails on a finding of `kind` (its own kind listed, or the kind it counts as). */
export function failsOn(kind: FindingKind, failOn: ReadonlySet<FindingKind>): boolean {
  const countsAs = FINDING_KINDS[kind].countsAs;
  return failOn.has(kind) || (countsAs !== undefined && failOn.has(countsAs));
}

/** True for a kind name (input from `--fail-on`). */
export function isFindingKind(name: string): name is FindingKind {
  return (FINDING_KIND_ORDER as readonly string[]).includes(name);
}

/** Something the reviewer must look at. */
export interface ReviewWarning {
  /** Stable for the same finding on the same input: kind, stack, address and message hashed. */
  readonly id: string;
  readonly kind: FindingKind;
  readonly stack?: string;
  readonly address?: string;
  readonly constructPath?: string;
  /** What happens. */
  readonly message: string;
  /** What it means for users, for replacements and removals. */
  readonly impact?: string;
  /** What to do about it, when there is a usual fix. */
  readonly hint?: string;
}

/** A finding before it gets its id. */
export type FindingInput = Omit<ReviewWarning, "id">;

/** Gives a finding its stable id: `<kind>-<12 hex digits>`. */
export function withId(finding: FindingInput): ReviewWarning {
  const hash = createHash("sha256")
    .update(JSON.stringify([finding.kind, finding.stack ?? "", finding.address ?? "", finding.message]))
    .digest("hex")
    .slice(0, 12);
  return { id: `${finding.kind}-${hash}`, ...finding };
}

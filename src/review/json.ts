/**
 * The JSON renderer, for tools and CI steps that post-process the review. The
 * shape is versioned by `format`; secret values are never in it (the model
 * never keeps them).
 */
import { ReviewResult } from "./review";
import { plainText } from "./text";
import { escapeControls } from "../private/controls";

/**
 * The `format` field of the JSON output. Bump on incompatible changes.
 * review@2: warnings have a stable `id`; kinds are the `--fail-on` names
 * (`replace`, `remove`, `widen`, `narrow`, `session`, `error`, `warning`
 * besides `secret` and `check`); `failedOn`; applications carry their
 * effective session; the construct's synth-time warnings and errors
 * (cdktf manifest) are findings of kind `warning` and `error`; `access`: who
 * gets into which application, before and after, with a verdict per
 * application (`widens`, `narrows`, `widens and narrows`, `unchanged`, `new`,
 * `removed`) and their counts, the table the Markdown review leads with.
 * Since (additive, same version): findings of kind `undecided` ("cannot
 * tell": a bound of the review reached), which `failedOn` lists when
 * `--fail-on widen` failed on them.
 *
 * review@3 (issue 24: who gets in is decided by evaluation):
 * - `undecided` ("cannot tell") also for what the comparison cannot decide:
 *   who a change lets in when it depends on a value known only at plan
 *   time, a rule, Access group or policy the stack does not hold, or a
 *   comparison that ran out of its steps; a new kind `provider` (a change to
 *   `required_providers`, before and after); `widen` and `narrow` findings
 *   name the identities that now get in, or no longer do, instead of the
 *   rule that changed;
 * - `access.rows[].changes`: what changes for the application, each
 *   `{ kind: "widen" | "narrow" | "undecided", aspect: "admission" |
 *   "session" | "hostname" | "identity provider" | "groups claim" |
 *   "sign-in", stack, address, constructPath?, message, who?, hint? }`; every
 *   one is also a finding (same kind and message). `access.changes`: every
 *   change once, the identity providers' included;
 * - `access.rows[].verdict` adds `cannot tell` and `no longer managed` (a stack
 *   no longer synthesized: its resources stay deployed); a `removed` row widens
 *   when it leaves a hostname unprotected (its `changes` say so);
 * - `access.counts` adds `cannotTell`; `widens` counts rows with a widening
 *   change (removed ones included);
 * - `AccessState` (`before` / `after`) drops `restrictions` (the count of
 *   require, exclude and deny rules, which decided nothing);
 * - `stacks[].accessApplications[]`: `domains` lower case (as compared);
 *   policies in evaluation order, with the precedence the list position
 *   gives when none is written; an inline policy is named `inline policy <n>`.
 */
export const JSON_FORMAT = "cdktf-okta-access/review@3";

/** Renders a review as indented JSON. */
export function renderJson(result: ReviewResult): string {
  const output = {
    format: JSON_FORMAT,
    exitCode: result.exitCode,
    failedOn: result.failedOn,
    literalSecrets: result.literalSecrets.map(({ stack, block, attribute, constructPath }) => ({ stack, block, attribute, constructPath })),
    access: result.access,
    adopted: result.adopted,
    warnings: result.warnings,
    stacks: result.stacks,
    diff: result.diff,
    plan: result.plan,
  };
  // Values inside messages are marked for the renderers (text.ts); in JSON they are in backticks.
  // JSON.stringify escapes C0 controls; DEL, C1 and bidi controls from the input are escaped too (the same values).
  return `${escapeControls(JSON.stringify(output, (_key, value: unknown) => (typeof value === "string" ? plainText(value) : value), 2))}\n`;
}

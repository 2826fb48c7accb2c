/**
 * The JSON renderer, for tools and CI steps that post-process the review. The
 * shape is versioned by `format`; secret values are never in it (the model
 * never keeps them).
 */
import { ReviewResult } from "./review";
import { plainText } from "./text";

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
 */
export const JSON_FORMAT = "cdktf-okta-access/review@2";

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
  return `${JSON.stringify(output, (_key, value: unknown) => (typeof value === "string" ? plainText(value) : value), 2)}\n`;
}

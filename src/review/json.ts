/**
 * The JSON renderer, for tools and CI steps that post-process the review. The
 * shape is versioned by `format`; secret values are never in it (the model
 * never keeps them).
 */
import { ReviewResult } from "./review";

/** The `format` field of the JSON output. Bump on incompatible changes. */
export const JSON_FORMAT = "cdktf-okta-access/review@1";

/** Renders a review as indented JSON. */
export function renderJson(result: ReviewResult): string {
  const output = {
    format: JSON_FORMAT,
    exitCode: result.exitCode,
    literalSecrets: result.literalSecrets.map(({ stack, block, attribute, constructPath }) => ({ stack, block, attribute, constructPath })),
    warnings: result.warnings,
    stacks: result.stacks,
    diff: result.diff,
    plan: result.plan,
  };
  return `${JSON.stringify(output, null, 2)}\n`;
}

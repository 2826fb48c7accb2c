/**
 * The review tool's programmatic API (not part of the jsii library API: the
 * package root, `src/index.ts`, does not export it). Use it from Node:
 *
 *   const { review, renderMarkdown } = require("cdktf-okta-cloudflare-access/lib/review");
 *   const result = review("cdktf.out", { base: "base/cdktf.out" });
 */
export { main } from "./cli";
export type { CliIo } from "./cli";
export { ReviewInputError } from "./errors";
export { renderJson, JSON_FORMAT } from "./json";
export { renderMarkdown } from "./markdown";
export { review } from "./review";
export type { ReviewOptions, ReviewResult } from "./review";
export { FINDING_KINDS } from "./findings";
export type { FindingKind, ReviewWarning } from "./findings";

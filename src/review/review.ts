/**
 * The review: loads the head (and optionally the base and a plan), extracts
 * the model of every stack, runs the checks, diffs, and collects warnings.
 * This is the function to call from code (benchmarks, other tools); the CLI
 * only parses arguments and renders its result.
 */
import { checkStack } from "./checks";
import { DiffResult, diffOutputs } from "./diff";
import { loadSynthOutput } from "./load";
import { extractStack, indexStack, StackReview } from "./model";
import { loadPlan, PlanSummary } from "./plan";
import { removalImpact, replacementImpact, severity } from "./replacement";
import { typeOfAddress } from "./terraform-json";
import { findLiteralSecrets, LiteralSecret } from "./secrets";
import { findWidenings } from "./widening";

/** Options of {@link review}. */
export interface ReviewOptions {
  /** The base branch's synth output, to show what changed. */
  readonly base?: string;
  /** A plan from `terraform show -json`, to summarize. */
  readonly plan?: string;
  /** The largest input file read, in bytes (default 64 MiB). */
  readonly maxFileSize?: number;
}

/** Kinds of warnings, most urgent first. */
export type WarningKind = "secret" | "replacement" | "removal" | "widening" | "check";

/** Something the reviewer must look at. */
export interface ReviewWarning {
  readonly kind: WarningKind;
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

/** The result of a review. */
export interface ReviewResult {
  readonly stacks: StackReview[];
  /** Places where the head's JSON holds a literal secret (values never kept). */
  readonly literalSecrets: LiteralSecret[];
  readonly warnings: ReviewWarning[];
  /** Present with `base`. */
  readonly diff?: DiffResult;
  /** Present with `plan`. */
  readonly plan?: PlanSummary;
  /** 2 when a literal secret was found, else 0. */
  readonly exitCode: number;
}

/**
 * Reviews a synth output (a `cdktf.out` directory, a stack directory or a
 * Terraform JSON file). Throws `ReviewInputError` on bad input.
 */
export function review(dir: string, options: ReviewOptions = {}): ReviewResult {
  const limits = { maxFileSize: options.maxFileSize };
  const head = loadSynthOutput(dir, "cdktf output", limits);
  const base = options.base !== undefined ? loadSynthOutput(options.base, "--base", limits) : undefined;
  const plan = options.plan !== undefined ? loadPlan(options.plan, limits) : undefined;

  const headIndexes = head.stacks.map(indexStack);
  const stacks = headIndexes.map(extractStack);
  const checks = stacks.flatMap((s, i) => checkStack(s, headIndexes[i]));
  const literalSecrets = head.stacks.flatMap(findLiteralSecrets);
  const warnings: ReviewWarning[] = [];

  for (const s of literalSecrets) {
    warnings.push({
      kind: "secret",
      stack: s.stack,
      address: s.block,
      constructPath: s.constructPath,
      message: `\`${s.attribute}\` of \`${s.block}\` holds a literal secret instead of a Terraform reference: ${s.reason}`,
      hint: "Pass secrets by reference (e.g. okta_app_oauth.client_secret) or from the environment, and rotate this one: it is in the synthesized JSON and maybe in git history.",
    });
  }

  let diff: DiffResult | undefined;
  if (base !== undefined) {
    const result = diffOutputs(base.stacks.map(indexStack), headIndexes);
    diff = result.diff;
    for (const stack of diff.stacks) {
      if (stack.renamedFrom !== undefined) {
        warnings.push({
          kind: "replacement",
          stack: stack.name,
          message: `stack \`${stack.renamedFrom}\` seems renamed to \`${stack.name}\``,
          impact: "A stack has its own Terraform state: the new stack creates every resource a second time (a second Okta app, with a new client secret), and the old stack's resources stay until it is destroyed.",
          hint: "Keep the stack id, or move the state on purpose.",
        });
      } else if (stack.status === "removed") {
        warnings.push({
          kind: "removal",
          stack: stack.name,
          message: `stack \`${stack.name}\` is no longer synthesized`,
          impact: "Its resources stay deployed, unmanaged by this code, until someone runs `cdktf destroy` for that stack.",
        });
      }
      for (const change of stack.changes) {
        if (change.mode !== "managed") continue;
        if (change.action === "replace") {
          const rename = change.likelyRename
            ? `\`${change.previousAddress ?? "?"}\`${change.previousConstructPath ? ` (\`${change.previousConstructPath}\`)` : ""} is removed and \`${change.address}\`${change.constructPath ? ` (\`${change.constructPath}\`)` : ""} is added with the same content: most likely a renamed construct id. Terraform does not follow renames: it replaces the resource`
            : `\`${change.address}\` is replaced: ${change.replaceReasons.join("; ")}`;
          warnings.push({
            kind: "replacement",
            stack: stack.name,
            address: change.address,
            constructPath: change.constructPath,
            message: rename,
            impact: replacementImpact(change.type),
            hint: change.likelyRename
              ? `Keep the old construct id, or declare the move: \`resource.moveFromId("${change.previousAddress ?? ""}")\` in cdktf (a Terraform moved block).`
              : undefined,
          });
        } else if (change.action === "delete" && stack.status !== "removed") {
          const impact = removalImpact(change.type);
          if (impact !== undefined) {
            warnings.push({ kind: "removal", stack: stack.name, address: change.address, constructPath: change.constructPath, message: `\`${change.address}\` is deleted`, impact });
          }
        }
      }
    }
    for (const pair of result.pairs) {
      for (const w of findWidenings(pair.base, pair.head, pair.headToBase)) {
        warnings.push({ kind: "widening", stack: w.stack, address: w.address, constructPath: w.constructPath, message: w.message });
      }
    }
  }

  if (plan !== undefined) {
    for (const change of plan.changes) {
      if (change.action !== "replace" && change.action !== "delete") continue;
      const impact = change.action === "replace" ? replacementImpact(change.type) : removalImpact(change.type);
      if (change.action === "delete" && impact === undefined) continue;
      const why = change.replacePaths.length > 0 ? ` (forced by ${change.replacePaths.map((p) => `\`${p}\``).join(", ")})` : "";
      warnings.push({
        kind: change.action === "replace" ? "replacement" : "removal",
        address: change.address,
        message: `the plan ${change.action === "replace" ? "replaces" : "deletes"} \`${change.address}\`${why}`,
        impact,
      });
    }
  }

  for (const c of checks) warnings.push({ kind: "check", stack: c.stack, address: c.address, constructPath: c.constructPath, message: c.message });

  const rank: { [kind in WarningKind]: number } = { secret: 0, replacement: 1, removal: 2, widening: 3, check: 4 };
  // Most urgent kind first; within replacements and removals, what hurts users most first.
  const weight = (w: ReviewWarning) => (w.kind === "replacement" || w.kind === "removal") && w.address !== undefined ? severity(typeOfAddress(w.address)) : 0;
  const ordered = warnings
    .map((w, i) => ({ w, i }))
    .sort((a, b) => rank[a.w.kind] - rank[b.w.kind] || weight(a.w) - weight(b.w) || a.i - b.i)
    .map((x) => x.w);
  return { stacks, literalSecrets, warnings: ordered, diff, plan, exitCode: literalSecrets.length > 0 ? 2 : 0 };
}

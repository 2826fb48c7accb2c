/**
 * The review: loads the head (and optionally the base and a plan), extracts
 * the model of every stack, runs the checks, diffs, and collects warnings.
 * This is the function to call from code (benchmarks, other tools); the CLI
 * only parses arguments and renders its result.
 */
import { Budget, BudgetLimits, Exhaustion, limitsFor, withBudget } from "../private/budget";
import { AccessSummary, accessSummary } from "./access-compare";
import { accessModel } from "./access-model";
import { AdoptedObject, adoptedObjects, staticAdoptionWarnings } from "./adoption";
import { checkStack } from "./checks";
import { redactDeep } from "./credentials";
import { literal } from "./text";
import { failsOn, FINDING_KIND_ORDER, FINDING_KINDS, FindingInput, FindingKind, ReviewWarning, withId } from "./findings";
import { DiffResult, diffOutputs } from "./diff";
import { LoadedOutput, loadSynthOutput } from "./load";
import { extractStack } from "./extract";
import { StackReview } from "./review-model";
import { indexStack, StackIndex } from "./stack-index";
import { loadPlan, PlanSummary } from "./plan";
import { removalImpact, replacementImpact, severity } from "./resource-types";
import { typeOfAddress } from "./terraform-json";
import { findLiteralSecrets, LiteralSecret, MASK } from "./secrets";
import { mayUseBelow, providerChanges } from "./provider-versions";

/** Options of {@link review}. */
export interface ReviewOptions {
  /** The base branch's synth output, to show what changed. */
  readonly base?: string;
  /** A plan from `terraform show -json`, to summarize. */
  readonly plan?: string;
  /** Kinds of findings that make the review exit 3 (`--fail-on`); `widen` includes `undecided` (cannot tell). */
  readonly failOn?: readonly FindingKind[];
  /** The largest input file read, in bytes (default 64 MiB). */
  readonly maxFileSize?: number;
  /**
   * The review's work limits (regex steps, evaluation steps, sizes of
   * values), instead of the defaults for the input's size
   * (`../private/budget.ts`). A limit reached gives an `undecided` finding.
   */
  readonly limits?: Partial<BudgetLimits>;
}

export type { FindingKind, ReviewWarning };

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
  /** Who gets into which application, before and after (with `base`) or today: the verdict. */
  readonly access: AccessSummary;
  /** The head's import blocks: existing objects adopted, not created. */
  readonly adopted: AdoptedObject[];
  /** 2 when a literal secret was found; else 3 when a finding of a `failOn` kind exists; else 0. */
  readonly exitCode: number;
  /** The kinds of the findings that made the review exit 3: kinds of `failOn`, and `undecided` when `failOn` has `widen`. */
  readonly failedOn: FindingKind[];
  /** Bounds of the review reached on this input (the work budget): each is also an `undecided` finding. Empty when the review decided everything. */
  readonly bounds: Exhaustion[];
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
  // One budget for the whole run: every evaluation and regex match below spends from it.
  const budget = new Budget(limitsFor(inputSize(head) + (base !== undefined ? inputSize(base) : 0), options.limits));
  return withBudget(budget, () => reviewLoaded(head, base, plan, options, budget));
}

function inputSize(output: LoadedOutput): number {
  return output.stacks.reduce((n, s) => n + (s.size ?? 0), 0);
}

function reviewLoaded(head: LoadedOutput, base: LoadedOutput | undefined, loadedPlan: PlanSummary | undefined, options: ReviewOptions, budget: Budget): ReviewResult {
  const headIndexes = head.stacks.map(indexStack);
  const plan = loadedPlan !== undefined ? withSecretArguments(loadedPlan, headIndexes) : undefined;

  const stacks = headIndexes.map(extractStack);
  const checks = stacks.flatMap((s, i) => checkStack(s, headIndexes[i]));
  const literalSecrets = head.stacks.flatMap((stack, i) => findLiteralSecrets(stack, headIndexes[i].constants.scope));
  const warnings: FindingInput[] = [];

  for (const s of literalSecrets) {
    warnings.push({
      kind: "secret",
      stack: s.stack,
      address: s.block,
      constructPath: s.constructPath,
      message: `${literal(s.attribute)} of ${literal(s.block)} holds a literal secret instead of a Terraform reference: ${s.reason}`,
      hint: "Pass secrets by reference (e.g. okta_app_oauth.client_secret) or from the environment, and rotate this one: it is in the synthesized JSON and maybe in git history.",
    });
  }

  let diff: DiffResult | undefined;
  let comparison: Parameters<typeof accessSummary>[1];
  if (base !== undefined) {
    const baseIndexes = base.stacks.map(indexStack);
    const result = diffOutputs(baseIndexes, headIndexes);
    comparison = { stacks: baseIndexes, pairs: result.pairs };
    diff = result.diff;
    for (const stack of diff.stacks) {
      if (stack.renamedFrom !== undefined) {
        warnings.push({
          kind: "replace",
          stack: stack.name,
          message: `stack ${literal(stack.renamedFrom)} seems renamed to ${literal(stack.name)}`,
          impact: "A stack has its own Terraform state: the new stack creates every resource a second time (a second Okta app, with a new client secret), and the old stack's resources stay until it is destroyed.",
          hint: "Keep the stack id, or move the state on purpose.",
        });
      } else if (stack.status === "removed") {
        warnings.push({
          kind: "remove",
          stack: stack.name,
          message: `stack ${literal(stack.name)} is no longer synthesized`,
          impact: "Its resources stay deployed, unmanaged by this code, until someone runs `cdktf destroy` for that stack.",
        });
      }
      for (const config of stack.configChanges) {
        const org = config.kind === "provider" && /^okta(\.|$)/.test(config.name) ? config.attributes.filter((a) => /\.(org_name|base_url)$/.test(a.attribute)) : [];
        if (org.length === 0) continue;
        warnings.push({
          kind: "replace",
          stack: stack.name,
          message: `the Okta provider ${literal(config.name)} points at another Okta org: ${org.map((a) => `${literal(a.attribute.split(".").pop() ?? "")} ${literal(a.before ?? "(none)")} → ${literal(a.after ?? "(none)")}`).join(", ")}`,
          impact:
            "Every Okta resource of the stack is managed in the new org from the next apply: Terraform looks its resources up there by id, finds none, and creates them anew (a new Okta app with a new client secret, new assignments), while the old org's resources stay, unmanaged.",
          hint: "If the org really moves, import the new org's resources or plan the cut-over; if not, keep org_name and base_url.",
        });
      }
      for (const change of stack.changes) {
        if (change.mode !== "managed") continue;
        if (change.action === "replace") {
          const rename = change.likelyRename
            ? `${literal(change.previousAddress ?? "?")}${change.previousConstructPath ? ` (${literal(change.previousConstructPath)})` : ""} is removed and ${literal(change.address)}${change.constructPath ? ` (${literal(change.constructPath)})` : ""} is added with the same content: most likely a renamed construct id. Terraform does not follow renames: it replaces the resource`
            : `${literal(change.address)} is replaced: ${change.replaceReasons.join("; ")}`;
          warnings.push({
            kind: "replace",
            stack: stack.name,
            address: change.address,
            constructPath: change.constructPath,
            message: rename,
            impact: replacementImpact(change.type),
            hint: change.likelyRename ? moveHint(change.constructPath, change.previousAddress ?? "", change.address) : undefined,
          });
        } else if (change.action === "delete" && stack.status !== "removed") {
          const impact = removalImpact(change.type);
          if (impact !== undefined) {
            warnings.push({ kind: "remove", stack: stack.name, address: change.address, constructPath: change.constructPath, message: `${literal(change.address)} is deleted`, impact });
          }
        }
      }
    }
    for (const pair of result.pairs) {
      warnings.push(...providerChanges(pair.base, pair.head), ...scimAdvice(pair.base, pair.head, pair.headToBase));
    }
  }

  // Who gets in: the access table and the widen / narrow / undecided findings, from one comparison.
  const access = accessSummary(headIndexes, comparison);
  for (const c of access.changes) {
    warnings.push({ kind: c.kind, stack: c.stack, address: c.address, constructPath: c.constructPath, message: c.message, hint: c.hint });
  }
  for (const index of headIndexes) {
    for (const n of accessModel(index).notes) warnings.push({ kind: "check", stack: index.name, address: n.address, constructPath: index.byAddress.get(n.address)?.constructPath, message: n.message });
  }

  if (plan !== undefined) {
    for (const change of plan.changes) {
      if (change.action !== "replace" && change.action !== "delete") continue;
      const impact = change.action === "replace" ? replacementImpact(change.type) : removalImpact(change.type);
      if (change.action === "delete" && impact === undefined) continue;
      const why = change.replacePaths.length > 0 ? ` (forced by ${change.replacePaths.map((p) => `${literal(p)}`).join(", ")})` : "";
      warnings.push({
        kind: change.action === "replace" ? "replace" : "remove",
        address: change.address,
        message: `the plan ${change.action === "replace" ? "replaces" : "deletes"} ${literal(change.address)}${why}`,
        impact,
      });
    }
  }

  // Adoption risks the plan shows: an import also replaced, a secret blanked or changed, an IdP or app replaced.
  for (const w of plan?.adoption ?? []) {
    warnings.push({ kind: "adoption", address: w.address, message: `${w.message} (${w.code})` });
  }
  // Adoption: an imported IdP or app whose secret Terraform no longer knows.
  for (const stack of head.stacks) {
    for (const w of staticAdoptionWarnings(stack.json)) {
      warnings.push({ kind: "check", stack: stack.name, address: w.address, constructPath: headIndexes.find((i) => i.name === stack.name)?.byAddress.get(w.address)?.constructPath, message: `${w.message} (${w.code})` });
    }
  }
  // The construct's own synth-time warnings and errors: shown even when the stack was synthesized without the cdktf CLI.
  for (const stack of head.stacks) {
    for (const a of stack.annotations ?? []) {
      warnings.push({ kind: a.level, stack: stack.name, constructPath: a.constructPath, message: `recorded at synth: ${a.message.length > 2000 ? `${a.message.slice(0, 1999)}…` : a.message}` });
    }
  }
  for (const c of checks) warnings.push({ kind: c.kind ?? "check", stack: c.stack, address: c.address, constructPath: c.constructPath, message: c.message });
  // Read last: every evaluation, regex match and comparison above spends from the budget.
  const bounds = budget.exhausted;
  for (const b of bounds) warnings.push(boundFinding(b));

  // Most urgent kind first; within replacements and removals, what hurts users most first.
  const weight = (w: FindingInput) => (w.kind === "replace" || w.kind === "remove") && w.address !== undefined ? severity(typeOfAddress(w.address)) : 0;
  const ordered = warnings
    .map((w, i) => ({ w, i }))
    .sort((a, b) => FINDING_KINDS[a.w.kind].rank - FINDING_KINDS[b.w.kind].rank || weight(a.w) - weight(b.w) || a.i - b.i)
    .map((x) => x.w);
  const seen = new Map<string, number>();
  const identified = ordered.map((w) => {
    const finding = withId(w);
    const n = seen.get(finding.id) ?? 0;
    seen.set(finding.id, n + 1);
    return n === 0 ? finding : { ...finding, id: `${finding.id}-${n + 1}` };
  });
  const failOn = new Set(options.failOn ?? []);
  const failedOn = FINDING_KIND_ORDER.filter((k) => failsOn(k, failOn) && identified.some((w) => w.kind === k));
  const exitCode = literalSecrets.length > 0 ? 2 : failedOn.length > 0 ? 3 : 0;
  const adopted = head.stacks.flatMap((stack) => adoptedObjects(stack.json));
  // The last line of defence: a credential that some value carries by its content (a URL with a password, a private key) is shown nowhere.
  return redactDeep({ stacks, literalSecrets, warnings: identified, diff, plan, access, adopted, exitCode, failedOn, bounds });
}

/**
 * The plan with the arguments that flow into a secret position in the head
 * (`terraform_data.x.input` read as a `client_secret`) masked: Terraform does
 * not mark them sensitive, the configuration says they are secret.
 */
function withSecretArguments(plan: PlanSummary, stacks: readonly StackIndex[]): PlanSummary {
  const secret = (address: string, type: string, attribute: string) => {
    const top = /^[^.[]*/.exec(attribute)?.[0] ?? attribute;
    // terraform_data's output is its input.
    const key = `${address.replace(/\[[^\]]*\]/g, "")}.${type === "terraform_data" && top === "output" ? "input" : top}`;
    return stacks.some((s) => s.constants.hidden.has(key));
  };
  const changes = plan.changes.map((c) => ({
    ...c,
    attributes: c.attributes.map((a) => (secret(c.address, c.type, a.attribute) ? { ...a, ...(a.before !== undefined ? { before: MASK } : {}), ...(a.after !== undefined ? { after: MASK } : {}) } : a)),
  }));
  return { ...plan, changes };
}

/** What each bound of the review means, in words (`…` is the limit). */
const BOUND_WORDS: { readonly [limit in keyof BudgetLimits]: (n: string) => string } = {
  regexSteps: (n) => `matching the groups filters' regexes took more than ${n} steps in this review`,
  regexStepsPerMatch: (n) => `a groups filter's regex took more than ${n} steps to match one group name`,
  regexDepth: (n) => `a groups filter's regex nested more than ${n} levels deep to match one group name`,
  evaluationSteps: (n) => `evaluating the locals and expressions took more than ${n} steps in this review`,
  computedCharacters: (n) => `the values computed from locals and variables, and substituted into resources, exceed ${n} characters in this review`,
  valueCharacters: (n) => `a value computed from locals and variables exceeds ${n} characters`,
  valueDepth: (n) => `a value computed from locals and variables is nested more than ${n} levels deep`,
  localsDepth: (n) => `local values need each other more than ${n} deep`,
  accessSteps: (n) => `comparing who gets in, before and after, took more than ${n} steps in this review`,
  accessStepsPerComparison: (n) => `comparing who gets in to one application took more than ${n} steps`,
  accessFormulas: (n) => `the rules of one application needed more than ${n} formulas`,
};

/**
 * A bound of the review reached: "cannot tell", which `--fail-on widen`
 * fails on. What was not computed is shown as written (an expression), and a
 * regex not evaluated decides nothing.
 */
function boundFinding(b: Exhaustion): FindingInput {
  const where = b.where !== undefined ? ` (first at ${literal(b.where)}${b.count > 1 ? `, ${b.count} times` : ""})` : b.count > 1 ? ` (${b.count} times)` : "";
  return {
    kind: "undecided",
    message: `the review stopped at one of its bounds: ${BOUND_WORDS[b.limit](b.value.toLocaleString("en-US"))}${where}. It cannot tell what the values and matches it did not compute do to access; they are shown as written.`,
    hint: "Inputs this large are unusual for an Access setup: simplify the locals or the groups filter named here. A legitimate input that needs more can be reviewed with higher limits (the `limits` option of `review()`); see the README's review section on bounds.",
  };
}

/** The fix for a likely rename: keep the id, or a `moveFromId` on the resource at its new construct path. */
export function moveHint(constructPath: string | undefined, previousAddress: string, address?: string): string {
  if (constructPath === undefined && address !== undefined) {
    // Written by hand (no cdktf construct path): Terraform's own moved block.
    return `Keep the old resource name, or declare the move with a Terraform moved block from ${literal(previousAddress)} to ${literal(address)} (in Terraform JSON, an entry of the top-level "moved" list). Do it for every resource the rename affects: each has its own warning.`;
  }
  const child = constructPath?.split("/").pop();
  const where = constructPath !== undefined ? ` on the resource at ${literal(constructPath)}` : "";
  const reach = child !== undefined ? ` (its construct's ${literal(`node.findChild("${child}")`)} reaches it when no attribute exposes it)` : "";
  return `Keep the old construct id, or declare the move${where}: ${literal(`moveFromId("${previousAddress}")`)}${reach}, which writes a Terraform moved block. Do it for every resource the rename affects: each has its own warning.`;
}

/**
 * SCIM turned on for an identity provider the base already had: cloudflare
 * provider releases before 5.20.0 fail that apply with "inconsistent result".
 * Only when the head's constraint admits such a release.
 */
function scimAdvice(base: StackIndex, head: StackIndex, headToBase: ReadonlyMap<string, string>): FindingInput[] {
  if (!mayUseBelow(head, "cloudflare/cloudflare", "5.20.0")) return [];
  const before = accessModel(base).idps;
  const found: FindingInput[] = [];
  for (const idp of accessModel(head, headToBase).idps.values()) {
    const was = before.get(idp.key);
    if (was === undefined || was.scim || !idp.scim) continue;
    found.push({
      kind: "check",
      stack: head.name,
      address: idp.address,
      constructPath: idp.constructPath,
      message: `SCIM is added to the existing identity provider ${literal(idp.name)}: cloudflare provider releases before 5.20.0, which this stack's version constraint admits, fail this apply with "Provider produced inconsistent result after apply"`,
      hint: "Apply in two steps: turn SCIM on in the Cloudflare dashboard (Zero Trust → Settings → Authentication → the IdP → SCIM) and import or refresh, or create a new identity provider with SCIM and switch applications to it; or require cloudflare provider 5.20.0 or later.",
    });
  }
  return found;
}

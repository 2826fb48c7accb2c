/**
 * Plan summary: what `terraform show -json <planfile>` says Terraform will do,
 * per resource, with sensitive values masked (`before_sensitive` /
 * `after_sensitive`) and unknown values shown as "(known after apply)".
 */
import { AdoptionWarning, planAdoptionWarnings, planImports } from "./adoption";
import * as path from "node:path";
import { AttributeChange, attributeChanges } from "./diff";
import { ReviewInputError } from "./errors";
import { DEFAULT_MAX_FILE_SIZE, LoadOptions, parseJson, readInputFile } from "./load";
import { MASK, pathIsSecret } from "./secrets";
import { canonical, isObject, Json, JsonObject, list, own, str } from "./terraform-json";

/** What Terraform does to a resource. */
export type PlanAction = "create" | "update" | "replace" | "delete" | "read" | "forget" | "no-op";

/** One resource change of the plan. */
export interface PlanResourceChange {
  readonly address: string;
  readonly type: string;
  readonly action: PlanAction;
  /** Terraform's `action_reason`, e.g. `replace_because_cannot_update`. */
  readonly actionReason?: string;
  /** Attributes that force the replacement (`change.replace_paths`). */
  readonly replacePaths: string[];
  /** Changed attributes of an update or replacement; secrets masked. */
  readonly attributes: AttributeChange[];
}

/** An output's change. */
export interface PlanOutputChange {
  readonly name: string;
  readonly action: PlanAction;
  readonly sensitive: boolean;
}

/** The plan, summarized. */
export interface PlanSummary {
  /** The plan file's name (without its directory). */
  readonly file: string;
  readonly terraformVersion?: string;
  readonly counts: { [action in PlanAction]: number };
  /** Every change except no-ops, replacements and deletions first. */
  readonly changes: PlanResourceChange[];
  readonly outputs: PlanOutputChange[];
  /** Resources changed outside Terraform since the last apply (`resource_drift`). */
  readonly drift: number;
  /** True when planning failed part-way (`errored`). */
  readonly errored: boolean;
  /** Resources the plan imports (adopts) instead of creating. */
  readonly imports: { readonly address: string; readonly importId: string }[];
  /** Adoption risks: an import that is also replaced, a secret blanked or changed, an IdP or Okta app replaced (values never kept). */
  readonly adoption: AdoptionWarning[];
}

/**
 * Reads and summarizes a plan JSON file: a regular file of at most
 * `maxFileSize` bytes; errors never quote its content.
 */
export function loadPlan(file: string, options: LoadOptions = {}): PlanSummary {
  const text = readInputFile(file, "--plan", options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE);
  if (text.startsWith("PK")) {
    throw new ReviewInputError(`--plan: ${file} is not valid JSON (a binary plan file; convert it with \`terraform show -json plan.tfplan > plan.json\`)`);
  }
  const json = parseJson(text, file, "--plan");
  return summarizePlan(json, path.basename(file));
}

/** Summarizes a parsed plan. */
export function summarizePlan(json: unknown, file: string): PlanSummary {
  if (!isObject(json) || typeof json.format_version !== "string" || !("resource_changes" in json || "planned_values" in json)) {
    throw new ReviewInputError(
      `--plan: ${file} is not a Terraform plan in JSON (expected format_version and resource_changes, as written by \`terraform show -json plan.tfplan\`)`,
    );
  }
  const counts: { [action in PlanAction]: number } = { create: 0, update: 0, replace: 0, delete: 0, read: 0, forget: 0, "no-op": 0 };
  const changes: PlanResourceChange[] = [];
  for (const rc of list(json.resource_changes)) {
    const change = own(rc, "change");
    if (!isObject(rc) || !isObject(change)) continue;
    const action = actionOf(change.actions);
    counts[action]++;
    if (action === "no-op") continue;
    const type = str(own(rc, "type")) ?? "";
    const kind = own(rc, "mode") === "data" ? `data.${type}` : type;
    const replacePaths = list(change.replace_paths).map((p) => list(p).map(String).join("."));
    let attributes: AttributeChange[] = [];
    if (action === "update" || action === "replace") {
      // Terraform's marks of either side mask both sides, as `terraform show` does.
      const marks = [own(change, "before_sensitive"), own(change, "after_sensitive")];
      const rawBefore = own(change, "before");
      const rawAfter = own(change, "after");
      const before = masked(rawBefore, marks, false, [], kind, rawBefore);
      // A masked part that changed is masked differently on the after side, so that the change is still listed.
      const after = masked(rawAfter, marks, own(change, "after_unknown"), [], kind, rawBefore);
      attributes = attributeChanges(isObject(before) ? before : {}, isObject(after) ? after : {}, type).map((a) => ({
        ...a,
        before: unchanged(a.before),
        after: unchanged(a.after),
        forcesReplacement: replacePaths.some((p) => p === a.attribute || a.attribute.startsWith(`${p}.`) || a.attribute.startsWith(`${p}[`)),
      }));
    }
    changes.push({ address: str(rc.address) ?? `${type}.${str(rc.name) ?? "?"}`, type, action, actionReason: str(rc.action_reason), replacePaths, attributes });
  }
  const order: { [action in PlanAction]: number } = { replace: 0, delete: 1, forget: 2, create: 3, update: 4, read: 5, "no-op": 6 };
  changes.sort((a, b) => order[a.action] - order[b.action] || (a.address < b.address ? -1 : a.address > b.address ? 1 : 0));

  const outputs: PlanOutputChange[] = [];
  if (isObject(json.output_changes)) {
    for (const [name, change] of Object.entries(json.output_changes)) {
      if (!isObject(change)) continue;
      const action = actionOf(change.actions);
      if (action === "no-op") continue;
      outputs.push({ name, action, sensitive: marked(own(change, "before_sensitive")) || marked(own(change, "after_sensitive")) });
    }
  }
  return {
    file,
    terraformVersion: str(json.terraform_version),
    counts,
    changes,
    outputs,
    drift: list(json.resource_drift).length,
    errored: json.errored === true,
    imports: planImports(json),
    adoption: planAdoptionWarnings(json),
  };
}

function actionOf(actions: Json | undefined): PlanAction {
  const a = list(actions).map(String);
  if (a.includes("delete") && a.includes("create")) return "replace";
  const one = a[0];
  if (one === "create" || one === "update" || one === "delete" || one === "read" || one === "forget") return one;
  return "no-op";
}

/** True when a sensitivity mark marks anything. */
function marked(mark: Json | undefined): boolean {
  if (mark === true) return true;
  if (Array.isArray(mark)) return mark.some(marked);
  if (isObject(mark)) return Object.keys(mark).some((k) => marked(mark[k]));
  return false;
}

/**
 * A plan value with sensitive parts replaced by "(sensitive)" and unknown
 * parts by "(known after apply)", at least as strictly as `terraform show`:
 * a part marked by any of `marks` (before's and after's) is masked on both
 * sides; a mark whose shape does not match the value (a list mark on an
 * object, an object mark on a string...) masks the whole value; everything
 * at or below a secret position (provider schema or credential name, any
 * depth) is masked, numbers and booleans included, in case a provider forgot
 * to mark it.
 */
function masked(value: Json | undefined, marks: (Json | undefined)[], unknown: Json | undefined, at: (string | number)[], kind: string, other: Json | undefined): Json {
  const mask = () => (canonical(value ?? null) === canonical(other ?? null) ? MASK : CHANGED_MASK);
  if (marks.some((m) => m === true)) return mask();
  if (unknown === true) return "(known after apply)";
  const present = value !== undefined && value !== null;
  const live = marks.filter((m) => m !== undefined && m !== null && m !== false);
  if (present && live.some((m) => (Array.isArray(m) ? !Array.isArray(value) : isObject(m) ? !isObject(value) : true))) return mask();
  if (Array.isArray(value) || Array.isArray(unknown)) {
    const items = Array.isArray(value) ? value : [];
    const length = Math.max(items.length, Array.isArray(unknown) ? unknown.length : 0);
    const out: Json[] = [];
    for (let i = 0; i < length; i++) {
      out.push(masked(items[i], live.map((m) => (Array.isArray(m) ? m[i] : undefined)), Array.isArray(unknown) ? unknown[i] : undefined, [...at, i], kind, Array.isArray(other) ? other[i] : undefined));
    }
    return out;
  }
  if (isObject(value) || isObject(unknown)) {
    const out: JsonObject = {};
    const source = isObject(value) ? value : {};
    const unknownKeys = isObject(unknown) ? Object.keys(unknown).filter((k) => unknown[k] === true || isObject(unknown[k]) || Array.isArray(unknown[k])) : [];
    for (const k of new Set([...Object.keys(source), ...unknownKeys])) {
      const v = masked(own(source, k), live.map((m) => own(m, k)), own(unknown, k), [...at, k], kind, own(other, k));
      Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
  if (!present) return null;
  return pathIsSecret(at, kind) ? mask() : value;
}

/** What a masked part that changed looks like until the attribute changes are listed. */
const CHANGED_MASK = "(sensitive\u200b)";

function unchanged(text: string | undefined): string | undefined {
  return text?.split(CHANGED_MASK).join(MASK);
}

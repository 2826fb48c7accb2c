/**
 * Plan summary: what `terraform show -json <planfile>` says Terraform will do,
 * per resource, with sensitive values masked (`before_sensitive` /
 * `after_sensitive`) and unknown values shown as "(known after apply)".
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { AttributeChange, attributeChanges } from "./diff";
import { ReviewInputError } from "./errors";
import { MASK, maskSecrets } from "./secrets";
import { isObject, Json, JsonObject, list, oneLine, str } from "./terraform-json";

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
}

/** Reads and summarizes a plan JSON file. */
export function loadPlan(file: string): PlanSummary {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new ReviewInputError(`--plan: ${code === "ENOENT" ? `${file} does not exist` : `cannot read ${file} (${code ?? oneLine(String(e))})`}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    const hint = text.startsWith("PK") ? "a binary plan file; convert it with `terraform show -json plan.tfplan > plan.json`" : oneLine((e as Error).message);
    throw new ReviewInputError(`--plan: ${file} is not valid JSON (${hint})`);
  }
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
    if (!isObject(rc) || !isObject(rc.change)) continue;
    const change = rc.change;
    const action = actionOf(change.actions);
    counts[action]++;
    if (action === "no-op") continue;
    const type = str(rc.type) ?? "";
    const replacePaths = list(change.replace_paths).map((p) => list(p).map(String).join("."));
    let attributes: AttributeChange[] = [];
    if (action === "update" || action === "replace") {
      const before = masked(change.before, change.before_sensitive, false, undefined);
      const after = masked(change.after, change.after_sensitive, change.after_unknown, undefined);
      attributes = attributeChanges(isObject(before) ? before : {}, isObject(after) ? after : {}, type).map((a) => ({
        ...a,
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
      outputs.push({ name, action, sensitive: change.before_sensitive === true || change.after_sensitive === true });
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
  };
}

function actionOf(actions: Json | undefined): PlanAction {
  const a = list(actions).map(String);
  if (a.includes("delete") && a.includes("create")) return "replace";
  const one = a[0];
  if (one === "create" || one === "update" || one === "delete" || one === "read" || one === "forget") return one;
  return "no-op";
}

/**
 * A plan value with sensitive parts replaced by "(sensitive)" and unknown parts
 * by "(known after apply)". Secret attribute names are masked too, in case a
 * provider forgot to mark them.
 */
function masked(value: Json | undefined, sensitive: Json | undefined, unknown: Json | undefined, key: string | number | undefined): Json {
  if (sensitive === true) return MASK;
  if (unknown === true) return "(known after apply)";
  if (Array.isArray(value) || Array.isArray(unknown)) {
    const items = Array.isArray(value) ? value : [];
    const length = Math.max(items.length, Array.isArray(unknown) ? unknown.length : 0);
    const out: Json[] = [];
    for (let i = 0; i < length; i++) {
      out.push(masked(items[i], Array.isArray(sensitive) ? sensitive[i] : undefined, Array.isArray(unknown) ? unknown[i] : undefined, key));
    }
    return out;
  }
  if (isObject(value) || isObject(unknown)) {
    const out: JsonObject = {};
    const source = isObject(value) ? value : {};
    const keys = new Set([...Object.keys(source), ...(isObject(unknown) ? Object.keys(unknown).filter((k) => unknown[k] === true || isObject(unknown[k]) || Array.isArray(unknown[k])) : [])]);
    for (const k of keys) {
      out[k] = masked(source[k], isObject(sensitive) ? sensitive[k] : undefined, isObject(unknown) ? unknown[k] : undefined, k);
    }
    return out;
  }
  if (value === undefined) return null;
  return maskSecrets(value, key) ?? null;
}

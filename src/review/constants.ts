/**
 * Constants of a stack that Terraform substitutes before it plans: `locals`
 * and variable defaults. The review resolves them where rules, claims and
 * assignments use them, so a changed local or default shows as the change it
 * makes (a policy that now admits "Everyone"), not as nothing.
 *
 * This is the review's small resolver for whole-value references
 * (`${local.x}`, `${var.x}`) and templates made only of them; the secrets
 * module's expression evaluator (expressions.ts) is the general one.
 * Variables declared `sensitive` are never resolved (their value must not
 * reach the review), nor are variables without a default. A variable may be
 * set at plan time (tfvars, environment): the review assumes its default and
 * says so where the value is shown.
 */
import { isObject, Json, JsonObject } from "./terraform-json";

/** The constants a stack declares. */
export interface StackConstants {
  readonly locals: ReadonlyMap<string, Json>;
  /** Non-sensitive variables with a default. */
  readonly variableDefaults: ReadonlyMap<string, Json>;
}

/** Reads the `locals` and `variable` blocks of a stack's JSON. */
export function stackConstants(json: JsonObject): StackConstants {
  const locals = new Map<string, Json>();
  for (const block of Array.isArray(json.locals) ? json.locals : [json.locals]) {
    if (!isObject(block)) continue;
    for (const [name, value] of Object.entries(block)) locals.set(name, value);
  }
  const variableDefaults = new Map<string, Json>();
  if (isObject(json.variable)) {
    for (const [name, declaration] of Object.entries(json.variable)) {
      const d = Array.isArray(declaration) ? declaration[0] : declaration;
      if (isObject(d) && d.default !== undefined && d.sensitive !== true) variableDefaults.set(name, d.default);
    }
  }
  return { locals, variableDefaults };
}

const WHOLE = /^\$\{\s*(local|var)\.([A-Za-z_][\w-]*)\s*\}$/;
const SEGMENT = /\$\{\s*(local|var)\.([A-Za-z_][\w-]*)\s*\}/g;
const MAX_DEPTH = 32;

/** A value with its constant references replaced by their values, as far as they are known. */
export function resolveConstants(value: Json, constants: StackConstants, depth = 0, seen: ReadonlySet<string> = new Set()): Json {
  if (depth > MAX_DEPTH) return value;
  if (typeof value === "string") return resolveString(value, constants, depth, seen);
  if (Array.isArray(value)) return value.map((v) => resolveConstants(v, constants, depth + 1, seen));
  if (isObject(value)) {
    const out: JsonObject = {};
    for (const [k, v] of Object.entries(value)) out[k] = resolveConstants(v, constants, depth + 1, seen);
    return out;
  }
  return value;
}

function lookup(kind: string, name: string, constants: StackConstants, depth: number, seen: ReadonlySet<string>): Json | undefined {
  const key = `${kind}.${name}`;
  if (seen.has(key)) return undefined;
  const raw = kind === "local" ? constants.locals.get(name) : constants.variableDefaults.get(name);
  if (raw === undefined) return undefined;
  return resolveConstants(raw, constants, depth + 1, new Set([...seen, key]));
}

function resolveString(text: string, constants: StackConstants, depth: number, seen: ReadonlySet<string>): Json {
  if (!text.includes("${")) return text;
  const whole = WHOLE.exec(text);
  if (whole) return lookup(whole[1], whole[2], constants, depth, seen) ?? text;
  // A template: substitute only when every interpolation is a known scalar constant.
  const rest = text.replace(SEGMENT, "");
  if (rest.includes("${") || rest.includes("%{")) return text;
  let known = true;
  const substituted = text.replace(SEGMENT, (segment, kind: string, name: string) => {
    const v = lookup(kind, name, constants, depth, seen);
    if (typeof v === "string" && !v.includes("${")) return v;
    if (typeof v === "number" || typeof v === "boolean") return String(v);
    known = false;
    return segment;
  });
  return known ? substituted : text;
}

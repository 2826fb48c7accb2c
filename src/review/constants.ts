/**
 * Constants of a stack that Terraform substitutes before it plans: `locals`
 * and variable defaults. The review resolves them where rules, claims and
 * assignments use them, so a changed local or default shows as the change it
 * makes (a policy that now admits "Everyone"), not as nothing.
 *
 * Strings are evaluated with the secrets module's evaluator
 * (expressions.ts: templates, heredocs, functions, `local.*`, `var.*`), so the
 * review and the secret rules agree on what is a constant. A value that went
 * through a variable declared `sensitive` is never substituted (its value
 * must not reach the review), nor one that depends on a resource, a data
 * source or a variable without a default. A variable may be set at plan time
 * (tfvars, environment): the review assumes its default. Nor is a value that
 * went through a local or variable holding a secret (named like a
 * credential, flowing into a secret position, holding a credential by its
 * content: `secretValueNames` in secrets.ts): the review shows the reference.
 *
 * Substitution is bounded like evaluation (expressions.ts, "Bounds"): every
 * value substituted into a body counts its characters against the run's
 * budget, so a big constant used in every resource cannot multiply the
 * review's size. A value over a bound stays as written (an expression, which
 * every rule treats as unknown), never a shortened value.
 */
import { Budget } from "../private/budget";
import { evaluate, Evaluated, Scope, stackScope, valueSize } from "./expressions";
import { secretValueNames } from "./secrets";
import { isObject, Json, JsonObject } from "./terraform-json";
import { tfBool } from "./values";

/** The constants a stack declares. */
export interface StackConstants {
  readonly locals: ReadonlyMap<string, Json>;
  /** Non-sensitive variables with a default. */
  readonly variableDefaults: ReadonlyMap<string, Json>;
  /** The evaluator's scope of the stack. */
  readonly scope: Scope;
  /**
   * `local.*` and `var.*` names whose values are secret (never substituted,
   * never shown), and the `type.name.attribute` arguments that flow into a
   * secret position (masked in diffs and plans).
   */
  readonly hidden: ReadonlySet<string>;
}

/** Reads the `locals` and `variable` blocks of a stack's JSON; evaluation spends from `budget` (the run's by default). */
export function stackConstants(json: JsonObject, budget?: Budget): StackConstants {
  const locals = new Map<string, Json>();
  for (const block of Array.isArray(json.locals) ? json.locals : [json.locals]) {
    if (!isObject(block)) continue;
    for (const [name, value] of Object.entries(block)) locals.set(name, value);
  }
  const variableDefaults = new Map<string, Json>();
  if (isObject(json.variable)) {
    for (const [name, declaration] of Object.entries(json.variable)) {
      const d = Array.isArray(declaration) ? declaration[0] : declaration;
      if (isObject(d) && d.default !== undefined && tfBool(d.sensitive) !== true) variableDefaults.set(name, d.default);
    }
  }
  const scope = stackScope(json, budget);
  return { locals, variableDefaults, scope, hidden: secretValueNames(json, scope) };
}

/**
 * A value with every string that Terraform can evaluate to a constant
 * (locals, non-sensitive variable defaults, functions of them) replaced by
 * that constant, using the secrets module's evaluator (expressions.ts); a
 * string that depends on a resource, a data source or a sensitive variable
 * stays as written.
 */
export function resolveConstants(value: Json, constants: StackConstants): Json {
  return resolveIn(value, constants.scope, constants.hidden, 0);
}

const MAX_DEPTH = 64;

function resolveIn(value: Json, scope: Scope, hidden: ReadonlySet<string>, depth: number): Json {
  if (depth > MAX_DEPTH) return value;
  if (typeof value === "string") {
    if (!value.includes("${") && !value.includes("%{")) return value;
    const evaluated = evaluate(value, scope);
    if (!evaluated.known || throughHidden(evaluated, hidden)) return value;
    // The whole output is bounded: what a substitution adds to the input counts, however often one value is used.
    const growth = valueSize(evaluated.value, scope).chars - value.length;
    return growth <= 0 || scope.budget.spend("computedCharacters", growth) ? evaluated.value : value;
  }
  if (Array.isArray(value)) return value.map((v) => resolveIn(v, scope, hidden, depth + 1));
  if (isObject(value)) {
    // fromEntries defines own properties: a key named "__proto__" stays data.
    return Object.fromEntries(Object.entries(value).map(([k, v]): [string, Json] => [k, resolveIn(v, scope, hidden, depth + 1)]));
  }
  return value;
}

/** A known value that came through a secret local or variable (a sensitive one among them) is never substituted (the evaluator lists the names it went through in `via`). */
function throughHidden(evaluated: Evaluated, hidden: ReadonlySet<string>): boolean {
  return evaluated.via.some((name) => hidden.has(name));
}

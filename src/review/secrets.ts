/**
 * Secrets: which positions of Terraform JSON hold one, finding the values
 * there that are not safe references, and masking values so that no secret
 * is ever printed.
 *
 * A position holds a secret when the providers' schemas say so (the table in
 * `secret-table.ts`), when its name is a credential's in any casing and with
 * any separator (`credentials.ts`), or when it is a backend credential
 * (`terraform.backend`, `terraform.cloud`, `data.terraform_remote_state`'s
 * `config`). Positions are looked for in every block: resources, data
 * sources, ephemeral resources, provider blocks, backends, module inputs,
 * locals, variable defaults and outputs. Anywhere else, a value that holds a
 * credential by its content (a URL with a password, a private key) counts
 * as a secret position too.
 *
 * A value in a secret position is safe only when it cannot evaluate to a
 * constant written in the configuration: a reference to a resource, data
 * source or ephemeral resource attribute that the provider computes, or to a
 * variable declared `sensitive` (or `ephemeral`) without a default, possibly
 * through functions, `locals` and other resources' arguments that hold only
 * such references (see `expressions.ts`). An attribute written in the
 * configuration is the constant written there: `terraform_data.x.output`
 * (its `input`) and `null_resource.x.triggers.k` launder nothing. Anything
 * else is a literal secret.
 */
import { COMPUTED, credentialInText, CredentialInText, isCredentialName, mayHoldCredential, redactCredentials } from "./credentials";
import { evaluate, Evaluated, Expr, hasConstantContent, isPureReference, parseCached, Reference, Scope, stackScope, TemplatePart, Unknown, withArguments } from "./expressions";
import { LoadedStack, LoadOptions, loadSynthOutput } from "./load";
import { ANY_BACKEND_SECRET, BACKEND_SECRETS, NOT_CREDENTIALS, PROVIDER_SECRETS, RESOURCE_SECRETS } from "./secret-table";
import { blocksOf, isObject, Json, JsonObject, labelled, labelledBlocks, own } from "./terraform-json";
import { appendAll } from "../private/arrays";

/**
 * Every schema secret position: `[block kind, dotted path]`, e.g.
 * `["okta_app_oauth", "client_secret"]`, `["provider.okta", "api_token"]`,
 * `["backend.s3", "secret_key"]`.
 */
export function schemaSecretPositions(): [string, string][] {
  return SCHEMA_ENTRIES.flatMap(([kind, paths]) => paths.map((p): [string, string] => [kind, p]));
}

/** The schema positions by block kind: resources and data sources, `provider.<name>`, `backend.<type>`. */
const SCHEMA_ENTRIES: readonly [string, readonly string[]][] = [
  ...RESOURCE_SECRETS,
  ...[...PROVIDER_SECRETS].map(([name, paths]): [string, readonly string[]] => [`provider.${name}`, paths]),
  ...[...BACKEND_SECRETS].map(([type, paths]): [string, readonly string[]] => [`backend.${type}`, paths]),
];
const SCHEMA_SECRETS: ReadonlyMap<BlockKind, readonly string[]> = new Map(SCHEMA_ENTRIES);

/** True for a name that holds a credential, by the name rule of `credentials.ts` (a list index, a number, never does). */
export function isSecretKey(key: string | number): boolean {
  return typeof key === "string" && isCredentialName(key);
}

/** The text shown instead of a secret. */
export const MASK = "(sensitive)";
/** A secret local's or variable default's value as a configuration diff shows it: whether it is there, and whether it changed. */
export const HIDDEN = "(sensitive value)";
export const HIDDEN_CHANGED = "(sensitive value, changed)";
/** What masking leaves as it is: it stands for a secret already. */
const MASKS = new Set([MASK, HIDDEN, HIDDEN_CHANGED]);

/**
 * A block kind: `okta_app_oauth` (resource), `data.okta_app_oauth` (data
 * source), `ephemeral.random_password`, `provider.okta`, `backend.s3`; or
 * undefined when unknown (locals, outputs, modules). Two kinds name a place
 * by their path's first key: `provider` (`okta` or `okta.alias`, then the
 * provider block's path, as the configuration diff keys them) and
 * `terraform_remote_state` (the diff's type of `data.terraform_remote_state`).
 */
export type BlockKind = string | undefined;

/** True when `name`, in a block of kind `kind`, is named like a credential but holds none by the providers' schemas. */
function notCredential(kind: BlockKind, name: string): boolean {
  return kind !== undefined && NOT_CREDENTIALS.some((n) => n.names.includes(name) && n.kinds.test(kind));
}

/**
 * True when the value at `path` (inside a block of kind `kind`) is a secret
 * position itself: listed in the table (a provider schema, a provider block,
 * a backend, the backend of `data.terraform_remote_state`), or named like a
 * credential.
 */
export function isSecretPosition(kind: BlockKind, path: readonly (string | number)[]): boolean {
  // The attribute names of the path, without list indexes: config.client_secret.
  const names = path.filter((p): p is string => typeof p === "string");
  return isSecretName(kind, names, names.join("."));
}

/** {@link isSecretPosition} by the path's attribute names, and those names joined with dots (`config.client_secret`). */
function isSecretName(kind: BlockKind, names: readonly string[], dotted: string): boolean {
  if (names.length === 0) return false;
  if (kind === "provider") return isSecretPosition(`provider.${names[0].split(".")[0]}`, names.slice(1));
  const last = names[names.length - 1];
  if (isCredentialName(last) && !notCredential(kind, last)) return true;
  if (kind === "data.terraform_remote_state" || kind === "terraform_remote_state") return names[0] === "config" && ANY_BACKEND_SECRET.has(names.slice(1).join("."));
  const paths = SCHEMA_SECRETS.get(kind);
  return paths !== undefined && paths.includes(dotted);
}

/** True when the value at `path`, or anything it is nested in, is a secret position. */
export function pathIsSecret(path: readonly (string | number)[], kind?: BlockKind): boolean {
  for (let i = 1; i <= path.length; i++) {
    if (isSecretPosition(kind, path.slice(0, i))) return true;
  }
  return false;
}

/** A place where the JSON holds a literal secret. The value itself is never kept. */
export interface LiteralSecret {
  readonly stack: string;
  /** The Terraform JSON file. */
  readonly file: string;
  /** Where: `<type>.<name>`, `data.<type>.<name>`, `provider.okta[0]`, `terraform.backend.s3`, `variable.<name>`... */
  readonly block: string;
  /** The attribute path inside the block, such as `config.client_secret`. */
  readonly attribute: string;
  /** The construct path from cdktf's metadata, when there is one. */
  readonly constructPath?: string;
  /** Why the value is not a safe reference, in words that never quote it. */
  readonly reason: string;
}

/**
 * Why a value in a secret position is not safe, or undefined when it is safe
 * (or empty: null, "", a boolean). Never quotes the value.
 */
export function secretValueProblem(value: Json, scope: Scope): string | undefined {
  // null, "" and booleans evaluate to themselves: the check for an empty constant below passes them.
  let result: Evaluated;
  try {
    result = evaluate(value, scope);
  } catch {
    return "it could not be evaluated, so it is treated as a literal";
  }
  const through = result.via.length > 0 ? ` (through ${result.via.join(", ")})` : "";
  if (result.known) {
    const v = result.value;
    if (v === null || v === "" || typeof v === "boolean" || (Array.isArray(v) && v.length === 0) || (isObject(v) && Object.keys(v).length === 0)) return undefined;
    return `it is a constant written in the configuration${through}`;
  }
  if (result.error !== undefined) return `it could not be parsed or evaluated (${result.error}), so it is treated as a literal`;
  if (result.literal) {
    const module = moduleOutputOnly(value, result, scope);
    if (module !== undefined) return `it refers to ${module}, an output of a module the review cannot see into, so it is treated as a literal${through}`;
    return result.refs.length === 0
      ? `it is computed from constants written in the configuration${through}`
      : `it combines constant text or values written in the configuration with references${through}`;
  }
  for (const ref of result.refs) {
    const problem = refProblem(ref);
    if (problem !== undefined) return `${problem}${through}`;
  }
  if (result.refs.length === 0) return `it is computed from constants written in the configuration${through}`;
  if (holdsConstantText(value) || result.via.some((name) => holdsConstantText(valueOfName(name, scope) ?? null))) {
    return `it holds constant text written in the configuration (in a branch, loop or argument)${through}`;
  }
  return undefined;
}

/**
 * The module output a value reads when that alone makes it a possible
 * literal: no constant text in the value or in the names it goes through,
 * and every other reference safe. Undefined otherwise.
 */
function moduleOutputOnly(value: Json, result: Unknown, scope: Scope): string | undefined {
  const module = result.refs.find((ref) => ref.kind === "module" && ref.selector !== true);
  if (module === undefined || !result.refs.every((ref) => ref.kind === "module" || refProblem(ref) === undefined)) return undefined;
  if (holdsConstantText(value) || result.via.some((name) => holdsConstantText(valueOfName(name, scope) ?? null))) return undefined;
  return module.attribute !== undefined ? `${module.address}.${module.attribute}` : module.address;
}

/** The value written for a name the evaluator went through: `local.x`, or a followed argument `type.name.attribute` (`terraform_data`'s `output` is its `input`). */
function valueOfName(name: string, scope: Scope): Json | undefined {
  if (name.startsWith("local.")) return scope.locals.get(name.slice("local.".length));
  if (name.startsWith("var.")) return undefined;
  const dot = name.lastIndexOf(".");
  return own(scope.arguments?.get(name.slice(0, dot)), name.slice(dot + 1));
}

/** Constant content anywhere in the strings of a value, even in a branch not taken. */
function holdsConstantText(value: Json): boolean {
  if (typeof value === "string") return hasConstantContent(value);
  if (Array.isArray(value)) return value.some(holdsConstantText);
  if (isObject(value)) return Object.keys(value).some((k) => holdsConstantText(value[k]));
  return false;
}

function refProblem(ref: Reference): string | undefined {
  if (ref.selector === true) return undefined;
  switch (ref.kind) {
    case "resource":
    case "data":
    case "ephemeral":
      return undefined;
    case "variable":
      if (ref.declared !== true) return `it refers to ${ref.address}, which is not declared`;
      if (ref.sensitive !== true && ref.ephemeral !== true) return `it refers to ${ref.address}, which is not declared sensitive`;
      return undefined;
    default:
      return `it refers to ${ref.address}, which may be a constant`;
  }
}

/** A value in a secret position: where it is, and the value (never to be printed). */
export interface SecretPosition {
  /** `<type>.<name>`, `data.<type>.<name>`, `provider.okta[0]`, `terraform.backend.s3`, `module.m`, `locals`, `output.<name>`, `variable.<name>`. */
  readonly block: string;
  /** The attribute path inside the block, such as `config.client_secret`. */
  readonly attribute: string;
  readonly value: Json;
  readonly constructPath?: string;
}

/** A block of a stack as the secret rules walk it: where it is, its kind, and where its body starts. */
interface ScannedBlock {
  readonly block: string;
  readonly kind: BlockKind;
  readonly body: Json | undefined;
  /** The path of `body` inside the block (`["value"]` for an output, `["default"]` for a variable). */
  readonly at: readonly (string | number)[];
  readonly constructPath?: string;
  /** The whole body is a secret position (a sensitive or credential-named output). */
  readonly whole?: boolean;
}

/**
 * Every block of a stack that can hold a secret, as HCL's JSON syntax allows
 * it (each label level an object or a list of objects): resources, data
 * sources, ephemeral resources, data sources of `check` blocks, provider
 * blocks, backends and Terraform Cloud, the rest of `terraform`, outputs,
 * modules, locals, variable defaults, and any other top-level key (walked by
 * credential names).
 */
function scannedBlocks(json: JsonObject): ScannedBlock[] {
  const blocks: ScannedBlock[] = [];
  const resources = (content: Json, prefix: "" | "data." | "ephemeral.") => {
    for (const [type, byName] of labelled(content)) {
      const kind = `${prefix}${type}`;
      for (const [name, body] of labelledBlocks(byName)) {
        const path = own(own(own(body, "//"), "metadata"), "path");
        blocks.push({ block: `${kind}.${name}`, kind, body, at: [], ...(typeof path === "string" ? { constructPath: path } : {}) });
      }
    }
  };
  for (const section of Object.keys(json)) {
    const content = json[section];
    if (section === "//") continue;
    if (section === "resource") resources(content, "");
    else if (section === "data") resources(content, "data.");
    else if (section === "ephemeral") resources(content, "ephemeral.");
    else if (section === "provider") {
      // provider.okta[i]: the i-th okta block, counted across the lists and objects it is written in.
      const count = new Map<string, number>();
      for (const [type, body] of labelledBlocks(content)) {
        const i = count.get(type) ?? 0;
        count.set(type, i + 1);
        blocks.push({ block: `provider.${type}[${i}]`, kind: `provider.${type}`, body, at: [] });
      }
    } else if (section === "terraform") {
      for (const terraform of blocksOf(content)) {
        for (const key of Object.keys(terraform)) {
          if (key === "backend") {
            for (const [type, body] of labelledBlocks(terraform[key])) blocks.push({ block: `terraform.backend.${type}`, kind: `backend.${type}`, body, at: [] });
          } else if (key === "cloud") {
            for (const body of blocksOf(terraform[key])) blocks.push({ block: "terraform.cloud", kind: "backend.cloud", body, at: [] });
          } else {
            blocks.push({ block: "terraform", kind: undefined, body: { [key]: terraform[key] }, at: [] });
          }
        }
      }
    } else if (section === "output") {
      for (const [name, body] of labelledBlocks(content)) {
        const sensitive = body.sensitive === true || body.sensitive === "true";
        blocks.push({ block: `output.${name}`, kind: undefined, body: own(body, "value") ?? null, at: ["value"], whole: sensitive || isSecretKey(name) });
      }
    } else if (section === "module") {
      for (const [name, body] of labelledBlocks(content)) blocks.push({ block: `module.${name}`, kind: undefined, body, at: [] });
    } else if (section === "variable") {
      // A variable whose default is a secret by its name or `sensitive` is findLiteralSecrets' business; the rest are walked.
      for (const [name, body] of labelledBlocks(content)) {
        if (body.sensitive === true || body.sensitive === "true" || isSecretKey(name)) continue;
        if (Object.prototype.hasOwnProperty.call(body, "default")) blocks.push({ block: `variable.${name}`, kind: undefined, body: body.default, at: ["default"] });
      }
    } else if (section === "check") {
      for (const [name, body] of labelledBlocks(content)) {
        for (const key of Object.keys(body)) {
          if (key === "data") resources(body[key], "data.");
          else blocks.push({ block: `check.${name}`, kind: undefined, body: { [key]: body[key] }, at: [] });
        }
      }
    } else if (section === "locals") {
      for (const body of blocksOf(content)) blocks.push({ block: "locals", kind: undefined, body, at: [] });
    } else {
      // Anything else: credential names.
      blocks.push({ block: section, kind: undefined, body: content, at: [] });
    }
  }
  return blocks;
}

/**
 * Every value in a secret position of a stack: resources, data sources and
 * ephemeral resources (schema positions and credential names, nested blocks
 * and lists included), provider blocks, backend and Terraform Cloud
 * credentials, `data.terraform_remote_state`'s backend credentials, module
 * arguments, credential-named locals and other top-level keys, keys of
 * variable defaults, and outputs (the value of a `sensitive` or
 * credential-named output; credential-named keys inside other outputs'
 * values). Variables whose default is a secret as a whole are not values of
 * positions: see {@link findLiteralSecrets}.
 */
export function secretPositions(json: JsonObject): SecretPosition[] {
  return scan(json).positions;
}

/** A string outside every secret position that may hold a credential by its content, and where it is. */
interface OtherString {
  readonly block: string;
  readonly attribute: string;
  readonly text: string;
  readonly constructPath?: string;
  /** The local it is written in (the review evaluates a local once, by its name). */
  readonly local?: string;
}

/** The secret positions of a stack, and its other strings that may carry a credential (those with `://`, a PEM header, an authorization scheme, or an expression). */
interface Scan {
  readonly positions: SecretPosition[];
  readonly others: OtherString[];
}

/** One walk per stack JSON: the review indexes a stack and scans it for literals, from the same object. */
const scans = new WeakMap<JsonObject, Scan>();

function scan(json: JsonObject): Scan {
  const cached = scans.get(json);
  if (cached !== undefined) return cached;
  const positions: SecretPosition[] = [];
  const others: OtherString[] = [];
  for (const b of scannedBlocks(json)) {
    const where = (attribute: string) => ({ block: b.block, attribute, ...(b.constructPath !== undefined ? { constructPath: b.constructPath } : {}) });
    const position = (attribute: string, value: Json) => positions.push({ ...where(attribute), value });
    if (b.whole === true) position(formatPath(b.at), b.body ?? null);
    else walk(b.body, [...b.at], b.kind, position, (text, path) => {
      if (!mayCarryCredential(text)) return;
      const local = b.block === "locals" && typeof path[0] === "string" ? { local: path[0] } : {};
      others.push({ ...where(formatPath(path)), text, ...local });
    });
  }
  const result = { positions, others };
  scans.set(json, result);
  return result;
}

/** A string that may hold or compute a credential by its content; the rest cannot (a cheap test before the real one). */
function mayCarryCredential(text: string): boolean {
  return text.includes("{") || mayHoldCredential(text);
}

/**
 * Finds every value in a secret position that is not a safe reference
 * ({@link secretPositions}), every other string that holds a credential by
 * its content (a URL with a password, a private key: written in the
 * configuration, or computed from what is), and the variables whose default
 * is a committed secret (declared `sensitive`, or named like a credential).
 */
export function findLiteralSecrets(stack: LoadedStack, stackScopeOf: Scope = stackScope(stack.json)): LiteralSecret[] {
  const found: LiteralSecret[] = [];
  const scope = stackScopeOf;
  const following = followingScope(scope, stack.json);
  const report = (p: { block: string; attribute: string; constructPath?: string }, reason: string) =>
    found.push({ stack: stack.name, file: stack.file, block: p.block, attribute: p.attribute, reason, ...(p.constructPath !== undefined ? { constructPath: p.constructPath } : {}) });
  for (const p of secretPositions(stack.json)) {
    const reason = secretValueProblem(p.value, following);
    if (reason !== undefined) report(p, reason);
  }
  for (const s of scan(stack.json).others) {
    const reason = credentialProblem(s.text, scope, s.local);
    if (reason !== undefined) report(s, reason);
  }
  for (const [name, body] of labelledBlocks(own(stack.json, "variable"))) {
    if (!Object.prototype.hasOwnProperty.call(body, "default") || !hasContent(body.default)) continue;
    const sensitive = body.sensitive === true || body.sensitive === "true";
    if (!sensitive && !isSecretKey(name)) continue;
    report(
      { block: `variable.${name}`, attribute: "default" },
      sensitive
        ? "the variable is declared sensitive and has a default: its value is a constant written in the configuration"
        : "the variable is named like a credential and has a default: its value is a constant written in the configuration",
    );
  }
  return found;
}

/**
 * Why a string outside the secret positions holds a credential written in
 * the configuration, or undefined: a credential in its text (interpolations
 * stand for values computed elsewhere), in a quoted string of its
 * expressions, or in the constant it evaluates to. Never quotes it.
 */
export function credentialProblem(text: string, scope: Scope, local?: string): string | undefined {
  const written = writtenCredential(text, scope);
  if (written !== undefined) return `it holds ${written}, written in the configuration`;
  // Evaluated where a local or a variable may bring a credential in, or the text hints at one (`join("", ["http://u:", ...])`);
  // resource references bring values the provider computes.
  if (!text.includes("{") || !(REFERS_TO_CONSTANTS.test(text) || mayHoldCredential(text))) return undefined;
  const result = evaluatedText(text, scope, local);
  if (result === undefined) return undefined;
  if (!result.known) return undefined;
  for (const t of stringsOf(result.value)) {
    const kind = credentialInText(t);
    if (kind !== undefined) return `it holds ${kind}, computed from constants written in the configuration${result.via.length > 0 ? ` (through ${result.via.join(", ")})` : ""}`;
  }
  return undefined;
}

/**
 * A string evaluated; one written in a local, as that local's value (each
 * local is evaluated once per stack, through the scope's cache: evaluating
 * its text again would compute it, and spend the run's budget, twice).
 * Undefined when the evaluator fails.
 */
function evaluatedText(text: string, scope: Scope, local?: string): Evaluated | undefined {
  try {
    return evaluate(local !== undefined && IDENTIFIER.test(local) ? `\${local.${local}}` : text, scope);
  } catch {
    return undefined;
  }
}

/** A name an expression can read (`local.<name>`). */
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/**
 * The credential written in a text (interpolations stand for values computed
 * elsewhere; quoted strings of its expressions, escapes decoded, count on
 * their own), or undefined. Nothing is evaluated.
 */
function writtenCredential(text: string, scope: Scope): CredentialInText | undefined {
  if (!text.includes("{")) return credentialInText(text);
  if (!mayHoldCredential(text) && !text.includes("\\")) return undefined;
  const parsed = parseCached(text, scope);
  const texts = parsed instanceof Error ? [text] : templateTexts(parsed);
  for (const t of texts) {
    const kind = credentialInText(t);
    if (kind !== undefined) return kind;
  }
  return undefined;
}

/** An expression that reads a local or a variable: constants written elsewhere may come in. */
const REFERS_TO_CONSTANTS = /\b(local|var)\./;

/** The strings of a JSON value, keys included. */
function stringsOf(value: Json): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(stringsOf);
  if (isObject(value)) return Object.keys(value).flatMap((k) => [k, ...stringsOf(value[k])]);
  return [];
}

/**
 * The texts of a parsed template as written: the template with every
 * interpolation as {@link COMPUTED}, and each quoted string or heredoc of its
 * expressions the same way. Directive bodies are text of the template.
 */
function templateTexts(parts: readonly TemplatePart[]): string[] {
  const texts: string[] = [];
  const flat = (ps: readonly TemplatePart[]): string =>
    ps
      .map((p) => {
        switch (p.t) {
          case "text":
            return p.s;
          case "interp":
            inExpr(p.e);
            return COMPUTED;
          case "if":
            inExpr(p.cond);
            return `${flat(p.then)}${COMPUTED}${flat(p.else)}`;
          case "for":
            inExpr(p.coll);
            return flat(p.body);
        }
      })
      .join("");
  const inExpr = (e: Expr): void => {
    switch (e.t) {
      case "lit":
        if (typeof e.v === "string") texts.push(e.v);
        return;
      case "template":
        texts.push(flat(e.parts));
        return;
      case "name":
        return;
      case "trav":
        inExpr(e.base);
        for (const step of e.steps) if (step.k === "index") inExpr(step.e);
        return;
      case "call":
        e.args.forEach(inExpr);
        return;
      case "unary":
        inExpr(e.e);
        return;
      case "binary":
        inExpr(e.l);
        inExpr(e.r);
        return;
      case "cond":
        [e.c, e.a, e.b].forEach(inExpr);
        return;
      case "tuple":
        e.items.forEach(inExpr);
        return;
      case "object":
        for (const item of e.items) {
          inExpr(item.k);
          inExpr(item.v);
        }
        return;
      case "for":
        [e.coll, e.valueExpr, ...(e.keyExpr !== undefined ? [e.keyExpr] : []), ...(e.cond !== undefined ? [e.cond] : [])].forEach(inExpr);
        return;
    }
  };
  texts.unshift(flat(parts));
  return texts;
}

/** The scope that follows arguments, one per stack scope: secret positions are evaluated in it, once for every rule that asks. */
const followingScopes = new WeakMap<Scope, Scope>();

function followingScope(scope: Scope, json: JsonObject): Scope {
  let following = followingScopes.get(scope);
  if (following === undefined) {
    following = withArguments(scope, json);
    followingScopes.set(scope, following);
  }
  return following;
}

/**
 * The `local.*` and `var.*` names whose values must be masked wherever a
 * review shows them (a diff of locals or variable defaults), and never
 * substituted into the resources the review shows: those that flow into a
 * secret position, credential-named ones, variables declared `sensitive`,
 * and those whose value holds a credential by its content. `scope` is the
 * stack's (constants.ts passes its own, so that each local is evaluated
 * once for both).
 */
export function secretValueNames(json: JsonObject, scope: Scope = stackScope(json)): Set<string> {
  const names = new Set<string>();
  const following = followingScope(scope, json);
  for (const p of secretPositions(json)) {
    try {
      for (const v of evaluate(p.value, following).via) names.add(v);
    } catch {
      // conservative below: every local and variable
      for (const l of scope.locals.keys()) names.add(`local.${l}`);
      for (const v of scope.variables.keys()) names.add(`var.${v}`);
    }
  }
  // Strings that hold a credential by their content, and what they went through (`"http://${local.userinfo}@proxy"`).
  for (const s of scan(json).others) {
    if (!s.text.includes("{") || !REFERS_TO_CONSTANTS.test(s.text)) continue;
    const result = evaluatedText(s.text, scope, s.local);
    if (result?.known === true && stringsOf(result.value).some((t) => credentialInText(t) !== undefined)) for (const v of result.via) names.add(v);
  }
  for (const [l, value] of scope.locals) if (isSecretKey(l) || localHoldsCredential(l, value, scope)) names.add(`local.${l}`);
  for (const [v, decl] of scope.variables) if (decl.sensitive || isSecretKey(v) || stringsOf(decl.default ?? null).some((t) => credentialInText(t) !== undefined)) names.add(`var.${v}`);
  return names;
}

/** True when a local holds a credential by its content: written in it, or in its value (evaluated through the scope's cache, as the review evaluates it). */
function localHoldsCredential(name: string, value: Json, scope: Scope): boolean {
  if (stringsOf(value).some((t) => writtenCredential(t, scope) !== undefined)) return true;
  // A local whose name is no identifier cannot be read by any expression (nor evaluated here).
  if (!IDENTIFIER.test(name) || !stringsOf(value).some((t) => t.includes("{"))) return false;
  const result = evaluatedText("", scope, name);
  return result?.known === true && stringsOf(result.value).some((t) => credentialInText(t) !== undefined);
}

function hasContent(value: Json): boolean {
  if (value === null || value === "" || typeof value === "boolean") return false;
  if (Array.isArray(value)) return value.some(hasContent);
  if (isObject(value)) return Object.keys(value).some((k) => hasContent(value[k]));
  return true;
}

/**
 * Walks a block body: `position` for each value at a secret position (not
 * walked further: all of it is secret), `other` for each string elsewhere.
 * `names` and `dotted` are the attribute names of `at` (as isSecretPosition
 * reads them), kept along the way rather than computed again at every key.
 */
function walk(
  node: Json | undefined,
  at: (string | number)[],
  kind: BlockKind,
  position: (attribute: string, value: Json) => void,
  other: (text: string, path: readonly (string | number)[]) => void,
  names: readonly string[] = at.filter((p): p is string => typeof p === "string"),
  dotted: string = names.join("."),
): void {
  if (typeof node === "string") {
    other(node, at);
    return;
  }
  if (Array.isArray(node)) {
    node.forEach((item, index) => walk(item, [...at, index], kind, position, other, names, dotted));
    return;
  }
  if (!isObject(node)) return;
  for (const key of Object.keys(node)) {
    // cdktf's metadata of the block itself; a nested "//" key is data.
    if (key === "//" && at.length === 0) continue;
    const path = [...at, key];
    const keyNames = [...names, key];
    const keyDotted = names.length === 0 ? key : `${dotted}.${key}`;
    if (isSecretName(kind, keyNames, keyDotted)) position(formatPath(path), node[key]);
    else walk(node[key], path, kind, position, other, keyNames, keyDotted);
  }
}

/** `config.claims[1]` from `["config", "claims", 1]`. */
export function formatPath(path: readonly (string | number)[]): string {
  let text = "";
  for (const part of path) {
    if (typeof part === "number") text += `[${part}]`;
    else text += text === "" ? part : `.${part}`;
  }
  return text;
}

/** A string in a secret position may be shown only when it is an expression made of references alone, without any constant. */
function showable(value: string): boolean {
  return value.length <= 2000 && isPureReference(value);
}

/**
 * A value as shown in a review, masked by its whole path: everything at or
 * below a secret position (schema or credential name, at any depth) is
 * replaced by "(sensitive)" (strings, numbers, booleans), except expressions
 * made of references only (`${okta_app_oauth.app.client_secret}`), which are
 * not secret. `kind` is the block kind (`okta_app_oauth`,
 * `data.okta_app_oauth`, `provider.okta`), for the schema positions;
 * `secret` masks the whole value whatever its path (an argument that flows
 * into a secret position).
 */
export function maskAt(value: Json | undefined, path: readonly (string | number)[] = [], kind?: BlockKind, secret = false): Json | undefined {
  if (value === undefined) return undefined;
  return maskNode(value, [...path], kind, secret || pathIsSecret(path, kind));
}

function maskNode(value: Json, path: (string | number)[], kind: BlockKind, secret: boolean): Json {
  if (value === null) return null;
  if (Array.isArray(value)) return value.map((item, i) => maskNode(item, [...path, i], kind, secret));
  if (isObject(value)) {
    const copy: JsonObject = {};
    for (const k of Object.keys(value)) {
      const p = [...path, k];
      Object.defineProperty(copy, k, { value: maskNode(value[k], p, kind, secret || isSecretPosition(kind, p)), enumerable: true, writable: true, configurable: true });
    }
    return copy;
  }
  if (!secret) return typeof value === "string" ? redactCredentials(value) : value;
  if (typeof value === "string") return value === "" || MASKS.has(value) || showable(value) ? value : MASK;
  return MASK;
}

/**
 * `maskAt(value, [key])`: the value of attribute `key` (or a whole block when
 * `key` is absent), masked by its whole path.
 */
export function maskSecrets(value: Json | undefined, key?: string | number, kind?: BlockKind): Json | undefined {
  return maskAt(value, key === undefined ? [] : [key], kind);
}

/**
 * The literal secrets of a synth output, read again on its own: what the CLI
 * falls back to when the review fails part-way, so that an internal error or a
 * bad `--base`/`--plan` never hides the exit 2 for a literal secret in the
 * head. Undefined when the head itself cannot be read.
 */
export function scanLiteralSecrets(dir: string, options: LoadOptions = {}): LiteralSecret[] | undefined {
  let stacks: LoadedStack[];
  try {
    // The label only names the input in error messages, and an error here returns undefined: the default will do.
    stacks = loadSynthOutput(dir, undefined, options).stacks;
  } catch {
    return undefined;
  }
  const found: LiteralSecret[] = [];
  for (const stack of stacks) {
    try {
      appendAll(found, findLiteralSecrets(stack));
    } catch {
      // A stack the scan cannot read at all: say so rather than pass it.
      found.push({ stack: stack.name, file: stack.file, block: "(stack)", attribute: "(unreadable)", reason: "the secret scan failed on this stack, so it is treated as holding a literal" });
    }
  }
  return found;
}

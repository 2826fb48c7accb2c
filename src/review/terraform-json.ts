/**
 * Reading Terraform JSON (`cdk.tf.json`, or `*.tf.json` written by hand)
 * defensively: every accessor accepts any JSON and never throws, because a
 * review must survive shapes our construct never synthesizes.
 */
import { joinLines } from "../private/cli-io";

/** A parsed JSON value. */
export type Json = null | boolean | number | string | Json[] | JsonObject;
/** A parsed JSON object. */
export interface JsonObject {
  [key: string]: Json;
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A string value, or undefined. */
export function str(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

/** A list: an array as is, a single value as a one-element list, nothing as []. */
export function list(value: unknown): Json[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? (value as Json[]) : [value as Json];
}

/**
 * A nested block: Terraform JSON allows a block as an object or as a list of
 * objects (cdktf writes single blocks as objects, people often write lists).
 */
export function block(value: unknown): JsonObject | undefined {
  if (isObject(value)) return value;
  if (Array.isArray(value) && isObject(value[0])) return value[0];
  return undefined;
}

/**
 * A block body, or a label level, as Terraform JSON allows it (HCL's JSON
 * syntax): an object, or a list of objects. Anything else holds no block.
 */
export function blocksOf(value: Json | undefined): JsonObject[] {
  return list(value).filter(isObject);
}

/** The `[label, value]` pairs of one label level, in order, across the objects it is written in. */
export function labelled(value: Json | undefined): [string, Json][] {
  return blocksOf(value).flatMap((level) => Object.keys(level).map((label): [string, Json] => [label, level[label]]));
}

/** The `[label, body]` of each block of a type with one label left (`provider`, `module`, `output`, `variable`, a resource type's names). */
export function labelledBlocks(value: Json | undefined): [string, JsonObject][] {
  return labelled(value).flatMap(([label, bodies]) => blocksOf(bodies).map((body): [string, JsonObject] => [label, body]));
}

/** The body of a resource without cdktf's `//` metadata. */
export function withoutMetadata(body: JsonObject): JsonObject {
  if (!("//" in body)) return body;
  const copy: JsonObject = {};
  for (const key of Object.keys(body)) if (key !== "//") setOwn(copy, key, body[key]);
  return copy;
}

/**
 * True when a string holds a Terraform expression (`${...}` that is not the
 * `$${` escape), i.e. its value is computed by Terraform, not written here.
 */
export function isExpression(value: string): boolean {
  return /(^|[^$])\$\{/.test(value);
}

/** The `${...}` segments of a string, without the delimiters. */
export function expressions(value: string): string[] {
  const found: string[] = [];
  let index = 0;
  while ((index = value.indexOf("${", index)) !== -1) {
    if (index > 0 && value[index - 1] === "$") {
      index += 2;
      continue;
    }
    let depth = 1;
    let end = index + 2;
    for (; end < value.length && depth > 0; end++) {
      if (value[end] === "{") depth++;
      else if (value[end] === "}") depth--;
    }
    found.push(value.slice(index + 2, depth === 0 ? end - 1 : end));
    index = end;
  }
  return found;
}

// Named values that are not resources: var.x, local.x, each.value, ...
const NOT_RESOURCES = new Set(["var", "local", "each", "count", "module", "path", "terraform", "self"]);
const REFERENCE = /(?<![\w.])(data\.)?([a-z][a-z0-9_]*)\.([A-Za-z_][\w-]*)/g;

/** Addresses (`type.name`, `data.type.name`) of the resources a string refers to, in order. */
export function referencedAddresses(value: string): string[] {
  const found: string[] = [];
  for (const expression of expressions(value)) {
    // Quoted strings inside expressions are not references.
    const code = expression.replace(/"(?:[^"\\]|\\.)*"/g, '""');
    for (const match of code.matchAll(REFERENCE)) {
      if (NOT_RESOURCES.has(match[2]) && !match[1]) continue;
      const address = `${match[1] ?? ""}${match[2]}.${match[3]}`;
      if (!found.includes(address)) found.push(address);
    }
  }
  return found;
}

/**
 * The address a value refers to when it is a single reference such as
 * `${okta_app_oauth.Okta_App_5B285C31.client_id}`; undefined otherwise.
 */
export function referenceTo(value: unknown): string | undefined {
  if (typeof value !== "string") return undefined;
  const match = /^\$\{(data\.)?([a-z][a-z0-9_]*)\.([A-Za-z_][\w-]*)(\.[\w.[\]"*-]+)?\}$/.exec(value);
  if (!match || (NOT_RESOURCES.has(match[2]) && !match[1])) return undefined;
  return `${match[1] ?? ""}${match[2]}.${match[3]}`;
}

/** The resource type of an address (`data.okta_group.x` gives `okta_group`). */
export function typeOfAddress(address: string): string {
  const parts = address.split(".");
  return parts[0] === "data" ? parts[1] : parts[0];
}

/**
 * Replaces every resource address referenced in a JSON value by `rename(address)`,
 * e.g. to compare two versions whose references point to renamed resources.
 */
export function mapReferences(value: Json, rename: (address: string) => string): Json {
  if (typeof value === "string") {
    if (!isExpression(value)) return value;
    // Each `${...}` segment up to its first `}`, found with indexOf: a regex
    // would rescan the rest of the string from every unclosed `${`.
    let out = "";
    let from = 0;
    for (let open = value.indexOf("${"); open !== -1; open = value.indexOf("${", from)) {
      const close = value.indexOf("}", open + 2);
      if (close === -1) break;
      const segment = value.slice(open, close + 1);
      out += value.slice(from, open) + segment.replace(REFERENCE, (whole: string, data: string | undefined, type: string, name: string) => {
        if (NOT_RESOURCES.has(type) && !data) return whole;
        return rename(`${data ?? ""}${type}.${name}`);
      });
      from = close + 1;
    }
    return out + value.slice(from);
  }
  if (Array.isArray(value)) return value.map((item) => mapReferences(item, rename));
  if (isObject(value)) {
    const copy: JsonObject = {};
    for (const key of Object.keys(value)) setOwn(copy, key, mapReferences(value[key], rename));
    return copy;
  }
  return value;
}

/**
 * Sets a property of an object built from the input: a key named
 * "__proto__" is data, an own property like any other (an assignment would
 * set the object's prototype, or drop a string).
 */
export function setOwn(object: JsonObject, key: string, value: Json): void {
  if (key === "__proto__") Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
  else object[key] = value;
}

/** JSON with object keys sorted: a stable fingerprint of a value. */
export function canonical(value: Json | undefined): string {
  return canonicalTemplate(value, () => false).texts[0];
}

/** {@link canonical}'s text cut at some of the value's strings: see {@link canonicalTemplate}. */
export interface CanonicalTemplate {
  /** The text around the open strings: one more than `open`. */
  readonly texts: readonly string[];
  /** The strings left open, in the order the text holds them. */
  readonly open: readonly string[];
}

/**
 * {@link canonical}'s text with the strings that `isOpen` selects left out:
 * the canonical text of the value with its open strings replaced by `s0`,
 * `s1`... is `texts[0] + JSON.stringify(s0) + texts[1] + JSON.stringify(s1)...`,
 * without walking and sorting the value again.
 */
export function canonicalTemplate(value: Json | undefined, isOpen: (text: string) => boolean): CanonicalTemplate {
  const template = { texts: [] as string[], open: [] as string[], pieces: [] as string[] };
  writeCanonical(value, isOpen, template);
  template.texts.push(template.pieces.join(""));
  return { texts: template.texts, open: template.open };
}

/** Writes a value's canonical text into `to.pieces`, closing a text at each open string. */
function writeCanonical(node: Json | undefined, isOpen: (text: string) => boolean, to: { texts: string[]; open: string[]; pieces: string[] }): void {
  if (node === undefined) return;
  if (typeof node === "string" && isOpen(node)) {
    to.texts.push(to.pieces.join(""));
    to.pieces = [];
    to.open.push(node);
  } else if (Array.isArray(node)) {
    to.pieces.push("[");
    for (let i = 0; i < node.length; i++) {
      if (i > 0) to.pieces.push(",");
      writeCanonical(node[i], isOpen, to);
    }
    to.pieces.push("]");
  } else if (isObject(node)) {
    const keys = Object.keys(node).sort();
    to.pieces.push("{");
    for (let i = 0; i < keys.length; i++) {
      if (i > 0) to.pieces.push(",");
      to.pieces.push(JSON.stringify(keys[i]), ":");
      writeCanonical(node[keys[i]], isOpen, to);
    }
    to.pieces.push("}");
  } else {
    to.pieces.push(JSON.stringify(node));
  }
}

/** One line, for error messages. */
export function oneLine(text: string): string {
  return joinLines(text).trim();
}

/**
 * An object's own property, or undefined: input keys such as `constructor`,
 * `__proto__` or `toString` are data, never inherited members.
 */
export function own(value: unknown, key: string): Json | undefined {
  return isObject(value) && Object.prototype.hasOwnProperty.call(value, key) ? value[key] : undefined;
}

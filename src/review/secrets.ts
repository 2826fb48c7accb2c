/**
 * Secrets: which attributes hold one, finding literal secrets in Terraform
 * JSON, and masking values so that no secret is ever printed.
 */
import { LoadedStack } from "./load";
import { isExpression, isObject, Json } from "./terraform-json";

/**
 * Attribute names that hold a credential: `client_secret` (Okta app, Cloudflare
 * IdP), `client_basic_secret`, SCIM `secret`, provider `api_token`,
 * `private_key`, `access_token`, passwords, and write-only `*_wo` variants.
 */
const SECRET_KEY = /(^|_)(secret|secret_key|secret_access_key|password|private_key|api_token|api_key|access_token|auth_token|bearer_token)(_wo)?$|^token$/;

/** True for an attribute name that holds a credential. */
export function isSecretKey(key: string | number): boolean {
  return typeof key === "string" && SECRET_KEY.test(key);
}

/** The text shown instead of a secret. */
export const MASK = "(sensitive)";

/** A place where the JSON holds a literal secret. The value itself is never kept. */
export interface LiteralSecret {
  readonly stack: string;
  /** The Terraform JSON file. */
  readonly file: string;
  /** Where: `resource.<type>.<name>`, `provider.okta[0]`, `variable.<name>`... */
  readonly block: string;
  /** The attribute path inside the block, such as `config.client_secret`. */
  readonly attribute: string;
  /** The construct path from cdktf's metadata, when there is one. */
  readonly constructPath?: string;
}

/**
 * Finds every string literal (not a `${...}` expression, not empty) under a
 * secret attribute name, in resources, data sources, providers, locals,
 * variables' defaults and outputs.
 */
export function findLiteralSecrets(stack: LoadedStack): LiteralSecret[] {
  const found: LiteralSecret[] = [];
  for (const [section, content] of Object.entries(stack.json)) {
    if (section === "//" || !isObject(content) && !Array.isArray(content)) continue;
    if ((section === "resource" || section === "data") && isObject(content)) {
      for (const [type, byName] of Object.entries(content)) {
        if (!isObject(byName)) continue;
        for (const [name, body] of Object.entries(byName)) {
          const metadata = isObject(body) && isObject(body["//"]) && isObject(body["//"].metadata) ? body["//"].metadata : undefined;
          const constructPath = typeof metadata?.path === "string" ? metadata.path : undefined;
          const prefix = section === "data" ? `data.${type}.${name}` : `${type}.${name}`;
          walk(body, [], (attribute) => found.push({ stack: stack.name, file: stack.file, block: prefix, attribute, constructPath }));
        }
      }
    } else if (section === "variable" && isObject(content)) {
      // A variable named like a secret with a literal default is a committed secret.
      for (const [name, body] of Object.entries(content)) {
        if (isSecretKey(name) && isObject(body) && isLiteralSecretValue(body.default)) {
          found.push({ stack: stack.name, file: stack.file, block: `variable.${name}`, attribute: "default" });
        }
      }
    } else if (section === "output" && isObject(content)) {
      for (const [name, body] of Object.entries(content)) {
        if (isSecretKey(name) && isObject(body) && isLiteralSecretValue(body.value)) {
          found.push({ stack: stack.name, file: stack.file, block: `output.${name}`, attribute: "value" });
        }
      }
    } else {
      walk(content, [], (attribute) => found.push({ stack: stack.name, file: stack.file, block: section, attribute: attribute }));
    }
  }
  return found;
}

function walk(node: Json, at: (string | number)[], report: (attribute: string) => void): void {
  if (Array.isArray(node)) {
    node.forEach((item, index) => walk(item, [...at, index], report));
    return;
  }
  if (!isObject(node)) return;
  for (const [key, value] of Object.entries(node)) {
    if (key === "//") continue;
    if (isSecretKey(key) && isLiteralSecretValue(value)) report(formatPath([...at, key]));
    else walk(value, [...at, key], report);
  }
}

function isLiteralSecretValue(value: unknown): boolean {
  return typeof value === "string" && value !== "" && !isExpression(value);
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

/**
 * A value as shown in a review: expressions (references) are shown, since they
 * are not secret; a literal string under a secret attribute is masked.
 */
export function maskSecrets(value: Json | undefined, key?: string | number): Json | undefined {
  if (value === undefined || value === null) return value;
  if (typeof value === "string") return key !== undefined && isSecretKey(key) && value !== "" && !isExpression(value) ? MASK : value;
  if (Array.isArray(value)) return value.map((item) => maskSecrets(item, key) as Json);
  if (isObject(value)) {
    const copy: { [key: string]: Json } = {};
    for (const [k, v] of Object.entries(value)) copy[k] = maskSecrets(v, k) as Json;
    return copy;
  }
  return value;
}

/** True when any segment of an attribute path names a secret. */
export function pathIsSecret(path: readonly (string | number)[]): boolean {
  return path.some(isSecretKey);
}

/**
 * Secrets: which positions of Terraform JSON hold one, finding the values
 * there that are not safe references, and masking values so that no secret
 * is ever printed.
 *
 * A value in a secret position is safe only when it cannot evaluate to a
 * constant written in the configuration: a reference to a resource or
 * data-source attribute, or to a variable declared `sensitive` without a
 * default, possibly through functions and `locals` that hold only such
 * references (see `expressions.ts`). Anything else is a literal secret.
 */
import { evaluate, Evaluated, hasConstantContent, isPureReference, Reference, Scope, stackScope } from "./expressions";
import { LoadedStack, LoadOptions, loadSynthOutput } from "./load";
import { blocksOf, isObject, Json, JsonObject, labelled, labelledBlocks, own } from "./terraform-json";

/**
 * Sensitive attributes of the providers' resources and data sources, from
 * their schemas (`Sensitive: true`), as dotted paths without list indexes.
 *
 * okta/okta v4.20.0 (commit 1924ec5199ea47d90fef4e4abeb602d125bab779):
 * okta/resource_okta_app_oauth.go (client_secret, client_basic_secret),
 * okta/data_source_okta_app_oauth.go, okta/resource_okta_idp_oidc.go,
 * okta/data_source_okta_idp_oidc.go, okta/resource_okta_idp_social.go
 * (client_secret, apple_private_key), okta/data_source_okta_idp_social.go,
 * okta/resource_okta_authenticator.go (provider_shared_secret),
 * okta/resource_okta_user.go (password, old_password, recovery_answer),
 * okta/resource_okta_app_user.go, okta/resource_okta_user_factor_question.go,
 * okta/resource_okta_captcha.go, okta/resource_okta_log_stream.go (settings.token).
 *
 * cloudflare/cloudflare v5.14.0 (commit 262c3ddc486915fcb291224e5453dc32d3e25602):
 * internal/services/<name>/schema.go, data_source_schema.go and
 * list_data_source_schema.go (the plural data source, under `result`), for
 * the names below; resource type = `cloudflare_<name>`.
 */
const RESOURCE_SECRETS: ReadonlyMap<string, readonly string[]> = new Map<string, readonly string[]>([
  // okta
  ["okta_app_oauth", ["client_secret", "client_basic_secret"]],
  ["data.okta_app_oauth", ["client_secret"]],
  ["okta_idp_oidc", ["client_secret"]],
  ["data.okta_idp_oidc", ["client_secret"]],
  ["okta_idp_social", ["client_secret", "apple_private_key"]],
  ["data.okta_idp_social", ["client_secret"]],
  ["okta_authenticator", ["provider_shared_secret"]],
  ["okta_user", ["password", "old_password", "recovery_answer"]],
  ["okta_app_user", ["password"]],
  ["okta_user_factor_question", ["answer"]],
  ["okta_captcha", ["secret_key"]],
  ["okta_log_stream", ["settings.token"]],
  // cloudflare
  ...cloudflare("account_token", ["value"], { data: false }),
  ...cloudflare("api_token", ["value"], { data: false }),
  ...cloudflare("authenticated_origin_pulls", ["private_key"], { data: false, list: false }),
  ...cloudflare("authenticated_origin_pulls_certificate", ["private_key"]),
  ...cloudflare("calls_sfu_app", ["secret"], { data: false, list: false }),
  ...cloudflare("calls_turn_app", ["key"], { data: false, list: false }),
  ...cloudflare("custom_hostname", ["ssl.custom_key", "ssl.custom_cert_bundle.custom_key"]),
  ...cloudflare("custom_ssl", ["private_key"], { data: false, list: false }),
  ...cloudflare("dns_zone_transfers_tsig", ["secret"]),
  ...cloudflare("hyperdrive_config", ["origin.password", "origin.access_client_secret"]),
  ...cloudflare("logpush_job", ["ownership_challenge"], { data: false, list: false }),
  ...cloudflare("magic_transit_connector", ["license_key"], { data: false, list: false }),
  ...cloudflare("magic_wan_ipsec_tunnel", ["psk"], { data: false, list: false }),
  ...cloudflare("mtls_certificate", ["private_key"], { data: false, list: false }),
  ...cloudflare("notification_policy_webhooks", ["secret"], { listName: "cloudflare_notification_policy_webhooks_list" }),
  ...cloudflare("pages_project", pagesProjectSecrets()),
  ...cloudflare("r2_bucket_sippy", ["source.private_key", "source.secret_access_key", "destination.secret_access_key"], { data: false, list: false }),
  ...cloudflare("stream_key", ["jwk", "pem"], { data: false, list: false }),
  ...cloudflare("stream_live_input", streamLiveInputSecrets(), { list: false }),
  ...cloudflare("turnstile_widget", ["secret"], { list: false }),
  ...cloudflare("worker_version", ["assets.jwt", "bindings.text", "bindings.key_base64", "bindings.key_jwk"]),
  ...cloudflare("workers_script", ["assets.jwt", "bindings.text", "bindings.key_base64", "bindings.key_jwk"], { data: false, list: false }),
  ...cloudflare("zero_trust_access_application", [
    "saas_app.client_secret",
    "scim_config.authentication.password",
    "scim_config.authentication.token",
    "scim_config.authentication.client_secret",
  ]),
  ...cloudflare("zero_trust_access_identity_provider", ["config.client_secret", "scim_config.secret"]),
  ...cloudflare("zero_trust_access_service_token", ["client_secret"], { data: false, list: false }),
  ...cloudflare("zero_trust_device_posture_integration", ["config.client_secret", "config.access_client_secret"], { data: false, list: false }),
  ...cloudflare("zero_trust_tunnel_cloudflared", ["tunnel_secret"], { data: false, list: false }),
  ...cloudflare("zero_trust_tunnel_warp_connector", ["tunnel_secret"], { data: false, list: false }),
  // Names of provider v4 that hand-written stacks still use (same attributes).
  ["cloudflare_access_identity_provider", ["config.client_secret", "scim_config.secret"]],
  ["cloudflare_access_application", ["saas_app.client_secret", "scim_config.authentication.password", "scim_config.authentication.token", "scim_config.authentication.client_secret"]],
  ["cloudflare_access_service_token", ["client_secret"]],
  ["cloudflare_tunnel", ["secret", "tunnel_secret"]],
]);

function cloudflare(name: string, paths: readonly string[], options: { data?: boolean; list?: boolean; listName?: string } = {}): [string, readonly string[]][] {
  const type = `cloudflare_${name}`;
  const entries: [string, readonly string[]][] = [[type, paths]];
  if (options.data !== false) entries.push([`data.${type}`, paths]);
  if (options.list !== false && options.data !== false) entries.push([`data.${options.listName ?? `${type}s`}`, paths.map((p) => `result.${p}`)]);
  return entries;
}

function pagesProjectSecrets(): string[] {
  const deployments = ["canonical_deployment", "latest_deployment"];
  return [
    "build_config.web_analytics_token",
    ...deployments.flatMap((d) => [`${d}.build_config.web_analytics_token`, `${d}.env_vars.value`]),
    "deployment_configs.preview.env_vars.value",
    "deployment_configs.production.env_vars.value",
  ];
}

function streamLiveInputSecrets(): string[] {
  return ["rtmps", "rtmps_playback", "srt", "srt_playback", "web_rtc", "web_rtc_playback"].flatMap((k) => [
    `${k}.url`,
    ...(k.startsWith("rtmps") ? [`${k}.stream_key`] : k.startsWith("srt") ? [`${k}.passphrase`] : []),
  ]);
}

/**
 * Provider credentials. Neither provider marks them `Sensitive` in its schema
 * (okta/provider.go, okta/framework_provider.go; cloudflare internal/provider.go),
 * but each is a credential by its description: Okta `api_token`,
 * `access_token`, `private_key` (OAuth 2.0 service app key); Cloudflare
 * `api_token`, `api_key`, `api_user_service_key`.
 */
const PROVIDER_SECRETS: ReadonlyMap<string, readonly string[]> = new Map([
  ["okta", ["api_token", "access_token", "private_key"]],
  ["cloudflare", ["api_token", "api_key", "api_user_service_key"]],
]);

/**
 * Backend credentials (`terraform.backend.<type>`, `terraform.cloud`), from
 * Terraform 1.11's backend documentation.
 */
const BACKEND_SECRETS: ReadonlyMap<string, readonly string[]> = new Map([
  ["s3", ["access_key", "secret_key", "token", "sse_customer_key", "assume_role.external_id", "assume_role_with_web_identity.web_identity_token"]],
  ["remote", ["token"]],
  ["cloud", ["token"]],
  ["azurerm", ["access_key", "sas_token", "client_secret", "client_certificate_password", "client_certificate", "oidc_token", "oidc_request_token", "client_secret_file_path"]],
  ["gcs", ["credentials", "access_token", "encryption_key", "kms_encryption_key"]],
  ["http", ["password", "client_private_key_pem"]],
  ["pg", ["conn_str"]],
  ["consul", ["access_token", "http_auth", "key_file"]],
  ["cos", ["secret_id", "secret_key", "security_token"]],
  ["oss", ["access_key", "secret_key", "security_token"]],
  ["kubernetes", ["token", "password", "client_key"]],
]);

/**
 * Attribute names that hold a credential in any block, whatever the schema
 * says (a provider may forget to mark one, a hand-written stack may use a
 * type we do not list): `client_secret`, SCIM `secret`, `api_token`,
 * `private_key`, `access_token`, passwords, and write-only `*_wo` variants.
 */
const SECRET_KEY = /(^|_)(secret|secret_key|secret_access_key|password|passphrase|private_key|api_token|api_key|access_token|auth_token|bearer_token|service_key)(_wo)?$|^token$/;

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

/** True for an attribute name that holds a credential (a list index, whose text is digits, never does). */
export function isSecretKey(key: string | number): boolean {
  return SECRET_KEY.test(String(key));
}

/** The text shown instead of a secret. */
export const MASK = "(sensitive)";

/**
 * A block kind: `okta_app_oauth` (resource), `data.okta_app_oauth` (data
 * source), `provider.okta`, `backend.s3`; or undefined when unknown.
 */
export type BlockKind = string | undefined;

/**
 * True when the value at `path` (inside a block of kind `kind`) is a secret
 * position itself: listed in the provider's schema, or named like a credential.
 */
export function isSecretPosition(kind: BlockKind, path: readonly (string | number)[]): boolean {
  // The attribute names of the path, without list indexes: config.client_secret.
  const names = path.filter((p): p is string => typeof p === "string");
  if (names.slice(-1).some(isSecretKey)) return true;
  const paths = SCHEMA_SECRETS.get(kind);
  return paths !== undefined && paths.includes(names.join("."));
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
    return result.refs.length === 0
      ? `it is computed from constants written in the configuration${through}`
      : `it combines constant text or values written in the configuration with references${through}`;
  }
  for (const ref of result.refs) {
    const problem = refProblem(ref);
    if (problem !== undefined) return `${problem}${through}`;
  }
  if (result.refs.length === 0) return `it is computed from constants written in the configuration${through}`;
  const locals = result.via.filter((v) => v.startsWith("local.")).map((v) => v.slice("local.".length));
  if (holdsConstantText(value) || locals.some((l) => holdsConstantText(scope.locals.get(l) ?? null))) {
    return `it holds constant text written in the configuration (in a branch, loop or argument)${through}`;
  }
  return undefined;
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
  /** `<type>.<name>`, `data.<type>.<name>`, `provider.okta[0]`, `terraform.backend.s3`, `module.m`, `locals`, `output.<name>`. */
  readonly block: string;
  /** The attribute path inside the block, such as `config.client_secret`. */
  readonly attribute: string;
  readonly value: Json;
  readonly constructPath?: string;
}

/**
 * Every value in a secret position of a stack: resources and data sources
 * (schema positions and credential names, nested blocks and lists included),
 * provider blocks, backend and Terraform Cloud credentials, module
 * arguments, credential-named locals and other top-level keys, and outputs
 * (the value of a `sensitive` or credential-named output; credential-named
 * keys inside other outputs' values). Variable defaults are not values of
 * positions: see {@link findLiteralSecrets}.
 */
export function secretPositions(json: JsonObject): SecretPosition[] {
  const found: SecretPosition[] = [];
  const add = (block: string, constructPath?: string) => (attribute: string, value: Json) =>
    found.push({ block, attribute, value, ...(constructPath !== undefined ? { constructPath } : {}) });
  for (const section of Object.keys(json)) {
    const content = json[section];
    if (section === "//" || section === "variable") continue;
    if (section === "resource" || section === "data") {
      for (const [type, byName] of labelled(content)) {
        const kind = section === "data" ? `data.${type}` : type;
        for (const [name, body] of labelledBlocks(byName)) {
          const path = own(own(own(body, "//"), "metadata"), "path");
          walk(body, [], kind, add(`${kind}.${name}`, typeof path === "string" ? path : undefined));
        }
      }
    } else if (section === "provider") {
      // provider.okta[i]: the i-th okta block, counted across the lists and objects it is written in.
      const count = new Map<string, number>();
      for (const [type, body] of labelledBlocks(content)) {
        const i = count.get(type) ?? 0;
        count.set(type, i + 1);
        walk(body, [], `provider.${type}`, add(`provider.${type}[${i}]`));
      }
    } else if (section === "terraform") {
      for (const terraform of blocksOf(content)) {
        for (const key of Object.keys(terraform)) {
          if (key === "backend") {
            for (const [type, body] of labelledBlocks(terraform[key])) walk(body, [], `backend.${type}`, add(`terraform.backend.${type}`));
          } else if (key === "cloud") {
            for (const body of blocksOf(terraform[key])) walk(body, [], "backend.cloud", add("terraform.cloud"));
          } else {
            walk(terraform[key], [key], undefined, add("terraform"));
          }
        }
      }
    } else if (section === "output") {
      for (const [name, body] of labelledBlocks(content)) {
        const sensitive = body.sensitive === true || body.sensitive === "true";
        if (sensitive || isSecretKey(name)) add(`output.${name}`)("value", own(body, "value") ?? null);
        else walk(own(body, "value"), ["value"], undefined, add(`output.${name}`));
      }
    } else if (section === "module") {
      for (const [name, body] of labelledBlocks(content)) walk(body, [], undefined, add(`module.${name}`));
    } else {
      // locals and anything else: credential names.
      walk(content, [], undefined, add(section));
    }
  }
  return found;
}

/**
 * Finds every value in a secret position that is not a safe reference
 * ({@link secretPositions}), and the variables whose default is a committed
 * secret (declared `sensitive`, or named like a credential).
 */
export function findLiteralSecrets(stack: LoadedStack): LiteralSecret[] {
  const found: LiteralSecret[] = [];
  const scope = stackScope(stack.json);
  for (const p of secretPositions(stack.json)) {
    const reason = secretValueProblem(p.value, scope);
    if (reason === undefined) continue;
    found.push({ stack: stack.name, file: stack.file, block: p.block, attribute: p.attribute, reason, ...(p.constructPath !== undefined ? { constructPath: p.constructPath } : {}) });
  }
  for (const [name, body] of labelledBlocks(own(stack.json, "variable"))) {
    if (!Object.prototype.hasOwnProperty.call(body, "default") || !hasContent(body.default)) continue;
    const sensitive = body.sensitive === true || body.sensitive === "true";
    if (!sensitive && !isSecretKey(name)) continue;
    found.push({
      stack: stack.name,
      file: stack.file,
      block: `variable.${name}`,
      attribute: "default",
      reason: sensitive
        ? "the variable is declared sensitive and has a default: its value is a constant written in the configuration"
        : "the variable is named like a credential and has a default: its value is a constant written in the configuration",
    });
  }
  return found;
}

/**
 * The `local.*` and `var.*` names whose values must be masked wherever a
 * review shows them (a diff of locals or variable defaults): those that flow
 * into a secret position, credential-named ones, and variables declared
 * `sensitive`.
 */
export function secretValueNames(json: JsonObject): Set<string> {
  const names = new Set<string>();
  const scope = stackScope(json);
  for (const p of secretPositions(json)) {
    try {
      for (const v of evaluate(p.value, scope).via) names.add(v);
    } catch {
      // conservative below: every local and variable
      for (const l of scope.locals.keys()) names.add(`local.${l}`);
      for (const v of scope.variables.keys()) names.add(`var.${v}`);
    }
  }
  for (const l of scope.locals.keys()) if (isSecretKey(l)) names.add(`local.${l}`);
  for (const [v, decl] of scope.variables) if (decl.sensitive || isSecretKey(v)) names.add(`var.${v}`);
  return names;
}

function hasContent(value: Json): boolean {
  if (value === null || value === "" || typeof value === "boolean") return false;
  if (Array.isArray(value)) return value.some(hasContent);
  if (isObject(value)) return Object.keys(value).some((k) => hasContent(value[k]));
  return true;
}

function walk(node: Json | undefined, at: (string | number)[], kind: BlockKind, visit: (attribute: string, value: Json) => void): void {
  if (Array.isArray(node)) {
    node.forEach((item, index) => walk(item, [...at, index], kind, visit));
    return;
  }
  if (!isObject(node)) return;
  for (const key of Object.keys(node)) {
    if (key === "//" && at.length === 0) continue;
    const path = [...at, key];
    // A secret position holding a list or an object: all of it is secret.
    if (isSecretPosition(kind, path)) visit(formatPath(path), node[key]);
    else walk(node[key], path, kind, visit);
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
 * `data.okta_app_oauth`, `provider.okta`), for the schema positions.
 */
export function maskAt(value: Json | undefined, path: readonly (string | number)[] = [], kind?: BlockKind): Json | undefined {
  if (value === undefined) return undefined;
  return maskNode(value, [...path], kind, pathIsSecret(path, kind));
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
  if (!secret) return value;
  if (typeof value === "string") return value === "" || showable(value) ? value : MASK;
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
      found.push(...findLiteralSecrets(stack));
    } catch {
      // A stack the scan cannot read at all: say so rather than pass it.
      found.push({ stack: stack.name, file: stack.file, block: "(stack)", attribute: "(unreadable)", reason: "the secret scan failed on this stack, so it is treated as holding a literal" });
    }
  }
  return found;
}

/**
 * The stack index: one stack's Terraform JSON as resources and data sources
 * by address, with its `moved` and `import` blocks and outputs. Every later
 * step reads the stack through it.
 */
import { resolveConstants, StackConstants, stackConstants } from "./constants";
import { LoadedStack } from "./load";
import { blocksOf, isObject, Json, JsonObject, labelled, labelledBlocks, list, str, withoutMetadata } from "./terraform-json";

/** One resource or data source of a stack. */
export interface TfResource {
  /** `type.name`, or `data.type.name` for a data source. */
  readonly address: string;
  readonly type: string;
  readonly name: string;
  readonly mode: "managed" | "data";
  /** The construct path from cdktf's `//` metadata, e.g. `okta-access-basic/Okta/App`. */
  readonly constructPath?: string;
  /** The block's attributes, without the `//` metadata. */
  readonly body: JsonObject;
}

/** A stack's resources, indexed. */
export interface StackIndex {
  readonly name: string;
  readonly file: string;
  readonly resources: TfResource[];
  readonly byAddress: Map<string, TfResource>;
  /** Terraform `moved` blocks: a resource renamed on purpose, not replaced. */
  readonly moved: { readonly from: string; readonly to: string }[];
  /** Terraform `import` blocks: resources adopted, not created. */
  readonly imports: { readonly to: string; readonly id: string }[];
  readonly outputs: JsonObject;
  /** Provider configurations by provider name (`okta`, `okta.alias`), constants resolved. */
  readonly providers: ReadonlyMap<string, JsonObject>;
  /** The stack's locals and variable defaults. */
  readonly constants: StackConstants;
  /** Variable declarations by name, as written. */
  readonly variables: ReadonlyMap<string, Json>;
  /** `terraform.required_providers` by local name: the source and version constraint as written. */
  readonly requiredProviders: ReadonlyMap<string, { readonly source?: string; readonly version?: string }>;
}

/** Indexes a loaded stack. */
export function indexStack(stack: LoadedStack): StackIndex {
  const constants = stackConstants(stack.json);
  const resources: TfResource[] = [];
  const seen = new Set<string>();
  for (const mode of ["managed", "data"] as const) {
    // Terraform JSON may write each label level as a list of objects too
    // (HCL's JSON syntax); a resource written so must not escape the review.
    const byType = labelled(stack.json[mode === "managed" ? "resource" : "data"]).sort(byLabel);
    for (const [type, byName] of byType) {
      for (const [name, raw] of labelledBlocks(byName).sort(byLabel)) {
        const address = mode === "data" ? `data.${type}.${name}` : `${type}.${name}`;
        // Terraform refuses a resource declared twice; the first one stands for it here.
        if (seen.has(address)) continue;
        seen.add(address);
        const metadata = isObject(raw["//"]) && isObject(raw["//"].metadata) ? raw["//"].metadata : undefined;
        resources.push({
          address,
          type,
          name,
          mode,
          constructPath: str(metadata?.path),
          // Locals and variable defaults resolved: a changed one shows as the change it makes.
          body: resolvedBody(withoutMetadata(raw), constants),
        });
      }
    }
  }
  const moved = list(stack.json.moved)
    .filter(isObject)
    .map((m) => ({ from: stripBraces(str(m.from)), to: stripBraces(str(m.to)) }))
    .filter((m): m is { from: string; to: string } => m.from !== undefined && m.to !== undefined);
  const imports = list(stack.json.import)
    .filter(isObject)
    .map((m) => ({ to: stripBraces(str(m.to)), id: str(m.id) ?? "" }))
    .filter((m): m is { to: string; id: string } => m.to !== undefined);
  return {
    name: stack.name,
    file: stack.file,
    resources,
    byAddress: new Map(resources.map((r) => [r.address, r])),
    moved,
    imports,
    outputs: isObject(stack.json.output) ? stack.json.output : {},
    providers: providersOf(stack.json, constants),
    constants,
    variables: new Map(labelledBlocks(stack.json.variable)),
    requiredProviders: requiredProvidersOf(stack.json),
  };
}

/** `terraform.required_providers`: `{ name: { source, version } }`, or the older `{ name: "version" }`. */
function requiredProvidersOf(json: JsonObject): Map<string, { source?: string; version?: string }> {
  const found = new Map<string, { source?: string; version?: string }>();
  for (const terraform of blocksOf(json.terraform)) {
    for (const [name, value] of labelled(terraform.required_providers)) {
      if (found.has(name)) continue;
      if (typeof value === "string") found.set(name, { version: value });
      else if (isObject(value)) found.set(name, { source: str(value.source), version: typeof value.version === "string" ? value.version : undefined });
    }
  }
  return found;
}

/** Orders `[label, ...]` pairs by label (a stable sort: blocks of one label keep their order). */
function byLabel(a: [string, unknown], b: [string, unknown]): number {
  return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0;
}

function resolvedBody(body: JsonObject, constants: StackConstants): JsonObject {
  if (constants.locals.size === 0 && constants.variableDefaults.size === 0) return body;
  const resolved = resolveConstants(body, constants);
  return isObject(resolved) ? resolved : body;
}

function providersOf(json: JsonObject, constants: StackConstants): Map<string, JsonObject> {
  const providers = new Map<string, JsonObject>();
  for (const [name, raw] of labelledBlocks(json.provider)) {
    const body = resolvedBody(withoutMetadata(raw), constants);
    const alias = str(body.alias);
    providers.set(alias !== undefined ? `${name}.${alias}` : name, body);
  }
  return providers;
}

function stripBraces(value: string | undefined): string | undefined {
  return value?.replace(/^\$\{(.*)\}$/, "$1");
}

/**
 * A construct path's segments below its stack (cdktf paths start with the
 * stack's name); the whole path's segments when it does not start there.
 */
export function pathBelowStack(stack: string | undefined, path: string | undefined): string[] {
  if (path === undefined) return [];
  const parts = path.split("/");
  return stack !== undefined && parts[0] === stack ? parts.slice(1) : parts;
}

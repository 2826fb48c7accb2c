/**
 * The stack index: one stack's Terraform JSON as resources and data sources
 * by address, with its `moved` and `import` blocks and outputs. Every later
 * step reads the stack through it.
 */
import { LoadedStack } from "./load";
import { block, isObject, JsonObject, list, str, withoutMetadata } from "./terraform-json";

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
}

/** Indexes a loaded stack. */
export function indexStack(stack: LoadedStack): StackIndex {
  const resources: TfResource[] = [];
  for (const mode of ["managed", "data"] as const) {
    const section = stack.json[mode === "managed" ? "resource" : "data"];
    if (!isObject(section)) continue;
    for (const type of Object.keys(section).sort()) {
      const byName = section[type];
      if (!isObject(byName)) continue;
      for (const name of Object.keys(byName).sort()) {
        const raw = block(byName[name]) ?? {};
        const metadata = isObject(raw["//"]) && isObject(raw["//"].metadata) ? raw["//"].metadata : undefined;
        resources.push({
          address: mode === "data" ? `data.${type}.${name}` : `${type}.${name}`,
          type,
          name,
          mode,
          constructPath: str(metadata?.path),
          body: withoutMetadata(raw),
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
  };
}

function stripBraces(value: string | undefined): string | undefined {
  return value?.replace(/^\$\{(.*)\}$/, "$1");
}

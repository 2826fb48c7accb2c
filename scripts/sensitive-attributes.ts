/**
 * The providers' sensitive attributes, from `terraform providers schema -json`:
 * the oracle that the review's secret-position table (src/review/secrets.ts)
 * is tested against (test/review/secret-positions.test.ts), kept in
 * test/fixtures/provider-sensitive-attributes.json.
 *
 *   node -r esbuild-register scripts/sensitive-attributes.ts <schema.json>   print the fixture for that schema
 *
 * The end-to-end suite (e2e/suite/schema.e2e.ts) computes it from the real
 * provider binaries and fails when the fixture differs.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";

interface SchemaBlock {
  readonly attributes?: Record<string, { readonly sensitive?: boolean; readonly nested_type?: SchemaBlock }>;
  readonly block_types?: Record<string, { readonly block: SchemaBlock }>;
}
interface ProviderSchema {
  readonly provider?: { readonly block: SchemaBlock };
  readonly resource_schemas?: Record<string, { readonly block: SchemaBlock }>;
  readonly data_source_schemas?: Record<string, { readonly block: SchemaBlock }>;
}

/** The output of `terraform providers schema -json`, as far as it is read here. */
export interface ProviderSchemas {
  readonly provider_schemas?: Record<string, ProviderSchema>;
}

/** What the fixture holds: the provider versions, and `[block kind, dotted path]` pairs, sorted. */
export interface SensitiveAttributes {
  readonly providers: Record<string, string>;
  readonly positions: [string, string][];
}

function walk(block: SchemaBlock, prefix: string, kind: string, out: [string, string][]): void {
  for (const [name, attribute] of Object.entries(block.attributes ?? {})) {
    const path = prefix ? `${prefix}.${name}` : name;
    if (attribute.sensitive === true) out.push([kind, path]);
    if (attribute.nested_type !== undefined) walk(attribute.nested_type, path, kind, out);
  }
  for (const [name, nested] of Object.entries(block.block_types ?? {})) walk(nested.block, prefix ? `${prefix}.${name}` : name, kind, out);
}

/**
 * Every attribute a provider schema marks `sensitive`, as the review names
 * block kinds: `okta_app_oauth`, `data.okta_app_oauth`, `provider.okta`.
 */
export function sensitivePositions(schemas: ProviderSchemas, versions: Record<string, string>): SensitiveAttributes {
  const out: [string, string][] = [];
  for (const [source, schema] of Object.entries(schemas.provider_schemas ?? {})) {
    const name = source.split("/").pop() ?? source;
    if (schema.provider !== undefined) walk(schema.provider.block, "", `provider.${name}`, out);
    for (const [type, r] of Object.entries(schema.resource_schemas ?? {})) walk(r.block, "", type, out);
    for (const [type, d] of Object.entries(schema.data_source_schemas ?? {})) walk(d.block, "", `data.${type}`, out);
  }
  out.sort((a, b) => (a[0] === b[0] ? (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0) : a[0] < b[0] ? -1 : 1));
  return { providers: versions, positions: out };
}

/**
 * The provider versions the project's bindings are generated for:
 * scripts/providers.sh, the one place that names the versions with their
 * commits, lists them first (the old pair's; the new pair's follow).
 */
export function pinnedProviderVersions(providersScript: string = readFileSync(join(__dirname, "providers.sh"), "utf8")): Record<string, string> {
  const versions: Record<string, string> = {};
  for (const m of providersScript.matchAll(/^\s*"(\w+)\|[^|]+\|[0-9a-f]{40}\|([0-9.]+)"\s*$/gm)) versions[m[1]] ??= m[2];
  return versions;
}

/** The fixture's text: one position per line, so a provider upgrade reads as a short diff. */
export function formatFixture(attributes: SensitiveAttributes): string {
  const rows = attributes.positions.map((p) => `    ${JSON.stringify(p)}`).join(",\n");
  return `{\n  "providers": ${JSON.stringify(attributes.providers)},\n  "positions": [\n${rows}\n  ]\n}\n`;
}

if (require.main === module) {
  const [schemaFile] = process.argv.slice(2);
  if (schemaFile === undefined) {
    console.error("usage: node -r esbuild-register scripts/sensitive-attributes.ts <terraform providers schema -json output>");
    process.exit(1);
  }
  const versions = pinnedProviderVersions();
  const schemas = JSON.parse(readFileSync(schemaFile, "utf8")) as ProviderSchemas;
  process.stdout.write(formatFixture(sensitivePositions(schemas, versions)));
}

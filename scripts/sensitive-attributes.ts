/**
 * The providers' secret attributes, from `terraform providers schema -json`
 * of the real binaries: the oracle that the review's secret-position table
 * (src/review/secret-table.ts) is tested against in both directions
 * (test/review/secret-positions.test.ts), one fixture per supported version
 * pair in test/fixtures/provider-schemas/.
 *
 *   npm run fixtures:sensitive-attributes             write the fixtures
 *   npm run fixtures:sensitive-attributes -- --check  exit 1 when a fixture differs
 *
 * It needs the provider binaries in the cache that scripts/providers.sh
 * names (CDKTF_OKTA_PROVIDER_CACHE, default
 * ~/.cache/cdktf-okta-cloudflare-access/bin) and `terraform` (or
 * TERRAFORM_BINARY_NAME) on PATH. `terraform init` runs offline, against a
 * filesystem mirror of those binaries in a temporary directory. The
 * end-to-end suite (e2e/suite/schema.e2e.ts) recomputes every fixture the
 * same way and fails when one differs.
 *
 * A fixture holds, per pair: the attributes the schemas mark `sensitive`,
 * and the attributes named like a credential (the review's name rule,
 * src/review/credentials.ts) that the schemas do not mark. Never the whole
 * schema: the two lists are what the tests need.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync, existsSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import { join } from "node:path";
import { isCredentialName } from "../src/review/credentials";

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

/** Provider versions: `{ okta: "6.12.0", cloudflare: "5.22.0" }`. */
export type VersionPair = Readonly<Record<string, string>>;

/**
 * The version pairs the review's tables are checked against: both ends of
 * the supported range (issue 22).
 */
export const VERSION_PAIRS: readonly VersionPair[] = [
  { okta: "4.20.0", cloudflare: "5.14.0" },
  { okta: "6.12.0", cloudflare: "5.22.0" },
];

export const FIXTURE_DIR = join(__dirname, "..", "test", "fixtures", "provider-schemas");

/** `okta-4.20.0+cloudflare-5.14.0.json` */
export function fixtureName(pair: VersionPair): string {
  return `${Object.entries(pair)
    .map(([name, version]) => `${name}-${version}`)
    .join("+")}.json`;
}

/** What a fixture holds: `[block kind, dotted path]` pairs, sorted, as the review names block kinds (`okta_app_oauth`, `data.okta_app_oauth`, `provider.okta`). */
export interface SensitiveAttributes {
  readonly providers: VersionPair;
  /** Every attribute the schemas mark `sensitive`. */
  readonly sensitive: [string, string][];
  /** Every other attribute whose name is a credential's by the review's name rule. */
  readonly credentialNamed: [string, string][];
}

function walk(block: SchemaBlock, prefix: string, kind: string, visit: (kind: string, path: string, sensitive: boolean) => void): void {
  for (const [name, attribute] of Object.entries(block.attributes ?? {})) {
    const path = prefix ? `${prefix}.${name}` : name;
    visit(kind, path, attribute.sensitive === true);
    if (attribute.nested_type !== undefined) walk(attribute.nested_type, path, kind, visit);
  }
  for (const [name, nested] of Object.entries(block.block_types ?? {})) walk(nested.block, prefix ? `${prefix}.${name}` : name, kind, visit);
}

const byKindAndPath = (a: [string, string], b: [string, string]) => (a[0] === b[0] ? (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0) : a[0] < b[0] ? -1 : 1);

/** The fixture of one version pair, from its schemas. */
export function sensitiveAttributes(schemas: ProviderSchemas, providers: VersionPair): SensitiveAttributes {
  const sensitive: [string, string][] = [];
  const credentialNamed: [string, string][] = [];
  const visit = (kind: string, path: string, isSensitive: boolean) => {
    if (isSensitive) sensitive.push([kind, path]);
    else if (isCredentialName(path.split(".").pop() ?? path)) credentialNamed.push([kind, path]);
  };
  for (const [source, schema] of Object.entries(schemas.provider_schemas ?? {})) {
    const name = source.split("/").pop() ?? source;
    if (schema.provider !== undefined) walk(schema.provider.block, "", `provider.${name}`, visit);
    for (const [type, r] of Object.entries(schema.resource_schemas ?? {})) walk(r.block, "", type, visit);
    for (const [type, d] of Object.entries(schema.data_source_schemas ?? {})) walk(d.block, "", `data.${type}`, visit);
  }
  return { providers, sensitive: sensitive.sort(byKindAndPath), credentialNamed: credentialNamed.sort(byKindAndPath) };
}

/** The fixture's text: one attribute per line, so a provider upgrade reads as a short diff. */
export function formatFixture(attributes: SensitiveAttributes): string {
  const rows = (list: [string, string][]) => list.map((p) => `    ${JSON.stringify(p)}`).join(",\n");
  return [
    "{",
    `  "providers": ${JSON.stringify(attributes.providers)},`,
    `  "sensitive": [\n${rows(attributes.sensitive)}\n  ],`,
    `  "credentialNamed": [\n${rows(attributes.credentialNamed)}\n  ]`,
    "}",
    "",
  ].join("\n");
}

/** Where the provider binaries are: scripts/providers.sh's cache. */
export function providerCache(): string {
  return process.env.CDKTF_OKTA_PROVIDER_CACHE ?? join(homedir(), ".cache", "cdktf-okta-cloudflare-access", "bin");
}

/** Terraform's platform name, as its mirror layout wants it: `linux_amd64`. */
function platform(): string {
  const arch = process.arch === "x64" ? "amd64" : process.arch === "ia32" ? "386" : process.arch;
  return `${process.platform}_${arch}`;
}

/**
 * `terraform providers schema -json` for one version pair, offline: a
 * filesystem mirror of the cached binaries and a CLI config that allows only
 * it, in a temporary directory removed afterwards. Throws with the missing
 * binary's path.
 */
export function readProviderSchemas(pair: VersionPair, options: { cache?: string; terraform?: string } = {}): ProviderSchemas {
  const cache = options.cache ?? providerCache();
  const terraform = options.terraform ?? process.env.TERRAFORM_BINARY_NAME ?? "terraform";
  const dir = mkdtempSync(join(tmpdir(), "provider-schemas-"));
  try {
    const mirror = join(dir, "mirror");
    const requiredProviders: Record<string, { source: string; version: string }> = {};
    for (const [name, version] of Object.entries(pair)) {
      const binary = join(cache, `terraform-provider-${name}_v${version}`);
      if (!existsSync(binary)) throw new Error(`${binary} is missing: build it (scripts/providers.sh names the cache) before computing the ${fixtureName(pair)} fixture`);
      for (const host of ["registry.terraform.io", "registry.opentofu.org"]) {
        const target = join(mirror, host, name, name, version, platform());
        mkdirSync(target, { recursive: true });
        symlinkSync(binary, join(target, `terraform-provider-${name}_v${version}`));
      }
      requiredProviders[name] = { source: `${name}/${name}`, version };
    }
    writeFileSync(join(dir, "terraform.rc"), `provider_installation {\n  filesystem_mirror {\n    path = ${JSON.stringify(mirror)}\n  }\n}\n`);
    const work = join(dir, "work");
    mkdirSync(work);
    writeFileSync(join(work, "main.tf.json"), JSON.stringify({ terraform: { required_providers: requiredProviders } }));
    const env: NodeJS.ProcessEnv = { ...process.env, TF_CLI_CONFIG_FILE: join(dir, "terraform.rc"), CHECKPOINT_DISABLE: "1", TF_IN_AUTOMATION: "1", TF_INPUT: "0" };
    for (const key of Object.keys(env)) if (/^(TF_CLI_ARGS|TF_VAR_|OKTA_|CLOUDFLARE_)/.test(key)) delete env[key];
    execFileSync(terraform, ["init", "-input=false", "-no-color"], { cwd: work, env, stdio: ["ignore", "ignore", "pipe"] });
    const out = execFileSync(terraform, ["providers", "schema", "-json", "-no-color"], { cwd: work, env, maxBuffer: 512 * 1024 * 1024, stdio: ["ignore", "pipe", "pipe"] });
    return JSON.parse(out.toString("utf8")) as ProviderSchemas;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The committed fixture of a pair. */
export function readFixture(pair: VersionPair): SensitiveAttributes {
  return JSON.parse(readFileSync(join(FIXTURE_DIR, fixtureName(pair)), "utf8")) as SensitiveAttributes;
}

if (require.main === module) {
  const check = process.argv.includes("--check");
  let stale = 0;
  for (const pair of VERSION_PAIRS) {
    const file = join(FIXTURE_DIR, fixtureName(pair));
    const text = formatFixture(sensitiveAttributes(readProviderSchemas(pair), pair));
    const current = existsSync(file) ? readFileSync(file, "utf8") : undefined;
    if (check) {
      if (current !== text) {
        stale++;
        console.error(`${file} differs from the providers' schemas: run npm run fixtures:sensitive-attributes`);
      }
    } else {
      mkdirSync(FIXTURE_DIR, { recursive: true });
      writeFileSync(file, text);
      console.log(`${current === text ? "unchanged" : "wrote"} ${file}`);
    }
  }
  process.exit(stale > 0 ? 1 : 0);
}

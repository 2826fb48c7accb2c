/**
 * Extracts the provider schemas the bindings are generated from: runs
 * `terraform providers schema -json` with the real provider binaries and keeps
 * exactly what this library uses (SUBSET below), one committed file per
 * provider version in providers/ (`providers/okta-6.12.0.json`).
 *
 *   npm run extract:schemas                      every supported provider's oldest and newest version
 *   npm run extract:schemas -- okta@6.12.0       one version
 *
 * Needs `terraform` on PATH and the binaries in the cache that
 * scripts/providers.sh fills (~/.cache/cdktf-okta-cloudflare-access/bin, or
 * CDKTF_OKTA_PROVIDER_CACHE): Terraform finds them through a filesystem mirror
 * in a temporary directory and never contacts a registry. Generating the
 * bindings (`npm run generate:providers`) needs only the committed files.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { ProviderName, SUPPORTED } from "../src/private/provider-versions";

const ROOT = resolve(__dirname, "..");
export const SCHEMA_DIR = join(ROOT, "providers");

/**
 * The provider, resources and data sources the library uses, and those the
 * groups-claim work needs (federated claim, authorization server and its
 * policy, rule and scope). `okta_group` is for tests and README examples
 * that create groups.
 */
export const SUBSET: Readonly<Record<ProviderName, { readonly resources: readonly string[]; readonly dataSources: readonly string[] }>> = {
  okta: {
    resources: [
      "okta_app_oauth",
      "okta_app_group_assignment",
      "okta_app_group_assignments",
      "okta_app_federated_claim",
      "okta_auth_server",
      "okta_auth_server_claim",
      "okta_auth_server_policy",
      "okta_auth_server_policy_rule",
      "okta_auth_server_scope",
      "okta_group",
    ],
    dataSources: ["okta_everyone_group"],
  },
  cloudflare: {
    resources: [
      "cloudflare_zero_trust_access_identity_provider",
      "cloudflare_zero_trust_access_group",
      "cloudflare_zero_trust_access_policy",
      "cloudflare_zero_trust_access_application",
    ],
    dataSources: [],
  },
};

/** The registry address Terraform gives a provider source. */
export function registryAddress(provider: ProviderName): string {
  return `registry.terraform.io/${SUPPORTED[provider].source}`;
}

/** The committed schema file of one provider version. */
export function schemaFile(provider: ProviderName, version: string): string {
  return join(SCHEMA_DIR, `${provider}-${version}.json`);
}

interface Schemas {
  readonly format_version: string;
  readonly provider_schemas: Record<string, { provider: unknown; resource_schemas?: Record<string, unknown>; data_source_schemas?: Record<string, unknown> }>;
}

function platform(): string {
  const arch = process.arch === "x64" ? "amd64" : process.arch;
  return `${process.platform}_${arch}`;
}

function extract(provider: ProviderName, version: string, cache: string): void {
  const binary = join(cache, `terraform-provider-${provider}_v${version}`);
  if (!existsSync(binary)) throw new Error(`${binary} does not exist: build it (scripts/providers.sh names the cache) or set CDKTF_OKTA_PROVIDER_CACHE`);
  const dir = mkdtempSync(join(tmpdir(), `schema-${provider}-`));
  try {
    const mirror = join(dir, "mirror");
    const target = join(mirror, "registry.terraform.io", SUPPORTED[provider].source, version, platform());
    mkdirSync(target, { recursive: true });
    symlinkSync(binary, join(target, `terraform-provider-${provider}_v${version}`));
    writeFileSync(
      join(dir, "terraform.rc"),
      `provider_installation {\n  filesystem_mirror {\n    path    = ${JSON.stringify(mirror)}\n    include = [${JSON.stringify(registryAddress(provider))}]\n  }\n}\n`,
    );
    const work = join(dir, "work");
    mkdirSync(work);
    writeFileSync(
      join(work, "main.tf.json"),
      JSON.stringify({ terraform: { required_providers: { [provider]: { source: SUPPORTED[provider].source, version } } } }, null, 2),
    );
    const env = { ...process.env, TF_CLI_CONFIG_FILE: join(dir, "terraform.rc"), CHECKPOINT_DISABLE: "1", TF_IN_AUTOMATION: "1" };
    execFileSync("terraform", ["init", "-input=false", "-backend=false"], { cwd: work, env, stdio: ["ignore", "ignore", "inherit"] });
    const terraformVersion = (JSON.parse(execFileSync("terraform", ["version", "-json"], { cwd: work, env, encoding: "utf8" })) as { terraform_version: string }).terraform_version;
    const all = JSON.parse(execFileSync("terraform", ["providers", "schema", "-json"], { cwd: work, env, encoding: "utf8", maxBuffer: 1 << 30 })) as Schemas;
    const address = registryAddress(provider);
    const full = all.provider_schemas[address];
    if (full === undefined) throw new Error(`terraform providers schema -json has no ${address}`);
    const pick = (from: Record<string, unknown> | undefined, names: readonly string[], kind: string): Record<string, unknown> => {
      const picked: Record<string, unknown> = {};
      for (const name of names) {
        // A resource that a version does not have yet (okta_app_federated_claim before 6.5.5) is left out.
        if (from?.[name] !== undefined) picked[name] = from[name];
        else console.error(`[schemas] ${provider} ${version} has no ${kind} ${name}`);
      }
      return picked;
    };
    const subset = {
      "//": `Generated by scripts/provider-schemas.ts (npm run extract:schemas) from \`terraform providers schema -json\`: only what this library uses. Do not edit.`,
      provider,
      version,
      terraform_version: terraformVersion,
      format_version: all.format_version,
      provider_schemas: {
        [address]: {
          provider: full.provider,
          resource_schemas: pick(full.resource_schemas, SUBSET[provider].resources, "resource"),
          data_source_schemas: pick(full.data_source_schemas, SUBSET[provider].dataSources, "data source"),
        },
      },
    };
    mkdirSync(SCHEMA_DIR, { recursive: true });
    writeFileSync(schemaFile(provider, version), `${JSON.stringify(subset, null, 2)}\n`);
    console.log(`[schemas] wrote ${schemaFile(provider, version).slice(ROOT.length + 1)} (terraform ${terraformVersion})`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function main(args: string[]): void {
  const cache = process.env.CDKTF_OKTA_PROVIDER_CACHE ?? join(homedir(), ".cache", "cdktf-okta-cloudflare-access", "bin");
  const wanted =
    args.length > 0
      ? args.map((a) => {
          const [name, version] = a.split("@");
          if (!(name in SUPPORTED) || version === undefined) throw new Error(`expected <provider>@<version> with provider okta or cloudflare, got ${JSON.stringify(a)}`);
          return { provider: name as ProviderName, version };
        })
      : (Object.keys(SUPPORTED) as ProviderName[]).flatMap((provider) => [
          { provider, version: SUPPORTED[provider].oldest },
          { provider, version: SUPPORTED[provider].newest },
        ]);
  for (const { provider, version } of wanted) extract(provider, version, cache);
}

if (require.main === module) main(process.argv.slice(2));

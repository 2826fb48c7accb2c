/**
 * Issue 22, item 2: everything the construct writes is in the schema of every
 * committed provider version (providers/<name>-<version>.json: both ends of
 * each supported range, as they are extracted), so the range holds at the
 * schema level: no attribute that the oldest version lacks, no block the
 * newest renamed. The end-to-end suite proves the behaviour on the binaries.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { TerraformStack, Testing, TerraformVariable } from "cdktf";
import { cloudflare, GroupsClaim, okta, OktaAccessIdentityProvider, ScimIdentityUpdateBehavior } from "../../src";
import { ProviderName, SUPPORTED } from "../../src/private/provider-versions";

interface SchemaBlock {
  readonly attributes?: Record<string, { readonly nested_type?: SchemaBlock }>;
  readonly block_types?: Record<string, { readonly block: SchemaBlock }>;
}
interface SchemaFile {
  readonly version: string;
  readonly provider_schemas: Record<string, { resource_schemas: Record<string, { block: SchemaBlock }>; data_source_schemas: Record<string, { block: SchemaBlock }> }>;
}

const DIR = join(__dirname, "..", "..", "providers");
const SCHEMAS: { provider: ProviderName; file: string; schema: SchemaFile }[] = readdirSync(DIR)
  .filter((f) => f.endsWith(".json"))
  .map((file) => ({ provider: file.split("-")[0] as ProviderName, file, schema: JSON.parse(readFileSync(join(DIR, file), "utf8")) as SchemaFile }));

/** Terraform's meta-arguments and cdktf's metadata: not the resource's schema. */
const META = new Set(["//", "provider", "count", "for_each", "depends_on", "lifecycle", "connection", "provisioner"]);

/** The dotted paths in `value` that `block` does not declare. */
function undeclared(block: SchemaBlock, value: unknown, prefix: string): string[] {
  if (value === null || typeof value !== "object") return [];
  if (Array.isArray(value)) return value.flatMap((v) => undeclared(block, v, prefix));
  const out: string[] = [];
  for (const [key, v] of Object.entries(value)) {
    const path = prefix === "" ? key : `${prefix}.${key}`;
    if (prefix === "" && META.has(key)) continue;
    if (key === "dynamic") {
      // dynamic "<block>" { content { ... } }
      for (const [name, d] of Object.entries(v as Record<string, { content?: unknown }>)) {
        const nested = block.block_types?.[name];
        if (nested === undefined) out.push(`${prefix === "" ? "" : `${prefix}.`}${name} (dynamic)`);
        else out.push(...undeclared(nested.block, d.content, `${path}.${name}`));
      }
      continue;
    }
    const attribute = block.attributes?.[key];
    const nested = block.block_types?.[key];
    if (attribute === undefined && nested === undefined) out.push(path);
    else if (attribute?.nested_type !== undefined) out.push(...undeclared(attribute.nested_type, v, path));
    else if (nested !== undefined) out.push(...undeclared(nested.block, v, path));
  }
  return out;
}

/** A stack with every feature of the construct. */
function everything(): unknown {
  const stack = new TerraformStack(Testing.app(), "all");
  new okta.OktaProvider(stack, "okta", { orgName: "dev-123456", baseUrl: "okta.com" });
  new cloudflare.CloudflareProvider(stack, "cloudflare", {});
  const exclusive = new OktaAccessIdentityProvider(stack, "Exclusive", {
    accountId: "0123456789abcdef0123456789abcdef",
    teamDomain: "example",
    oktaOrgUrl: "https://dev-123456.okta.com",
    groupsClaim: GroupsClaim.matchingRegex("^eng-"),
    authorizationServerId: "aus1b2c3d4e5f6g7h8i9",
    emailClaimName: "email",
    claims: ["name"],
    scim: { userDeprovision: true, seatDeprovision: true, identityUpdateBehavior: ScimIdentityUpdateBehavior.REAUTH },
  });
  exclusive.protectApplication("Wiki", { domain: "wiki.example.com", allowedOktaGroups: ["eng-wiki"], sessionDuration: "8h", policySessionDuration: "4h", autoRedirect: true, name: "Wiki" });
  exclusive.accessGroup("Engineers", { oktaGroups: ["eng-a", "eng-b"] });
  new OktaAccessIdentityProvider(stack, "Additive", {
    zoneId: "fedcba9876543210fedcba9876543210",
    teamDomain: "second",
    oktaOrgUrl: "https://dev-123456.okta.com",
    assignedGroupIds: ["00g1b2c3d4e5f6g7h8i9"],
    exclusiveAssignments: false,
    groupsClaim: GroupsClaim.expression('Groups.startsWith("OKTA", "eng", 100)'),
    adopt: { oktaAppId: "0oa1b2c3d4e5f6g7h8i9", identityProviderId: "0d7c1c8e-3f3a-4c55-9b1e-2f8d6a4b7e10" },
  });
  const list = new TerraformVariable(stack, "groups", { type: "list(string)" });
  new OktaAccessIdentityProvider(stack, "Dynamic", {
    accountId: "0123456789abcdef0123456789abcdef",
    teamDomain: "third",
    oktaOrgUrl: "https://dev-123456.okta.com",
    assignedGroupIds: list.listValue,
  });
  return JSON.parse(Testing.synth(stack));
}

const json = everything() as { resource: Record<string, Record<string, unknown>>; data: Record<string, Record<string, unknown>> };

test("the stack uses every resource type of the construct", () => {
  expect(Object.keys(json.resource).sort()).toEqual([
    "cloudflare_zero_trust_access_application",
    "cloudflare_zero_trust_access_group",
    "cloudflare_zero_trust_access_identity_provider",
    "cloudflare_zero_trust_access_policy",
    "okta_app_group_assignment",
    "okta_app_group_assignments",
    "okta_app_oauth",
    "okta_auth_server_claim",
  ]);
  expect(Object.keys(json.data)).toEqual(["okta_everyone_group"]);
});

test("both ends of each range are committed", () => {
  for (const provider of Object.keys(SUPPORTED) as ProviderName[]) {
    const versions = SCHEMAS.filter((s) => s.provider === provider).map((s) => s.schema.version);
    expect(versions).toContain(SUPPORTED[provider].newest);
    expect(versions).toContain(SUPPORTED[provider].oldest);
  }
});

test.each(SCHEMAS.map((s) => [s.file, s] as const))("%s declares every attribute and block the construct writes", (_file, { provider, schema }) => {
  const address = `registry.terraform.io/${SUPPORTED[provider].source}`;
  const problems: string[] = [];
  for (const [kind, blocks, schemas] of [
    ["resource", json.resource, schema.provider_schemas[address].resource_schemas],
    ["data", json.data, schema.provider_schemas[address].data_source_schemas],
  ] as const) {
    for (const [type, instances] of Object.entries(blocks)) {
      if (!type.startsWith(`${provider}_`)) continue;
      const s = schemas[type];
      if (s === undefined) {
        problems.push(`${kind} ${type}: not in the schema`);
        continue;
      }
      for (const [name, body] of Object.entries(instances)) problems.push(...undeclared(s.block, body, "").map((p) => `${kind} ${type}.${name}: ${p}`));
    }
  }
  expect(problems).toEqual([]);
});

test("the walk names what a schema lacks: attributes, nested attributes, blocks and dynamic blocks", () => {
  const block: SchemaBlock = {
    attributes: { name: {}, config: { nested_type: { attributes: { client_id: {} } } } },
    block_types: { group: { block: { attributes: { id: {} } } } },
  };
  const body = {
    name: "x",
    provider: "okta.second",
    config: { client_id: "a", secret: "b" },
    group: [{ id: "1" }, { id: "2", priority: 1 }],
    dynamic: { group: { content: { id: "x", extra: 1 } }, missing: { content: {} } },
    labels: ["a"],
  };
  expect(undeclared(block, body, "")).toEqual(["config.secret", "group.priority", "dynamic.group.extra", "missing (dynamic)", "labels"]);
});

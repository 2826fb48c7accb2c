/**
 * Issue 22, item 1: provider configurations users already have keep working,
 * whatever bindings they come from. Here: bindings generated the way
 * `cdktf get` generates them (the same generator, the exact provider version
 * recorded, the generator's own layout) for okta 4.20.0, the version of the
 * prebuilt @cdktf/provider-okta 14.1.1. The prebuilt packages themselves are
 * checked by `npm run test:cdktn` (scripts/cdktn-check.js), which installs
 * them from the registry.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import { devNull } from "node:os";
import { join } from "node:path";
import { TerraformProvider, TerraformStack, Testing } from "cdktf";
import { Construct } from "constructs";
import { cloudflare, okta, OktaAccessIdentityProvider } from "../../src";
import { BASE_PROPS, synth, warnings } from "../helpers";

const ROOT = join(__dirname, "..", "..");
// .gen/ is where `cdktf get` writes, and git-ignored.
const OUT = join(ROOT, ".gen", `other-bindings-${process.pid}`);

type ProviderClass = new (scope: Construct, id: string, config: Record<string, unknown>) => TerraformProvider;
let OktaProvider: ProviderClass;

beforeAll(() => {
  // In a child process: the generator's @cdktf/commons starts `terraform
  // version` when loaded, which would outlive this test file in a jest worker.
  const script = `
    const { readFileSync } = require("node:fs");
    const { CodeMaker, TerraformProviderGenerator } = require("@cdktf/provider-generator");
    const { ConstructsMakerProviderTarget, TerraformProviderConstraint, LANGUAGES } = require("@cdktf/commons");
    const schema = JSON.parse(readFileSync(process.argv[1], "utf8"));
    const code = new CodeMaker();
    // As \`cdktf get\` does for "okta/okta@~> 4.0" with 4.20.0 in the lock file.
    const generator = new TerraformProviderGenerator(code, {
      format_version: schema.format_version,
      provider_schemas: schema.provider_schemas,
      provider_versions: { "registry.terraform.io/okta/okta": "4.20.0" },
    });
    generator.generate(new ConstructsMakerProviderTarget(new TerraformProviderConstraint("okta/okta@~> 4.0"), LANGUAGES[0]));
    code.save(process.argv[2]).then(() => process.exit(0));`;
  mkdirSync(OUT, { recursive: true });
  execFileSync(process.execPath, ["-e", script, join(ROOT, "providers", "okta-4.20.0.json"), OUT], {
    cwd: ROOT,
    env: { ...process.env, CHECKPOINT_DISABLE: "1", TF_CLI_CONFIG_FILE: devNull },
    stdio: ["ignore", "ignore", "inherit"],
  });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  OktaProvider = (require(join(OUT, "providers", "okta", "provider")) as { OktaProvider: ProviderClass }).OktaProvider;
});

afterAll(() => rmSync(OUT, { recursive: true, force: true }));

function stackWithGetBindings(): { stack: TerraformStack; provider: TerraformProvider } {
  const stack = new TerraformStack(Testing.app(), "test");
  const provider = new OktaProvider(stack, "okta", { orgName: "dev-123456", baseUrl: "okta.com", apiToken: "${var.okta_token}" });
  new cloudflare.CloudflareProvider(stack, "cloudflare", {});
  return { stack, provider };
}

test("the construct uses a `cdktf get` Okta provider, as the default and as oktaProvider", () => {
  const { stack, provider } = stackWithGetBindings();
  expect(provider).not.toBeInstanceOf(okta.OktaProvider);
  new OktaAccessIdentityProvider(stack, "Default", { ...BASE_PROPS });
  new OktaAccessIdentityProvider(stack, "Explicit", { ...BASE_PROPS, teamDomain: "second", oktaProvider: provider });
  const json = synth(stack);
  // The exact version those bindings record is what Terraform sees; it is in the supported range.
  expect(json.terraform.required_providers.okta).toEqual({ source: "okta/okta", version: "4.20.0" });
  expect(json.provider.okta).toEqual([{ api_token: "${var.okta_token}", base_url: "okta.com", org_name: "dev-123456" }]);
  expect(Object.keys(json.resource.okta_app_oauth)).toHaveLength(2);
  const explicit = Object.values(json.resource.okta_app_oauth as Record<string, { label: string; provider?: string }>).filter((r) => r.provider === "okta");
  expect(explicit).toHaveLength(1);
  expect(Object.keys(json.resource.cloudflare_zero_trust_access_identity_provider)).toHaveLength(2);
  expect(warnings(stack)).toEqual([]);
});

test("its settings are read like ours: the OAuth 2.0 groups-claim warning", () => {
  const stack = new TerraformStack(Testing.app(), "test");
  new OktaProvider(stack, "okta", { orgName: "dev-123456", baseUrl: "okta.com", privateKey: "${var.key}", clientId: "0oa1", scopes: ["okta.apps.manage"] });
  new cloudflare.CloudflareProvider(stack, "cloudflare", {});
  new OktaAccessIdentityProvider(stack, "Okta", { ...BASE_PROPS });
  expect(warnings(stack)).toEqual([expect.stringMatching(/authenticates with OAuth 2\.0 \(privateKey\/accessToken\)/)]);
});

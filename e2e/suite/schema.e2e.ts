/**
 * The providers' schemas, from the real binaries: the sensitive attributes
 * that the review's secret-position table is tested against
 * (test/review/secret-positions.test.ts) are still what okta 4.20.0 and
 * cloudflare 5.14.0 mark sensitive. No emulator: `terraform providers
 * schema -json` only loads the providers.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { formatFixture, pinnedProviderVersions, sensitivePositions } from "../../scripts/sensitive-attributes";
import { terraformEnv, toolSetup, workDir } from "../lib/env";
import { step } from "../lib/run";
import { TerraformDir } from "../lib/terraform";

const SUITE = "schema";
const ROOT = join(__dirname, "..", "..");

test("the sensitive attributes of the real providers' schemas are the fixture's", async () => {
  const tools = toolSetup();
  const versions = pinnedProviderVersions();
  const dir = workDir(SUITE);
  const requiredProviders = Object.fromEntries(Object.entries(versions).map(([name, version]) => [name, { source: `${name}/${name}`, version }]));
  writeFileSync(join(dir, "main.tf.json"), JSON.stringify({ terraform: { required_providers: requiredProviders } }));
  const tf = new TerraformDir(dir, tools.binary, terraformEnv(tools), SUITE);
  await step(SUITE, "init", () => tf.init());
  const schemas = await step(SUITE, "providers schema", () => tf.providerSchemas());
  const live = formatFixture(sensitivePositions(schemas, versions));
  // On a difference: node -r esbuild-register scripts/sensitive-attributes.ts <schema.json> > test/fixtures/provider-sensitive-attributes.json
  expect(live).toBe(readFileSync(join(ROOT, "test", "fixtures", "provider-sensitive-attributes.json"), "utf8"));
});

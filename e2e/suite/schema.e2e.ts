/**
 * The providers' schemas, from the real binaries: for every supported
 * version pair, the attributes the schemas mark sensitive, and the others
 * named like a credential, are still what the committed fixture says
 * (test/fixtures/provider-schemas/), so that the review's secret-position
 * table is tested against the schemas users run (test/review/secret-positions.test.ts).
 * No emulator: `terraform providers schema -json` only loads the providers.
 */
import { fixtureName, formatFixture, FIXTURE_DIR, readProviderSchemas, sensitiveAttributes, VERSION_PAIRS } from "../../scripts/sensitive-attributes";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { toolSetup } from "../lib/env";
import { step } from "../lib/run";

const SUITE = "schema";

test.each(VERSION_PAIRS.map((pair) => [fixtureName(pair), pair] as const))(
  "%s: the real providers' sensitive and credential-named attributes are the fixture's",
  async (name, pair) => {
    const tools = toolSetup();
    const schemas = await step(SUITE, `providers schema ${name}`, () => readProviderSchemas(pair, { terraform: tools.binary }));
    // On a difference: npm run fixtures:sensitive-attributes
    expect(formatFixture(sensitiveAttributes(schemas, pair))).toBe(readFileSync(join(FIXTURE_DIR, name), "utf8"));
  },
);

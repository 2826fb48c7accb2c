/**
 * The review's secret-position table (src/review/secrets.ts) against the
 * providers' own schemas: every attribute okta 4.20.0 or cloudflare 5.14.0
 * marks `sensitive` is a secret position, and every extra entry of the table
 * has a reason. The schemas' sensitive attributes are kept in
 * test/fixtures/provider-sensitive-attributes.json, which the end-to-end
 * suite recomputes from the real provider binaries (e2e/suite/schema.e2e.ts).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pinnedProviderVersions, sensitivePositions, type SensitiveAttributes } from "../../scripts/sensitive-attributes";
import { findLiteralSecrets, isSecretPosition, maskAt, MASK, schemaSecretPositions } from "../../src/review/secrets";

const ROOT = join(__dirname, "..", "..");
const fixture = JSON.parse(readFileSync(join(ROOT, "test", "fixtures", "provider-sensitive-attributes.json"), "utf8")) as SensitiveAttributes;
const key = ([kind, path]: readonly [string, string]) => `${kind} ${path}`;
const table = new Set(schemaSecretPositions().map(key));
const schema = new Set(fixture.positions.map(key));

describe("the secret-position table holds every attribute the providers' schemas mark sensitive", () => {
  test("the fixture is of the provider versions the project pins, and not empty", () => {
    expect(fixture.providers).toEqual(pinnedProviderVersions());
    expect(fixture.providers).toEqual({ okta: "4.20.0", cloudflare: "5.14.0" });
    expect(fixture.positions.length).toBeGreaterThan(100);
  });

  test.each(fixture.positions)("%s %s is in the table", (kind, path) => {
    expect(table.has(key([kind, path]))).toBe(true);
  });

  test.each(fixture.positions)("%s %s is a secret position, also below a list index, and its literal is found and masked", (kind, path) => {
    const parts = path.split(".");
    expect(isSecretPosition(kind, parts)).toBe(true);
    const withIndexes = parts.flatMap((p, i) => (i < parts.length - 1 ? [p, 0] : [p]));
    expect(isSecretPosition(kind, withIndexes)).toBe(true);
    let body: any = "L1teralValue";
    for (const part of [...parts].reverse()) body = { [part]: body };
    const [root, type] = kind.startsWith("data.") ? ["data", kind.slice(5)] : kind.startsWith("provider.") ? ["provider", kind.slice(9)] : ["resource", kind];
    const json: any = root === "provider" ? { provider: { [type]: [body] } } : { [root]: { [type]: { x: body } } };
    const found = findLiteralSecrets({ name: "s", file: "s.tf.json", json });
    expect(found.map((f) => f.attribute)).toContain(path);
    expect(JSON.stringify(maskAt(body, [], kind))).not.toContain("L1teralValue");
    expect(JSON.stringify(maskAt(body, [], kind))).toContain(MASK);
  });

  test("every entry of the table that the schemas do not mark has a reason", () => {
    const resourceTypes = new Set(fixture.positions.map(([k]) => k));
    const unexplained = [...table].filter((entry) => {
      if (schema.has(entry)) return false;
      const [kind, path] = entry.split(" ");
      // Provider credentials and backends: no provider schema marks them (see the table's comments).
      if (kind.startsWith("provider.") || kind.startsWith("backend.")) return false;
      // Names of Cloudflare provider v4 (not in the 5.14.0 schema at all).
      if (/^cloudflare_(access_|tunnel$)/.test(kind) && !resourceTypes.has(kind)) return false;
      // A data source repeating a secret its resource's schema marks.
      const resource = kind.replace(/^data\./, "").replace(/s$/, "");
      const resourcePath = kind.endsWith("s") ? path.replace(/^result\./, "") : path;
      return !(kind.startsWith("data.") && schema.has(`${resource} ${resourcePath}`));
    });
    expect(unexplained).toEqual([]);
  });
});

describe("sensitivePositions: what the fixture is computed from", () => {
  test("walks attributes, nested attribute types and nested blocks of providers, resources and data sources", () => {
    const block = (attributes: Record<string, any>, blockTypes: Record<string, any> = {}): any => ({ attributes, block_types: blockTypes });
    const schemas = {
      provider_schemas: {
        "registry.terraform.io/acme/acme": {
          provider: { block: block({ token: { sensitive: true }, url: {} }) },
          resource_schemas: {
            acme_app: {
              block: block(
                { secret: { sensitive: true }, name: { sensitive: false }, config: { nested_type: block({ key: { sensitive: true }, id: {} }) } },
                { auth: { block: block({ password: { sensitive: true } }, { inner: { block: block({ pin: { sensitive: true } }) } }) } },
              ),
            },
          },
          data_source_schemas: { acme_app: { block: block({ secret: { sensitive: true } }) } },
        },
      },
    };
    expect(sensitivePositions(schemas, { acme: "1.0.0" })).toEqual({
      providers: { acme: "1.0.0" },
      positions: [
        ["acme_app", "auth.inner.pin"],
        ["acme_app", "auth.password"],
        ["acme_app", "config.key"],
        ["acme_app", "secret"],
        ["data.acme_app", "secret"],
        ["provider.acme", "token"],
      ],
    });
  });

  test("the pinned versions are read from scripts/providers.sh's provider lines", () => {
    const script = ['PROVIDERS=(', '  "okta|github.com/okta/terraform-provider-okta|1924ec5199ea47d90fef4e4abeb602d125bab779|4.20.0"', '  "x|y|notacommit|1.0"', ")"].join("\n");
    expect(pinnedProviderVersions(script)).toEqual({ okta: "4.20.0" });
  });

  test("of two versions of a provider (the old and the new pair's), the first listed is the pinned one", () => {
    const script = [
      "PROVIDERS=(",
      '  "okta|github.com/okta/terraform-provider-okta|1924ec5199ea47d90fef4e4abeb602d125bab779|4.20.0"',
      '  "okta|github.com/okta/terraform-provider-okta|e59c130b0b6e4b9f76aacbba437515cd5e95cc71|6.12.0"',
      ")",
    ].join("\n");
    expect(pinnedProviderVersions(script)).toEqual({ okta: "4.20.0" });
  });
});

/**
 * The review's secret-position table (src/review/secret-table.ts) against
 * the providers' own schemas, in both directions, for every supported
 * version pair (okta 4.20.0 + cloudflare 5.14.0, okta 6.12.0 + cloudflare
 * 5.22.0):
 *
 * - every attribute a schema marks `sensitive` is a secret position, found
 *   and masked;
 * - every position of the table is an attribute of a schema (a table entry
 *   that names an attribute no provider has protects nothing and hides a
 *   mistake);
 * - every attribute named like a credential but not marked is decided: a
 *   credential (the name rule applies), or listed in the table's
 *   NOT_CREDENTIALS for its block kinds, which must be real attributes too.
 *
 * The schemas' attributes are kept in test/fixtures/provider-schemas/, which
 * `npm run fixtures:sensitive-attributes` derives from the real binaries and
 * the end-to-end suite recomputes (e2e/suite/schema.e2e.ts).
 */
import { readdirSync } from "node:fs";
import { fixtureName, FIXTURE_DIR, formatFixture, readFixture, sensitiveAttributes, VERSION_PAIRS } from "../../scripts/sensitive-attributes";
import { BACKEND_SECRETS, NOT_CREDENTIALS, PROVIDER_SECRETS, RESOURCE_SECRETS } from "../../src/review/secret-table";
import { findLiteralSecrets, isSecretPosition, maskAt, MASK, schemaSecretPositions } from "../../src/review/secrets";

const fixtures = VERSION_PAIRS.map((pair) => ({ name: fixtureName(pair), pair, ...readFixture(pair) }));
const key = ([kind, path]: readonly [string, string]) => `${kind} ${path}`;
const leaf = (path: string) => path.split(".").pop() ?? path;
const table = new Set(schemaSecretPositions().map(key));
const sensitiveIn = fixtures.map((f) => new Set(f.sensitive.map(key)));
const realIn = fixtures.map((f) => new Set([...f.sensitive, ...f.credentialNamed].map(key)));

describe("the fixtures: one per supported version pair, from the real schemas", () => {
  test("a fixture for each pair and no other, each of its pair's versions", () => {
    expect(readdirSync(FIXTURE_DIR).sort()).toEqual(VERSION_PAIRS.map(fixtureName).sort());
    for (const f of fixtures) expect(f.providers).toEqual(f.pair);
    expect(VERSION_PAIRS).toEqual([
      { okta: "4.20.0", cloudflare: "5.14.0" },
      { okta: "6.12.0", cloudflare: "5.22.0" },
    ]);
  });

  test.each(fixtures.map((f) => [f.name, f] as const))("%s is what the generator writes (sorted, one attribute a line), and not empty", (_name, f) => {
    expect(formatFixture({ providers: f.providers, sensitive: f.sensitive, credentialNamed: f.credentialNamed })).toBe(
      formatFixture({ providers: f.pair, sensitive: [...f.sensitive].sort(), credentialNamed: [...f.credentialNamed].sort() }),
    );
    expect(f.sensitive.length).toBeGreaterThan(100);
    expect(f.sensitive.some(([kind]) => kind.startsWith("okta_"))).toBe(true);
    expect(f.sensitive.some(([kind]) => kind.startsWith("cloudflare_"))).toBe(true);
  });
});

describe("every attribute the schemas mark sensitive is a secret position", () => {
  const all = fixtures.flatMap((f) => f.sensitive.map(([kind, path]) => [f.name, kind, path] as const));

  test.each(all)("%s: %s %s is in the table, a position also below list indexes, found and masked", (_pair, kind, path) => {
    expect(table.has(key([kind, path]))).toBe(true);
    const parts = path.split(".");
    expect(isSecretPosition(kind, parts)).toBe(true);
    expect(isSecretPosition(kind, parts.flatMap((p, i) => (i < parts.length - 1 ? [p, 0] : [p])))).toBe(true);
    let body: any = "L1teralValue";
    for (const part of [...parts].reverse()) body = { [part]: body };
    const [root, type] = kind.startsWith("data.") ? ["data", kind.slice(5)] : kind.startsWith("provider.") ? ["provider", kind.slice(9)] : ["resource", kind];
    const json: any = root === "provider" ? { provider: { [type]: [body] } } : { [root]: { [type]: { x: body } } };
    // Found at the path, or at a credential-named block holding it (config.credentials holds config.credentials.secret_access_key).
    const found = findLiteralSecrets({ name: "s", file: "s.tf.json", json }).map((f) => f.attribute);
    expect(found.some((attribute) => attribute === path || path.startsWith(`${attribute}.`))).toBe(true);
    expect(JSON.stringify(maskAt(body, [], kind))).not.toContain("L1teralValue");
    expect(JSON.stringify(maskAt(body, [], kind))).toContain(MASK);
  });
});

describe("every position of the table is an attribute of the schemas", () => {
  test.each([...RESOURCE_SECRETS].flatMap(([kind, paths]) => paths.map((path) => [kind, path] as const)))(
    "%s %s is marked sensitive in at least one supported pair",
    (kind, path) => {
      expect(sensitiveIn.some((s) => s.has(key([kind, path])))).toBe(true);
    },
  );

  test.each([...PROVIDER_SECRETS].flatMap(([name, paths]) => paths.map((path) => [`provider.${name}`, path] as const)))(
    "%s %s is an attribute of the provider block in every pair (marked sensitive, or named like a credential)",
    (kind, path) => {
      for (const real of realIn) expect(real.has(key([kind, path]))).toBe(true);
    },
  );

  test("backend positions are Terraform's, not a provider's: they name backend types only", () => {
    expect([...BACKEND_SECRETS.keys()].sort()).toEqual(["azurerm", "cloud", "consul", "cos", "gcs", "http", "kubernetes", "oss", "pg", "remote", "s3"]);
    for (const f of fixtures) expect(f.sensitive.concat(f.credentialNamed).some(([kind]) => kind.startsWith("backend."))).toBe(false);
  });
});

describe("attributes named like a credential that the schemas do not mark", () => {
  const named = fixtures.flatMap((f) => f.credentialNamed.map(([kind, path]) => [f.name, kind, path] as const));

  test.each(NOT_CREDENTIALS.flatMap((n) => n.names.map((name) => [name, n.kinds, n.holds] as const)))(
    "%s (in %s) is a real attribute named like a credential that holds %s, never one a schema marks sensitive",
    (name, kinds) => {
      expect(named.some(([, kind, path]) => kinds.test(kind) && leaf(path) === name)).toBe(true);
      for (const f of fixtures) expect(f.sensitive.filter(([kind, path]) => kinds.test(kind) && leaf(path) === name)).toEqual([]);
    },
  );

  /**
   * The credential-named attributes no schema marks sensitive that the review
   * treats as credentials, each read in the provider's description: a
   * provider upgrade that adds one fails here until someone decides (a
   * credential: add it here; not one: an entry of NOT_CREDENTIALS).
   */
  const DECIDED_CREDENTIALS = [
    "cloudflare_pipeline_sink config.credentials", // an R2 access key id and secret (the secret is marked)
    "cloudflare_zero_trust_access_ai_controls_mcp_server auth_credentials", // the MCP server's credentials: cloudflare 5.22 marks it, 5.14 does not
    "cloudflare_zero_trust_device_posture_integration config.client_key", // the posture provider's client key: 5.22 marks it, 5.14 does not
    "data.cloudflare_zero_trust_tunnel_cloudflared_token token", // a tunnel's run token: 5.22 marks it, 5.14 does not
    "data.cloudflare_zero_trust_tunnel_warp_connector_token token",
    "data.cloudflare_zero_trust_access_application scim_config.authentication.password", // the SCIM service's password (the resource marks it)
    "data.cloudflare_zero_trust_access_applications result.scim_config.authentication.password",
    "data.okta_log_stream settings.token", // Splunk HEC token (the resource marks it)
    "okta_app_auto_login shared_password", // a SWA app's shared password
    "okta_app_basic_auth shared_password",
    "okta_app_secure_password_store shared_password",
    "okta_app_shared_credentials shared_password",
    "okta_app_three_field shared_password",
    "okta_authenticator provider_secret_key", // Duo's secret key
    "okta_domain_certificate private_key", // a custom domain certificate's private key
    "okta_email_smtp_server password", // the SMTP server's password
    "provider.cloudflare api_key", // provider credentials (PROVIDER_SECRETS); cloudflare 5.22 marks its own, 5.14 does not
    "provider.cloudflare api_token",
    "provider.cloudflare api_user_service_key",
    "provider.okta access_token",
    "provider.okta api_token",
    "provider.okta private_key",
  ];

  test("each of them is decided: a credential read as one by its name, or excluded in its block kind", () => {
    const treated = [...new Set(named.filter(([, kind, path]) => isSecretPosition(kind, path.split("."))).map(([, kind, path]) => `${kind} ${path}`))].sort();
    expect(treated).toEqual([...DECIDED_CREDENTIALS].sort());
    const excluded = named.filter(([, kind, path]) => !isSecretPosition(kind, path.split(".")));
    expect(excluded.filter(([, kind, path]) => !NOT_CREDENTIALS.some((n) => n.kinds.test(kind) && n.names.includes(leaf(path))))).toEqual([]);
  });
});

describe("the names of Cloudflare provider v4, which hand-written stacks still use", () => {
  /**
   * The secret attributes of the v4 types the review reads (cloudflare v4.52.8,
   * internal/sdkv2provider/schema_cloudflare_*.go), by their v4 names. No
   * supported schema has these types: they are positions by their names alone.
   */
  const V4: [string, string][] = [
    ["cloudflare_access_identity_provider", "config.client_secret"],
    ["cloudflare_access_identity_provider", "scim_config.secret"],
    ["cloudflare_access_application", "saas_app.client_secret"],
    ["cloudflare_access_application", "scim_config.authentication.password"],
    ["cloudflare_access_application", "scim_config.authentication.token"],
    ["cloudflare_access_application", "scim_config.authentication.client_secret"],
    ["cloudflare_access_service_token", "client_secret"],
    ["cloudflare_tunnel", "secret"],
    ["cloudflare_tunnel", "tunnel_token"],
  ];

  test.each(V4)("%s %s is a secret position by its name", (kind, path) => {
    expect(isSecretPosition(kind, path.split("."))).toBe(true);
    expect(isSecretPosition(`data.${kind}`, path.split("."))).toBe(true);
  });

  test("no supported schema has the v4 types, and the table lists none of them", () => {
    const kinds = new Set(V4.map(([kind]) => kind.replace(/^data\./, "")));
    for (const f of fixtures) expect(f.sensitive.concat(f.credentialNamed).filter(([kind]) => kinds.has(kind.replace(/^data\./, "")))).toEqual([]);
    expect([...table].filter((entry) => kinds.has(entry.split(" ")[0].replace(/^data\./, "")))).toEqual([]);
  });
});

describe("sensitiveAttributes: what a fixture is computed from", () => {
  test("walks attributes, nested attribute types and nested blocks of providers, resources and data sources", () => {
    const block = (attributes: Record<string, any>, blockTypes: Record<string, any> = {}): any => ({ attributes, block_types: blockTypes });
    const schemas = {
      provider_schemas: {
        "registry.terraform.io/acme/acme": {
          provider: { block: block({ token: { sensitive: true }, url: {}, api_key: {} }) },
          resource_schemas: {
            acme_app: {
              block: block(
                { secret: { sensitive: true }, name: { sensitive: false }, client_secret: {}, token_ttl: {}, config: { nested_type: block({ key: { sensitive: true }, id: {}, password: {} }) } },
                { auth: { block: block({ password: { sensitive: true } }, { inner: { block: block({ pin: { sensitive: true }, privateKey: {} }) } }) } },
              ),
            },
          },
          data_source_schemas: { acme_app: { block: block({ secret: { sensitive: true } }) } },
        },
      },
    };
    expect(sensitiveAttributes(schemas, { acme: "1.0.0" })).toEqual({
      providers: { acme: "1.0.0" },
      sensitive: [
        ["acme_app", "auth.inner.pin"],
        ["acme_app", "auth.password"],
        ["acme_app", "config.key"],
        ["acme_app", "secret"],
        ["data.acme_app", "secret"],
        ["provider.acme", "token"],
      ],
      credentialNamed: [
        ["acme_app", "auth.inner.privateKey"],
        ["acme_app", "client_secret"],
        ["acme_app", "config.password"],
        ["provider.acme", "api_key"],
      ],
    });
  });

  test("a fixture's file name says its pair", () => {
    expect(fixtureName({ okta: "6.12.0", cloudflare: "5.22.0" })).toBe("okta-6.12.0+cloudflare-5.22.0.json");
  });
});

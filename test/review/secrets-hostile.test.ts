/**
 * Hostile inputs for the secret rules: every evasion class of issue 9 and
 * more of each kind, and generated ones. A literal anywhere in a secret
 * position exits 2, names the place, and the value is printed nowhere (both
 * formats, stdout and stderr).
 */
import fc from "fast-check";
import { main } from "../../src/review/cli";
import { findLiteralSecrets, MASK, maskAt, maskSecrets, pathIsSecret, schemaSecretPositions } from "../../src/review/secrets";
import { handWrittenIdp, writeStackFile } from "./helpers";

const IDP = "cloudflare_zero_trust_access_identity_provider";

function run(...args: string[]) {
  let stdout = "";
  let stderr = "";
  const code = main(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

const stack = (json: any) => ({ name: "s", file: "s.tf.json", json });
const places = (json: any) => findLiteralSecrets(stack(json)).map((f) => `${f.block} ${f.attribute}`);

/** The IdP's client_secret set to `value`, with extra top-level blocks. */
const withClientSecret = (value: unknown, extra: Record<string, unknown> = {}) =>
  handWrittenIdp((j) => {
    j.resource[IDP].okta.config.client_secret = value;
    Object.assign(j, extra);
  });

/** Evasions: [what, client_secret value, extra blocks]. */
const EVASIONS: [string, unknown, Record<string, unknown>?][] = [
  ["a quoted string in ${}", '${"S3CRET-4f1c9a"}'],
  ["a quoted string with escapes", '${"S3CRET\\u002d4f1c9a"}'],
  ["text and an empty interpolation", 'S3CRET-4f1c9a${""}'],
  ["an empty interpolation and text", '${""}S3CRET-4f1c9a'],
  ["text and a reference", "S3CRET-4f1c9a${var.x}"],
  ["text and a resource reference", "${okta_app_oauth.cloudflare.client_secret}S3CRET-4f1c9a"],
  ["a heredoc inside ${}", "${<<EOT\nS3CRET-4f1c9a\nEOT\n}"],
  ["an indented heredoc inside ${}", "${<<-EOT\n  S3CRET-4f1c9a\n  EOT\n}"],
  ["a number", 40123456789],
  ["a float", 1.5e300],
  ["a number in ${}", "${40123456789}"],
  ["arithmetic", "${4012 * 1000 + 3456}"],
  ["an if directive", "%{ if true }S3CRET-4f1c9a%{ endif }"],
  ["an if directive on an unknown", "%{ if okta_app_oauth.cloudflare.id != \"\" }S3CRET-4f1c9a%{ endif }"],
  ["a for directive", '%{ for c in ["S3CRET", "-4f1c9a"] }${c}%{ endfor }'],
  ["a for directive with a strip marker", '%{~ for c in ["S3CRET-4f1c9a"] ~}${c}%{~ endfor ~}'],
  ["the $${ escape (a literal ${)", "$${okta_app_oauth.cloudflare.client_secret}"],
  ["the %%{ escape", "%%{S3CRET-4f1c9a}"],
  ["a function of a constant", '${base64decode("UzNDUkVULTRmMWM5YQ==")}'],
  ["a function with a constant fallback", '${coalesce(okta_app_oauth.cloudflare.client_secret, "S3CRET-4f1c9a")}'],
  ["try with a constant fallback", '${try(okta_app_oauth.cloudflare.client_secret, "S3CRET-4f1c9a")}'],
  ["a conditional with a constant branch", '${okta_app_oauth.cloudflare.id == "" ? "S3CRET-4f1c9a" : okta_app_oauth.cloudflare.client_secret}'],
  ["a conditional on a constant", '${true ? "S3CRET-4f1c9a" : okta_app_oauth.cloudflare.client_secret}'],
  ["format", '${format("%s-%s", "S3CRET", "4f1c9a")}'],
  ["join of constants", '${join("-", ["S3CRET", "4f1c9a"])}'],
  ["an index into a constant", '${["S3CRET-4f1c9a"][0]}'],
  ["an attribute of a constant object", '${{v = "S3CRET-4f1c9a"}.v}'],
  ["a for-expression over constants", '${join("", [for c in ["S3CRET-4f1c9a"] : c])}'],
  ["file() of a committed file", '${file("secret.txt")}'],
  ["a list holding a literal", ["S3CRET-4f1c9a"]],
  ["an object holding a literal", { v: "S3CRET-4f1c9a" }],
  ["a local holding a literal", "${local.s}", { locals: { s: "S3CRET-4f1c9a" } }],
  ["a local through a local", "${local.a}", { locals: { a: "${local.b}", b: '${"S3CRET-4f1c9a"}' } }],
  ["a local mixing text with a reference", "${local.a}", { locals: { a: "S3CRET-4f1c9a${okta_app_oauth.cloudflare.client_secret}" } }],
  ["a function of a local", "${upper(local.a)}", { locals: { a: "S3CRET-4f1c9a" } }],
  ["an attribute of a local object", "${local.m.okta}", { locals: { m: { okta: "S3CRET-4f1c9a" } } }],
  ["a local list as a list", "${local.l}", { locals: [{ l: ["S3CRET-4f1c9a"] }] }],
  ["a cycle between locals", "${local.a}", { locals: { a: "${local.b}", b: "${local.a}" } }],
  ["an undeclared local", "${local.missing}"],
  ["a variable's default", "${var.v}", { variable: { v: { type: "string", default: "S3CRET-4f1c9a" } } }],
  ["a sensitive variable's default", "${var.v}", { variable: { v: { type: "string", sensitive: true, default: "S3CRET-4f1c9a" } } }],
  ["a variable's default through a local", "${local.a}", { locals: { a: "${var.v}" }, variable: { v: { default: "S3CRET-4f1c9a" } } }],
  ["a variable not declared sensitive", "${var.v}", { variable: { v: { type: "string" } } }],
  ["an undeclared variable", "${var.undeclared}"],
  ["a module output", "${module.m.secret}"],
  ["each.value", "${each.value}"],
  ["a bare name", "${S3CRET}"],
  ["unparsable text", "${S3CRET-4f1c9a"],
  ["an unterminated directive", "%{ if true }S3CRET-4f1c9a"],
  ["a string with an unknown escape", '${"S3CRET\\q4f1c9a"}'],
  ["a constant in a branch not taken", '${false ? "S3CRET-4f1c9a" : okta_app_oauth.cloudflare.client_secret}'],
  ["a constant in a directive branch not taken", "%{ if false }S3CRET-4f1c9a%{ endif }${okta_app_oauth.cloudflare.client_secret}"],
  ["a constant in a loop over nothing", '${concat([for x in [] : "S3CRET-4f1c9a"], [okta_app_oauth.cloudflare.client_secret])[0]}'],
  ["a dead branch in a local", "${local.a}", { locals: { a: '${true ? okta_app_oauth.cloudflare.client_secret : "S3CRET-4f1c9a"}' } }],
  ["a deeply nested expression", `\${${"(".repeat(3000)}"S3CRET-4f1c9a"${")".repeat(3000)}}`],
];

// Rows of three: jest takes a missing last argument for a done callback.
const ROWS = EVASIONS.map(([what, value, extra]) => [what, value, extra ?? {}] as [string, unknown, Record<string, unknown>]);

describe("literal secrets: every evasion class", () => {
  test.each(ROWS)("%s is a literal secret", (_what, value, extra) => {
    const json = withClientSecret(value, extra ?? {});
    const found = findLiteralSecrets(stack(json));
    expect(found.map((f) => `${f.block} ${f.attribute}`)).toContain(`${IDP}.okta config.client_secret`);
    expect(found.every((f) => f.reason.length > 0)).toBe(true);
    expect(JSON.stringify(found)).not.toMatch(/S3CRET|4f1c9a|UzNDUkVU|40123456789/);
  });

  test.each(ROWS)("the CLI exits 2 and prints %s nowhere, in both formats", (_what, value, extra) => {
    const file = writeStackFile(withClientSecret(value, extra ?? {}));
    for (const format of ["markdown", "json"]) {
      const r = run("review", file, "--format", format);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`config.client_secret of ${IDP}.okta is not a safe Terraform reference`);
      expect(r.stdout + r.stderr).not.toMatch(/S3CRET|4f1c9a|UzNDUkVU|40123456789/);
    }
  });

  test.each<[string, unknown, Record<string, unknown>?]>([
    ["a resource attribute", "${okta_app_oauth.cloudflare.client_secret}", {}],
    ["a counted resource's attribute", "${okta_app_oauth.cloudflare[0].client_secret}", {}],
    ["a resource instance selected by count.index", "${okta_app_oauth.cloudflare[count.index].client_secret}", {}],
    ["a resource instance selected by each.key", "${okta_app_oauth.cloudflare[each.key].client_secret}", {}],
    ["a sensitive map selected by a plain variable", "${lookup(var.s, var.which)}", { variable: { s: { sensitive: true }, which: { type: "string" } } }],
    ["a data source attribute", "${data.okta_app_oauth.existing.client_secret}", {}],
    ["a function of a reference", "${trimspace(base64decode(okta_app_oauth.cloudflare.client_secret))}", {}],
    ["a sensitive variable without a default", "${var.s}", { variable: { s: { type: "string", sensitive: true } } }],
    ["a sensitive map variable, selected by key", '${lookup(var.s, "okta")}', { variable: { s: { type: "map(string)", sensitive: true } } }],
    ["a sensitive map variable, indexed", '${var.s["okta"]}', { variable: { s: { type: "map(string)", sensitive: true } } }],
    ["a local holding a reference", "${local.s}", { locals: { s: "${okta_app_oauth.cloudflare.client_secret}" } }],
    ["a local holding a sensitive variable", "${local.s}", { locals: { s: "${var.s}" }, variable: { s: { sensitive: true } } }],
    ["a conditional between references", "${var.s != null ? var.s : okta_app_oauth.cloudflare.client_secret}", { variable: { s: { sensitive: true } } }],
    ["an ephemeral resource's attribute", "${ephemeral.random_password.p.result}", {}],
    ["an ephemeral variable without a default", "${var.e}", { variable: { e: { type: "string", ephemeral: true } } }],
    ["an empty string", "", {}],
    ["null", null, {}],
  ])("%s is safe", (_what, value, extra) => {
    expect(places(withClientSecret(value, extra ?? {}))).toEqual([]);
  });
});

describe("literal secrets: every secret position", () => {
  const lit = "S3CRET-4f1c9a";
  test.each<[string, (j: any) => void, string]>([
    ["the Okta app's client_secret", (j) => (j.resource.okta_app_oauth.cloudflare.client_secret = lit), "okta_app_oauth.cloudflare client_secret"],
    ["the Okta app's client_basic_secret", (j) => (j.resource.okta_app_oauth.cloudflare.client_basic_secret = lit), "okta_app_oauth.cloudflare client_basic_secret"],
    ["a write-only variant", (j) => (j.resource.okta_app_oauth.cloudflare.client_secret_wo = lit), "okta_app_oauth.cloudflare client_secret_wo"],
    ["SCIM secret in a nested block", (j) => (j.resource[IDP].okta.scim_config = { enabled: true, secret: lit }), `${IDP}.okta scim_config.secret`],
    ["SCIM secret in a list block", (j) => (j.resource[IDP].okta.scim_config = [{ enabled: true, secret: lit }]), `${IDP}.okta scim_config[0].secret`],
    ["a block written as a list of blocks", (j) => (j.resource[IDP].okta = [{ name: "x", config: { client_secret: lit } }]), `${IDP}.okta config.client_secret`],
    ["a secret below a secret key", (j) => (j.resource[IDP].okta.config.client_secret = { v: lit }), `${IDP}.okta config.client_secret`],
    ["Access app SaaS client secret", (j) => (j.resource.cloudflare_zero_trust_access_application = { a: { saas_app: { client_secret: lit } } }), "cloudflare_zero_trust_access_application.a saas_app.client_secret"],
    ["Access app SCIM token", (j) => (j.resource.cloudflare_zero_trust_access_application = { a: { scim_config: { authentication: [{ token: lit }] } } }), "cloudflare_zero_trust_access_application.a scim_config.authentication[0].token"],
    ["a schema-only position (okta_user_factor_question.answer)", (j) => (j.resource.okta_user_factor_question = { q: { answer: lit } }), "okta_user_factor_question.q answer"],
    ["a schema-only position (okta_user.recovery_answer)", (j) => (j.resource.okta_user = { u: { recovery_answer: lit } }), "okta_user.u recovery_answer"],
    ["a schema-only position (IPsec psk)", (j) => (j.resource.cloudflare_magic_wan_ipsec_tunnel = { t: { psk: lit } }), "cloudflare_magic_wan_ipsec_tunnel.t psk"],
    ["a schema-only position (Okta log stream token)", (j) => (j.resource.okta_log_stream = { l: { settings: { token: lit } } }), "okta_log_stream.l settings.token"],
    ["a schema-only position (hyperdrive origin password)", (j) => (j.resource.cloudflare_hyperdrive_config = { h: { origin: { password: lit } } }), "cloudflare_hyperdrive_config.h origin.password"],
    ["a data source argument", (j) => (j.data.okta_app_oauth = { a: { client_secret: lit } }), "data.okta_app_oauth.a client_secret"],
    ["the Okta provider's api_token", (j) => (j.provider = { okta: [{ org_name: "acme", api_token: lit }] }), "provider.okta[0] api_token"],
    ["the Okta provider's private_key", (j) => (j.provider = { okta: { private_key: lit } }), "provider.okta[0] private_key"],
    ["the Cloudflare provider's api_key", (j) => (j.provider = { cloudflare: [{}, { alias: "b", api_key: lit }] }), "provider.cloudflare[1] api_key"],
    ["the Cloudflare provider's api_user_service_key", (j) => (j.provider = { cloudflare: [{ api_user_service_key: lit }] }), "provider.cloudflare[0] api_user_service_key"],
    ["an s3 backend secret_key", (j) => (j.terraform.backend = { s3: { bucket: "b", secret_key: lit } }), "terraform.backend.s3 secret_key"],
    ["an s3 backend access_key", (j) => (j.terraform.backend = { s3: { access_key: lit } }), "terraform.backend.s3 access_key"],
    ["a remote backend token", (j) => (j.terraform.backend = { remote: { organization: "o", token: lit } }), "terraform.backend.remote token"],
    ["a Terraform Cloud token", (j) => (j.terraform.cloud = { organization: "o", token: lit }), "terraform.cloud token"],
    ["an azurerm backend access_key", (j) => (j.terraform.backend = { azurerm: { access_key: lit } }), "terraform.backend.azurerm access_key"],
    ["an azurerm backend sas_token", (j) => (j.terraform.backend = [{ azurerm: { sas_token: lit } }]), "terraform.backend.azurerm sas_token"],
    ["gcs backend credentials", (j) => (j.terraform.backend = { gcs: { credentials: lit } }), "terraform.backend.gcs credentials"],
    ["an http backend password", (j) => (j.terraform.backend = { http: { address: "https://x", password: lit } }), "terraform.backend.http password"],
    ["a pg backend connection string", (j) => (j.terraform.backend = { pg: { conn_str: lit } }), "terraform.backend.pg conn_str"],
    ["a module argument", (j) => (j.module = { m: { source: "./m", client_secret: lit } }), "module.m client_secret"],
    // HCL's JSON syntax: every label level may be a list of objects (Terraform plans these).
    ["a resource type's names written as a list", (j) => (j.resource.okta_user = [{ u: { password: lit } }]), "okta_user.u password"],
    ["provider blocks written as a list", (j) => (j.provider = [{ okta: { org_name: "acme" } }, { okta: { alias: "b", api_token: lit } }]), "provider.okta[1] api_token"],
    ["module blocks written as a list", (j) => (j.module = [{ m: { source: "./m", client_secret: lit } }]), "module.m client_secret"],
    ["a credential-named local", (j) => (j.locals = { okta_api_token: lit }), "locals okta_api_token"],
    ["a sensitive output of a constant", (j) => (j.output = { o: { value: lit, sensitive: true } }), "output.o value"],
    ["a credential-named output", (j) => (j.output = { client_secret: { value: '${"x"}' } }), "output.client_secret value"],
    ["a sensitive variable with a default", (j) => (j.variable = { anything: { sensitive: true, default: lit } }), "variable.anything default"],
  ])("%s", (_what, change, place) => {
    const json = handWrittenIdp(change);
    const found = findLiteralSecrets(stack(json));
    expect(found.map((f) => `${f.block} ${f.attribute}`)).toContain(place);
    expect(JSON.stringify(found)).not.toContain(lit);
    const r = run("review", writeStackFile(json), "--format", "json");
    expect(r.code).toBe(2);
    expect(r.stdout + r.stderr).not.toContain(lit);
  });

  test("prototype-named types, names and keys are data: the literal is still found, and the CLI exits 2", () => {
    const json = handWrittenIdp((j) => {
      j.resource.constructor = { toString: { client_secret: "S3CRET-4f1c9a" } };
      j.resource.PROTO = { hasOwnProperty: { client_secret: "S3CRET-4f1c9a" } };
      j.locals = { constructor: "S3CRET-4f1c9a", valueOf: "${random_password.p.result}" };
      j.resource[IDP].okta.config.client_secret = "${local.constructor}";
      j.resource.okta_app_oauth.cloudflare.client_secret = "${local.valueOf}";
      j.variable = { toString: { default: "S3CRET-4f1c9a" } };
      j.output = { __defineGetter__: { value: "${var.toString}", sensitive: true } };
    });
    // JSON.parse makes "__proto__" an own key, as any input file would.
    const parsed = JSON.parse(JSON.stringify(json).replace('"PROTO"', '"__proto__"'));
    expect(Object.keys(parsed.resource)).toContain("__proto__");
    expect(places(parsed).sort()).toEqual(
      ["__proto__.hasOwnProperty client_secret", "constructor.toString client_secret", `${IDP}.okta config.client_secret`, "output.__defineGetter__ value"].sort(),
    );
    const r = run("review", writeStackFile(parsed));
    expect(r.code).toBe(2);
    expect(r.stdout + r.stderr).not.toContain("S3CRET");
  });
});

describe("every schema secret position of both providers, backends and provider blocks", () => {
  /** A stack holding `value` at `path` of a block of `kind` (nested blocks as objects or as lists), the block's name and body. */
  function placed(kind: string, path: string, value: string, asLists: boolean): { json: any; block: string; body: any } {
    let body: any = value;
    for (const key of path.split(".").reverse()) body = asLists && typeof body !== "string" ? { [key]: [body] } : { [key]: body };
    const [root, type] = kind.includes(".") ? kind.split(".") : ["resource", kind];
    const json: any = { terraform: {} };
    if (root === "resource") json.resource = { [type]: { x: body } };
    else if (root === "data") json.data = { [type]: { x: body } };
    else if (root === "provider") json.provider = { [type]: [body] };
    else if (type === "cloud") json.terraform.cloud = body;
    else json.terraform.backend = { [type]: body };
    const block =
      root === "resource" ? `${type}.x` : root === "data" ? `data.${type}.x` : root === "provider" ? `provider.${type}[0]` : type === "cloud" ? "terraform.cloud" : `terraform.backend.${type}`;
    return { json, block, body };
  }

  const positions = schemaSecretPositions();

  test("the table covers the positions named in the issue", () => {
    const names = positions.map(([k, p]) => `${k} ${p}`);
    for (const expected of [
      "okta_app_oauth client_secret",
      "okta_app_oauth client_basic_secret",
      "cloudflare_zero_trust_access_identity_provider config.client_secret",
      "cloudflare_zero_trust_access_identity_provider scim_config.secret",
      "provider.okta api_token",
      "provider.okta private_key",
      "provider.okta access_token",
      "provider.cloudflare api_user_service_key",
      "backend.s3 secret_key",
      "backend.remote token",
    ]) {
      expect(names).toContain(expected);
    }
    expect(positions.length).toBeGreaterThan(100);
  });

  test("a generated literal at any position, nested as objects or lists, is found, masked by the block kind, and never kept", () => {
    fc.assert(
      fc.property(fc.constantFrom(...positions), fc.stringMatching(/^[A-Za-z0-9+/]{10,30}$/), fc.boolean(), ([kind, path], literal, asLists) => {
        const { json, block, body } = placed(kind, path, literal, asLists);
        const found = findLiteralSecrets(stack(json));
        return found.some((f) => f.block === block) && !JSON.stringify(found).includes(literal) && !JSON.stringify(maskAt(body, [], kind)).includes(literal);
      }),
      { numRuns: 400 },
    );
  });
});

describe("masking", () => {
  test("by the whole path: a secret nested below a secret key, numbers and booleans, expression literals", () => {
    expect(maskAt({ client_secret: { v: "x", n: 1, b: true, deep: [{ k: "y" }] } })).toEqual({ client_secret: { v: MASK, n: MASK, b: MASK, deep: [{ k: MASK }] } });
    expect(maskAt({ v: "x" }, ["config", "client_secret"])).toEqual({ v: MASK });
    expect(maskAt("${\"S3CRET\"}", ["client_secret"])).toBe(MASK);
    expect(maskAt("S3CRET${okta_app_oauth.a.id}", ["client_secret"])).toBe(MASK);
    expect(maskAt("${okta_app_oauth.a.client_secret}", ["client_secret"])).toBe("${okta_app_oauth.a.client_secret}");
    expect(maskAt(12345, ["api_token"])).toBe(MASK);
    expect(maskAt({ answer: "blue" }, [], "okta_user_factor_question")).toEqual({ answer: MASK });
    expect(maskAt({ answer: "blue" }, [])).toEqual({ answer: "blue" });
    expect(maskSecrets({ nested: [{ secret: "x" }], name: "n" })).toEqual({ nested: [{ secret: MASK }], name: "n" });
    expect(pathIsSecret(["scim_config", 0, "secret", "x"])).toBe(true);
  });

  test("prototype-named keys survive masking as data", () => {
    const value = JSON.parse('{"__proto__": {"client_secret": "x"}, "constructor": "c"}');
    const masked = maskAt(value) as any;
    expect(Object.keys(masked)).toEqual(["__proto__", "constructor"]);
    expect(JSON.stringify(masked)).toBe(`{"__proto__":{"client_secret":"${MASK}"},"constructor":"c"}`);
  });
});

describe("generated inputs", () => {
  /** Random secret strings: letters and digits, long enough to be found unambiguously. */
  const secret = fc.stringMatching(/^[A-Za-z][A-Za-z0-9]{11,24}$/).filter((s) => !/^(true|false|null)/.test(s));
  /** Template shapes that embed a constant, in Terraform's syntax. */
  const shapes: ((s: string) => string)[] = [
    (s) => s,
    (s) => `\${"${s}"}`,
    (s) => `${s}\${""}`,
    (s) => `\${""}${s}`,
    (s) => `${s}\${var.x}`,
    (s) => `\${okta_app_oauth.cloudflare.client_secret}${s}`,
    (s) => `\${<<EOT\n${s}\nEOT\n}`,
    (s) => `%{ if true }${s}%{ endif }`,
    (s) => `%{ if var.x == "" }${s}%{ else }\${var.x}%{ endif }`,
    (s) => `\${coalesce(var.x, "${s}")}`,
    (s) => `\${upper("${s}")}`,
    (s) => `\${join("", ["${s.slice(0, 4)}", "${s.slice(4)}"])}`,
    (s) => `\${format("%s", "${s}")}`,
    (s) => `$\${${s}}`,
    (s) => `\${{k = "${s}"}["k"]}`,
    (s) => `\${true ? "${s}" : okta_app_oauth.cloudflare.client_secret}`,
    (s) => `\${[for x in ["${s}"] : x][0]}`,
    (s) => `%{ if false }${s}%{ endif }\${okta_app_oauth.cloudflare.client_secret}`,
    (s) => `\${false ? "${s}" : okta_app_oauth.cloudflare.client_secret}`,
    (s) => `\${concat([for x in [] : "${s}"], [okta_app_oauth.cloudflare.client_secret])[0]}`,
    (s) => `\${lookup(var.m, "k", "${s}")}`,
  ];
  const place = fc.constantFrom<(j: any, v: string) => void>(
    (j, v) => (j.resource[IDP].okta.config.client_secret = v),
    (j, v) => (j.resource.okta_app_oauth.cloudflare.client_secret = v),
    (j, v) => (j.resource[IDP].okta.scim_config = [{ enabled: true, secret: v }]),
    (j, v) => (j.provider = { okta: [{ org_name: "acme", api_token: v }] }),
    (j, v) => (j.terraform.backend = { s3: { secret_key: v } }),
    (j, v) => {
      j.locals = { hidden: v };
      j.resource[IDP].okta.config.client_secret = "${local.hidden}";
    },
    (j, v) => {
      j.variable = { hidden: { default: v } };
      j.resource[IDP].okta.config.client_secret = "${var.hidden}";
    },
  );

  test("a random secret in a random template shape and place: exit 2, printed in neither format", () => {
    fc.assert(
      fc.property(secret, fc.integer({ min: 0, max: shapes.length - 1 }), place, (s, shape, put) => {
        const json = handWrittenIdp((j) => put(j, shapes[shape](s)));
        const file = writeStackFile(json);
        for (const format of ["markdown", "json"]) {
          const r = run("review", file, "--format", format);
          if (r.code !== 2) return false;
          if ((r.stdout + r.stderr).includes(s)) return false;
        }
        return true;
      }),
      { numRuns: 60 },
    );
  });

  test("random bytes in a secret position never crash the scan and are never kept", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 200 }), (text) => {
        const found = findLiteralSecrets(stack(withClientSecret(`X${text}`)));
        return found.length === 1 && !JSON.stringify(found).includes(`X${text}`);
      }),
      { numRuns: 300 },
    );
  });
});

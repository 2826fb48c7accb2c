/**
 * Issue 24, item 4 and the "Secrets" defect class: secrets by name (every
 * casing and separator, every block), by value (a URL with a password, a
 * private key, an authorization value), by flow (a literal laundered
 * through another resource's arguments), and the safe sources (ephemeral
 * resources and values) that must not block correct code. Each member of
 * the class, and more of each kind; the opposite of each (what is not a
 * secret stays visible); and generated names, places and hostile values that
 * must never be printed, in either format, with or without a base.
 */
import fc from "fast-check";
import { main } from "../../src/review/cli";
import { findLiteralSecrets, HIDDEN, HIDDEN_CHANGED } from "../../src/review/secrets";
import { handWrittenIdp, writeStackFile } from "./helpers";

const IDP = "cloudflare_zero_trust_access_identity_provider";
const SECRET = "S3cretV4lue7q2Zx";

function run(...args: string[]) {
  let stdout = "";
  let stderr = "";
  const code = main(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

const stack = (json: any) => ({ name: "s", file: "s.tf.json", json });
const places = (json: any) => findLiteralSecrets(stack(json)).map((f) => `${f.block} ${f.attribute}`);

/** The review of `head` against `base` (so that every changed value is rendered) in both formats: exit codes and everything printed. */
function reviewBoth(head: any, base: any) {
  const headFile = writeStackFile(head);
  const baseFile = writeStackFile(base);
  return ["markdown", "json"].map((format) => run("review", headFile, "--base", baseFile, "--format", format));
}

/** A setup with `change` applied: the base holds another value at the same place, so that the diff shows the place. */
const pair = (change: (j: any, v: string) => void, value = SECRET) => ({ head: handWrittenIdp((j) => change(j, value)), base: handWrittenIdp((j) => change(j, `base-${value}`)) });

/** [what, where the secret goes, the place reported] */
const BY_NAME: [string, (j: any, v: string) => void, string][] = [
  ["a `*_token` local (okta_token)", (j, v) => (j.locals = { okta_token: v }), "locals okta_token"],
  ["a `*_token` local (github_token)", (j, v) => (j.locals = { team: "eng", github_token: v }), "locals github_token"],
  ["a camelCase local (clientSecret)", (j, v) => (j.locals = { clientSecret: v }), "locals clientSecret"],
  ["an upper-case local (API_TOKEN)", (j, v) => (j.locals = { API_TOKEN: v }), "locals API_TOKEN"],
  ["a kebab-case local (okta-api-token)", (j, v) => (j.locals = [{ "okta-api-token": v }]), "locals okta-api-token"],
  ["a key of a local map (secrets.okta)", (j, v) => (j.locals = { settings: { oktaPassword: v } }), "locals settings.oktaPassword"],
  ["a `*_token` variable default (okta_token)", (j, v) => (j.variable = { okta_token: { type: "string", default: v } }), "variable.okta_token default"],
  ["an upper-case variable default (GITHUB_TOKEN)", (j, v) => (j.variable = { GITHUB_TOKEN: { default: v } }), "variable.GITHUB_TOKEN default"],
  ["a camelCase variable default (dbPassword)", (j, v) => (j.variable = { dbPassword: { default: v } }), "variable.dbPassword default"],
  ["a credential key inside an object default", (j, v) => (j.variable = { okta: { type: "object", default: { org: "acme", api_token: v } } }), "variable.okta default.api_token"],
  ["a credential-named output", (j, v) => (j.output = { githubToken: { value: v } }), "output.githubToken value"],
  ["a credential key inside an output", (j, v) => (j.output = { settings: { value: { Client_Secret: v } } }), "output.settings value.Client_Secret"],
  ["a module input", (j, v) => (j.module = { m: { source: "./m", okta_token: v } }), "module.m okta_token"],
  ["a camelCase module input", (j, v) => (j.module = { m: { source: "./m", sasToken: v } }), "module.m sasToken"],
  ["a nested module input", (j, v) => (j.module = { m: { source: "./m", db: { password: v } } }), "module.m db.password"],
  ["an Okta provider api_token", (j, v) => (j.provider = { okta: [{ org_name: "acme", api_token: v }] }), "provider.okta[0] api_token"],
  ["another provider's token", (j, v) => (j.provider = { github: [{ owner: "acme", token: v }] }), "provider.github[0] token"],
  ["a provider's nested credential", (j, v) => (j.provider = { vault: { auth_login: { parameters: { role_id: "r", secret_id_password: v } } } }), "provider.vault[0] auth_login.parameters.secret_id_password"],
  ["an azurerm backend sas_token", (j, v) => (j.terraform.backend = { azurerm: { storage_account_name: "s", sas_token: v } }), "terraform.backend.azurerm sas_token"],
  ["a pg backend conn_str", (j, v) => (j.terraform.backend = { pg: { conn_str: v } }), "terraform.backend.pg conn_str"],
  ["gcs backend credentials", (j, v) => (j.terraform.backend = { gcs: { bucket: "b", credentials: v } }), "terraform.backend.gcs credentials"],
  ["remote state credentials (gcs)", (j, v) => (j.data.terraform_remote_state = { net: { backend: "gcs", config: { bucket: "b", credentials: v } } }), "data.terraform_remote_state.net config.credentials"],
  ["remote state sas_token (azurerm)", (j, v) => (j.data.terraform_remote_state = { net: { backend: "azurerm", config: { sas_token: v } } }), "data.terraform_remote_state.net config.sas_token"],
  ["remote state conn_str (pg)", (j, v) => (j.data.terraform_remote_state = { net: [{ backend: "pg", config: { conn_str: v } }] }), "data.terraform_remote_state.net config.conn_str"],
  ["remote state access_key (azurerm)", (j, v) => (j.data.terraform_remote_state = { net: { backend: "azurerm", config: { access_key: v } } }), "data.terraform_remote_state.net config.access_key"],
  ["remote state sse_customer_key (s3, a backend position not named like a credential)", (j, v) => (j.data.terraform_remote_state = { net: { backend: "s3", config: { sse_customer_key: v } } }), "data.terraform_remote_state.net config.sse_customer_key"],
  ["an ephemeral resource's credential argument", (j, v) => (j.ephemeral = { vault_kv_secret_v2: { s: { mount: "kv", name: "okta", token: v } } }), "ephemeral.vault_kv_secret_v2.s token"],
  ["a data source of a check block", (j, v) => (j.check = { health: { data: { http: { h: { url: "https://x", request_headers: { "X-Api-Key": v } } } } } }), "data.http.h request_headers.X-Api-Key"],
  ["a resource type no table lists", (j, v) => (j.resource.aws_db_instance = { db: { username: "app", password: v } }), "aws_db_instance.db password"],
  ["a credential name ending in digits", (j, v) => (j.locals = { api_token_2: v }), "locals api_token_2"],
  ["a `*_pwd` local (db_pwd)", (j, v) => (j.locals = { db_pwd: v }), "locals db_pwd"],
  ["a `*_pass` local (db_pass)", (j, v) => (j.locals = { db_pass: v }), "locals db_pass"],
  ["a camelCase `*Pass` variable default (dbPass)", (j, v) => (j.variable = { dbPass: { default: v } }), "variable.dbPass default"],
  ["a `*_pat` local (github_pat)", (j, v) => (j.locals = { github_pat: v }), "locals github_pat"],
  ["an upper-case `*_PAT` module input (GITHUB_PAT)", (j, v) => (j.module = { m: { source: "./m", GITHUB_PAT: v } }), "module.m GITHUB_PAT"],
];

/** Credentials carried by the value, under names that say nothing. */
const BY_VALUE: [string, (j: any, v: string) => void, string][] = [
  ["a proxy URL with a password in the Okta provider", (j, v) => (j.provider = { okta: [{ org_name: "acme", http_proxy: `http://proxy:${v}@proxy.internal:3128` }] }), "provider.okta[0] http_proxy"],
  ["a proxy URL with a password in a local", (j, v) => (j.locals = { proxy: `http://ops:${v}@proxy.internal:3128` }), "locals proxy"],
  ["a git module source with a token", (j, v) => (j.module = { m: { source: `git::https://oauth2:${v}@gitlab.example.com/acme/m.git` } }), "module.m source"],
  ["a URL with a token as the user in a variable default", (j, v) => (j.variable = { repo: { default: `https://ghp_${v}0a1b2c@github.com/acme/infra.git` } }), "variable.repo default"],
  ["a URL with a password in a resource attribute", (j, v) => (j.resource.okta_app_oauth.cloudflare.login_uri = `https://admin:${v}@app.example.com/login`), "okta_app_oauth.cloudflare login_uri"],
  ["a URL with a password in an output", (j, v) => (j.output = { db: { value: `postgres://app:${v}@db.internal/app` } }), "output.db value"],
  ["a URL with a password and a computed host", (j, v) => (j.locals = { proxy: `http://ops:${v}@\${var.proxy_host}:3128` }), "locals proxy"],
  ["a URL with a password computed from constants", (j, v) => (j.locals = { proxy: `\${join("", ["http://ops:", "${v}", "@proxy:3128"])}` }), "locals proxy"],
  ["a URL with a password in a quoted string of an expression", (j, v) => (j.locals = { proxy: `\${coalesce(var.proxy, "http://ops:${v}@proxy:3128")}` }), "locals proxy"],
  ["a URL with a password through a local", (j, v) => {
    j.locals = { host: `ops:${v}@proxy` };
    j.provider = { okta: { org_name: "acme", http_proxy: "http://${local.host}:3128" } };
  }, "provider.okta[0] http_proxy"],
  ["a private key in a local", (j, v) => (j.locals = { tls: `-----BEGIN PRIVATE KEY-----\nMIIE${v}Qx9\n-----END PRIVATE KEY-----\n` }), "locals tls"],
  ["a bearer token in an event hook header", (j, v) => (j.resource.okta_event_hook = { h: { name: "h", headers: [{ key: "Authorization", value: `Bearer ${v}` }] } }), "okta_event_hook.h headers[0].value"],
  ["an Okta API token header in a local", (j, v) => (j.locals = { header: `SSWS 00${v}` }), "locals header"],
  ["a lower-case bearer token in a local", (j, v) => (j.locals = { auth_header: `bearer ${v}` }), "locals auth_header"],
  ["a lower-case Okta API token header in a local", (j, v) => (j.locals = { okta_auth: `ssws 00${v}` }), "locals okta_auth"],
  ["lower-case basic credentials in a local", (j, v) => (j.locals = { auth: `basic ${v}==` }), "locals auth"],
  ["a lower-case bearer token in an http data source's headers", (j, v) => (j.data.http = { h: { url: "https://x", request_headers: { Authorization: `bearer ${v}` } } }), "data.http.h request_headers.Authorization"],
  ["GitHub's Token scheme in an http data source's headers", (j, v) => (j.data.http = { h: { url: "https://x", request_headers: { Authorization: `Token ${v}` } } }), "data.http.h request_headers.Authorization"],
  ["a proxy URL with a raw / in its password", (j, v) => (j.locals = { proxy: `https://admin:${v}/x@proxy.example:3128` }), "locals proxy"],
  ["a GitHub token in a local that says nothing", (j, v) => (j.locals = { gh: `ghp_${v}0a1b2c3d4e5f6g7h8i9j` }), "locals gh"],
  ["a GitHub fine-grained token in an output", (j, v) => (j.output = { o: { value: `github_pat_11AB${v}_0a1b2c3d4e5f` } }), "output.o value"],
  ["a GitLab token in a module input", (j, v) => (j.module = { m: { source: "./m", gl: `glpat-${v}0a1b` } }), "module.m gl"],
  ["a Slack bot token in a resource attribute", (j, v) => (j.resource.okta_app_oauth.cloudflare.login_uri = `xoxb-123456789012-1234567890123-${v}`), "okta_app_oauth.cloudflare login_uri"],
];

/** A literal laundered through another resource's arguments into a secret position. */
const LAUNDERED: [string, (j: any, v: string) => void, string][] = [
  ["terraform_data.output (its input)", (j, v) => {
    j.resource.terraform_data = { l: { input: v } };
    j.resource[IDP].okta.config.client_secret = "${terraform_data.l.output}";
  }, `${IDP}.okta config.client_secret`],
  ["terraform_data.input", (j, v) => {
    j.resource.terraform_data = { l: { input: v } };
    j.resource.okta_app_oauth.cloudflare.client_secret = "${terraform_data.l.input}";
  }, "okta_app_oauth.cloudflare client_secret"],
  ["a key of terraform_data's object output", (j, v) => {
    j.resource.terraform_data = { l: { input: { okta: v, other: "${random_password.p.result}" } } };
    j.resource[IDP].okta.config.client_secret = '${terraform_data.l.output["okta"]}';
  }, `${IDP}.okta config.client_secret`],
  ["null_resource.triggers.k", (j, v) => {
    j.resource.null_resource = { l: { triggers: { s: v } } };
    j.resource[IDP].okta.config.client_secret = "${null_resource.l.triggers.s}";
  }, `${IDP}.okta config.client_secret`],
  ['null_resource.triggers["k"]', (j, v) => {
    j.resource.null_resource = { l: { triggers: { s: v } } };
    j.resource[IDP].okta.config.client_secret = '${null_resource.l.triggers["s"]}';
  }, `${IDP}.okta config.client_secret`],
  ["a counted instance's triggers", (j, v) => {
    j.resource.null_resource = { l: { count: 2, triggers: { s: v } } };
    j.resource[IDP].okta.config.client_secret = "${null_resource.l[0].triggers.s}";
  }, `${IDP}.okta config.client_secret`],
  ["a for_each instance's output", (j, v) => {
    j.resource.terraform_data = { l: { for_each: { a: 1 }, input: v } };
    j.resource[IDP].okta.config.client_secret = '${terraform_data.l["a"].output}';
  }, `${IDP}.okta config.client_secret`],
  ["a chain: null_resource into terraform_data into the secret", (j, v) => {
    j.resource.null_resource = { a: { triggers: { s: v } } };
    j.resource.terraform_data = { b: { input: "${null_resource.a.triggers.s}" } };
    j.resource[IDP].okta.config.client_secret = "${terraform_data.b.output}";
  }, `${IDP}.okta config.client_secret`],
  ["a local into terraform_data", (j, v) => {
    j.locals = { plain: v };
    j.resource.terraform_data = { l: { input: "${local.plain}" } };
    j.resource[IDP].okta.config.client_secret = "${upper(terraform_data.l.output)}";
  }, `${IDP}.okta config.client_secret`],
  ["random_password.keepers", (j, v) => {
    j.resource.random_password = { p: { length: 32, keepers: { k: v } } };
    j.resource[IDP].okta.config.client_secret = "${random_password.p.keepers.k}";
  }, `${IDP}.okta config.client_secret`],
  ["time_static.triggers", (j, v) => {
    j.resource.time_static = { t: { triggers: { k: v } } };
    j.resource[IDP].okta.config.client_secret = "${time_static.t.triggers.k}";
  }, `${IDP}.okta config.client_secret`],
  ["a data source's argument", (j, v) => {
    j.data.external = { e: { program: ["true"], query: { k: v } } };
    j.resource[IDP].okta.config.client_secret = "${data.external.e.query.k}";
  }, `${IDP}.okta config.client_secret`],
  ["a nested block's argument written as a list", (j, v) => {
    j.resource.terraform_data = { l: { input: [{ secret_value: v }] } };
    j.resource[IDP].okta.config.client_secret = "${terraform_data.l.output[0].secret_value}";
  }, `${IDP}.okta config.client_secret`],
  ["terraform_data into a provider credential", (j, v) => {
    j.resource.terraform_data = { l: { input: v } };
    j.provider = { okta: { org_name: "acme", api_token: "${terraform_data.l.output}" } };
  }, "provider.okta[0] api_token"],
  ["terraform_data into a sensitive output", (j, v) => {
    j.resource.terraform_data = { l: { input: v } };
    j.output = { o: { value: "${terraform_data.l.output}", sensitive: true } };
  }, "output.o value"],
  ["a constant in a branch of terraform_data's input", (j, v) => {
    j.resource.terraform_data = { l: { input: `%{ if false }${v}%{ endif }\${okta_app_oauth.cloudflare.client_secret}` } };
    j.resource[IDP].okta.config.client_secret = "${terraform_data.l.output}";
  }, `${IDP}.okta config.client_secret`],
];

describe("the Secrets class: by name, in every block", () => {
  test.each(BY_NAME)("%s: found, exit 2, printed nowhere", (_what, change, place) => {
    const { head, base } = pair(change);
    expect(places(head)).toContain(place);
    for (const r of reviewBoth(head, base)) {
      expect(r.code).toBe(2);
      expect(r.stdout + r.stderr).not.toContain(SECRET);
    }
  });
});

describe("the Secrets class: by value, under any name", () => {
  test.each(BY_VALUE)("%s: found, exit 2, printed nowhere", (_what, change, place) => {
    const { head, base } = pair(change);
    expect(places(head)).toContain(place);
    const reason = findLiteralSecrets(stack(head)).find((f) => `${f.block} ${f.attribute}` === place)?.reason;
    expect(reason).toMatch(/^it holds (a URL with a password or token in it|a private key|an HTTP authorization value|a token of a well-known format), (written in|computed from constants written in) the configuration/);
    for (const r of reviewBoth(head, base)) {
      expect(r.code).toBe(2);
      expect(r.stdout + r.stderr).not.toContain(SECRET);
    }
  });
});

describe("the Secrets class: a literal laundered through another resource's arguments is a constant", () => {
  test.each(LAUNDERED)("%s: found with the way it took, exit 2, printed nowhere", (_what, change, place) => {
    const { head, base } = pair(change);
    const found = findLiteralSecrets(stack(head)).filter((f) => `${f.block} ${f.attribute}` === place);
    expect(found).toHaveLength(1);
    expect(found[0].reason).toMatch(/written in the configuration.*\(through .*(terraform_data|null_resource|random_password|time_static|data\.external)\./);
    for (const r of reviewBoth(head, base)) {
      expect(r.code).toBe(2);
      expect(r.stdout + r.stderr).not.toContain(SECRET);
    }
  });
});

describe("names from the input on stderr", () => {
  test("control characters and bidi controls in a credential's name are escaped on stderr, in both formats", () => {
    const name = "x\x1b]0;PWNED\x07\u009b2J\u202e_token";
    const head = handWrittenIdp((j) => (j.locals = { [name]: SECRET }));
    for (const r of reviewBoth(head, handWrittenIdp())) {
      expect(r.code).toBe(2);
      // eslint-disable-next-line no-control-regex -- the control characters are what this finds
      expect(r.stdout + r.stderr).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e]/);
      expect(r.stderr).toContain("\\u009b2J\\u202e_token of locals");
      expect(r.stdout + r.stderr).not.toContain(SECRET);
    }
  });
});

describe("a module output in a secret position", () => {
  test("exit 2 (the review cannot see into a module), and the reason says so", () => {
    const head = handWrittenIdp((j) => {
      j.module = { sec: { source: "./secrets" } };
      j.resource[IDP].okta.config.client_secret = "${module.sec.client_secret}";
    });
    const [found] = findLiteralSecrets(stack(head)).filter((f) => f.attribute === "config.client_secret");
    expect(found.reason).toBe("it refers to module.sec.client_secret, an output of a module the review cannot see into, so it is treated as a literal");
    for (const r of reviewBoth(head, handWrittenIdp())) {
      expect(r.code).toBe(2);
      expect(r.stderr).toContain("an output of a module the review cannot see into");
      expect(r.stderr).not.toContain("combines constant text");
    }
  });
});

describe("safe sources: ephemeral resources and values, and arguments that hold references", () => {
  test.each<[string, (j: any) => void]>([
    ["an ephemeral random_password into a write-only argument (the issue's example)", (j) => {
      j.ephemeral = { random_password: { p: { length: 32, special: true } } };
      j.resource.okta_app_oauth.cloudflare.client_secret_wo = "${ephemeral.random_password.p.result}";
      j.resource.okta_app_oauth.cloudflare.client_secret_wo_version = 1;
    }],
    ["an ephemeral resource declared and not used", (j) => (j.ephemeral = [{ random_password: [{ p: [{ length: 24 }] }] }])],
    ["an ephemeral resource into a provider credential", (j) => {
      j.ephemeral = { vault_kv_secret_v2: { okta: { mount: "kv", name: "okta" } } };
      j.provider = { okta: { org_name: "acme", api_token: '${ephemeral.vault_kv_secret_v2.okta.data["api_token"]}' } };
    }],
    ["an ephemeral resource through a local", (j) => {
      j.ephemeral = { random_password: { p: { length: 32 } } };
      j.locals = { generated: "${ephemeral.random_password.p.result}" };
      j.resource[IDP].okta.config.client_secret = "${local.generated}";
    }],
    ["an ephemeral variable", (j) => {
      j.variable = { token: { type: "string", ephemeral: true } };
      j.provider = { okta: { org_name: "acme", api_token: "${var.token}" } };
    }],
    ["terraform_data holding a generated password", (j) => {
      j.resource.random_password = { p: { length: 32 } };
      j.resource.terraform_data = { l: { input: "${random_password.p.result}" } };
      j.resource[IDP].okta.config.client_secret = "${terraform_data.l.output}";
    }],
    ["null_resource triggers holding a sensitive variable", (j) => {
      j.variable = { s: { type: "string", sensitive: true } };
      j.resource.null_resource = { l: { triggers: { s: "${var.s}" } } };
      j.resource[IDP].okta.config.client_secret = "${null_resource.l.triggers.s}";
    }],
    ["an attribute the provider computes, in a block the configuration writes in part", (j) => {
      j.resource[IDP].okta.scim_config = { enabled: true, user_deprovision: true };
      j.output = { scim: { value: `\${${IDP}.okta.scim_config.secret}`, sensitive: true } };
    }],
    ["the same, with the block read as a list", (j) => {
      j.resource[IDP].okta.scim_config = [{ enabled: true }];
      j.output = { scim: { value: `\${${IDP}.okta.scim_config[0].secret}`, sensitive: true } };
    }],
    ["an argument that is itself a reference to a generated secret", (j) => {
      j.variable = { s: { sensitive: true } };
      j.resource.okta_app_oauth.cloudflare.client_secret = "${var.s}";
    }],
    ["a URL whose password is a sensitive variable", (j) => {
      j.variable = { proxy_password: { type: "string", sensitive: true } };
      j.provider = { okta: { org_name: "acme", http_proxy: "http://ops:${var.proxy_password}@proxy:3128" } };
    }],
    ["a PEM template around a generated key", (j) => {
      j.resource.tls_private_key = { k: { algorithm: "ED25519" } };
      j.locals = { pem: "-----BEGIN PRIVATE KEY-----\n${tls_private_key.k.private_key_pem}\n-----END PRIVATE KEY-----" };
    }],
  ])("%s: nothing found, exit 0", (_what, change) => {
    const head = handWrittenIdp(change);
    expect(places(head)).toEqual([]);
    expect(run("review", writeStackFile(head), "--format", "json").code).toBe(0);
  });
});

describe("not secrets: named like one, or looking like one, and still shown", () => {
  test.each<[string, (j: any, v: string) => void, string]>([
    ["token_endpoint_auth_method", (j, v) => (j.resource.okta_app_oauth.cloudflare.token_endpoint_auth_method = v), "client_secret_basic"],
    ["an MFA policy's okta_password factor", (j, v) => (j.resource.okta_policy_mfa = { p: { name: "p", okta_password: { enroll: v } } }), "REQUIRED"],
    ["an MFA policy's rsa_token and yubikey_token factors", (j, v) => (j.resource.okta_policy_mfa_default = { d: { rsa_token: { enroll: v }, yubikey_token: { enroll: "NOT_ALLOWED" } } }), "OPTIONAL"],
    ["a password policy's recovery_email_token lifetime", (j, v) => (j.resource.okta_policy_password = { p: { name: "p", recovery_email_token: v } }), "45"],
    ["reveal_password of a SWA app", (j, v) => (j.resource.okta_app_basic_auth = { a: { label: v, reveal_password: true } }), "Legacy app"],
    ["an Access policy admitting a service token by id", (j, v) => (j.resource.cloudflare_zero_trust_access_policy = { p: { account_id: "a", name: "p", decision: "non_identity", include: [{ service_token: { token_id: v } }] } }), "4f1b8a7e0c2d4e5f8a9b0c1d2e3f4a5b"],
    ["an Access group admitting any valid service token", (j, v) => (j.resource.cloudflare_zero_trust_access_group = { g: { account_id: "a", name: v, include: [{ any_valid_service_token: {} }] } }), "machines"],
    ["a v4 Access policy's service_token list", (j, v) => (j.resource.cloudflare_access_policy = { p: { application_id: "x", name: "p", decision: "non_identity", precedence: 1, include: [{ service_token: [v] }] } }), "9c2d4e5f8a9b0c1d2e3f4a5b4f1b8a7e"],
    ["a secret's name", (j, v) => (j.locals = { secret_name: v }), "prod/okta/api"],
    ["a password policy's name", (j, v) => (j.locals = { password_policy: v }), "strict-policy"],
    ["a token lifetime", (j, v) => (j.locals = { token_ttl: v }), "3600"],
    ["an ssh module address", (j, v) => (j.locals = { modules: v }), "git::ssh://git@github.com/acme/modules.git//okta"],
    ["a URL without userinfo", (j, v) => (j.resource.okta_app_oauth.cloudflare.login_uri = v), "https://app.example.com/login?next=a@b"],
    ["a certificate", (j, v) => (j.locals = { ca: v }), "-----BEGIN CERTIFICATE-----\nMIIDdzCCAl+gAwIBAgIEAgAAuTANBgkqhkiG9w0BAQUFADBa\n-----END CERTIFICATE-----"],
    ["a path (pat inside a word)", (j, v) => (j.locals = { config_path: v }), "/etc/okta/config.json"],
    ["a pattern", (j, v) => (j.locals = { url_pattern: v }), "https://*.example.com/*"],
    ["a bypass (pass inside a word)", (j, v) => (j.locals = { bypass: v }), "internal-only"],
    ["a compass", (j, v) => (j.locals = { compass: v }), "north-by-northwest"],
    ["a URL with an @ in its path after a port", (j, v) => (j.resource.okta_app_oauth.cloudflare.login_uri = v), "https://example.com:8443/users/@me"],
    ["prose with a scheme's word", (j, v) => (j.locals = { note: v }), "basic authentication-is-disabled, bearer tokens-come-from-vault"],
  ])("%s: not a literal secret, and the value is in the review", (_what, change, value) => {
    const head = handWrittenIdp((j) => change(j, value));
    const base = handWrittenIdp((j) => change(j, "0"));
    expect(places(head)).toEqual([]);
    const [markdown, json] = reviewBoth(head, base);
    expect(markdown.code).toBe(0);
    expect(json.code).toBe(0);
    // The first line of the value, as the JSON output holds it.
    expect(json.stdout).toContain(JSON.stringify(value.split("\n")[0]).slice(1, -1));
  });

  test("a local named like a credential elsewhere is a credential: the exclusions hold only in the block kinds the schemas give them", () => {
    expect(places(handWrittenIdp((j) => (j.locals = { service_token: SECRET, okta_password: SECRET, rsa_token: SECRET })))).toEqual([
      "locals service_token",
      "locals okta_password",
      "locals rsa_token",
    ]);
    expect(places(handWrittenIdp((j) => (j.resource.aws_instance = { i: { okta_password: SECRET } })))).toEqual(["aws_instance.i okta_password"]);
  });
});

describe("secret values in the configuration diff and in the resources the review shows", () => {
  test("a credential-named local that changes: only that it changed", () => {
    const [markdown, json] = reviewBoth(handWrittenIdp((j) => (j.locals = { okta_token: SECRET })), handWrittenIdp((j) => (j.locals = { okta_token: "0ld-S3cret-9" })));
    const local = JSON.parse(json.stdout).diff.stacks[0].configChanges.find((c: any) => c.name === "okta_token");
    expect(local.attributes).toEqual([{ attribute: "okta_token", before: HIDDEN, after: HIDDEN_CHANGED, forcesReplacement: false }]);
    expect(markdown.stdout).toContain(HIDDEN_CHANGED);
    expect(markdown.stdout + json.stdout).not.toMatch(/S3cretV4lue|0ld-S3cret/);
  });

  test("a credential-named local holding a reference alone is shown: a reference is no secret", () => {
    const [, json] = reviewBoth(handWrittenIdp((j) => (j.locals = { okta_token: "${data.vault_kv_secret_v2.okta.data.token}" })), handWrittenIdp((j) => (j.locals = { okta_token: "${var.t}" })));
    expect(json.code).toBe(0);
    const local = JSON.parse(json.stdout).diff.stacks[0].configChanges.find((c: any) => c.name === "okta_token");
    expect(local.attributes[0]).toMatchObject({ before: "${var.t}", after: "${data.vault_kv_secret_v2.okta.data.token}" });
  });

  test("a local that flows into a secret position, whatever its name, is masked in the diff and never substituted into a resource", () => {
    const head = handWrittenIdp((j) => {
      j.locals = { material: SECRET };
      j.resource[IDP].okta.config.client_secret = "${local.material}";
      j.resource.okta_app_oauth.cloudflare.label = "${local.material}";
    });
    const [markdown, json] = reviewBoth(head, handWrittenIdp());
    expect(markdown.code).toBe(2);
    expect(markdown.stdout + json.stdout + markdown.stderr).not.toContain(SECRET);
    expect(json.stdout).toContain("${local.material}");
  });

  test("a credential-named local used in an attribute that is not a secret position is shown as the reference", () => {
    const head = handWrittenIdp((j) => {
      j.locals = { hook_token: SECRET };
      j.resource.okta_event_hook = { h: { name: "h", headers: [{ key: "X-Token", value: "${local.hook_token}" }] } };
    });
    const [markdown, json] = reviewBoth(head, handWrittenIdp((j) => (j.resource.okta_event_hook = { h: { name: "h" } })));
    expect(markdown.stdout + json.stdout).not.toContain(SECRET);
    expect(json.stdout).toContain("${local.hook_token}");
  });

  test("a proxy URL's password in the provider diff is redacted, its host shown", () => {
    const [markdown] = reviewBoth(
      handWrittenIdp((j) => (j.provider = { okta: { org_name: "acme", http_proxy: `http://ops:${SECRET}@proxy.internal:3128` } })),
      handWrittenIdp((j) => (j.provider = { okta: { org_name: "acme" } })),
    );
    expect(markdown.stdout).toContain("http://(sensitive)@proxy.internal:3128");
    expect(markdown.stdout).not.toContain(SECRET);
  });
});

describe("secret values in a plan and in error messages", () => {
  test("a plan's change to an argument that flows into a secret position is masked, though Terraform does not mark it", () => {
    const head = handWrittenIdp((j) => {
      j.resource.terraform_data = { l: { input: SECRET } };
      j.resource[IDP].okta.config.client_secret = "${terraform_data.l.output}";
    });
    const plan = {
      format_version: "1.2",
      terraform_version: "1.11.4",
      resource_changes: [
        {
          address: "terraform_data.l",
          mode: "managed",
          type: "terraform_data",
          name: "l",
          change: { actions: ["update"], before: { input: "0ld-S3cret-9", id: "x" }, after: { input: SECRET, output: SECRET, id: "x" }, before_sensitive: {}, after_sensitive: {}, after_unknown: {} },
        },
        {
          address: "okta_app_oauth.cloudflare",
          mode: "managed",
          type: "okta_app_oauth",
          name: "cloudflare",
          change: { actions: ["update"], before: { login_uri: "https://a.example" }, after: { login_uri: `https://admin:${SECRET}@a.example` }, before_sensitive: {}, after_sensitive: {}, after_unknown: {} },
        },
      ],
    };
    const planFile = writeStackFile(plan, "plan.json");
    for (const format of ["markdown", "json"]) {
      const r = run("review", writeStackFile(head), "--plan", planFile, "--format", format);
      expect(r.code).toBe(2);
      expect(r.stdout + r.stderr).not.toMatch(/S3cretV4lue|0ld-S3cret/);
      if (format === "json") {
        const changes = JSON.parse(r.stdout).plan.changes;
        expect(changes.find((c: any) => c.address === "terraform_data.l").attributes).toEqual([
          { attribute: "input", before: "(sensitive)", after: "(sensitive)", forcesReplacement: false },
          { attribute: "output", after: "(sensitive)", forcesReplacement: false },
        ]);
        expect(changes.find((c: any) => c.address === "okta_app_oauth.cloudflare").attributes[0].after).toBe("https://(sensitive)@a.example");
      }
    }
  });

  test("an error message that would quote a credential in a path redacts it", () => {
    const r = run("review", `/nonexistent/https://user:${SECRET}@host/cdktf.out`);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("https://(sensitive)@host");
    expect(r.stderr).not.toContain(SECRET);
  });
});

describe("generated: hostile values under generated credential names in every block are never printed", () => {
  /** Hostile text around a unique core of letters and digits that the output must never hold (escaping leaves letters and digits alone). */
  const hostile = fc
    .tuple(fc.string({ maxLength: 12 }), fc.stringMatching(/^[A-Za-z0-9]{14,24}$/), fc.constantFrom("", "`", "</details>", "|", "\n# x", "@admin", "${", "%{", "\\", "\u202e", "]]>", '"'))
    .map(([noise, core, markup]) => ({ core: `Zq9${core}`, text: `${markup}${noise}Zq9${core}${noise}${markup}` }));
  const names = ["okta_token", "githubToken", "API_TOKEN", "Client-Secret", "db.password", "SAS_TOKEN", "connStr", "gcp credentials", "private_key", "apiKey", "admin_passwd"];
  const name = fc.tuple(fc.constantFrom(...names), fc.constantFrom("", "my_", "PROD_", "x-")).map(([n, p]) => `${p}${n}`);
  const places: ((j: any, key: string, v: string) => void)[] = [
    (j, k, v) => (j.locals = { [k]: v }),
    (j, k, v) => (j.locals = { nested: { [k]: v } }),
    (j, k, v) => (j.variable = { [k]: { default: v } }),
    (j, k, v) => (j.variable = { settings: { default: { [k]: v } } }),
    (j, k, v) => (j.output = { [k]: { value: v } }),
    (j, k, v) => (j.output = { o: { value: { [k]: v } } }),
    (j, k, v) => (j.module = { m: { source: "./m", [k]: v } }),
    (j, k, v) => (j.provider = { okta: { org_name: "acme", [k]: v } }),
    (j, k, v) => (j.data.terraform_remote_state = { r: { backend: "azurerm", config: { [k]: v } } }),
    (j, k, v) => (j.resource.okta_app_oauth.cloudflare[k] = v),
    (j, k, v) => (j.ephemeral = { some_source: { e: { [k]: v } } }),
  ];

  test("exit 2, and the value is in neither format, against a base that differs", () => {
    fc.assert(
      fc.property(name, fc.integer({ min: 0, max: places.length - 1 }), hostile, (key, at, value) => {
        const head = handWrittenIdp((j) => places[at](j, key, value.text));
        const base = handWrittenIdp((j) => places[at](j, key, "other"));
        return reviewBoth(head, base).every((r) => r.code === 2 && !(r.stdout + r.stderr).includes(value.core));
      }),
      { numRuns: 40 },
    );
  });

  test("a hostile password in a URL under a name that says nothing, in any block: exit 2, printed nowhere", () => {
    const where: ((j: any, v: string) => void)[] = [
      (j, v) => (j.locals = { endpoint: v }),
      (j, v) => (j.variable = { endpoint: { default: v } }),
      (j, v) => (j.provider = { okta: { org_name: "acme", http_proxy: v } }),
      (j, v) => (j.module = { m: { source: v } }),
      (j, v) => (j.resource.okta_app_oauth.cloudflare.redirect_uris = ["https://ok.example.com/cb", v]),
      (j, v) => (j.output = { o: { value: v } }),
    ];
    const password = fc.tuple(fc.string({ maxLength: 8 }).map((s) => s.replace(/[\s/?#]/g, "")), fc.stringMatching(/^[A-Za-z0-9]{14,24}$/)).map(([noise, core]) => ({ core: `Zq9${core}`, text: `${noise}Zq9${core}` }));
    fc.assert(
      fc.property(fc.integer({ min: 0, max: where.length - 1 }), password, fc.constantFrom("http", "https", "postgres", "git+https"), (at, p, scheme) => {
        const url = `${scheme}://user:${p.text}@host.example:8443/path`;
        const head = handWrittenIdp((j) => where[at](j, url));
        const base = handWrittenIdp((j) => where[at](j, "https://host.example/"));
        return reviewBoth(head, base).every((r) => r.code === 2 && !(r.stdout + r.stderr).includes(p.core));
      }),
      { numRuns: 30 },
    );
  });
});

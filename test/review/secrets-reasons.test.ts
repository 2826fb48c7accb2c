/**
 * What the review says about a value in a secret position: the exact reason
 * for each kind of value (in words that never quote it), and the exact place
 * (stack, file, block, attribute, construct path) for each kind of block.
 */
import * as expressions from "../../src/review/expressions";
import { findLiteralSecrets, isSecretKey, isSecretPosition, MASK, maskAt, maskSecrets, pathIsSecret, scanLiteralSecrets, secretPositions, secretValueNames } from "../../src/review/secrets";
import { writeStackFile } from "./helpers";

// The evaluator, real unless a test makes it fail (the fail-safe test at the end).
jest.mock("../../src/review/expressions", () => {
  const actual = jest.requireActual("../../src/review/expressions");
  return { ...actual, evaluate: jest.fn(actual.evaluate), stackScope: jest.fn(actual.stackScope) };
});
const realEvaluate = jest.requireActual("../../src/review/expressions").evaluate;
const realStackScope = jest.requireActual("../../src/review/expressions").stackScope;

const IDP = "cloudflare_zero_trust_access_identity_provider";
const stack = (json: any) => ({ name: "stack-a", file: "stacks/stack-a/cdk.tf.json", json });
/** The reasons given for an IdP whose client_secret is `value`. */
const reasons = (value: unknown, extra: Record<string, unknown> = {}) =>
  findLiteralSecrets(stack({ resource: { [IDP]: { okta: { config: { client_secret: value } } } }, ...extra })).map((f) => f.reason);

const CONSTANT = "it is a constant written in the configuration";
const COMBINES = "it combines constant text or values written in the configuration with references";
const COMPUTED = "it is computed from constants written in the configuration";
const MODULE = (output: string) => `it refers to ${output}, an output of a module the review cannot see into, so it is treated as a literal`;
const HOLDS = "it holds constant text written in the configuration (in a branch, loop or argument)";
const REF = "${okta_app_oauth.a.client_secret}";
/** Constant text in a directive branch Terraform never takes: the evaluator sees only the reference after it. */
const DEAD_TEXT = "%{ if false }S3CRET%{ endif }${okta_app_oauth.b.client_secret}";

describe("the reason for each kind of value, never quoting it", () => {
  test.each<[string, unknown, Record<string, unknown>, string[]]>([
    ["a string", "S3CRET", {}, [CONSTANT]],
    ["a number", 12345, {}, [CONSTANT]],
    ["a list with content", ["S3CRET"], {}, [CONSTANT]],
    ["an object with content", { v: "S3CRET" }, {}, [CONSTANT]],
    ["a directive", "%{ if true }S3CRET%{ endif }", {}, [CONSTANT]],
    ["a function of constants", '${upper("s3cret")}', {}, [CONSTANT]],
    ["a local holding a constant", "${local.s}", { locals: { s: "S3CRET" } }, [`${CONSTANT} (through local.s)`]],
    ["a local through a local", "${local.a}", { locals: { a: "${local.b}", b: "S3CRET" } }, [`${CONSTANT} (through local.a, local.b)`]],
    ["a function Terraform computes at apply time, of nothing", "${timestamp()}", {}, [COMPUTED]],
    ["a function we do not compute, of a constant", '${file("secret.txt")}', {}, [COMPUTED]],
    ["no reference and no constant content (can of uuid())", "${can(uuid())}", {}, [COMPUTED]],
    ["a module output, tested with can()", "${can(module.m.secret)}", {}, ["it refers to module.m, which may be a constant"]],
    ["each.value, tested with can()", "${can(each.value)}", {}, ["it refers to each.value, which may be a constant"]],
    ["constant text in a directive branch not taken", DEAD_TEXT, {}, [HOLDS]],
    ["a local with constant text in a directive branch not taken", "${local.s}", { locals: { s: DEAD_TEXT } }, [`${HOLDS} (through local.s)`]],
    ["a list: a reference, and constant text in a branch not taken", [REF, DEAD_TEXT], {}, [HOLDS]],
    ["an object: a reference, and constant text in a branch not taken", { a: REF, b: DEAD_TEXT }, {}, [HOLDS]],
    ["a local holding a list with constant text in a branch not taken", "${local.l[0]}", { locals: { l: [REF, DEAD_TEXT] } }, [`${HOLDS} (through local.l)`]],
    ["constant text around a reference", "S3CRET${okta_app_oauth.a.id}", {}, [COMBINES]],
    ["a fallback", '${coalesce(okta_app_oauth.a.client_secret, "fallback")}', {}, [COMBINES]],
    ["a module output", "${module.m.secret}", {}, [MODULE("module.m.secret")]],
    ["a module output of a counted module", "${module.m[0].client_secret}", {}, [MODULE("module.m.client_secret")]],
    ["a module output through a local", "${local.s}", { locals: { s: "${module.sec.client_secret}" } }, [`${MODULE("module.sec.client_secret")} (through local.s)`]],
    ["a module output in a function", "${base64decode(module.sec.client_secret)}", {}, [MODULE("module.sec.client_secret")]],
    ["a whole module", "${module.m}", {}, [MODULE("module.m")]],
    ["a module output or a resource attribute", `\${module.m.a == "" ? okta_app_oauth.a.client_secret : module.m.a}`, {}, [MODULE("module.m.a")]],
    ["a module output and constant text", "S3CRET${module.m.secret}", {}, [COMBINES]],
    ["a module output with a fallback", '${coalesce(module.m.secret, "fallback")}', {}, [COMBINES]],
    ["a module output and each.value", "${module.m.secret}${each.value}", {}, [COMBINES]],
    ["each.value", "${each.value}", {}, [COMBINES]],
    ["a local with a constant branch", "${local.s}", { locals: { s: '${okta_app_oauth.a.id == "" ? okta_app_oauth.a.client_secret : "fallback"}' } }, [`${COMBINES} (through local.s)`]],
    ["an undeclared variable", "${var.x}", {}, ["it refers to var.x, which is not declared (through var.x)"]],
    ["a variable not declared sensitive", "${var.x}", { variable: { x: { type: "string" } } }, ["it refers to var.x, which is not declared sensitive (through var.x)"]],
    ["a local that is not declared", "${local.missing}", {}, ["it could not be parsed or evaluated (a local value that is not declared), so it is treated as a literal"]],
    ["an unterminated template", "${okta_app_oauth.a.client_secret", {}, ["it could not be parsed or evaluated (syntax error: expected } to close the template sequence at character 33), so it is treated as a literal"]],
  ])("%s", (_name, value, extra, expected) => {
    const found = reasons(value, extra);
    expect(found).toEqual(expected);
    if (typeof value === "string" && value.includes("S3CRET")) expect(JSON.stringify(found)).not.toContain("S3CRET");
  });

  test.each<[string, unknown, Record<string, unknown>]>([
    ["a resource attribute", "${okta_app_oauth.a.client_secret}", {}],
    ["a data source attribute", "${data.okta_app_oauth.a.client_secret}", {}],
    ["an ephemeral resource", "${ephemeral.random_password.p.result}", {}],
    ["a selected instance", '${okta_app_oauth.a["k"].client_secret}', {}],
    ["a sensitive variable without default", "${var.x}", { variable: { x: { type: "string", sensitive: true } } }],
    ["an ephemeral variable", "${var.x}", { variable: { x: { type: "string", ephemeral: true } } }],
    ["a local holding a reference", "${local.a}", { locals: { a: "${okta_app_oauth.a.client_secret}" } }],
    ["both branches references", "${true ? okta_app_oauth.a.client_secret : okta_app_oauth.b.client_secret}", {}],
    ["an object of references", { v: "${okta_app_oauth.a.client_secret}" }, {}],
    ["a list of a reference and null", [REF, null], {}],
    ["an object of a reference and null", { v: REF, w: null }, {}],
    // Only the locals the value goes through count, not one named like the end of a variable it uses.
    ["a sensitive variable, next to a constant local named like the end of its name", "${var.s_region}", { variable: { s_region: { sensitive: true } }, locals: { region: "eu" } }],
    ["null", null, {}],
    ["an empty string", "", {}],
    ["false", false, {}],
    ["true", true, {}],
    ["an empty list", [], {}],
    ["an empty object", {}, {}],
    ["an expression evaluating to an empty string", '${""}', {}],
    ["an expression evaluating to an empty list", "${[]}", {}],
    ["an expression evaluating to an empty object", "${{}}", {}],
    ["an expression evaluating to null", "${null}", {}],
    ["an expression evaluating to a boolean", "${false}", {}],
  ])("safe or empty: %s", (_name, value, extra) => {
    expect(reasons(value, extra)).toEqual([]);
  });
});

describe("the place of each finding", () => {
  const json: any = {
    "//": { metadata: { version: "0.21.0" } },
    resource: {
      [IDP]: { okta: { config: { client_secret: "A" }, "//": { metadata: { path: "stack-a/Okta/AccessIdp" } } } },
      okta_app_oauth: { app: [{ client_basic_secret: "B" }] },
    },
    data: { okta_app_oauth: { read: { client_secret: "C", "//": { metadata: { path: "stack-a/ReadApp" } } } } },
    provider: { okta: [{ api_token: "D" }, { alias: "second", private_key: "E" }], cloudflare: { api_token: "F" } },
    terraform: { backend: { s3: { secret_key: "G" } }, cloud: { token: "H" }, required_providers: { okta: { token: "I" } } },
    output: {
      shown: { value: "J", sensitive: true },
      shown_text: { value: "K", sensitive: "true" },
      api_token: { value: "L" },
      nested: { value: { client_secret: "M", name: "not a secret" } },
      plain: { value: "not a secret" },
    },
    module: { m: { source: "./m", client_secret: "N" } },
    locals: { okta_api_token: "O", team: "eng" },
    variable: {
      with_default: { type: "string", sensitive: true, default: "P" },
      with_text_flag: { type: "string", sensitive: "true", default: "Q" },
      api_key: { type: "string", default: "R" },
      empty_default: { type: "string", sensitive: true, default: "" },
      empty_list_default: { type: "list(string)", sensitive: true, default: [""] },
      plain: { type: "string", default: "S" },
      no_default: { type: "string", sensitive: true },
    },
  };

  test("every kind of block, with the construct path where cdktf wrote one", () => {
    const found = findLiteralSecrets(stack(json));
    expect(found.map(({ block, attribute, constructPath }) => [block, attribute, constructPath ?? null])).toEqual([
      [`${IDP}.okta`, "config.client_secret", "stack-a/Okta/AccessIdp"],
      ["okta_app_oauth.app", "client_basic_secret", null],
      ["data.okta_app_oauth.read", "client_secret", "stack-a/ReadApp"],
      ["provider.okta[0]", "api_token", null],
      ["provider.okta[1]", "private_key", null],
      ["provider.cloudflare[0]", "api_token", null],
      ["terraform.backend.s3", "secret_key", null],
      ["terraform.cloud", "token", null],
      ["terraform", "required_providers.okta.token", null],
      ["output.shown", "value", null],
      ["output.shown_text", "value", null],
      ["output.api_token", "value", null],
      ["output.nested", "value.client_secret", null],
      ["module.m", "client_secret", null],
      ["locals", "okta_api_token", null],
      ["variable.with_default", "default", null],
      ["variable.with_text_flag", "default", null],
      ["variable.api_key", "default", null],
    ]);
    expect(found.every((f) => f.stack === "stack-a" && f.file === "stacks/stack-a/cdk.tf.json")).toBe(true);
    expect(JSON.stringify(found)).not.toMatch(/"[A-S]"/);
  });

  test("the reasons of a variable's default say why it counts", () => {
    const byBlock = new Map(findLiteralSecrets(stack(json)).map((f) => [f.block, f.reason]));
    expect(byBlock.get("variable.with_default")).toBe("the variable is declared sensitive and has a default: its value is a constant written in the configuration");
    expect(byBlock.get("variable.with_text_flag")).toBe("the variable is declared sensitive and has a default: its value is a constant written in the configuration");
    expect(byBlock.get("variable.api_key")).toBe("the variable is named like a credential and has a default: its value is a constant written in the configuration");
  });

  test("the cdktf metadata block is not a position; non-object sections and blocks are skipped", () => {
    const odd: any = {
      "//": { client_secret: "X" },
      resource: { [IDP]: "not an object", okta_app_oauth: { a: { "//": { client_secret: "Y" } } } },
      data: ["not an object"],
      provider: "not an object",
      module: 5,
      output: { o: "not an object" },
    };
    expect(secretPositions(odd)).toEqual([]);
  });

  test("secretValueNames: the locals and variables that flow into a position, through locals", () => {
    const names = secretValueNames({ resource: { [IDP]: { okta: { config: { client_secret: "${local.outer}" } } } }, locals: { outer: "${var.inner}", team: "eng" }, variable: { inner: {}, region: { default: "eu" } } });
    expect([...names].sort()).toEqual(["local.outer", "var.inner"]);
  });
});

describe("blocks as HCL's JSON syntax allows them: every label level an object or a list of objects", () => {
  test("resource types, names, providers, modules, backends, outputs and variables written as lists are all scanned", () => {
    const json: any = {
      resource: { okta_app_oauth: [{ a: { client_secret: "A" } }, { b: [{ label: "x" }, { client_basic_secret: "B" }] }] },
      data: { okta_app_oauth: [{ read: { client_secret: "C" } }] },
      provider: [{ okta: { api_token: "D" } }, { cloudflare: [{ api_token: "E" }] }, { okta: { alias: "second", private_key: "F" } }],
      module: [{ m: { source: "./m", client_secret: "G" } }, { n: [{ source: "./n" }, { source: "./n", api_key: "H" }] }],
      terraform: [{ backend: [{ s3: [{ secret_key: "I" }] }] }],
      output: [{ o: [{ value: "J", sensitive: true }] }],
      variable: [{ v: [{ sensitive: true, default: "K" }] }],
    };
    expect(findLiteralSecrets(stack(json)).map((f) => `${f.block} ${f.attribute}`)).toEqual([
      "okta_app_oauth.a client_secret",
      "okta_app_oauth.b client_basic_secret",
      "data.okta_app_oauth.read client_secret",
      "provider.okta[0] api_token",
      "provider.cloudflare[0] api_token",
      "provider.okta[1] private_key",
      "module.m client_secret",
      "module.n api_key",
      "terraform.backend.s3 secret_key",
      "output.o value",
      "variable.v default",
    ]);
  });

  test("entries of a list of blocks that are not objects (null, text, lists) are skipped; the blocks next to them are still scanned", () => {
    const json: any = {
      resource: { okta_app_oauth: { a: [null, "x", [{ client_secret: "nested list, not a block" }], { client_secret: "A" }] } },
      provider: { okta: [null, { api_token: "B" }] },
      output: { o: [null, 5, { value: "C", sensitive: true }] },
      variable: { v: [null, "x", { sensitive: true, default: "D" }] },
    };
    expect(findLiteralSecrets(stack(json)).map((f) => `${f.block} ${f.attribute}`)).toEqual([
      "okta_app_oauth.a client_secret",
      "provider.okta[0] api_token",
      "output.o value",
      "variable.v default",
    ]);
  });
});

describe("fail-safe: an internal error of the evaluator never passes a value", () => {
  afterEach(() => {
    (expressions.evaluate as jest.Mock).mockImplementation(realEvaluate);
    (expressions.stackScope as jest.Mock).mockImplementation(realStackScope);
  });

  test("the value is treated as a literal, and every local and variable becomes maskable", () => {
    (expressions.evaluate as jest.Mock).mockImplementation(() => {
      throw new Error("internal");
    });
    const json = { resource: { [IDP]: { okta: { config: { client_secret: "${okta_app_oauth.a.client_secret}" } } } }, locals: { team: "eng" }, variable: { region: { default: "eu" } } };
    expect(findLiteralSecrets(stack(json)).map((f) => f.reason)).toEqual(["it could not be evaluated, so it is treated as a literal"]);
    expect([...secretValueNames(json)].sort()).toEqual(["local.team", "var.region"]);
  });
});

describe("fail-safe: a stack the scan cannot read at all", () => {
  afterEach(() => (expressions.stackScope as jest.Mock).mockImplementation(realStackScope));

  test("the CLI's fallback scan reports it as holding a literal instead of passing it", () => {
    const file = writeStackFile({ resource: { okta_app_oauth: { a: { label: "x" } } } });
    (expressions.stackScope as jest.Mock).mockImplementation(() => {
      throw new Error("internal");
    });
    expect(scanLiteralSecrets(file)).toEqual([
      { stack: "main", file, block: "(stack)", attribute: "(unreadable)", reason: "the secret scan failed on this stack, so it is treated as holding a literal" },
    ]);
  });

  test("a head that cannot be read at all: undefined (the CLI then reports the read error)", () => {
    expect(scanLiteralSecrets(writeStackFile("{ not json"))).toBeUndefined();
  });
});

describe("variable defaults: what counts as content", () => {
  test.each<[string, unknown, boolean]>([
    ["a string", "S", true],
    ["an empty string", "", false],
    ["null", null, false],
    ["false", false, false],
    ["a number", 0, true],
    ["a list with one non-empty string", ["", "x"], true],
    ["a list of empty strings", ["", ""], false],
    ["an empty list", [], false],
    ["an object with one non-empty value", { a: "", b: "x" }, true],
    ["an object of empty values", { a: "", b: null }, false],
    ["an empty object", {}, false],
  ])("a sensitive variable whose default is %s is reported: %s", (_name, value, reported) => {
    const found = findLiteralSecrets(stack({ variable: { v: { sensitive: true, default: value } } }));
    expect(found.map((f) => f.block)).toEqual(reported ? ["variable.v"] : []);
  });

  test("secretValueNames: a sensitive variable not named like a credential, and a credential-named one not declared sensitive", () => {
    const names = secretValueNames({ variable: { region: { sensitive: true }, api_key: {}, team: {} }, locals: { token: "x", team: "eng" } });
    expect([...names].sort()).toEqual(["local.token", "var.api_key", "var.region"]);
  });
});

describe("positions and paths", () => {
  test("isSecretPosition reads the last attribute name of a path, past list indexes", () => {
    expect(isSecretPosition(undefined, ["client_secret", 0])).toBe(true);
    expect(isSecretPosition(undefined, ["client_secret", 0, 1])).toBe(true);
    expect(isSecretPosition(undefined, ["config", 0, "client_secret"])).toBe(true);
    expect(isSecretPosition(undefined, [0])).toBe(false);
    expect(isSecretPosition(undefined, [])).toBe(false);
    expect(isSecretPosition("backend.s3", ["assume_role", 0, "external_id"])).toBe(true);
    expect(isSecretPosition("backend.s3", ["external_id"])).toBe(false);
    expect(isSecretPosition(undefined, ["assume_role", "external_id"])).toBe(false);
    // The position itself, not what it is nested in (that is pathIsSecret).
    expect(isSecretPosition(undefined, ["client_secret", "v"])).toBe(false);
    expect(isSecretPosition(undefined, ["client_secret", 0, "v"])).toBe(false);
  });

  test("pathIsSecret: the path or anything it is nested in", () => {
    expect(pathIsSecret(["client_secret", 0, "v"])).toBe(true);
    expect(pathIsSecret(["config", "client_id"])).toBe(false);
    expect(pathIsSecret([0, "client_secret"])).toBe(true);
    expect(pathIsSecret([])).toBe(false);
  });

  test("isSecretKey: only names; numbers never", () => {
    expect(isSecretKey(0)).toBe(false);
    expect(isSecretKey("client_secret_wo")).toBe(true);
    expect(isSecretKey("secretary")).toBe(false);
  });

  test("a construct path that is not a string is not kept; a finding without one has no constructPath key", () => {
    const found = findLiteralSecrets(stack({ resource: { okta_app_oauth: { a: { client_secret: "A", "//": { metadata: { path: 5 } } } } } }));
    expect(found).toHaveLength(1);
    expect("constructPath" in found[0]).toBe(false);
    const positions = secretPositions({ resource: { okta_app_oauth: { a: { client_secret: "A" } } }, provider: { okta: { api_token: "B" } } });
    expect(positions).toHaveLength(2);
    expect(positions.some((p) => "constructPath" in p)).toBe(false);
  });

  test("only the block's own top-level cdktf metadata is skipped; a nested \"//\" key is walked", () => {
    const places = secretPositions({ resource: { okta_app_oauth: { a: { config: { "//": { client_secret: "Z" } } } } } }).map((p) => `${p.block} ${p.attribute}`);
    expect(places).toEqual(["okta_app_oauth.a config.//.client_secret"]);
  });
});

describe("masking", () => {
  const LIVE = "cloudflare_stream_live_input";

  test("a schema position named like nothing secret is masked by the block kind, with or without a starting path", () => {
    expect(maskAt({ rtmps: { url: "rtmps://live/key" } }, [], LIVE)).toEqual({ rtmps: { url: MASK } });
    expect(maskAt({ rtmps: { url: "rtmps://live/key" } }, undefined, LIVE)).toEqual({ rtmps: { url: MASK } });
    expect(maskAt({ url: "rtmps://live/key" }, ["rtmps"], LIVE)).toEqual({ url: MASK });
    expect(maskSecrets({ rtmps: { url: "rtmps://live/key" } }, undefined, LIVE)).toEqual({ rtmps: { url: MASK } });
    expect(maskSecrets({ url: "rtmps://live/key" }, "rtmps", LIVE)).toEqual({ url: MASK });
    expect(maskAt({ rtmps: { url: "rtmps://live/key" } }, [], "okta_app_oauth")).toEqual({ rtmps: { url: "rtmps://live/key" } });
  });

  test("maskSecrets with a key masks the value of that attribute", () => {
    expect(maskSecrets("x", "client_secret")).toBe(MASK);
    expect(maskSecrets("x", "label")).toBe("x");
    expect(maskSecrets({ client_secret: "x" })).toEqual({ client_secret: MASK });
  });

  test("undefined stays undefined, null stays null, an empty string stays empty, in a secret position", () => {
    expect(maskAt(undefined, ["client_secret"])).toBeUndefined();
    expect(maskAt(null, ["client_secret"])).toBeNull();
    expect(maskAt("", ["client_secret"])).toBe("");
    expect(maskAt({ client_secret: null })).toEqual({ client_secret: null });
  });

  test("a pure reference is shown up to 2000 characters, masked beyond", () => {
    const ref = (length: number) => {
      const head = "${okta_app_oauth.";
      const tail = ".client_secret}";
      return head + "a".repeat(length - head.length - tail.length) + tail;
    };
    expect(ref(2000)).toHaveLength(2000);
    expect(maskAt(ref(2000), ["client_secret"])).toBe(ref(2000));
    expect(maskAt(ref(2001), ["client_secret"])).toBe(MASK);
  });

  test("the masked copy is a plain object: enumerable, writable and configurable keys", () => {
    const copy = maskAt({ label: "x", client_secret: "y" }) as any;
    expect(Object.keys(copy)).toEqual(["label", "client_secret"]);
    copy.label = "changed";
    expect(copy.label).toBe("changed");
    delete copy.client_secret;
    expect(Object.keys(copy)).toEqual(["label"]);
  });
});

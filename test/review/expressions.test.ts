import fc from "fast-check";
import { Budget, BudgetLimits } from "../../src/private/budget";
import { emptyScope, evaluate, ExpressionSyntaxError, parseTemplate, stackScope, withArguments } from "../../src/review/expressions";
import { nestedReplace3kb } from "../hostile/corpus";

const scope = stackScope({
  locals: { team: "eng", group: "${local.team}-admins", secret: "${okta_app_oauth.app.client_secret}", loop: "${local.loop}", via_var: "${var.with_default}" },
  variable: { with_default: { default: "Everyone" }, token: { type: "string", sensitive: true }, plain: { type: "string" } },
  resource: {},
});

const value = (text: unknown) => evaluate(text as any, scope);

describe("Terraform template parser", () => {
  test.each([
    ["plain text", "hello", "hello"],
    ["a quoted string in an interpolation", '${"S3CRET"}', "S3CRET"],
    ["text and an empty string", 'S3CRET${""}', "S3CRET"],
    ["a heredoc inside an interpolation", "${<<EOT\nS3CRET\nEOT\n}", "S3CRET\n"],
    ["an indented heredoc", "${<<-EOT\n    a\n      b\n    EOT\n}", "a\n  b\n"],
    ["the $${ escape", "$${not.a.reference}", "${not.a.reference}"],
    ["the %%{ escape", "%%{if}", "%{if}"],
    ["string escapes", '${"a\\n\\t\\"\\\\\\u00e9\\U0001F600"}', 'a\n\t"\\é😀'],
    ["an if directive", "%{ if true }yes%{ else }no%{ endif }", "yes"],
    ["an else branch", '%{ if 1 == 2 }yes%{ else }no%{ endif }', "no"],
    ["a for directive", '%{ for x in ["a", "b"] }${x}-%{ endfor }', "a-b-"],
    ["strip markers", "a   ${~ \"b\" ~}   c", "abc"],
    ["arithmetic and precedence", "${1 + 2 * 3 - 4 / 2}", 5],
    ["comparison and logic", "${!(1 < 2) || 3 >= 3 && true}", true],
    ["a conditional on a constant", '${2 > 1 ? "x" : okta_app_oauth.a.client_secret}', "x"],
    ["a local through a local", "${local.group}", "eng-admins"],
    ["a variable's default", "${var.with_default}", "Everyone"],
    ["functions", '${upper(join("-", ["a", local.team]))}', "A-ENG"],
    ["format", '${format("%s:%d", "n", 7)}', "n:7"],
    ["a tuple for-expression with a filter", '${[for x in ["a", "bb", "c"] : upper(x) if length(x) == 1]}', ["A", "C"]],
    ["an object for-expression", "${{for k, v in {a = 1, b = 2} : v => k}}", { "1": "a", "2": "b" }],
    ["a grouped for-expression", '${{for x in ["a", "b", "a"] : x => x...}}', { a: ["a", "a"], b: ["b"] }],
    ["an index and an attribute of a constant", '${{list = ["x", "y"]}.list[1]}', "y"],
    ["a splat over a constant", '${[{n = "a"}, {n = "b"}][*].n}', ["a", "b"]],
    ["comments", "${1 /* one */ + # plus\n 2}", 3],
    ["a number as a template part", "v${1}", "v1"],
    ["prototype-named keys", '${{constructor = "c", __proto__ = "p"}.__proto__}', "p"],
    ["jsonencode", '${jsonencode({b = 1, a = "x"})}', '{"a":"x","b":1}'],
  ])("%s", (_what, text, expected) => {
    expect(value(text)).toMatchObject({ known: true, value: expected });
  });

  test("JSON numbers, booleans, arrays and objects are constants", () => {
    expect(value(123)).toMatchObject({ known: true, value: 123 });
    expect(value({ a: ["${local.team}", true] })).toMatchObject({ known: true, value: { a: ["eng", true] } });
  });

  test("references are unknown, with what they depend on", () => {
    expect(value("${okta_app_oauth.app.client_secret}")).toEqual({
      known: false,
      refs: [{ kind: "resource", address: "okta_app_oauth.app", attribute: "client_secret" }],
      literal: false,
      via: [],
    });
    expect(value("${data.okta_group.eng.id}")).toMatchObject({ known: false, literal: false, refs: [{ kind: "data", address: "data.okta_group.eng", attribute: "id" }] });
    expect(value("${okta_app_oauth.app[0].client_secret}")).toMatchObject({ refs: [{ address: "okta_app_oauth.app", attribute: "client_secret" }] });
    expect(value("${var.token}")).toMatchObject({ known: false, literal: false, refs: [{ kind: "variable", address: "var.token", sensitive: true, declared: true }] });
    expect(value("${var.plain}")).toMatchObject({ known: false, refs: [{ kind: "variable", sensitive: false, declared: true }] });
    expect(value("${var.undeclared}")).toMatchObject({ known: false, refs: [{ kind: "variable", declared: false }] });
    expect(value("${local.secret}")).toMatchObject({ known: false, literal: false, via: ["local.secret"] });
    expect(value("${base64encode(trimspace(okta_app_oauth.app.client_secret))}")).toMatchObject({ known: false, literal: false });
    expect(value("${module.m.out}")).toMatchObject({ known: false, literal: true, refs: [{ kind: "module", address: "module.m", attribute: "out" }] });
    expect(value("${each.value}")).toMatchObject({ known: false, literal: true, refs: [{ kind: "other", address: "each.value" }] });
  });

  test.each([
    ["text before a reference", "S3CRET${var.token}"],
    ["text after a reference", "${var.token}S3CRET"],
    ["a fallback argument", '${coalesce(var.token, "S3CRET")}'],
    ["a conditional on an unknown with a constant branch", '${var.token != "" ? var.token : "S3CRET"}'],
    ["an unknown condition in a directive", "%{ if var.token != \"\" }S3CRET%{ endif }"],
    ["a for over an unknown list with constant text", '${[for x in var.token : "S3CRET"]}'],
    ["an object key", '${jsonencode({S3CRET = var.token})}'],
  ])("constant content combined with a reference is marked literal: %s", (_what, text) => {
    expect(value(text)).toMatchObject({ known: false, literal: true });
  });

  test("selector arguments do not make a value literal", () => {
    expect(value('${lookup(var.token, "okta")}')).toMatchObject({ known: false, literal: false });
    expect(value('${var.token["okta"]}')).toMatchObject({ known: false, literal: false });
    expect(value('${lookup(var.token, "okta", "S3CRET")}')).toMatchObject({ known: false, literal: true });
  });

  test("what cannot be parsed or evaluated is unknown and literal, with a position and never the text", () => {
    for (const text of ["${x", '${"S3CRET', "${<<EOT\nS3CRET\n}", "%{ if true }S3CRET", "%{ endif }", "${S3CRET S3CRET}", "${local.loop}", "${local.missing}", '${"a" + 1}', "${1/0}"]) {
      const result = value(text);
      expect(result).toMatchObject({ known: false, literal: true });
      expect(JSON.stringify(result)).not.toContain("S3CRET");
      expect((result as { error?: string }).error).toBeDefined();
    }
    expect(() => parseTemplate("${x")).toThrow(ExpressionSyntaxError);
    expect(() => parseTemplate("${x")).toThrow(/at character \d+/);
  });

  test("a deeply nested hostile input is refused, not a crash", () => {
    const deep = `\${${"(".repeat(5000)}1${")".repeat(5000)}}`;
    expect(value(deep)).toMatchObject({ known: false, literal: true });
    const locals: Record<string, string> = {};
    for (let i = 0; i < 500; i++) locals[`l${i}`] = `\${local.l${i + 1}}`;
    locals.l500 = "S3CRET";
    const chain = stackScope({ locals });
    expect(evaluate("${local.l0}", chain)).toMatchObject({ known: false, literal: true });
  });

  test("an empty scope leaves locals and variables unknown", () => {
    expect(evaluate("${var.x}", emptyScope())).toMatchObject({ known: false, refs: [{ kind: "variable", declared: false }] });
    expect(evaluate("${local.x}", emptyScope())).toMatchObject({ known: false, literal: true });
  });

  test("a variable default is a literal value, never a template", () => {
    const s = stackScope({ variable: { v: { default: "${okta_app_oauth.app.client_secret}" } } });
    expect(evaluate("${var.v}", s)).toMatchObject({ known: true, value: "${okta_app_oauth.app.client_secret}" });
  });
});

describe("following arguments written in the configuration (the secret rules' scope)", () => {
  const json: any = {
    resource: {
      terraform_data: { l: { input: "S3CRET" }, obj: { input: { a: "A", b: "${var.s}" } }, loop: { input: "${terraform_data.loop.output}" } },
      null_resource: { n: [{ count: 2, triggers: { k: "K" } }] },
      okta_app_oauth: { app: { label: "x", groups_claim: { name: "groups", value: "eng-" } } },
    },
    data: { external: { e: { query: { q: "Q" } } } },
    ephemeral: { random_password: { p: { length: 32 } } },
    variable: { s: { sensitive: true } },
  };
  const following = withArguments(stackScope(json), json);

  test("only a scope asked to: the review's own resolution keeps references as they are", () => {
    expect(evaluate("${terraform_data.l.output}", stackScope(json))).toMatchObject({ known: false, refs: [{ kind: "resource", address: "terraform_data.l", attribute: "output" }] });
  });

  test.each<[string, unknown, string[]]>([
    ["${terraform_data.l.output}", "S3CRET", ["terraform_data.l.input"]],
    ["${terraform_data.l.input}", "S3CRET", ["terraform_data.l.input"]],
    ["${terraform_data.obj.output.a}", "A", ["terraform_data.obj.input"]],
    ['${null_resource.n[1].triggers["k"]}', "K", ["null_resource.n.triggers"]],
    ["${null_resource.n[*].triggers.k}", ["K"], ["null_resource.n.triggers"]],
    ["${okta_app_oauth.app.groups_claim[0].value}", "eng-", ["okta_app_oauth.app.groups_claim"]],
    ["${data.external.e.query.q}", "Q", ["data.external.e.query"]],
    ["${ephemeral.random_password.p.length}", 32, ["ephemeral.random_password.p.length"]],
  ])("%s is the value written there", (text, value, via) => {
    expect(evaluate(text, following)).toEqual({ known: true, value, via });
  });

  test.each([
    ["an attribute the provider computes", "${okta_app_oauth.app.client_secret}", "okta_app_oauth.app", "client_secret"],
    ["a nested attribute the configuration does not write", "${okta_app_oauth.app.groups_claim.filter_type}", "okta_app_oauth.app", "groups_claim"],
    ["a meta-argument", "${null_resource.n.count}", "null_resource.n", "count"],
    ["an index past the written list", "${okta_app_oauth.app.groups_claim[1].value}", "okta_app_oauth.app", "groups_claim"],
    ["a resource not in the stack", "${terraform_data.other.output}", "terraform_data.other", "output"],
    ["an ephemeral attribute the provider computes", "${ephemeral.random_password.p.result}", "ephemeral.random_password.p", "result"],
  ])("%s stays a reference", (_what, text, address, attribute) => {
    const result = evaluate(text, following);
    expect(result).toMatchObject({ known: false, literal: false });
    expect(!result.known && result.refs.map((r) => `${r.address} ${r.attribute}`)).toEqual([`${address} ${attribute}`]);
  });

  test("a reference inside the argument is followed in turn; a cycle is an error, never safe", () => {
    expect(evaluate("${terraform_data.obj.output.b}", following)).toMatchObject({ known: false, refs: [{ kind: "variable", address: "var.s", sensitive: true }], literal: false });
    expect(evaluate("${terraform_data.loop.output}", following)).toMatchObject({ known: false, literal: true, error: "a cycle between resource arguments" });
  });
});

describe("bounds (issue 24): caps on values, a budget of work, cut values marked", () => {
  /** A scope with locals, evaluated under `limits`. */
  const bounded = (locals: Record<string, unknown>, limits: Partial<BudgetLimits> = {}, variable: Record<string, unknown> = {}) => {
    const budget = new Budget(limits);
    return { scope: stackScope({ locals, variable } as any, budget), budget };
  };

  test("issue 24's 3 KB of nested replace() locals: the last one is cut, never a shorter string, and the budget says where", () => {
    const { head } = nestedReplace3kb();
    expect(JSON.stringify(head).length).toBeLessThan(3200);
    const { scope, budget } = bounded(head.locals as Record<string, unknown>);
    const last = evaluate("${local.r23}", scope);
    expect(last).toMatchObject({ known: false, cut: true, literal: true });
    expect((last as { error: string }).error).toMatch(/more than 1000000 characters \(a bound of the review/);
    // Below the cap, the chain is computed exactly.
    expect(evaluate("${local.r19}", scope)).toMatchObject({ known: true, value: "x".repeat(2 ** 19) });
    expect(budget.exhausted).toEqual([expect.objectContaining({ limit: "valueCharacters", where: "local.r20" })]);
  });

  test.each([
    ["a template", (p: string) => `\${${p}}\${${p}}`],
    ["join", (p: string) => `\${join("", [${p}, ${p}])}`],
    ["replace", (p: string) => `\${replace(${p}, "x", "xx")}`],
    ["format", (p: string) => `\${format("%s%s", ${p}, ${p})}`],
    ["a list", (p: string) => `\${[${p}, ${p}]}`],
    ["a map", (p: string) => `\${{a = ${p}, b = ${p}}}`],
    ["concat", (p: string) => `\${concat([${p}], [${p}])}`],
    ["a for expression", (p: string) => `\${[for x in [1, 2] : ${p}]}`],
    ["a template for directive", (p: string) => `%{ for x in [1, 2] }\${${p}}%{ endfor }`],
  ])("a value that doubles through %s stops at the cap on one value", (_what, double) => {
    const locals: Record<string, unknown> = { v0: "xxxxxxxx" };
    for (let i = 1; i <= 20; i++) locals[`v${i}`] = double(`local.v${i - 1}`);
    const { scope, budget } = bounded(locals, { valueCharacters: 4096 });
    const results = Array.from({ length: 21 }, (_, i) => evaluate(`\${local.v${i}}`, scope));
    const firstCut = results.findIndex((r) => !r.known);
    expect(firstCut).toBeGreaterThan(3);
    // Everything before the cut is known and within the cap; everything after is cut too.
    for (const r of results.slice(0, firstCut)) expect(JSON.stringify((r as { value: unknown }).value).length).toBeLessThanOrEqual(4096);
    for (const r of results.slice(firstCut)) expect(r).toMatchObject({ known: false, cut: true });
    expect(budget.exhausted.map((e) => e.limit)).toContain("valueCharacters");
  });

  test("a value that shares one list many times counts it each time (as its JSON would)", () => {
    const locals: Record<string, unknown> = { t0: ["leaf"] };
    for (let i = 1; i <= 40; i++) locals[`t${i}`] = `\${[local.t${i - 1}, local.t${i - 1}]}`;
    const { scope } = bounded(locals);
    expect(evaluate("${local.t40}", scope)).toMatchObject({ known: false, cut: true });
  });

  test("values nested deeper than the limit are cut", () => {
    const locals: Record<string, unknown> = { d0: "x" };
    for (let i = 1; i <= 40; i++) locals[`d${i}`] = `\${[local.d${i - 1}]}`;
    const { scope, budget } = bounded(locals, { valueDepth: 30 });
    expect(evaluate("${local.d30}", scope).known).toBe(true);
    expect(evaluate("${local.d31}", scope)).toMatchObject({ known: false, cut: true });
    expect(budget.exhausted.map((e) => e.limit)).toEqual(["valueDepth"]);
  });

  test("the steps of a run are shared: once spent, expensive expressions are cut, a plain reference still evaluates", () => {
    const items = Array.from({ length: 300 }, (_, i) => `i${i}`);
    const { scope, budget } = bounded({ items, square: "${[for a in local.items : [for b in local.items : a]]}", name: "app" }, { evaluationSteps: 20_000 });
    expect(evaluate("${local.square}", scope)).toMatchObject({ known: false, cut: true });
    expect(budget.exhausted.map((e) => e.limit)).toEqual(["evaluationSteps"]);
    expect(evaluate("${local.name}", scope)).toMatchObject({ known: true, value: "app" });
    expect(evaluate("${okta_app_oauth.app.client_secret}", scope)).toMatchObject({ known: false, refs: [{ kind: "resource", attribute: "client_secret" }] });
  });

  test("the characters computed in a run are shared too", () => {
    const { scope, budget } = bounded({ big: '${replace("xxxxxxxxxx", "x", "yyyyyyyyyy")}' }, { computedCharacters: 150 });
    expect(evaluate("${local.big}", scope)).toMatchObject({ known: true, value: "y".repeat(100) });
    expect(evaluate('${replace("xxxxxxxxxx", "x", "zzzzzzzzzz")}', scope)).toMatchObject({ known: false, cut: true });
    expect(budget.exhausted.map((e) => e.limit)).toEqual(["computedCharacters"]);
  });

  test("try() and can() never fall back on a value that was cut (Terraform would not)", () => {
    const locals: Record<string, unknown> = { r0: "x" };
    for (let i = 1; i <= 12; i++) locals[`r${i}`] = `\${replace(local.r${i - 1}, "x", "xx")}`;
    const { scope } = bounded(locals, { valueCharacters: 1000 });
    expect(evaluate('${try(local.r12, "safe")}', scope)).toMatchObject({ known: false, cut: true });
    expect(evaluate("${can(local.r12)}", scope)).toMatchObject({ known: false, cut: true });
    expect(evaluate('${try(local.r5, "safe")}', scope)).toMatchObject({ known: true, value: "x".repeat(32) });
  });

  test("a cut inside a bigger value makes it cut; the names a value went through are kept", () => {
    const locals: Record<string, unknown> = { r0: "x", secret: "${var.token}" };
    for (let i = 1; i <= 12; i++) locals[`r${i}`] = `\${replace(local.r${i - 1}, "x", "xx")}`;
    const { scope } = bounded(locals, { valueCharacters: 1000 }, { token: { sensitive: true, default: "S3CRET" } });
    expect(evaluate("prefix-${local.r12}-${var.x}", scope)).toMatchObject({ known: false, cut: true });
    const viaSecret = evaluate("${local.secret}", scope);
    expect(viaSecret.via).toEqual(["local.secret", "var.token"]);
  });

  test("locals that need each other deeper than the limit are cut, not computed", () => {
    const locals: Record<string, unknown> = { c0: "end" };
    for (let i = 1; i <= 20; i++) locals[`c${i}`] = `\${local.c${i - 1}}`;
    const { scope, budget } = bounded(locals, { localsDepth: 10 });
    expect(evaluate("${local.c20}", scope)).toMatchObject({ known: false, cut: true });
    expect(budget.exhausted.map((e) => e.limit)).toEqual(["localsDepth"]);
  });

  test("distinct, toset and contains are linear and keep Terraform's meaning", () => {
    const s = stackScope({ locals: { l: ["b", "a", "b", { k: 1, j: 2 }, { j: 2, k: 1 }, "a"] } });
    expect(evaluate("${distinct(local.l)}", s)).toMatchObject({ known: true, value: ["b", "a", { k: 1, j: 2 }] });
    expect(evaluate("${toset(local.l)}", s)).toMatchObject({ known: true, value: ["b", "a", { k: 1, j: 2 }] });
    expect(evaluate('${contains(local.l, {j = 2, k = 1})}', s)).toMatchObject({ known: true, value: true });
    expect(evaluate('${contains(local.l, "c")}', s)).toMatchObject({ known: true, value: false });
  });

  test("property: chomp and template strip markers agree with the regexes they replace", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a \t\r\n]{0,12}$/), (text) => {
        const s = stackScope({ locals: { t: text } });
        expect(evaluate("${chomp(local.t)}", s)).toMatchObject({ known: true, value: text.replace(/(\r?\n)+$/, "") });
        expect(evaluate(`${text}\${~ "x" ~}${text}`, s)).toMatchObject({
          known: true,
          value: `${text.replace(/\s+$/, "")}x${text.replace(/^\s+/, "")}`,
        });
      }),
    );
  });
});

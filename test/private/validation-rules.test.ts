import * as path from "node:path";
import { CloudflareProvider } from "../../src/providers/cloudflare/provider";
import { OktaProvider } from "../../src/providers/okta/provider";
import { App, TerraformStack, TerraformVariable, Token } from "cdktf";
import { Construct } from "constructs";
import {
  checkAccessDomain,
  constructId,
  describe as describeValue,
  Described,
  HOUR_NS,
  invalid,
  isHostName,
  isLiteral,
  normalizeOktaOrgUrl,
  normalizeTeamDomain,
  parseDuration,
  propertyName,
  refuseUnknownKeys,
  requireBoolean,
  requireDuration,
  requireId,
  requireNonEmpty,
  requireNonEmptyList,
  requireObject,
  requireProvider,
  sessionDurationWarning,
  trimOwnFrames,
  validatedOrDetached,
} from "../../src/private/validation";

// Every rule of src/private/validation.ts pinned down exactly: the boundary on
// each side, the values plain JavaScript can pass, tokens passing through, and
// the whole error text (property, expected form, what was received).
// test/private/validation.test.ts holds the first, looser examples.

const ROOT = path.resolve(__dirname, "..", "..");

/** The message of the error `run` throws; fails the test when nothing is thrown. */
function thrown(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error("expected an error, none was thrown");
}

function newStack(name = "s", app = new App()): TerraformStack {
  return new TerraformStack(app, name);
}

const savedAgent = process.env.JSII_AGENT;
beforeEach(() => {
  delete process.env.JSII_AGENT;
});
afterAll(() => {
  if (savedAgent !== undefined) process.env.JSII_AGENT = savedAgent;
});

const STRING_TOKEN = Token.asString({ ref: "var.x" });
const LIST_TOKEN = Token.asList({ ref: "var.list" });

describe("invalid: the one error every rule throws", () => {
  test("names where, the property, the expected form and what was received", () => {
    const error = invalid("OktaAccessIdentityProvider \"s/Okta\"", "teamDomain", "a host name", "https://x");
    expect(error).toBeInstanceOf(Error);
    expect(error.message).toBe('OktaAccessIdentityProvider "s/Okta": teamDomain must be a host name; received "https://x"');
  });

  test("under jsii's Python runtime the property is named in both spellings", () => {
    process.env.JSII_AGENT = "Python/3.12.1";
    expect(invalid("w", "teamDomain", "x", 1).message).toBe("w: team_domain (teamDomain) must be x; received 1");
    expect(propertyName("oauth2Scopes")).toBe("oauth2_scopes (oauth2Scopes)");
  });

  test("its stack starts at the caller, not in this package's files", () => {
    const frames = (invalid("w", "p", "x", 1).stack ?? "").split("\n").filter((line) => /^\s+at /.test(line));
    expect(frames[0]).toContain("validation-rules.test.ts");
    expect(frames.some((line) => line.includes(path.join(ROOT, "src") + path.sep))).toBe(false);
  });
});

describe("propertyName: digits before a capital", () => {
  test.each([
    ["oauth2Scopes", "oauth2_scopes (oauth2Scopes)"],
    ["a1B", "a1_b (a1B)"],
    ["ABC", "abc (ABC)"],
  ])("under Python, %s is named %s", (property, expected) => {
    expect(propertyName(property, "Python/3.12.1")).toBe(expected);
  });

  test("an agent that only contains Python/ is not Python's", () => {
    expect(propertyName("oktaOrgUrl", "NotPython/1")).toBe("oktaOrgUrl");
    expect(propertyName("oktaOrgUrl", "Java/17 Python/")).toBe("oktaOrgUrl");
  });
});

describe("trimOwnFrames", () => {
  const own = (dir: string, file: string) => `    at f (${path.join(ROOT, dir, file)}:1:1)`;

  test("drops frames under src/ and lib/, keeps the tests', dependencies' and look-alike folders'", () => {
    const error = new Error("boom");
    const caller = `    at main (${path.join(ROOT, "test", "private", "x.test.ts")}:3:4)`;
    const dependency = `    at dep (${path.join(ROOT, "node_modules", "cdktf", "lib", "app.js")}:5:6)`;
    const lookAlike = `    at gen (${path.join(ROOT, "src-gen", "y.js")}:7:8)`;
    error.stack = ["Error: boom", own("src", "private/validation.ts"), own("lib", "index.js"), caller, dependency, lookAlike].join("\n");
    expect(trimOwnFrames(error).stack).toBe(["Error: boom", caller, dependency, lookAlike].join("\n"));
  });

  test("keeps every line of the message, even one that names the package's own files or says ' at '", () => {
    const error = new Error("x");
    const message = `Error: read at ${path.join(ROOT, "src", "a.ts")}`;
    error.stack = [message, `second at ${path.join(ROOT, "lib", "b.js")}`, own("src", "c.ts"), "    at g (/home/user/main.ts:1:1)"].join("\n");
    expect(trimOwnFrames(error).stack).toBe([message, `second at ${path.join(ROOT, "lib", "b.js")}`, "    at g (/home/user/main.ts:1:1)"].join("\n"));
  });

  test("a stack without frames is left as it is", () => {
    const error = new Error("x");
    const stack = `Error: see ${path.join(ROOT, "src", "a.ts")}\nmore`;
    error.stack = stack;
    expect(trimOwnFrames(error).stack).toBe(stack);
  });

  test("a stack without frames is left as it is, even when its last line names the package's own files", () => {
    const error = new Error("x");
    const stack = `Error: x\nsee ${path.join(ROOT, "src", "a.ts")}`;
    error.stack = stack;
    expect(trimOwnFrames(error).stack).toBe(stack);
  });

  test("an error without a stack is returned as it is", () => {
    const error = new Error("x");
    error.stack = undefined;
    expect(trimOwnFrames(error)).toBe(error);
    expect(error.stack).toBeUndefined();
  });

  test("returns the same error object", () => {
    const error = new Error("x");
    expect(trimOwnFrames(error)).toBe(error);
  });
});

describe("describe: the received value in words", () => {
  const circular: Record<string, unknown> = {};
  circular.self = circular;
  test.each<[string, unknown, string]>([
    ["undefined", undefined, "undefined"],
    ["null", null, "null"],
    ["a string, quoted and escaped", 'a"b\n', '"a\\"b\\n"'],
    ["the empty string", "", '""'],
    ["a number", 5, "5"],
    ["a negative fraction", -1.5, "-1.5"],
    ["NaN (say Number(process.env.X) with the variable unset), not null", NaN, "NaN"],
    ["Infinity, not null", Infinity, "Infinity"],
    ["-Infinity, not null", -Infinity, "-Infinity"],
    ["a boolean", false, "false"],
    ["a list", ["a", 1], '["a",1]'],
    ["an empty list", [], "[]"],
    ["an object", { a: 1 }, '{"a":1}'],
    ["a function", () => 1, "a function"],
    ["a class", class Foo {}, "a function"],
    ["a symbol", Symbol("s"), "Symbol(s)"],
    ["a bigint", BigInt(10), "10"],
    ["a circular object", circular, "object"],
    ["an object holding a bigint", { n: BigInt(1) }, "object"],
    ["an object whose toJSON gives undefined", { toJSON: () => undefined }, "object"],
    ["a Described", new Described("OktaProvider \"s/o\""), 'OktaProvider "s/o"'],
  ])("%s", (_, value, expected) => {
    expect(describeValue(value)).toBe(expected);
  });

  test("a construct by its class and path", () => {
    const stack = newStack();
    expect(describeValue(stack)).toBe('TerraformStack "s"');
    expect(describeValue(new Construct(stack, "x"))).toBe('Construct "s/x"');
  });
});

describe("requireObject", () => {
  const expected = "an object with domain";
  test.each<[string, unknown, string]>([
    ["undefined", undefined, "undefined"],
    ["null", null, "null"],
    ["a string", "x", '"x"'],
    ["a number", 0, "0"],
    ["a boolean", true, "true"],
    ["a list", [{ domain: "x" }], '[{"domain":"x"}]'],
    ["a function", () => ({}), "a function"],
    ["a token", Token.asAny({ ref: "var.props" }), '"<unresolved-token>"'],
    ["a string token", STRING_TOKEN, JSON.stringify(STRING_TOKEN)],
  ])("refuses %s", (_, value, received) => {
    expect(thrown(() => requireObject("w", "props", value, expected))).toBe(`w: props must be an object with domain; received ${received}`);
  });

  test.each<[string, object]>([
    ["an empty object", {}],
    ["an object", { domain: "x" }],
    ["an object without a prototype", Object.create(null) as object],
  ])("accepts %s", (_, value) => {
    expect(() => requireObject("w", "props", value, expected)).not.toThrow();
  });
});

describe("refuseUnknownKeys", () => {
  const KNOWN = ["domain", "name"];
  test("known keys, and unknown ones set to undefined, pass", () => {
    expect(() => refuseUnknownKeys("w", "props", { domain: "x", name: "y" }, KNOWN)).not.toThrow();
    expect(() => refuseUnknownKeys("w", "props", {}, KNOWN)).not.toThrow();
    expect(() => refuseUnknownKeys("w", "props", { domain: "x", other: undefined }, KNOWN)).not.toThrow();
  });

  test("an unknown key set to null is refused", () => {
    expect(thrown(() => refuseUnknownKeys("w", "props", { other: null }, KNOWN))).toBe(
      'w: props must be an object with only the keys domain, name; unknown: "other"; received {"other": <null>}',
    );
  });

  test("the values of unknown keys are never echoed, only their kind: a secret passed under a wrong name stays out of the error", () => {
    const message = thrown(() => refuseUnknownKeys("w", "props", { clientSecret: "s3cr3t-value", tags: ["a"], extra: { k: "v" }, fn: () => 1 }, KNOWN));
    expect(message).toBe('w: props must be an object with only the keys domain, name; unknown: "clientSecret", "tags", "extra", "fn"; received {"clientSecret": <a string>, "tags": <a list>, "extra": <an object>, "fn": <a function>}');
    expect(message).not.toContain("s3cr3t");
  });

  test("several unknown keys: each named, with a suggestion where one is close, and only they are shown as received", () => {
    expect(thrown(() => refuseUnknownKeys("w", "options", { domain: "ok", domian: "x", zzz: 1, nme: true }, KNOWN))).toBe(
      'w: options must be an object with only the keys domain, name; unknown: "domian" (did you mean "domain"?), "zzz", "nme" (did you mean "name"?); received {"domian": <a string>, "zzz": <a number>, "nme": <a boolean>}',
    );
  });

  // Levenshtein distance of the unknown key to "domain": at most 2 is close.
  test.each<[string, number | "case"]>([
    ["Xomain", 1],
    ["domai", 1],
    ["domainX", 1],
    ["domian", 2],
    ["XYmain", 2],
    ["doma", 2],
    ["omai", 2],
    ["domainXY", 2],
    ["xdomainx", 2],
    ["DOMAIN", "case"],
    ["DoMaIn", "case"],
  ])("%s is close to domain (%s)", (key, _) => {
    expect(thrown(() => refuseUnknownKeys("w", "p", { [key]: 1 }, ["domain"]))).toBe(
      `w: p must be an object with only the keys domain; unknown: "${key}" (did you mean "domain"?); received {"${key}": <a number>}`,
    );
  });

  test.each([["XYZain"], ["dom"], ["ain"], ["domainXYZ"], ["XYZdomain"], ["xxdomainx"], ["oma"], ["name"]])("%s is not close to domain (distance 3 or more)", (key) => {
    expect(thrown(() => refuseUnknownKeys("w", "p", { [key]: 1 }, ["domain"]))).toBe(
      `w: p must be an object with only the keys domain; unknown: "${key}"; received {"${key}": <a number>}`,
    );
  });

  test("the first close known key is suggested", () => {
    expect(thrown(() => refuseUnknownKeys("w", "p", { zoneNme: 1 }, ["zoneId", "zoneName"]))).toContain('"zoneNme" (did you mean "zoneName"?)');
    expect(thrown(() => refuseUnknownKeys("w", "p", { abx: 1 }, ["abc", "abd"]))).toContain('"abx" (did you mean "abc"?)');
  });
});

describe("constructId", () => {
  test("returns a good id", () => {
    expect(constructId("OktaAccessIdentityProvider", newStack(), "Okta")).toBe("Okta");
    expect(constructId("X", newStack(), " a ")).toBe(" a ");
  });

  test.each<[string, unknown, string]>([
    ["undefined", undefined, "undefined"],
    ["null", null, "null"],
    ["a plain object", { node: { path: "s" } }, '{"node":{"path":"s"}}'],
    ["a string", "s", '"s"'],
  ])("refuses a scope that is %s", (_, scope, received) => {
    expect(thrown(() => constructId("OktaAccessIdentityProvider", scope, "Okta"))).toBe(
      `OktaAccessIdentityProvider "Okta": scope must be a construct (a TerraformStack or a construct inside one); received ${received}`,
    );
  });

  test.each<[string, unknown, string, string]>([
    ["undefined", undefined, "undefined", "undefined"],
    ["null", null, "null", "null"],
    ["a number", 5, "5", "5"],
    ["empty", "", "", '""'],
    ["whitespace", " \t", " \t", '" \\t"'],
    ["an object", { id: "x" }, "[object Object]", '{"id":"x"}'],
  ])("refuses an id that is %s", (_, id, shown, received) => {
    expect(thrown(() => constructId("OktaAccessIdentityProvider", newStack(), id))).toBe(
      `OktaAccessIdentityProvider "s/${shown}": id must be a non-empty string, such as "Okta" (it is part of the Terraform addresses); received ${received}`,
    );
  });
});

describe("requireId", () => {
  test("accepts a non-empty string", () => {
    expect(() => requireId("w", "a")).not.toThrow();
    expect(() => requireId("w", " a ")).not.toThrow();
  });

  test.each<[unknown, string]>([
    [undefined, "undefined"],
    [null, "null"],
    [1, "1"],
    ["", '""'],
    ["  ", '"  "'],
    [["a"], '["a"]'],
  ])("refuses %p", (id, received) => {
    expect(thrown(() => requireId("w.accessGroup", id))).toBe(`w.accessGroup: id must be a non-empty string (it is part of the Terraform addresses); received ${received}`);
  });
});

describe("requireProvider", () => {
  const OKTA = 'an OktaProvider (Terraform provider "okta") declared in this construct\'s stack';

  test("undefined passes (the construct then uses the stack's default provider)", () => {
    expect(() => requireProvider("w", "oktaProvider", undefined, "okta", "OktaProvider", newStack())).not.toThrow();
  });

  test("a provider of the right type in the same stack passes, from any scope inside it", () => {
    const stack = newStack();
    const provider = new OktaProvider(stack, "okta", {});
    expect(() => requireProvider("w", "oktaProvider", provider, "okta", "OktaProvider", stack)).not.toThrow();
    expect(() => requireProvider("w", "oktaProvider", provider, "okta", "OktaProvider", new Construct(new Construct(stack, "a"), "b"))).not.toThrow();
  });

  test("the article follows the class name: an for a vowel, a otherwise", () => {
    const stack = newStack();
    expect(thrown(() => requireProvider("w", "p", "x", "cloudflare", "CloudflareProvider", stack))).toBe(
      'w: p must be a CloudflareProvider (Terraform provider "cloudflare") declared in this construct\'s stack; received "x"',
    );
    expect(thrown(() => requireProvider("w", "p", "x", "aws", "MyAwsProvider", stack))).toMatch(/^w: p must be a MyAwsProvider /);
    expect(thrown(() => requireProvider("w", "p", "x", "e", "ExampleProvider", stack))).toMatch(/^w: p must be an ExampleProvider /);
  });

  test.each<[string, (stack: TerraformStack) => unknown, string]>([
    ["null", () => null, "null"],
    ["a string", () => "okta", '"okta"'],
    ["an object", () => ({ terraformResourceType: "okta" }), '{"terraformResourceType":"okta"}'],
    ["a construct that is not a provider", (stack) => new Construct(stack, "x"), 'Construct "s/x"'],
  ])("refuses %s", (_, make, received) => {
    const stack = newStack();
    expect(thrown(() => requireProvider("w", "oktaProvider", make(stack), "okta", "OktaProvider", stack))).toBe(`w: oktaProvider must be ${OKTA}; received ${received}`);
  });

  test("refuses a provider of another type, naming its type", () => {
    const stack = newStack();
    const cloudflare = new CloudflareProvider(stack, "cf", {});
    expect(thrown(() => requireProvider("w", "oktaProvider", cloudflare, "okta", "OktaProvider", stack))).toBe(
      `w: oktaProvider must be ${OKTA}; received CloudflareProvider "s/cf" (Terraform provider "cloudflare")`,
    );
  });

  test("refuses a provider of another stack, naming both stacks", () => {
    const app = new App();
    const own = newStack("s1", app);
    const provider = new OktaProvider(newStack("s2", app), "okta", {});
    expect(thrown(() => requireProvider("w", "oktaProvider", provider, "okta", "OktaProvider", new Construct(own, "idp")))).toBe(
      `w: oktaProvider must be ${OKTA} ("s1"); declare the provider in this stack; received OktaProvider "s2/okta" of stack "s2"`,
    );
  });
});

describe("isLiteral", () => {
  test.each<[string, unknown, boolean]>([
    ["undefined", undefined, false],
    ["a string token", STRING_TOKEN, false],
    ["a string holding a token", `${STRING_TOKEN}.example.com`, false],
    ["a list token", LIST_TOKEN, false],
    ["a number token", Token.asNumber({ ref: "var.n" }), false],
    ["an IResolvable", Token.asAny({ ref: "var.a" }), false],
    ["a string", "x", true],
    ["the empty string", "", true],
    ["null", null, true],
    ["zero", 0, true],
    ["false", false, true],
    ["a list", ["a"], true],
  ])("%s: %s", (_, value, expected) => {
    expect(isLiteral(value)).toBe(expected);
  });
});

describe("requireNonEmpty", () => {
  test.each<[string, unknown]>([
    ["undefined (an optional property left out)", undefined],
    ["a string", "x"],
    ["a string with spaces around", " x "],
    ["a string token", STRING_TOKEN],
    ["a TerraformVariable", new TerraformVariable(newStack(), "v", { type: "string" }).stringValue],
  ])("accepts %s", (_, value) => {
    expect(() => requireNonEmpty("w", "name", value as string)).not.toThrow();
  });

  test.each<[string, unknown, string]>([
    ["null", null, "null"],
    ["the empty string", "", '""'],
    ["whitespace", " \n\t", '" \\n\\t"'],
    ["a number", 5, "5"],
    ["a boolean", true, "true"],
    ["a list", ["x"], '["x"]'],
    ["an object", { name: "x" }, '{"name":"x"}'],
  ])("refuses %s", (_, value, received) => {
    expect(thrown(() => requireNonEmpty("w", "name", value as string))).toBe(`w: name must be a non-empty string; received ${received}`);
  });
});

describe("requireNonEmptyList", () => {
  const check = (values: unknown, what = "Okta group ids") => () => requireNonEmptyList("w", "assignedGroupIds", values as string[], what);

  test.each<[string, unknown]>([
    ["undefined (left out)", undefined],
    ["a list token", LIST_TOKEN],
    ["one member", ["00g1"]],
    ["members differing only in case", ["00g1", "00G1"]],
    ["token members, even twice the same", [STRING_TOKEN, STRING_TOKEN, "00g1"]],
    ["a member with spaces around", [" 00g1 "]],
  ])("accepts %s", (_, values) => {
    expect(check(values)).not.toThrow();
  });

  test.each<[string, unknown, string]>([
    ["null", null, "null"],
    ["an empty list", [], "[]"],
    ["a string", "00g1", '"00g1"'],
    ["an object", { 0: "00g1" }, '{"0":"00g1"}'],
    ["a number", 1, "1"],
  ])("refuses %s as the list", (_, values, received) => {
    expect(thrown(check(values))).toBe(`w: assignedGroupIds must be a non-empty list of Okta group ids; received ${received}`);
  });

  test.each<[string, unknown[], number, string]>([
    ["an empty member", ["00g1", ""], 1, '""'],
    ["a blank member", [" "], 0, '" "'],
    ["a null member", ["00g1", "00g2", null], 2, "null"],
    ["a number member", [5], 0, "5"],
    ["an object member", [{ id: "00g1" }], 0, '{"id":"00g1"}'],
  ])("refuses %s, naming its index", (_, values, index, received) => {
    expect(thrown(check(values))).toBe(`w: assignedGroupIds[${index}] must be a non-empty Okta group id; received ${received}`);
  });

  test("an undefined member (say [process.env.GROUP_ID] with the variable unset) is refused, not skipped like a token", () => {
    expect(thrown(check(["00g1", undefined]))).toBe("w: assignedGroupIds[1] must be a non-empty Okta group id; received undefined");
  });

  test("only a trailing s is dropped from what a member is", () => {
    expect(thrown(check([""], "hosts"))).toBe('w: assignedGroupIds[0] must be a non-empty host; received ""');
    expect(thrown(check([""], "Okta group names"))).toBe('w: assignedGroupIds[0] must be a non-empty Okta group name; received ""');
    expect(thrown(check([""], "data"))).toBe('w: assignedGroupIds[0] must be a non-empty data; received ""');
  });

  test("refuses duplicates, showing the list", () => {
    expect(thrown(check(["00g1", "00g2", "00g1"]))).toBe('w: assignedGroupIds must be a list without duplicates; received ["00g1","00g2","00g1"]');
  });

  test("the first bad member is reported, before a later duplicate", () => {
    expect(thrown(check(["a", "", "a"]))).toBe('w: assignedGroupIds[1] must be a non-empty Okta group id; received ""');
  });
});

const L63 = "a".repeat(63);
/** 253 characters: three 63-character labels and one of 61. */
const HOST_253 = [L63, L63, L63, "b".repeat(61)].join(".");
const HOST_254 = [L63, L63, L63, "b".repeat(62)].join(".");

describe("isHostName (RFC 1123)", () => {
  test("the limits", () => {
    expect(HOST_253).toHaveLength(253);
    expect(HOST_254).toHaveLength(254);
  });

  test.each([
    "a",
    "localhost",
    "example.com",
    "EXAMPLE.COM",
    "a-b.c-d.com",
    "a--b.com",
    "0.1.2.3",
    "123.example.com",
    "xn--bcher-kva.example",
    `${L63}.com`,
    HOST_253,
  ])("%s is a host name", (host) => {
    expect(isHostName(host)).toBe(true);
  });

  test.each([
    ["empty", ""],
    ["254 characters", HOST_254],
    ["a 64-character label", `${"a".repeat(64)}.com`],
    ["a trailing dot", "example.com."],
    ["a leading dot", ".example.com"],
    ["only a dot", "."],
    ["a leading hyphen in the first label", "-example.com"],
    ["a leading hyphen in an inner label", "a.-b.com"],
    ["a trailing hyphen in the last label", "example.com-"],
    ["a trailing hyphen in the first label", "a-.com"],
    ["only a hyphen", "-"],
    ["an underscore", "a_b.com"],
    ["a space", "a b.com"],
    ["a port", "example.com:443"],
    ["a path", "example.com/x"],
    ["a scheme", "https://example.com"],
    ["a wildcard", "*.example.com"],
    ["a non-ASCII letter", "bücher.example"],
    ["an IPv6 literal", "[::1]"],
    ["a trailing newline", "example.com\n"],
  ])("%s is not a host name (%j)", (_, host) => {
    expect(isHostName(host)).toBe(false);
  });
});

const TEAM = 'a bare host name such as "example.cloudflareaccess.com" or just the team name "example" (no scheme, path or port)';

describe("normalizeTeamDomain", () => {
  test.each([
    ["example", "example.cloudflareaccess.com"],
    ["EXAMPLE", "example.cloudflareaccess.com"],
    [" example\n", "example.cloudflareaccess.com"],
    ["my-team-1", "my-team-1.cloudflareaccess.com"],
    [L63, `${L63}.cloudflareaccess.com`],
    ["example.cloudflareaccess.com", "example.cloudflareaccess.com"],
    [" Access.Example.COM ", "access.example.com"],
    [HOST_253, HOST_253],
  ])("%j becomes %s", (input, expected) => {
    expect(normalizeTeamDomain("w", input)).toBe(expected);
  });

  test("tokens pass through unchanged, unchecked", () => {
    const variable = new TerraformVariable(newStack(), "team", { type: "string" }).stringValue;
    expect(normalizeTeamDomain("w", variable)).toBe(variable);
    expect(normalizeTeamDomain("w", STRING_TOKEN)).toBe(STRING_TOKEN);
    expect(normalizeTeamDomain("w", `https://${STRING_TOKEN}`)).toBe(`https://${STRING_TOKEN}`);
  });

  test.each<[string, unknown, string]>([
    ["undefined (a JavaScript caller left it out)", undefined, "undefined"],
    ["null", null, "null"],
    ["a number", 5, "5"],
    ["a boolean", true, "true"],
    ["a list", ["example"], '["example"]'],
    ["an object", { name: "example" }, '{"name":"example"}'],
    ["empty", "", '""'],
    ["whitespace", "  ", '"  "'],
    ["a scheme", "https://example.cloudflareaccess.com", '"https://example.cloudflareaccess.com"'],
    ["a scheme on a team name", "https://example", '"https://example"'],
    ["a path", "example.cloudflareaccess.com/", '"example.cloudflareaccess.com/"'],
    ["a path on a team name", "example/x", '"example/x"'],
    ["a port", "example.cloudflareaccess.com:443", '"example.cloudflareaccess.com:443"'],
    ["a port on a team name", "example:443", '"example:443"'],
    ["a trailing dot", "example.cloudflareaccess.com.", '"example.cloudflareaccess.com."'],
    ["a team name with a trailing dot", "example.", '"example."'],
    ["a leading dot", ".example.com", '".example.com"'],
    ["a leading hyphen", "-example", '"-example"'],
    ["a trailing hyphen", "example-", '"example-"'],
    ["an underscore", "my_team", '"my_team"'],
    ["an inner space", "my team", '"my team"'],
    ["a 64-character team name", "a".repeat(64), JSON.stringify("a".repeat(64))],
    ["a 254-character host", HOST_254, JSON.stringify(HOST_254)],
    ["a wildcard", "*.example.com", '"*.example.com"'],
    ["user info", "me@example.com", '"me@example.com"'],
  ])("refuses %s", (_, value, received) => {
    expect(thrown(() => normalizeTeamDomain("w", value as string))).toBe(`w: teamDomain must be ${TEAM}; received ${received}`);
  });
});

const ORG = 'an https:// URL of the Okta org with no path, query or fragment, such as "https://dev-123456.okta.com"';

describe("normalizeOktaOrgUrl", () => {
  test.each([
    ["https://dev-1.okta.com", "https://dev-1.okta.com"],
    ["https://dev-1.okta.com/", "https://dev-1.okta.com"],
    ["HTTPS://DEV-1.OKTA.COM", "https://dev-1.okta.com"],
    [" https://dev-1.okta.com/ \n", "https://dev-1.okta.com"],
    ["\u00a0https://dev-1.okta.com\u00a0", "https://dev-1.okta.com"],
    ["https://dev-1.okta.com:443", "https://dev-1.okta.com"],
    ["https://dev-1.okta.com:8443", "https://dev-1.okta.com:8443"],
    ["https://login.example.com", "https://login.example.com"],
    ["https://administrator.okta.com", "https://administrator.okta.com"],
    ["https://localhost", "https://localhost"],
    ["https://127.0.0.1:8443/", "https://127.0.0.1:8443"],
  ])("%j becomes %s", (input, expected) => {
    expect(normalizeOktaOrgUrl("w", input)).toBe(expected);
  });

  test("tokens pass through unchanged, unchecked", () => {
    const variable = new TerraformVariable(newStack(), "org", { type: "string" }).stringValue;
    expect(normalizeOktaOrgUrl("w", variable)).toBe(variable);
    expect(normalizeOktaOrgUrl("w", `https://${STRING_TOKEN}.okta.com`)).toBe(`https://${STRING_TOKEN}.okta.com`);
  });

  test.each<[string, unknown, string]>([
    ["undefined", undefined, "undefined"],
    ["null", null, "null"],
    ["a number", 443, "443"],
    ["a list", ["https://dev-1.okta.com"], '["https://dev-1.okta.com"]'],
    ["a URL object", { href: "https://dev-1.okta.com" }, '{"href":"https://dev-1.okta.com"}'],
    ["empty", "", '""'],
    ["whitespace", " ", '" "'],
    ["no scheme", "dev-1.okta.com", '"dev-1.okta.com"'],
    ["http", "http://dev-1.okta.com", '"http://dev-1.okta.com"'],
    ["another scheme", "ftp://dev-1.okta.com", '"ftp://dev-1.okta.com"'],
    ["a path", "https://dev-1.okta.com/app", '"https://dev-1.okta.com/app"'],
    ["a path with a trailing slash", "https://dev-1.okta.com/oauth2/default/", '"https://dev-1.okta.com/oauth2/default/"'],
    ["a query", "https://dev-1.okta.com/?a=1", '"https://dev-1.okta.com/?a=1"'],
    ["an empty query", "https://dev-1.okta.com?", '"https://dev-1.okta.com?"'],
    ["an empty query, then spaces", "https://dev-1.okta.com/? ", '"https://dev-1.okta.com/? "'],
    ["a fragment", "https://dev-1.okta.com#x", '"https://dev-1.okta.com#x"'],
    ["an empty fragment", "https://dev-1.okta.com/#", '"https://dev-1.okta.com/#"'],
    ["an empty fragment, then spaces", "https://dev-1.okta.com# ", '"https://dev-1.okta.com# "'],
    ["a user", "https://me@dev-1.okta.com", '"https://me@dev-1.okta.com"'],
    ["a password only", "https://:pw@dev-1.okta.com", '"https://:pw@dev-1.okta.com"'],
    ["a trailing-dot host", "https://dev-1.okta.com.", '"https://dev-1.okta.com."'],
    ["an underscore in the host", "https://dev_1.okta.com", '"https://dev_1.okta.com"'],
    ["a leading hyphen", "https://-dev.okta.com", '"https://-dev.okta.com"'],
    ["an IPv6 host", "https://[::1]", '"https://[::1]"'],
    ["a bad port", "https://dev-1.okta.com:99999", '"https://dev-1.okta.com:99999"'],
    ["no host", "https://", '"https://"'],
  ])("refuses %s", (_, value, received) => {
    expect(thrown(() => normalizeOktaOrgUrl("w", value as string))).toBe(`w: oktaOrgUrl must be ${ORG}; received ${received}`);
  });

  test.each([
    ["https://dev-1-admin.okta.com", "https://dev-1.okta.com"],
    ["https://DEV-1-ADMIN.okta.com/", "https://dev-1.okta.com"],
    ["https://acme-admin.okta-emea.com", "https://acme.okta-emea.com"],
    ["https://login.acme-admin.example.com:8443", "https://login.acme.example.com"],
  ])("refuses the admin-console URL %s, suggesting %s", (value, orgUrl) => {
    expect(thrown(() => normalizeOktaOrgUrl("w", value))).toBe(
      `w: oktaOrgUrl must be the Okta org URL, not the admin-console URL (the org URL never contains "-admin"; use "${orgUrl}"); received ${JSON.stringify(value)}`,
    );
  });
});

const DOMAIN = 'a host name with an optional path and no scheme, port, query or fragment, such as "wiki.example.com", "example.com/wiki" or "*.example.com"';

describe("checkAccessDomain", () => {
  test.each([
    "a.b",
    "Wiki.Example.COM",
    "xn--bcher-kva.example",
    `${L63}.com`,
    `*${"a".repeat(62)}.example.com`,
    HOST_253,
    `${HOST_253}/path`,
    "*.*.example.com",
    "a*b.example.com",
    "example.com//",
    "example.com/a//b",
    "example.com/AZaz09-._~!$&'()*+,;=:@%",
    "example.com/go/https://other.example.com",
    "example.com/%zz",
  ])("%s is accepted and returned unchanged", (domain) => {
    expect(checkAccessDomain("w", "domain", domain)).toBe(domain);
  });

  test("tokens, and strings holding one, pass through unchanged, unchecked", () => {
    const variable = new TerraformVariable(newStack(), "domain", { type: "string" }).stringValue;
    expect(checkAccessDomain("w", "domain", variable)).toBe(variable);
    expect(checkAccessDomain("w", "domain", `https://${STRING_TOKEN}`)).toBe(`https://${STRING_TOKEN}`);
  });

  test.each([
    ["https://wiki.example.com", "wiki.example.com"],
    ["HTTPS://Wiki.Example.com/a", "Wiki.Example.com/a"],
    ["http://wiki.example.com:8080/x", "wiki.example.com:8080/x"],
    ["git+ssh://x.example.com", "x.example.com"],
    ["a.b-c://x.example.com", "x.example.com"],
    ["h2://x.example.com", "x.example.com"],
  ])("a scheme (%s) is refused with the value to use instead (%s)", (domain, bare) => {
    expect(thrown(() => checkAccessDomain("w", "domain", domain))).toBe(`w: domain must be ${DOMAIN} (drop the scheme: use ${JSON.stringify(bare)}); received ${JSON.stringify(domain)}`);
  });

  test.each<[string, unknown, string]>([
    ["null", null, "null"],
    ["a number", 5, "5"],
    ["a list", ["wiki.example.com"], '["wiki.example.com"]'],
    ["an object", { host: "wiki.example.com" }, '{"host":"wiki.example.com"}'],
    ["empty", "", '""'],
    ["whitespace", " ", '" "'],
    ["a scheme that starts with a digit", "1x://wiki.example.com", '"1x://wiki.example.com"'],
    ["a scheme without a host", "https:wiki.example.com", '"https:wiki.example.com"'],
    ["a single label", "wiki", '"wiki"'],
    ["a single label with a path", "wiki/x", '"wiki/x"'],
    ["only a path", "/wiki", '"/wiki"'],
    ["a trailing dot", "wiki.example.com.", '"wiki.example.com."'],
    ["a trailing dot before the path", "wiki.example.com./x", '"wiki.example.com./x"'],
    ["a leading dot", ".example.com", '".example.com"'],
    ["a leading hyphen", "-wiki.example.com", '"-wiki.example.com"'],
    ["a trailing hyphen", "wiki-.example.com", '"wiki-.example.com"'],
    ["an underscore", "my_wiki.example.com", '"my_wiki.example.com"'],
    ["a 64-character label", `${"a".repeat(64)}.com`, JSON.stringify(`${"a".repeat(64)}.com`)],
    ["a 64-character wildcard label", `*${"a".repeat(63)}.example.com`, JSON.stringify(`*${"a".repeat(63)}.example.com`)],
    ["a 254-character host", HOST_254, JSON.stringify(HOST_254)],
    ["a 254-character host with a path", `${HOST_254}/x`, JSON.stringify(`${HOST_254}/x`)],
    ["a port", "wiki.example.com:443", '"wiki.example.com:443"'],
    ["a port before the path", "wiki.example.com:443/x", '"wiki.example.com:443/x"'],
    ["a wildcard zone", "*.com", '"*.com"'],
    ["a wildcard top-level domain", "example.*", '"example.*"'],
    ["a wildcard in the zone's name", "wiki.ex*.com", '"wiki.ex*.com"'],
    ["a query on the host", "wiki.example.com?x=1", '"wiki.example.com?x=1"'],
    ["a query on the path", "wiki.example.com/a?x=1", '"wiki.example.com/a?x=1"'],
    ["a fragment", "wiki.example.com/a#b", '"wiki.example.com/a#b"'],
    ["a trailing space", "wiki.example.com ", '"wiki.example.com "'],
    ["a space in the path", "wiki.example.com/a b", '"wiki.example.com/a b"'],
    ["a backslash", "wiki.example.com\\a", '"wiki.example.com\\\\a"'],
    ["a non-ASCII letter in the host", "bücher.example.com", '"bücher.example.com"'],
    ["a non-ASCII letter in the path", "example.com/é", '"example.com/é"'],
    ["user info", "me@wiki.example.com", '"me@wiki.example.com"'],
    ...[..."\"<>[]\\^`{|}"].map((c): [string, unknown, string] => [`${c} in the path`, `example.com/a${c}`, JSON.stringify(`example.com/a${c}`)]),
  ])("refuses %s", (_, value, received) => {
    expect(thrown(() => checkAccessDomain("w", "domain", value as string))).toBe(`w: domain must be ${DOMAIN}; received ${received}`);
  });

  test("the property is the caller's", () => {
    expect(thrown(() => checkAccessDomain("w", "domains[1]", "wiki"))).toBe(`w: domains[1] must be ${DOMAIN}; received "wiki"`);
  });
});

describe("parseDuration", () => {
  test.each([
    ["1ns", 1],
    ["1us", 1e3],
    ["1\u00b5s", 1e3],
    ["1\u03bcs", 1e3],
    ["1ms", 1e6],
    ["1s", 1e9],
    ["1m", 60e9],
    ["1h", 3600e9],
    ["1.h", 3600e9],
    ["1.25m", 75e9],
    ["0.5ns", 0.5],
    ["1h1h", 7200e9],
    ["1s1ms1us1ns", 1e9 + 1e6 + 1e3 + 1],
    ["007s", 7e9],
  ])("%s is %d ns", (text, ns) => {
    expect(parseDuration(text)).toBe(ns);
  });

  test.each<[string, unknown]>([
    ["undefined", undefined],
    ["null", null],
    ["a number", 30],
    ["a list", ["1h"]],
    ["the unit alone", "h"],
    ["a dot and a unit", ".h"],
    ["a number then two dots", "1..h"],
    ["a unit, then a bare number", "1h30"],
    ["a trailing space", "1h\n"],
    ["an unknown unit", "1y"],
    ["the day", "1d"],
    ["an exponent", "1e3s"],
    ["a comma", "1,5h"],
    ["a sign in the middle", "1h-30m"],
  ])("%s is not a duration", (_, value) => {
    expect(parseDuration(value as string)).toBeUndefined();
  });
});

const DURATION = 'a positive duration in Cloudflare\'s format: numbers with units h, m, s, ms, us (µs) or ns, such as "30m", "24h" or "1h30m"';
const GO_MAX =
  "a duration Go (and so Cloudflare and its Terraform provider) can represent, at most 2562047h (about 292 years); Cloudflare's longest session is a month, 730h";

describe("requireDuration", () => {
  test("tokens and undefined give undefined, unchecked", () => {
    expect(requireDuration("w", "sessionDuration", STRING_TOKEN)).toBeUndefined();
    expect(requireDuration("w", "sessionDuration", new TerraformVariable(newStack(), "d", { type: "string" }).stringValue)).toBeUndefined();
    expect(requireDuration("w", "sessionDuration", undefined as unknown as string)).toBeUndefined();
  });

  test.each([
    ["1ns", 1],
    ["0.0001ns", 0.0001],
    ["24h", 24 * HOUR_NS],
    ["2562047h", 2562047 * HOUR_NS],
    // Go's largest duration, 2^63 - 1 ns (a double rounds it to 2^63).
    ["2562047h47m16.854775807s", 2 ** 63],
    ["2562047h47m16s", (2562047 * 3600 + 47 * 60 + 16) * 1e9],
  ])("%s is %d ns", (text, ns) => {
    expect(requireDuration("w", "sessionDuration", text)).toBe(ns);
  });

  test.each<[string, unknown, string]>([
    ["zero", "0s", '"0s"'],
    ["zero in each unit", "0h0m0s0ms0us0ns", '"0h0m0s0ms0us0ns"'],
    ["a bare zero", "0", '"0"'],
    ["a bare number", "30", '"30"'],
    ["a negative duration", "-1h", '"-1h"'],
    ["empty", "", '""'],
    ["a day", "1d", '"1d"'],
    ["null", null, "null"],
    ["a number", 30, "30"],
  ])("refuses %s", (_, value, received) => {
    expect(thrown(() => requireDuration("w", "sessionDuration", value as string))).toBe(`w: sessionDuration must be ${DURATION}; received ${received}`);
  });

  test.each(["2562048h", "2562047h47m17s", "99999999999h"])("refuses %s, longer than Go can represent", (text) => {
    expect(thrown(() => requireDuration("w", "policySessionDuration", text))).toBe(`w: policySessionDuration must be ${GO_MAX}; received "${text}"`);
  });
});

describe("requireBoolean", () => {
  test.each<[string, unknown]>([
    ["true", true],
    ["false", false],
    ["undefined", undefined],
    ["a boolean token", Token.asAny({ ref: "var.b" })],
    ["a string token", STRING_TOKEN],
  ])("accepts %s", (_, value) => {
    expect(() => requireBoolean("w", "autoRedirect", value)).not.toThrow();
  });

  test.each<[unknown, string]>([
    [null, "null"],
    [0, "0"],
    [1, "1"],
    ["true", '"true"'],
    ["", '""'],
    [[true], "[true]"],
    [{}, "{}"],
  ])("refuses %p", (value, received) => {
    expect(thrown(() => requireBoolean("w", "autoRedirect", value))).toBe(`w: autoRedirect must be true or false; received ${received}`);
  });
});

describe("session duration bounds", () => {
  test("the constant", () => {
    expect(HOUR_NS).toBe(3_600_000_000_000);
  });

  const warn = (text: string) => sessionDurationWarning("w", "sessionDuration", text, parseDuration(text));

  test.each(["1ns", "30m", "24h", "730h", "729h59m59.999999999s", "43800m"])("%s gets no warning", (text) => {
    expect(warn(text)).toBeUndefined();
  });

  test("a token (no nanoseconds) gets no warning", () => {
    expect(sessionDurationWarning("w", "sessionDuration", STRING_TOKEN, undefined)).toBeUndefined();
  });

  test.each(["730h1ns", "731h", "43801m", "2562047h"])("%s is longer than Cloudflare offers", (text) => {
    expect(warn(text)).toBe(
      `w: sessionDuration "${text}" is longer than the longest session Cloudflare Access offers, one month (730h); Cloudflare may refuse or cap it. Use 730h or less (24h or less is a good default).`,
    );
  });

  test.each(["0.9ns", "0.0001ns", "0.000001us"])("%s is shorter than a nanosecond", (text) => {
    expect(sessionDurationWarning("w", "policySessionDuration", text, parseDuration(text))).toBe(
      `w: policySessionDuration "${text}" is shorter than a nanosecond: Cloudflare reads it as 0, an immediate timeout, so every request needs a new sign-in. Use a duration such as "30m".`,
    );
  });
});

// The cases a Stryker run (npm run test:mutation) found no test for.
describe("validation: cases the mutation run found untested", () => {
  test("an unknown key holding a token or a construct is shown by kind", () => {
    const stack = newStack();
    expect(thrown(() => refuseUnknownKeys("w", "props", { extra: Token.asString({ Ref: "x" }) }, ["name"]))).toBe(
      'w: props must be an object with only the keys name; unknown: "extra"; received {"extra": <a token>}',
    );
    expect(thrown(() => refuseUnknownKeys("w", "props", { extra: stack }, ["name"]))).toBe('w: props must be an object with only the keys name; unknown: "extra"; received {"extra": <a TerraformStack>}');
  });

  test("validatedOrDetached on a root construct (no scope) rethrows the validation error", () => {
    const app = new App();
    expect(() =>
      validatedOrDetached(app, () => {
        throw new Error("refused");
      }),
    ).toThrow("refused");
  });

  test("a scheme is found only at the start: a path that holds a URL is accepted", () => {
    expect(checkAccessDomain("w", "domain", "example.com/go/https://x")).toBe("example.com/go/https://x");
    expect(thrown(() => checkAccessDomain("w", "domain", "https://example.com/go"))).toContain('(drop the scheme: use "example.com/go")');
  });

  test.each(["_a.example.com", "a_.example.com", "a.example.c_m"])("%s is not a host name: every label is checked whole", (host) => {
    expect(isHostName(host)).toBe(false);
  });

  test.each([
    ["teamDomain", () => normalizeTeamDomain("w", 5 as never)],
    ["oktaOrgUrl", () => normalizeOktaOrgUrl("w", 5 as never)],
  ])("a number for %s gets our message, not a TypeError", (property, run) => {
    expect(thrown(run)).toMatch(new RegExp(`^w: ${property} must be .*; received 5$`));
  });
});

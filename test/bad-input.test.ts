/**
 * Issue 10, item 1-2: every prop, option and argument of the public constructs
 * and methods refuses wrong types, null, empty strings, unknown keys, empty
 * ids and wrong providers with our error (property, expected form, value
 * received), never a JavaScript TypeError or a cdktf message.
 */
import { CloudflareProvider } from "../src/providers/cloudflare/provider";
import { OktaProvider } from "../src/providers/okta/provider";
import { TerraformStack, TerraformVariable, Testing } from "cdktf";
import { Construct } from "constructs";
import { OktaAccessIdentityProvider, OktaAccessIdentityProviderProps, ProtectedApplication } from "../src";
import { BASE_PROPS, newStack, only, synth } from "./helpers";

const OUR_ERROR = /^OktaAccessIdentityProvider "test\/Okta": \S+.* must be .*; received .+$/;

function make(props: any) {
  return () => new OktaAccessIdentityProvider(newStack(), "Okta", props);
}

/** The error a call throws, for checks on its type and message. */
function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (e) {
    return e as Error;
  }
  throw new Error("expected an error");
}

describe("OktaAccessIdentityProvider: wrong types and null from plain JavaScript", () => {
  const cases: Array<[string, Partial<Record<keyof OktaAccessIdentityProviderProps, unknown>>, RegExp]> = [
    ["assignedGroupIds: null", { assignedGroupIds: null }, /assignedGroupIds must be a non-empty list of Okta group ids; omit the property to assign the Everyone group; received null$/],
    ["assignedGroupIds: a string", { assignedGroupIds: "00g1" }, /assignedGroupIds must be a non-empty list .*; received "00g1"$/],
    ["assignedGroupIds: [5]", { assignedGroupIds: [5] }, /assignedGroupIds\[0\] must be a non-empty Okta group id; received 5$/],
    ["claims: null", { claims: null }, /claims must be a list of claim names, such as \["email", "name"\]; received null$/],
    ["claims: {}", { claims: {} }, /claims must be a list of claim names.*; received \{\}$/],
    ["claims: a string", { claims: "email" }, /claims must be a list of claim names.*; received "email"$/],
    ["claims: [null]", { claims: [null] }, /claims\[0\] must be a non-empty claim name; received null$/],
    ["claims: a duplicate", { claims: ["email", "email"] }, /claims must be a list without duplicates; received \["email","email"\]$/],
    ["scim: []", { scim: [] }, /scim must be an object such as \{ userDeprovision: true \}.*; received \[\]$/],
    ["scim: null", { scim: null }, /scim must be an object .*; received null$/],
    ["scim: a misspelt key", { scim: { userDeprovison: false } }, /scim must be an object with only the keys userDeprovision, seatDeprovision, identityUpdateBehavior; unknown: "userDeprovison" \(did you mean "userDeprovision"\?\); received \{"userDeprovison": <a boolean>\}$/],
    ["teamDomain: null", { teamDomain: null }, /teamDomain must be a bare host name .*; received null$/],
    ["teamDomain: 5", { teamDomain: 5 }, /teamDomain must be a bare host name .*; received 5$/],
    ["teamDomain: whitespace", { teamDomain: "   " }, /teamDomain must be a bare host name .*; received " {3}"$/],
    ["oktaOrgUrl: null", { oktaOrgUrl: null }, /oktaOrgUrl must be an https:\/\/ URL .*; received null$/],
    ["oktaOrgUrl: an object", { oktaOrgUrl: { url: "x" } }, /oktaOrgUrl must be an https:\/\/ URL .*; received \{"url":"x"\}$/],
    ["accountId: null", { accountId: null }, /accountId must be a non-empty string; received null$/],
    ["accountId: 5", { accountId: 5 }, /accountId must be a non-empty string; received 5$/],
    ["name: null", { name: null }, /name must be a non-empty string; received null$/],
    ["name: whitespace", { name: " \t" }, /name must be a non-empty string; received " \\t"$/],
    ["appLabel: a number", { appLabel: 1 }, /appLabel must be a non-empty string; received 1$/],
    ["emailClaimName: null", { emailClaimName: null }, /emailClaimName must be a non-empty string; received null$/],
    ["authorizationServerId: false", { authorizationServerId: false }, /authorizationServerId must be a non-empty string; received false$/],
    ["pkce: null", { pkce: null }, /pkce must be true or false; received null$/],
    ["pkce: a string", { pkce: "true" }, /pkce must be true or false; received "true"$/],
    ["exclusiveAssignments: 0", { exclusiveAssignments: 0 }, /exclusiveAssignments must be true or false; received 0$/],
    ["groupsClaim: a string", { groupsClaim: ".*" }, /groupsClaim must be a GroupsClaim, such as GroupsClaim.ALL.*; received "\.\*"$/],
    ["groupsClaim: null", { groupsClaim: null }, /groupsClaim must be a GroupsClaim.*; received null$/],
    ["oktaProvider: a string", { oktaProvider: "okta" }, /oktaProvider must be an OktaProvider \(Terraform provider "okta"\) declared in this construct's stack; received "okta"$/],
    ["cloudflareProvider: null", { cloudflareProvider: null }, /cloudflareProvider must be a CloudflareProvider .*; received null$/],
    ["a misspelt prop", { exclusiveAsignments: false } as any, /props must be an object with only the keys accountId, zoneId, .*; unknown: "exclusiveAsignments" \(did you mean "exclusiveAssignments"\?\); received \{"exclusiveAsignments": <a boolean>\}$/],
  ];

  test.each(cases)("%s gets our error", (_, props, message) => {
    const error = thrown(make({ ...BASE_PROPS, ...props }));
    expect(error).not.toBeInstanceOf(TypeError);
    expect(error.message).toMatch(message);
    expect(error.message).toMatch(OUR_ERROR);
  });

  test.each([
    ["null", null],
    ["a string", "props"],
    ["a list", []],
  ])("props %s gets our error", (_, props) => {
    expect(make(props)).toThrow(/^OktaAccessIdentityProvider "test\/Okta": props must be an object with accountId or zoneId, teamDomain and oktaOrgUrl; received /);
  });

  test("a JavaScript caller omitting teamDomain gets our error, not https://undefined/...", () => {
    const props: Record<string, unknown> = { ...BASE_PROPS };
    delete props.teamDomain;
    expect(make(props)).toThrow(/^OktaAccessIdentityProvider "test\/Okta": teamDomain must be a bare host name .*; received undefined$/);
  });

  test("a JavaScript caller omitting oktaOrgUrl gets our error", () => {
    const props: Record<string, unknown> = { ...BASE_PROPS };
    delete props.oktaOrgUrl;
    expect(make(props)).toThrow(/^OktaAccessIdentityProvider "test\/Okta": oktaOrgUrl must be an https:\/\/ URL .*; received undefined$/);
  });

  test.each(["example.cloudflareaccess.com.", "example."])("a trailing-dot team domain %s is refused", (teamDomain) => {
    expect(make({ ...BASE_PROPS, teamDomain })).toThrow(/teamDomain must be a bare host name/);
  });

  test.each(["https://dev-123456.okta.com.", "https://dev-123456.okta.com./"])("a trailing-dot org URL %s is refused", (oktaOrgUrl) => {
    expect(make({ ...BASE_PROPS, oktaOrgUrl })).toThrow(/oktaOrgUrl must be an https:\/\/ URL of the Okta org/);
  });

  test("a property set to undefined is not an unknown key", () => {
    expect(make({ ...BASE_PROPS, name: undefined })).not.toThrow();
  });
});

describe("construct ids and scopes", () => {
  test.each([
    ["an empty id", ""],
    ["a whitespace id", "  "],
    ["a number id", 5],
    ["a null id", null],
  ])("%s of OktaAccessIdentityProvider gets our error", (_, id) => {
    const error = thrown(() => new OktaAccessIdentityProvider(newStack(), id as any, BASE_PROPS));
    expect(error.message).toMatch(/^OktaAccessIdentityProvider "test\/.*": id must be a non-empty string, such as "Okta" \(it is part of the Terraform addresses\); received /);
  });

  test("a scope that is not a construct gets our error", () => {
    expect(() => new OktaAccessIdentityProvider(undefined as any, "Okta", BASE_PROPS)).toThrow(
      /^OktaAccessIdentityProvider "Okta": scope must be a construct \(a TerraformStack or a construct inside one\); received undefined$/,
    );
  });

  test.each([
    ["protectApplication", (okta: OktaAccessIdentityProvider, id: any) => okta.protectApplication(id, { domain: "wiki.example.com", allowedOktaGroups: ["SRE"] })],
    ["accessGroup", (okta: OktaAccessIdentityProvider, id: any) => okta.accessGroup(id, { oktaGroups: ["SRE"] })],
  ])("%s with a number, null or empty id gets our error", (method, call) => {
    for (const [id, shown] of [[5, "5"], [null, "null"], ["", '""'], [" ", '" "']] as const) {
      const okta = new OktaAccessIdentityProvider(newStack(), "Okta", BASE_PROPS);
      const error = thrown(() => call(okta, id));
      expect(error).not.toBeInstanceOf(TypeError);
      expect(error.message).toBe(`OktaAccessIdentityProvider "test/Okta".${method}(${shown}): id must be a non-empty string (it is part of the Terraform addresses); received ${shown}`);
    }
  });

  test("a refused OktaAccessIdentityProvider leaves nothing behind: the same id works on a retry in the same stack", () => {
    const stack = newStack();
    expect(() => new OktaAccessIdentityProvider(stack, "Okta", { ...BASE_PROPS, teamDomain: "" })).toThrow(/teamDomain must be/);
    expect(stack.node.tryFindChild("Okta")).toBeUndefined();
    const okta = new OktaAccessIdentityProvider(stack, "Okta", BASE_PROPS);
    expect(okta.node.path).toBe("test/Okta");
    expect(Object.keys(synth(stack).resource.okta_app_oauth)).toHaveLength(1);
  });

  test("a refused ProtectedApplication (or protectApplication call) leaves nothing behind: the same id works on a retry", () => {
    const stack = newStack();
    const okta = new OktaAccessIdentityProvider(stack, "Okta", BASE_PROPS);
    expect(() => new ProtectedApplication(stack, "Wiki", { identityProvider: okta, domain: "", allowedOktaGroups: ["SRE"] })).toThrow(/domain must be/);
    expect(stack.node.tryFindChild("Wiki")).toBeUndefined();
    new ProtectedApplication(stack, "Wiki", { identityProvider: okta, domain: "wiki.example.com", allowedOktaGroups: ["SRE"] });
    expect(() => okta.protectApplication("Docs", { domain: "docs.example.com", allowedOktaGroups: [] })).toThrow(/allowedOktaGroups must be/);
    okta.protectApplication("Docs", { domain: "docs.example.com", allowedOktaGroups: ["SRE"] });
    expect(Object.keys(synth(stack).resource.cloudflare_zero_trust_access_application)).toHaveLength(2);
  });

  test("ProtectedApplication with an empty id gets our error", () => {
    const stack = newStack();
    const okta = new OktaAccessIdentityProvider(stack, "Okta", BASE_PROPS);
    expect(() => new ProtectedApplication(stack, "", { identityProvider: okta, domain: "wiki.example.com", allowedOktaGroups: ["SRE"] })).toThrow(
      /^ProtectedApplication "test\/": id must be a non-empty string/,
    );
  });
});

describe("options of the methods", () => {
  const okta = () => new OktaAccessIdentityProvider(newStack(), "Okta", BASE_PROPS);

  test.each([
    ["domain: null", { domain: null }, /domain must be a host name .*; received null$/],
    ["domain: 5", { domain: 5 }, /domain must be a host name .*; received 5$/],
    ["allowedOktaGroups: null", { allowedOktaGroups: null }, /allowedOktaGroups must be a non-empty list of Okta group names; received null$/],
    ["allowedOktaGroups: a string", { allowedOktaGroups: "SRE" }, /allowedOktaGroups must be a non-empty list of Okta group names; received "SRE"$/],
    ["allowedOktaGroups: [whitespace]", { allowedOktaGroups: [" "] }, /allowedOktaGroups\[0\] must be a non-empty Okta group name; received " "$/],
    ["name: null", { name: null }, /name must be a non-empty string; received null$/],
    ["sessionDuration: null", { sessionDuration: null }, /sessionDuration must be a duration such as "8h"; omit it for 24h; received null$/],
    ["sessionDuration: 8", { sessionDuration: 8 }, /sessionDuration must be a positive duration .*; received 8$/],
    ["policySessionDuration: null", { policySessionDuration: null }, /policySessionDuration must be a duration such as "8h"; omit it for sessionDuration; received null$/],
    ["autoRedirect: null", { autoRedirect: null }, /autoRedirect must be true or false; received null$/],
    ["accountId: 5", { accountId: 5 }, /accountId must be a non-empty string; received 5$/],
    ["a Go-overflowing session", { sessionDuration: "2562048h" }, /sessionDuration must be a duration Go \(and so Cloudflare and its Terraform provider\) can represent, at most 2562047h.*; received "2562048h"$/],
  ])("protectApplication %s gets our error", (_, options, message) => {
    const error = thrown(() => okta().protectApplication("Wiki", { domain: "wiki.example.com", allowedOktaGroups: ["SRE"], ...(options as any) }));
    expect(error).not.toBeInstanceOf(TypeError);
    expect(error.message).toMatch(/^ProtectedApplication "test\/Okta\/Applications\/Wiki": /);
    expect(error.message).toMatch(message);
  });

  test("protectApplication with a misspelt option is refused, naming it", () => {
    expect(() => okta().protectApplication("Wiki", { domain: "wiki.example.com", allowedOktaGroups: ["SRE"], sessionDurtion: "8h" } as any)).toThrow(
      /^OktaAccessIdentityProvider "test\/Okta".protectApplication\("Wiki"\): options must be an object with only the keys domain, allowedOktaGroups, name, sessionDuration, policySessionDuration, autoRedirect, accountId, adopt; unknown: "sessionDurtion" \(did you mean "sessionDuration"\?\); received \{"sessionDurtion": <a string>\}$/,
    );
  });

  test("protectApplication refuses identityProvider among its options (it is always this identity provider)", () => {
    const other = okta();
    expect(() => okta().protectApplication("Wiki", { domain: "wiki.example.com", allowedOktaGroups: ["SRE"], identityProvider: other } as any)).toThrow(/unknown: "identityProvider"/);
  });

  test.each([["null", null], ["a list", []], ["a string", "x"]])("protectApplication options %s are refused", (_, options) => {
    expect(() => okta().protectApplication("Wiki", options as any)).toThrow(/protectApplication\("Wiki"\): options must be an object with domain and allowedOktaGroups; received /);
  });

  test.each([
    ["oktaGroups: null", { oktaGroups: null }, /oktaGroups must be a non-empty list of Okta group names; received null$/],
    ["name: 5", { oktaGroups: ["SRE"], name: 5 }, /name must be a non-empty string; received 5$/],
    ["a misspelt key", { oktaGroup: ["SRE"] }, /options must be an object with only the keys oktaGroups, name, adopt; unknown: "oktaGroup" \(did you mean "oktaGroups"\?\)/],
    ["null options", null, /options must be an object with oktaGroups; received null$/],
  ])("accessGroup %s gets our error", (_, options, message) => {
    const error = thrown(() => okta().accessGroup("Eng", options as any));
    expect(error.message).toMatch(/^OktaAccessIdentityProvider "test\/Okta".accessGroup\("Eng"\): /);
    expect(error.message).toMatch(message);
  });

  test.each([
    ["null props", null, /props must be an object with identityProvider, domain and allowedOktaGroups; received null$/],
    ["a missing identityProvider", { domain: "wiki.example.com", allowedOktaGroups: ["SRE"] }, /identityProvider must be an OktaAccessIdentityProvider \(an IOktaAccessIdentityProvider\); received undefined$/],
    ["a plain object as identityProvider", { identityProvider: { identityProviderId: "x" }, domain: "wiki.example.com", allowedOktaGroups: ["SRE"] }, /identityProvider must be an OktaAccessIdentityProvider.*; received \{"identityProviderId":"x"\}$/],
    ["a misspelt key", { domian: "x" }, /props must be an object with only the keys identityProvider, domain, .*unknown: "domian" \(did you mean "domain"\?\)/],
  ])("ProtectedApplication %s gets our error", (_, props, message) => {
    const stack = newStack();
    expect(() => new ProtectedApplication(stack, "App", props as any)).toThrow(message);
  });
});

describe("providers (issue 10, item 2)", () => {
  test("a CloudflareProvider as oktaProvider is refused, naming its path and type", () => {
    const stack = newStack();
    const second = new CloudflareProvider(stack, "second", { alias: "second" });
    expect(() => new OktaAccessIdentityProvider(stack, "Okta", { ...BASE_PROPS, oktaProvider: second })).toThrow(
      'OktaAccessIdentityProvider "test/Okta": oktaProvider must be an OktaProvider (Terraform provider "okta") declared in this construct\'s stack; received CloudflareProvider "test/second" (Terraform provider "cloudflare")',
    );
  });

  test("an OktaProvider as cloudflareProvider is refused", () => {
    const stack = newStack();
    const eu = new OktaProvider(stack, "eu", { alias: "eu", orgName: "dev-123456", baseUrl: "okta.com" });
    expect(() => new OktaAccessIdentityProvider(stack, "Okta", { ...BASE_PROPS, cloudflareProvider: eu })).toThrow(
      /cloudflareProvider must be a CloudflareProvider \(Terraform provider "cloudflare"\) declared in this construct's stack; received OktaProvider "test\/eu" \(Terraform provider "okta"\)$/,
    );
  });

  test("a provider of another stack is refused, naming both stacks", () => {
    const app = Testing.app();
    const other = new TerraformStack(app, "other");
    const foreign = new OktaProvider(other, "okta", { orgName: "dev-123456", baseUrl: "okta.com" });
    const stack = new TerraformStack(app, "mine");
    expect(() => new OktaAccessIdentityProvider(stack, "Okta", { ...BASE_PROPS, oktaProvider: foreign })).toThrow(
      /^OktaAccessIdentityProvider "mine\/Okta": oktaProvider must be an OktaProvider \(Terraform provider "okta"\) declared in this construct's stack \("mine"\); declare the provider in this stack; received OktaProvider "other\/okta" of stack "other"$/,
    );
  });

  test("a construct that is not a provider is refused", () => {
    const stack = newStack();
    const notProvider = new Construct(stack, "x");
    expect(() => new OktaAccessIdentityProvider(stack, "Okta", { ...BASE_PROPS, cloudflareProvider: notProvider as any })).toThrow(/cloudflareProvider must be a CloudflareProvider .*; received Construct "test\/x"$/);
  });

  test("providers of the construct's own stack, of the right type, are used", () => {
    const stack = newStack();
    const eu = new OktaProvider(stack, "eu", { alias: "eu", orgName: "dev-123456", baseUrl: "okta.com" });
    const b = new CloudflareProvider(stack, "b", { alias: "b" });
    new OktaAccessIdentityProvider(stack, "Okta", { ...BASE_PROPS, oktaProvider: eu, cloudflareProvider: b });
    const json = synth(stack);
    expect(only(json, "okta_app_oauth").provider).toBe("okta.eu");
    expect(only(json, "cloudflare_zero_trust_access_identity_provider").provider).toBe("cloudflare.b");
  });
});

describe("claims as a list token (issue 10, item 1)", () => {
  test("synthesizes a Terraform expression holding the groups claim exactly once", () => {
    const stack = newStack();
    const claims = new TerraformVariable(stack, "claims", { type: "list(string)" });
    new OktaAccessIdentityProvider(stack, "Okta", { ...BASE_PROPS, claims: claims.listValue });
    const config = only(synth(stack), "cloudflare_zero_trust_access_identity_provider").config;
    expect(config.claims).toBe('${distinct(concat(["groups"], var.claims))}');
  });

  test("with a custom claim name, that name is the one kept once", () => {
    const stack = newStack();
    const claims = new TerraformVariable(stack, "claims", { type: "list(string)" });
    const { GroupsClaim } = jest.requireActual("../src");
    new OktaAccessIdentityProvider(stack, "Okta", { ...BASE_PROPS, claims: claims.listValue, groupsClaim: GroupsClaim.matchingRegex(".*", "okta_groups") });
    expect(only(synth(stack), "cloudflare_zero_trust_access_identity_provider").config.claims).toBe('${distinct(concat(["okta_groups"], var.claims))}');
  });

  test("the literal list keeps its behaviour: the groups claim first, listed once", () => {
    const stack = newStack();
    new OktaAccessIdentityProvider(stack, "Okta", { ...BASE_PROPS, claims: ["email", "groups", "name"] });
    expect(only(synth(stack), "cloudflare_zero_trust_access_identity_provider").config.claims).toEqual(["groups", "email", "name"]);
  });
});

describe("GroupsClaim factories from plain JavaScript", () => {
  const { GroupsClaim } = jest.requireActual("../src");
  test.each([
    ["matchingRegex", [null]],
    ["startingWith", [5]],
    ["equalTo", [""]],
    ["containing", ["  "]],
    ["expression", [undefined]],
  ])("GroupsClaim.%s with a bad value gets our error", (factory, args) => {
    const error = thrown(() => GroupsClaim[factory](...args));
    expect(error).not.toBeInstanceOf(TypeError);
    expect(error.message).toMatch(new RegExp(`^GroupsClaim\\.${factory}: \\w+ must be .*; received `));
  });

  test.each([[null, "null"], [5, "5"], ["", '""'], ["my groups", '"my groups"']])("a claimName of %p gets our error", (claimName, shown) => {
    expect(() => GroupsClaim.matchingRegex(".*", claimName)).toThrow(`GroupsClaim.matchingRegex: claimName must be a non-empty claim name without spaces, such as "groups"; received ${shown}`);
  });
});

describe("the id warning says what the code checks: 32 lowercase hexadecimal characters", () => {
  test.each(["0123456789ABCDEF0123456789ABCDEF", "0123456789abcdef", "g123456789abcdef0123456789abcdef"])("%s warns", (accountId) => {
    const stack = newStack();
    new OktaAccessIdentityProvider(stack, "Okta", { ...BASE_PROPS, accountId });
    const { warnings } = jest.requireActual("./helpers");
    expect(warnings(stack)).toEqual([`OktaAccessIdentityProvider "test/Okta": accountId ${JSON.stringify(accountId)} does not look like a Cloudflare id (32 lowercase hexadecimal characters). Copy it from the dashboard's Overview page.`]);
  });
});

describe("Okta group names longer than Okta allows (255 characters)", () => {
  const okta = () => new OktaAccessIdentityProvider(newStack(), "Okta", BASE_PROPS);
  const LONG = "E".repeat(3000);

  test("accessGroup refuses one, naming the property, the form and the name cut short (a raw RangeError before)", () => {
    const error = thrown(() => okta().accessGroup("Eng", { oktaGroups: ["SRE", LONG] }));
    expect(error.message).toBe(
      `OktaAccessIdentityProvider "test/Okta".accessGroup("Eng"): oktaGroups[1] must be an Okta group name of at most 255 characters (Okta's limit); received "${"E".repeat(40)}"… (3,000 characters)`,
    );
  });

  test("protectApplication and ProtectedApplication refuse one in allowedOktaGroups", () => {
    expect(() => okta().protectApplication("Wiki", { domain: "wiki.example.com", allowedOktaGroups: ["x".repeat(256)] })).toThrow(
      /allowedOktaGroups\[0\] must be an Okta group name of at most 255 characters \(Okta's limit\); received "x{40}"… \(256 characters\)$/,
    );
    const idp = okta();
    expect(() => new ProtectedApplication(idp.node.scope as Construct, "Wiki", { identityProvider: idp, domain: "wiki.example.com", allowedOktaGroups: [LONG] })).toThrow(
      /allowedOktaGroups\[0\] must be an Okta group name of at most 255 characters/,
    );
  });

  test("255 characters is accepted, counted in characters (an emoji is one)", () => {
    const idp = okta();
    expect(() => idp.accessGroup("A", { oktaGroups: ["E".repeat(255)] })).not.toThrow();
    expect(() => idp.accessGroup("B", { oktaGroups: ["\u{1F600}".repeat(255)] })).not.toThrow();
    expect(() => idp.accessGroup("C", { oktaGroups: ["\u{1F600}".repeat(256)] })).toThrow(/received "\u{1F600}{40}"… \(256 characters\)$/u);
  });

  test("unresolved tokens pass unchecked", () => {
    const idp = okta();
    const stack = idp.node.scope as TerraformStack;
    const name = new TerraformVariable(stack, "name", { type: "string" }).stringValue;
    const names = new TerraformVariable(stack, "names", { type: "list(string)" }).listValue;
    expect(() => idp.accessGroup("A", { oktaGroups: [name] })).not.toThrow();
    expect(() => idp.accessGroup("B", { oktaGroups: names })).not.toThrow();
    expect(() => idp.accessGroup("C", { oktaGroups: [`${name}${"E".repeat(300)}`] })).not.toThrow();
  });
});

// Every branch of src/groups-claim.ts pinned exactly (issue 17, item 7): each
// factory's type, filterType, value and claimName, describe(), the exact text
// of every refusal (Java's own reason for a regex Java refuses), tokens passing
// unchecked, and what a claim becomes in okta_app_oauth's groups_claim and in
// an okta_auth_server_claim. Expected values follow Okta's groups-claim model
// (PROVIDER-FACTS.md): type FILTER with filter_type REGEX, STARTS_WITH,
// EQUALS or CONTAINS, or type EXPRESSION with no filter type; on a custom
// authorization server, an IDENTITY claim of value_type GROUPS (or EXPRESSION).
import { TerraformVariable, Token } from "cdktf";
import { GroupsClaim, OktaAccessIdentityProvider } from "../src";
import { BASE_PROPS, newStack, only, synth } from "./helpers";

/** The public state of a claim, as a plain object. */
function fields(claim: GroupsClaim) {
  return { type: claim.type, filterType: claim.filterType, value: claim.value, claimName: claim.claimName };
}

/** The message of what `make` throws, failing when it does not throw. */
function thrown(make: () => unknown): Error {
  try {
    make();
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected an error, none was thrown");
}

const AD = 'Groups.startsWith("active_directory", "", 100)';

describe("GroupsClaim factories: type, filterType, value, claimName and describe()", () => {
  test.each<[string, () => GroupsClaim, ReturnType<typeof fields>, string]>([
    ["ALL", () => GroupsClaim.ALL, { type: "FILTER", filterType: "REGEX", value: ".*", claimName: "groups" }, "all groups (regex .*)"],
    ["matchingRegex", () => GroupsClaim.matchingRegex("^eng-.*"), { type: "FILTER", filterType: "REGEX", value: "^eng-.*", claimName: "groups" }, "groups matching regex ^eng-.*"],
    ["matchingRegex .+", () => GroupsClaim.matchingRegex(".+"), { type: "FILTER", filterType: "REGEX", value: ".+", claimName: "groups" }, "all groups (regex .+)"],
    ["matchingRegex ^.*$", () => GroupsClaim.matchingRegex("^.*$", "okta_groups"), { type: "FILTER", filterType: "REGEX", value: "^.*$", claimName: "okta_groups" }, "all groups (regex ^.*$)"],
    ["startingWith", () => GroupsClaim.startingWith("eng-"), { type: "FILTER", filterType: "STARTS_WITH", value: "eng-", claimName: "groups" }, 'groups starting with "eng-"'],
    ["startingWith .*", () => GroupsClaim.startingWith(".*"), { type: "FILTER", filterType: "STARTS_WITH", value: ".*", claimName: "groups" }, 'groups starting with ".*"'],
    ["equalTo", () => GroupsClaim.equalTo("Engineering"), { type: "FILTER", filterType: "EQUALS", value: "Engineering", claimName: "groups" }, 'the group named "Engineering"'],
    ["containing", () => GroupsClaim.containing("eng"), { type: "FILTER", filterType: "CONTAINS", value: "eng", claimName: "groups" }, 'groups containing "eng"'],
    ["expression", () => GroupsClaim.expression(AD), { type: "EXPRESSION", filterType: undefined, value: AD, claimName: "groups" }, `groups from expression ${AD}`],
  ])("%s", (_, make, expected, words) => {
    const claim = make();
    expect(claim).toBeInstanceOf(GroupsClaim);
    expect(fields(claim)).toStrictEqual(expected);
    expect(claim.describe()).toBe(words);
  });

  test("ALL is one shared value, equal to matchingRegex(\".*\")", () => {
    expect(GroupsClaim.ALL).toBe(GroupsClaim.ALL);
    expect(fields(GroupsClaim.ALL)).toStrictEqual(fields(GroupsClaim.matchingRegex(".*")));
  });

  test.each<[string, (claimName?: string) => GroupsClaim]>([
    ["matchingRegex", (n) => GroupsClaim.matchingRegex("^eng-.*", n)],
    ["startingWith", (n) => GroupsClaim.startingWith("eng-", n)],
    ["equalTo", (n) => GroupsClaim.equalTo("Engineering", n)],
    ["containing", (n) => GroupsClaim.containing("eng", n)],
    ["expression", (n) => GroupsClaim.expression(AD, n)],
  ])("%s: the claim name is `groups` when omitted or undefined, and the one given otherwise", (_, make) => {
    expect(make().claimName).toBe("groups");
    expect(make(undefined).claimName).toBe("groups");
    expect(make("okta_groups").claimName).toBe("okta_groups");
    expect(make("groups").claimName).toBe("groups");
    // A claim name does not change the filter.
    expect({ ...fields(make("okta_groups")), claimName: "groups" }).toStrictEqual(fields(make()));
  });

  test("values are kept exactly as given, untrimmed and with their case", () => {
    expect(GroupsClaim.startingWith(" Eng").value).toBe(" Eng");
    expect(GroupsClaim.equalTo("Engineering ").value).toBe("Engineering ");
    expect(GroupsClaim.containing("ENG").value).toBe("ENG");
  });
});

describe("GroupsClaim.matchingRegex: Java's java.util.regex decides", () => {
  const refused = (pattern: string, reason: string) =>
    `GroupsClaim.matchingRegex: pattern must be a regular expression in Java's java.util.regex syntax, which Okta uses (Java: ${reason}); received ${JSON.stringify(pattern)}`;

  test.each([
    ["eng-(", "Unclosed group"],
    ["[a", "Unclosed character class"],
    ["*eng", "Dangling meta character '*'"],
    ["+", "Dangling meta character '+'"],
    ["eng)", "Unmatched closing ')'"],
    ["a{3,2}", "Illegal repetition range"],
    ["[z-a]", "Illegal character range"],
    ["{", "Illegal repetition"],
  ])("%s is refused with Java's reason (%s), whole message", (pattern, reason) => {
    const error = thrown(() => GroupsClaim.matchingRegex(pattern));
    expect(error).not.toBeInstanceOf(TypeError);
    expect(error.message).toBe(refused(pattern, reason));
  });

  test.each(["^eng-.*", "(?i)^eng-.*", "Engineering|SRE", "^(Engineering|SRE)$", "\\Aeng-.*\\z", "[a-z&&[^aeiou]]+", "eng.*+"])("%s is accepted and kept", (pattern) => {
    expect(GroupsClaim.matchingRegex(pattern).value).toBe(pattern);
  });

  test("a pattern Java accepts but this module cannot fully check is accepted", () => {
    // Unicode script names are not checked here (java-regex.ts: undecided): accepted, not refused.
    expect(GroupsClaim.matchingRegex("\\p{IsLatin}+").value).toBe("\\p{IsLatin}+");
  });
});

describe("GroupsClaim: refusals, exact text", () => {
  const FACTORIES: Array<[string, string, (value: any, claimName?: any) => GroupsClaim]> = [
    ["matchingRegex", "pattern", (v, n) => GroupsClaim.matchingRegex(v, n)],
    ["startingWith", "prefix", (v, n) => GroupsClaim.startingWith(v, n)],
    ["equalTo", "groupName", (v, n) => GroupsClaim.equalTo(v, n)],
    ["containing", "text", (v, n) => GroupsClaim.containing(v, n)],
    ["expression", "oktaExpression", (v, n) => GroupsClaim.expression(v, n)],
  ];
  const BAD_VALUES: Array<[unknown, string]> = [
    ["", '""'],
    ["   ", '"   "'],
    ["\t\n", '"\\t\\n"'],
    [undefined, "undefined"],
    [null, "null"],
    [5, "5"],
    [{}, "{}"],
    [["eng"], '["eng"]'],
  ];

  describe.each(FACTORIES)("GroupsClaim.%s", (factory, property, make) => {
    test.each(BAD_VALUES)(`a ${property} of %p is refused, naming it`, (value, shown) => {
      const error = thrown(() => make(value));
      expect(error).not.toBeInstanceOf(TypeError);
      expect(error.message).toBe(`GroupsClaim.${factory}: ${property} must be a non-empty string; received ${shown}`);
    });

    test.each<[unknown, string]>([
      ["", '""'],
      [" ", '" "'],
      ["my groups", '"my groups"'],
      ["groups ", '"groups "'],
      ["\tgroups", '"\\tgroups"'],
      ["okta\ngroups", '"okta\\ngroups"'],
      [null, "null"],
      [5, "5"],
      [{}, "{}"],
    ])("a claimName of %p is refused, naming it", (claimName, shown) => {
      const valid = factory === "expression" ? AD : "eng";
      const error = thrown(() => make(valid, claimName));
      expect(error).not.toBeInstanceOf(TypeError);
      expect(error.message).toBe(`GroupsClaim.${factory}: claimName must be a non-empty claim name without spaces, such as "groups"; received ${shown}`);
    });

    test("a bad value is reported before a bad claimName", () => {
      expect(thrown(() => make("", "my groups")).message).toBe(`GroupsClaim.${factory}: ${property} must be a non-empty string; received ""`);
    });
  });

  test("a pattern Java refuses is reported before a bad claimName", () => {
    expect(thrown(() => GroupsClaim.matchingRegex("(", "my groups")).message).toMatch(/^GroupsClaim\.matchingRegex: pattern must be a regular expression/);
  });
});

describe("GroupsClaim: unresolved tokens pass through unchecked", () => {
  const token = () => Token.asString({ ref: "var.x" });

  test.each<[string, (value: string) => GroupsClaim]>([
    ["matchingRegex", (v) => GroupsClaim.matchingRegex(v)],
    ["startingWith", (v) => GroupsClaim.startingWith(v)],
    ["equalTo", (v) => GroupsClaim.equalTo(v)],
    ["containing", (v) => GroupsClaim.containing(v)],
    ["expression", (v) => GroupsClaim.expression(v)],
  ])("%s keeps a token value as is (a regex token is not Java-checked)", (_, make) => {
    const value = token();
    expect(make(value).value).toBe(value);
  });

  test("a token claim name is kept", () => {
    const name = token();
    expect(GroupsClaim.equalTo("Engineering", name).claimName).toBe(name);
  });

  test("describe() shows a token as the token, and never throws", () => {
    const value = token();
    expect(GroupsClaim.startingWith(value).describe()).toBe(`groups starting with "${value}"`);
    expect(GroupsClaim.matchingRegex(value).describe()).toBe(`groups matching regex ${value}`);
  });

  test("a token from a Terraform variable reaches groups_claim as a reference", () => {
    const stack = newStack();
    const pattern = new TerraformVariable(stack, "pattern", { type: "string" });
    const name = new TerraformVariable(stack, "claim", { type: "string" });
    new OktaAccessIdentityProvider(stack, "Okta", { ...BASE_PROPS, groupsClaim: GroupsClaim.matchingRegex(pattern.stringValue, name.stringValue) });
    expect(only(synth(stack), "okta_app_oauth").groups_claim).toStrictEqual({ type: "FILTER", filter_type: "REGEX", name: "${var.claim}", value: "${var.pattern}" });
  });
});

describe("GroupsClaim: what it synthesizes", () => {
  const CLAIMS: Array<[string, () => GroupsClaim, Record<string, string>, Record<string, unknown>]> = [
    ["ALL", () => GroupsClaim.ALL, { type: "FILTER", filter_type: "REGEX", name: "groups", value: ".*" }, { value_type: "GROUPS", group_filter_type: "REGEX", name: "groups", value: ".*" }],
    [
      "matchingRegex",
      () => GroupsClaim.matchingRegex("^(Engineering|SRE)$", "okta_groups"),
      { type: "FILTER", filter_type: "REGEX", name: "okta_groups", value: "^(Engineering|SRE)$" },
      { value_type: "GROUPS", group_filter_type: "REGEX", name: "okta_groups", value: "^(Engineering|SRE)$" },
    ],
    [
      "startingWith",
      () => GroupsClaim.startingWith("eng-"),
      { type: "FILTER", filter_type: "STARTS_WITH", name: "groups", value: "eng-" },
      { value_type: "GROUPS", group_filter_type: "STARTS_WITH", name: "groups", value: "eng-" },
    ],
    [
      "equalTo",
      () => GroupsClaim.equalTo("Engineering", "team"),
      { type: "FILTER", filter_type: "EQUALS", name: "team", value: "Engineering" },
      { value_type: "GROUPS", group_filter_type: "EQUALS", name: "team", value: "Engineering" },
    ],
    [
      "containing",
      () => GroupsClaim.containing("eng"),
      { type: "FILTER", filter_type: "CONTAINS", name: "groups", value: "eng" },
      { value_type: "GROUPS", group_filter_type: "CONTAINS", name: "groups", value: "eng" },
    ],
    // An expression has no filter type anywhere, and is an EXPRESSION claim on the server too.
    ["expression", () => GroupsClaim.expression(AD, "ad_groups"), { type: "EXPRESSION", name: "ad_groups", value: AD }, { value_type: "EXPRESSION", name: "ad_groups", value: AD }],
  ];

  test.each(CLAIMS)("%s: okta_app_oauth's groups_claim, and no server claim without authorizationServerId", (_, make, groupsClaim) => {
    const stack = newStack();
    new OktaAccessIdentityProvider(stack, "Okta", { ...BASE_PROPS, groupsClaim: make() });
    const json = synth(stack);
    expect(only(json, "okta_app_oauth").groups_claim).toStrictEqual(groupsClaim);
    expect(json.resource.okta_auth_server_claim).toBeUndefined();
  });

  test.each(CLAIMS)("%s: with a custom authorization server, the same claim as an okta_auth_server_claim", (_, make, groupsClaim, serverClaim) => {
    const stack = newStack();
    new OktaAccessIdentityProvider(stack, "Okta", { ...BASE_PROPS, groupsClaim: make(), authorizationServerId: "aus1b2c3d4e5f6g7h8i9" });
    const json = synth(stack);
    expect(only(json, "okta_app_oauth").groups_claim).toStrictEqual(groupsClaim);
    expect(only(json, "okta_auth_server_claim")).toStrictEqual({
      auth_server_id: "aus1b2c3d4e5f6g7h8i9",
      claim_type: "IDENTITY",
      always_include_in_token: true,
      ...serverClaim,
    });
  });

  test("the identity provider exposes the claim it was given, and Cloudflare asks for its name", () => {
    const stack = newStack();
    const claim = GroupsClaim.containing("eng", "team");
    const okta = new OktaAccessIdentityProvider(stack, "Okta", { ...BASE_PROPS, groupsClaim: claim });
    expect(okta.groupsClaim).toBe(claim);
    expect(only(synth(stack), "cloudflare_zero_trust_access_identity_provider").config.claims).toContain("team");
  });
});

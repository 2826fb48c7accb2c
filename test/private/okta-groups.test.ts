import { Token } from "cdktf";
import { GroupsClaim } from "../../src";
import { groupsClaimSends, oktaGroupsWarnings, oktaIncludeRules, requireOktaGroups } from "../../src/private/okta-groups";

describe("groupsClaimSends", () => {
  test.each([
    [GroupsClaim.ALL, "Anything at all", true],
    [GroupsClaim.matchingRegex("^eng-.*"), "eng-platform", true],
    [GroupsClaim.matchingRegex("eng"), "engineering", false], // Okta matches the whole name
    [GroupsClaim.matchingRegex("eng.*"), "Engineering", false], // regexes are case-sensitive
    [GroupsClaim.matchingRegex("a|b"), "b", true], // alternation is anchored as a whole
    // Java's semantics, not JavaScript's (issue 10)
    [GroupsClaim.matchingRegex("\\Aeng-.*"), "eng-x", true], // \A is the start of input
    [GroupsClaim.matchingRegex("(?i)^eng-.*"), "ENG-Platform", true], // inline flags
    [GroupsClaim.matchingRegex("eng.*+"), "eng-ops", true], // possessive
    [GroupsClaim.matchingRegex("(?>eng)-ops"), "eng-ops", true], // atomic group
    [GroupsClaim.matchingRegex("a{1}{2}"), "aa", false], // the second {2} repeats an empty atom
    [GroupsClaim.matchingRegex("[a-z&&[^e]]+"), "eng", false], // class intersection
    [GroupsClaim.matchingRegex("eng$"), "eng\n", false], // $ may match before a final \n, but the whole name must match
    [GroupsClaim.matchingRegex("eng$\n"), "eng\n", true],
    [GroupsClaim.startingWith("eng-"), "ENG-ops", true],
    [GroupsClaim.startingWith("eng-"), "Marketing", false],
    [GroupsClaim.equalTo("Engineering"), "engineering", true],
    [GroupsClaim.equalTo("Engineering"), "Engineering2", false],
    [GroupsClaim.containing("ops"), "DevOps", true],
    [GroupsClaim.containing("ops"), "Sales", false],
  ])("%o sends %j: %s", (claim, group, expected) => {
    expect(groupsClaimSends(claim, group)).toBe(expected);
  });

  test("unknown for an expression or a token", () => {
    expect(groupsClaimSends(GroupsClaim.expression("Groups.startsWith(\"OKTA\", \"\", 100)"), "Engineering")).toBeUndefined();
    expect(groupsClaimSends(GroupsClaim.ALL, Token.asString({ ref: "var.group" }))).toBeUndefined();
    expect(groupsClaimSends(GroupsClaim.matchingRegex(Token.asString({ ref: "var.pattern" })), "Engineering")).toBeUndefined();
  });

  test("unknown for a regex this package cannot evaluate with Java's semantics", () => {
    expect(groupsClaimSends(GroupsClaim.matchingRegex("\\p{IsLatin}+"), "Engineering")).toBeUndefined(); // a script name
    expect(groupsClaimSends(GroupsClaim.matchingRegex("(?iu)ß"), "SS")).toBeUndefined(); // Unicode case folding
    expect(groupsClaimSends(GroupsClaim.matchingRegex("\\X+"), "Engineering")).toBeUndefined(); // grapheme clusters
  });
});

describe("oktaIncludeRules", () => {
  test("one okta rule per group, in order", () => {
    expect(oktaIncludeRules(["A", "B"], "idp")).toEqual([
      { okta: { name: "A", identityProviderId: "idp" } },
      { okta: { name: "B", identityProviderId: "idp" } },
    ]);
  });

  test("a list token becomes a resolvable for expression", () => {
    const rules = oktaIncludeRules(Token.asList({ ref: "var.groups" }), "idp");
    expect(Token.isUnresolved(rules)).toBe(true);
    expect(Array.isArray(rules)).toBe(false);
  });
});

describe("requireOktaGroups", () => {
  test("names the property and what was received", () => {
    expect(() => requireOktaGroups("w", "oktaGroups", undefined as any)).toThrow(/^w: oktaGroups must be a non-empty list of Okta group names; received undefined$/);
    expect(() => requireOktaGroups("w", "oktaGroups", null as any)).toThrow(/^w: oktaGroups must be a non-empty list of Okta group names; received null$/);
    expect(() => requireOktaGroups("w", "oktaGroups", "Engineering" as any)).toThrow(/^w: oktaGroups must be a non-empty list of Okta group names; received "Engineering"$/);
    expect(() => requireOktaGroups("w", "oktaGroups", [])).toThrow(/received \[\]$/);
    expect(() => requireOktaGroups("w", "oktaGroups", ["A"])).not.toThrow();
    expect(() => requireOktaGroups("w", "oktaGroups", Token.asList({ ref: "var.groups" }))).not.toThrow();
  });
});

describe("oktaGroupsWarnings", () => {
  test("a group the claim does not send, and Everyone, each get a warning", () => {
    const warnings = oktaGroupsWarnings("w", "oktaGroups", GroupsClaim.startingWith("eng-"), ["eng-ops", "SRE", "everyone"]);
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatch(/^w: oktaGroups \["SRE","everyone"\] are not sent by the identity provider's groups claim/);
    expect(warnings[1]).toMatch(/^w: oktaGroups includes Okta's "Everyone" group/);
  });

  test("a list token warns nothing, whatever the claim sends (its names are not known until plan)", () => {
    expect(oktaGroupsWarnings("w", "oktaGroups", GroupsClaim.equalTo("Nobody"), Token.asList({ ref: "var.groups" }))).toEqual([]);
  });
});

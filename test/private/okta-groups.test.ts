import { Token } from "cdktf";
import { GroupsClaim } from "../../src";
import { groupsClaimSends, oktaIncludeRules, requireOktaGroups } from "../../src/private/okta-groups";

describe("groupsClaimSends", () => {
  test.each([
    [GroupsClaim.ALL, "Anything at all", true],
    [GroupsClaim.matchingRegex("^eng-.*"), "eng-platform", true],
    [GroupsClaim.matchingRegex("eng"), "engineering", false], // Okta matches the whole name
    [GroupsClaim.matchingRegex("eng.*"), "Engineering", false], // regexes are case-sensitive
    [GroupsClaim.matchingRegex("a|b"), "b", true], // alternation is anchored as a whole
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
    expect(() => requireOktaGroups("w", "oktaGroups", "Engineering" as any)).toThrow(/^w: oktaGroups must be a non-empty list of Okta group names; received "Engineering"$/);
    expect(() => requireOktaGroups("w", "oktaGroups", [])).toThrow(/received \[\]$/);
    expect(() => requireOktaGroups("w", "oktaGroups", ["A"])).not.toThrow();
    expect(() => requireOktaGroups("w", "oktaGroups", Token.asList({ ref: "var.groups" }))).not.toThrow();
  });
});

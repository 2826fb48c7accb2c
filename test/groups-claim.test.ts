import { Token } from "cdktf";
import { GroupsClaim } from "../src";

describe("GroupsClaim", () => {
  test.each([
    ["ALL", GroupsClaim.ALL, "FILTER", "REGEX", ".*", "all groups (regex .*)"],
    ["matchingRegex", GroupsClaim.matchingRegex("^eng-.*"), "FILTER", "REGEX", "^eng-.*", "groups matching regex ^eng-.*"],
    ["startingWith", GroupsClaim.startingWith("eng-"), "FILTER", "STARTS_WITH", "eng-", 'groups starting with "eng-"'],
    ["equalTo", GroupsClaim.equalTo("Engineering"), "FILTER", "EQUALS", "Engineering", 'the group named "Engineering"'],
    ["containing", GroupsClaim.containing("eng"), "FILTER", "CONTAINS", "eng", 'groups containing "eng"'],
  ])("%s is a %s filter of type %s", (_, claim, type, filterType, value, words) => {
    expect(claim.type).toBe(type);
    expect(claim.filterType).toBe(filterType);
    expect(claim.value).toBe(value);
    expect(claim.claimName).toBe("groups");
    expect(claim.describe()).toBe(words);
  });

  test("expression has no filter type", () => {
    const claim = GroupsClaim.expression('Groups.startsWith("active_directory", "", 100)');
    expect(claim.type).toBe("EXPRESSION");
    expect(claim.filterType).toBeUndefined();
    expect(claim.describe()).toBe('groups from expression Groups.startsWith("active_directory", "", 100)');
  });

  test("every factory takes a claim name", () => {
    expect(GroupsClaim.matchingRegex(".*", "a").claimName).toBe("a");
    expect(GroupsClaim.startingWith("x", "b").claimName).toBe("b");
    expect(GroupsClaim.equalTo("x", "c").claimName).toBe("c");
    expect(GroupsClaim.containing("x", "d").claimName).toBe("d");
    expect(GroupsClaim.expression("x", "e").claimName).toBe("e");
  });

  test("an invalid regular expression is refused, naming the pattern", () => {
    expect(() => GroupsClaim.matchingRegex("eng-(")).toThrow(/GroupsClaim.matchingRegex: pattern must be a valid regular expression .*; received "eng-\("/);
  });

  test.each([
    ["matchingRegex", () => GroupsClaim.matchingRegex(""), /matchingRegex: pattern must be a non-empty string; received ""/],
    ["startingWith", () => GroupsClaim.startingWith(" "), /startingWith: prefix must be a non-empty string; received " "/],
    ["equalTo", () => GroupsClaim.equalTo(""), /equalTo: groupName must be a non-empty string/],
    ["containing", () => GroupsClaim.containing(""), /containing: text must be a non-empty string/],
    ["expression", () => GroupsClaim.expression(""), /expression: oktaExpression must be a non-empty string/],
    ["claim name", () => GroupsClaim.equalTo("x", "my groups"), /equalTo: claimName must be a non-empty claim name without spaces.*received "my groups"/],
    ["empty claim name", () => GroupsClaim.containing("x", ""), /containing: claimName must be .*received ""/],
  ])("an empty value is refused (%s)", (_, make, message) => {
    expect(make).toThrow(message);
  });

  test("tokens pass through unchecked", () => {
    const token = Token.asString({ ref: "var.pattern" });
    expect(GroupsClaim.matchingRegex(token).value).toBe(token);
  });
});

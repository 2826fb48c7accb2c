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

  test("an invalid regular expression is refused, naming the pattern and Java's reason", () => {
    expect(() => GroupsClaim.matchingRegex("eng-(")).toThrow(
      /GroupsClaim.matchingRegex: pattern must be a regular expression in Java's java.util.regex syntax, which Okta uses \(Java: Unclosed group\); received "eng-\("/,
    );
  });

  // Okta compiles the filter with java.util.regex (issue 10): what Java
  // refuses is refused, what Java accepts is accepted, even where JavaScript
  // disagrees. Each verdict was checked against Java (npm run test:regex).
  test.each([
    ["[^]", "Unclosed character class"],
    ["{", "Illegal repetition"],
    ["a{,3}", "Illegal repetition"],
    ["x{", "Illegal repetition"],
    ["\\u{41}", "Illegal Unicode escape sequence"],
    ["[a-\\d]", "Illegal character range"],
    ["\\c", "Illegal control escape sequence"],
    ["[]", "Unclosed character class"],
    ["\\k<n>", "named capturing group <n> does not exist"],
  ])("%s, which JavaScript accepts, is refused as Java does (%s)", (pattern, reason) => {
    expect(() => GroupsClaim.matchingRegex(pattern)).toThrow(`(Java: ${reason}); received ${JSON.stringify(pattern)}`);
  });

  test.each(["(?i)^eng-.*", "(?>eng)", "eng.*+", "a{1}{2}", "\\Aeng-.*", "[a-z&&[^aeiou]]", "\\p{javaLowerCase}+"])(
    "%s, which JavaScript refuses or reads differently, is accepted as Java does",
    (pattern) => {
      expect(GroupsClaim.matchingRegex(pattern).value).toBe(pattern);
    },
  );

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

import { checkJavaRegex, javaRegexMatches } from "../../src/private/java-regex";

// The full comparison with Java is `npm run test:regex` (needs Java); these
// cases, each checked against Java there, keep `npm test` honest without it.
describe("checkJavaRegex", () => {
  test.each([
    ["[^]", "Unclosed character class"],
    ["a**", "Dangling meta character '*'"],
    ["a{2,1}", "Illegal repetition range"],
    ["a{2147483648}", "Illegal repetition range"],
    ["(?<n>a)(?<n>b)", "Named capturing group <n> is already defined"],
    ["(?<1n>a)", "capturing group name does not start with a Latin letter"],
    ["\\p{Foo}", "Unknown character property name {Foo}"],
    ["\\x{110000}", "Hexadecimal codepoint is too big"],
    ["[z-a]", "Illegal character range"],
    ["[&&]", "Bad class syntax"],
    ["\\E", "Illegal/unsupported escape sequence"],
    ["\\c\\Q{1,2", "Unclosed counted closure"], // Java's \Q rewrite inserts a backslash that \c then takes
    ["(?q)a", "Unknown inline modifier"],
    ["a)", "Unmatched closing ')'"],
  ])("refuses %s with Java's description (%s)", (pattern, description) => {
    expect(checkJavaRegex(pattern)).toEqual({ valid: false, error: description });
  });

  test.each(["[]a]", "{1}", "\\1", "(?<=a+)b", "\\Q.*", "[a&&]", "(?-)a", "\\0377", "\\cé", "\\p{gc=Lu}", "[\\da&&]"])(
    "accepts %s as Java does",
    (pattern) => {
      expect(checkJavaRegex(pattern)).toEqual({ valid: true });
    },
  );

  test.each([
    ["\\p{IsLatin}", "the Unicode property \\p{IsLatin} is not checked here"],
    ["\\p{InGreek}", "the Unicode property \\p{InGreek} is not checked here"],
    ["\\N{LATIN SMALL LETTER A}", "the Unicode character name \\N{LATIN SMALL LETTER A} is not checked here"],
    ["(?x)a b", "comments mode (?x) is not checked here"],
  ])("accepts %s as undecided, saying why", (pattern, why) => {
    expect(checkJavaRegex(pattern)).toEqual({ valid: true, undecided: why });
  });
});

describe("javaRegexMatches", () => {
  test.each([
    ["[^a&&b]", "c", true], // ^ negates the whole intersection
    ["[ab&&[b]&c]", "a", true], // the class's single characters join the union again at ]
    ["(a|ab)(c|bcd)(d*)", "abcd", true], // matches() backtracks for a full match
    ["(a*)*b", "aaab", true],
    ["a*+a", "aaa", false], // possessive gives nothing back
    ["(?i)[^a]", "A", false],
    ["(?i)\\u00e9", "\u00c9", false], // case-insensitive is ASCII-only without (?u)
    ["\\B\\R\\012", "\r\n", true], // \R backtracks into \r\n
    ["\\R{2,}", "\r\n", false], // ... but not inside a quantifier
    ["(?m)^", "", false],
    ["\\1(a)", "aa", false], // a reference to a group not matched yet fails
  ])("%s on %j: %s", (pattern, input, expected) => {
    expect(javaRegexMatches(pattern, input)).toBe(expected);
  });

  test("unknown rather than a guess: refused or undecided patterns, and what is not evaluated here", () => {
    expect(javaRegexMatches("[^]", "a")).toBe("unknown");
    expect(javaRegexMatches("\\p{IsLatin}", "a")).toBe("unknown");
    expect(javaRegexMatches("\\X", "a")).toBe("unknown");
    expect(javaRegexMatches("(?iu)\u00e9", "\u00c9")).toBe("unknown");
    expect(javaRegexMatches("\\bé", "é")).toBe("unknown");
  });

  test("a catastrophically backtracking pattern is unknown instead of a hang", () => {
    expect(javaRegexMatches("(a|a)*b", "a".repeat(40))).toBe("unknown");
  });
});

import { checkJavaRegex, javaRegexMatches } from "../../src/private/java-regex";
import { BASE_LIMITS, Budget } from "../../src/private/budget";

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

describe("input length does not grow the call stack", () => {
  // A repetition of one character (`.*`, `[a-z]+`, `x*?`) is a loop: any
  // group name is decided, however long (Okta's names are at most 255
  // characters; a review reads whatever the JSON holds).
  test.each([2_000, 100_000])("the default groups filter .* on a %i-character name", (n) => {
    const b = new Budget({ regexSteps: 10 * n + BASE_LIMITS.regexSteps, regexStepsPerMatch: 10 * n + BASE_LIMITS.regexStepsPerMatch });
    expect(javaRegexMatches(".*", "E".repeat(n), b)).toBe(true);
    expect(javaRegexMatches("^eng-.*$", `eng-${"E".repeat(n)}`, b)).toBe(true);
    expect(javaRegexMatches("[A-Z]+x", "E".repeat(n), b)).toBe(false);
    expect(javaRegexMatches(".*?E", "E".repeat(n), b)).toBe(true);
    expect(javaRegexMatches("(.*)-(.*?)\\1", `${"E".repeat(n)}-x${"E".repeat(n)}`, b)).toBe(true);
    expect(javaRegexMatches("E{3}+.*+", "E".repeat(n), b)).toBe(true);
    expect(b.exhausted).toEqual([]);
  });

  test("the loops try what the recursion tried, in the same order", () => {
    expect(javaRegexMatches("a*a", "aaa")).toBe(true); // greedy gives back
    expect(javaRegexMatches("a*?b", "aab")).toBe(true); // lazy takes more
    expect(javaRegexMatches("a{2,3}a", "aa")).toBe(false);
    expect(javaRegexMatches("a{2,3}?a{2}", "aaaa")).toBe(true);
    expect(javaRegexMatches("x*+x", "xx")).toBe(false);
    expect(javaRegexMatches("(?i)[a-c]{2}D*", "Cbdd")).toBe(true);
    expect(javaRegexMatches(".*", "a\nb")).toBe(false); // `.` stops at a line terminator
    // A class it cannot evaluate is met before the rest is tried, as before.
    expect(javaRegexMatches("\\p{IsAlphabetic}*", "ab")).toBe("unknown");
  });

  test("a repeated group nests once per iteration: past the nesting bound the match is unknown, and the budget says so", () => {
    const b = new Budget();
    expect(javaRegexMatches("(a)*", "a".repeat(100_000), b)).toBe("unknown");
    expect(b.exhausted.map((e) => e.limit)).toEqual(["regexDepth"]);
    const c = new Budget();
    expect(javaRegexMatches("a".repeat(5_000), "a".repeat(5_000), c)).toBe("unknown"); // a long pattern nests per atom
    expect(c.exhausted.map((e) => e.limit)).toEqual(["regexDepth"]);
    // An Okta-sized name is far from it.
    expect(javaRegexMatches("(?:([a-z])|-)*", `${"a".repeat(200)}-${"b".repeat(54)}`)).toBe(true);
  });

  test("a call stack that runs out anyway is unknown, never a RangeError (the backstop)", () => {
    // A class of thousands of ranges is a chain of tests, evaluated recursively.
    const b = new Budget();
    const pattern = `[${"a-b".repeat(100_000)}c]`;
    expect(javaRegexMatches(pattern, "c", b)).toBe("unknown");
    expect(b.exhausted.map((e) => e.limit)).toEqual(["regexDepth"]);
    // And the nesting bound set beyond what the stack holds.
    const d = new Budget({ regexDepth: 10_000_000 });
    expect(javaRegexMatches("(a)*", "a".repeat(100_000), d)).toBe("unknown");
    expect(d.exhausted.map((e) => e.limit)).toEqual(["regexDepth"]);
  });

  test("groups and classes nested thousands deep are accepted as undecided, not parsed into a stack overflow", () => {
    const why = "groups or classes nested more than 500 deep are not checked here";
    expect(checkJavaRegex(`${"(".repeat(20_000)}a${")".repeat(20_000)}`)).toEqual({ valid: true, undecided: why });
    expect(checkJavaRegex(`${"[".repeat(20_000)}a${"]".repeat(20_000)}`)).toEqual({ valid: true, undecided: why });
    expect(checkJavaRegex(`[a${"&&b".repeat(20_000)}]`)).toEqual({ valid: true, undecided: why });
    // A long flat chain of intersections parses; evaluating it is unknown (the backstop).
    expect(checkJavaRegex(`[a${"&&[a]".repeat(20_000)}]`)).toEqual({ valid: true });
    expect(javaRegexMatches(`[a${"&&[a]".repeat(20_000)}]`, "a")).toBe("unknown");
    expect(javaRegexMatches(`${"(".repeat(20_000)}a${")".repeat(20_000)}`, "a")).toBe("unknown");
    // Nesting within the bound is parsed and matched.
    expect(javaRegexMatches(`${"(".repeat(400)}a${")".repeat(400)}`, "a")).toBe(true);
  });
});

/**
 * The differential corpus: hand-picked patterns (every example of issue 10,
 * Java's documented constructs and their edge cases) and generated ones
 * (seeded, so every run tests the same patterns), each with subjects.
 */

/** Every example of issue 10, with what Java must decide. */
export const ISSUE_EXAMPLES = {
  refused: ["[^]", "{", "a{,3}", "x{", "\\u{41}", "[a-\\d]", "\\c", "[]", "\\k<n>"],
  accepted: ["(?i)^eng-.*", "(?>eng)", "eng.*+", "a{1}{2}"],
  matches: [["\\Aeng-.*", "eng-x"]] as [string, string][],
};

export const HAND_PICKED: string[] = [
  ...ISSUE_EXAMPLES.refused,
  ...ISSUE_EXAMPLES.accepted,
  "\\Aeng-.*",
  // quantifiers
  ".*", "^.*$", "a*", "a+", "a?", "a*?", "a+?", "a??", "a*+", "a++", "a?+", "a{2}", "a{2,}", "a{2,3}", "a{2,3}?", "a{2,3}+",
  "a**", "a*+*", "a{2}+", "a{1}?", "{1}", "a{1", "a{1,", "a{1,2", "a{2,1}", "a{}", "x{a}", "}", "]", "a]", "*a", "+a", "?a",
  "a{2}?+", "a*?+", "a+++", "x{1,}", "x{ 1}", "x{1 }", "x{1, 2}", "a{99999999999}", "a{2147483647}", "a{2147483648}",
  "a{0,2147483648}", "a{1}{2}{3}", "^*", "$+", "(?=a)*", "(?>a)+", "(?<=a)?", "a{0}", "a{0,0}b", "(ab){2}", "(a|b){0,2}c",
  // classes
  "[]a]", "[^]a]", "[a-]", "[-a]", "[a-z-9]", "[z-a]", "[\\d-z]", "[a&&b]", "[a&&]", "[&&a]", "[&&]", "[a&&&b]", "[a&&&&b]",
  "[[a]]", "[a[b]]", "[^a&&b]", "[^a&&[^b]]", "[^a[b]]", "[^[b]a]", "[a-c&&b-d[x]]", "[[x]a-c&&b-d]", "[x&&y[z]]", "[ab&&]",
  "[a&&b&c]", "[a-&&b]", "[a-\\Q]\\E]", "[\\x{41}-\\x{5A}]", "[a-z&&[^aeiou]]", "[\\w&&\\d]", "[[a-z]&&[^b]]", "[a[b&&c]]",
  "[^[a]]", "[a-a]", "[\\u0041-\\u005A]", "[\\0101]", "[", "[\\]", "[\\]]", "[a\\]", "[\\c]", "[\\Q]", "[\\Q]\\E]", "[a^]",
  "[\\^a]", "[\\-]", "[a\\-z]", "[--a]", "[a--]", "[\\p{L}-z]", "[a-\\p{L}]", "[a-\\d]", "[\\b]", "[\\1]", "[\\k<n>]", "[.]",
  "[$]", "[\\da&&]", "[\\d&&]", "[a\\d&&]", "[a-c&&]", "[ab-d&&]", "[a[b]&&]", "[[b]a&&]", "[a-cx&&b]", "[x&&[a][b]]",
  "[x&&a[b]]", "[a&&b&]", "[a&&bc&d]", "[ab&&&&]", "[a&&b&&]", "[ab&&[b]&c]", "[a&&b&&c]", "[ab&&b&&]", "[a&&[b]c]", "[a&b]",
  "[&a]", "[a&]", "(?i)[a-c]", "(?i)[^a]", "(?i)\\p{Lower}", "(a(?i)b)c", "((?i)a)b", "(?i)\\u00e9", "(?iu)\\u00e9", "[(]", "[|]", "[*]", "[{]", "[a-z0-9_-]", "[^a-z]", "[^-]", "[[]", "[]]", "[^^]", "[a&]", "[&]", "[&&&]",
  // escapes
  "\\t\\n\\r\\f\\a\\e", "\\0", "\\08", "\\07", "\\01234", "\\0101", "\\0400", "\\0377", "\\077", "\\0777", "\\cA", "\\ca",
  "\\c1", "\\cé", "\\c\\", "\\x41", "\\x4", "\\x{41}", "\\x{}", "\\x{110000}", "\\x{10FFFF}", "\\x{41", "\\xG1", "\\u0041",
  "\\u004", "\\uD83D\\uDE00", "\\x{1F600}", "\\N{LATIN SMALL LETTER A}", "\\N{}", "\\N{a", "\\N", "\\\\", "\\", "a\\", "\\.",
  "\\-", "\\<", "\\_", "\\ ", "\\y", "\\i", "\\E", "\\Qa.b\\E", "\\Q.*", "\\Qa\\E*", "\\Q\\E", "\\Q\\E*", "a\\Q\\E*", "\\\\Q.",
  "\\b", "\\b{g}", "\\b{x}", "\\B", "\\A", "\\G", "\\Z", "\\z", "\\R", "\\X", "\\h\\H\\v\\V", "\\d\\D\\s\\S\\w\\W",
  // properties
  "\\p{L}", "\\p{IsL}", "\\p{Lu}", "\\pL", "\\pLu", "\\pX", "\\p{Foo}", "\\p{Latin}", "\\p{L1}", "\\p{all}", "\\p{LC}",
  "\\p{LD}", "\\p{IsLu}", "\\p{gc=Lu}", "\\p{general_category=Lu}", "\\p{gc=Xx}", "\\p{foo=Lu}", "\\p{Islu}", "\\p{lu}",
  "\\p{Cn}", "\\p{IsAlphabetic}", "\\p{Isalphabetic}", "\\p{IsWhite_Space}", "\\p{IsWhiteSpace}", "\\p{IsWhite Space}",
  "\\p{javaLowerCase}", "\\p{javalowercase}", "\\p{javaDefined}", "\\p{javaMirrored}", "\\p{javaSpaceChar}", "\\p{Lower}",
  "\\p{lower}", "\\p{IsLower}", "\\p{IsPunct}", "\\p{Punct}", "\\p{Space}", "\\p{XDigit}", "\\p{}", "\\p{L", "\\p", "\\P{L}",
  "\\P{Lower}", "[\\p{Lu}\\d]", "[^\\p{L}]",
  // groups
  "(?<n>a)\\k<n>", "(?<1n>a)", "(?<n>a)(?<n>b)", "(?<a1>x)\\k<a1>", "(?<n>a)\\k<m>", "\\k<n>(?<n>a)", "(?<n-a>x)", "(?<n",
  "(?<na)", "(?<>a)", "\\1", "(a)\\2", "(a)\\1", "\\1(a)", "(a)|\\1", "(a\\1?)+", "(a)(b)(c)(d)(e)(f)(g)(h)(i)(j)\\10",
  "(a)\\10", "(?<=a+)b", "(?<=a*)b", "(?<=a{1,3})b", "(?<!a|bc)d", "(?<=(?<n>a))", "(?#comment)", "(?x) a b", "(?x)[a b]",
  "(?u)a", "(?U)a", "(?d)a", "(?c)a", "(?q)a", "(?i", "(?i)", "(?)", "(?-)a", "(?i-i)a", "(?i:a)", "(?i-:a)", "(?-i-s)a",
  "(?$)", "(?@)", "()", "(", ")", "a)", "|", "a||b", "(a|b", "(a|b))", "(?:", "(?=", "(?<=a)", "#",
  // cases the unit tests (npm test) state, so Java checks them here
  "a*+a", "\\B\\R\\012", "\\R{2,}", "(?m)^", "\\bé", "\\c\\Q{1,2", "(?iu)straße", "\\p{IsLatin}+", "(?i)^eng-\\p{Lu}.*",
  "\\p{javaLowerCase}+", "[a-z&&[^e]]+", "(?>eng)-ops", "eng$\n", "eng$", "(a|a)*b", "(?iu)ß", "\\X+",
  // realistic group filters
  "^eng-.*", "eng-.*", "(?i)eng-.*", "^(Engineering|SRE)$", "Engineering|SRE", "^aws_[0-9]+_.*$", "cf_.*", "[A-Z][a-z]+",
  ".*admin.*", "(?i).*admin.*", "^(?!test-).*", "^[a-z0-9._-]+$", "^\\w+$", "team-(a|b|c)", "\\d{3}-\\d{4}",
];

/** Subjects tried against every pattern Java accepts. */
export const SUBJECTS: string[] = [
  "", "a", "b", "aa", "ab", "ba", "aaa", "aab", "abc", "abcd", "A", "AB", "Ab", "B", "-", "a-b", "1", "12", "_", " ", "\t",
  "a\n", "\n", "a\r\n", "a\r", "\r\n", "a\u0085", "a\u2028", "x", "xa", "eng-x", "ENG-x", "eng-", "Engineering", "SRE",
  "test-x", "admin", "teamadmin", "aws_123_prod", "cf_ops", "Abc", "team-b", "555-1234", "é", "É", "\u00e9a", "😀", "a😀", "ENG-Platform", "eng-ops", "eng\n", "STRASSE", "SS", "eng", "ENG-x", "Marketing", "eng-platform",
  ".", "*", "[", "]", "&", "^", "\\", "$", "{", "}", "{1}", "aaab", "ac", "bc", "abab", "d", "bcd", "abcde",
];

/** A small seeded generator (mulberry32), so the generated corpus is the same on every run. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FRAGMENTS = [
  "a", "b", "c", "A", "-", "1", "_", " ", ".", "^", "$", "|", "(", ")", "[", "]", "{", "}", "*", "+", "?", "&&", "&", "\\",
  "{1}", "{0,2}", "{2,}", "{,", "{1,2", "(?:", "(?=", "(?!", "(?<=", "(?<!", "(?>", "(?<n>", "\\k<n>", "(?i)", "(?-i)",
  "(?s)", "(?m)", "(?i:", "\\d", "\\w", "\\s", "\\W", "\\b", "\\B", "\\A", "\\z", "\\Z", "\\1", "\\2", "\\Q", "\\E",
  "\\u0041", "\\u00", "\\x41", "\\x4", "\\x{62}", "\\x{", "\\c", "\\cA", "\\p{Lu}", "\\pL", "\\p{Lower}", "\\p{Xy}",
  "\\0", "\\07", "\\012", "\\R", "\\h", "\\t", "\\n", "\\.", "\\-", "\\[", "\\]", "[a-c]", "[^a]", "[a-", "[]", "[^",
  "a-z", "*?", "*+", "??", "++",
];

/** Random concatenations of pattern fragments, valid or not. */
export function generatedPatterns(count: number, seed = 20261201): string[] {
  const next = random(seed);
  const out = new Set<string>();
  while (out.size < count) {
    const n = 1 + Math.floor(next() * 6);
    let p = "";
    for (let i = 0; i < n; i++) p += FRAGMENTS[Math.floor(next() * FRAGMENTS.length)];
    out.add(p);
  }
  return [...out];
}

/** Random subjects over the characters the fragments use. */
export function generatedSubjects(count: number, seed = 7): string[] {
  const next = random(seed);
  const alphabet = ["a", "b", "c", "A", "B", "-", "1", "_", " ", "\n", "\r", "é"];
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const n = Math.floor(next() * 5);
    let s = "";
    for (let j = 0; j < n; j++) s += alphabet[Math.floor(next() * alphabet.length)];
    out.push(s);
  }
  return out;
}

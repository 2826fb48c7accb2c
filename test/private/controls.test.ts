/**
 * Text from the APIs made safe to print (src/private/controls.ts): no raw
 * control character or bidi control, and string literals that keep their
 * value.
 */
import fc from "fast-check";
import { escapeControls, plainLine } from "../../src/private/controls";

/** What a terminal or an editor must never receive raw from the APIs' strings. */
// eslint-disable-next-line no-control-regex -- the control characters are what this finds
const RAW = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/;
const TERMINAL = "\x1b]0;PWNED\x07\x1b[2J";

describe("plainLine: prose and comments", () => {
  test.each([
    ["an escape sequence that sets a terminal's title and clears it", `aus1${TERMINAL}x`, "aus1\\u001b]0;PWNED\\u0007\\u001b[2Jx"],
    ["a right-to-left override", "invoice\u202etxt.exe", "invoice\\u202etxt.exe"],
    ["bidi isolates and marks", "a\u2066b\u2069c\u200fd\u061ce", "a\\u2066b\\u2069c\\u200fd\\u061ce"],
    ["a C1 control sequence introducer and DEL", "a\u009b31mb\u007f", "a\\u009b31mb\\u007f"],
    ["NUL and BEL", "a\u0000b\u0007", "a\\u0000b\\u0007"],
    ["line breaks of every kind and a tab", "a\r\nb\nc\rd\u0085e\u2028f\u2029g\u000bh\u000ci\tj", "a b c d e f g h i j"],
    ["ordinary text, quotes, backslashes and emoji", 'x "y" \\z 🔐 é', 'x "y" \\z 🔐 é'],
  ])("%s", (_what, text, shown) => {
    expect(plainLine(text)).toBe(shown);
  });

  test("generated: any text becomes one line without a raw control", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 60 }), (s) => !RAW.test(plainLine(s)) && !plainLine(s).includes("\n")),
      { numRuns: 500 },
    );
  });
});

describe("escapeControls: JSON text and string literals", () => {
  test("the characters JSON.stringify leaves raw are escaped, and the value is the same", () => {
    const value = `a${TERMINAL}\u202e\u009b\u007f\u2028\u2029\u2066z`;
    const json = escapeControls(JSON.stringify(value));
    expect(json).not.toMatch(RAW);
    expect(json).toContain("\\u202e");
    expect(JSON.parse(json)).toBe(value);
  });

  test("generated: any value survives as the same value, with no raw control in its text", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 60 }), (s) => {
        const json = escapeControls(JSON.stringify(s));
        return !RAW.test(json) && JSON.parse(json) === s;
      }),
      { numRuns: 500 },
    );
  });
});

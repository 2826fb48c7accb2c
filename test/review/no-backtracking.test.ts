/**
 * Text functions that replaced regexes which backtrack quadratically on long
 * runs of input (issue 24, "Bounds"): each must mean exactly what the regex
 * meant. Their speed on long runs is proven by `npm run test:hostile`.
 */
import fc from "fast-check";
import { joinLines } from "../../src/private/cli-io";
import { ReviewInputError } from "../../src/review/errors";
import { durationSeconds } from "../../src/review/extract";
import { isExpression, mapReferences } from "../../src/review/terraform-json";

/** The implementations they replaced, as references. */
const OLD = {
  joinLines: (text: string) => text.replace(/\s*\n\s*/g, " "),
  durationSeconds: (duration: string): number | undefined => {
    const units = new Map([["ns", 1e-9], ["us", 1e-6], ["µs", 1e-6], ["ms", 1e-3], ["s", 1], ["m", 60], ["h", 3600]]);
    const parts = [...duration.matchAll(/(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/g)];
    if (parts.length === 0 || parts.map((m) => m[0]).join("") !== duration) return undefined;
    return parts.reduce((sum, m) => sum + Number(m[1]) * (units.get(m[2]) ?? 0), 0);
  },
  segments: (value: string, f: (segment: string) => string) => value.replace(/\$\{[^}]*\}/g, f),
};

describe("replacements of backtracking regexes mean the same", () => {
  test("property: joinLines is the regex \\s*\\n\\s* replaced by one space", () => {
    fc.assert(fc.property(fc.stringMatching(/^[a \t\r\n\u00a0\u2028]{0,16}$/), (text) => expect(joinLines(text)).toBe(OLD.joinLines(text))));
    expect(joinLines("a \n \n b\r\nc")).toBe("a b c");
  });

  test("an input error keeps one line whatever its text quotes", () => {
    expect(new ReviewInputError(`stack "${" ".repeat(10)}\n${" ".repeat(10)}x" has no path`).message).toBe('stack " x" has no path');
  });

  test("property: durationSeconds reads Go durations as the regex did", () => {
    const piece = fc.oneof(fc.constantFrom("ns", "us", "µs", "ms", "s", "m", "h", ".", "x", ""), fc.stringMatching(/^[0-9]{1,3}$/));
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 8 }), (pieces) => {
        const text = pieces.join("");
        expect(durationSeconds(text)).toBe(OLD.durationSeconds(text));
      }),
      { numRuns: 2000 },
    );
    expect(durationSeconds("1h30m")).toBe(5400);
    expect(durationSeconds("1.5ms")).toBeCloseTo(0.0015);
    expect(durationSeconds("1".repeat(50))).toBeUndefined();
  });

  test("property: mapReferences rewrites the same ${...} segments as the regex did", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom("${", "}", "$", "{", "a.b", "data.x.y", " ", "okta_app_oauth.app.id"), { maxLength: 12 }), (pieces) => {
        const text = pieces.join("");
        const rename = (address: string) => `<${address}>`;
        const expected = isExpression(text) ? OLD.segments(text, (segment) => mapReferences(segment, rename) as string) : text;
        expect(mapReferences(text, rename)).toBe(expected);
      }),
      { numRuns: 2000 },
    );
    expect(mapReferences("${okta_app_oauth.a.id}-${okta_app_oauth.b.id", (a) => a.toUpperCase())).toBe("${OKTA_APP_OAUTH.A.id}-${okta_app_oauth.b.id");
  });
});

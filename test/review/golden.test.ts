import * as fs from "node:fs";
import * as path from "node:path";
import { goldenCases, pageSample, renderCase, SAMPLE_CASE, SAMPLE_PAGE } from "./golden-cases";

// The review of real synth outputs, compared with files checked into git.
// After an intended change: `npm run golden:update`, then review the diff.
describe("review golden files", () => {
  const cases = goldenCases();

  test.each(cases.map((c) => [c.name, c] as const))("%s", (_name, c) => {
    const { outputs } = renderCase(c);
    for (const { file, text } of outputs) {
      if (!fs.existsSync(file)) {
        throw new Error(`no golden file ${path.relative(process.cwd(), file)}: run \`npm run golden:update\` and review it`);
      }
      expect(text).toBe(fs.readFileSync(file, "utf8"));
    }
  });

  test("every golden file belongs to a case (no stale goldens)", () => {
    const expected = new Set(cases.flatMap((c) => c.formats.map((f) => `${c.name}.${f}`)));
    const present = fs.readdirSync(path.join(__dirname, "__golden__"));
    expect(present.filter((f) => !expected.has(f))).toEqual([]);
  });

  test("the sample review in docs/review.md is the real output of its case", () => {
    const golden = fs.readFileSync(path.join(__dirname, "__golden__", `${SAMPLE_CASE}.md`), "utf8");
    expect(pageSample(fs.readFileSync(SAMPLE_PAGE, "utf8"))).toBe(golden.replace(/\n+$/, ""));
  });

  test("every example has a golden review", () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { EXAMPLES } = require("../../scripts/examples") as { EXAMPLES: string[] };
    for (const example of EXAMPLES) expect(cases.map((c) => c.name)).toContain(`example-${example}`);
  });
});

import { readFileSync } from "node:fs";
import * as path from "node:path";
import { beginMarker, between, DOCS_PAGE, endMarker, EXAMPLE_RUN, exampleRunIntro, missedBudgets, NO_EXAMPLE_RUN, PROFILE, replaceFigures } from "../../bench/docs-figures";

const PAGE = readFileSync(path.join(__dirname, "..", "..", DOCS_PAGE), "utf8");

describe("the benchmark's figures in docs/performance.md come from the bench", () => {
  const page = `# P\n\nratios...\n\n${beginMarker(EXAMPLE_RUN)}\nold table\n${endMarker(EXAMPLE_RUN)}\n\nafter\n`;

  test("replaceFigures replaces what is between the markers, dated, and keeps the rest", () => {
    const out = replaceFigures(page, EXAMPLE_RUN, exampleRunIntro(new Date("2026-12-01T21:00:00Z")), "| a | b |\n| - | - |\n");
    expect(out).toBe(
      `# P\n\nratios...\n\n${beginMarker(EXAMPLE_RUN)}\nExample run: \`npm run bench\` on 2026-12-01, on this project's 2-core development machine, shared with other developers' work at the time (see the load average below).\n\n| a | b |\n| - | - |\n\n${endMarker(EXAMPLE_RUN)}\n\nafter\n`,
    );
    // Idempotent: a second write replaces the first.
    expect(replaceFigures(out, EXAMPLE_RUN, exampleRunIntro(new Date("2026-12-01T21:00:00Z")), "| a | b |\n| - | - |\n")).toBe(out);
  });

  test.each([
    ["no markers", "# P\n"],
    ["the end marker first", `${endMarker(EXAMPLE_RUN)}\n${beginMarker(EXAMPLE_RUN)}\n`],
    ["two begin markers", `${beginMarker(EXAMPLE_RUN)}\n${beginMarker(EXAMPLE_RUN)}\n${endMarker(EXAMPLE_RUN)}\n`],
  ])("refuses a page with %s", (_what, text) => {
    expect(() => replaceFigures(text, EXAMPLE_RUN, "intro", "t")).toThrow(/docs\/performance\.md must hold the markers/);
  });

  test("missedBudgets finds rows whose Result is not PASS, and nothing else", () => {
    const table = [
      "| Measure | Ours | Budget | Result |",
      "| :-- | --: | :-- | :-- |",
      "| load | 158 ms | ≤ 1.25× | **FAIL** |",
      "| N = 1 | 18 ms |  |  |",
      "| N = 1000 | 1518 ms | ≤ 1.10× | PASS |",
      "| review | error |  | **ERROR** |",
    ].join("\n");
    expect(missedBudgets(`intro\n\n${table}\n\nMedian of 5`)).toEqual(["load: **FAIL**", "review: **ERROR**"]);
  });

  test("the page holds the profile, and the example run or the note that none is recorded, each between its markers once", () => {
    expect(between(PAGE, PROFILE)).toMatch(/^\nProfile: `npm run bench -- --profile` on \d{4}-\d\d-\d\d, .*\n\n\| Where the time goes/);
    const example = between(PAGE, EXAMPLE_RUN);
    if (example.trim() === NO_EXAMPLE_RUN) return;
    expect(example).toMatch(/^\nExample run: `npm run bench` on \d{4}-\d\d-\d\d, .*\n\n\| Measure .*\| Result +\|\n/);
  });

  test("the example run shows no missed budget as a result (--write-docs refuses such a run)", () => {
    expect(missedBudgets(between(PAGE, EXAMPLE_RUN))).toEqual([]);
  });
});

import { readFileSync } from "node:fs";
import * as path from "node:path";
import { BEGIN, END, replaceExampleRun } from "../../bench/readme-example";

describe("replaceExampleRun: the README's dated example run comes from the bench's table", () => {
  const readme = `# P\n\n## Performance\n\nratios...\n\n${BEGIN}\nold table\n${END}\n\nafter\n`;

  test("replaces what is between the markers, dated, and keeps the rest", () => {
    const out = replaceExampleRun(readme, "| a | b |\n| - | - |\n", new Date("2026-12-01T21:00:00Z"));
    expect(out).toBe(`# P\n\n## Performance\n\nratios...\n\n${BEGIN}\nExample run: \`npm run bench\` on 2026-12-01, on this project's 2-core development machine, shared with other developers' work at the time (see the load average below).\n\n| a | b |\n| - | - |\n\n${END}\n\nafter\n`);
    // Idempotent: a second write replaces the first.
    expect(replaceExampleRun(out, "| a | b |\n| - | - |\n", new Date("2026-12-01T21:00:00Z"))).toBe(out);
  });

  test.each([
    ["no markers", "# P\n"],
    ["the end marker first", `${END}\n${BEGIN}\n`],
    ["two begin markers", `${BEGIN}\n${BEGIN}\n${END}\n`],
  ])("refuses a README with %s", (_what, text) => {
    expect(() => replaceExampleRun(text, "t", new Date())).toThrow(/README\.md must hold the markers/);
  });

  test("the README holds the markers once each", () => {
    const text = readFileSync(path.join(__dirname, "..", "..", "README.md"), "utf8");
    expect(() => replaceExampleRun(text, "t", new Date())).not.toThrow();
  });
});

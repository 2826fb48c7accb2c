/**
 * The benchmark's figures in docs/performance.md, written there by the bench
 * from its own output, never typed by hand:
 *
 * - `npm run bench -- --write-docs`: a dated example run (the table of every
 *   row), only from a run in which every budget passed;
 * - `npm run bench -- --profile --write-docs`: the dated profile table.
 *
 * The page's claims are the ratios; the example's absolute times hold for that
 * run's machine and load only.
 */
export const DOCS_PAGE = "docs/performance.md";

export interface Figures {
  /** The marker's name: `<!-- bench:<name>:begin ... -->`. */
  readonly name: string;
  /** The bench arguments that write it, as shown in the marker. */
  readonly command: string;
}

export const EXAMPLE_RUN: Figures = { name: "example-run", command: "npm run bench -- --write-docs" };
export const PROFILE: Figures = { name: "profile", command: "npm run bench -- --profile --write-docs" };

export function beginMarker(f: Figures): string {
  return `<!-- bench:${f.name}:begin: written by \`${f.command}\`, do not edit -->`;
}

export function endMarker(f: Figures): string {
  return `<!-- bench:${f.name}:end -->`;
}

/** What lies between the markers of `f` in `page`; throws unless each marker is there once, in order. */
export function between(page: string, f: Figures): string {
  const begin = beginMarker(f);
  const end = endMarker(f);
  const b = page.indexOf(begin);
  const e = page.indexOf(end);
  if (b < 0 || e < b || page.indexOf(begin, b + 1) >= 0 || page.indexOf(end, e + 1) >= 0) {
    throw new Error(`${DOCS_PAGE} must hold the markers ${begin} and ${end} once each, in that order`);
  }
  return page.slice(b + begin.length, e);
}

/** The page with the figures of `f` replaced by `body`, introduced by a dated line. */
export function replaceFigures(page: string, f: Figures, intro: string, body: string): string {
  between(page, f);
  const begin = beginMarker(f);
  const b = page.indexOf(begin) + begin.length;
  const e = page.indexOf(endMarker(f));
  return `${page.slice(0, b)}\n${intro}\n\n${body.trim()}\n\n${page.slice(e)}`;
}

/** What the example run's markers hold before a run has been written. */
export const NO_EXAMPLE_RUN = "No example run is recorded yet: `npm run bench -- --write-docs` writes one here, from a full run in which every budget passed.";

/** The example run's introduction, dated. */
export function exampleRunIntro(date: Date): string {
  return `Example run: \`npm run bench\` on ${day(date)}, on this project's 2-core development machine, shared with other developers' work at the time (see the load average below).`;
}

/** The profile's introduction, dated. */
export function profileIntro(date: Date): string {
  return `Profile: \`npm run bench -- --profile\` on ${day(date)}, on this project's 2-core development machine, shared at the time (see the load average below).`;
}

function day(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/**
 * The rows of a bench table (between the markers) whose Result cell is not a
 * pass: a budget missed or a measurement that failed. A page must never show
 * one as if it were a result.
 */
export function missedBudgets(figures: string): string[] {
  const lines = figures.split("\n").filter((l) => l.trim().startsWith("|"));
  if (lines.length < 2) return [];
  const cells = (line: string) => line.trim().replace(/^\||\|$/g, "").split("|").map((c) => c.trim());
  const header = cells(lines[0]);
  const result = header.indexOf("Result");
  if (result < 0) throw new Error("the bench table has no Result column");
  return lines
    .slice(2)
    .map(cells)
    .filter((row) => row[result] !== "" && row[result] !== "PASS")
    .map((row) => `${row[0]}: ${row[result]}`);
}

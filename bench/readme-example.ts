/**
 * `npm run bench -- --write-readme`: the README's Performance section shows
 * one dated example run, written here from the bench's own table, never typed
 * by hand. The README's claims are the ratios; the example's absolute times
 * hold for that run's machine and load only.
 */
export const BEGIN = "<!-- bench:example-run:begin: written by `npm run bench -- --write-readme`, do not edit -->";
export const END = "<!-- bench:example-run:end -->";

/** The README with the example run between the markers replaced by `table` (the bench's output). */
export function replaceExampleRun(readme: string, table: string, date: Date): string {
  const begin = readme.indexOf(BEGIN);
  const end = readme.indexOf(END);
  if (begin < 0 || end < begin || readme.indexOf(BEGIN, begin + 1) >= 0 || readme.indexOf(END, end + 1) >= 0) {
    throw new Error(`README.md must hold the markers ${BEGIN} and ${END} once each, in that order`);
  }
  const day = date.toISOString().slice(0, 10);
  const body = `Example run: \`npm run bench\` on ${day}, on this project's 2-core development machine, shared with other developers' work at the time (see the load average below).\n\n${table.trim()}\n\n`;
  return `${readme.slice(0, begin + BEGIN.length)}\n${body}${readme.slice(end)}`;
}

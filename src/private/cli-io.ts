/**
 * Where the package's command-line tools (`review`, `discover`) write; tests
 * pass their own. No cdktf here: the CLIs load without it.
 */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
}

/** The process's own streams. */
export const PROCESS_IO: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

/**
 * Text on one line: every run of white space that holds a line break becomes
 * one space. The same as replacing every match of the regex \s*\n\s* with a
 * space, without that regex, which backtracks quadratically on a long run of
 * spaces that holds no line break (error messages may quote input).
 */
export function joinLines(text: string): string {
  if (!text.includes("\n")) return text;
  const lines = text.split("\n");
  const last = lines.length - 1;
  const kept = lines.map((line, i) => (i === 0 ? line.trimEnd() : i === last ? line.trimStart() : line.trim())).filter((line, i) => i === 0 || i === last || line !== "");
  return kept.join(" ");
}

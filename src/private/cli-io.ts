/**
 * Where the package's command-line tools (`review`, `discover`) write; tests
 * pass their own. No cdktf here: the CLIs load without it.
 */
import * as fs from "node:fs";
import * as path from "node:path";

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
}

/** The process's own streams. */
export const PROCESS_IO: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

/** The package's version, from its package.json (lib/private/ or src/private/ → the package root). */
export function packageVersion(): string {
  try {
    const json: unknown = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "..", "package.json"), "utf8"));
    const version = (json as { version?: unknown }).version;
    return typeof version === "string" ? version : "0.0.0";
  } catch {
    return "0.0.0";
  }
}

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

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

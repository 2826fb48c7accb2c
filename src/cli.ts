/**
 * `cdktf-okta-access`, the package's bin: one entry point for its
 * command-line tools.
 *
 *   cdktf-okta-access review <dir> [options]     the pull request review
 *   cdktf-okta-access discover [options]         adopt a setup made by hand
 *   cdktf-okta-access help [command]             the help of a command
 *   cdktf-okta-access --help | --version
 *
 * Each command parses its own options (src/review/cli.ts,
 * src/discover/cli.ts); this module only finds the command. Usage errors are
 * one line on stderr with exit 1, as in the commands themselves.
 */
import { CliIo, packageVersion, PROCESS_IO } from "./private/cli-io";
import { editDistance } from "./private/edit-distance";

const NAME = "cdktf-okta-access";
const WIDTH = 80;

interface CommandEntry {
  readonly name: string;
  /** How it is called, after the bin's name. */
  readonly usage: string;
  /** One sentence, the same as the command's own help. */
  summary(): string;
  /** Runs it with the arguments after its name. */
  run(args: readonly string[], io: CliIo, env: NodeJS.ProcessEnv): number | Promise<number>;
}

// Each command's module is loaded when it runs, so `review` never loads
// `discover`'s HTTP client and the other way round.
/* eslint-disable @typescript-eslint/no-require-imports */
const COMMANDS: readonly CommandEntry[] = [
  {
    name: "review",
    usage: "review <dir> [options]",
    summary: () => (require("./review/cli") as typeof import("./review/cli")).REVIEW_SUMMARY,
    // The review's own program names its command, so it gets it back.
    run: (args, io) => (require("./review/cli") as typeof import("./review/cli")).main(["review", ...args], io),
  },
  {
    name: "discover",
    usage: "discover [options]",
    summary: () => (require("./discover/cli") as typeof import("./discover/cli")).DISCOVER_SUMMARY,
    run: (args, io, env) => (require("./discover/cli") as typeof import("./discover/cli")).main(args, io, env),
  },
];
/* eslint-enable @typescript-eslint/no-require-imports */

/** The names of the commands, in the order `--help` lists them. */
export const COMMAND_NAMES: readonly string[] = COMMANDS.map((c) => c.name);

/** Runs the bin with its arguments (without `node` and the script) and resolves to the exit code. */
export async function main(argv: readonly string[], io: CliIo = PROCESS_IO, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined) {
    io.stderr(help());
    return 1;
  }
  if (first === "-h" || first === "--help") {
    io.stdout(help());
    return 0;
  }
  if (first === "-V" || first === "--version") {
    io.stdout(`${packageVersion()}\n`);
    return 0;
  }
  if (first === "help") {
    if (rest.length === 0) {
      io.stdout(help());
      return 0;
    }
    if (rest.length > 1) return usageError(io, `help takes one command; received ${rest.length} arguments`);
    const command = find(rest[0]);
    if (command === undefined) return unknownCommand(io, rest[0]);
    return command.run(["--help"], io, env);
  }
  const command = find(first);
  if (command === undefined) return unknownCommand(io, first);
  return command.run(rest, io, env);
}

/**
 * A reader that stops early (`| head`, `| grep -q`) closes the pipe, and Node
 * reports the next write as an unhandled EPIPE error with a stack trace. The
 * bin drops the rest of the output instead and lets the command finish with
 * its own exit code: a review that found a literal secret still exits 2.
 */
export function endQuietlyOnClosedPipe(stream: NodeJS.WriteStream = process.stdout): void {
  stream.on("error", (e: NodeJS.ErrnoException) => {
    if (e.code !== "EPIPE") throw e;
    stream.write = () => true;
  });
}

function find(name: string): CommandEntry | undefined {
  return COMMANDS.find((c) => c.name === name);
}

/** The top-level help: every command with its summary. */
export function help(): string {
  const rows: [string, string][] = [
    ...COMMANDS.map((c): [string, string] => [c.usage, c.summary()]),
    ["help [command]", "Show a command's help (the same as <command> --help)."],
  ];
  const options: [string, string][] = [
    ["-V, --version", "Print the version."],
    ["-h, --help", "Print this help."],
  ];
  const column = Math.max(...[...rows, ...options].map(([left]) => left.length)) + 4;
  const table = (entries: [string, string][]) => entries.map(([left, right]) => wrap(`  ${left.padEnd(column - 2)}`, right)).join("");
  return [
    `Usage: ${NAME} <command> [options]`,
    "",
    "Review and adopt Okta → Cloudflare Access setups written with",
    "cdktf-okta-cloudflare-access.",
    "",
    "Commands:",
    table(rows).trimEnd(),
    "",
    "Options:",
    table(options).trimEnd(),
    "",
    `Run \`${NAME} help <command>\` for a command's options and exit codes.`,
    "",
  ].join("\n");
}

/** `lead` then `text` wrapped at WIDTH, continuation lines indented under the text. */
function wrap(lead: string, text: string): string {
  const lines: string[] = [];
  let line = lead;
  for (const word of text.split(/\s+/)) {
    if (line.length > lead.length && line.length + 1 + word.length > WIDTH) {
      lines.push(line);
      line = " ".repeat(lead.length) + word;
    } else {
      line += (line.length > lead.length ? " " : "") + word;
    }
  }
  lines.push(line);
  return lines.join("\n") + "\n";
}

function unknownCommand(io: CliIo, name: string): number {
  const close = COMMANDS.find((c) => editDistance(c.name, name.toLowerCase()) <= 2);
  const shown = JSON.stringify(name).slice(0, 60);
  return usageError(io, `unknown command ${shown}${close ? ` (did you mean ${close.name}?)` : ""}; commands: ${[...COMMAND_NAMES, "help"].join(", ")}`);
}

function usageError(io: CliIo, message: string): number {
  io.stderr(`${NAME}: ${message}\n`);
  return 1;
}

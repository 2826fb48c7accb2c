/**
 * The command line: `cdktf-okta-access review <cdktf.out dir> [--base <dir>]
 * [--plan <plan.json>] [--format markdown|json] [--output FILE]`.
 *
 * Exit codes: 0 reviewed; 1 bad input or usage (one line on stderr, never a
 * stack trace); 2 a literal secret in the synthesized JSON; 3 a finding of a
 * `--fail-on` kind.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { Command, CommanderError, InvalidArgumentError, Option } from "commander";
import { ReviewInputError } from "./errors";
import { FINDING_KIND_ORDER, FINDING_KINDS, FindingKind, isFindingKind } from "./findings";
import { renderJson } from "./json";
import { renderMarkdown } from "./markdown";
import { DEFAULT_MAX_FILE_SIZE, parseSize } from "./load";
import { review } from "./review";
import { redactCredentials } from "./credentials";
import { LiteralSecret, scanLiteralSecrets } from "./secrets";

import { CliIo, joinLines, packageVersion, PROCESS_IO } from "../private/cli-io";
import { escapeControls, plainLine } from "../private/controls";

/** Where the CLI writes; tests pass their own. */
export type { CliIo };

const NAME = "cdktf-okta-access";

/** What `review` does, in one sentence (its help, and the list of commands). */
export const REVIEW_SUMMARY = "Summarize identity providers, Access groups, policies and applications; diff against a base; summarize a plan.";

/** Runs the CLI with arguments (without `node` and the script) and returns the exit code. */
export function main(argv: readonly string[], io: CliIo = PROCESS_IO): number {
  let exitCode = 0;
  const output = {
    writeOut: (text: string) => io.stdout(text),
    writeErr: (text: string) => io.stderr(text),
    // One line, even when commander adds a suggestion ("(Did you mean review?)").
    outputError: (text: string, write: (text: string) => void) => write(`${NAME}: ${joinLines(text.replace(/^error: /, "").trim())}\n`),
  };
  const program = new Command(NAME)
    .description("Review synthesized cdktf stacks that wire Okta to Cloudflare Access.")
    .version(packageVersion(), "-V, --version")
    .configureOutput(output)
    .exitOverride();

  program
    .command("review")
    .description(REVIEW_SUMMARY)
    .argument("<dir>", "the cdktf.out directory to review (or one stack directory, or a .tf.json file)")
    .option("--base <dir>", "the base branch's cdktf.out, to show what changes")
    .option("--plan <plan.json>", "a plan from `terraform show -json plan.tfplan`, to summarize")
    .addOption(new Option("--format <format>", "output format").choices(["markdown", "json"]).default("markdown"))
    .option("--output <file>", "write the review to a file instead of stdout")
    .option("--max-file-size <size>", `the largest input file read, in bytes or with a K, M or G suffix (default ${DEFAULT_MAX_FILE_SIZE / 1024 / 1024}M)`, maxFileSize)
    .option("--fail-on <kinds>", `exit 3 when a finding of these kinds exists (comma-separated, or "any"): ${FINDING_KIND_ORDER.join(", ")}`, parseKinds)
    .addHelpText("after", EXIT_CODES_HELP)
    .configureOutput(output)
    .exitOverride()
    .action((dir: string, options: ReviewCliOptions) => {
      exitCode = runReview(dir, options, io);
    });

  try {
    program.parse([...argv], { from: "user" });
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode;
    return fail(io, e);
  }
  return exitCode;
}

function runReview(dir: string, options: ReviewCliOptions, io: CliIo): number {
  try {
    const result = review(dir, { base: options.base, plan: options.plan, maxFileSize: options.maxFileSize, failOn: options.failOn });
    const text = options.format === "json" ? renderJson(result) : renderMarkdown(result);
    if (options.output !== undefined) {
      try {
        fs.mkdirSync(path.dirname(path.resolve(options.output)), { recursive: true });
        fs.writeFileSync(options.output, text);
      } catch (e) {
        throw new ReviewInputError(`--output: cannot write ${options.output} (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
      }
    } else {
      io.stdout(text);
    }
    reportSecrets(io, result.literalSecrets);
    if (result.exitCode === 3) {
      io.stderr(`${NAME}: --fail-on: ${result.failedOn.map((k) => `${result.warnings.filter((w) => w.kind === k).length} ${k}`).join(", ")} finding(s)\n`);
    }
    return result.exitCode;
  } catch (e) {
    const code = fail(io, e);
    // Neither an internal error nor a bad --base/--plan may hide a literal secret in the head.
    const secrets = scanLiteralSecrets(dir, { maxFileSize: options.maxFileSize });
    if (secrets !== undefined && secrets.length > 0) {
      reportSecrets(io, secrets);
      return 2;
    }
    return code;
  }
}

interface ReviewCliOptions {
  readonly base?: string;
  readonly plan?: string;
  readonly format: string;
  readonly output?: string;
  readonly maxFileSize?: number;
  readonly failOn?: FindingKind[];
}

const EXIT_CODES_HELP = `
Finding kinds (for --fail-on):
${FINDING_KIND_ORDER.map((k) => `  ${k.padEnd(9)} ${FINDING_KINDS[k].meaning}`).join("\n")}

Exit codes:
  0  reviewed (findings, if any, are in the review)
  1  bad input or usage (one line on stderr)
  2  a literal secret in the synthesized JSON (takes precedence over 3)
  3  a finding of a --fail-on kind exists
`;

function parseKinds(value: string): FindingKind[] {
  const names = value.split(",").map((k) => k.trim()).filter((k) => k !== "");
  if (names.length === 0) throw new InvalidArgumentError(`expected a comma-separated list of kinds (${FINDING_KIND_ORDER.join(", ")}, any)`);
  if (names.includes("any")) return [...FINDING_KIND_ORDER];
  const unknown = names.filter((k) => !isFindingKind(k));
  if (unknown.length > 0) {
    throw new InvalidArgumentError(`unknown kind ${JSON.stringify(unknown[0]).slice(0, 40)}: expected ${FINDING_KIND_ORDER.join(", ")} or any`);
  }
  return names.filter(isFindingKind);
}

function reportSecrets(io: CliIo, secrets: readonly LiteralSecret[]): void {
  if (secrets.length === 0) return;
  for (const s of secrets) {
    io.stderr(`${NAME}: literal secret in stack ${oneLineName(s.stack)}: ${plainLine(s.attribute)} of ${oneLineName(s.block)}${s.constructPath ? ` (${oneLineName(s.constructPath)})` : ""} is not a safe Terraform reference: ${s.reason} (value not shown)\n`);
  }
  io.stderr(`${NAME}: ${secrets.length} literal secret(s) in the synthesized JSON: pass secrets by Terraform reference or from the environment, and rotate the exposed ones\n`);
}

/** Names from the input on one line of stderr (no control or bidi character). */
function oneLineName(text: string): string {
  return escapeControls(JSON.stringify(redactCredentials(text)).slice(1, -1));
}

function maxFileSize(value: string): number {
  const size = parseSize(value);
  if (size === undefined) throw new InvalidArgumentError("expected a size in bytes, or with a K, M or G suffix (e.g. 128M)");
  return size;
}

function fail(io: CliIo, e: unknown): number {
  if (e instanceof ReviewInputError) {
    io.stderr(`${NAME}: ${plainLine(redactCredentials(e.message))}\n`);
    return e.exitCode;
  }
  // An unexpected failure is a bug: still one line, with the stack only on request.
  const message = e instanceof Error ? e.message : String(e);
  io.stderr(`${NAME}: internal error: ${plainLine(joinLines(redactCredentials(message)))} (set CDKTF_OKTA_ACCESS_DEBUG=1 for details)\n`);
  if (process.env.CDKTF_OKTA_ACCESS_DEBUG && e instanceof Error && e.stack) io.stderr(`${e.stack}\n`);
  return 1;
}

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2));
}

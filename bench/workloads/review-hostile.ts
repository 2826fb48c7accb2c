/**
 * The review of one adversarial input (issue 24, "Bounds"), with the
 * compiled review CLI (lib/review/cli.js, as the package's bin runs it):
 * writes the input, runs the CLI in this process, and prints one JSON line
 * with the review's time, the process's peak RSS, the exit code and the size
 * of the review.
 *
 * Usage: node review-hostile.js <case name> <bytes> <workdir>
 */
import { statSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { performance } from "node:perf_hooks";
import { HOSTILE_CASES, nestedReplace3kb } from "../../test/hostile/corpus";
import { writeInput } from "../../test/hostile/harness";

/** What the workload reports to the driver. */
export interface HostileSample {
  readonly ms: number;
  readonly maxRssKb: number;
  readonly exitCode: number;
  readonly outputBytes: number;
  readonly inputBytes: number;
}

const libPath = process.env.BENCH_LIB;
if (!libPath) throw new Error("BENCH_LIB must be the path of the compiled package's lib/index.js");
const cli = createRequire(__filename)(join(dirname(libPath), "review", "cli.js")) as typeof import("../../src/review/cli");

const [name, bytesArg, workdir] = process.argv.slice(2);
const hostile = name === "replace-3kb" ? { build: () => nestedReplace3kb() } : HOSTILE_CASES.find((c) => c.name === name);
if (!hostile || !workdir) throw new Error(`usage: node ${process.argv[1]} <case> <bytes> <workdir>; received ${JSON.stringify(process.argv.slice(2))}`);
const { head, base, bytes } = writeInput(hostile.build(Number(bytesArg)), workdir);
const output = join(workdir, "review.md");
const t0 = performance.now();
const exitCode = cli.main(["review", head, ...(base ? ["--base", base] : []), "--fail-on", "widen", "--output", output], { stdout: () => undefined, stderr: () => undefined });
const ms = performance.now() - t0;
const sample: HostileSample = { ms, maxRssKb: process.resourceUsage().maxRSS, exitCode, outputBytes: statSync(output).size, inputBytes: bytes };
console.log(JSON.stringify(sample));

/**
 * The child process of the hostile suite: runs the review CLI in-process on
 * the arguments after the result file, then writes what it measured there as
 * JSON: the review's wall time (module loading excluded), the peak RSS of the
 * process, the exit code, the size of what the review wrote.
 *
 *   node -r esbuild-register test/hostile/run-review.ts RESULT.json review DIR [--base DIR] ...
 */
import * as fs from "node:fs";
import { main } from "../../src/review/cli";

const [resultFile, ...argv] = process.argv.slice(2);
let written = 0;
let stderr = "";
const started = process.hrtime.bigint();
const exitCode = main(argv, { stdout: (text) => void (written += text.length), stderr: (text) => void (stderr += text) });
const ms = Number(process.hrtime.bigint() - started) / 1e6;
const output = argv.indexOf("--output");
const file = output >= 0 ? argv[output + 1] : undefined;
if (file !== undefined && fs.existsSync(file)) written = fs.statSync(file).size;
const maxRssKb = process.resourceUsage().maxRSS;
// The JSON review's findings by kind (read after the measurement).
const kinds: Record<string, number> = {};
if (file !== undefined && file.endsWith(".json") && fs.existsSync(file)) {
  for (const w of (JSON.parse(fs.readFileSync(file, "utf8")) as { warnings: { kind: string }[] }).warnings) kinds[w.kind] = (kinds[w.kind] ?? 0) + 1;
}
fs.writeFileSync(resultFile, JSON.stringify({ ms, maxRssKb, exitCode, outputBytes: written, kinds, stderr: stderr.slice(0, 4000) }));
process.exitCode = 0;

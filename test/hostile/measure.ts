/**
 * Prints the time and peak memory of the review on every hostile case, as a
 * Markdown table (the figures of docs and the changelog).
 *
 *   node -r esbuild-register test/hostile/measure.ts [--bytes 102400] [--heap 4096] [--kill 120000] [case ...]
 */
import { parseArgs } from "node:util";
import { HOSTILE_CASES } from "./corpus";
import { measure } from "./harness";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    bytes: { type: "string", default: "102400" },
    heap: { type: "string", default: "4096" },
    kill: { type: "string", default: "120000" },
    format: { type: "string", default: "markdown" },
  },
});
const bytes = Number(values.bytes);
const cases = positionals.length > 0 ? HOSTILE_CASES.filter((c) => positionals.includes(c.name)) : HOSTILE_CASES;
const format = values.format === "json" ? "json" : "markdown";
console.log(`| case | input | review time | peak RSS | output (${format}) | exit |${format === "json" ? " cannot tell |" : ""}`);
console.log(`|---|---:|---:|---:|---:|---|${format === "json" ? "---:|" : ""}`);
for (const c of cases) {
  const m = measure(c.build(bytes), { maxOldSpaceMb: Number(values.heap), killAfterMs: Number(values.kill), format, args: ["--fail-on", "widen"] });
  const kb = (n: number | undefined) => (n === undefined ? "" : n >= 1 << 20 ? `${(n / (1 << 20)).toFixed(1)} MB` : `${(n / 1024).toFixed(1)} KB`);
  const time = m.ms !== undefined ? `${(m.ms / 1000).toFixed(2)} s` : `${(m.wallMs / 1000).toFixed(1)} s (wall)`;
  console.log(`| ${c.name} | ${kb(m.inputBytes)} | ${time} | ${m.maxRssMb !== undefined ? `${Math.round(m.maxRssMb)} MB` : ""} | ${kb(m.outputBytes)} | ${m.exitCode ?? m.failure} |${format === "json" ? ` ${m.kinds?.undecided ?? 0} |` : ""}`);
}

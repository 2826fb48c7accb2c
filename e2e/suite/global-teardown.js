// Prints the per-step timings of the run and the total.
const { existsSync, readFileSync } = require("node:fs");
const { join } = require("node:path");
module.exports = async () => {
  const file = join(__dirname, "..", "..", ".e2e", "timings.jsonl");
  if (!existsSync(file)) return;
  const rows = readFileSync(file, "utf8").trim().split("\n").filter(Boolean).map((l) => JSON.parse(l));
  const label = (/** @type {any} */ r) => `${r.project ? `${r.project}/` : ""}${r.suite}: ${r.step}`;
  const width = Math.max(...rows.map((r) => label(r).length));
  const lines = rows.map((r) => `  ${label(r).padEnd(width)}  ${(r.ms / 1000).toFixed(1).padStart(6)} s${r.ok ? "" : "  FAILED"}`);
  /** @type {number | undefined} */
  const started = /** @type {any} */ (globalThis).__E2E_STARTED; // set by global-setup.js, same process
  const total = started ? (Date.now() - started) / 1000 : rows.reduce((n, r) => n + r.ms, 0) / 1000;
  process.stdout.write(`\n[e2e] step timings\n${lines.join("\n")}\n[e2e] total wall time ${total.toFixed(1)} s\n`);
};

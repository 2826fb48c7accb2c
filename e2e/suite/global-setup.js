// A fresh timings file for this run.
const { rmSync, mkdirSync } = require("node:fs");
const { join } = require("node:path");
module.exports = async () => {
  const dir = join(__dirname, "..", "..", ".e2e");
  mkdirSync(dir, { recursive: true });
  rmSync(join(dir, "timings.jsonl"), { force: true });
  rmSync(join(dir, "logs"), { recursive: true, force: true });
  rmSync(join(dir, "work"), { recursive: true, force: true });
  /** @type {any} */ (globalThis).__E2E_STARTED = Date.now();
};

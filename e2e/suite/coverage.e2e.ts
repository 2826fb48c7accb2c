/**
 * Every example registered in scripts/examples.js has its own lifecycle suite
 * here, so a new example cannot skip the end-to-end run.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "../lib/env";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { EXAMPLES } = require(join(ROOT, "scripts", "examples.js")) as { EXAMPLES: string[] };

test("each example has an end-to-end suite (e2e/suite/<example>.e2e.ts)", () => {
  expect(EXAMPLES.length).toBeGreaterThan(0);
  const missing = EXAMPLES.filter((name) => !existsSync(join(__dirname, `${name}.e2e.ts`)));
  expect(missing).toEqual([]);
});

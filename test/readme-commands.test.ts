import { existsSync, readFileSync } from "node:fs";
import * as path from "node:path";

const ROOT = path.resolve(__dirname, "..");
const README = readFileSync(path.join(ROOT, "README.md"), "utf8");
const pkg = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string>; bin: Record<string, string> };

// The README names commands for a reader to type: each must exist.
test("every `npm run <script>` the README names is a script of package.json", () => {
  const named = [...new Set([...README.matchAll(/\bnpm run ([\w:.-]+)/g)].map((m) => m[1]))];
  expect(named.length).toBeGreaterThan(5);
  expect(named.filter((s) => !(s in pkg.scripts))).toEqual([]);
});

test("every `npx <command>` the README names is this package's bin or a bin of a dev dependency", () => {
  const named = [...new Set([...README.matchAll(/\bnpx ([\w@/.-]+)/g)].map((m) => m[1]))];
  expect(named.length).toBeGreaterThan(1);
  const missing = named.filter((bin) => !(bin in pkg.bin) && !existsSync(path.join(ROOT, "node_modules", ".bin", bin)));
  expect(missing).toEqual([]);
});

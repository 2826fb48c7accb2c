import { execFileSync } from "node:child_process";
import * as path from "node:path";

const ROOT = path.resolve(__dirname, "..");

// jest's `roots` must hold src/ (not only test/): without it jest does not know
// the library's modules, so `--findRelatedTests` (and the mutation run, which
// uses it) finds no test for a module in src/private/ reached through src/*.ts.
test("jest finds the tests related to an internal module, through the constructs that import it", () => {
  const out = execFileSync(process.execPath, [require.resolve("jest/bin/jest"), "--listTests", "--findRelatedTests", "src/private/groups-filter-words.ts"], { cwd: ROOT, encoding: "utf8" });
  const tests = out.trim().split("\n").map((f) => path.relative(ROOT, f));
  expect(tests).toEqual(expect.arrayContaining([
    "test/private/groups-filter-words.test.ts", // imports it
    "test/groups-claim.test.ts", // through src/groups-claim.ts
    "test/okta-access-identity-provider.test.ts", // through src/okta-access-identity-provider.ts → groups-claim.ts
    "test/review/model.test.ts", // through src/review/model.ts
  ]));
});

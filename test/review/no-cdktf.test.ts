import { spawnSync } from "node:child_process";
import * as path from "node:path";
import { handWrittenIdp, writeStackFile } from "./helpers";

// The lint rule keeps `cdktf` out of src/review/ imports; this proves the CLI
// also runs without it through what it imports from src/private/.
test("the review CLI runs without loading cdktf, constructs or the providers", () => {
  const file = writeStackFile(handWrittenIdp());
  const script = `
    const Module = require("module");
    const load = Module._load;
    Module._load = function (request, ...rest) {
      if (/^(cdktf|constructs|@cdktf\\/)/.test(request)) throw new Error("the review loaded " + request);
      return load.call(this, request, ...rest);
    };
    let out = "";
    const code = require("./src/review/cli.ts").main(["review", ${JSON.stringify(file)}, "--format", "json"], { stdout: (t) => (out += t), stderr: (t) => process.stderr.write(t) });
    process.stdout.write(JSON.stringify({ code, stacks: JSON.parse(out).stacks.length }));
  `;
  const run = spawnSync(process.execPath, ["-r", "esbuild-register", "-e", script], { cwd: path.join(__dirname, "..", ".."), encoding: "utf8" });
  expect(run.stderr).toBe("");
  expect(JSON.parse(run.stdout)).toEqual({ code: 0, stacks: 1 });
});

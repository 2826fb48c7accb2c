import * as fs from "node:fs";
import * as path from "node:path";
import { ReviewInputError } from "../../src/review/errors";
import { loadSynthOutput } from "../../src/review/load";
import { tempDir } from "./fixtures";
import { handWrittenIdp, writeStackFile } from "./helpers";

function cdktfOut(stacks: Record<string, unknown>): string {
  const dir = tempDir();
  const manifest: any = { version: "0.21.0", stacks: {} };
  for (const [name, json] of Object.entries(stacks)) {
    fs.mkdirSync(path.join(dir, "stacks", name), { recursive: true });
    fs.writeFileSync(path.join(dir, "stacks", name, "cdk.tf.json"), typeof json === "string" ? json : JSON.stringify(json));
    manifest.stacks[name] = { name, synthesizedStackPath: `stacks/${name}/cdk.tf.json` };
  }
  fs.writeFileSync(path.join(dir, "manifest.json"), JSON.stringify(manifest));
  return dir;
}

function errorOf(fn: () => unknown): ReviewInputError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ReviewInputError) return e;
    throw e;
  }
  throw new Error("expected a ReviewInputError");
}

describe("loading synth output", () => {
  test("reads every stack the manifest lists, sorted by name", () => {
    const dir = cdktfOut({ zeta: handWrittenIdp(), alpha: handWrittenIdp() });
    const loaded = loadSynthOutput(dir);
    expect(loaded.stacks.map((s) => s.name)).toEqual(["alpha", "zeta"]);
    expect(loaded.stacks[0].json.resource).toBeDefined();
  });

  test("also reads one stack directory, or a single .tf.json file written by hand", () => {
    const dir = cdktfOut({ one: handWrittenIdp() });
    expect(loadSynthOutput(path.join(dir, "stacks", "one")).stacks.map((s) => s.name)).toEqual(["one"]);
    expect(loadSynthOutput(writeStackFile(handWrittenIdp(), "access.tf.json")).stacks.map((s) => s.name)).toEqual(["access"]);
  });

  test.each([
    ["a missing directory", () => path.join(tempDir(), "nope"), /does not exist \(run "cdktf synth" first\)/],
    ["a directory without manifest.json", () => tempDir(), /is not cdktf output: it has no manifest.json/],
    ["unreadable JSON in a stack", () => cdktfOut({ broken: "{ not json" }), /cdk.tf.json is not valid JSON \(/],
    ["JSON that is not Terraform", () => cdktfOut({ odd: { hello: "world" } }), /is not Terraform JSON/],
    ["a resource section that is not an object", () => cdktfOut({ odd: { resource: [] } }), /"resource" must be an object/],
    [
      "a manifest without stacks",
      () => {
        const dir = tempDir();
        fs.writeFileSync(path.join(dir, "manifest.json"), "{}");
        return dir;
      },
      /not a cdktf manifest: it has no "stacks" object/,
    ],
    [
      "a stack file the manifest names but that is missing",
      () => {
        const dir = cdktfOut({ gone: handWrittenIdp() });
        fs.rmSync(path.join(dir, "stacks", "gone", "cdk.tf.json"));
        return dir;
      },
      /cannot read .*cdk.tf.json \(ENOENT\)/,
    ],
  ])("refuses %s with a one-line message", (_what, make, message) => {
    const error = errorOf(() => loadSynthOutput(make()));
    expect(error.message).toMatch(message);
    expect(error.message).not.toContain("\n");
    expect(error.exitCode).toBe(1);
  });

  test("names the option in errors about --base", () => {
    expect(errorOf(() => loadSynthOutput("/nonexistent/base", "--base")).message).toMatch(/^--base: \/nonexistent\/base does not exist/);
  });
});

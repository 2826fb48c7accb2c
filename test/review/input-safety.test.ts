/**
 * Hostile inputs for reading: reads stay inside the given directory, only
 * regular files are read (no hang on a FIFO, no /dev/zero), a size limit,
 * errors on one line that never quote file content, prototype-named keys as
 * data, and plan masking at least as strict as `terraform show`.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import fc from "fast-check";
import { main } from "../../src/review/cli";
import { ReviewInputError } from "../../src/review/errors";
import { jsonErrorPlace, loadSynthOutput, parseSize } from "../../src/review/load";
import { loadPlan, summarizePlan } from "../../src/review/plan";
import { MASK } from "../../src/review/secrets";
import { tempDir } from "./fixtures";
import { handWrittenIdp, writeStackFile } from "./helpers";

const TOKEN = "00TOKEN-file-prefix-9b2e";

function run(...args: string[]) {
  let stdout = "";
  let stderr = "";
  const code = main(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

/** A cdktf.out whose manifest lists one stack at `stackPath` (written only when `write`). */
function cdktfOut(stackPath: string, write = true, json: unknown = handWrittenIdp()): string {
  const dir = tempDir();
  if (write) {
    fs.mkdirSync(path.dirname(path.join(dir, stackPath)), { recursive: true });
    fs.writeFileSync(path.join(dir, stackPath), JSON.stringify(json));
  }
  fs.writeFileSync(path.join(dir, "manifest.json"), JSON.stringify({ version: "0.21.0", stacks: { main: { name: "main", synthesizedStackPath: stackPath } } }));
  return dir;
}

/** A file outside every review directory, holding a token. */
function outsideFile(): string {
  const file = path.join(tempDir("outside-"), "token.json");
  fs.writeFileSync(file, `${TOKEN} {"resource": {}}`);
  return file;
}

function refused(dir: string, what = "cdktf output"): string {
  try {
    loadSynthOutput(dir, what);
  } catch (e) {
    if (!(e instanceof ReviewInputError)) throw e;
    expect(e.message).not.toContain("\n");
    expect(e.message).not.toContain(TOKEN);
    return e.message;
  }
  throw new Error("expected the input to be refused");
}

function mkfifo(file: string): boolean {
  try {
    execFileSync("mkfifo", [file]);
    return true;
  } catch {
    return false;
  }
}

describe("reads stay inside the given directory", () => {
  test.each([
    ["../ traversal", (o: string) => path.relative(tempDir(), o).replace(/^/, "../")],
    ["deep ../ traversal", () => "../../../../../../../../etc/passwd"],
    ["traversal in the middle", () => "stacks/../../../etc/passwd"],
    ["a backslash traversal", () => "stacks\\..\\..\\etc\\passwd"],
    ["an absolute path", (o: string) => o],
    ["/etc/passwd", () => "/etc/passwd"],
    ["/dev/zero", () => "/dev/zero"],
    ["a NUL byte", () => "stacks/main\u0000/cdk.tf.json"],
  ])("refuses %s in synthesizedStackPath with a one-line error", (_what, make) => {
    const message = refused(cdktfOut(make(outsideFile()), false));
    expect(message).toMatch(/refused path .*leads outside/);
  });

  test("refuses a stack file that is a symlink leading out, and a directory symlink leading out", () => {
    const outside = outsideFile();
    const a = cdktfOut("stacks/main/cdk.tf.json", false);
    fs.mkdirSync(path.join(a, "stacks", "main"), { recursive: true });
    fs.symlinkSync(outside, path.join(a, "stacks", "main", "cdk.tf.json"));
    expect(refused(a)).toMatch(/symbolic link that leads outside/);

    const b = cdktfOut("stacks/main/cdk.tf.json", false);
    fs.mkdirSync(path.join(path.dirname(outside), "main"));
    fs.copyFileSync(outside, path.join(path.dirname(outside), "main", "cdk.tf.json"));
    fs.symlinkSync(path.dirname(outside), path.join(b, "stacks"));
    expect(refused(b)).toMatch(/symbolic link that leads outside/);
  });

  test("refuses a manifest.json or a lone cdk.tf.json that is a symlink leading out", () => {
    const outside = outsideFile();
    const a = tempDir();
    fs.symlinkSync(outside, path.join(a, "manifest.json"));
    expect(refused(a)).toMatch(/symbolic link that leads outside/);
    const b = tempDir();
    fs.symlinkSync(outside, path.join(b, "cdk.tf.json"));
    expect(refused(b)).toMatch(/symbolic link that leads outside/);
  });

  test("a symlink that stays inside is followed", () => {
    const dir = cdktfOut("real/cdk.tf.json");
    fs.mkdirSync(path.join(dir, "stacks"));
    fs.symlinkSync(path.join(dir, "real"), path.join(dir, "stacks", "main"));
    fs.writeFileSync(path.join(dir, "manifest.json"), JSON.stringify({ stacks: { main: { synthesizedStackPath: "stacks/main/cdk.tf.json" } } }));
    expect(loadSynthOutput(dir).stacks.map((s) => s.name)).toEqual(["main"]);
  });

  test("the CLI exits 1 with one line, quoting nothing of the file", () => {
    const r = run("review", cdktfOut(outsideFile(), false));
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stdout + r.stderr).not.toContain(TOKEN);
  });
});

describe("only regular files, with a size limit", () => {
  test("a FIFO as a stack file, as --plan, or as the input is refused without hanging", () => {
    const dir = cdktfOut("stacks/main/cdk.tf.json", false);
    fs.mkdirSync(path.join(dir, "stacks", "main"), { recursive: true });
    if (!mkfifo(path.join(dir, "stacks", "main", "cdk.tf.json"))) throw new Error("mkfifo is needed for this test");
    expect(refused(dir)).toMatch(/is not a regular file/);
    const fifo = path.join(tempDir(), "plan.json");
    mkfifo(fifo);
    expect(() => loadPlan(fifo)).toThrow(/--plan: refused .*plan.json: it is not a regular file/);
    expect(run("review", fifo).stderr).toMatch(/is neither a directory nor a regular file/);
  });

  test("/dev/zero as the input or as --plan is refused", () => {
    expect(run("review", "/dev/zero")).toMatchObject({ code: 1 });
    expect(run("review", writeStackFile(handWrittenIdp()), "--plan", "/dev/zero").stderr).toMatch(/--plan: refused \/dev\/zero: it is not a regular file/);
  });

  test("a file over the limit is refused, and --max-file-size raises the limit", () => {
    const big = handWrittenIdp((j) => (j.locals = { padding: "x".repeat(4096) }));
    const file = writeStackFile(big);
    const r = run("review", file, "--max-file-size", "2K");
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/refused .*main.tf.json: it is larger than 2048 bytes \(raise the limit with --max-file-size\)/);
    expect(run("review", file, "--max-file-size", "1M").code).toBe(0);
    expect(run("review", file, "--max-file-size", "lots").stderr).toMatch(/--max-file-size.*expected a size in bytes/);
    const plan = writeStackFile({ format_version: "1.2", resource_changes: [], padding: "x".repeat(4096) }, "plan.json");
    expect(run("review", writeStackFile(handWrittenIdp()), "--plan", plan, "--max-file-size", "3000").stderr).toMatch(/--plan: refused .*larger than 3000 bytes/);
  });

  test("sizes", () => {
    expect([parseSize("100"), parseSize("2K"), parseSize("64M"), parseSize("1GiB"), parseSize("0"), parseSize("-1"), parseSize("1T")]).toEqual([
      100,
      2048,
      64 * 1024 * 1024,
      1024 ** 3,
      undefined,
      undefined,
      undefined,
    ]);
  });
});

describe("errors never quote file content", () => {
  test.each([
    ['{"resource": {"x": {"y": {"client_secret": "00TOKEN-file-prefix-9b2e" oops}}}}', /syntax error at line 1, column \d+/],
    ['{\n  "token": "00TOKEN-file-prefix-9b2e",\n  oops\n}', /syntax error at line 3, column 3/],
    ["00TOKEN-file-prefix-9b2e", /syntax error at line 1, column 2/],
    ["TOKEN-file-prefix-9b2e", /syntax error at line 1, column 1/],
    ['{"a": "00TOKEN-file-prefix-9b2e', /unexpected end of the file/],
    ['{"a": "00TOKEN-file-prefix-9b2e\u0001"}', /syntax error at line 1, column \d+/],
  ])("a JSON syntax error names the file and the position only (%#)", (text, place) => {
    for (const args of [[writeStackFile(text)], [writeStackFile(handWrittenIdp()), "--plan", writeStackFile(text, "plan.json")]]) {
      const r = run("review", ...args);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(place);
      expect(r.stderr).toMatch(/is not valid JSON/);
      expect(r.stderr).not.toContain(TOKEN);
      expect(r.stderr).not.toContain("oops");
    }
  });

  test("the position is right for generated broken JSON", () => {
    fc.assert(
      fc.property(fc.json(), fc.nat(), fc.constantFrom("}", "]", ",", ":", "x", '"'), (text, at, junk) => {
        const cut = at % (text.length + 1);
        const broken = text.slice(0, cut) + junk + text.slice(cut);
        let valid = true;
        try {
          JSON.parse(broken);
        } catch {
          valid = false;
        }
        if (valid) return true;
        const place = jsonErrorPlace(broken);
        return /^(syntax error at line \d+, column \d+|unexpected end of the file)$/.test(place);
      }),
      { numRuns: 300 },
    );
  });
});

describe("prototype-named keys are data", () => {
  // Resource types named like prototype members in --base/--plan diffs are the replacement registry's (src/review/resource-types.ts).
  test("stacks, resource types, plan attributes and outputs named constructor, __proto__ or toString", () => {
    const json = JSON.parse(JSON.stringify(handWrittenIdp()).replace('"resource":{', '"resource":{"__proto__":{"a":{"x":1}},"constructor":{"toString":{"client_secret":"${okta_app_oauth.cloudflare.client_secret}"}},'));
    const dir = tempDir();
    fs.mkdirSync(path.join(dir, "s"));
    fs.writeFileSync(path.join(dir, "s", "cdk.tf.json"), JSON.stringify(json));
    fs.writeFileSync(path.join(dir, "manifest.json"), '{"stacks": {"__proto__": {"name": "toString", "synthesizedStackPath": "s/cdk.tf.json"}, "constructor": {"synthesizedStackPath": "s/cdk.tf.json"}}}');
    const loaded = loadSynthOutput(dir);
    expect(loaded.stacks.map((s) => s.name)).toEqual(["constructor", "toString"]);
    expect(Object.keys(loaded.stacks[0].json.resource as object)).toContain("__proto__");

    const plan = summarizePlan(
      JSON.parse(
        '{"format_version": "1.2", "resource_changes": [{"address": "x.constructor", "type": "x", "name": "constructor", "change": {"actions": ["update"], "before": {"__proto__": {"v": 1}, "toString": "a"}, "after": {"__proto__": {"v": 2}, "toString": "b"}, "after_sensitive": {"toString": true}}}], "output_changes": {"__proto__": {"actions": ["create"], "after_sensitive": true}}}',
      ),
      "p.json",
    );
    expect(plan.changes[0].attributes.map((a) => [a.attribute, a.before, a.after])).toEqual([
      ["__proto__.v", "1", "2"],
      ["toString", MASK, MASK],
    ]);
    expect(plan.outputs).toEqual([{ name: "__proto__", action: "create", sensitive: true }]);
  });

  test("an internal error never hides the exit 2 for a literal secret in the same input", () => {
    const head = writeStackFile(handWrittenIdp((j) => (j.resource.okta_app_oauth.cloudflare.client_secret = TOKEN)));
    // A --plan that cannot be read, then a broken --base: the literal secret still exits 2.
    for (const args of [["--plan", "/nonexistent/plan.json"], ["--base", writeStackFile("{ broken")]]) {
      const r = run("review", head, ...args);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain("client_secret of okta_app_oauth.cloudflare is not a safe Terraform reference");
      expect(r.stdout + r.stderr).not.toContain(TOKEN);
    }
  });
});

describe("plan masking, at least as strict as terraform show", () => {
  const summarize = (change: object, type = "x") =>
    summarizePlan({ format_version: "1.2", resource_changes: [{ address: `${type}.y`, type, change: { actions: ["update"], ...change } }] }, "p.json");
  const shown = (change: object, type?: string) => summarize(change, type).changes[0].attributes.map((a) => [a.attribute, a.before, a.after]);

  test("a value marked sensitive only in after_sensitive has its before masked too", () => {
    expect(shown({ before: { note: "old-private" }, after: { note: "new-private" }, before_sensitive: {}, after_sensitive: { note: true } })).toEqual([["note", MASK, MASK]]);
    expect(shown({ before: { note: "old-private" }, after: { note: "new-private" }, before_sensitive: { note: true }, after_sensitive: false })).toEqual([["note", MASK, MASK]]);
  });

  test("numbers and booleans under secret keys are masked", () => {
    expect(shown({ before: { client_secret: 1234, config: { api_token: true } }, after: { client_secret: 5678, config: { api_token: false } } })).toEqual([
      ["client_secret", MASK, MASK],
      ["config.api_token", MASK, MASK],
    ]);
  });

  test("a secret nested below a secret key, and schema positions of the resource type", () => {
    expect(JSON.stringify(shown({ before: { client_secret: { v: "old-private" } }, after: { client_secret: { v: "new-private" } } }))).not.toMatch(/private/);
    expect(JSON.stringify(shown({ before: { answer: "old-private" }, after: { answer: "new-private" } }, "okta_user_factor_question"))).not.toMatch(/private/);
  });

  test("a list/object mismatch between a value and its mark masks the whole value", () => {
    expect(shown({ before: { a: ["p1"] }, after: { a: ["p2"] }, after_sensitive: { a: { 0: true } } })).toEqual([["a", MASK, MASK]]);
    expect(shown({ before: { a: { k: "p1" } }, after: { a: { k: "p2" } }, after_sensitive: { a: [true] } })).toEqual([["a", MASK, MASK]]);
    expect(shown({ before: { a: "p1" }, after: { a: "p2" }, after_sensitive: { a: { k: true } } })).toEqual([["a", MASK, MASK]]);
  });

  test("generated plans: a value under a mark of either side is never shown", () => {
    const leaf = fc.string({ minLength: 6, maxLength: 20 });
    const keys = fc.constantFrom("a", "b", "note", "constructor", "__proto__", "toString");
    const side = fc.constantFrom("before", "after", "both");
    fc.assert(
      fc.property(fc.uniqueArray(fc.tuple(keys, leaf, leaf, fc.option(side)), { selector: (x) => x[0], maxLength: 6 }), (attrs) => {
        const before: Record<string, unknown> = {};
        const after: Record<string, unknown> = {};
        const beforeMarks: Record<string, unknown> = {};
        const afterMarks: Record<string, unknown> = {};
        const define = (o: Record<string, unknown>, k: string, v: unknown) => Object.defineProperty(o, k, { value: v, enumerable: true });
        for (const [k, b, a, mark] of attrs) {
          // Each value is unique to its attribute and side, so finding it in the output means it leaked.
          define(before, k, `B<${k}>${b}`);
          define(after, k, `A<${k}>${a}`);
          if (mark === "before" || mark === "both") define(beforeMarks, k, true);
          if (mark === "after" || mark === "both") define(afterMarks, k, true);
        }
        const change = JSON.parse(JSON.stringify({ before, after, before_sensitive: beforeMarks, after_sensitive: afterMarks }));
        const text = JSON.stringify(summarize(change));
        return attrs.every(([k, , , mark]) => mark === null || (!text.includes(`B<${k}>`) && !text.includes(`A<${k}>`)));
      }),
      { numRuns: 300 },
    );
  });
});

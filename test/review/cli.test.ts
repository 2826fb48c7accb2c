import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { main } from "../../src/review/cli";
import { JSON_FORMAT } from "../../src/review/json";
import { tempDir } from "./fixtures";
import { handWrittenIdp, writeStackFile } from "./helpers";

function run(...args: string[]) {
  let stdout = "";
  let stderr = "";
  const code = main(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

const LITERAL = "literal-client-secret-0123456789";
const withLiteral = () =>
  writeStackFile(handWrittenIdp((j) => (j.resource.cloudflare_zero_trust_access_identity_provider.okta.config.client_secret = LITERAL)));

describe("cdktf-okta-access CLI", () => {
  test("review prints Markdown and exits 0", () => {
    const r = run("review", writeStackFile(handWrittenIdp()));
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^## Okta → Cloudflare Access review/);
    expect(r.stderr).toBe("");
  });

  test("--format json prints the versioned JSON document", () => {
    const r = run("review", writeStackFile(handWrittenIdp()), "--format", "json");
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.format).toBe(JSON_FORMAT);
    expect(json.stacks[0].identityProviders[0].name).toBe("Acme Okta");
  });

  test("--output writes the review to a file (creating its directory) and nothing to stdout", () => {
    const out = path.join(tempDir(), "nested", "review.md");
    const r = run("review", writeStackFile(handWrittenIdp()), "--output", out);
    expect(r).toMatchObject({ code: 0, stdout: "", stderr: "" });
    expect(fs.readFileSync(out, "utf8")).toMatch(/^## Okta → Cloudflare Access review/);
  });

  test("a literal secret: exit 2, a clear message, and the value printed nowhere", () => {
    const r = run("review", withLiteral());
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("literal secret in stack main: config.client_secret of cloudflare_zero_trust_access_identity_provider.okta is not a safe Terraform reference: it is a constant written in the configuration (value not shown)");
    expect(r.stdout).toContain("⛔ Literal secrets (1)");
    expect(r.stdout + r.stderr).not.toContain(LITERAL);
    const json = run("review", withLiteral(), "--format", "json");
    expect(json.code).toBe(2);
    expect(json.stdout).not.toContain(LITERAL);
  });

  test.each([
    ["a missing directory", ["review", "/nonexistent/cdktf.out"], /^cdktf-okta-access: cdktf output: \/nonexistent\/cdktf.out does not exist/],
    ["a directory that is not cdktf output", ["review", "<tmp>"], /is not cdktf output: it has no manifest.json/],
    ["unreadable JSON", ["review", "<bad-json>"], /is not valid JSON/],
    ["a missing --base", ["review", "<ok>", "--base", "/nonexistent/base"], /^cdktf-okta-access: --base: \/nonexistent\/base does not exist/],
    ["a missing --plan", ["review", "<ok>", "--plan", "/nonexistent/plan.json"], /^cdktf-okta-access: --plan: \/nonexistent\/plan.json does not exist/],
    ["an unknown flag", ["review", "<ok>", "--colour"], /^cdktf-okta-access: unknown option '--colour'/],
    ["a bad format", ["review", "<ok>", "--format", "xml"], /argument 'xml' is invalid. Allowed choices are markdown, json/],
    ["no directory", ["review"], /missing required argument 'dir'/],
    ["an unknown command", ["revue", "x"], /unknown command 'revue'/],
  ])("%s: one line on stderr, exit 1", (_what, args, message) => {
    const resolved = args.map((a) =>
      a === "<tmp>" ? tempDir() : a === "<bad-json>" ? writeStackFile("{ nope") : a === "<ok>" ? writeStackFile(handWrittenIdp()) : a,
    );
    const r = run(...resolved);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stdout).toBe("");
  });

  test("--version and --help exit 0", () => {
    expect(run("--version")).toMatchObject({ code: 0, stdout: expect.stringMatching(/^\d+\.\d+\.\d+/) });
    const help = run("review", "--help");
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("--base <dir>");
  });

  test("as a process: exit codes and no stack trace", () => {
    const script = 'require("esbuild-register/dist/node").register({ target: "node20" }); process.exitCode = require("./src/review/cli.ts").main(process.argv.slice(1));';
    const node = (...args: string[]) => spawnSync(process.execPath, ["-e", script, ...args], { cwd: path.join(__dirname, "..", ".."), encoding: "utf8", env: { ...process.env, CDKTF_OKTA_ACCESS_DEBUG: "" } });
    const missing = node("review", "/nonexistent/cdktf.out");
    expect(missing.status).toBe(1);
    expect(missing.stderr.trim().split("\n")).toHaveLength(1);
    expect(missing.stderr).not.toMatch(/\n\s+at /);
    const secret = node("review", withLiteral());
    expect(secret.status).toBe(2);
    expect(secret.stdout + secret.stderr).not.toContain(LITERAL);
    expect(node("review", writeStackFile(handWrittenIdp())).status).toBe(0);
  });
});

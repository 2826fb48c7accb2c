import { spawn, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { COMMAND_NAMES, help, main } from "../src/cli";
import { main as discoverMain } from "../src/discover/cli";
import { main as reviewMain } from "../src/review/cli";
import { handWrittenIdp, writeStackFile } from "./review/helpers";

const ROOT = path.join(__dirname, "..");

async function run(...args: string[]) {
  let stdout = "";
  let stderr = "";
  const code = await main(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) }, {});
  return { code, stdout, stderr };
}

describe("cdktf-okta-access: one bin, every command", () => {
  test("--help lists every command with its summary, help, and the options", async () => {
    expect(COMMAND_NAMES).toEqual(["review", "discover"]);
    const r = await run("--help");
    expect(r).toMatchObject({ code: 0, stderr: "" });
    expect(r.stdout).toMatch(/^Usage: cdktf-okta-access <command> \[options\]\n/);
    expect(r.stdout).toMatch(/\n {2}review <dir> \[options\] +Summarize identity providers/);
    expect(r.stdout).toMatch(/\n {2}discover \[options\] +Read a hand-made Okta \+ Cloudflare Access setup/);
    expect(r.stdout).toMatch(/\n {2}help \[command\] +Show a command's help/);
    expect(r.stdout).toMatch(/-V, --version/);
    expect((await run("-h")).stdout).toBe(r.stdout);
    expect((await run("help")).stdout).toBe(r.stdout);
    // Every line fits a terminal.
    expect(r.stdout.split("\n").filter((l) => l.length > 80)).toEqual([]);
  });

  test.each(["review", "discover"])("help %s prints the command's own help, as %s --help does", async (name) => {
    const viaHelp = await run("help", name);
    const viaFlag = await run(name, "--help");
    expect(viaHelp).toEqual(viaFlag);
    expect(viaHelp.code).toBe(0);
    expect(viaHelp.stdout).toMatch(new RegExp(`^Usage: cdktf-okta-access ${name} \\[options\\]`));
  });

  test("each command's summary is the one its own help shows", async () => {
    const collect = async (f: (io: { stdout: (t: string) => void; stderr: (t: string) => void }) => number | Promise<number>) => {
      let out = "";
      await f({ stdout: (t) => (out += t), stderr: () => undefined });
      return out.replace(/\s+/g, " ");
    };
    const top = help().replace(/\s+/g, " ");
    const reviewHelp = await collect((io) => reviewMain(["review", "--help"], io));
    const discoverHelp = await collect((io) => discoverMain(["--help"], io, {}));
    expect(reviewHelp).toContain("Summarize identity providers, Access groups, policies and applications; diff against a base; summarize a plan.");
    expect(top).toContain("Summarize identity providers, Access groups, policies and applications; diff against a base; summarize a plan.");
    expect(discoverHelp).toContain("Read a hand-made Okta + Cloudflare Access setup (read-only) and write the cdktf program that adopts it.");
    expect(top).toContain("Read a hand-made Okta + Cloudflare Access setup (read-only) and write the cdktf program that adopts it.");
  });

  test("the commands run with their arguments", async () => {
    const r = await run("review", writeStackFile(handWrittenIdp()), "--format", "json");
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).stacks).toHaveLength(1);
    // discover without tokens: exit 1, one line naming what is missing, no request sent.
    const d = await run("discover", "--okta-org-url", "https://example.okta.com", "--account-id", "0123456789abcdef0123456789abcdef", "--quiet");
    expect(d.code).toBe(1);
    expect(d.stderr.trim().split("\n")).toHaveLength(1);
    expect(d.stderr).toContain("OKTA_API_TOKEN");
  });

  test("--version prints the package's version", async () => {
    const { version } = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as { version: string };
    expect(await run("--version")).toEqual({ code: 0, stdout: `${version}\n`, stderr: "" });
    expect((await run("-V")).stdout).toBe(`${version}\n`);
  });

  test.each([
    ["no command", [], /^Usage: cdktf-okta-access <command>/],
    ["an unknown command, with a suggestion", ["reveiw", "cdktf.out"], /^cdktf-okta-access: unknown command "reveiw" \(did you mean review\?\); commands: review, discover, help\n$/],
    ["an unknown command, without one", ["deploy"], /^cdktf-okta-access: unknown command "deploy"; commands: review, discover, help\n$/],
    ["help for an unknown command", ["help", "nope"], /^cdktf-okta-access: unknown command "nope"; commands/],
    ["help with two commands", ["help", "review", "discover"], /^cdktf-okta-access: help takes one command; received 2 arguments\n$/],
  ])("%s: exit 1 and the reason on stderr", async (_what, args, message) => {
    const r = await run(...args);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(message);
  });

  test("an unknown command's name is quoted and cut, never echoed raw", async () => {
    const r = await run(`x\n\u001b[31m${"y".repeat(200)}`);
    expect(r.stderr.split("\n")).toHaveLength(2);
    expect(r.stderr).not.toContain("\u001b");
  });

  test("a reader that closes the pipe early ends the output quietly, with the command's exit code", async () => {
    const script = [
      'require("esbuild-register/dist/node").register({ target: "node20" });',
      'require("./src/cli.ts").endQuietlyOnClosedPipe();',
      "process.exitCode = 2;",
      'const line = "x".repeat(1023) + "\\n";',
      "let n = 0;",
      "(function more() { while (n++ < 100000 && process.stdout.write(line)); if (n < 100000) process.stdout.once(\"drain\", more); })();",
    ].join("\n");
    const child = spawn(process.execPath, ["-e", script], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    // Read the first chunk, then close the pipe, as `| head -c 1000` would.
    await new Promise<void>((resolve) => child.stdout.once("data", () => resolve()));
    child.stdout.destroy();
    const code = await new Promise<number | null>((resolve) => child.on("close", (c) => resolve(c)));
    expect({ code, stderr }).toEqual({ code: 2, stderr: "" });
  });

  test("the bin runs the commands through lib/cli.js (built by npm run build), or says to build", () => {
    const script = 'require("esbuild-register/dist/node").register({ target: "node20" }); require("./src/cli.ts").main(process.argv.slice(1)).then((c) => { process.exitCode = c; });';
    const node = (...args: string[]) => spawnSync(process.execPath, ["-e", script, ...args], { cwd: ROOT, encoding: "utf8" });
    expect(node("help", "discover").stdout).toContain("--okta-org-url <url>");
    expect(node("nope").status).toBe(1);
    const bin = readFileSync(path.join(ROOT, "bin", "cdktf-okta-access.js"), "utf8");
    expect(bin).toContain('join(__dirname, "..", "lib", "cli.js")');
    expect(bin).toContain("cli.endQuietlyOnClosedPipe();");
  });
});

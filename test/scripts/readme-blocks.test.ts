import * as fs from "node:fs";
import * as path from "node:path";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { markedBlocks } = require("../../scripts/readme-blocks") as { markedBlocks: (md: string) => { kind: string; name?: string; text: string }[] };

const README = fs.readFileSync(path.join(__dirname, "..", "..", "README.md"), "utf8");

describe("the README's newcomer blocks (run by scripts/newcomer.sh in .ci/run)", () => {
  const blocks = markedBlocks(README);

  test("hold the pack, install and synth commands and the three project files", () => {
    expect(blocks.map((b) => b.name ?? b.kind)).toEqual(["pack", "shell", "cdktf.json", "tsconfig.json", "synth", "main.ts"]);
  });

  test("install every package a cdktf TypeScript project needs, pinned to the versions we test", () => {
    const shell = blocks.find((b) => b.kind === "shell")!.text;
    const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "..", "package.json"), "utf8"));
    for (const name of ["cdktf-cli", "typescript", "ts-node", "cdktf", "constructs"]) {
      expect(shell).toContain(`${name}@${pkg.devDependencies[name]}`);
    }
    expect(shell).toContain("@types/node@22");
    // The provider bindings come with the construct: no prebuilt provider package.
    expect(shell).not.toMatch(/@cdktf\/provider-|@cdktn\/provider-/);
    expect(shell).toContain(`cdktf-okta-cloudflare-access-${pkg.version}.tgz`);
  });

  test("the project files are valid, and cdktf.json runs main.ts with ts-node", () => {
    const file = (name: string) => blocks.find((b) => b.name === name)!.text;
    expect(JSON.parse(file("cdktf.json")).app).toBe("npx ts-node main.ts");
    expect(JSON.parse(file("tsconfig.json")).compilerOptions.skipLibCheck).toBe(true);
    expect(file("main.ts")).toContain('from "cdktf-okta-cloudflare-access"');
  });

  test("a marker without a code fence is an error", () => {
    expect(() => markedBlocks("<!-- newcomer:shell -->\ntext")).toThrow(/must be followed by a code fence/);
  });
});

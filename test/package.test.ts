/**
 * The package's metadata, as npm and the registries show it: entry points,
 * keywords, peer ranges, engines, licence. What the built package does with
 * it (a private path refused, each entry point loads) is checked after the
 * build in CI (scripts/check-package.js).
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import * as path from "node:path";

const ROOT = path.join(__dirname, "..");
interface Pkg {
  name: string;
  version: string;
  author: { name: string };
  license: string;
  main: string;
  types: string;
  keywords: string[];
  exports: Record<string, string | { types: string; default: string }>;
  bin: Record<string, string>;
  files: string[];
  engines: Record<string, string>;
  peerDependencies: Record<string, string>;
  devDependencies: Record<string, string>;
}
const pkg = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as Pkg;

describe("exports: every documented entry point, and nothing private", () => {
  test("the package, the review API and package.json; the CLI is the bin", () => {
    expect(Object.keys(pkg.exports)).toEqual([".", "./lib/review", "./package.json"]);
    expect(pkg.exports["."]).toEqual({ types: `./${pkg.types}`, default: `./${pkg.main}` });
    expect(pkg.exports["./package.json"]).toBe("./package.json");
    expect(pkg.bin).toEqual({ "cdktf-okta-access": "bin/cdktf-okta-access.js" });
  });

  test("each lib/ entry point is compiled from a module of src/ that the package files include", () => {
    for (const [subpath, target] of Object.entries(pkg.exports)) {
      if (typeof target === "string") continue;
      expect([subpath, target.default.replace(/\.js$/, ".d.ts")]).toEqual([subpath, target.types]);
      const source = path.join(ROOT, target.default.replace(/^\.\/lib\//, "src/").replace(/\.js$/, ".ts"));
      expect([subpath, existsSync(source)]).toEqual([subpath, true]);
    }
    expect(pkg.files).toEqual(expect.arrayContaining(["lib/**/*.js", "lib/**/*.d.ts", "bin/*.js", ".jsii"]));
  });

  test("every deep import the documentation shows is an entry point", () => {
    const docs = execFileSync("git", ["ls-files", "--cached", "--others", "--exclude-standard", "*.md"], { cwd: ROOT, encoding: "utf8" })
      .split("\n")
      .filter((f) => f !== "" && !/^(test\/|API(\.python)?\.md$)/.test(f));
    const deep = new Set<string>();
    for (const file of docs) {
      for (const m of readFileSync(path.join(ROOT, file), "utf8").matchAll(/["'`](cdktf-okta-cloudflare-access\/[\w./-]+)["'`]/g)) deep.add(m[1]);
    }
    expect([...deep].sort()).toEqual(["cdktf-okta-cloudflare-access/lib/review", "cdktf-okta-cloudflare-access/package.json"]);
    for (const d of deep) expect(Object.keys(pkg.exports)).toContain(d.replace(pkg.name, "."));
  });
});

test("keywords name both cores", () => {
  expect(pkg.keywords).toEqual(expect.arrayContaining(["cdktf", "cdktn", "cdk-terrain", "terraform", "okta", "cloudflare"]));
});

describe("peer ranges accept the cores' next compatible releases", () => {
  const semver = path.join(ROOT, "node_modules", "semver", "bin", "semver.js");
  // semver's CLI prints the versions that satisfy the range, one a line.
  const satisfying = (range: string, versions: string[]) =>
    new Set(spawnSync(process.execPath, [semver, "-r", range, ...versions], { encoding: "utf8" }).stdout.split("\n").filter(Boolean));
  // The CDK Terrain package's package.json, as npm run build:cdktn writes it (docs/cdk-terrain.md).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const cdktnPkg = (require("../scripts/build-cdktn") as { packageJson: () => Pkg }).packageJson();

  test.each([
    // [package, peer, the version CI tests, compatible releases, incompatible ones]
    ["cdktf-okta-cloudflare-access", "cdktf", "0.21.0", ["0.21.1", "0.21.9"], ["0.22.0", "1.0.0", "0.20.12"]],
    ["cdktn-okta-cloudflare-access", "cdktn", "0.24.0", ["0.24.1", "0.24.9"], ["0.25.0", "0.26.0-pre.6", "0.23.2"]],
    // The Python example pins 10.4.2, the cdktf package's minimum; the rest of CI runs 10.7.2, which both cores accept.
    ["cdktf-okta-cloudflare-access", "constructs", "10.4.2", ["10.4.3", "10.7.2", "10.99.0"], ["11.0.0", "10.3.0"]],
    ["cdktn-okta-cloudflare-access", "constructs", "10.7.2", ["10.6.0", "10.7.9"], ["10.8.0", "10.5.9", "11.0.0"]],
  ] as const)("%s: %s, the tested %s and later compatible releases, not the next breaking one", (name, peer, tested, compatible, incompatible) => {
    const p = [pkg, cdktnPkg].find((x) => x.name === name)!;
    const accepted = satisfying(p.peerDependencies[peer], [tested, ...compatible, ...incompatible]);
    expect([...accepted].sort()).toEqual([tested, ...compatible].sort());
  });

  test("each package names exactly one core", () => {
    expect(Object.keys(pkg.peerDependencies).sort()).toEqual(["cdktf", "constructs"]);
    expect(Object.keys(cdktnPkg.peerDependencies).sort()).toEqual(["cdktn", "constructs"]);
  });

  test("CI builds and tests on the versions the ranges start from (constructs: the one version both cores accept)", () => {
    expect(pkg.devDependencies.cdktf).toBe("0.21.0");
    expect(pkg.devDependencies.cdktn).toBe("0.24.0");
    expect(pkg.devDependencies.constructs).toBe("10.7.2");
    expect(readFileSync(path.join(ROOT, "examples", "python", "requirements.txt"), "utf8")).toMatch(/^constructs==10\.4\.2$/m);
  });
});

/**
 * scripts/providers.sh with a cache holding three of the four provider
 * binaries (stand-ins: the script only links them) and a Go proxy that
 * answers nothing (GOPROXY=off): the old pair is made ready with a mirror of
 * exactly its two binaries; the new pair is reported NOT RUN, naming the
 * missing binary and the command, with exit status 3; providers.env says so,
 * as the end-to-end suite reads it.
 */
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseProvidersEnv } from "../../e2e/lib/providers-env";

const ROOT = join(__dirname, "..", "..");
let tmp: string;
let cache: string;
let out: string;
let bin: string;

beforeEach(() => {
  tmp = mkdtempSync(join(tmpdir(), "providers-sh-"));
  cache = join(tmp, "cache");
  out = join(tmp, "out");
  bin = join(tmp, "bin");
  mkdirSync(cache);
  mkdirSync(bin);
  for (const name of ["okta_v4.20.0", "cloudflare_v5.14.0", "okta_v6.12.0"]) {
    const file = join(cache, `terraform-provider-${name}`);
    writeFileSync(file, "#!/bin/sh\nexit 0\n");
    chmodSync(file, 0o755);
  }
  // A stand-in Terraform: the script only asks for its version.
  writeFileSync(join(bin, "terraform"), "#!/bin/sh\necho 'Terraform v1.11.4 (stand-in)'\n");
  chmodSync(join(bin, "terraform"), 0o755);
});

afterEach(() => {
  rmSync(tmp, { recursive: true, force: true });
});

function providers(extra: Record<string, string> = {}) {
  const env: NodeJS.ProcessEnv = { ...process.env, CDKTF_OKTA_PROVIDER_CACHE: cache, E2E_OUTPUT_DIR: out, GOPROXY: "off", PATH: `${bin}:${process.env.PATH ?? ""}`, ...extra };
  delete env.E2E_USE_REGISTRY;
  delete env.TERRAFORM_BINARY_NAME;
  if (extra.E2E_PAIRS === undefined) delete env.E2E_PAIRS;
  return spawnSync("bash", [join(ROOT, "scripts", "providers.sh")], { env, encoding: "utf8", timeout: 60_000 });
}

/** Every file under `dir`, relative, sorted. */
function files(dir: string, prefix = ""): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? files(join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`]))
    .sort();
}

describe("scripts/providers.sh", () => {
  test("a pair whose binaries are cached is ready, with a mirror of exactly them; the other is NOT RUN, exit 3", () => {
    const r = providers();
    expect(r.status).toBe(3);
    // With Go: the command it tried and what the (disabled) proxy answered; without Go: that Go is missing.
    expect(r.stderr).toMatch(
      /ERROR: could not build terraform-provider-cloudflare 5\.22\.0: go install answered: .*GOPROXY=off[^]*go install github\.com\/cloudflare\/terraform-provider-cloudflare@a2efdc5786ae9726d56928dbfe91933bd92404ca|ERROR: terraform-provider-cloudflare 5\.22\.0 is not in .* and Go is not installed/,
    );
    expect(r.stdout).toMatch(/pair new \(okta 6\.12\.0 \+ cloudflare 5\.22\.0\): NOT RUN: .*terraform-provider-cloudflare 5\.22\.0/);
    expect(r.stdout).toMatch(/pair old \(okta 4\.20\.0 \+ cloudflare 5\.14\.0\): ready/);

    const env = parseProvidersEnv(readFileSync(join(out, "providers.env"), "utf8"));
    expect(env.ready).toEqual([{ name: "old", okta: "4.20.0", cloudflare: "5.14.0", cliConfigFile: join(out, "terraform-old.rc") }]);
    expect(env.notRun).toEqual([{ name: "new", okta: "6.12.0", cloudflare: "5.22.0", reason: expect.stringMatching(/terraform-provider-cloudflare 5\.22\.0/) }]);
    expect(env.allPairsCliConfigFile).toBe(join(out, "terraform.rc"));

    const platform = readFileSync(join(out, "providers.env"), "utf8").match(/^E2E_PLATFORM=(.+)$/m)?.[1];
    const mirror = files(join(out, "mirror"));
    expect(mirror).toEqual(
      ["registry.opentofu.org", "registry.terraform.io"].flatMap((host) => [
        `old/${host}/cloudflare/cloudflare/5.14.0/${platform}/terraform-provider-cloudflare_v5.14.0`,
        `old/${host}/okta/okta/4.20.0/${platform}/terraform-provider-okta_v4.20.0`,
      ]),
    );
    expect(readlinkSync(join(out, "mirror", mirror[0]))).toBe(join(cache, "terraform-provider-cloudflare_v5.14.0"));
    // The pair's CLI config names its own mirror only; no config for the pair that is not ready.
    const rc = readFileSync(join(out, "terraform-old.rc"), "utf8");
    expect([...rc.matchAll(/path += "([^"]+)"/g)].map((m) => m[1])).toEqual([join(out, "mirror", "old")]);
    expect(rc).toMatch(/"registry\.terraform\.io\/okta\/okta"/);
    expect(existsSync(join(out, "terraform-new.rc"))).toBe(false);
  });

  test("E2E_PAIRS narrows to the pairs asked for: the old pair alone is ready, exit 0", () => {
    const r = providers({ E2E_PAIRS: "old" });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    const env = parseProvidersEnv(readFileSync(join(out, "providers.env"), "utf8"));
    expect([env.ready.map((p) => p.name), env.notRun]).toEqual([["old"], []]);
  });

  test("an unknown pair is refused, naming the pairs", () => {
    const r = providers({ E2E_PAIRS: "old newest" });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/E2E_PAIRS names an unknown pair: newest \(the pairs are: old new\)/);
  });

  test("both pairs ready when all four binaries are cached: two mirrors, and terraform.rc names both", () => {
    const file = join(cache, "terraform-provider-cloudflare_v5.22.0");
    writeFileSync(file, "#!/bin/sh\nexit 0\n");
    chmodSync(file, 0o755);
    const r = providers();
    expect(r.status).toBe(0);
    const env = parseProvidersEnv(readFileSync(join(out, "providers.env"), "utf8"));
    expect(env.ready.map((p) => `${p.name}: ${p.okta} + ${p.cloudflare}`)).toEqual(["old: 4.20.0 + 5.14.0", "new: 6.12.0 + 5.22.0"]);
    const all = readFileSync(join(out, "terraform.rc"), "utf8");
    expect([...all.matchAll(/path += "([^"]+)"/g)].map((m) => m[1])).toEqual([join(out, "mirror", "old"), join(out, "mirror", "new")]);
  });
});

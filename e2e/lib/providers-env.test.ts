/**
 * .e2e/providers.env as scripts/providers.sh writes it, read back: which
 * provider pairs are ready (with their mirror-only CLI configs) and which are
 * not run, with the reason. The jest config of the end-to-end suite makes one
 * project per ready pair from it.
 */
import { parseProvidersEnv } from "./providers-env";
import { atLeast, parseVersionArguments, rangeBetween, versionArguments } from "./pairs";

const BOTH = [
  "TERRAFORM_BINARY_NAME=terraform",
  "E2E_EXTRA_PATH=",
  "E2E_USE_REGISTRY=",
  "E2E_TF_CLI_CONFIG_FILE=/r/.e2e/terraform.rc",
  "E2E_PLATFORM=linux_amd64",
  "E2E_PAIRS_READY=old",
  "E2E_PAIRS_NOT_RUN=new",
  "E2E_PAIR_old_VERSIONS=okta=4.20.0 cloudflare=5.14.0",
  "E2E_PAIR_old_CLI_CONFIG=/r/.e2e/terraform-old.rc",
  "E2E_PAIR_new_VERSIONS=okta=6.12.0 cloudflare=5.22.0",
  "E2E_PAIR_new_NOT_RUN=could not build terraform-provider-cloudflare 5.22.0: go install answered: 403 Forbidden",
].join("\n");

describe("providers.env", () => {
  test("ready pairs with their CLI configs, and the pairs not run with the reason", () => {
    const env = parseProvidersEnv(BOTH);
    expect(env).toEqual({
      binary: "terraform",
      extraPath: "",
      registry: false,
      allPairsCliConfigFile: "/r/.e2e/terraform.rc",
      ready: [{ name: "old", okta: "4.20.0", cloudflare: "5.14.0", cliConfigFile: "/r/.e2e/terraform-old.rc" }],
      notRun: [{ name: "new", okta: "6.12.0", cloudflare: "5.22.0", reason: "could not build terraform-provider-cloudflare 5.22.0: go install answered: 403 Forbidden" }],
    });
  });

  test("a ready pair without a CLI config is refused unless the providers come from the registry", () => {
    const withoutConfig = BOTH.replace("E2E_PAIR_old_CLI_CONFIG=/r/.e2e/terraform-old.rc", "E2E_PAIR_old_CLI_CONFIG=");
    expect(() => parseProvidersEnv(withoutConfig)).toThrow(/pair old is ready but has no CLI config/);
    const registry = parseProvidersEnv(withoutConfig.replace("E2E_USE_REGISTRY=", "E2E_USE_REGISTRY=1"));
    expect(registry.registry).toBe(true);
    expect(registry.ready[0].cliConfigFile).toBeUndefined();
  });

  test("a pair without its versions is refused, naming the line", () => {
    expect(() => parseProvidersEnv(BOTH.replace("E2E_PAIR_old_VERSIONS=okta=4.20.0 cloudflare=5.14.0", "E2E_PAIR_old_VERSIONS=okta=4.20"))).toThrow(/E2E_PAIR_old_VERSIONS is "okta=4.20"/);
  });

  test("no pairs at all (Terraform missing): nothing ready, nothing listed", () => {
    expect(parseProvidersEnv("TERRAFORM_BINARY_NAME=tofu\n")).toMatchObject({ binary: "tofu", ready: [], notRun: [] });
  });
});

describe("the version arguments of synth-example.ts", () => {
  test("round-trip a pair's versions and a range, leaving the other arguments", () => {
    const pair = { okta: "6.12.0", cloudflare: "5.22.0" };
    expect(parseVersionArguments(["basic", ...versionArguments(pair), "out"])).toEqual({ versions: pair, rest: ["basic", "out"] });
    const range = rangeBetween({ okta: "4.20.0", cloudflare: "5.14.0" }, pair);
    expect(range).toEqual({ okta: ">= 4.20.0, <= 6.12.0", cloudflare: ">= 5.14.0, <= 5.22.0" });
    expect(parseVersionArguments(versionArguments(range)).versions).toEqual(range);
  });

  test.each([
    [["--okta", "6.12", "--cloudflare", "5.22.0"], /--okta: expected a version constraint/],
    [["--okta", "6.12.0; rm -rf /", "--cloudflare", "5.22.0"], /--okta: expected a version constraint/],
    [["--okta", "6.12.0"], /expected --okta <constraint> and --cloudflare <constraint>/],
    [["--okta", "6.12.0", "--cloudflare"], /--cloudflare: expected a version constraint .* got undefined/],
  ])("refuses %j", (args, message) => {
    expect(() => parseVersionArguments(args)).toThrow(message);
  });
});

test("atLeast compares versions part by part", () => {
  expect([atLeast("6.12.0", "6.5.5"), atLeast("6.5.5", "6.5.5"), atLeast("4.20.0", "6.0.0"), atLeast("5.9.1", "5.19.0"), atLeast("5.22.0", "5.19.0")]).toEqual([true, true, false, false, true]);
});

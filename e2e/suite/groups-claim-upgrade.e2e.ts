/**
 * The groups claim's mechanism depends on the okta version constraint, never
 * on the installed binary (docs/groups-claim-mechanisms.md, "The decision
 * rule"): a custom-server stack under `>= 4.20.0, <= 6.12.0`, applied with
 * okta 4.20.0, synthesizes byte-identical JSON after `terraform init
 * -upgrade` takes 6.12.0, and the next plan changes neither the app's
 * groups_claim nor the server claim (nothing at all).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { App, LocalBackend, TerraformStack } from "cdktf";
import { GroupsClaim, OktaAccessIdentityProvider } from "../../src";
import { CloudflareProvider } from "../../src/providers/cloudflare/provider";
import { OktaProvider } from "../../src/providers/okta/provider";
import { Emulators } from "../lib/emulators";
import { cloudflareId, newCredentials, RunCredentials, toolEnv, toolSetup, workDir } from "../lib/env";
import { pinProviderVersions, rangeBetween, readProvidersEnv, readyPair } from "../lib/pairs";
import { step } from "../lib/run";
import { changes, TerraformDir } from "../lib/terraform";

const SUITE = "groups-claim-upgrade";
const STACK = "okta-access-claim-upgrade";

describe("upgrading okta 4.20.0 to 6.12.0 under one constraint: the groups claim's configuration stays", () => {
  const env = readProvidersEnv();
  const old = readyPair("old", env);
  const next = readyPair("new", env);
  const range = rangeBetween(old, next);
  const accountId = cloudflareId();
  const teamDomain = `claim-upgrade-${accountId.slice(0, 6)}.cloudflareaccess.com`;
  let emulators: Emulators;
  let credentials: RunCredentials;
  let dir: string;
  let stackDir: string;
  let server: string;

  /** Synthesizes the stack; returns its JSON as written and whether the app's claim is issued. */
  function synth(): { json: string; issued: boolean } {
    const app = new App({ outdir: join(dir, "cdktf.out") });
    const stack = new TerraformStack(app, STACK);
    new OktaProvider(stack, "okta", { orgName: "acme", baseUrl: "okta.com" });
    new CloudflareProvider(stack, "cloudflare", {});
    new LocalBackend(stack, { path: "terraform.tfstate" });
    pinProviderVersions(stack, range);
    const okta = new OktaAccessIdentityProvider(stack, "Okta", { accountId, teamDomain, oktaOrgUrl: "https://acme.okta.com", groupsClaim: GroupsClaim.ALL, authorizationServerId: server });
    app.synth();
    return { json: readFileSync(join(stackDir, "cdk.tf.json"), "utf8"), issued: okta.appGroupsClaimIssued };
  }

  function tfWith(which: "old" | "both"): TerraformDir {
    const tools = toolSetup(which === "old" ? old : next);
    const tfEnv = toolEnv(tools, emulators, credentials);
    if (which === "both" && env.allPairsCliConfigFile !== undefined) tfEnv.TF_CLI_CONFIG_FILE = env.allPairsCliConfigFile;
    return new TerraformDir(stackDir, tools.binary, tfEnv, SUITE);
  }

  beforeAll(async () => {
    credentials = newCredentials();
    emulators = await Emulators.start({
      okta: { apiToken: credentials.oktaApiToken, groups: ["Engineering"], authorizationServers: ["cloudflare"] },
      cloudflare: { apiToken: credentials.cloudflareApiToken, accounts: [{ id: accountId, teamDomain }] },
    });
    server = emulators.seed.authorizationServers.cloudflare;
    dir = workDir(SUITE);
    stackDir = join(dir, "cdktf.out", "stacks", STACK);
  });

  afterAll(async () => {
    if (dir && emulators) await emulators.saveLog(dir);
    await emulators?.stop();
  });

  afterEach(async () => {
    expect(await emulators.unknownRequests()).toEqual([]);
  });

  test("applied with 4.20.0, upgraded to 6.12.0: the same JSON, and the next plan changes nothing", async () => {
    const first = synth();
    // The range starts below 6.6.0: the app keeps its claim, whatever binary runs.
    expect(first.issued).toBe(true);
    const tfOld = tfWith("old");
    await step(SUITE, "init (old pair only)", () => tfOld.init());
    await step(SUITE, "apply (okta 4.20.0)", () => tfOld.apply());
    expect(changes((await step(SUITE, "re-plan (okta 4.20.0)", () => tfOld.plan("old.tfplan"))).plan)).toEqual({});

    const tf = tfWith("both");
    await step(SUITE, "init -upgrade", () => tf.init(["-upgrade"]));
    expect(await tf.providerSelections()).toMatchObject({ okta: next.okta, cloudflare: next.cloudflare });
    const again = synth();
    expect(again.json).toBe(first.json);
    const { plan, exitCode } = await step(SUITE, "plan (okta 6.12.0)", () => tf.plan("new.tfplan"));
    expect(changes(plan)).toEqual({});
    expect(exitCode).toBe(0);
    const { okta } = await emulators.states();
    expect(okta.apps[0].groupsClaim).toMatchObject({ valueType: "GROUPS", groupFilterType: "REGEX", name: "groups", value: ".*" });
    const claims = okta.authorizationServers.find((s: any) => s.name === "cloudflare").claims;
    expect(claims).toHaveLength(1);
  });
});

/**
 * examples/basic the way users deploy it: `cdktf deploy` and `cdktf destroy`
 * in the example's folder, with the real providers and the emulators.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Emulators } from "../lib/emulators";
import { cloudflareId, newCredentials, ROOT, toolEnv, toolSetup, workDir } from "../lib/env";
import { basicExampleDefaults, expectIdentityProvider } from "../lib/identity-provider-assertions";
import { currentPair, pairLabel, versionArguments } from "../lib/pairs";
import { logPath, run, step } from "../lib/run";

const SUITE = "cdktf-cli";
const STACK = "okta-access-basic";
const CDKTF = join(ROOT, "node_modules", ".bin", "cdktf");

describe(`[${pairLabel(currentPair())}] examples/basic through \`cdktf deploy\` and \`cdktf destroy\``, () => {
  let emulators: Emulators;
  let env: NodeJS.ProcessEnv;
  let dir: string;
  let settings: Record<string, string>;

  beforeAll(async () => {
    const tools = toolSetup();
    const credentials = newCredentials();
    const accountId = cloudflareId();
    const teamDomain = `cli-${accountId.slice(0, 8)}.cloudflareaccess.com`;
    emulators = await Emulators.start({
      okta: { apiToken: credentials.oktaApiToken },
      cloudflare: { apiToken: credentials.cloudflareApiToken, accounts: [{ id: accountId, teamDomain }] },
    });
    settings = { CLOUDFLARE_ACCOUNT_ID: accountId, CLOUDFLARE_TEAM_DOMAIN: teamDomain, OKTA_ORG_URL: `https://cli-${accountId.slice(0, 8)}.okta.com` };
    env = toolEnv(tools, emulators, credentials, settings);
    dir = workDir(SUITE);
  });

  afterAll(async () => {
    await emulators?.stop();
  });

  afterEach(async () => {
    expect(await emulators.unknownRequests()).toEqual([]);
  });

  /**
   * Offline, the registry cannot be asked for lock-file hashes, and cdktf's
   * shared plugin cache would copy the 100 MB providers: both are turned off
   * while the mirror is in use. With registry access, plain `cdktf deploy` works.
   * The app is the example's main.ts (its cdktf.json `app`) with the pair's
   * provider versions pinned on its stack, the one edit a user on other
   * versions makes.
   */
  function cdktf(command: "deploy" | "destroy", extra: string[] = []) {
    const offline = env.TF_CLI_CONFIG_FILE ? ["--skip-provider-lock", "--disable-plugin-cache-env"] : [];
    const app = `node -r esbuild-register ${JSON.stringify(join(ROOT, "e2e", "lib", "synth-example.ts"))} basic ${versionArguments(currentPair()).join(" ")}`;
    return run(CDKTF, [command, STACK, "--app", app, "--auto-approve", "--output", join(dir, "cdktf.out"), "--no-color", ...offline, ...extra], {
      cwd: join(ROOT, "examples", "basic"),
      env,
      log: logPath(SUITE, `cdktf-${command}`),
    });
  }

  test("cdktf deploy creates the Okta app and the Cloudflare identity provider, wired together", async () => {
    const outputsFile = join(dir, "outputs.json");
    await step(SUITE, "cdktf deploy", () => cdktf("deploy", ["--outputs-file", outputsFile]));
    const [states, requests] = await Promise.all([emulators.states(), emulators.requests()]);
    const { idp } = expectIdentityProvider(states, requests.okta, basicExampleDefaults(settings, emulators.seed.everyoneGroupId));
    expect(existsSync(outputsFile)).toBe(true);
    const outputs = JSON.parse(readFileSync(outputsFile, "utf8"));
    expect(outputs[STACK].identity_provider_id).toBe(idp.result.id);
  });

  test("a second cdktf deploy changes nothing", async () => {
    const before = await emulators.requests();
    const last = { okta: before.okta.length, cloudflare: before.cloudflare.length };
    await step(SUITE, "cdktf deploy (again)", () => cdktf("deploy"));
    const after = await emulators.requests();
    const newRequests = [...after.okta.slice(last.okta), ...after.cloudflare.slice(last.cloudflare)];
    // The providers refreshed (read) everything, and wrote nothing.
    expect(newRequests.length).toBeGreaterThan(0);
    expect(newRequests.filter((r) => r.method !== "GET").map((r) => `${r.method} ${r.path}`)).toEqual([]);
  });

  test("cdktf destroy leaves both emulators empty", async () => {
    await step(SUITE, "cdktf destroy", () => cdktf("destroy"));
    const states = await emulators.states();
    expect(states.oktaEmpty).toBe(true);
    expect(states.cloudflareEmpty).toBe(true);
  });
});

/**
 * Adoption, end to end, with the real providers against the emulators: the
 * emulators hold what Cloudflare's manual guide leaves behind; `discover`
 * reads it and writes the program; the program is synthesized and planned
 * (only imports and in-place updates), applied, and the emulators must show
 * the same app, client id, identity provider and a secret that still matches
 * Okta's. Then a second plan must be empty, `--fix` and a routine change
 * apply in place with the same checks.
 *
 * Whether Okta returns the secret on a PUT that omits it, and whether
 * Cloudflare keeps a secret a PUT leaves out, is not established for the real
 * APIs; the emulators play the unhelpful answer to both in the account and
 * zone runs, the helpful one in a third.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { main as discover } from "../../src/discover/cli";
import { Emulators } from "../lib/emulators";
import { cloudflareId, newCredentials, ROOT, RunCredentials, toolEnv, toolSetup, workDir } from "../lib/env";
import { SeededGuide, seedGuide } from "../lib/guide-seed";
import { currentPair, pairLabel, versionArguments } from "../lib/pairs";
import { run, step } from "../lib/run";
import { changes, TerraformDir } from "../lib/terraform";

const STACK = "okta-access-adopted";
const ORG = "https://acme.okta.com";

interface Case {
  readonly name: string;
  readonly scope: "account" | "zone";
  readonly okta: "returns-secret" | "omits-secret";
  readonly cloudflare: "keep" | "clear";
}

const CASES: Case[] = [
  { name: "account-scoped, unhelpful APIs", scope: "account", okta: "omits-secret", cloudflare: "clear" },
  { name: "zone-scoped, unhelpful APIs", scope: "zone", okta: "omits-secret", cloudflare: "clear" },
  { name: "account-scoped, helpful APIs", scope: "account", okta: "returns-secret", cloudflare: "keep" },
];

/** Counts of a plan's actions, imports apart. */
function actionCounts(plan: any): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const rc of plan.resource_changes ?? []) {
    const key = rc.change.importing ? `import+${rc.change.actions.join("/")}` : rc.change.actions.join("/");
    if (key === "no-op" || key === "read") continue;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

describe.each(CASES)(`[${pairLabel(currentPair())}] adopting the guide's hand-made setup: $name`, (c) => {
  const suite = `adopt-${c.scope}-${c.okta}-${c.cloudflare}`;
  const accountId = cloudflareId();
  const zoneId = cloudflareId();
  const teamDomain = `acme-${accountId.slice(0, 6)}.cloudflareaccess.com`;
  let emulators: Emulators;
  let credentials: RunCredentials;
  let seeded: SeededGuide;
  let dir: string;
  let tf: TerraformDir;
  let liveSecret: string;

  beforeAll(async () => {
    credentials = newCredentials();
    emulators = await Emulators.start({
      okta: { apiToken: credentials.oktaApiToken, groups: ["Engineering", "SRE"], putWithoutSecret: c.okta },
      cloudflare: { apiToken: credentials.cloudflareApiToken, accounts: [{ id: accountId, teamDomain }], zones: [{ id: zoneId, accountId }], behaviour: { idpSecretOnPutWithoutSecret: c.cloudflare } },
    });
    seeded = await seedGuide(
      { oktaUrl: emulators.oktaUrl, oktaToken: credentials.oktaApiToken, cloudflareApiUrl: emulators.cloudflareApiUrl, cloudflareToken: credentials.cloudflareApiToken },
      emulators.seed.everyoneGroupId,
      { scope: c.scope === "account" ? `accounts/${accountId}` : `zones/${zoneId}`, accountId, teamDomain, oktaAccount: ORG },
    );
    liveSecret = seeded.clientSecret;
    dir = workDir(suite);
  });

  afterAll(async () => {
    if (dir && emulators) await emulators.saveLog(dir);
    await emulators?.stop();
  });

  afterEach(async () => {
    expect(await emulators.unknownRequests()).toEqual([]);
  });

  /** discover → main.ts → synth → a TerraformDir for the stack. */
  async function writeAndSynth(extraArgs: string[], edit: (program: string) => string = (p) => p): Promise<string> {
    const program = join(dir, "main.ts");
    let stderr = "";
    const code = await discover(
      [
        "--okta-org-url", ORG, "--okta-api-url", emulators.oktaUrl, "--cloudflare-api-url", emulators.cloudflareApiUrl, "--account-id", accountId,
        ...(c.scope === "zone" ? ["--zone-id", zoneId] : []),
        "--module", join(ROOT, "src"), "--output", program, "--quiet", ...extraArgs,
      ],
      { stdout: () => undefined, stderr: (t) => void (stderr += t) },
      { OKTA_API_TOKEN: credentials.oktaApiToken, CLOUDFLARE_API_TOKEN: credentials.cloudflareApiToken },
    );
    expect(stderr).toBe("");
    expect(code).toBe(0);
    const text = edit(readFileSync(program, "utf8"));
    writeFileSync(program, text);
    expect(text).not.toContain(liveSecret);
    const tools = toolSetup();
    // The program as discover wrote it, its providers pinned to the pair's versions.
    await run(process.execPath, ["-r", "esbuild-register", join(ROOT, "e2e", "lib", "synth-example.ts"), program, ...versionArguments(tools.pair), join(dir, "cdktf.out")], {
      cwd: dir,
      env: { ...process.env, CHECKPOINT_DISABLE: "1" },
      log: join(dir, "synth.log"),
    });
    // The user pastes the app's current secret from the Okta console into the environment.
    tf = new TerraformDir(join(dir, "cdktf.out", "stacks", STACK), tools.binary, toolEnv(tools, emulators, credentials, { TF_VAR_okta_client_secret: liveSecret }), suite);
    return text;
  }

  /** The app, client id, identity provider id and secret are what they were; the secret never blank. */
  async function expectSignInIntact(): Promise<void> {
    const { okta, cloudflare } = await emulators.states();
    expect(okta.apps).toHaveLength(1);
    const app = okta.apps[0];
    expect(app.app.id).toBe(seeded.appId);
    expect(app.app.credentials.oauthClient.client_id).toBe(seeded.clientId);
    expect(app.clientSecret).toBe(liveSecret);
    expect(app.secretHistory).toEqual([liveSecret]);
    expect(cloudflare.identityProviders).toHaveLength(1);
    const idp = cloudflare.identityProviders[0];
    expect(idp.result.id).toBe(seeded.identityProviderId);
    expect(idp.result.config.client_id).toBe(seeded.clientId);
    expect(idp.secret).toBe(liveSecret);
    expect(idp.secretHistory).toEqual([liveSecret]);
    expect(cloudflare.accessApplications.map((a: any) => [a.result.id, a.result.allowed_idps])).toEqual([[seeded.applicationId, [seeded.identityProviderId]]]);
    expect(cloudflare.accessPolicies.map((p: any) => p.result.id)).toEqual([seeded.policyId]);
  }

  test("discover, plan: only imports and in-place updates; apply keeps sign-in; the next plan is empty", async () => {
    const program = await step(suite, "discover + synth", () => writeAndSynth([]));
    expect(program).toContain('groupsClaim: GroupsClaim.startingWith(".*")');
    await step(suite, "init", () => tf.init());
    const { plan, file } = await step(suite, "plan (adoption)", () => tf.plan());
    const counts = actionCounts(plan);
    process.stdout.write(`[e2e] ${suite}: adoption plan ${JSON.stringify(counts)}\n`);
    for (const key of Object.keys(counts)) expect(key).toMatch(/^(import\+no-op|import\+update|update)$/);
    const imported = (plan.resource_changes as any[]).filter((rc) => rc.change.importing).map((rc) => rc.type).sort();
    expect(imported).toEqual([
      "cloudflare_zero_trust_access_application",
      "cloudflare_zero_trust_access_identity_provider",
      "cloudflare_zero_trust_access_policy",
      "okta_app_group_assignments",
      "okta_app_oauth",
    ]);
    await step(suite, "apply (adoption)", () => tf.apply(file));
    await expectSignInIntact();
    const again = await step(suite, "re-plan", () => tf.plan("replan.tfplan"));
    expect(changes(again.plan)).toEqual({});
    expect(again.exitCode).toBe(0);
  });

  test("--fix, then a routine change: in place, sign-in intact, then empty plans", async () => {
    const fixed = await step(suite, "discover --fix + synth", () => writeAndSynth(["--fix"]));
    expect(fixed).toContain("groupsClaim: GroupsClaim.ALL");
    const fix = await step(suite, "plan (--fix)", () => tf.plan("fix.tfplan"));
    const fixChanges = changes(fix.plan);
    expect(Object.values(fixChanges)).toEqual([["update"]]);
    await step(suite, "apply (--fix)", () => tf.apply(fix.file));
    await expectSignInIntact();
    const { okta } = await emulators.states();
    expect(okta.apps[0].groupsClaim).toMatchObject({ groupFilterType: "REGEX", value: ".*" });
    expect(changes((await tf.plan("after-fix.tfplan")).plan)).toEqual({});

    await step(suite, "routine change: rename", () => writeAndSynth(["--fix"], (p) => p.replace('name: "Okta",', 'name: "Okta SSO",')));
    const rename = await step(suite, "plan (rename)", () => tf.plan("rename.tfplan"));
    expect(Object.entries(changes(rename.plan))).toEqual([[expect.stringMatching(/^cloudflare_zero_trust_access_identity_provider\./), ["update"]]]);
    await step(suite, "apply (rename)", () => tf.apply(rename.file));
    await expectSignInIntact();
    expect((await emulators.states()).cloudflare.identityProviders[0].result.name).toBe("Okta SSO");
    expect(changes((await tf.plan("after-rename.tfplan")).plan)).toEqual({});
  });

  test("a plan without the secret variable fails instead of sending an empty secret", async () => {
    const tools = toolSetup();
    const bare = new TerraformDir(tf.dir, tools.binary, toolEnv(tools, emulators, credentials), suite);
    const before = (await emulators.requests()).cloudflare.length;
    await expect(bare.plan("nosecret.tfplan")).rejects.toThrow(/No value for required variable|okta_client_secret/);
    const empty = new TerraformDir(tf.dir, tools.binary, toolEnv(tools, emulators, credentials, { TF_VAR_okta_client_secret: "" }), suite);
    await expect(empty.plan("empty.tfplan")).rejects.toThrow(/Invalid value for variable|okta_client_secret/);
    const writes = (await emulators.requests()).cloudflare.slice(before).filter((r) => r.method !== "GET");
    expect(writes).toEqual([]);
    await expectSignInIntact();
  });
});

/**
 * Fields cloudflare 5.18.0 added to the Access resources, which the
 * emulator stores and answers only when a request sends them: an identity
 * provider's `read_only`, a policy's `mfa_config` and `connection_rules`, an
 * application's `mfa_config`. With a provider that has them, a stack setting
 * them applies, re-plans empty and the emulator holds them; a provider
 * without them refuses the same stack at validate, naming each argument.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { Emulators } from "../lib/emulators";
import { everyTypeStack, EVERY_TYPE_TEAM_DOMAIN } from "../lib/every-type-stack";
import { cloudflareId, newCredentials, toolEnv, toolSetup, workDir } from "../lib/env";
import { atLeast, currentPair, pairLabel } from "../lib/pairs";
import { step } from "../lib/run";
import { changes, TerraformDir } from "../lib/terraform";

const SUITE = "newer-fields";
const MFA = { allowed_authenticators: ["totp", "security_key"], session_duration: "12h" };
const RULES = { rdp: { allowed_clipboard_local_to_remote_formats: ["text"] } };
/** The fields, each with how the stack sets it: [resource type, field, setter]. */
const NEWER_FIELDS: readonly (readonly [string, string, (resources: any) => void])[] = [
  ["cloudflare_zero_trust_access_identity_provider", "read_only", (r) => (r.cloudflare_zero_trust_access_identity_provider.account.read_only = false)],
  ["cloudflare_zero_trust_access_policy", "mfa_config", (r) => (r.cloudflare_zero_trust_access_policy.account.mfa_config = MFA)],
  ["cloudflare_zero_trust_access_policy", "connection_rules", (r) => (r.cloudflare_zero_trust_access_policy.account.connection_rules = RULES)],
  ["cloudflare_zero_trust_access_application", "mfa_config", (r) => (r.cloudflare_zero_trust_access_application.account.mfa_config = MFA)],
];

describe(`[${pairLabel(currentPair())}] fields cloudflare 5.18.0 added, sent only when set`, () => {
  const pair = currentPair();
  const ids = { account: cloudflareId(), otherAccount: cloudflareId(), zone: cloudflareId(), otherZone: cloudflareId(), engineering: "", sre: "", authServer: "" };
  let emulators: Emulators;
  let tf: TerraformDir;
  let dir: string;

  beforeAll(async () => {
    const tools = toolSetup();
    const credentials = newCredentials();
    emulators = await Emulators.start({
      okta: { apiToken: credentials.oktaApiToken, groups: ["Engineering", "SRE"] },
      cloudflare: { apiToken: credentials.cloudflareApiToken, accounts: [{ id: ids.account, teamDomain: EVERY_TYPE_TEAM_DOMAIN }], zones: [{ id: ids.zone, accountId: ids.account }] },
    });
    Object.assign(ids, { engineering: emulators.seed.groups.Engineering, sre: emulators.seed.groups.SRE, authServer: emulators.seed.authorizationServers.default });
    const config = everyTypeStack(ids, pair);
    for (const [, , set] of NEWER_FIELDS) set(config.resource);
    dir = workDir(SUITE);
    writeFileSync(join(dir, "main.tf.json"), JSON.stringify(config, null, 2));
    tf = new TerraformDir(dir, tools.binary, toolEnv(tools, emulators, credentials), SUITE);
    await step(SUITE, "init", () => tf.init());
  });

  afterAll(async () => {
    await emulators?.stop();
  });

  afterEach(async () => {
    expect(await emulators.unknownRequests()).toEqual([]);
  });

  if (!atLeast(pair.cloudflare, "5.18.0")) {
    // Terraform reports the first unknown property of a JSON file only: one field a run.
    test.each(NEWER_FIELDS.map(([resource, field, set]) => [`${resource}.${field}`, field, set] as const))("validate refuses %s as an unknown argument", async (_label, field, set) => {
      const config = everyTypeStack(ids, pair);
      set(config.resource);
      writeFileSync(join(dir, "main.tf.json"), JSON.stringify(config, null, 2));
      const validation = await step(SUITE, `validate (${field})`, () => tf.validate());
      expect(validation.valid).toBe(false);
      expect((validation.diagnostics as any[]).map((d) => [d.summary, d.detail])).toEqual([["Extraneous JSON object property", `No argument or block type is named "${field}".`]]);
    });
    return;
  }

  test("apply, an empty second plan, and the emulator holds them as sent", async () => {
    await step(SUITE, "apply", () => tf.apply());
    const { exitCode, plan } = await step(SUITE, "re-plan", () => tf.plan("replan.tfplan"));
    expect(changes(plan)).toEqual({});
    expect(exitCode).toBe(0);
    const { cloudflare } = await emulators.states();
    const idp = cloudflare.identityProviders.find((i: any) => i.scope === `accounts/${ids.account}` && i.result.type === "okta");
    expect(idp.result.read_only).toBe(false);
    expect(cloudflare.accessPolicies[0].result).toMatchObject({ mfa_config: MFA, connection_rules: RULES });
    const wiki = cloudflare.accessApplications.find((a: any) => a.result.name === "Wiki");
    expect(wiki.result.mfa_config).toEqual(MFA);
    // Nothing asked for them elsewhere, and nothing answers them.
    const grafana = cloudflare.accessApplications.find((a: any) => a.result.name === "Grafana");
    expect("mfa_config" in grafana.result).toBe(false);
  });

  test("destroy leaves both emulators empty", async () => {
    await step(SUITE, "destroy", () => tf.destroy());
    const states = await emulators.states();
    expect(states.oktaEmpty && states.cloudflareEmpty).toBe(true);
  });
});

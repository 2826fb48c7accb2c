/**
 * The examples under the emulator behaviours the evidence does not settle
 * (issue 15, item 5): each alternative is a run of its own, so the suites pass
 * whichever way the real API behaves, or show what breaks.
 *
 * - secrets: Okta answers a PUT without client_secret without it
 *   (OktaEmulatorOptions.putWithoutSecret), and Cloudflare clears an IdP's
 *   secret on a PUT without one (CloudflareBehaviour.idpSecretOnPutWithoutSecret).
 *   The providers send the secret from state on every update, so the routine
 *   change must still keep one secret on both sides.
 * - empty strings: Cloudflare returns never-set strings as "" (unsetStrings).
 * - pkce_enabled dropped for okta (oktaPkceEnabled): the plan never settles
 *   (config.pkce_enabled null → true): the known risk the README names.
 */
import { join } from "node:path";
import { Emulators } from "../lib/emulators";
import { cloudflareId, newCredentials, toolEnv, toolSetup, workDir } from "../lib/env";
import { basicSpec, protectAppSpec } from "../lib/example-specs";
import { describeLifecycle, synthExample } from "../lib/lifecycle";
import { step } from "../lib/run";
import { changes, TerraformDir } from "../lib/terraform";

describeLifecycle({
  ...basicSpec,
  variant: { name: "secrets-not-echoed", okta: { putWithoutSecret: "omits-secret" }, cloudflare: { behaviour: { idpSecretOnPutWithoutSecret: "clear" } } },
});

describeLifecycle({
  ...protectAppSpec,
  variant: { name: "unset-strings-empty", cloudflare: { behaviour: { unsetStrings: "empty" } } },
});

describe("examples/basic when Cloudflare drops an okta IdP's pkce_enabled", () => {
  const SUITE = "basic-pkce-dropped";
  let emulators: Emulators;
  let tf: TerraformDir;

  beforeAll(async () => {
    const tools = toolSetup();
    const credentials = newCredentials();
    const accountId = cloudflareId();
    const teamDomain = `pkce-${accountId.slice(0, 8)}.cloudflareaccess.com`;
    emulators = await Emulators.start({
      okta: { apiToken: credentials.oktaApiToken },
      cloudflare: { apiToken: credentials.cloudflareApiToken, accounts: [{ id: accountId, teamDomain }], behaviour: { oktaPkceEnabled: "dropped" } },
    });
    const settings = { CLOUDFLARE_ACCOUNT_ID: accountId, CLOUDFLARE_TEAM_DOMAIN: teamDomain, OKTA_ORG_URL: "https://pkce.okta.com" };
    const env = toolEnv(tools, emulators, credentials, settings);
    const dir = workDir(SUITE);
    await step(SUITE, "synth", () => synthExample(SUITE, "basic", join(dir, "cdktf.out"), env));
    tf = new TerraformDir(join(dir, "cdktf.out", "stacks", basicSpec.stack), tools.binary, env, SUITE);
  });

  afterAll(async () => {
    await emulators?.stop();
  });

  test("apply succeeds, then every plan wants config.pkce_enabled back: a perpetual diff, not a silent pass", async () => {
    await step(SUITE, "init", () => tf.init());
    // The provider may refuse its own create answer ("inconsistent result") or accept it; either way the
    // second plan must not be empty, which is how a user would notice.
    await step(SUITE, "apply", () => tf.apply(undefined, [0, 1]));
    const { exitCode, plan } = await step(SUITE, "re-plan", () => tf.plan("replan.tfplan"));
    expect(exitCode).toBe(2);
    const idp = (plan.resource_changes as any[]).find((rc) => rc.type === "cloudflare_zero_trust_access_identity_provider");
    expect(changes(plan)[idp.address]).toEqual(["update"]);
    expect(idp.change.after?.config?.pkce_enabled).toBe(true);
    expect(await emulators.unknownRequests()).toEqual([]);
  });

  test("destroy leaves both emulators empty", async () => {
    await step(SUITE, "destroy", () => tf.destroy());
    const states = await emulators.states();
    expect(states.oktaEmpty).toBe(true);
    expect(states.cloudflareEmpty).toBe(true);
  });
});

/**
 * cdktf's own jest matchers, `toBeValidTerraform()` and `toPlanSuccessfully()`,
 * on the basic example: the recipe users can copy into their tests. Both
 * shell out to terraform (TERRAFORM_BINARY_NAME selects the binary), which
 * runs `init` and `validate` / `plan` with the real providers; the plan talks
 * to the emulators (the Okta provider checks its token and reads the
 * Everyone group while planning).
 */
// The matchers' types (declared on jest.Matchers); e2e/suite/setup.js installs them.
import "cdktf/lib/testing/adapters/jest";
import { Testing } from "cdktf";
import { build } from "../../examples/basic/main";
import { Emulators } from "../lib/emulators";
import { cloudflareId, newCredentials, toolEnv, toolSetup } from "../lib/env";
import { currentPair, pairLabel, pinProviderVersions } from "../lib/pairs";
import { step } from "../lib/run";

const SUITE = "matchers";

describe(`[${pairLabel(currentPair())}] cdktf Testing matchers against the real providers`, () => {
  let emulators: Emulators;
  let settings: Record<string, string>;
  /** The basic example with the pair's provider versions pinned, as a user's test would build it. */
  const stack = () => {
    const s = build(Testing.app(), settings);
    pinProviderVersions(s, currentPair());
    return s;
  };
  const saved = { ...process.env };

  beforeAll(async () => {
    const tools = toolSetup();
    const credentials = newCredentials();
    const accountId = cloudflareId();
    emulators = await Emulators.start({
      okta: { apiToken: credentials.oktaApiToken },
      cloudflare: { apiToken: credentials.cloudflareApiToken, accounts: [{ id: accountId, teamDomain: "matchers.cloudflareaccess.com" }] },
    });
    settings = { CLOUDFLARE_ACCOUNT_ID: accountId, CLOUDFLARE_TEAM_DOMAIN: "matchers.cloudflareaccess.com", OKTA_ORG_URL: "https://matchers.okta.com" };
    // The matchers run terraform with this process's environment.
    const env = toolEnv(tools, emulators, credentials, settings);
    for (const key of Object.keys(process.env)) if (!(key in env)) delete process.env[key];
    Object.assign(process.env, env);
  });

  afterAll(async () => {
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
    Object.assign(process.env, saved);
    await emulators?.stop();
  });

  test("the synthesized basic stack is valid Terraform for the real providers", async () => {
    const dir = Testing.fullSynth(stack());
    await step(SUITE, "toBeValidTerraform", () => expect(dir).toBeValidTerraform());
  });

  test("and plans successfully against the emulators", async () => {
    const dir = Testing.fullSynth(stack());
    await step(SUITE, "toPlanSuccessfully", () => expect(dir).toPlanSuccessfully());
    // The plan really ran the providers: the Okta one checked its token and read the Everyone group.
    const { okta } = await emulators.requests();
    expect(okta.filter((r) => r.path === "/api/v1/users/me" && r.status === 200).length).toBeGreaterThan(0);
    expect(okta.filter((r) => r.path === "/api/v1/groups" && r.query === "q=Everyone" && r.status === 200).length).toBeGreaterThan(0);
    expect((await emulators.states()).oktaEmpty).toBe(true);
  });

  test("the matchers are not vacuous: an argument the provider does not know fails validation", () => {
    const s = stack();
    const construct = s.node.findChild("Okta") as any;
    construct.oktaApp.addOverride("no_such_argument", true);
    expect(Testing.fullSynth(s)).not.toBeValidTerraform();
  });

  test("and a plan the Okta API refuses (a wrong token) does not plan successfully", () => {
    const token = process.env.OKTA_API_TOKEN;
    process.env.OKTA_API_TOKEN = "00wrong-token";
    try {
      expect(Testing.fullSynth(stack())).not.toPlanSuccessfully();
    } finally {
      process.env.OKTA_API_TOKEN = token;
    }
  });
});

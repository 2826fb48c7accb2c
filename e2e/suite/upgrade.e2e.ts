/**
 * Upgrading the providers under a deployed stack, as a user does: the
 * program constrains both providers to the supported range (>= old, <= new),
 * was first applied when only the old pair existed (its lock file holds the
 * old versions), and is then re-initialised with both pairs available:
 * `terraform init` keeps the locked versions, `terraform init -upgrade` takes
 * the new pair. The next plan must be empty, an apply must write nothing to
 * either API, and every id, client id and secret in state must be what it was
 * (secrets compared as SHA-256 digests, never printed).
 *
 * cloudflare 5.17-5.19 moved the Access resources' state to schema version
 * 500, and the upgrade is one-way: pinning the old pair again makes
 * Terraform refuse the state. Shown here, then undone with the new pair,
 * which destroys everything.
 *
 * Run for examples/protect-app (what the construct synthesizes) and for a
 * stack with every resource type the review knows, SCIM and zone scopes
 * included (e2e/lib/every-type-stack.ts).
 */
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Emulators } from "../lib/emulators";
import { cloudflareId, newCredentials, RunCredentials, toolEnv, toolSetup, workDir } from "../lib/env";
import { everyTypeStack, EVERY_TYPE_TEAM_DOMAIN, EveryTypeIds } from "../lib/every-type-stack";
import { protectAppSpec } from "../lib/example-specs";
import { synthExample } from "../lib/lifecycle";
import { pairLabel, rangeBetween, readProvidersEnv, readyPair, type ProviderPair, type ProviderVersions } from "../lib/pairs";
import { step } from "../lib/run";
import { changes, stateResources, TerraformDir } from "../lib/terraform";

/** What must survive the upgrade, per resource: ids and secrets (as digests). */
function identity(state: any): Record<string, Record<string, string>> {
  const digest = (value: unknown, what: string): string => {
    if (typeof value !== "string" || value === "") throw new Error(`${what} is empty in state`);
    return "sha256:" + createHash("sha256").update(value).digest("hex");
  };
  const out: Record<string, Record<string, string>> = {};
  for (const r of stateResources(state)) {
    const v = r.values;
    const row: Record<string, string> = { id: String(v.id) };
    if (r.type === "okta_app_oauth") Object.assign(row, { client_id: String(v.client_id), client_secret: digest(v.client_secret, `${r.address}.client_secret`) });
    if (r.type === "cloudflare_zero_trust_access_identity_provider") {
      if (v.type === "okta") Object.assign(row, { client_id: String(v.config.client_id), client_secret: digest(v.config.client_secret, `${r.address}.config.client_secret`) });
      if (v.scim_config?.enabled) Object.assign(row, { scim_base_url: String(v.scim_config.scim_base_url), scim_secret: digest(v.scim_config.secret, `${r.address}.scim_config.secret`) });
    }
    if (r.type === "cloudflare_zero_trust_access_application") row.aud = String(v.aud);
    out[r.address] = row;
  }
  return out;
}

/** The provider versions a lock file holds, by name. */
function lockedVersions(dir: string): Record<string, string> {
  const text = readFileSync(join(dir, ".terraform.lock.hcl"), "utf8");
  const out: Record<string, string> = {};
  for (const m of text.matchAll(/provider "[^"]*\/([a-z]+)" \{\s*version\s*=\s*"([^"]+)"/g)) out[m[1]] = m[2];
  return out;
}

/** The schema version of each resource in the raw state (`terraform state pull`), by address. */
async function schemaVersions(tf: TerraformDir): Promise<Record<string, number>> {
  const raw = JSON.parse((await tf.command(["state", "pull"])).stdout);
  const out: Record<string, number> = {};
  for (const r of raw.resources ?? []) if (r.mode === "managed") for (const i of r.instances) out[`${r.type}.${r.name}`] = i.schema_version;
  return out;
}

interface Case {
  readonly name: string;
  readonly suite: string;
  /** Writes the program's Terraform JSON with these version constraints into `dir`; returns the stack's folder. */
  write(dir: string, versions: ProviderVersions, context: { emulators: Emulators; ids: EveryTypeIds; teamDomain: string; env: NodeJS.ProcessEnv }): Promise<string>;
}

const CASES: Case[] = [
  {
    name: "examples/protect-app",
    suite: "upgrade-protect-app",
    write: async (dir, versions, { env }) => {
      await synthExample("upgrade-protect-app", "protect-app", join(dir, "cdktf.out"), env, versions);
      return join(dir, "cdktf.out", "stacks", protectAppSpec.stack);
    },
  },
  {
    name: "every resource type (zone scopes, SCIM, an authorization server claim)",
    suite: "upgrade-every-type",
    write: (dir, versions, { ids }) => {
      writeFileSync(join(dir, "main.tf.json"), JSON.stringify(everyTypeStack(ids, versions), null, 2));
      return Promise.resolve(dir);
    },
  },
];

describe.each(CASES)("upgrading the providers under $name", (c) => {
  const env = readProvidersEnv();
  const old: ProviderPair = readyPair("old", env);
  const next: ProviderPair = readyPair("new", env);
  const range = rangeBetween(old, next);
  const ids: EveryTypeIds = { account: cloudflareId(), otherAccount: cloudflareId(), zone: cloudflareId(), otherZone: cloudflareId(), engineering: "", sre: "", authServer: "" };
  let emulators: Emulators;
  let credentials: RunCredentials;
  let settings: Record<string, string>;
  let dir: string;
  let stackDir: string;
  /** Terraform in the stack's folder with the CLI config of one pair, or of both. */
  let tfWith: (which: "old" | "new" | "both") => TerraformDir;
  let before: Record<string, Record<string, string>>;
  let writesBefore: number;

  beforeAll(async () => {
    credentials = newCredentials();
    emulators = await Emulators.start({
      okta: { apiToken: credentials.oktaApiToken, groups: ["Engineering", "SRE", "Platform"] },
      cloudflare: {
        apiToken: credentials.cloudflareApiToken,
        accounts: [
          { id: ids.account, teamDomain: EVERY_TYPE_TEAM_DOMAIN },
          { id: ids.otherAccount, teamDomain: `other-${EVERY_TYPE_TEAM_DOMAIN}` },
        ],
        zones: [
          { id: ids.zone, accountId: ids.account },
          { id: ids.otherZone, accountId: ids.account },
        ],
      },
    });
    Object.assign(ids, { engineering: emulators.seed.groups.Engineering, sre: emulators.seed.groups.SRE, authServer: emulators.seed.authorizationServers.default });
    settings = protectAppSpec.settings({ accountId: ids.account, teamDomain: EVERY_TYPE_TEAM_DOMAIN, oktaOrgUrl: "https://upgrade.okta.com", seed: emulators.seed });
    dir = workDir(c.suite);
    const tools = { old: toolSetup(old), new: toolSetup(next) };
    tfWith = (which) => {
      const base = which === "both" ? tools.new : tools[which];
      const tfEnv = toolEnv(base, emulators, credentials, settings);
      if (which === "both" && env.allPairsCliConfigFile !== undefined) tfEnv.TF_CLI_CONFIG_FILE = env.allPairsCliConfigFile;
      return new TerraformDir(stackDir, base.binary, tfEnv, c.suite);
    };
    stackDir = await c.write(dir, range, { emulators, ids, teamDomain: EVERY_TYPE_TEAM_DOMAIN, env: toolEnv(tools.old, emulators, credentials, settings) });
  });

  afterAll(async () => {
    if (dir && emulators) await emulators.saveLog(dir);
    await emulators?.stop();
  });

  afterEach(async () => {
    expect(await emulators.unknownRequests()).toEqual([]);
  });

  test(`applied with the old pair (${pairLabel(old)}) while only it exists: the lock file holds its versions`, async () => {
    const tf = tfWith("old");
    await step(c.suite, "init (old pair only)", () => tf.init());
    expect(lockedVersions(stackDir)).toEqual({ okta: old.okta, cloudflare: old.cloudflare });
    await step(c.suite, "apply (old pair)", () => tf.apply());
    const { exitCode } = await step(c.suite, "re-plan (old pair)", () => tf.plan("old.tfplan"));
    expect(exitCode).toBe(0);
    before = identity(await tf.state());
    expect(Object.keys(before).length).toBeGreaterThan(3);
    writesBefore = await writeCount(emulators);
  });

  test(`with both pairs available, init keeps the locked versions and init -upgrade takes the new pair (${pairLabel(next)})`, async () => {
    const tf = tfWith("both");
    await step(c.suite, "init (both pairs)", () => tf.init());
    expect(lockedVersions(stackDir)).toEqual({ okta: old.okta, cloudflare: old.cloudflare });
    await step(c.suite, "init -upgrade", () => tf.init(["-upgrade"]));
    expect(lockedVersions(stackDir)).toEqual({ okta: next.okta, cloudflare: next.cloudflare });
  });

  test("the next plan is empty; an apply writes nothing to either API and keeps every id and secret", async () => {
    const tf = tfWith("both");
    const { exitCode, plan } = await step(c.suite, "plan (new pair)", () => tf.plan("new.tfplan"));
    expect(changes(plan)).toEqual({});
    expect(exitCode).toBe(0);
    // Persist the state as the new providers read and upgrade it.
    const applied = await step(c.suite, "apply (new pair, no changes)", () => tf.apply());
    expect(applied.stdout).toMatch(/Resources: 0 added, 0 changed, 0 destroyed/);
    expect(await writeCount(emulators)).toBe(writesBefore);
    expect(identity(await tf.state())).toEqual(before);
    const { okta, cloudflare } = await emulators.states();
    for (const app of okta.apps) expect(app.secretHistory).toHaveLength(1);
    for (const idp of cloudflare.identityProviders) expect(idp.secretHistory).toHaveLength(1);
  });

  test("the Cloudflare resources' state moved to schema version 500, one way: the old pair refuses it", async () => {
    const tf = tfWith("both");
    const versions = await schemaVersions(tf);
    const cloudflareAddresses = Object.keys(versions).filter((a) => a.startsWith("cloudflare_"));
    expect(cloudflareAddresses.length).toBeGreaterThan(0);
    for (const a of cloudflareAddresses) expect(`${a}: ${versions[a]}`).toBe(`${a}: 500`);

    // A user pins the old versions again.
    const back = tfWith("old");
    await c.write(dir, old, { emulators, ids, teamDomain: EVERY_TYPE_TEAM_DOMAIN, env: toolEnv(toolSetup(old), emulators, credentials, settings) });
    await step(c.suite, "init -upgrade (old pair again)", () => back.init(["-upgrade"]));
    const refused = await step(c.suite, "plan (old pair, upgraded state)", () => back.command(["plan", "-input=false", "-no-color"], [1]));
    expect(refused.stderr).toMatch(/newer provider version|schema version/i);
    expect(await writeCount(emulators)).toBe(writesBefore);

    // And back to the range, which takes the new pair again.
    await c.write(dir, range, { emulators, ids, teamDomain: EVERY_TYPE_TEAM_DOMAIN, env: toolEnv(toolSetup(old), emulators, credentials, settings) });
    await step(c.suite, "init -upgrade (both pairs again)", () => tf.init(["-upgrade"]));
    expect(lockedVersions(stackDir)).toEqual({ okta: next.okta, cloudflare: next.cloudflare });
    const { exitCode } = await step(c.suite, "plan (new pair again)", () => tf.plan("again.tfplan"));
    expect(exitCode).toBe(0);
  });

  test("destroy with the new pair leaves both emulators empty", async () => {
    await step(c.suite, "destroy (new pair)", () => tfWith("both").destroy());
    const states = await emulators.states();
    expect(states.oktaEmpty).toBe(true);
    expect(states.cloudflareEmpty).toBe(true);
  });
});

/** Requests that change something, on both APIs. */
async function writeCount(emulators: Emulators): Promise<number> {
  const { okta, cloudflare } = await emulators.requests();
  return [...okta, ...cloudflare].filter((r) => r.method !== "GET").length;
}

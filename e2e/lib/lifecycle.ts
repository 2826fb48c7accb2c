/**
 * The end-to-end lifecycle of one example stack against the emulators, as a
 * jest describe block: synth; init (offline) and validate; plan and apply; an
 * empty second plan; assertions on the emulators; a routine change applied in
 * place; destroy, after which both emulators are empty.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { CloudflareEmulatorOptions } from "../emulators/cloudflare";
import type { RecordedRequest } from "../emulators/http-emulator";
import type { OktaEmulatorOptions } from "../emulators/okta";
import { checkAgainstModel, GROUP, IDENTITY_PROVIDER, OKTA_CONFIG, POLICY, SCIM_CONFIG, SELF_HOSTED_APPLICATION } from "../conformance/cloudflare-model";
import { EmulatorSeed, Emulators, EmulatorStates } from "./emulators";
import { cloudflareId, newCredentials, ROOT, RunCredentials, toolEnv, toolSetup, workDir } from "./env";
import { atLeast, currentPair, pairLabel, versionArguments, type ProviderPair, type ProviderVersions } from "./pairs";
import { logDir, logPath, run, step } from "./run";
import { changes, TerraformDir } from "./terraform";

export interface DeployedContext {
  readonly states: EmulatorStates;
  readonly requests: { okta: RecordedRequest[]; cloudflare: RecordedRequest[] };
  readonly outputs: Record<string, { value: unknown; sensitive: boolean }>;
  readonly settings: Record<string, string>;
  readonly seed: EmulatorSeed;
}

export interface ExampleSpec {
  /** The folder under examples/. */
  readonly example: string;
  /**
   * A named run of the example under emulator behaviours other than the
   * defaults (see OktaEmulatorOptions.putWithoutSecret, CloudflareBehaviour):
   * the suite's logs and work folder take this name.
   */
  readonly variant?: { readonly name: string; readonly okta?: Partial<OktaEmulatorOptions>; readonly cloudflare?: Partial<CloudflareEmulatorOptions> };
  /** The stack id the example's build() creates. */
  readonly stack: string;
  /** Okta groups the example refers to, created in the emulator beforehand. */
  readonly oktaGroups?: string[];
  /** The example's settings (environment variables) for this run. */
  settings(run: { accountId: string; teamDomain: string; oktaOrgUrl: string; seed: EmulatorSeed }): Record<string, string>;
  /** Settings that make a routine change (rename, narrower claim), merged over the first ones. */
  readonly change: Record<string, string>;
  /**
   * For an example without settings for such a change: edits the synthesized
   * Terraform JSON instead, exactly as the construct would synthesize the
   * changed props (e.g. `name`, `groups_claim.value`).
   */
  patchChange?(tfJson: any): void;
  /** Types of the resources the routine change must update in place, one entry per resource; nothing else may change. */
  readonly changedTypes: string[];
  /** Assertions on the emulators after the first apply. */
  assertDeployed(ctx: DeployedContext): void;
  /** Assertions after the routine change. */
  assertChanged(ctx: DeployedContext, before: DeployedContext): void;
}

/** An Okta group that an admin assigns by hand during the run ("click-ops"). */
const OUTSIDE_GROUP = "Assigned outside Terraform";

/** Shared state of one lifecycle run, filled step by step. */
interface Run {
  emulators: Emulators;
  credentials: RunCredentials;
  env: NodeJS.ProcessEnv;
  binary: string;
  dir: string;
  settings: Record<string, string>;
  tf: TerraformDir;
  pair: ProviderPair;
  deployed?: DeployedContext;
}

/**
 * Synthesizes an example (or a program exporting `build(app)`) with its
 * providers pinned to the pair's versions (or a range), as a user pins them.
 */
export async function synthExample(suite: string, example: string, outdir: string, env: NodeJS.ProcessEnv, versions: ProviderVersions = currentPair()): Promise<string[]> {
  const r = await run(process.execPath, ["-r", "esbuild-register", join(ROOT, "e2e", "lib", "synth-example.ts"), example, ...versionArguments(versions), outdir], {
    cwd: ROOT,
    env,
    log: logPath(suite, "synth"),
  });
  return JSON.parse(r.stdout.trim().split("\n").pop() ?? "[]") as string[];
}

async function observe(r: Run): Promise<DeployedContext> {
  const [states, requests, outputs] = await Promise.all([r.emulators.states(), r.emulators.requests(), r.tf.outputs()]);
  return { states, requests, outputs, settings: r.settings, seed: r.emulators.seed };
}

export function describeLifecycle(spec: ExampleSpec): void {
  const suite = spec.variant ? `${spec.example}-${spec.variant.name}` : spec.example;
  describe(`[${pairLabel(currentPair())}] examples/${spec.example} against the Okta and Cloudflare emulators${spec.variant ? ` (${spec.variant.name})` : ""}`, () => {
    const r = {} as Run;

    beforeAll(async () => {
      const tools = toolSetup();
      const credentials = newCredentials();
      r.credentials = credentials;
      const accountId = cloudflareId();
      const team = `e2e-${accountId.slice(0, 8)}`;
      const teamDomain = `${team}.cloudflareaccess.com`;
      r.emulators = await Emulators.start({
        okta: { ...spec.variant?.okta, apiToken: credentials.oktaApiToken, groups: [...(spec.oktaGroups ?? []), OUTSIDE_GROUP], assignmentPageSize: 1 },
        cloudflare: { ...spec.variant?.cloudflare, apiToken: credentials.cloudflareApiToken, accounts: [{ id: accountId, teamDomain }] },
      });
      r.settings = spec.settings({ accountId, teamDomain, oktaOrgUrl: `https://${team}.okta.com`, seed: r.emulators.seed });
      r.binary = tools.binary;
      r.pair = tools.pair;
      r.env = toolEnv(tools, r.emulators, credentials, r.settings);
      r.dir = workDir(suite);
    });

    afterAll(async () => {
      if (r.emulators) await r.emulators.saveLog(logDir(suite));
      await r.emulators?.stop();
    });

    afterEach(async () => {
      // A request the emulators do not know is a gap to close, never a pass.
      expect(await r.emulators.unknownRequests()).toEqual([]);
    });

    test("synth", async () => {
      const stacks = await step(suite, "synth", () => synthExample(suite, spec.example, join(r.dir, "cdktf.out"), r.env));
      expect(stacks).toEqual([spec.stack]);
      const stackDir = join(r.dir, "cdktf.out", "stacks", spec.stack);
      expect(existsSync(join(stackDir, "cdk.tf.json"))).toBe(true);
      r.tf = new TerraformDir(stackDir, r.binary, r.env, suite);
    });

    test("init (offline, from the pair's mirror) selects exactly the pair's versions, then validate", async () => {
      await step(suite, "init", () => r.tf.init());
      expect(await r.tf.providerSelections()).toEqual({ okta: r.pair.okta, cloudflare: r.pair.cloudflare });
      const validation = await step(suite, "validate", () => r.tf.validate());
      const tfJson = JSON.parse(readFileSync(join(r.tf.dir, "cdk.tf.json"), "utf8"));
      expect(validation.diagnostics.map(diagnosticLine).sort()).toEqual(expectedDiagnostics(tfJson, r.pair));
      expect(validation.valid).toBe(true);
    });

    test("plan, then apply", async () => {
      const { exitCode, plan, file } = await step(suite, "plan", () => r.tf.plan());
      expect(exitCode).toBe(2);
      const actions = Object.values(changes(plan));
      expect(actions.length).toBeGreaterThan(0);
      expect(actions.every((a) => a.length === 1 && a[0] === "create")).toBe(true);
      await step(suite, "apply", () => r.tf.apply(file));
    });

    test("a second plan reports no changes (-detailed-exitcode 0)", async () => {
      const { exitCode, plan } = await step(suite, "re-plan", () => r.tf.plan("replan.tfplan"));
      expect(changes(plan)).toEqual({});
      expect(exitCode).toBe(0);
    });

    test("the emulators hold what the configuration says", async () => {
      r.deployed = await observe(r);
      spec.assertDeployed(r.deployed);
      // The Okta provider names its version in every User-Agent: the pair's binary did the work.
      const agents = new Set(r.deployed.requests.okta.map((q) => /okta-terraform\/[0-9.]+/.exec(q.headers["user-agent"] ?? "")?.[0]));
      expect([...agents]).toEqual([`okta-terraform/${r.pair.okta}`]);
    });

    test("what the providers sent keeps every Cloudflare answer within Cloudflare's API model", () => {
      // The emulator stores what the provider sends; a field the real API
      // does not know would otherwise be echoed back and hide a diff.
      expect(outsideCloudflareModel(r.deployed!.states.cloudflare)).toEqual([]);
    });

    test("an assignment made outside Terraform is found (on the second page) and removed", async () => {
      const app = (await r.emulators.states()).okta.apps[0];
      const outsideGroup = r.emulators.seed.groups[OUTSIDE_GROUP];
      // What an admin clicking "Assign to group" in the Okta console does.
      const res = await fetch(`${r.emulators.oktaUrl}/api/v1/apps/${app.app.id}/groups/${outsideGroup}`, {
        method: "PUT",
        headers: { authorization: `SSWS ${r.credentials.oktaApiToken}`, "content-type": "application/json" },
        body: JSON.stringify({}),
      });
      expect(res.status).toBe(200);
      const { exitCode, plan, file } = await step(suite, "plan (drift)", () => r.tf.plan("drift.tfplan"));
      expect(exitCode).toBe(2);
      const planned = changes(plan);
      const assignments = (plan.resource_changes as any[]).filter((rc) => rc.type === "okta_app_group_assignments" && rc.change.before?.app_id === app.app.id);
      expect(assignments).toHaveLength(1);
      expect(planned).toEqual({ [assignments[0].address]: ["update"] });
      // The provider saw the outside assignment only by following rel="next" (one assignment per page).
      const pages = (await r.emulators.requests()).okta.filter((q) => q.path === `/api/v1/apps/${app.app.id}/groups` && q.query.includes("after="));
      expect(pages.length).toBeGreaterThan(0);
      await step(suite, "apply (drift)", () => r.tf.apply(file));
      const after = (await r.emulators.states()).okta.apps.find((a: any) => a.app.id === app.app.id);
      expect(after.assignments.map((a: any) => a.id)).not.toContain(outsideGroup);
      expect(after.assignments.map((a: any) => a.id).sort()).toEqual(app.assignments.map((a: any) => a.id).sort());
    });

    test("a routine change is applied in place: the Okta app and its client secret are kept", async () => {
      const before = r.deployed ?? (await observe(r));
      Object.assign(r.settings, spec.change);
      Object.assign(r.env, spec.change);
      await step(suite, "synth (changed)", () => synthExample(suite, spec.example, join(r.dir, "cdktf.out"), r.env));
      if (spec.patchChange) {
        const file = join(r.tf.dir, "cdk.tf.json");
        const tfJson = JSON.parse(readFileSync(file, "utf8"));
        spec.patchChange(tfJson);
        writeFileSync(file, JSON.stringify(tfJson, null, 2));
      }
      const { exitCode, plan, file } = await step(suite, "plan (changed)", () => r.tf.plan("change.tfplan"));
      expect(exitCode).toBe(2);
      const planned = changes(plan);
      expect(Object.keys(planned).map((address) => address.split(".")[0]).sort()).toEqual([...spec.changedTypes].sort());
      for (const actions of Object.values(planned)) expect(actions).toEqual(["update"]);
      await step(suite, "apply (changed)", () => r.tf.apply(file));
      const { exitCode: after } = await step(suite, "re-plan (changed)", () => r.tf.plan("rechange.tfplan"));
      expect(after).toBe(0);

      const now = await observe(r);
      const ids = (s: EmulatorStates) => ({
        oktaApps: s.okta.apps.map((a: any) => `${a.app.id}:${a.clientSecret}`).sort(),
        idps: s.cloudflare.identityProviders.map((i: any) => i.result.id).sort(),
      });
      // Same app, same secret: nobody is signed out.
      expect(ids(now.states)).toEqual(ids(before.states));
      for (const app of now.states.okta.apps) expect(app.secretHistory).toHaveLength(1);
      spec.assertChanged(now, before);
    });

    test("destroy leaves both emulators empty", async () => {
      await step(suite, "destroy", () => r.tf.destroy());
      const states = await r.emulators.states();
      expect(states.okta.apps).toEqual([]);
      expect(states.oktaEmpty).toBe(true);
      expect(states.cloudflare).toEqual({ identityProviders: [], accessGroups: [], accessApplications: [], accessPolicies: [] });
      expect(states.cloudflareEmpty).toBe(true);
    });
  });
}

/** A `terraform validate -json` diagnostic in one line: severity, address, summary. */
export function diagnosticLine(d: { severity: string; address?: string; summary: string }): string {
  return `${d.severity} ${d.address ?? "-"}: ${d.summary}`;
}

/**
 * What `terraform validate` must say about a synthesized stack: nothing,
 * except that okta 6.5.1 and later deprecate `okta_app_oauth.groups_claim`
 * (a warning for each app that sets it; the claim still works).
 */
export function expectedDiagnostics(tfJson: any, pair: ProviderPair): string[] {
  if (!atLeast(pair.okta, "6.5.1")) return [];
  return Object.entries<any>(tfJson.resource?.okta_app_oauth ?? {})
    .filter(([, app]) => app.groups_claim !== undefined)
    .map(([name]) => diagnosticLine({ severity: "warning", address: `okta_app_oauth.${name}`, summary: "Argument is deprecated" }))
    .sort();
}

/** Fields of stored Cloudflare objects that Cloudflare's API model does not know, as `<kind> <id>: <field>`. */
export function outsideCloudflareModel(cloudflare: any): string[] {
  const out: string[] = [];
  const check = (kind: string, object: any, model: Parameters<typeof checkAgainstModel>[1]) => {
    const { unknown } = checkAgainstModel(object, model);
    for (const field of unknown) out.push(`${kind} ${String(object.id ?? "")}: ${field}`);
  };
  for (const r of cloudflare.identityProviders) {
    check("identity provider", r.result, IDENTITY_PROVIDER);
    if (r.result.type === "okta") check("okta config", r.result.config, OKTA_CONFIG);
    check("scim_config", r.result.scim_config, SCIM_CONFIG);
  }
  for (const r of cloudflare.accessGroups) check("access group", r.result, GROUP);
  for (const r of cloudflare.accessPolicies) check("access policy", r.result, POLICY);
  for (const r of cloudflare.accessApplications) check("access application", r.result, SELF_HOSTED_APPLICATION);
  return out;
}

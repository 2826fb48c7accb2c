/**
 * Moving an adopted setup to a custom authorization server without a moment
 * in which sign-ins lose their groups (issue 22 item 4;
 * docs/groups-claim-mechanisms.md, "Moving without a gap"), with the real
 * providers against the emulators and their sign-in world (e2e/emulators/world.ts),
 * which journals a test user's sign-in after every successful API write.
 *
 * The seed is Cloudflare's hand-made setup: an Okta app with an app-level
 * groups claim (Matches regex .*), the Cloudflare identity provider on the
 * org authorization server, and a custom server without claims.
 *
 * - Phase 1 (both pairs, default parallelism and -parallelism=1): adopt with
 *   authorizationServerId; AUTO keeps the app's claim. Every journal entry
 *   signs the user in with their groups, the identity provider's switch comes
 *   after the server claim's creation, the app's claim is unchanged, the next
 *   plan is empty.
 * - Phase 2: okta 6.12.0 removes the app's claim with REMOVE (only that
 *   change; no gap; the claim is gone; the next plan is empty); okta 4.20.0
 *   refuses REMOVE at construction, naming both versions.
 * - A failed server claim (both pairs): Cloudflare stays on the org server
 *   (depends_on; without it the identity provider switched to a server with
 *   no claim, verified by removing it), and the next apply completes the move.
 * - Negative control (okta >= 6.6.0): REMOVE in the first apply. The journal
 *   shows sign-ins without groups between the app's clear and the identity
 *   provider's switch (the checker can fail), and `review` reports the change
 *   as a groups gap.
 */
import { CloudflareProvider } from "../../src/providers/cloudflare/provider";
import { OktaProvider } from "../../src/providers/okta/provider";
import { App, LocalBackend, TerraformStack } from "cdktf";
import { join } from "node:path";
import { AppGroupsClaim, GroupsClaim, OktaAccessIdentityProvider } from "../../src";
import { review } from "../../src/review/review";
import { groupsGaps, JournalEntry, signsInWith } from "../emulators/world";
import { Emulators } from "../lib/emulators";
import { cloudflareId, newCredentials, RunCredentials, toolEnv, toolSetup, workDir } from "../lib/env";
import { SeededGuide, seedGuide } from "../lib/guide-seed";
import { atLeast, currentPair, pairLabel, pinProviderVersions } from "../lib/pairs";
import { step } from "../lib/run";
import { changes, TerraformDir } from "../lib/terraform";

const STACK = "okta-access-migration";
const ORG = "https://acme.okta.com";
const ALICE = { login: "alice@acme.test", groups: ["Engineering"] };
const EXPECTED = ["Engineering", "Everyone"];
const pair = currentPair();
const clears = atLeast(pair.okta, "6.6.0");

/** One seeded world, its work directory, and the stack built over it. */
class Migration {
  public emulators!: Emulators;
  public credentials!: RunCredentials;
  public seeded!: SeededGuide;
  public server!: string;
  public readonly accountId = cloudflareId();
  public readonly teamDomain = `migrate-${this.accountId.slice(0, 6)}.cloudflareaccess.com`;
  public dir!: string;

  constructor(public readonly suite: string) {}

  public async start(): Promise<void> {
    this.credentials = newCredentials();
    this.emulators = await Emulators.start({
      okta: { apiToken: this.credentials.oktaApiToken, groups: ["Engineering", "Finance"], authorizationServers: ["cloudflare"] },
      cloudflare: { apiToken: this.credentials.cloudflareApiToken, accounts: [{ id: this.accountId, teamDomain: this.teamDomain }] },
      world: { users: [ALICE] },
    });
    this.server = this.emulators.seed.authorizationServers.cloudflare;
    this.seeded = await seedGuide(
      { oktaUrl: this.emulators.oktaUrl, oktaToken: this.credentials.oktaApiToken, cloudflareApiUrl: this.emulators.cloudflareApiUrl, cloudflareToken: this.credentials.cloudflareApiToken },
      this.emulators.seed.everyoneGroupId,
      { scope: `accounts/${this.accountId}`, accountId: this.accountId, teamDomain: this.teamDomain, oktaAccount: ORG, groupsFilter: { filterType: "REGEX", value: ".*" }, appDomain: null },
    );
    this.dir = workDir(this.suite);
  }

  /** Synthesizes the adopting stack into `outdir` (default: the run's), and returns the construct. */
  public synth(props: { server: boolean; appGroupsClaim?: AppGroupsClaim; adopt?: boolean; oktaConstraint?: string }, outdir = join(this.dir, "cdktf.out")): OktaAccessIdentityProvider {
    const app = new App({ outdir });
    const stack = new TerraformStack(app, STACK);
    new OktaProvider(stack, "okta", { orgName: "acme", baseUrl: "okta.com" });
    new CloudflareProvider(stack, "cloudflare", {});
    new LocalBackend(stack, { path: "terraform.tfstate" });
    pinProviderVersions(stack, { okta: props.oktaConstraint ?? pair.okta, cloudflare: pair.cloudflare });
    const okta = new OktaAccessIdentityProvider(stack, "Okta", {
      accountId: this.accountId,
      teamDomain: this.teamDomain,
      oktaOrgUrl: ORG,
      name: "Okta",
      groupsClaim: GroupsClaim.ALL,
      pkce: false,
      ...(props.server ? { authorizationServerId: this.server } : {}),
      ...(props.appGroupsClaim !== undefined ? { appGroupsClaim: props.appGroupsClaim } : {}),
      ...(props.adopt === false ? {} : { adopt: { oktaAppId: this.seeded.appId, identityProviderId: this.seeded.identityProviderId, clientSecretVariable: "okta_client_secret" } }),
    });
    app.synth();
    return okta;
  }

  public terraform(): TerraformDir {
    const tools = toolSetup();
    return new TerraformDir(join(this.dir, "cdktf.out", "stacks", STACK), tools.binary, toolEnv(tools, this.emulators, this.credentials, { TF_VAR_okta_client_secret: this.seeded.clientSecret }), this.suite);
  }

  /** The user signs in with their groups now, through `source` ("app" or a server claim). */
  public async expectSignIn(server: string, source: "app" | "server"): Promise<void> {
    const signIns = await this.emulators.signIns();
    expect(signsInWith(signIns, ALICE.login, EXPECTED)).toBe(true);
    expect(signIns[0].server).toBe(server);
    if (source === "app") expect(signIns[0].claim).toEqual({ name: "groups", source: "app" });
    else expect(signIns[0].claim?.source).toMatch(/^ocl/);
  }

  /** The groups claim of the Okta app with this label. */
  public async appClaim(label = "Cloudflare Access"): Promise<any> {
    const { okta } = await this.emulators.states();
    const apps = okta.apps.filter((a: any) => a.app.label === label);
    expect(apps).toHaveLength(1);
    return apps[0].groupsClaim;
  }
}

/** The journal entries of a write to `path` (matched at the end). */
function writesTo(entries: readonly JournalEntry[], emulator: string, method: string, path: RegExp): JournalEntry[] {
  return entries.filter((e) => e.emulator === emulator && e.method === method && path.test(e.path));
}

const APP_CLAIM = { valueType: "GROUPS", groupFilterType: "REGEX", name: "groups", value: ".*" };

describe.each([
  { name: "default parallelism", parallelism: [] as string[], phase2: true },
  { name: "-parallelism=1", parallelism: ["-parallelism=1"], phase2: false },
])(`[${pairLabel(pair)}] adopting onto a custom authorization server in two phases: $name`, (c) => {
  const m = new Migration(`groups-claim-migration${c.parallelism.join("")}`);
  let tf: TerraformDir;

  beforeAll(() => m.start());
  afterAll(async () => {
    if (m.dir && m.emulators) await m.emulators.saveLog(m.dir);
    await m.emulators?.stop();
  });
  afterEach(async () => {
    expect(await m.emulators.unknownRequests()).toEqual([]);
  });

  test("phase 1: the server claim first, then Cloudflare; the app keeps its claim; sign-ins never lose their groups", async () => {
    await m.expectSignIn("org", "app");
    const okta = await step(m.suite, "synth (phase 1)", () => m.synth({ server: true }));
    expect(okta.appGroupsClaimIssued).toBe(true);
    tf = m.terraform();
    await step(m.suite, "init", () => tf.init());
    const { plan, file } = await step(m.suite, "plan (phase 1)", () => tf.plan());
    const app = (plan.resource_changes as any[]).find((rc) => rc.type === "okta_app_oauth");
    // The app's claim is not touched: no change to groups_claim.
    expect(JSON.stringify(app.change.after.groups_claim)).toBe(JSON.stringify(app.change.before.groups_claim));
    expect((plan.resource_changes as any[]).filter((rc) => rc.type === "okta_auth_server_claim").map((rc) => rc.change.actions)).toEqual([["create"]]);

    await m.emulators.resetJournal();
    await step(m.suite, "apply (phase 1)", () => tf.command(["apply", "-input=false", "-no-color", ...c.parallelism, file]));
    const journal = await m.emulators.journal();
    expect(journal.dropped).toBe(0);
    expect(journal.entries.length).toBeGreaterThan(0);
    expect(groupsGaps(journal, ALICE.login, EXPECTED)).toEqual([]);
    const created = writesTo(journal.entries, "okta", "POST", new RegExp(`/authorizationServers/${m.server}/claims$`));
    const switched = writesTo(journal.entries, "cloudflare", "PUT", new RegExp(`/identity_providers/${m.seeded.identityProviderId}$`));
    expect(created).toHaveLength(1);
    expect(switched.length).toBeGreaterThan(0);
    expect(Math.min(...switched.map((e) => e.seq))).toBeGreaterThan(created[0].seq);
    process.stdout.write(`[e2e] ${pairLabel(pair)} phase 1 (${c.name}): ${journal.entries.length} journal entries, none without groups\n`);

    await m.expectSignIn(m.server, "server");
    expect(await m.appClaim()).toMatchObject(APP_CLAIM);
    const again = await step(m.suite, "re-plan (phase 1)", () => tf.plan("replan.tfplan"));
    expect(changes(again.plan)).toEqual({});
  });

  if (!c.phase2) return;

  if (clears) {
    test("phase 2 (okta >= 6.6.0): REMOVE changes only the app's groups_claim; no gap; the claim is gone; the next plan is empty", async () => {
      const okta = await step(m.suite, "synth (phase 2)", () => m.synth({ server: true, appGroupsClaim: AppGroupsClaim.REMOVE }));
      expect(okta.appGroupsClaimIssued).toBe(false);
      const { plan, file } = await step(m.suite, "plan (phase 2)", () => tf.plan("phase2.tfplan"));
      const changed = changes(plan);
      expect(Object.values(changed)).toEqual([["update"]]);
      const [address] = Object.keys(changed);
      expect(address).toMatch(/^okta_app_oauth\./);
      const rc = (plan.resource_changes as any[]).find((r) => r.address === address);
      expect(rc.change.before.groups_claim).toHaveLength(1);
      expect(rc.change.after.groups_claim ?? []).toEqual([]);

      await m.emulators.resetJournal();
      await step(m.suite, "apply (phase 2)", () => tf.apply(file));
      const journal = await m.emulators.journal();
      expect(writesTo(journal.entries, "okta", "POST", /\/settings\/oauth\/idToken$/)).toHaveLength(1);
      expect(groupsGaps(journal, ALICE.login, EXPECTED)).toEqual([]);
      expect(await m.appClaim()).toBeNull();
      await m.expectSignIn(m.server, "server");
      const again = await step(m.suite, "re-plan (phase 2)", () => tf.plan("replan2.tfplan"));
      expect(changes(again.plan)).toEqual({});
    });
  } else {
    test(`phase 2 (okta ${pair.okta}): REMOVE is refused at construction, naming both versions`, () => {
      expect(() => m.synth({ server: true, appGroupsClaim: AppGroupsClaim.REMOVE }, join(m.dir, "refused.out"))).toThrow(
        new RegExp(`appGroupsClaim must be .*okta >= 6\\.6\\.0.*received AppGroupsClaim\\.REMOVE with the okta version constraint "${pair.okta.replace(/\./g, "\\.")}".*which allows okta ${pair.okta.replace(/\./g, "\\.")}`),
      );
    });
  }
});

describe(`[${pairLabel(pair)}] phase 1 when the server claim cannot be created`, () => {
  const m = new Migration("groups-claim-failed-claim");

  beforeAll(() => m.start());
  afterAll(async () => {
    if (m.dir && m.emulators) await m.emulators.saveLog(m.dir);
    await m.emulators?.stop();
  });

  test("Cloudflare is not switched to a server without the claim (depends_on); the next apply completes the move; no gap", async () => {
    m.synth({ server: true });
    const tf = m.terraform();
    await step(m.suite, "init", () => tf.init());
    await m.emulators.resetJournal();
    // The okta provider does not retry a 503 through http_proxy (faults.e2e.ts): the claim's creation fails.
    await m.emulators.setFaults({ okta: { scripted: [{ match: `^POST /api/v1/authorizationServers/${m.server}/claims$`, status: 503 }] } });
    const failed = await step(m.suite, "apply (claim fails)", () => tf.apply(undefined, [1]));
    expect(failed.stderr).toMatch(/claim/i);
    expect(groupsGaps(await m.emulators.journal(), ALICE.login, EXPECTED)).toEqual([]);
    expect(writesTo((await m.emulators.journal()).entries, "cloudflare", "PUT", /\/identity_providers\//)).toEqual([]);
    await m.expectSignIn("org", "app");

    await step(m.suite, "apply (again)", () => tf.apply());
    expect(groupsGaps(await m.emulators.journal(), ALICE.login, EXPECTED)).toEqual([]);
    await m.expectSignIn(m.server, "server");
    expect(changes((await step(m.suite, "re-plan", () => tf.plan("replan.tfplan"))).plan)).toEqual({});
  });
});

// The new pair's mirror holds only okta 6.12.0: a range that starts lower resolves to it.
if (clears) describe(`[${pairLabel(pair)}] a custom-server stack whose okta constraint is narrowed to >= 6.6.0`, () => {
  const m = new Migration("groups-claim-narrowed");
  const RANGE = `>= 4.20.0, <= ${pair.okta}`;

  beforeAll(() => m.start());
  afterAll(async () => {
    if (m.dir && m.emulators) await m.emulators.saveLog(m.dir);
    await m.emulators?.stop();
  });
  afterEach(async () => {
    expect(await m.emulators.unknownRequests()).toEqual([]);
  });

  test("AUTO keeps the app's claim under the range, and removes it in one in-place update of okta_app_oauth once the constraint allows only 6.6.0 and later; no gap", async () => {
    // A new stack (not adopting) beside the seeded setup, its Okta app under another label.
    const built = m.synth({ server: true, adopt: false, oktaConstraint: RANGE });
    expect(built.appGroupsClaimIssued).toBe(true);
    const tf = m.terraform();
    await step(m.suite, "init", () => tf.init());
    await step(m.suite, "apply (range)", () => tf.apply());
    const label = "Cloudflare Access";
    const { okta } = await m.emulators.states();
    // Two apps now: the seeded one and the stack's; the stack's is the newer.
    const mine = okta.apps[okta.apps.length - 1];
    expect(mine.app.label).toBe(label);
    expect(mine.groupsClaim).toMatchObject(APP_CLAIM);

    const narrowed = m.synth({ server: true, adopt: false, oktaConstraint: `>= 6.6.0, <= ${pair.okta}` });
    expect(narrowed.appGroupsClaimIssued).toBe(false);
    const { plan, file } = await step(m.suite, "plan (narrowed)", () => tf.plan("narrowed.tfplan"));
    const changed = changes(plan);
    expect(Object.values(changed)).toEqual([["update"]]);
    expect(Object.keys(changed)[0]).toMatch(/^okta_app_oauth\./);
    await m.emulators.resetJournal();
    await step(m.suite, "apply (narrowed)", () => tf.apply(file));
    const journal = await m.emulators.journal();
    // The stack's identity provider signs the user in through the server claim throughout.
    const through = journal.entries.map((e) => e.signIns.filter((x) => x.server === m.server));
    expect(through.every((signIns) => signIns.length === 1 && signIns[0].error === undefined && JSON.stringify(signIns[0].groups) === JSON.stringify(EXPECTED))).toBe(true);
    expect(journal.entries.length).toBeGreaterThan(0);
    const after = (await m.emulators.states()).okta.apps.find((a: any) => a.app.id === mine.app.id);
    expect(after.groupsClaim).toBeNull();
    expect(changes((await step(m.suite, "re-plan (narrowed)", () => tf.plan("replan.tfplan"))).plan)).toEqual({});
  });
});

// Older okta versions refuse REMOVE (phase 2 above): there is nothing to control.
if (clears) describe(`[${pairLabel(pair)}] negative control: REMOVE in the same apply that switches servers`, () => {
  const m = new Migration("groups-claim-gap");

  beforeAll(() => m.start());
  afterAll(async () => {
    if (m.dir && m.emulators) await m.emulators.saveLog(m.dir);
    await m.emulators?.stop();
  });

  test("the journal shows sign-ins without groups between the app's clear and Cloudflare's switch; review reports the groups gap", async () => {
    await m.expectSignIn("org", "app");
    // What review compares: the stack as adopted on the org server, and the one-step change.
    const base = join(m.dir, "base.out");
    m.synth({ server: false }, base);
    m.synth({ server: true, appGroupsClaim: AppGroupsClaim.REMOVE });
    const found = review(join(m.dir, "cdktf.out"), { base }).warnings.filter((w) => w.message.includes("groups gap"));
    expect(found.map((w) => w.kind)).toEqual(["narrow"]);
    expect(found[0].hint).toMatch(/two applies/);

    const tf = m.terraform();
    await step(m.suite, "init", () => tf.init());
    await m.emulators.resetJournal();
    await step(m.suite, "apply (at once)", () => tf.apply());
    const journal = await m.emulators.journal();
    const cleared = writesTo(journal.entries, "okta", "POST", /\/settings\/oauth\/idToken$/);
    const switched = writesTo(journal.entries, "cloudflare", "PUT", new RegExp(`/identity_providers/${m.seeded.identityProviderId}$`));
    expect(cleared).toHaveLength(1);
    expect(switched.length).toBeGreaterThan(0);
    const gaps = groupsGaps(journal, ALICE.login, EXPECTED);
    expect(gaps.length).toBeGreaterThan(0);
    expect(gaps[0].signIns[0]).toMatchObject({ server: "org", claim: null, groups: null });
    for (const gap of gaps) {
      expect(gap.seq).toBeGreaterThanOrEqual(cleared[0].seq);
      expect(gap.seq).toBeLessThan(Math.min(...switched.map((e) => e.seq)));
    }
    process.stdout.write(`[e2e] ${pairLabel(pair)} negative control: ${gaps.length} of ${journal.entries.length} journal entries without groups\n`);
    // Once Cloudflare switched, the server's claim serves the groups again.
    await m.expectSignIn(m.server, "server");
  });
});

/**
 * `discover` against the Okta and Cloudflare emulators, started in-process on
 * port 0 and seeded through their APIs with hand-made setups.
 */
import { Testing } from "cdktf";
import * as ts from "typescript";
import { CloudflareEmulator } from "../../e2e/emulators/cloudflare";
import { OktaEmulator } from "../../e2e/emulators/okta";
import { GuideSetup, seedGuide, seedOktaApp, SeededGuide } from "../../e2e/lib/guide-seed";
import { diagnose, discover, DiscoverOptions, Discovery, generateProgram, main } from "../../src/discover";
import { renderJson } from "../../src/discover/cli";

const OKTA_TOKEN = "00okta-test-token-0123456789";
const CF_TOKEN = "C".repeat(20) + "f-_9".repeat(5);
const ACCOUNT = "0123456789abcdef0123456789abcdef";
const ZONE = "00112233445566778899aabbccddeeff";
const TEAM = "acme.cloudflareaccess.com";
const ORG = "https://acme.okta.com";

let okta: OktaEmulator;
let cf: CloudflareEmulator;
let waits: number[];

async function start(oktaOptions: Partial<ConstructorParameters<typeof OktaEmulator>[0]> = {}, cfOptions: Partial<ConstructorParameters<typeof CloudflareEmulator>[0]> = {}) {
  okta = new OktaEmulator({ apiToken: OKTA_TOKEN, groups: ["Engineering", "SRE"], ...oktaOptions });
  cf = new CloudflareEmulator({ apiToken: CF_TOKEN, accounts: [{ id: ACCOUNT, teamDomain: TEAM }], zones: [{ id: ZONE, accountId: ACCOUNT }], ...cfOptions });
  await okta.start();
  await cf.start();
}

afterEach(async () => {
  await okta?.stop();
  await cf?.stop();
});

function target() {
  return { oktaUrl: okta.url, oktaToken: OKTA_TOKEN, cloudflareApiUrl: cf.apiBaseUrl, cloudflareToken: CF_TOKEN };
}

function seed(setup: Partial<GuideSetup> = {}): Promise<SeededGuide> {
  return seedGuide(target(), okta.everyoneGroupId, { scope: `accounts/${ACCOUNT}`, accountId: ACCOUNT, teamDomain: TEAM, ...setup });
}

function options(overrides: Partial<DiscoverOptions> = {}): DiscoverOptions {
  waits = [];
  return {
    oktaOrgUrl: ORG,
    oktaApiUrl: okta.url,
    oktaApiToken: OKTA_TOKEN,
    cloudflareApiToken: CF_TOKEN,
    cloudflareApiUrl: cf.apiBaseUrl,
    accountId: ACCOUNT,
    http: { sleep: (ms) => { waits.push(ms); return Promise.resolve(); } },
    ...overrides,
  };
}

/** Runs the CLI in-process with the emulators' environment. */
async function cli(args: string[], env: NodeJS.ProcessEnv = {}) {
  let stdout = "";
  let stderr = "";
  const code = await main(
    ["--okta-org-url", ORG, "--okta-api-url", okta.url, "--cloudflare-api-url", cf.apiBaseUrl, "--account-id", ACCOUNT, ...args],
    { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t) },
    { OKTA_API_TOKEN: OKTA_TOKEN, CLOUDFLARE_API_TOKEN: CF_TOKEN, ...env },
  );
  return { code, stdout, stderr };
}

function codes(d: Discovery): string[] {
  return d.findings.map((f) => f.code).sort();
}

/** Transpiles and runs a generated program against this repository's constructs, and synthesizes it. */
function synthProgram(source: string): any {
  const out = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 }, reportDiagnostics: true });
  expect(out.diagnostics ?? []).toEqual([]);
  const mod: { exports: any } = { exports: {} };
  // The generated program is run as its users would run it, with its package
  // import pointed at this repository's source.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const req = (name: string): unknown => (name === "cdktf-okta-cloudflare-access" ? require("../../src") : require(name));
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- running the generated program is the test
  new Function("require", "module", "exports", out.outputText)(req, mod, mod.exports);
  const stack = mod.exports.build(Testing.app());
  return JSON.parse(Testing.synth(stack));
}

/** Syntax errors of a TypeScript source, as text. */
function syntaxErrors(source: string): string[] {
  const file = ts.createSourceFile("p.ts", source, ts.ScriptTarget.ES2022, true);
  return ((file as unknown as { parseDiagnostics: ts.Diagnostic[] }).parseDiagnostics ?? []).map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
}

describe("discover: the guide's hand-made setup", () => {
  test("pairs the identity provider with its Okta app and finds the application and policy that name it", async () => {
    await start();
    const s = await seed({ accessGroup: { name: "Engineers", groups: ["Engineering"] } });
    const d = await discover(options());
    expect(d.pairings).toHaveLength(1);
    const p = d.pairings[0];
    expect(p.identityProvider).toMatchObject({ id: s.identityProviderId, clientId: s.clientId, scope: { kind: "account", id: ACCOUNT }, teamDomain: TEAM, pkceEnabled: false });
    expect(p.oktaApp).toMatchObject({ id: s.appId, pkceRequired: false, redirectUris: [`https://${TEAM}/cdn-cgi/access/callback`] });
    expect(p.oktaApp?.groupsClaim).toEqual({ valueType: "GROUPS", groupFilterType: "STARTS_WITH", name: "groups", value: ".*" });
    expect(p.oktaApp?.assignments).toEqual([{ id: okta.everyoneGroupId, name: "Everyone", everyone: true }]);
    expect(p.applications.map((a) => [a.application.id, a.policy.id, a.allowedOktaGroups])).toEqual([[s.applicationId, s.policyId, ["Engineering"]]]);
    expect(p.groups.map((g) => [g.group.id, g.oktaGroups])).toEqual([[s.accessGroupId, ["Engineering"]]]);
    expect(codes(d)).toEqual(["groups-filter-starts-with-pattern"]);
    expect(d.findings[0].fix).toMatch(/Matches regex.*GroupsClaim.ALL/);
  });

  test("the program reproduces the live settings with the ids to adopt; --fix writes the fix in", async () => {
    await start();
    const s = await seed({ accessGroup: { name: "Engineers", groups: ["Engineering"] } });
    const d = await discover(options());
    const program = generateProgram(d);
    expect(program).toContain('groupsClaim: GroupsClaim.startingWith(".*"),');
    expect(program).toContain("// Suggested fix (groups-filter-starts-with-pattern): groupsClaim: GroupsClaim.ALL,");
    const json = synthProgram(program);
    const imports = Object.fromEntries(json.import.map((i: any) => [i.to.split(".")[0], i.id]));
    expect(imports).toEqual({
      okta_app_oauth: s.appId,
      okta_app_group_assignments: s.appId,
      cloudflare_zero_trust_access_identity_provider: `accounts/${ACCOUNT}/${s.identityProviderId}`,
      cloudflare_zero_trust_access_policy: `${ACCOUNT}/${s.policyId}`,
      cloudflare_zero_trust_access_application: `accounts/${ACCOUNT}/${s.applicationId}`,
      cloudflare_zero_trust_access_group: `accounts/${ACCOUNT}/${s.accessGroupId}`,
    });
    const app: any = Object.values(json.resource.okta_app_oauth)[0];
    expect(app).toMatchObject({ label: "Cloudflare Access", pkce_required: false, groups_claim: { filter_type: "STARTS_WITH", value: ".*" }, client_basic_secret: "${var.okta_client_secret}" });
    const application: any = Object.values(json.resource.cloudflare_zero_trust_access_application)[0];
    expect(application).toMatchObject({ domain: "wiki.acme.test", name: "Wiki", session_duration: "24h", auto_redirect_to_identity: true });

    const fixed = synthProgram(generateProgram(d, { fix: true }));
    expect((Object.values(fixed.resource.okta_app_oauth)[0] as any).groups_claim).toEqual({ type: "FILTER", filter_type: "REGEX", name: "groups", value: ".*" });
  });

  test("a zone-scoped identity provider: zone import ids, the policy in the account", async () => {
    await start();
    const s = await seed({ scope: `zones/${ZONE}` });
    const d = await discover(options({ zoneIds: [ZONE] }));
    expect(d.pairings.map((p) => p.identityProvider.scope)).toEqual([{ kind: "zone", id: ZONE }]);
    const json = synthProgram(generateProgram(d));
    const imports = Object.fromEntries(json.import.map((i: any) => [i.to.split(".")[0], i.id]));
    expect(imports.cloudflare_zero_trust_access_identity_provider).toBe(`zones/${ZONE}/${s.identityProviderId}`);
    expect(imports.cloudflare_zero_trust_access_application).toBe(`zones/${ZONE}/${s.applicationId}`);
    expect(imports.cloudflare_zero_trust_access_policy).toBe(`${ACCOUNT}/${s.policyId}`);
  });
});

describe("discover: an identity provider on a custom authorization server", () => {
  test.each([
    ["with an app-level claim", { groupsFilter: { filterType: "REGEX", value: ".*" } }, true],
    ["without an app-level claim", { groupsFilter: null }, false],
  ] as const)("%s: the program removes the app's unused claim (AppGroupsClaim.REMOVE, okta >= 6.6.0)", async (_what, setup, hadClaim) => {
    await start();
    const server = okta.authorizationServerId("default");
    await seed({ ...setup, authorizationServerId: server });
    const d = await discover(options());
    expect(codes(d)).toEqual(["custom-authorization-server"]);
    const program = generateProgram(d);
    expect(program).toContain("import { AppGroupsClaim, cloudflare, GroupsClaim, okta, OktaAccessIdentityProvider }");
    expect(program).toContain(`      authorizationServerId: ${JSON.stringify(server)},\n`);
    expect(program).toContain("      appGroupsClaim: AppGroupsClaim.REMOVE,\n");
    expect(program).toContain('    this.addOverride("terraform.required_providers.okta.version", ">= 6.6.0, <= 6.12.0");\n');
    expect(program.includes("The first apply changes in place: the app's own groups claim is removed")).toBe(hadClaim);
    expect(program).not.toContain("the app gets a groups claim");
    const json = synthProgram(program);
    expect(json.terraform.required_providers.okta.version).toBe(">= 6.6.0, <= 6.12.0");
    const app: any = Object.values(json.resource.okta_app_oauth)[0];
    expect("groups_claim" in app).toBe(false);
    const claim: any = Object.values(json.resource.okta_auth_server_claim)[0];
    expect(claim).toMatchObject({ auth_server_id: server, name: "groups", claim_type: "IDENTITY", value_type: "GROUPS", group_filter_type: "REGEX", value: ".*" });
  });

  test("a server that already has the groups claim: the program adopts it (its id and filter) instead of creating a second one, which Okta refuses", async () => {
    await start();
    const server = okta.authorizationServerId("default");
    await seed({ groupsFilter: { filterType: "REGEX", value: ".*" }, authorizationServerId: server });
    const created = await fetch(`${okta.url}/api/v1/authorizationServers/${server}/claims`, {
      method: "POST",
      headers: { Authorization: `SSWS ${OKTA_TOKEN}`, "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify({ name: "groups", claimType: "IDENTITY", valueType: "GROUPS", group_filter_type: "EQUALS", value: "Engineering", alwaysIncludeInToken: true }),
    });
    expect(created.status).toBe(201);
    const claimId = ((await created.json()) as { id: string }).id;
    const d = await discover(options());
    expect(d.pairings[0].authorizationServerClaim).toEqual({ id: claimId, name: "groups", valueType: "GROUPS", groupFilterType: "EQUALS", value: "Engineering" });
    const program = generateProgram(d);
    expect(program).toContain(`authorizationServerClaimId: ${JSON.stringify(claimId)} },`);
    expect(program).toContain(`the program adopts the server's claim ${claimId}, with its filter`);
    expect(program).toContain('      groupsClaim: GroupsClaim.equalTo("Engineering"),\n');
    const json = synthProgram(program);
    const imports = json.import.filter((i: any) => i.to.startsWith("okta_auth_server_claim."));
    expect(imports.map((i: any) => i.id)).toEqual([`${server}/${claimId}`]);
    const claim: any = Object.values(json.resource.okta_auth_server_claim)[0];
    expect(claim).toMatchObject({ auth_server_id: server, name: "groups", claim_type: "IDENTITY", group_filter_type: "EQUALS", value: "Engineering" });
  });

  test("a server that answers 404 (gone, or a token without okta.authorizationServers.read gets 403 the same way): the rest is adopted, and the finding says what to do", async () => {
    await start();
    await seed({ groupsFilter: { filterType: "REGEX", value: ".*" }, authorizationServerId: "ausGone0000000000000" });
    const d = await discover(options());
    expect(d.pairings[0].authorizationServerClaimsUnread).toMatch(/^Okta answered 404 to /);
    expect(d.pairings[0].authorizationServerClaim).toBeUndefined();
    const finding = d.findings.find((f) => f.code === "custom-authorization-server")!;
    expect(finding.fix).toContain("if the server has a groups claim already, pass its id as adopt.authorizationServerClaimId");
    expect(generateProgram(d)).toContain("authorizationServerId: \"ausGone0000000000000\"");
  });

  test("a server claim of another name or type is not the groups claim: the program creates one", async () => {
    await start();
    const server = okta.authorizationServerId("default");
    await seed({ groupsFilter: { filterType: "REGEX", value: ".*" }, authorizationServerId: server });
    for (const body of [
      { name: "groups", claimType: "RESOURCE", valueType: "GROUPS", group_filter_type: "REGEX", value: ".*" },
      { name: "roles", claimType: "IDENTITY", valueType: "GROUPS", group_filter_type: "REGEX", value: ".*" },
    ]) {
      const r = await fetch(`${okta.url}/api/v1/authorizationServers/${server}/claims`, { method: "POST", headers: { Authorization: `SSWS ${OKTA_TOKEN}`, "Content-Type": "application/json" }, body: JSON.stringify(body) });
      expect(r.status).toBe(201);
    }
    const d = await discover(options());
    expect(d.pairings[0].authorizationServerClaim).toBeUndefined();
    const program = generateProgram(d);
    expect(program).not.toContain("authorizationServerClaimId:");
    expect(program).toContain("the server has none yet, so the first apply creates it");
  });

  test("on the org authorization server the program keeps the app's claim and writes no override", async () => {
    await start();
    await seed({ groupsFilter: { filterType: "REGEX", value: ".*" } });
    const program = generateProgram(await discover(options()));
    expect(program).not.toContain("AppGroupsClaim");
    expect(program).not.toContain("addOverride");
    expect((Object.values(synthProgram(program).resource.okta_app_oauth)[0] as any).groups_claim).toEqual({ type: "FILTER", filter_type: "REGEX", name: "groups", value: ".*" });
  });
});

describe("discover: every finding", () => {
  const cases: [string, Partial<GuideSetup>, string][] = [
    ["an admin-console org URL", { oktaAccount: "https://acme-admin.okta.com", groupsFilter: { filterType: "REGEX", value: ".*" } }, "admin-console-org-url"],
    ["a redirect URI that is not the team's callback", { redirectUris: ["https://acme.cloudflareaccess.com/callback"], groupsFilter: { filterType: "REGEX", value: ".*" } }, "redirect-uri"],
    ["PKCE at Okta only", { oktaPkce: true, cloudflarePkce: false, groupsFilter: { filterType: "REGEX", value: ".*" } }, "pkce-one-side"],
    ["PKCE at Cloudflare only", { oktaPkce: false, cloudflarePkce: true, groupsFilter: { filterType: "REGEX", value: ".*" } }, "pkce-one-side"],
    ["no assignments", { assignGroupIds: [], groupsFilter: { filterType: "REGEX", value: ".*" } }, "no-assignments"],
    ["a groups claim missing from claims", { claims: ["email"], groupsFilter: { filterType: "REGEX", value: ".*" } }, "groups-claim-not-in-claims"],
    ["no groups claim", { groupsFilter: null }, "no-groups-claim"],
    ["the Starts with .* filter", {}, "groups-filter-starts-with-pattern"],
  ];
  test.each(cases)("%s", async (_what, setup, code) => {
    await start();
    await seed(setup);
    const d = await discover(options());
    expect(codes(d)).toEqual([code]);
    const f = d.findings[0];
    expect(f.fix.length).toBeGreaterThan(10);
    // Each finding reaches the program as a comment, which still synthesizes.
    const program = generateProgram(d);
    expect(program).toContain(`// Finding [${code}]`);
    expect(synthProgram(program).import.length).toBeGreaterThanOrEqual(3);
  });

  test("an identity provider whose client id matches no app, and an Access app in Okta that no identity provider uses", async () => {
    await start();
    await seed({ clientIdOverride: "0oaNOSUCHAPP000000000", groupsFilter: { filterType: "REGEX", value: ".*" } });
    const d = await discover(options());
    expect(codes(d)).toEqual(["identity-provider-without-okta-app", "okta-app-without-identity-provider"]);
    const program = generateProgram(d);
    expect(program).toMatch(/Left out: identity provider "Okta" .*its Okta app was not found/);
    expect(program).not.toContain("new OktaAccessIdentityProvider(");
  });

  test("Okta apps that are not Cloudflare's are neither reported nor read in detail", async () => {
    await start();
    await seedOktaApp(target(), { label: "Intranet", redirectUris: ["https://intranet.example.com/oidc/callback"], pkce: true, assignGroupIds: [] });
    await seed({ groupsFilter: { filterType: "REGEX", value: ".*" } });
    const before = okta.requests.length;
    const d = await discover(options());
    expect(d.stats.oktaAppsScanned).toBe(2);
    expect(codes(d)).toEqual([]);
    expect(okta.requests.slice(before).filter((r) => r.path.includes("/internal/apps/")).length).toBe(1);
  });
});

describe("discover: pagination", () => {
  test("follows Okta's Link headers and Cloudflare's page/per_page through small pages", async () => {
    await start({ appPageSize: 2, assignmentPageSize: 2 }, { maxPerPage: 2 });
    const engineering = okta.groupId("Engineering");
    const sre = okta.groupId("SRE");
    const seeded: SeededGuide[] = [];
    for (let i = 0; i < 5; i++) seeded.push(await seed({ idpName: `Okta ${i}`, label: `Access ${i}`, appName: `App ${i}`, appDomain: `app${i}.acme.test`, assignGroupIds: [okta.everyoneGroupId, engineering, sre] }));
    const [oktaBefore, cfBefore] = [okta.requests.length, cf.requests.length];
    const d = await discover(options());
    const oktaRequests = okta.requests.slice(oktaBefore);
    const cfRequests = cf.requests.slice(cfBefore);
    expect(d.pairings.map((p) => p.identityProvider.id).sort()).toEqual(seeded.map((s) => s.identityProviderId).sort());
    expect(d.pairings.every((p) => p.oktaApp?.assignments.length === 3 && p.applications.length === 1)).toBe(true);
    expect(d.pairings[0].oktaApp?.assignments.map((a) => a.name).sort()).toEqual(["Engineering", "Everyone", "SRE"]);
    // 5 apps in pages of 2: three list requests, the later ones with Okta's `after` cursor.
    expect(oktaRequests.filter((r) => r.path === "/api/v1/apps").map((r) => r.query.includes("after="))).toEqual([false, true, true]);
    expect(cfRequests.filter((r) => r.path.endsWith("/access/identity_providers")).map((r) => new URLSearchParams(r.query).get("page"))).toEqual(["1", "2", "3"]);
    // Group names are read once each, not once per assignment.
    expect(oktaRequests.filter((r) => r.path.startsWith("/api/v1/groups/")).length).toBe(3);
  });
});

describe("discover: 429", () => {
  test("waits as each API asks: Okta until X-Rate-Limit-Reset, Cloudflare for Retry-After, then succeeds", async () => {
    await start();
    await seed({ groupsFilter: { filterType: "REGEX", value: ".*" } });
    okta.setFaults({ scripted: [{ match: "^GET /api/v1/apps$", status: 429, times: 2 }] });
    cf.setFaults({ scripted: [{ match: "^GET .*/access/identity_providers$", status: 429 }] });
    const progress: string[] = [];
    const now = Date.now();
    const d = await discover(options({ http: { sleep: (ms) => { waits.push(ms); return Promise.resolve(); }, progress: (l) => progress.push(l), now: () => now } }));
    expect(d.pairings).toHaveLength(1);
    expect(d.stats.rateLimited).toBe(3);
    // Cloudflare said Retry-After: 1; Okta's reset is about a second ahead (+1 s, as Okta's SDK does).
    expect(waits[0]).toBe(1000);
    expect(waits.slice(1)).toHaveLength(2);
    for (const w of waits.slice(1)) expect(w).toBeGreaterThan(0);
    for (const w of waits.slice(1)) expect(w).toBeLessThanOrEqual(3000);
    expect(progress.filter((l) => /429 on GET/.test(l))).toHaveLength(3);
  });

  test("gives up after the retries with one line", async () => {
    await start();
    await seed();
    cf.setFaults({ scripted: [{ match: "^GET .*/access/identity_providers$", status: 429, times: 10 }] });
    await expect(discover(options({ http: { sleep: () => Promise.resolve(), maxRetries: 2 } }))).rejects.toThrow(/^Cloudflare answered 429 to GET \/client\/v4\/accounts\/[0-9a-f]{32}\/access\/identity_providers 3 times; try again later/);
  });
});

describe("discover: errors are one line, and no secret is ever printed", () => {
  test("a wrong Okta token", async () => {
    await start();
    await seed();
    const r = await cli([], { OKTA_API_TOKEN: "00wrong" });
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split("\n").pop()).toMatch(/^cdktf-okta-access discover: Okta refused the API token \(401 E0000011\): check OKTA_API_TOKEN/);
    expect(r.stderr).not.toContain("00wrong");
    expect(r.stdout).toBe("");
  });

  test("a wrong Cloudflare token", async () => {
    await start();
    const r = await cli([], { CLOUDFLARE_API_TOKEN: "W".repeat(40) });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/Cloudflare refused GET \/client\/v4\/accounts\/[0-9a-f]+\/access\/identity_providers \(403 code 10000\): the token is wrong, or lacks read access/);
    expect(r.stderr).not.toContain("W".repeat(40));
  });

  test("an Okta token without permission", async () => {
    await start();
    await seed();
    okta.setFaults({ scripted: [{ match: "^GET /api/v1/apps$", status: 403 }] });
    const r = await cli(["--quiet"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^cdktf-okta-access discover: Okta token lacks permission for GET \/api\/v1\/apps \(403 E0000006\): .*Read-only Administrator/);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
  });

  test("an unreachable org", async () => {
    await start();
    const closed = new OktaEmulator({ apiToken: OKTA_TOKEN });
    const url = await closed.start();
    await closed.stop();
    const r = await cli(["--quiet", "--okta-api-url", url]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^cdktf-okta-access discover: cannot reach Okta at http:\/\/127\.0\.0\.1:\d+: ECONNREFUSED\n$/);
  });

  test("missing settings and malformed ids", async () => {
    await start();
    expect((await cli(["--quiet"], { OKTA_API_TOKEN: "" })).stderr).toMatch(/an Okta API token \(OKTA_API_TOKEN\) is required/);
    expect((await cli(["--quiet", "--account-id", "acme"])).stderr).toMatch(/--account-id must be a Cloudflare id .*received "acme"/);
    expect((await cli(["--quiet", "--okta-org-url", "http://acme.okta.com"])).stderr).toMatch(/--okta-org-url must be https/);
    expect((await cli(["--format", "yaml"])).code).toBe(1);
  });

  test("neither output nor progress carries the client secret or a token", async () => {
    await start();
    const s = await seed({ accessGroup: { name: "Eng", groups: ["Engineering"] } });
    const [oktaBefore, cfBefore] = [okta.requests.length, cf.requests.length];
    for (const format of ["typescript", "json"]) {
      const r = await cli(["--format", format]);
      expect(r.code).toBe(0);
      for (const secret of [s.clientSecret, OKTA_TOKEN, CF_TOKEN]) {
        expect(r.stdout).not.toContain(secret);
        expect(r.stderr).not.toContain(secret);
      }
    }
    // Nothing but GETs, and never Okta's secrets endpoint.
    expect(okta.requests.slice(oktaBefore).every((r) => r.method === "GET" && !r.path.includes("/credentials/secrets"))).toBe(true);
    expect(cf.requests.slice(cfBefore).every((r) => r.method === "GET")).toBe(true);
  });

  test("--format json: findings, pairings and the variables the program needs", async () => {
    await start();
    const s = await seed();
    const r = await cli(["--format", "json", "--quiet"]);
    const json = JSON.parse(r.stdout);
    expect(json.findings.map((f: any) => f.code)).toEqual(["groups-filter-starts-with-pattern"]);
    expect(json.pairings[0].identityProvider.id).toBe(s.identityProviderId);
    expect(json.secretVariables).toEqual([{ identityProviderId: s.identityProviderId, variable: "okta_client_secret", oktaAppId: s.appId }]);
    expect(r.stderr).toBe("");
  });
});

describe("discover: hostile names from the APIs", () => {
  const HOSTILE = [
    'x"; process.exit(1); "',
    "end */ require('child_process') /*",
    "line\nbreak\r\nnew(1)",
    "sep\u2028arator\u2029para",
    "`${process.exit(2)}`",
    "back\\slash\\",
    "<script>alert(1)</script>",
    "emoji 🔐 and NUL \u0000",
  ];

  test("each survives as data: the program parses, and synthesizes every name verbatim, with and without --fix", async () => {
    await start({ groups: HOSTILE });
    for (const [i, hostile] of HOSTILE.entries()) {
      await seed({ idpName: hostile, label: hostile, appName: hostile, appDomain: `app${i}.acme.test`, policyName: hostile, allowedGroups: [hostile], assignGroupIds: [okta.groupId(hostile)], accessGroup: { name: hostile, groups: [hostile] } });
    }
    const d = await discover(options());
    expect(d.pairings).toHaveLength(HOSTILE.length);
    for (const fix of [false, true]) {
      const program = generateProgram(d, { fix });
      expect(syntaxErrors(program)).toEqual([]);
      const json = synthProgram(program);
      const names = (type: string, get: (r: any) => unknown) => Object.values(json.resource[type]).map(get).sort();
      const sorted = [...HOSTILE].sort();
      expect(names("cloudflare_zero_trust_access_identity_provider", (r) => r.name)).toEqual(sorted);
      expect(names("okta_app_oauth", (r) => r.label)).toEqual(sorted);
      expect(names("cloudflare_zero_trust_access_application", (r) => r.name)).toEqual(sorted);
      expect(names("cloudflare_zero_trust_access_group", (r) => r.name)).toEqual(sorted);
      expect(names("cloudflare_zero_trust_access_policy", (r) => r.include[0].okta.name)).toEqual(sorted);
      expect(names("okta_app_group_assignments", (r) => r.group[0].id)).toEqual(HOSTILE.map((h) => okta.groupId(h)).sort());
    }
  });
});

describe("discover: control characters and bidi controls from the APIs never reach the output raw", () => {
  /** Sets a terminal's title, rings its bell and clears it; a C1 CSI; a right-to-left override. */
  const EVIL = "\x1b]0;PWNED\x07\x1b[2J\u009b31m\u202eexe.txt";
  // eslint-disable-next-line no-control-regex -- the control characters are what this finds
  const RAW = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/;

  test("an authorization server id on stderr: the progress and Okta's error name it escaped", async () => {
    await start();
    await seed({ authorizationServerId: `aus1${EVIL}` });
    for (const format of [[], ["--format", "json"], ["--fix"]]) {
      const { code, stdout, stderr } = await cli(format);
      // The emulator has no such server: Okta's 404 is reported in the finding, and the rest is adopted.
      expect(code).toBe(0);
      expect(stdout + stderr).not.toMatch(RAW);
      expect(stdout).toContain("its claims could not be read (Okta answered 404");
      expect(stderr).toContain("reading the claims of authorization server aus1\\u001b]0;PWNED\\u0007\\u001b[2J\\u009b31m\\u202eexe.txt");
    }
  });

  test("an authorization server id in the program: a literal of the same value, and a finding's comment", async () => {
    await start();
    await seed({ authorizationServerId: okta.authorizationServerId("default") });
    const found = await discover(options());
    const pairing = found.pairings[0];
    const read = { ...found, pairings: [{ ...pairing, identityProvider: { ...pairing.identityProvider, authorizationServerId: `aus1${EVIL}` } }] };
    const d: Discovery = { ...read, findings: diagnose(read) };
    for (const fix of [false, true]) {
      const program = generateProgram(d, { fix });
      expect(program).not.toMatch(RAW);
      expect(syntaxErrors(program)).toEqual([]);
      const literal = /authorizationServerId: ("[^\n]*"),\n/.exec(program)?.[1];
      expect(JSON.parse(literal!)).toBe(`aus1${EVIL}`);
      expect(program).toMatch(/\/\/ Finding \[custom-authorization-server\] .*custom authorization server aus1\\u001b\]0;PWNED\\u0007/);
    }
    expect(renderJson(d)).not.toMatch(RAW);
    expect(JSON.parse(renderJson(d)).pairings[0].identityProvider.authorizationServerId).toBe(`aus1${EVIL}`);
  });

  test("every string the APIs returned (ids, URLs, statuses, client ids, redirect URIs, names): findings, the program and the JSON", async () => {
    await start();
    await seed({ authorizationServerId: okta.authorizationServerId("default"), groupsFilter: { filterType: "STARTS_WITH", value: ".*" } });
    await seedOktaApp(target(), { label: "left over", redirectUris: [`https://${TEAM}/cdn-cgi/access/callback`], pkce: true, assignGroupIds: [] });
    const found = await discover(options());
    // Every string of what was read, poisoned; the org URL is ours (an option), not the APIs'.
    const poison = (v: unknown): unknown =>
      typeof v === "string" ? `${v}${EVIL}` : Array.isArray(v) ? v.map(poison) : v !== null && typeof v === "object" ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, poison(x)])) : v;
    const read = { ...found, pairings: poison(found.pairings), unpairedOktaApps: poison(found.unpairedOktaApps), accountId: `${found.accountId}${EVIL}` } as Omit<Discovery, "findings">;
    const d: Discovery = { ...read, findings: diagnose(read) };
    expect(d.findings.length).toBeGreaterThan(3);
    for (const f of d.findings) expect(`${f.subject} ${f.message} ${f.fix}`).not.toMatch(RAW);
    expect(d.findings.some((f) => f.message.includes("\\u001b]0;PWNED"))).toBe(true);
    for (const fix of [false, true]) {
      const program = generateProgram(d, { fix });
      expect(program).not.toMatch(RAW);
      expect(syntaxErrors(program)).toEqual([]);
    }
    expect(renderJson(d)).not.toMatch(RAW);
    expect(JSON.parse(renderJson(d)).pairings).toEqual(d.pairings);
  });
});

/**
 * The sign-in world (world.ts): sign-ins computed from both emulators' state,
 * the journal of every successful write, its bound, its control endpoints,
 * and refused options. Plain HTTP, no provider; part of `npm test`.
 */
import { CloudflareEmulator } from "./cloudflare";
import { OktaEmulator } from "./okta";
import { checkWorldOptions, groupsGaps, Journal, SignInWorld, signsInWith, WORLD_LIMITS } from "./world";
import { SeededGuide, seedGuide } from "../lib/guide-seed";

const OKTA_TOKEN = "00world-token";
const CF_TOKEN = "w".repeat(40);
const ACCOUNT = "0123456789abcdef0123456789abcdef";
const TEAM = "acme.cloudflareaccess.com";
const ALICE = { login: "alice@acme.test", groups: ["Engineering"] };
const BOB = { login: "bob@acme.test", groups: ["Finance"] };

let okta: OktaEmulator;
let cf: CloudflareEmulator;
let world: SignInWorld;
let seeded: SeededGuide;
let server: string;

async function call(base: string, auth: string, method: string, path: string, body?: unknown): Promise<any> {
  const res = await fetch(base + path, { method, headers: { authorization: auth, "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return text ? JSON.parse(text) : undefined;
}
const oktaCall = (method: string, path: string, body?: unknown) => call(okta.url, `SSWS ${OKTA_TOKEN}`, method, path, body);
const cfCall = (method: string, path: string, body?: unknown) => call(cf.apiBaseUrl, `Bearer ${CF_TOKEN}`, method, path, body);

async function start(maxEntries?: number, filter: { filterType: string; value: string } | null = { filterType: "REGEX", value: ".*" }) {
  okta = new OktaEmulator({ apiToken: OKTA_TOKEN, groups: ["Engineering", "Finance"], authorizationServers: ["cloudflare"] });
  cf = new CloudflareEmulator({ apiToken: CF_TOKEN, accounts: [{ id: ACCOUNT, teamDomain: TEAM }] });
  await okta.start();
  await cf.start();
  world = new SignInWorld(okta, cf, { users: [ALICE, BOB], ...(maxEntries !== undefined ? { maxEntries } : {}) });
  server = okta.authorizationServerId("cloudflare");
  seeded = await seedGuide(
    { oktaUrl: okta.url, oktaToken: OKTA_TOKEN, cloudflareApiUrl: cf.apiBaseUrl, cloudflareToken: CF_TOKEN },
    okta.everyoneGroupId,
    { scope: `accounts/${ACCOUNT}`, accountId: ACCOUNT, teamDomain: TEAM, groupsFilter: filter, assignGroupIds: [okta.groupId("Engineering")], appDomain: null },
  );
}

afterEach(async () => {
  await okta?.stop();
  await cf?.stop();
});

const idpPath = () => `/accounts/${ACCOUNT}/access/identity_providers/${seeded.identityProviderId}`;
async function switchIdp(config: Record<string, unknown>) {
  const current = (await cfCall("GET", idpPath())).result;
  await cfCall("PUT", idpPath(), { name: current.name, type: "okta", config: { ...current.config, client_secret: seeded.clientSecret, ...config } });
}
const serverClaim = (value = ".*", extra: Record<string, unknown> = {}) =>
  oktaCall("POST", `/api/v1/authorizationServers/${server}/claims`, { name: "groups", claimType: "IDENTITY", valueType: "GROUPS", group_filter_type: "REGEX", value, alwaysIncludeInToken: true, ...extra });
const clearAppClaim = () => oktaCall("POST", `/api/v1/internal/apps/${seeded.appId}/settings/oauth/idToken`, { issuerMode: "ORG_URL" });

test("the org server: the app's claim, evaluated on the user's groups (Everyone included); unassigned users fail", async () => {
  await start();
  expect(world.signIn(ALICE)).toEqual([{ login: ALICE.login, idpId: seeded.identityProviderId, server: "org", claim: { name: "groups", source: "app" }, groups: ["Engineering", "Everyone"] }]);
  expect(world.signIn(BOB)).toEqual([{ login: BOB.login, idpId: seeded.identityProviderId, server: "org", claim: null, groups: null, error: "the user is not assigned to the Okta app" }]);
});

test.each([
  [{ filterType: "STARTS_WITH", value: "Eng" }, ["Engineering"]],
  [{ filterType: "STARTS_WITH", value: ".*" }, []],
  [{ filterType: "EQUALS", value: "everyone" }, ["Everyone"]],
  [{ filterType: "CONTAINS", value: "ine" }, ["Engineering"]],
  [{ filterType: "REGEX", value: "Eng" }, []],
  [{ filterType: "REGEX", value: "E.*" }, ["Engineering", "Everyone"]],
])("filter %j sends %j", async (filter, groups) => {
  await start(undefined, filter);
  expect(world.signIn(ALICE)[0].groups).toEqual(groups);
});

test("no app claim: no groups; a custom server: its IDENTITY claim, none until it exists", async () => {
  await start(undefined, null);
  expect(world.signIn(ALICE)[0]).toMatchObject({ server: "org", claim: null, groups: null });
  await switchIdp({ authorization_server_id: server });
  expect(world.signIn(ALICE)[0]).toMatchObject({ server, claim: null, groups: null });
  const claim = await serverClaim("Eng.*");
  expect(world.signIn(ALICE)[0]).toEqual({ login: ALICE.login, idpId: seeded.identityProviderId, server, claim: { name: "groups", source: claim.id }, groups: ["Engineering"] });
});

test("a server claim that is inactive, RESOURCE, of another name or of other scopes does not count; an expression is not evaluated", async () => {
  await start();
  await switchIdp({ authorization_server_id: server });
  await serverClaim(".*", { status: "INACTIVE" });
  await oktaCall("POST", `/api/v1/authorizationServers/${server}/claims`, { name: "groups", claimType: "RESOURCE", valueType: "GROUPS", group_filter_type: "REGEX", value: ".*" });
  await oktaCall("POST", `/api/v1/authorizationServers/${server}/claims`, { name: "teams", claimType: "IDENTITY", valueType: "GROUPS", group_filter_type: "REGEX", value: ".*" });
  expect(world.signIn(ALICE)[0]).toMatchObject({ claim: null, groups: null });
  const s = okta.authorizationServers.get(server)!;
  const [inactive] = [...s.claims.values()];
  inactive.body = { ...inactive.body, status: "ACTIVE", conditions: { scopes: ["admin"] } };
  expect(world.signIn(ALICE)[0]).toMatchObject({ claim: null });
  inactive.body = { ...inactive.body, conditions: { scopes: ["groups"] }, valueType: "EXPRESSION", value: "Groups.startsWith(\"OKTA\", \"\", 100)" };
  expect(world.signIn(ALICE)[0]).toMatchObject({ claim: { name: "groups", source: inactive.id }, groups: null, unevaluated: true });
});

test("more than 100 groups in the claim fails the sign-in", async () => {
  await start();
  const many = Array.from({ length: 101 }, (_, i) => `g${i}`);
  for (const name of many) okta.groups.set(`00g${name}`, { id: `00g${name}`, type: "OKTA_GROUP", name, description: "" });
  expect(world.signIn({ login: "x", groups: [...many, "Engineering"] })[0]).toMatchObject({ groups: null, error: expect.stringMatching(/103 groups, more than 100: the request fails/) });
});

test("a missing or inactive app fails", async () => {
  await start();
  await oktaCall("POST", `/api/v1/apps/${seeded.appId}/lifecycle/deactivate`);
  expect(world.signIn(ALICE)[0]).toMatchObject({ error: "the Okta app is INACTIVE" });
  await switchIdp({ client_id: "0oanothere" });
  expect(world.signIn(ALICE)[0]).toMatchObject({ error: "no Okta app has the identity provider's client id" });
});

describe("the journal", () => {
  test("one entry per successful write to either emulator, with every user's sign-in; reads and failures add none", async () => {
    await start();
    world.reset();
    await oktaCall("GET", `/api/v1/apps/${seeded.appId}`);
    await expect(oktaCall("GET", "/api/v1/apps/0oanosuchapp")).rejects.toThrow(/404/);
    await serverClaim();
    await switchIdp({ authorization_server_id: server });
    const j = world.journal();
    expect(j.dropped).toBe(0);
    expect(j.entries.map((e) => [e.emulator, e.method, e.status])).toEqual([
      ["okta", "POST", 201],
      ["cloudflare", "PUT", 200],
    ]);
    expect(j.entries[1].seq).toBeGreaterThan(j.entries[0].seq);
    expect(j.entries[1].signIns.map((s) => s.login)).toEqual([ALICE.login, BOB.login]);
  });

  test("the invariant: switching after the server claim exists keeps the groups; clearing the app's claim first leaves a gap", async () => {
    await start();
    const expected = ["Engineering", "Everyone"];
    expect(signsInWith(world.signInAll(), ALICE.login, expected)).toBe(true);
    world.reset();
    await serverClaim();
    await switchIdp({ authorization_server_id: server });
    await clearAppClaim();
    expect(groupsGaps(world.journal(), ALICE.login, expected)).toEqual([]);

    await switchIdp({ authorization_server_id: null });
    await oktaCall("POST", `/api/v1/internal/apps/${seeded.appId}/settings/oauth/idToken`, { valueType: "GROUPS", groupFilterType: "REGEX", name: "groups", value: ".*", issuerMode: "ORG_URL" });
    world.reset();
    await clearAppClaim();
    await switchIdp({ authorization_server_id: server });
    const gaps = groupsGaps(world.journal(), ALICE.login, expected);
    expect(gaps.map((e) => [e.method, e.path])).toEqual([["POST", `/api/v1/internal/apps/${seeded.appId}/settings/oauth/idToken`]]);
    expect(gaps[0].signIns.find((s) => s.login === ALICE.login)).toMatchObject({ server: "org", claim: null, groups: null });
  });

  test("is bounded: the oldest entries are dropped and counted", async () => {
    await start(3);
    world.reset();
    for (let i = 0; i < 5; i++) await switchIdp({ claims: ["groups", `c${i}`] });
    const j: Journal = world.journal();
    expect(j.entries).toHaveLength(3);
    expect(j.dropped).toBe(2);
    expect(j.entries.map((e) => e.seq)).toEqual([...j.entries.map((e) => e.seq)].sort((a, b) => a - b));
  });

  test("control endpoints on the Okta emulator: GET and DELETE /__emulator/journal, GET /__emulator/sign-ins", async () => {
    await start();
    const control = async (method: string, path: string) => (await fetch(`${okta.url}/__emulator${path}`, { method })).json();
    expect((await control("GET", "/journal")).entries.length).toBeGreaterThan(0);
    expect(await control("DELETE", "/journal")).toEqual({ ok: true });
    expect(await control("GET", "/journal")).toEqual({ entries: [], dropped: 0 });
    expect((await control("GET", "/sign-ins")).map((s: any) => s.login)).toEqual([ALICE.login, BOB.login]);
  });
});

describe("options", () => {
  test.each([
    [null],
    [{}],
    [{ users: "alice" }],
    [{ users: [{ login: 1, groups: [] }] }],
    [{ users: [{ login: "a", groups: [1] }] }],
    [{ users: Array.from({ length: WORLD_LIMITS.users + 1 }, (_, i) => ({ login: `u${i}`, groups: [] })) }],
    [{ users: [{ login: "a", groups: Array.from({ length: WORLD_LIMITS.groupsPerUser + 1 }, (_, i) => `g${i}`) }] }],
    [{ users: [], maxEntries: 0 }],
    [{ users: [], maxEntries: WORLD_LIMITS.maxEntries + 1 }],
    [{ users: [], maxEntries: 1.5 }],
    [{ users: [], scopes: [1] }],
  ])("%j is refused", (input) => {
    expect(() => checkWorldOptions(input)).toThrow(/^world: /);
  });
});

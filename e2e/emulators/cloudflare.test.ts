/**
 * The Cloudflare emulator, driven by plain HTTP requests shaped like the
 * cloudflare/cloudflare provider 5.14.0's. No provider binary needed; part
 * of `npm test`.
 */
import { CloudflareEmulator } from "./cloudflare";

const TOKEN = "A".repeat(20) + "b-_0".repeat(5);
const ACCOUNT = "0123456789abcdef0123456789abcdef";
const OTHER = "fedcba9876543210fedcba9876543210";
const ZONE = "00112233445566778899aabbccddeeff";
let cf: CloudflareEmulator;

async function call(method: string, path: string, body?: unknown, token = TOKEN): Promise<{ status: number; body: any; headers: Headers }> {
  const res = await fetch(cf.apiBaseUrl + path, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: await res.json(), headers: res.headers };
}

function idpBody(overrides: Record<string, unknown> = {}): any {
  return {
    name: "Okta",
    type: "okta",
    config: { claims: ["groups"], client_id: "0oa1", client_secret: "s3cret", okta_account: "https://acme.okta.com", pkce_enabled: true },
    ...overrides,
  };
}

beforeEach(async () => {
  cf = new CloudflareEmulator({
    apiToken: TOKEN,
    accounts: [{ id: ACCOUNT, teamDomain: "acme.cloudflareaccess.com" }, { id: OTHER, teamDomain: "other.cloudflareaccess.com" }],
    zones: [{ id: ZONE, accountId: ACCOUNT }],
    maxPerPage: 2,
  });
  await cf.start();
});

afterEach(async () => {
  await cf.stop();
});

describe("cloudflare_zero_trust_access_identity_provider", () => {
  test("create, read, update and delete, each in Cloudflare's envelope; the client secret is never returned", async () => {
    const created = await call("POST", `/accounts/${ACCOUNT}/access/identity_providers`, idpBody());
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ success: true, errors: [], messages: [] });
    const id: string = created.body.result.id;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(created.body.result.config).toEqual({
      claims: ["groups"],
      client_id: "0oa1",
      okta_account: "https://acme.okta.com",
      pkce_enabled: true,
      redirect_url: "https://acme.cloudflareaccess.com/cdn-cgi/access/callback",
    });
    expect(created.body.result.scim_config).toMatchObject({ enabled: false, identity_update_behavior: "no_action", user_deprovision: false, seat_deprovision: false });
    expect(created.body.result.scim_config).not.toHaveProperty("secret");

    const read = await call("GET", `/accounts/${ACCOUNT}/access/identity_providers/${id}`);
    expect(read.body.result).toEqual(created.body.result);
    expect(JSON.stringify(read.body)).not.toContain("s3cret");
    expect(cf.identityProviders.get(id)?.secret).toBe("s3cret");

    const renamed = await call("PUT", `/accounts/${ACCOUNT}/access/identity_providers/${id}`, idpBody({ name: "Okta SSO" }));
    expect(renamed.body.result.name).toBe("Okta SSO");
    expect(cf.identityProviders.get(id)?.secretHistory).toEqual(["s3cret"]);
    // An update without the secret keeps it.
    const withoutSecret = { ...idpBody().config, client_secret: undefined };
    await call("PUT", `/accounts/${ACCOUNT}/access/identity_providers/${id}`, idpBody({ config: withoutSecret }));
    expect(cf.identityProviders.get(id)?.secret).toBe("s3cret");
    expect(cf.identityProviders.get(id)?.updates).toBe(2);

    const deleted = await call("DELETE", `/accounts/${ACCOUNT}/access/identity_providers/${id}`);
    expect(deleted.body).toEqual({ success: true, errors: [], messages: [], result: { id } });
    const gone = await call("GET", `/accounts/${ACCOUNT}/access/identity_providers/${id}`);
    expect(gone.status).toBe(404);
    expect(gone.body.success).toBe(false);
    expect(gone.body.errors).toHaveLength(1);
    expect(cf.isEmpty()).toBe(true);
  });

  test("enabling SCIM returns its secret once", async () => {
    const created = await call("POST", `/accounts/${ACCOUNT}/access/identity_providers`, idpBody({ scim_config: { enabled: true, user_deprovision: true } }));
    expect(created.body.result.scim_config.secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(created.body.result.scim_config.scim_base_url).toMatch(/^https:\/\/acme\.cloudflareaccess\.com\/populate\/[0-9a-f]{32}$/);
    const read = await call("GET", `/accounts/${ACCOUNT}/access/identity_providers/${created.body.result.id}`);
    expect(read.body.result.scim_config).not.toHaveProperty("secret");
    expect(read.body.result.scim_config.user_deprovision).toBe(true);
  });

  test("zone-scoped identity providers live apart from the account's", async () => {
    const zoned = await call("POST", `/zones/${ZONE}/access/identity_providers`, idpBody());
    expect(zoned.status).toBe(201);
    expect((await call("GET", `/accounts/${ACCOUNT}/access/identity_providers/${zoned.body.result.id}`)).status).toBe(404);
    expect((await call("GET", `/zones/${ZONE}/access/identity_providers/${zoned.body.result.id}`)).status).toBe(200);
  });

  test("Cloudflare's validation: Okta needs client_id and an https okta_account; the type cannot change", async () => {
    expect((await call("POST", `/accounts/${ACCOUNT}/access/identity_providers`, idpBody({ config: { client_id: "x", client_secret: "y" } }))).status).toBe(400);
    expect((await call("POST", `/accounts/${ACCOUNT}/access/identity_providers`, idpBody({ config: { client_id: "x", client_secret: "y", okta_account: "https://acme-admin.okta.com/x" } }))).status).toBe(400);
    expect((await call("POST", `/accounts/${ACCOUNT}/access/identity_providers`, idpBody({ type: "okta2" }))).status).toBe(400);
    const id: string = (await call("POST", `/accounts/${ACCOUNT}/access/identity_providers`, idpBody())).body.result.id;
    expect((await call("PUT", `/accounts/${ACCOUNT}/access/identity_providers/${id}`, idpBody({ type: "oidc" }))).status).toBe(400);
  });

  test("lists page with result_info", async () => {
    for (const name of ["a", "b", "c"]) await call("POST", `/accounts/${ACCOUNT}/access/identity_providers`, idpBody({ name }));
    const first = await call("GET", `/accounts/${ACCOUNT}/access/identity_providers?per_page=50`);
    expect(first.body.result.map((r: any) => r.name)).toEqual(["a", "b"]);
    expect(first.body.result_info).toEqual({ page: 1, per_page: 2, count: 2, total_count: 3, total_pages: 2 });
    const second = await call("GET", `/accounts/${ACCOUNT}/access/identity_providers?page=2`);
    expect(second.body.result.map((r: any) => r.name)).toEqual(["c"]);
  });
});

describe("Access groups, reusable policies and self-hosted applications", () => {
  test("the protect-app shape: a policy with Okta rules, an app using it, and deletion order enforced", async () => {
    const idp: string = (await call("POST", `/accounts/${ACCOUNT}/access/identity_providers`, idpBody())).body.result.id;
    const okta = (name: string) => ({ okta: { name, identity_provider_id: idp } });

    const group = await call("POST", `/accounts/${ACCOUNT}/access/groups`, { name: "Engineers", include: [okta("Engineering"), okta("SRE")] });
    expect(group.status).toBe(201);
    expect(group.body.result).toMatchObject({ name: "Engineers", include: [okta("Engineering"), okta("SRE")] });

    const policy = await call("POST", `/accounts/${ACCOUNT}/access/policies`, { name: "Wiki", decision: "allow", include: [okta("Engineering")] });
    expect(policy.status).toBe(201);
    expect(policy.body.result).toMatchObject({ decision: "allow", exclude: [], require: [], reusable: true, app_count: 0 });
    // Stored as sent: no session of its own, so the application's governs.
    expect(policy.body.result).not.toHaveProperty("session_duration");
    const policyId: string = policy.body.result.id;

    const app = await call("POST", `/accounts/${ACCOUNT}/access/apps`, {
      type: "self_hosted",
      domain: "wiki.example.com",
      name: "Team wiki",
      session_duration: "8h",
      allowed_idps: [idp],
      auto_redirect_to_identity: true,
      policies: [{ id: policyId, precedence: 1 }],
    });
    expect(app.status).toBe(201);
    expect(app.body.result.aud).toMatch(/^[0-9a-f]{64}$/);
    expect(app.body.result).toMatchObject({ self_hosted_domains: ["wiki.example.com"], destinations: [{ type: "public", uri: "wiki.example.com" }], app_launcher_visible: true });
    // Reads expand the reusable policy into a full object.
    const read = await call("GET", `/accounts/${ACCOUNT}/access/apps/${app.body.result.id}`);
    // An application's expanded policies carry no app_count (cloudflare-go v6.4.0:
    // AccessApplicationGetResponseSelfHostedApplicationPolicy has none).
    const { app_count: appCount, ...policyFields } = policy.body.result;
    expect(appCount).toBe(0);
    expect(read.body.result.policies).toEqual([{ ...policyFields, precedence: 1 }]);

    // What Terraform's destroy order avoids: deleting what is still used.
    expect((await call("DELETE", `/accounts/${ACCOUNT}/access/policies/${policyId}`)).status).toBe(400);
    expect((await call("DELETE", `/accounts/${ACCOUNT}/access/identity_providers/${idp}`)).status).toBe(400);
    expect((await call("DELETE", `/accounts/${ACCOUNT}/access/apps/${app.body.result.id}`)).status).toBe(200);
    expect((await call("DELETE", `/accounts/${ACCOUNT}/access/policies/${policyId}`)).status).toBe(200);
    expect((await call("DELETE", `/accounts/${ACCOUNT}/access/groups/${group.body.result.id}`)).status).toBe(200);
    expect((await call("DELETE", `/accounts/${ACCOUNT}/access/identity_providers/${idp}`)).status).toBe(200);
    expect(cf.isEmpty()).toBe(true);
  });

  test("rules must name an identity provider of the same account; apps must use policies of the account", async () => {
    const idp: string = (await call("POST", `/accounts/${ACCOUNT}/access/identity_providers`, idpBody())).body.result.id;
    expect((await call("POST", `/accounts/${OTHER}/access/groups`, { name: "x", include: [{ okta: { name: "Eng", identity_provider_id: idp } }] })).status).toBe(400);
    expect((await call("POST", `/accounts/${ACCOUNT}/access/policies`, { name: "x", decision: "allow", include: [] })).status).toBe(400);
    expect((await call("POST", `/accounts/${ACCOUNT}/access/apps`, { type: "self_hosted", domain: "x.example.com", policies: [{ id: "nope" }] })).status).toBe(400);
    expect((await call("POST", `/accounts/${ACCOUNT}/access/apps`, { type: "self_hosted", domain: "https://x.example.com" })).status).toBe(400);
    expect((await call("POST", `/accounts/${ACCOUNT}/access/apps`, { type: "self_hosted", domain: "x.example.com", allowed_idps: [], auto_redirect_to_identity: true })).status).toBe(400);
  });
});

describe("strictness, credentials and faults", () => {
  test("a wrong token or an unknown account is an authentication error", async () => {
    const wrong = await call("GET", `/accounts/${ACCOUNT}/access/identity_providers`, undefined, "x".repeat(40));
    expect(wrong.status).toBe(403);
    expect(wrong.body).toEqual({ success: false, errors: [{ code: 10000, message: "Authentication error" }], messages: [], result: null });
    expect((await call("GET", `/accounts/${"9".repeat(32)}/access/identity_providers`)).status).toBe(403);
  });

  test("an unknown endpoint is a loud 501 naming the method and path", async () => {
    const stderr = jest.spyOn(process.stderr, "write").mockImplementation(() => true);
    const res = await fetch(`${cf.apiBaseUrl}/accounts/${ACCOUNT}/access/service_tokens`);
    expect(res.status).toBe(501);
    expect(stderr).toHaveBeenCalledWith(`[cloudflare-emulator] UNKNOWN ENDPOINT: GET /client/v4/accounts/${ACCOUNT}/access/service_tokens\n`);
    stderr.mockRestore();
    expect(cf.unknownRequests).toEqual([{ method: "GET", path: `/client/v4/accounts/${ACCOUNT}/access/service_tokens`, query: "" }]);
  });

  test("a 429 carries Retry-After and Cloudflare's error envelope; nothing is created", async () => {
    cf.setFaults({ scripted: [{ match: "^POST /client/v4/accounts/[^/]+/access/identity_providers$", status: 429, times: 2 }] });
    for (let i = 0; i < 2; i++) {
      const limited = await call("POST", `/accounts/${ACCOUNT}/access/identity_providers`, idpBody());
      expect(limited.status).toBe(429);
      expect(limited.headers.get("retry-after")).toBe("1");
      expect(limited.body.success).toBe(false);
    }
    expect(cf.identityProviders.size).toBe(0);
    expect((await call("POST", `/accounts/${ACCOUNT}/access/identity_providers`, idpBody())).status).toBe(201);
    expect(cf.requests.map((r) => r.fault ?? "-")).toEqual(["429", "429", "-"]);
  });

  test("the control API exposes state, the request log and faults", async () => {
    await call("POST", `/accounts/${ACCOUNT}/access/identity_providers`, idpBody());
    const state: any = await (await fetch(`${cf.url}/__emulator/state`)).json();
    expect(state.empty).toBe(false);
    expect(state.state.identityProviders[0]).toMatchObject({ scope: `accounts/${ACCOUNT}`, secret: "s3cret" });
    const log: any = await (await fetch(`${cf.url}/__emulator/requests`)).json();
    expect(log.map((r: any) => `${r.method} ${r.route} ${r.status}`)).toEqual(["POST POST /client/v4/accounts/:accountId/access/identity_providers 201"]);
    expect((await fetch(`${cf.url}/__emulator/faults`, { method: "PUT", body: JSON.stringify({ random: { rate: 1, statuses: [503] } }) })).status).toBe(200);
    expect((await call("GET", `/accounts/${ACCOUNT}/access/identity_providers`)).status).toBe(503);
  });
});

describe("strictness: malformed requests and pagination are refused as the API does", () => {
  test.each(["page=-1", "page=abc", "page=0", "per_page=-5", "per_page=1.5", "page=1e3"])("GET ?%s answers 400 in the envelope", async (query) => {
    const res = await call("GET", `/accounts/${ACCOUNT}/access/identity_providers?${query}`);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ success: false, result: null });
    expect(res.body.errors[0].message).toMatch(/must be an integer of at least 1/);
  });

  test.each(["%zz", "%4", "%C3%28", "%E2%82"])("a path with bad percent-encoding (%s) answers 400 and is recorded like an unknown request", async (bad) => {
    const res = await call("GET", `/accounts/${ACCOUNT}/access/identity_providers/${bad}`);
    expect(res.status).toBe(400);
    expect(res.body.success).toBe(false);
    expect(cf.unknownRequests).toHaveLength(1);
    expect(cf.unknownRequests[0].reason).toMatch(/percent-encoding/);
  });

  test.each([
    ["PUT", "/faults", "{not json"],
    ["PUT", "/faults", JSON.stringify({ random: { rate: 2, statuses: [503] } })],
    ["PUT", "/faults", JSON.stringify({ scripted: [{ match: "(", status: 500 }] })],
    ["PUT", "/faults", JSON.stringify({ bogus: true })],
    ["POST", "/seed", JSON.stringify({ identityProviders: [{ scope: "accounts/nothex", body: {} }] })],
    ["POST", "/seed", JSON.stringify({ wrongKey: [] })],
    ["PUT", "/behaviour", JSON.stringify({ idpSecretOnPutWithoutSecret: "maybe" })],
    ["GET", "/nope", ""],
  ])("control API %s %s with bad input answers 400 and is recorded", async (method, path, body) => {
    const res = await fetch(`${cf.url}/__emulator${path}`, { method, body: body || undefined });
    expect(res.status).toBe(400);
    expect(cf.unknownRequests.map((u) => u.path)).toEqual([`/__emulator${path}`]);
  });
});

describe("fields the API returns (cloudflare-go v6.4.0 types, provider 5.14.0 computed defaults)", () => {
  test("an application carries uid, empty allowed_idps and tags, auto_redirect false, and Cloudflare's defaults", async () => {
    const app = await call("POST", `/accounts/${ACCOUNT}/access/apps`, { type: "self_hosted", domain: "wiki.example.com" });
    expect(app.status).toBe(201);
    expect(app.body.result).toMatchObject({
      uid: app.body.result.id,
      allowed_idps: [],
      tags: [],
      auto_redirect_to_identity: false,
      app_launcher_visible: true,
      http_only_cookie_attribute: true,
      session_duration: "24h",
      self_hosted_domains: ["wiki.example.com"],
      destinations: [{ type: "public", uri: "wiki.example.com" }],
      policies: [],
    });
    expect(app.body.result).not.toHaveProperty("custom_deny_message");
  });

  test("a policy's app_count counts the applications that attach it", async () => {
    const idp: string = (await call("POST", `/accounts/${ACCOUNT}/access/identity_providers`, idpBody())).body.result.id;
    const policy = await call("POST", `/accounts/${ACCOUNT}/access/policies`, { name: "p", decision: "allow", include: [{ okta: { name: "g", identity_provider_id: idp } }], session_duration: "8h" });
    const id: string = policy.body.result.id;
    for (const domain of ["a.example.com", "b.example.com"]) await call("POST", `/accounts/${ACCOUNT}/access/apps`, { type: "self_hosted", domain, policies: [{ id, precedence: 1 }] });
    const read = await call("GET", `/accounts/${ACCOUNT}/access/policies/${id}`);
    expect(read.body.result).toMatchObject({ app_count: 2, session_duration: "8h", reusable: true });
  });
});

describe("behaviours the evidence does not settle are options", () => {
  async function putWithoutSecret(): Promise<string | undefined> {
    const id: string = (await call("POST", `/accounts/${ACCOUNT}/access/identity_providers`, idpBody())).body.result.id;
    const body = idpBody();
    delete body.config.client_secret;
    expect((await call("PUT", `/accounts/${ACCOUNT}/access/identity_providers/${id}`, body)).status).toBe(200);
    return cf.identityProviders.get(id)?.secret;
  }

  test("idpSecretOnPutWithoutSecret: keep (default) keeps the stored secret", async () => {
    expect(await putWithoutSecret()).toBe("s3cret");
  });

  test("idpSecretOnPutWithoutSecret: clear removes it (set through the control API)", async () => {
    const res = await fetch(`${cf.url}/__emulator/behaviour`, { method: "PUT", body: JSON.stringify({ idpSecretOnPutWithoutSecret: "clear" }) });
    expect(res.status).toBe(200);
    expect(await putWithoutSecret()).toBeUndefined();
  });

  test("oktaPkceEnabled: dropped leaves pkce_enabled out of an okta IdP's config", async () => {
    cf.setBehaviour({ oktaPkceEnabled: "dropped" });
    const created = await call("POST", `/accounts/${ACCOUNT}/access/identity_providers`, idpBody());
    expect(created.body.result.config).not.toHaveProperty("pkce_enabled");
  });

  test('unsetStrings: "empty" returns never-set strings as ""', async () => {
    cf.setBehaviour({ unsetStrings: "empty" });
    const idp = await call("POST", `/accounts/${ACCOUNT}/access/identity_providers`, idpBody());
    expect(idp.body.result.config).toMatchObject({ authorization_server_id: "", email_claim_name: "" });
    const app = await call("POST", `/accounts/${ACCOUNT}/access/apps`, { type: "self_hosted", domain: "x.example.com" });
    expect(app.body.result).toMatchObject({ custom_deny_message: "", custom_deny_url: "", custom_non_identity_deny_url: "" });
  });
});

describe("seeding objects that exist before the run", () => {
  test("seeded objects are built as POST builds them and can reference each other; the secret stays write-only", async () => {
    const idpId = "11111111-2222-4333-8444-555555555555";
    const res = await fetch(`${cf.url}/__emulator/seed`, {
      method: "POST",
      body: JSON.stringify({
        identityProviders: [{ scope: `accounts/${ACCOUNT}`, id: idpId, body: idpBody() }],
        accessPolicies: [{ scope: `accounts/${ACCOUNT}`, body: { name: "p", decision: "allow", include: [{ okta: { name: "g", identity_provider_id: idpId } }] } }],
      }),
    });
    expect(res.status).toBe(200);
    const seeded = ((await res.json())).seeded;
    expect(seeded.identityProviders).toEqual([idpId]);
    const read = await call("GET", `/accounts/${ACCOUNT}/access/identity_providers/${idpId}`);
    expect(read.body.result.config).not.toHaveProperty("client_secret");
    expect(read.body.result.config.redirect_url).toBe("https://acme.cloudflareaccess.com/cdn-cgi/access/callback");
    expect((await call("GET", `/accounts/${ACCOUNT}/access/policies/${seeded.accessPolicies[0]}`)).status).toBe(200);
    expect(cf.requests).toHaveLength(2); // the two reads; seeding is not API traffic
  });

  test("a seed the API would refuse is refused whole (400), and nothing is left behind", async () => {
    const res = await fetch(`${cf.url}/__emulator/seed`, {
      method: "POST",
      body: JSON.stringify({
        identityProviders: [{ scope: `accounts/${ACCOUNT}`, body: idpBody() }],
        accessPolicies: [{ scope: `accounts/${ACCOUNT}`, body: { name: "p", decision: "maybe", include: [] } }],
      }),
    });
    expect(res.status).toBe(400);
    expect(cf.identityProviders.size + cf.accessPolicies.size).toBe(0);
    expect(cf.unknownRequests).toHaveLength(1);
  });
});

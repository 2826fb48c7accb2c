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
    expect(policy.body.result).toMatchObject({ decision: "allow", exclude: [], require: [], session_duration: "24h", reusable: true });
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
    expect(read.body.result.policies).toEqual([{ ...policy.body.result, precedence: 1 }]);

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
    const state = await (await fetch(`${cf.url}/__emulator/state`)).json();
    expect(state.empty).toBe(false);
    expect(state.state.identityProviders[0]).toMatchObject({ scope: `accounts/${ACCOUNT}`, secret: "s3cret" });
    const log = await (await fetch(`${cf.url}/__emulator/requests`)).json();
    expect(log.map((r: any) => `${r.method} ${r.route} ${r.status}`)).toEqual(["POST POST /client/v4/accounts/:accountId/access/identity_providers 201"]);
    expect((await fetch(`${cf.url}/__emulator/faults`, { method: "PUT", body: JSON.stringify({ random: { rate: 1, statuses: [503] } }) })).status).toBe(200);
    expect((await call("GET", `/accounts/${ACCOUNT}/access/identity_providers`)).status).toBe(503);
  });
});

describe("secretOnPutWithoutSecret: both answers the real API might give", () => {
  test.each([
    ["keep", "s3cret"],
    ["clear", ""],
  ] as const)("%s: a PUT whose config has no client_secret leaves the stored secret %j", async (behaviour, expected) => {
    await cf.stop();
    cf = new CloudflareEmulator({ apiToken: TOKEN, accounts: [{ id: ACCOUNT, teamDomain: "acme.cloudflareaccess.com" }], secretOnPutWithoutSecret: behaviour });
    await cf.start();
    const id: string = (await call("POST", `/accounts/${ACCOUNT}/access/identity_providers`, idpBody())).body.result.id;
    const body = idpBody({ name: "Renamed" });
    delete body.config.client_secret;
    expect((await call("PUT", `/accounts/${ACCOUNT}/access/identity_providers/${id}`, body)).status).toBe(200);
    expect(cf.identityProviders.get(id)?.secret).toBe(expected);
    // A PUT that carries the secret always sets it.
    expect((await call("PUT", `/accounts/${ACCOUNT}/access/identity_providers/${id}`, idpBody())).status).toBe(200);
    expect(cf.identityProviders.get(id)?.secret).toBe("s3cret");
  });
});

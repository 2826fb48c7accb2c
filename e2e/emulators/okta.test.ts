/**
 * The Okta emulator, driven by plain HTTP requests in the order the okta/okta
 * provider 4.20.0 sends them (as recorded in its VCR fixtures). No provider
 * binary needed; part of `npm test`.
 */
import { Agent, request } from "node:http";
import type { Socket } from "node:net";
import { OktaEmulator } from "./okta";

const TOKEN = "00test-token";
let okta: OktaEmulator;

async function call(method: string, path: string, body?: unknown, token = TOKEN): Promise<{ status: number; body: any; headers: Headers }> {
  const res = await fetch(okta.url + path, {
    method,
    headers: { authorization: `SSWS ${token}`, accept: "application/json", ...(body === undefined ? {} : { "content-type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON
  }
  return { status: res.status, body: parsed, headers: res.headers };
}

/** The body okta_app_oauth sends on create (from TestAccResourceOktaAppOauth_groups_claim/oie-00.yaml). */
function appBody(overrides: { label?: string; redirectUris?: string[]; clientSecret?: string; pkce?: boolean } = {}): any {
  return {
    accessibility: { selfService: false },
    credentials: {
      userNameTemplate: { template: "${source.login}", type: "BUILT_IN" },
      oauthClient: {
        autoKeyRotation: true,
        pkce_required: overrides.pkce ?? true,
        token_endpoint_auth_method: "client_secret_basic",
        ...(overrides.clientSecret ? { client_secret: overrides.clientSecret } : {}),
      },
    },
    label: overrides.label ?? "Cloudflare Access",
    name: "oidc_client",
    settings: {
      app: {},
      implicitAssignment: false,
      notes: { admin: null, enduser: null },
      oauthClient: {
        application_type: "web",
        consent_method: "TRUSTED",
        grant_types: ["authorization_code"],
        idp_initiated_login: { default_scope: [], mode: "DISABLED" },
        issuer_mode: "ORG_URL",
        redirect_uris: overrides.redirectUris ?? ["https://acme.cloudflareaccess.com/cdn-cgi/access/callback"],
        response_types: ["code"],
        wildcard_redirect: "DISABLED",
      },
    },
    signOnMode: "OPENID_CONNECT",
    visibility: { autoSubmitToolbar: false, hide: { iOS: true, web: true } },
  };
}

beforeEach(async () => {
  okta = new OktaEmulator({ apiToken: TOKEN, groups: ["Engineering", "SRE", "Everyone Else"], assignmentPageSize: 2 });
  await okta.start();
});

afterEach(async () => {
  await okta.stop();
});

describe("okta_app_oauth with groups_claim: the provider's create, read and delete sequence", () => {
  test("create returns the client secret once; reads never do", async () => {
    expect((await call("GET", "/api/v1/users/me")).status).toBe(200);
    const created = await call("POST", "/api/v1/apps?activate=true", appBody());
    expect(created.status).toBe(200);
    const id: string = created.body.id;
    expect(id).toMatch(/^0oa[A-Za-z0-9]{17}$/);
    expect(created.body.status).toBe("ACTIVE");
    expect(created.body.credentials.oauthClient.client_id).toBe(id);
    expect(created.body.credentials.oauthClient.client_secret).toMatch(/^[A-Za-z0-9_-]{64}$/);

    const read = await call("GET", `/api/v1/apps/${id}`);
    expect(read.status).toBe(200);
    expect(read.body.credentials.oauthClient).not.toHaveProperty("client_secret");
    expect(JSON.stringify(read.body)).not.toContain(created.body.credentials.oauthClient.client_secret);
    expect(read.body.settings.oauthClient.redirect_uris).toEqual(["https://acme.cloudflareaccess.com/cdn-cgi/access/callback"]);
    expect(read.body.credentials.oauthClient.pkce_required).toBe(true);
    expect(okta.apps.get(id)?.clientSecret).toBe(created.body.credentials.oauthClient.client_secret);
  });

  test("the groups claim is written and read through the internal idToken endpoint", async () => {
    const id: string = (await call("POST", "/api/v1/apps?activate=true", appBody())).body.id;
    const before = await call("GET", `/api/v1/internal/apps/${id}/settings/oauth/idToken`);
    expect(before.body).toEqual({ issuer: okta.url, orgUrl: null, customUrl: null, audience: id, issuerMode: "ORG_URL" });

    const claim = { valueType: "GROUPS", groupFilterType: "REGEX", issuerMode: "ORG_URL", name: "groups", value: ".*" };
    const written = await call("POST", `/api/v1/internal/apps/${id}/settings/oauth/idToken`, claim);
    expect(written.status).toBe(200);
    expect(written.body).toMatchObject({ valueType: "GROUPS", groupFilterType: "REGEX", name: "groups", value: ".*" });

    const after = await call("GET", `/api/v1/internal/apps/${id}/settings/oauth/idToken`);
    expect(after.body).toEqual({ issuer: okta.url, orgUrl: null, customUrl: null, audience: id, issuerMode: "ORG_URL", valueType: "GROUPS", name: "groups", groupFilterType: "REGEX", value: ".*" });
    expect(okta.apps.get(id)?.groupsClaimHistory).toHaveLength(1);
  });

  test("an EXPRESSION claim has no filter type; bad claims are refused like Okta does", async () => {
    const id: string = (await call("POST", "/api/v1/apps?activate=true", appBody())).body.id;
    const path = `/api/v1/internal/apps/${id}/settings/oauth/idToken`;
    expect((await call("POST", path, { valueType: "EXPRESSION", name: "groups", value: 'Groups.startsWith("active_directory", "", 100)' })).status).toBe(200);
    expect((await call("GET", path)).body).not.toHaveProperty("groupFilterType");

    const badRegex = await call("POST", path, { valueType: "GROUPS", groupFilterType: "REGEX", name: "groups", value: "(" });
    expect(badRegex.status).toBe(400);
    expect(badRegex.body.errorCode).toBe("E0000001");
    expect((await call("POST", path, { valueType: "EXPRESSION", groupFilterType: "REGEX", name: "groups", value: "x" })).status).toBe(400);
    expect((await call("POST", path, { valueType: "GROUPS", groupFilterType: "SOUNDS_LIKE", name: "groups", value: "x" })).status).toBe(400);
    // The provider removes the claim by sending only issuerMode.
    expect((await call("POST", path, { issuerMode: "ORG_URL" })).status).toBe(200);
    expect((await call("GET", path)).body).not.toHaveProperty("name");
  });

  test("an Identity Engine org: the default access policy is found among ACCESS_POLICY policies and assigned", async () => {
    const org = await call("GET", "/.well-known/okta-organization", undefined, "");
    expect(org.body.pipeline).toBe("idx");
    const id: string = (await call("POST", "/api/v1/apps?activate=true", appBody())).body.id;
    const policies = await call("GET", "/api/v1/policies?type=ACCESS_POLICY");
    expect(policies.headers.get("link")).toBe(`<${okta.url}/api/v1/policies?type=ACCESS_POLICY>; rel="self"`);
    const system = (policies.body as any[]).filter((p) => p.system);
    expect(system).toHaveLength(1);
    expect((await call("PUT", `/api/v1/apps/${id}/policies/${system[0].id}`)).status).toBe(204);
    expect((await call("GET", `/api/v1/apps/${id}`)).body._links.accessPolicy.href).toBe(`${okta.url}/api/v1/policies/${system[0].id}`);
    expect((await call("PUT", `/api/v1/apps/${id}/policies/rstNOPE`)).status).toBe(404);
  });

  test("update keeps the secret the provider sends back from state; a different one is a rotation", async () => {
    const created = await call("POST", "/api/v1/apps?activate=true", appBody());
    const id: string = created.body.id;
    const secret: string = created.body.credentials.oauthClient.client_secret;
    const renamed = await call("PUT", `/api/v1/apps/${id}`, appBody({ label: "Renamed", clientSecret: secret }));
    expect(renamed.status).toBe(200);
    expect(renamed.body.label).toBe("Renamed");
    expect(renamed.body.credentials.oauthClient.client_secret).toBe(secret);
    expect(okta.apps.get(id)?.secretHistory).toEqual([secret]);

    const withoutSecret = await call("PUT", `/api/v1/apps/${id}`, appBody({ label: "Again" }));
    expect(withoutSecret.body.credentials.oauthClient.client_secret).toBe(secret);

    await call("PUT", `/api/v1/apps/${id}`, appBody({ clientSecret: "a-custom-secret-of-forty-characters-0001" }));
    expect(okta.apps.get(id)?.secretHistory).toEqual([secret, "a-custom-secret-of-forty-characters-0001"]);
    expect(okta.apps.get(id)?.updates).toBe(3);
  });

  test("delete needs deactivation first, then the app is gone with Okta's E0000007 body", async () => {
    const id: string = (await call("POST", "/api/v1/apps?activate=true", appBody())).body.id;
    const refused = await call("DELETE", `/api/v1/apps/${id}`);
    expect(refused.status).toBe(403);
    expect(refused.body.errorCode).toBe("E0000056");
    expect((await call("POST", `/api/v1/apps/${id}/lifecycle/deactivate`)).status).toBe(200);
    expect((await call("DELETE", `/api/v1/apps/${id}`)).status).toBe(204);
    const gone = await call("GET", `/api/v1/apps/${id}`);
    expect(gone.status).toBe(404);
    expect(gone.body).toMatchObject({ errorCode: "E0000007", errorSummary: `Not found: Resource not found: ${id} (AppInstance)`, errorLink: "E0000007", errorCauses: [] });
    expect(gone.body.errorId).toMatch(/^oae/);
    expect(okta.isEmpty()).toBe(true);
  });

  test("every app answer carries what okta 6.x's SDK refuses to decode without (signOnMode, credentials, name, settings, label; grant_types), and issuer_mode and wildcard_redirect, which 6.x writes to state from every read", async () => {
    // okta-sdk-golang v6.1.6: ListApplications200ResponseInner picks the type by
    // signOnMode; OpenIdConnectApplication.UnmarshalJSON and
    // OpenIdConnectApplicationSettingsClient.UnmarshalJSON fail on a missing
    // required property. okta 6.12.0 (setOAuthClientSettingsV6) sets issuer_mode
    // and wildcard_redirect from the answer: a missing one would diff every plan.
    const created = await call("POST", "/api/v1/apps?activate=true", appBody());
    const id: string = created.body.id;
    const answers = [
      created.body,
      (await call("GET", `/api/v1/apps/${id}`)).body,
      (await call("PUT", `/api/v1/apps/${id}`, appBody({ label: "Renamed" }))).body,
      ...(await call("GET", "/api/v1/apps")).body,
    ];
    for (const app of answers) {
      expect(app).toMatchObject({ signOnMode: "OPENID_CONNECT", name: "oidc_client", label: expect.any(String), credentials: expect.any(Object), settings: expect.any(Object) });
      expect(app.settings.oauthClient).toMatchObject({ grant_types: ["authorization_code"], issuer_mode: "ORG_URL", wildcard_redirect: "DISABLED" });
    }
  });

  test("an app deleted outside Terraform answers 404 E0000007 to the read (4.20 then plans to re-create it; 6.x reports an error)", async () => {
    const id: string = (await call("POST", "/api/v1/apps?activate=true", appBody())).body.id;
    await call("POST", `/api/v1/apps/${id}/lifecycle/deactivate`);
    await call("DELETE", `/api/v1/apps/${id}`);
    for (const path of [`/api/v1/apps/${id}`, `/api/v1/internal/apps/${id}/settings/oauth/idToken`, `/api/v1/apps/${id}/groups`]) {
      const gone = await call("GET", path);
      expect([path, gone.status, gone.body.errorCode]).toEqual([path, 404, "E0000007"]);
    }
  });

  test("an app without redirect URIs or label is refused", async () => {
    expect((await call("POST", "/api/v1/apps?activate=true", appBody({ redirectUris: [] }))).status).toBe(400);
    expect((await call("POST", "/api/v1/apps?activate=true", appBody({ label: " " }))).status).toBe(400);
    expect(okta.apps.size).toBe(0);
  });
});

describe("groups and assignments", () => {
  test("data okta_everyone_group: q is a case-insensitive name prefix; Everyone is BUILT_IN", async () => {
    const everyone = await call("GET", "/api/v1/groups?q=Everyone");
    expect((everyone.body as any[]).map((g) => g.profile.name)).toEqual(["Everyone", "Everyone Else"]);
    expect(everyone.body[0]).toMatchObject({ id: okta.everyoneGroupId, type: "BUILT_IN" });
    expect((await call("GET", "/api/v1/groups?q=eng")).body.map((g: any) => g.profile.name)).toEqual(["Engineering"]);
    expect((await call("GET", '/api/v1/groups?filter=type eq "OKTA_GROUP"')).body).toHaveLength(3);
    expect((await call("GET", `/api/v1/groups/${okta.groupId("SRE")}`)).body.profile.name).toBe("SRE");
    expect((await call("GET", "/api/v1/groups/00gMISSING")).status).toBe(404);
  });

  test("assignments are listed in pages linked by rel=next, as okta_app_group_assignments follows them", async () => {
    const id: string = (await call("POST", "/api/v1/apps?activate=true", appBody())).body.id;
    for (const name of ["Engineering", "SRE", "Everyone"]) {
      const groupId = name === "Everyone" ? okta.everyoneGroupId : okta.groupId(name);
      const put = await call("PUT", `/api/v1/apps/${id}/groups/${groupId}`, { id: groupId, profile: {} });
      expect(put.status).toBe(200);
    }
    const seen: string[] = [];
    let next: string | undefined = `/api/v1/apps/${id}/groups?limit=200`;
    let pages = 0;
    while (next) {
      const page = await call("GET", next);
      pages++;
      seen.push(...(page.body as any[]).map((a) => a.id));
      const link = (page.headers.get("link") ?? "").split(", ").find((l) => l.endsWith('rel="next"'));
      next = link ? new URL(/<([^>]+)>/.exec(link)![1]).pathname + new URL(/<([^>]+)>/.exec(link)![1]).search : undefined;
    }
    expect(pages).toBe(2);
    expect(seen).toEqual([okta.groupId("Engineering"), okta.groupId("SRE"), okta.everyoneGroupId]);
    expect((await call("GET", `/api/v1/apps/${id}/groups/${okta.groupId("SRE")}`)).body.priority).toBe(1);
    expect((await call("DELETE", `/api/v1/apps/${id}/groups/${okta.groupId("SRE")}`)).status).toBe(204);
    expect((await call("GET", `/api/v1/apps/${id}/groups/${okta.groupId("SRE")}`)).status).toBe(404);
    expect((await call("PUT", `/api/v1/apps/${id}/groups/00gMISSING`, {})).status).toBe(404);
  });
});

describe("okta_auth_server_claim on a custom authorization server", () => {
  test("create (201), read, update, delete; a second claim with the same name is refused", async () => {
    const server = okta.authorizationServerId("default");
    const body = { alwaysIncludeInToken: true, claimType: "IDENTITY", conditions: {}, group_filter_type: "REGEX", name: "groups", status: "ACTIVE", value: ".*", valueType: "GROUPS" };
    const created = await call("POST", `/api/v1/authorizationServers/${server}/claims`, body);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: "groups", claimType: "IDENTITY", valueType: "GROUPS", group_filter_type: "REGEX", conditions: { scopes: [] }, alwaysIncludeInToken: true });
    expect((await call("POST", `/api/v1/authorizationServers/${server}/claims`, body)).status).toBe(400);
    const path = `/api/v1/authorizationServers/${server}/claims/${created.body.id}`;
    expect((await call("PUT", path, { ...body, value: "^eng-" })).body.value).toBe("^eng-");
    expect((await call("GET", path)).body.value).toBe("^eng-");
    expect(okta.isEmpty()).toBe(false);
    expect((await call("DELETE", path)).status).toBe(204);
    expect((await call("GET", path)).status).toBe(404);
    expect(okta.isEmpty()).toBe(true);
  });
});

describe("strictness, credentials and faults", () => {
  test("an unknown endpoint is a loud 501 naming the method and path, and is recorded", async () => {
    const stderr = jest.spyOn(process.stderr, "write").mockImplementation(() => true);
    const res = await call("GET", "/api/v1/apps/0oa1/credentials/secrets");
    expect(stderr).toHaveBeenCalledWith("[okta-emulator] UNKNOWN ENDPOINT: GET /api/v1/apps/0oa1/credentials/secrets\n");
    expect(res.status).toBe(501);
    expect(res.body.error).toBe("okta emulator does not implement GET /api/v1/apps/0oa1/credentials/secrets");
    expect((await call("PATCH", "/api/v1/users/me")).status).toBe(501);
    stderr.mockRestore();
    expect(okta.unknownRequests).toEqual([
      { method: "GET", path: "/api/v1/apps/0oa1/credentials/secrets", query: "" },
      { method: "PATCH", path: "/api/v1/users/me", query: "" },
    ]);
  });

  test("requests through the emulator as an HTTP proxy (absolute-form targets) are understood", async () => {
    const { request } = await import("node:http");
    const port = new URL(okta.url).port;
    const status = await new Promise<number>((resolve, reject) => {
      const req = request({ host: "127.0.0.1", port, method: "GET", path: "http://dev-123456.okta.com/api/v1/users/me", headers: { authorization: `SSWS ${TOKEN}` } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on("error", reject);
      req.end();
    });
    expect(status).toBe(200);
    expect(okta.requests[0].path).toBe("/api/v1/users/me");
  });

  test("a wrong SSWS token gets Okta's E0000011", async () => {
    const res = await call("GET", "/api/v1/users/me", undefined, "not-the-token");
    expect(res.status).toBe(401);
    expect(res.body.errorCode).toBe("E0000011");
  });

  test("a 429 carries Okta's rate-limit headers (no Retry-After) and is logged as a fault", async () => {
    okta.setFaults({ scripted: [{ match: "^POST /api/v1/apps$", status: 429 }] });
    const limited = await call("POST", "/api/v1/apps?activate=true", appBody());
    expect(limited.status).toBe(429);
    expect(limited.body.errorCode).toBe("E0000047");
    expect(limited.headers.get("x-rate-limit-remaining")).toBe("0");
    expect(Number(limited.headers.get("x-rate-limit-reset"))).toBeGreaterThanOrEqual(Math.floor(Date.now() / 1000));
    expect(limited.headers.get("retry-after")).toBeNull();
    expect(limited.headers.get("date")).not.toBeNull();
    expect(okta.apps.size).toBe(0);
    // Scripted faults are used up: the retry goes through.
    expect((await call("POST", "/api/v1/apps?activate=true", appBody())).status).toBe(200);
    expect(okta.requests.map((r) => [r.status, r.fault ?? null])).toEqual([[429, "429"], [200, null]]);
  });

  test("a connection left idle through the SDK's 429 back-off still carries the retry; stop() closes it", async () => {
    okta.setFaults({ scripted: [{ match: "^POST /api/v1/apps$", status: 429 }] });
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const send = (): Promise<{ status: number; reused: boolean; reset: number; socket: Socket }> =>
      new Promise((resolve, reject) => {
        const req = request(okta.url + "/api/v1/apps?activate=true", { method: "POST", agent, headers: { authorization: `SSWS ${TOKEN}`, "content-type": "application/json" } }, (res) => {
          res.resume();
          res.on("end", () => resolve({ status: res.statusCode ?? 0, reused: req.reusedSocket, reset: Number(res.headers["x-rate-limit-reset"]), socket: req.socket as Socket }));
        });
        req.on("error", reject);
        req.end(JSON.stringify(appBody()));
      });
    try {
      const limited = await send();
      expect(limited.status).toBe(429);
      // The Okta SDK waits until X-Rate-Limit-Reset plus a second, then retries on the idle connection.
      await new Promise((r) => setTimeout(r, Math.max(0, limited.reset * 1000 - Date.now()) + 1000));
      const retry = await send();
      expect({ status: retry.status, reused: retry.reused }).toEqual({ status: 200, reused: true });
      const closed = new Promise<void>((r) => retry.socket.once("close", () => r()));
      await okta.stop();
      await closed;
      expect(retry.socket.destroyed).toBe(true);
    } finally {
      agent.destroy();
    }
  });

  test("random faults are reproducible from the seed and never hit one path more than maxConsecutive times in a row", async () => {
    const sequence = async () => {
      okta.requests.length = 0;
      okta.setFaults({ random: { rate: 0.6, statuses: [429, 503], seed: 7, maxConsecutive: 1 } });
      const statuses: number[] = [];
      for (let i = 0; i < 30; i++) statuses.push((await call("GET", "/api/v1/users/me")).status);
      return statuses;
    };
    const first = await sequence();
    expect(await sequence()).toEqual(first);
    expect(first.filter((s) => s !== 200).length).toBeGreaterThan(5);
    expect(new Set(first)).toEqual(new Set([200, 429, 503]));
    for (let i = 1; i < first.length; i++) {
      if (first[i] !== 200) expect(first[i - 1]).toBe(200);
    }
  });
});

describe("PUT without client_secret: both answers are emulator options", () => {
  async function putWithout(): Promise<any> {
    const created = await call("POST", "/api/v1/apps?activate=true", appBody());
    const body = appBody();
    return (await call("PUT", `/api/v1/apps/${created.body.id}`, body)).body;
  }

  test("returns-secret (default): the answer carries the current secret", async () => {
    expect((await putWithout()).credentials.oauthClient.client_secret).toMatch(/^[A-Za-z0-9_-]{64}$/);
  });

  test("omits-secret: the answer has none, as a GET", async () => {
    const res = await fetch(`${okta.url}/__emulator/behaviour`, { method: "PUT", body: JSON.stringify({ putWithoutSecret: "omits-secret" }) });
    expect(res.status).toBe(200);
    expect((await putWithout()).credentials.oauthClient).not.toHaveProperty("client_secret");
  });

  test("a bad behaviour value is refused with 400 and recorded", async () => {
    const res = await fetch(`${okta.url}/__emulator/behaviour`, { method: "PUT", body: JSON.stringify({ putWithoutSecret: "sometimes" }) });
    expect(res.status).toBe(400);
    expect(okta.unknownRequests).toHaveLength(1);
  });
});

describe("seeding objects that exist before the run", () => {
  test("groups, an authorization server and an app with its assignments and claim, readable through the API", async () => {
    const groupId = "00gSEEDEDgroup00001";
    const res = await fetch(`${okta.url}/__emulator/seed`, {
      method: "POST",
      body: JSON.stringify({
        groups: [{ id: groupId + "1", name: "Engineering" }],
        authorizationServers: [{ name: "custom" }],
        apps: [{ app: { ...appBody({ label: "Existing" }), id: "0oaSEEDEDapp00000001" }, clientSecret: "existing-secret-123", groupsClaim: { valueType: "GROUPS", groupFilterType: "REGEX", name: "groups", value: ".*" }, assignments: [{ id: groupId + "1" }] }],
      }),
    });
    expect(res.status).toBe(200);
    const { seeded } = (await res.json());
    expect(seeded.groups).toEqual({ Engineering: groupId + "1" });
    const app = await call("GET", "/api/v1/apps/0oaSEEDEDapp00000001");
    expect(app.body).toMatchObject({ id: "0oaSEEDEDapp00000001", label: "Existing", status: "ACTIVE" });
    expect(app.body.credentials.oauthClient).not.toHaveProperty("client_secret");
    expect((await call("GET", "/api/v1/apps/0oaSEEDEDapp00000001/groups")).body.map((a: any) => a.id)).toEqual([groupId + "1"]);
    expect((await call("GET", "/api/v1/internal/apps/0oaSEEDEDapp00000001/settings/oauth/idToken")).body).toMatchObject({ valueType: "GROUPS", value: ".*" });
  });

  test.each([
    [{ groups: [{ name: "" }] }, /name/],
    [{ groups: [{ id: "not-an-okta-id", name: "x" }] }, /id/],
    [{ apps: [{ app: { label: "no oauth" } }] }, /app/],
    [{ apps: [{ app: appBody(), assignments: [{ id: "00gDOESNOTEXIST00001" }] }] }, /no group/],
    [{ users: [] }, /unknown key/],
  ])("bad seed %j is refused with 400, recorded, and changes nothing", async (seed, message) => {
    const before = okta.groups.size;
    const res = await fetch(`${okta.url}/__emulator/seed`, { method: "POST", body: JSON.stringify(seed) });
    expect(res.status).toBe(400);
    expect(okta.unknownRequests).toHaveLength(1);
    expect(okta.unknownRequests[0].reason).toMatch(message);
    expect(okta.groups.size).toBe(before);
    expect(okta.apps.size).toBe(0);
  });

  test("a path with bad percent-encoding answers 400 (Okta's error body) and is recorded", async () => {
    const res = await call("GET", "/api/v1/apps/%E0%A4%A");
    expect(res.status).toBe(400);
    expect(res.body.errorCode).toBe("E0000003");
    expect(okta.unknownRequests).toHaveLength(1);
  });
});

describe("GET /api/v1/apps (what discover lists)", () => {
  test("pages with Link rel=next, filters on name, refuses other filters", async () => {
    await okta.stop();
    okta = new OktaEmulator({ apiToken: TOKEN, appPageSize: 2 });
    await okta.start();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await call("POST", "/api/v1/apps?activate=true", appBody({ label: `App ${i}` }))).body.id);
    const seen: string[] = [];
    let next: string | undefined = `/api/v1/apps?filter=${encodeURIComponent('name eq "oidc_client"')}&limit=200`;
    let pages = 0;
    while (next !== undefined) {
      const page = await call("GET", next);
      expect(page.status).toBe(200);
      expect(page.body.length).toBeLessThanOrEqual(2);
      for (const app of page.body) {
        expect(app.credentials.oauthClient.client_secret).toBeUndefined();
        seen.push(app.id);
      }
      const link = /<([^>]+)>; rel="next"/.exec(page.headers.get("link") ?? "");
      next = link ? link[1].replace(okta.url, "") : undefined;
      pages++;
    }
    expect(seen).toEqual(ids);
    expect(pages).toBe(3);
    expect((await call("GET", `/api/v1/apps?filter=${encodeURIComponent('name eq "bookmark"')}`)).body).toEqual([]);
    expect((await call("GET", `/api/v1/apps?filter=${encodeURIComponent("label sw x")}`)).status).toBe(400);
    // q: a prefix of the label (or name), case-insensitive, with the status filter as the data source sends it.
    const found = await call("GET", `/api/v1/apps?filter=${encodeURIComponent('status eq "ACTIVE"')}&limit=1&q=app%203`);
    expect(found.body.map((a: any) => a.id)).toEqual([ids[3]]);
  });

  test("a 403 fault is Okta's permission error E0000006", async () => {
    okta.setFaults({ scripted: [{ match: "^GET /api/v1/apps$", status: 403 }] });
    const denied = await call("GET", "/api/v1/apps");
    expect(denied.status).toBe(403);
    expect(denied.body.errorCode).toBe("E0000006");
    expect((await call("GET", "/api/v1/apps")).status).toBe(200);
  });
});

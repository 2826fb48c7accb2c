/**
 * The Cloudflare emulator held to Cloudflare's API model (cloudflare-model.ts):
 * under every behaviour option, each answer for an okta identity provider,
 * an Access group, a reusable policy and a self-hosted application has no
 * field the API does not return, and every field the API fills in itself.
 */
import { CloudflareBehaviour, CloudflareEmulator } from "../emulators/cloudflare";
import { APPLICATION_POLICY, checkAgainstModel, GROUP, IDENTITY_PROVIDER, ObjectModel, OKTA_CONFIG, POLICY, SCIM_CONFIG, SELF_HOSTED_APPLICATION } from "./cloudflare-model";

const TOKEN = "A".repeat(40);
const ACCOUNT = "0123456789abcdef0123456789abcdef";

const behaviours: Partial<CloudflareBehaviour>[] = [{}, { unsetStrings: "empty" }, { oktaPkceEnabled: "dropped" }];

describe.each(behaviours)("answers under behaviour %j", (behaviour) => {
  let cf: CloudflareEmulator;
  beforeAll(async () => {
    cf = new CloudflareEmulator({ apiToken: TOKEN, accounts: [{ id: ACCOUNT, teamDomain: "acme.cloudflareaccess.com" }], behaviour });
    await cf.start();
  });
  afterAll(() => cf.stop());

  async function call(method: string, path: string, body?: unknown): Promise<any> {
    const res = await fetch(`${cf.apiBaseUrl}/accounts/${ACCOUNT}${path}`, { method, headers: { authorization: `Bearer ${TOKEN}` }, body: body === undefined ? undefined : JSON.stringify(body) });
    const json: any = await res.json();
    expect(json.success).toBe(true);
    return json.result;
  }

  const expectModel = (object: any, model: ObjectModel) => expect({ model: model.source, ...checkAgainstModel(object, model) }).toEqual({ model: model.source, unknown: [], missing: [] });

  test("identity provider (create with SCIM on, read, list), group, policy, application (create, read, list)", async () => {
    const created = await call("POST", "/access/identity_providers", {
      name: "Okta",
      type: "okta",
      config: { client_id: "0oa1", client_secret: "s", okta_account: "https://acme.okta.com", claims: ["groups"], pkce_enabled: true },
      scim_config: { enabled: true },
    });
    const idps = [created, await call("GET", `/access/identity_providers/${created.id}`), ...(await call("GET", "/access/identity_providers"))];
    for (const idp of idps) {
      expectModel(idp, IDENTITY_PROVIDER);
      expectModel(idp.config, OKTA_CONFIG);
      expectModel(idp.scim_config, SCIM_CONFIG);
    }
    expect(created.scim_config.secret).toBeDefined();
    expect(idps.slice(1).every((i) => i.scim_config.secret === undefined)).toBe(true);

    const okta = { okta: { name: "Engineering", identity_provider_id: created.id } };
    const group = await call("POST", "/access/groups", { name: "Engineers", include: [okta] });
    for (const g of [group, await call("GET", `/access/groups/${group.id}`)]) expectModel(g, GROUP);
    const policy = await call("POST", "/access/policies", { name: "allow", decision: "allow", include: [okta], session_duration: "8h" });
    for (const p of [policy, await call("GET", `/access/policies/${policy.id}`), ...(await call("GET", "/access/policies"))]) expectModel(p, POLICY);
    const app = await call("POST", "/access/apps", { type: "self_hosted", name: "Wiki", domain: "wiki.example.com", session_duration: "8h", allowed_idps: [created.id], policies: [{ id: policy.id, precedence: 1 }] });
    for (const a of [app, await call("GET", `/access/apps/${app.id}`), ...(await call("GET", "/access/apps"))]) {
      expectModel(a, SELF_HOSTED_APPLICATION);
      for (const p of a.policies) expectModel(p, APPLICATION_POLICY);
    }
  });
});

test("every extra field outside the v6.4.0 type names its evidence; fields newer types added are never answered unasked", () => {
  for (const model of [IDENTITY_PROVIDER, OKTA_CONFIG, SCIM_CONFIG, SELF_HOSTED_APPLICATION, APPLICATION_POLICY, POLICY, GROUP]) {
    for (const [field, evidence] of Object.entries(model.extras)) {
      expect(model.fields).toContain(field);
      expect(evidence.length).toBeGreaterThan(20);
    }
    for (const [field, source] of Object.entries(model.newer)) {
      expect(model.fields).toContain(field);
      expect(model.alwaysReturned).not.toContain(field);
      expect(source).toMatch(/^cloudflare-go v7\.7\.0 [A-Za-z]+$/);
    }
    for (const field of model.alwaysReturned) expect(model.fields).toContain(field);
  }
});

describe("fields provider 5.18.0+ sends only when a configuration sets them", () => {
  let cf: CloudflareEmulator;
  beforeAll(async () => {
    cf = new CloudflareEmulator({ apiToken: TOKEN, accounts: [{ id: ACCOUNT, teamDomain: "acme.cloudflareaccess.com" }] });
    await cf.start();
  });
  afterAll(() => cf.stop());

  async function call(method: string, path: string, body?: unknown): Promise<{ status: number; json: any }> {
    const res = await fetch(`${cf.apiBaseUrl}/accounts/${ACCOUNT}${path}`, { method, headers: { authorization: `Bearer ${TOKEN}` }, body: body === undefined ? undefined : JSON.stringify(body) });
    return { status: res.status, json: await res.json() };
  }

  const idpBody = { name: "Okta", type: "okta", config: { client_id: "0oa1", client_secret: "s", okta_account: "https://acme.okta.com" } };
  const mfa = { allowed_authenticators: ["totp", "security_key"], session_duration: "12h" };

  test("are stored and answered as sent, within the model, and are gone again when a PUT leaves them out", async () => {
    const idp = (await call("POST", "/access/identity_providers", { ...idpBody, read_only: false })).json.result;
    expect(idp.read_only).toBe(false);
    expect(checkAgainstModel(idp, IDENTITY_PROVIDER)).toEqual({ unknown: [], missing: [] });
    const plain = (await call("PUT", `/access/identity_providers/${idp.id}`, idpBody)).json.result;
    expect("read_only" in plain).toBe(false);

    const okta = [{ okta: { name: "Engineering", identity_provider_id: idp.id } }];
    const rules = { rdp: { allowed_clipboard_local_to_remote_formats: ["text"] } };
    const policy = (await call("POST", "/access/policies", { name: "allow", decision: "allow", include: okta, mfa_config: mfa, connection_rules: rules })).json.result;
    expect(policy).toMatchObject({ mfa_config: mfa, connection_rules: rules });
    expect(checkAgainstModel(policy, POLICY)).toEqual({ unknown: [], missing: [] });

    const app = (await call("POST", "/access/apps", { type: "self_hosted", name: "Wiki", domain: "wiki.example.com", mfa_config: mfa, policies: [{ id: policy.id, precedence: 1 }] })).json.result;
    expect(app.mfa_config).toEqual(mfa);
    expect(checkAgainstModel(app, SELF_HOSTED_APPLICATION)).toEqual({ unknown: [], missing: [] });
    expect(app.policies[0]).toMatchObject({ mfa_config: mfa, connection_rules: rules });
    expect(checkAgainstModel(app.policies[0], APPLICATION_POLICY)).toEqual({ unknown: [], missing: [] });

    const without = (await call("PUT", `/access/policies/${policy.id}`, { name: "allow", decision: "allow", include: okta })).json.result;
    expect(["mfa_config" in without, "connection_rules" in without]).toEqual([false, false]);
  });

  test.each([
    ["an identity provider's read_only that is not a boolean", "/access/identity_providers", { ...idpBody, read_only: "yes" }, /read_only must be a boolean/],
    ["a saml_certificate_set_id that is not a UUID", "/access/identity_providers", { ...idpBody, saml_certificate_set_id: "../../etc" }, /saml_certificate_set_id must be a UUID/],
    ["an unknown authenticator", "/access/policies", { name: "p", decision: "allow", include: [{ everyone: {} }], mfa_config: { allowed_authenticators: ["sms"] } }, /allowed_authenticators must list/],
    ["an unknown mfa_config field", "/access/policies", { name: "p", decision: "allow", include: [{ everyone: {} }], mfa_config: { __proto__x: 1 } }, /mfa_config\.__proto__x is not a field/],
    ["an MFA session that is not a duration", "/access/apps", { type: "self_hosted", domain: "a.example.com", mfa_config: { session_duration: "forever" } }, /mfa_config\.session_duration is invalid/],
    ["connection rules other than rdp", "/access/policies", { name: "p", decision: "allow", include: [{ everyone: {} }], connection_rules: { ssh: {} } }, /connection_rules\.ssh is not a field/],
    ["an oversized oauth_configuration", "/access/apps", { type: "self_hosted", domain: "a.example.com", oauth_configuration: { grant: { x: "y".repeat(5000) } } }, /oauth_configuration is too large/],
  ])("refuse %s with 400, naming the field", async (_what, path, body, message) => {
    const before = cf.accessPolicies.size + cf.accessApplications.size + cf.identityProviders.size;
    const { status, json } = await call("POST", path, body);
    expect(status).toBe(400);
    expect(json.success).toBe(false);
    expect(json.errors[0].message).toMatch(message);
    expect(cf.accessPolicies.size + cf.accessApplications.size + cf.identityProviders.size).toBe(before);
  });
});

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

test("every extra field outside the v6.4.0 type names its evidence", () => {
  for (const model of [IDENTITY_PROVIDER, OKTA_CONFIG, SCIM_CONFIG, SELF_HOSTED_APPLICATION, APPLICATION_POLICY, POLICY, GROUP]) {
    for (const [field, evidence] of Object.entries(model.extras)) {
      expect(model.fields).toContain(field);
      expect(evidence.length).toBeGreaterThan(20);
    }
    for (const field of model.alwaysReturned) expect(model.fields).toContain(field);
  }
});

/**
 * The access model (access-model.ts) and its atoms (atoms.ts): every
 * selector of the cloudflare provider in its v5 and v4 shapes, every way a
 * policy reaches an application, hostnames, accepted identity providers, and
 * what each identity provider trusts, sends and lets sign in.
 */
import { accessModel, AppModel } from "../../src/review/access-model";
import { Atom, knownSelectors, readRules } from "../../src/review/atoms";
import { literal } from "../../src/review/text";
import { handWritten, handWrittenIdp, index, quoted } from "./helpers";

const IDP = "cloudflare_zero_trust_access_identity_provider";
const IDP_REF = `\${${IDP}.okta.id}`;

const ctx = {
  literal: (v: unknown) => (typeof v === "string" && !v.includes("${") ? v : typeof v === "number" || typeof v === "boolean" ? String(v) : undefined),
  // A reference to a resource is its address; a variable is known only at plan time.
  idpKey: (v: unknown) => (typeof v !== "string" || v.startsWith("${var.") ? undefined : v.startsWith("${") ? v.slice(2, -4) : `id:${v}`),
  idpName: () => "Okta",
  multipleIdps: false,
  accessGroup: (v: unknown) => (typeof v === "string" && !v.includes("${") ? { key: `id:${v}` } : {}),
};
const atoms = (rules: unknown) => readRules(rules as any, ctx).map((a: Atom) => [a.kind, a.key, a.identity, a.text]);

describe("atoms: every selector, v5 and v4 shapes", () => {
  test("the selectors of cloudflare 5.14.0 to 5.22.0 (zero_trust_access_policy's include schema) and the v4 names are all known", () => {
    const v5 = ["group", "any_valid_service_token", "auth_context", "auth_method", "azure_ad", "certificate", "common_name", "geo", "device_posture", "email_domain", "email_list", "email", "everyone", "external_evaluation", "github_organization", "gsuite", "login_method", "ip_list", "ip", "okta", "saml", "oidc", "service_token", "linked_app_token"];
    const v4 = ["azure", "github", "common_names"];
    expect([...v5, ...v4].filter((s) => !knownSelectors().includes(s))).toEqual([]);
  });

  test.each([
    ["email v5", [{ email: { email: "A@Acme.com" } }], [["email", "email:a@acme.com", true, "email a@acme.com"]]],
    ["email v4", [{ email: ["a@acme.com", "b@acme.com"] }], [["email", "email:a@acme.com", true, "email a@acme.com"], ["email", "email:b@acme.com", true, "email b@acme.com"]]],
    ["email_domain", [{ email_domain: { domain: "@Acme.com" } }], [["emailDomain", "emailDomain:acme.com", true, "email domain acme.com"]]],
    ["everyone v5", [{ everyone: {} }], [["everyone", "everyone", false, "everyone"]]],
    ["everyone v4 true, false and \"true\"", [{ everyone: true }, { everyone: false }, { everyone: "true" }], [["everyone", "everyone", false, "everyone"], ["everyone", "everyone", false, "everyone"]]],
    ["ip", [{ ip: { ip: "10.0.0.0/8" } }], [["ip", "ip:10.0.0.0/8", false, "IP 10.0.0.0/8"]]],
    ["geo", [{ geo: { country_code: "us" } }], [["country", "country:US", false, "country US"]]],
    ["service_token and any", [{ service_token: { token_id: "t1" } }, { any_valid_service_token: {} }], [["serviceToken", "serviceToken:t1", false, "service token t1"], ["anyServiceToken", "anyServiceToken", false, "any valid service token"]]],
    ["certificate and common names", [{ certificate: true }, { common_names: ["a", "b"] }], [["certificate", "certificate", false, "any valid client certificate"], ["commonName", "commonName:a", false, "certificate common name a"], ["commonName", "commonName:b", false, "certificate common name b"]]],
    ["login_method", [{ login_method: { id: IDP_REF } }], [["loginMethod", `loginMethod:${IDP}.okta`, true, 'login method "Okta"']]],
    ["okta v5", [{ okta: { name: "Eng", identity_provider_id: IDP_REF } }], [["oktaGroup", `oktaGroup:${IDP}.okta:Eng`, true, 'Okta group "Eng"']]],
    ["okta v4 names", [{ okta: [{ name: ["Eng", "SRE"], identity_provider_id: IDP_REF }] }], [["oktaGroup", `oktaGroup:${IDP}.okta:Eng`, true, 'Okta group "Eng"'], ["oktaGroup", `oktaGroup:${IDP}.okta:SRE`, true, 'Okta group "SRE"']]],
    ["okta by its older field, email", [{ okta: { email: "Eng", connection_id: IDP_REF } }], [["oktaGroup", `oktaGroup:${IDP}.okta:Eng`, true, 'Okta group "Eng"']]],
    ["github v4 teams", [{ github: [{ name: "acme", teams: ["a", "b"] }] }], [["plain", "github::acme\u0000a", true, "GitHub organization acme team a"], ["plain", "github::acme\u0000b", true, "GitHub organization acme team b"]]],
    ["saml", [{ saml: { attribute_name: "role", attribute_value: "admin" } }], [["plain", "saml::role\u0000admin", true, "SAML role = admin"]]],
    ["device_posture", [{ device_posture: { integration_uid: "p1" } }], [["plain", "device_posture:p1", false, "device posture p1"]]],
    ["an Access group by literal id", [{ group: { id: "g-1" } }], [["accessGroup", "group:id:g-1", false, 'Access group "g-1"']]],
  ])("%s", (_name, rules, expected) => {
    expect(atoms(rules)).toEqual(expected);
  });

  test("what cannot be read is opaque: an unknown selector, a rule built at plan time, a value known only then", () => {
    const found = readRules([{ future_selector: { x: 1 } }, "${var.rule}", { email: { email: "${var.who}" } }, { okta: { name: "Eng", identity_provider_id: "${var.idp}" } }], ctx);
    expect(found.map((a) => [a.kind, a.opaque])).toEqual([
      ["opaque", "the review does not know the selector future_selector"],
      ["opaque", "the rule is known only at plan time"],
      ["opaque", "its value ${var.who} is known only at plan time"],
      ["opaque", "its identity provider ${var.idp} is known only at plan time"],
    ]);
  });

  test("who an atom matches, in words, with its values marked", () => {
    expect(readRules([{ okta: { name: "Eng", identity_provider_id: IDP_REF } }] as any, ctx)[0].who).toBe(`members of Okta group ${literal("Eng")}`);
  });
});

describe("the model of a stack", () => {
  const app = (json: any): AppModel => accessModel(index(json)).apps[0];

  test("every way of attaching a policy, in precedence order: the policies list (v5 entries, v4 ids, inline), a v4 policy's application_id", () => {
    const json = handWrittenIdp((j) => {
      j.resource.cloudflare_zero_trust_access_policy = { a: { account_id: "x", name: "A", decision: "allow", include: [{ everyone: {} }] } };
      j.resource.cloudflare_access_policy = {
        v4: { zone_id: "z", name: "V4", decision: "deny", precedence: "1", application_id: "${cloudflare_zero_trust_access_application.app.id}", include: { email: ["x@acme.com"] } },
      };
      j.resource.cloudflare_zero_trust_access_application = {
        app: { account_id: "x", name: "App", domain: "App.acme.com", policies: [{ id: "${cloudflare_zero_trust_access_policy.a.id}", precedence: "3" }, { decision: "bypass", name: "Health", include: [{ ip: { ip: "10.0.0.1" } }], precedence: 2 }, "literal-policy-id"] },
      };
    });
    const model = app(json);
    expect(model.policies.map((p) => [p.name, p.decision, p.precedence, p.attachedBy])).toEqual([
      ["V4", "deny", 1, "a policy's application_id (cloudflare provider v4)"],
      ["Health", "bypass", 2, "the application's policies list (inline)"],
      ["A", "allow", 3, "the application's policies list"],
      ["literal-policy-id", "unknown", 3, "the application's policies list"],
    ]);
    expect(model.hostnames).toEqual(["app.acme.com"]);
    expect(model.orderUnknown).toBeUndefined();
  });

  test("a precedence known only at plan time leaves the order unknown; a policy listed twice counts once", () => {
    const json = handWritten({
      cloudflare_zero_trust_access_policy: { a: { account_id: "x", name: "A", decision: "allow", include: [{ everyone: {} }] } },
      cloudflare_zero_trust_access_application: { app: { account_id: "x", name: "App", policies: [{ id: "${cloudflare_zero_trust_access_policy.a.id}", precedence: "${var.p}" }, { id: "${cloudflare_zero_trust_access_policy.a.id}" }] } },
    });
    expect(app(json).orderUnknown).toBe("a policy's precedence is known only at plan time");
    expect(app(json).policies).toHaveLength(1);
  });

  test("hostnames: domain, self_hosted_domains, destinations (uri, hostname, cidr), lower case, once each", () => {
    const json = handWritten({
      cloudflare_zero_trust_access_application: { app: { name: "App", domain: "A.acme.com", self_hosted_domains: ["a.acme.com", "B.acme.com"], destinations: [{ uri: "c.acme.com/x" }, { hostname: "d.internal" }, { cidr: "10.0.0.0/8" }] } },
    });
    expect(app(json).hostnames).toEqual(["a.acme.com", "b.acme.com", "c.acme.com/x", "d.internal", "10.0.0.0/8"]);
  });

  test.each([
    [undefined, { kind: "all" }],
    [[], { kind: "all" }],
    [[IDP_REF, "literal-idp"], { kind: "some", keys: [`${IDP}.okta`, "id:literal-idp"] }],
    ["${var.idps}", { kind: "unknown", text: "${var.idps}" }],
  ])("allowed_idps %j", (allowed, expected) => {
    const json = handWritten({ cloudflare_zero_trust_access_application: { app: { name: "App", ...(allowed !== undefined ? { allowed_idps: allowed } : {}) } } });
    expect(app(json).allowedIdps).toEqual(expected);
  });

  test("an identity provider: what it trusts, the groups that reach Cloudflare, who signs in", () => {
    const model = accessModel(index(handWrittenIdp((j) => (j.resource.okta_app_group_assignments.cloudflare.group = [{ id: "00g-eng" }, { id: "${okta_group.sre.id}" }]))));
    const idp = model.idps.get(`${IDP}.okta`)!;
    expect(Object.fromEntries(idp.trust)).toEqual({ okta_account: "https://acme.okta.com", client_id: "${okta_app_oauth.cloudflare.client_id}", email_claim_name: undefined, authorization_server_id: undefined });
    expect(idp.groups).toMatchObject({ kind: "filter", description: 'groups starting with "eng-"' });
    expect(idp.signIn).toMatchObject({ kind: "assigned", everyone: false, groups: [{ key: "id:00g-eng" }, { key: `ref:okta_group.sre` }] });
  });

  test("trust fields are read in the base's address space: a renamed Okta app is the same client", () => {
    const json = handWrittenIdp();
    const renamed = accessModel(index(json), new Map([["okta_app_oauth.cloudflare", "okta_app_oauth.old"]]));
    expect(renamed.idps.get(`${IDP}.okta`)?.trust.get("client_id")).toBe("${okta_app_oauth.old.client_id}");
  });

  test("sign-in: Everyone, implicit assignment, a dynamic block (known at plan time), no assignment in the stack", () => {
    const signIn = (change: (j: any) => void) => accessModel(index(handWrittenIdp(change))).idps.get(`${IDP}.okta`)?.signIn;
    expect(signIn(() => undefined)).toMatchObject({ kind: "assigned", everyone: true });
    expect(signIn((j) => {
      delete j.resource.okta_app_group_assignments;
      j.resource.okta_app_oauth.cloudflare.implicit_assignment = "1";
    })).toMatchObject({ kind: "assigned", everyone: true, implicit: true });
    expect(signIn((j) => (j.resource.okta_app_group_assignments.cloudflare = { app_id: "${okta_app_oauth.cloudflare.id}", dynamic: { group: { for_each: "${var.groups}", content: { id: "${group.value}" } } } }))).toMatchObject({ kind: "unknown" });
    expect(signIn((j) => delete j.resource.okta_app_group_assignments)).toMatchObject({ kind: "outside" });
  });

  test("groups that reach Cloudflare: no claim, a claim known at plan time, a custom authorization server's claim", () => {
    const groups = (change: (j: any) => void) => accessModel(index(handWrittenIdp(change))).idps.get(`${IDP}.okta`)?.groups;
    expect(groups((j) => delete j.resource.okta_app_oauth.cloudflare.groups_claim)).toMatchObject({ kind: "unknown" });
    expect(quoted((groups((j) => (j.resource.okta_app_oauth.cloudflare.groups_claim[0].value = "${var.prefix}")) as any).why)).toBe('the groups claim of Okta app "Access" is known only at plan time');
    expect(
      groups((j) => {
        j.resource[IDP].okta.config.authorization_server_id = "${okta_auth_server.main.id}";
        j.resource.okta_auth_server_claim = { groups: { auth_server_id: "${okta_auth_server.main.id}", name: "groups", claim_type: "IDENTITY", value_type: "GROUPS", group_filter_type: "EQUALS", value: "Eng" } };
      }),
    ).toMatchObject({ kind: "filter", description: 'the group named "Eng"' });
  });

  test("Access groups that include each other are noted", () => {
    const json = handWritten({
      cloudflare_zero_trust_access_group: {
        a: { name: "A", include: [{ group: { id: "${cloudflare_zero_trust_access_group.b.id}" } }] },
        b: { name: "B", include: [{ group: { id: "${cloudflare_zero_trust_access_group.a.id}" } }] },
        c: { name: "C", include: [{ group: { id: "${cloudflare_zero_trust_access_group.c.id}" } }] },
      },
    });
    const model = accessModel(index(json));
    expect(model.notes.map((n) => n.message)).toEqual(['Access group "A" includes itself: "A" → "B" → "A"; the review cannot tell whom the cycle admits', 'Access group "C" includes itself: "C" → "C"; the review cannot tell whom the cycle admits']);
    expect([...model.cyclic].sort()).toEqual(["cloudflare_zero_trust_access_group.a", "cloudflare_zero_trust_access_group.b", "cloudflare_zero_trust_access_group.c"]);
  });
});

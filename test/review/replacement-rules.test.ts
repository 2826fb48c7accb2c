/**
 * Issue 17.7: the replacement rules (src/review/replacement.ts and the
 * force-new registry of src/review/resource-types.ts), rule by rule: every
 * force-new attribute of every type, what is not force-new, replacements
 * carried through references, renames and the moves that fix them, removals
 * and what users will notice, each finding asserted whole.
 */
import { ReviewWarning } from "../../src/review/findings";
import { review } from "../../src/review/review";
import { findRenames, forceNewChanges, forceNewReferencesTo, normalizeReferences } from "../../src/review/replacement";
import { forceNewAttributes, removalImpact, replacementImpact } from "../../src/review/resource-types";
import { TfResource } from "../../src/review/stack-index";
import { JsonObject } from "../../src/review/terraform-json";
import { handWritten, quoted, writeStackFile } from "./helpers";

const ACCOUNT = "0123456789abcdef0123456789abcdef";
const OTHER_ACCOUNT = "fedcba9876543210fedcba9876543210";
const ZONE = "11111111111111111111111111111111";

const IDP = "cloudflare_zero_trust_access_identity_provider";
const GROUP = "cloudflare_zero_trust_access_group";
const POLICY = "cloudflare_zero_trust_access_policy";
const APP = "cloudflare_zero_trust_access_application";

// What each replacement and removal means for users, as the rules must say it.
const OKTA_APP_REPLACED =
  "Terraform deletes the Okta app and creates a new one: a new client ID and a new client secret (Cloudflare's identity provider is updated with them), everybody who signed in through it is signed out and must sign in again, and anything set on the old app by hand in the Okta admin console (assignments, sign-on policy) is lost.";
const OKTA_APP_REMOVED = "Terraform deletes the Okta app: nobody can sign in through it any more.";
const ASSIGNMENTS_REMOVED = "Terraform deletes the exclusive assignment: the groups are unassigned from the Okta app and cannot sign in through it.";
const ASSIGNMENT_REPLACED = "Terraform removes the group assignment and adds it again: its members cannot sign in through the Okta app in between.";
const CLAIM_REPLACED = "Terraform deletes the claim and creates it again: tokens issued in between carry no groups, so Access rules on Okta groups deny.";
const CLAIM_REMOVED = "Terraform deletes the claim: the authorization server's tokens no longer carry it, so Access rules on Okta groups deny the people who sign in through that server.";
const IDP_REPLACED =
  "Terraform deletes the Cloudflare identity provider and creates a new one with a new id: every Access session issued through it ends (everybody signs in again), Access groups, policies and applications that name it are updated, and with SCIM on, its base URL and secret change (update the Okta SCIM app).";
const IDP_REMOVED = "Terraform deletes the Cloudflare identity provider: its users can no longer sign in to Access with it.";
const APP_REPLACED =
  "Terraform deletes the Access application and creates a new one with a new AUD tag: users sign in again, and origins that validate Access JWTs against the old AUD reject every request until they are updated.";
const APP_REMOVED = "Terraform deletes the Access application: the hostname is no longer protected by Access, and is open to anyone who can reach the origin.";
const POLICY_REPLACED = "Terraform deletes the policy and creates a new one with a new id; between the two steps the applications that use it may deny access.";
const POLICY_REMOVED = "Terraform deletes the policy: the applications that used it no longer apply its rules (a deny policy removed lets its people in).";
const GROUP_REPLACED = "Terraform deletes the Access group and creates a new one with a new id; policies that use it are updated, and may deny access in between.";

/** cdktf's metadata: the construct path of a resource. */
const at = (path: string) => ({ "//": { metadata: { path: `acme/${path}` } } });

/**
 * Every family of the review in one stack (current type names), each resource
 * with its construct path under `prefix`, named `<name><suffix>`.
 */
function stack(prefix = "Okta", suffix = ""): any {
  const n = (name: string) => `${name}${suffix}`;
  return handWritten({
    okta_app_oauth: {
      [n("app")]: { ...at(`${prefix}/App`), label: "Access", type: "web", grant_types: ["authorization_code"], redirect_uris: ["https://acme.cloudflareaccess.com/cdn-cgi/access/callback"] },
    },
    okta_app_group_assignments: {
      [n("all")]: { ...at(`${prefix}/GroupAssignments`), app_id: `\${okta_app_oauth.${n("app")}.id}`, group: [{ id: "00gEveryone" }] },
    },
    okta_app_group_assignment: {
      [n("eng")]: { ...at(`${prefix}/GroupAssignment`), app_id: `\${okta_app_oauth.${n("app")}.id}`, group_id: "00gEng" },
    },
    okta_auth_server_claim: {
      [n("groups")]: { ...at(`${prefix}/Claim`), auth_server_id: "aus1", name: "groups", claim_type: "IDENTITY", value_type: "GROUPS", group_filter_type: "STARTS_WITH", value: "eng-" },
    },
    [IDP]: {
      [n("idp")]: {
        ...at(`${prefix}/IdentityProvider`),
        name: "Acme Okta",
        type: "okta",
        account_id: ACCOUNT,
        config: { client_id: `\${okta_app_oauth.${n("app")}.client_id}`, client_secret: `\${okta_app_oauth.${n("app")}.client_secret}`, okta_account: "https://acme.okta.com", claims: ["groups"] },
      },
    },
    [GROUP]: {
      [n("eng")]: { ...at(`${prefix}/EngGroup`), account_id: ACCOUNT, name: "Eng", include: [{ okta: { name: "Eng", identity_provider_id: `\${${IDP}.${n("idp")}.id}` } }] },
    },
    [POLICY]: {
      [n("allow")]: { ...at(`${prefix}/Allow`), account_id: ACCOUNT, name: "Allow", decision: "allow", include: [{ group: { id: `\${${GROUP}.${n("eng")}.id}` } }] },
    },
    [APP]: {
      [n("wiki")]: {
        ...at(`${prefix}/Wiki`),
        account_id: ACCOUNT,
        name: "Wiki",
        domain: "wiki.acme.com",
        type: "self_hosted",
        allowed_idps: [`\${${IDP}.${n("idp")}.id}`],
        policies: [{ id: `\${${POLICY}.${n("allow")}.id}`, precedence: 1 }],
      },
    },
  });
}

/** The same families under the Cloudflare provider v4 names (stacks written by hand). */
function v4Stack(): any {
  return handWritten({
    cloudflare_access_identity_provider: { idp: { name: "Acme Okta", type: "okta", account_id: ACCOUNT, config: { okta_account: "https://acme.okta.com" } } },
    cloudflare_access_group: { eng: { account_id: ACCOUNT, name: "Eng", include: { okta: { name: ["Eng"], identity_provider_id: "${cloudflare_access_identity_provider.idp.id}" } } } },
    cloudflare_access_application: { wiki: { account_id: ACCOUNT, name: "Wiki", domain: "wiki.acme.com" } },
    cloudflare_access_policy: {
      allow: { account_id: ACCOUNT, application_id: "${cloudflare_access_application.wiki.id}", name: "Allow", decision: "allow", precedence: 1, include: { group: ["${cloudflare_access_group.eng.id}"] } },
    },
  });
}

type Finding = Omit<ReviewWarning, "id">;

/** The replacement and removal findings of a review of `head` against `base`, whole, with quoted values. */
function replacementFindings(base: JsonObject, head: JsonObject): Finding[] {
  return allFindings(base, head).filter((w) => w.kind === "replace" || w.kind === "remove");
}

function allFindings(base: JsonObject, head: JsonObject): Finding[] {
  const result = review(writeStackFile(head), { base: writeStackFile(base) });
  return result.warnings.map(({ id, ...w }) => {
    expect(id).toMatch(/^(replace|remove|widen|undecided|narrow|provider|check|session|warning)-[0-9a-f]{12}(-\d+)?$/);
    return { ...w, message: quoted(w.message), hint: w.hint === undefined ? undefined : quoted(w.hint) };
  });
}

const edited = (change: (j: any) => void, make: () => any = () => stack()) => {
  const json = make();
  change(json);
  return json;
};

const reason = (attribute: string) => `"${attribute}" changes, and the provider cannot change it in place`;

describe("the force-new registry", () => {
  test.each([
    ["okta_app_oauth", ["type", "client_id"]],
    ["okta_app_group_assignments", []],
    ["okta_app_group_assignment", ["app_id", "group_id"]],
    ["okta_auth_server_claim", []],
    [IDP, ["type", "account_id", "zone_id"]],
    ["cloudflare_access_identity_provider", ["type", "account_id", "zone_id"]],
    [APP, ["account_id", "zone_id"]],
    ["cloudflare_access_application", ["account_id", "zone_id"]],
    // A reusable policy belongs to an account: v5 has no zone_id for it (e2e/suite/force-new.e2e.ts).
    [POLICY, ["account_id"]],
    ["cloudflare_access_policy", ["account_id", "zone_id", "application_id"]],
    [GROUP, ["account_id", "zone_id"]],
    ["cloudflare_access_group", ["account_id", "zone_id"]],
    ["okta_group", []],
  ])("%s: force-new %j", (type, attributes) => {
    expect(forceNewAttributes(type)).toEqual(attributes);
  });
});

describe("forceNewChanges: each force-new attribute of each type", () => {
  const cases = [
    ["okta_app_oauth", "type"],
    ["okta_app_oauth", "client_id"],
    ["okta_app_group_assignment", "app_id"],
    ["okta_app_group_assignment", "group_id"],
    [IDP, "type"],
    [IDP, "account_id"],
    [IDP, "zone_id"],
    ["cloudflare_access_identity_provider", "type"],
    ["cloudflare_access_identity_provider", "account_id"],
    ["cloudflare_access_identity_provider", "zone_id"],
    [APP, "account_id"],
    [APP, "zone_id"],
    ["cloudflare_access_application", "account_id"],
    ["cloudflare_access_application", "zone_id"],
    [POLICY, "account_id"],
    ["cloudflare_access_policy", "account_id"],
    ["cloudflare_access_policy", "zone_id"],
    ["cloudflare_access_policy", "application_id"],
    [GROUP, "account_id"],
    [GROUP, "zone_id"],
    ["cloudflare_access_group", "account_id"],
    ["cloudflare_access_group", "zone_id"],
  ];

  test.each(cases)("%s: %s changed, set or unset forces a replacement; the same value does not", (type, attribute) => {
    const before = { name: "x", [attribute]: "one" };
    expect(forceNewChanges(type, before, { name: "x", [attribute]: "two" })).toEqual([attribute]);
    expect(forceNewChanges(type, { name: "x" }, before)).toEqual([attribute]);
    expect(forceNewChanges(type, before, { name: "x" })).toEqual([attribute]);
    expect(forceNewChanges(type, before, { name: "y", [attribute]: "one" })).toEqual([]);
  });

  test.each([
    ["okta_app_oauth", ["label", "redirect_uris", "grant_types", "client_basic_secret", "token_endpoint_auth_method", "groups_claim", "pkce_required"]],
    ["okta_app_group_assignments", ["app_id", "group"]],
    ["okta_app_group_assignment", ["retain_assignment", "priority"]],
    ["okta_auth_server_claim", ["auth_server_id", "name", "value", "group_filter_type"]],
    [IDP, ["name", "config", "scim_config"]],
    [APP, ["name", "domain", "allowed_idps", "policies", "session_duration"]],
    [POLICY, ["name", "decision", "include", "exclude", "require", "session_duration"]],
    [GROUP, ["name", "include", "exclude", "require"]],
    ["cloudflare_access_policy", ["name", "decision", "precedence"]],
    ["okta_group", ["type", "account_id", "name"]],
  ])("%s: %j change in place", (type, attributes) => {
    for (const attribute of attributes) {
      expect(forceNewChanges(type, { [attribute]: "one" }, { [attribute]: ["two"] })).toEqual([]);
    }
  });

  test("several force-new attributes in the registry's order; values compared as canonical JSON", () => {
    expect(forceNewChanges(IDP, { account_id: ACCOUNT, type: "okta" }, { zone_id: ZONE, type: "oidc" })).toEqual(["type", "account_id", "zone_id"]);
    expect(forceNewChanges(APP, { account_id: { a: 1, b: 2 } }, { account_id: { b: 2, a: 1 } })).toEqual([]);
  });

  test.each([
    [true, false, ["omit_secret"]],
    [true, undefined, ["omit_secret"]],
    [true, true, []],
    [false, true, []],
    [undefined, true, []],
    [false, undefined, []],
  ])("okta_app_oauth: omit_secret %s → %s gives %j (a new app only when the secret comes back)", (before, after, expected) => {
    expect(forceNewChanges("okta_app_oauth", { omit_secret: before ?? null }, { omit_secret: after ?? null }).length).toBe(expected.length);
    const b: JsonObject = before === undefined ? {} : { omit_secret: before };
    const a: JsonObject = after === undefined ? {} : { omit_secret: after };
    expect(forceNewChanges("okta_app_oauth", b, a)).toEqual(expected);
  });

  test("omit_secret counts after the registry's attributes, and only for okta_app_oauth", () => {
    expect(forceNewChanges("okta_app_oauth", { type: "web", omit_secret: true }, { type: "browser", omit_secret: false })).toEqual(["type", "omit_secret"]);
    expect(forceNewChanges(IDP, { omit_secret: true }, { omit_secret: false })).toEqual([]);
  });
});

describe("forceNewReferencesTo: a force-new reference to a re-created resource", () => {
  const resource = (type: string, body: JsonObject): TfResource => ({ address: `${type}.x`, type, name: "x", mode: "managed", body });

  test("each force-new attribute that refers to a replaced address, every address it names, in order", () => {
    const assignment = resource("okta_app_group_assignment", { app_id: "${okta_app_oauth.a.id}", group_id: "${okta_group.g.id}-${okta_group.h.id}", priority: "${okta_group.g.id}" });
    expect(forceNewReferencesTo(assignment, new Set(["okta_app_oauth.a", "okta_group.g", "okta_group.h"]))).toEqual([
      "app_id (refers to okta_app_oauth.a, which is re-created)",
      "group_id (refers to okta_group.g, which is re-created)",
      "group_id (refers to okta_group.h, which is re-created)",
    ]);
    expect(forceNewReferencesTo(assignment, new Set(["okta_group.h"]))).toEqual(["group_id (refers to okta_group.h, which is re-created)"]);
  });

  test("no reason: a reference to what is kept, a non-force-new attribute, a missing or non-string value, a type without force-new attributes", () => {
    const replaced = new Set(["okta_app_oauth.a"]);
    expect(forceNewReferencesTo(resource("okta_app_group_assignment", { app_id: "${okta_app_oauth.b.id}", group_id: "00g1" }), replaced)).toEqual([]);
    expect(forceNewReferencesTo(resource("okta_app_group_assignment", { priority: "${okta_app_oauth.a.id}" }), replaced)).toEqual([]);
    expect(forceNewReferencesTo(resource("okta_app_group_assignment", { app_id: ["${okta_app_oauth.a.id}"], group_id: { id: "${okta_app_oauth.a.id}" } }), replaced)).toEqual([]);
    expect(forceNewReferencesTo(resource("okta_app_group_assignments", { app_id: "${okta_app_oauth.a.id}" }), replaced)).toEqual([]);
  });
});

describe("normalizeReferences", () => {
  test("references reduced to their type, data sources kept apart from resources", () => {
    expect(normalizeReferences({ a: "${okta_app_oauth.App_1.id}", b: ["${data.okta_group.eng.id}"], c: { d: "x-${okta_group.eng.id}-${var.v}" } })).toEqual({
      a: "${okta_app_oauth.*.id}",
      b: ["${data.okta_group.*.id}"],
      c: { d: "x-${okta_group.*.id}-${var.v}" },
    });
  });
});

describe("a force-new change in the review: one replacement finding per resource, whole", () => {
  test("GIVEN the same stack THEN no replacement and no removal", () => {
    expect(replacementFindings(stack(), stack())).toEqual([]);
  });

  test("the Okta app's type: the app and the additive assignment whose force-new app_id refers to it", () => {
    const head = edited((j) => (j.resource.okta_app_oauth.app.type = "browser"));
    expect(replacementFindings(stack(), head)).toEqual([
      {
        kind: "replace",
        stack: "main",
        address: "okta_app_oauth.app",
        constructPath: "acme/Okta/App",
        message: `"okta_app_oauth.app" is replaced: ${reason("type")}`,
        impact: OKTA_APP_REPLACED,
      },
      {
        kind: "replace",
        stack: "main",
        address: "okta_app_group_assignment.eng",
        constructPath: "acme/Okta/GroupAssignment",
        message: '"okta_app_group_assignment.eng" is replaced: "app_id (refers to okta_app_oauth.app, which is re-created)"',
        impact: ASSIGNMENT_REPLACED,
      },
    ]);
  });

  test("the Okta app's client_id and omit_secret back to false: both reasons, in order", () => {
    const base = edited((j) => (j.resource.okta_app_oauth.app.omit_secret = true));
    const head = edited((j) => {
      j.resource.okta_app_oauth.app.omit_secret = false;
      j.resource.okta_app_oauth.app.client_id = "0oa-chosen";
    });
    expect(replacementFindings(base, head)[0]).toEqual({
      kind: "replace",
      stack: "main",
      address: "okta_app_oauth.app",
      constructPath: "acme/Okta/App",
      message: `"okta_app_oauth.app" is replaced: ${reason("client_id")}; ${reason("omit_secret")}`,
      impact: OKTA_APP_REPLACED,
    });
  });

  test("an additive assignment's group_id", () => {
    const head = edited((j) => (j.resource.okta_app_group_assignment.eng.group_id = "00gOps"));
    expect(replacementFindings(stack(), head)).toEqual([
      {
        kind: "replace",
        stack: "main",
        address: "okta_app_group_assignment.eng",
        constructPath: "acme/Okta/GroupAssignment",
        message: `"okta_app_group_assignment.eng" is replaced: ${reason("group_id")}`,
        impact: ASSIGNMENT_REPLACED,
      },
    ]);
  });

  test.each([
    ["type", "oidc"],
    ["account_id", OTHER_ACCOUNT],
  ])("the identity provider's %s", (attribute, value) => {
    const head = edited((j) => (j.resource[IDP].idp[attribute] = value));
    expect(replacementFindings(stack(), head)).toEqual([
      { kind: "replace", stack: "main", address: `${IDP}.idp`, constructPath: "acme/Okta/IdentityProvider", message: `"${IDP}.idp" is replaced: ${reason(attribute)}`, impact: IDP_REPLACED },
    ]);
  });

  test("the identity provider moved from the account to a zone: account_id and zone_id", () => {
    const head = edited((j) => {
      delete j.resource[IDP].idp.account_id;
      j.resource[IDP].idp.zone_id = ZONE;
    });
    expect(replacementFindings(stack(), head)).toEqual([
      {
        kind: "replace",
        stack: "main",
        address: `${IDP}.idp`,
        constructPath: "acme/Okta/IdentityProvider",
        message: `"${IDP}.idp" is replaced: ${reason("account_id")}; ${reason("zone_id")}`,
        impact: IDP_REPLACED,
      },
    ]);
  });

  test.each([
    [APP, "wiki", "acme/Okta/Wiki", APP_REPLACED],
    [POLICY, "allow", "acme/Okta/Allow", POLICY_REPLACED],
    [GROUP, "eng", "acme/Okta/EngGroup", GROUP_REPLACED],
  ])("%s: account_id", (type, name, constructPath, impact) => {
    const head = edited((j) => (j.resource[type][name].account_id = OTHER_ACCOUNT));
    expect(replacementFindings(stack(), head)).toEqual([
      { kind: "replace", stack: "main", address: `${type}.${name}`, constructPath, message: `"${type}.${name}" is replaced: ${reason("account_id")}`, impact },
    ]);
  });

  test("the claim has no force-new attribute: a new auth_server_id or value is an update", () => {
    const head = edited((j) => {
      j.resource.okta_auth_server_claim.groups.auth_server_id = "aus2";
      j.resource.okta_auth_server_claim.groups.value = "ops-";
    });
    expect(replacementFindings(stack(), head)).toEqual([]);
  });

  test("changes in place on every family: no replacement", () => {
    const head = edited((j) => {
      j.resource.okta_app_oauth.app.label = "Access (new)";
      j.resource.okta_app_oauth.app.redirect_uris.push("https://other.cloudflareaccess.com/cdn-cgi/access/callback");
      j.resource.okta_app_group_assignments.all.group.push({ id: "00gOps" });
      j.resource.okta_app_group_assignment.eng.priority = 2;
      j.resource[IDP].idp.name = "Acme Okta (new)";
      j.resource[GROUP].eng.name = "Engineering";
      j.resource[POLICY].allow.name = "Allow engineering";
      j.resource[APP].wiki.name = "Team wiki";
    });
    expect(replacementFindings(stack(), head)).toEqual([]);
  });

  test("several replacements: what hurts users most first (Okta app, identity provider, application, policy, assignment)", () => {
    const head = edited((j) => {
      j.resource[POLICY].allow.account_id = OTHER_ACCOUNT;
      j.resource[APP].wiki.account_id = OTHER_ACCOUNT;
      j.resource[IDP].idp.account_id = OTHER_ACCOUNT;
      j.resource.okta_app_oauth.app.type = "browser";
    });
    expect(replacementFindings(stack(), head).map((w) => w.address)).toEqual([
      "okta_app_oauth.app",
      `${IDP}.idp`,
      `${APP}.wiki`,
      `${POLICY}.allow`,
      "okta_app_group_assignment.eng",
    ]);
  });

  test("v4 names: a replaced Access application replaces the policy whose force-new application_id refers to it", () => {
    const head = edited((j) => (j.resource.cloudflare_access_application.wiki.account_id = OTHER_ACCOUNT), v4Stack);
    expect(replacementFindings(v4Stack(), head)).toEqual([
      {
        kind: "replace",
        stack: "main",
        address: "cloudflare_access_application.wiki",
        message: `"cloudflare_access_application.wiki" is replaced: ${reason("account_id")}`,
        impact: APP_REPLACED,
      },
      {
        kind: "replace",
        stack: "main",
        address: "cloudflare_access_policy.allow",
        message: '"cloudflare_access_policy.allow" is replaced: "application_id (refers to cloudflare_access_application.wiki, which is re-created)"',
        impact: POLICY_REPLACED,
      },
    ]);
  });

  test.each([
    ["cloudflare_access_identity_provider", "idp", "type", "oidc", IDP_REPLACED],
    ["cloudflare_access_group", "eng", "account_id", OTHER_ACCOUNT, GROUP_REPLACED],
    ["cloudflare_access_policy", "allow", "application_id", "app-id-by-hand", POLICY_REPLACED],
  ])("v4 names: %s's %s", (type, name, attribute, value, impact) => {
    const head = edited((j) => (j.resource[type][name][attribute] = value), v4Stack);
    expect(replacementFindings(v4Stack(), head)).toEqual([
      { kind: "replace", stack: "main", address: `${type}.${name}`, message: `"${type}.${name}" is replaced: ${reason(attribute)}`, impact },
    ]);
  });

  test("a data source is never replaced: a changed force-new-named attribute of one is an update", () => {
    const base = edited((j) => (j.data = { okta_app_oauth: { lookup: { type: "web", label: "x" } } }));
    const head = edited((j) => (j.data = { okta_app_oauth: { lookup: { type: "browser", label: "x" } } }));
    expect(replacementFindings(base, head)).toEqual([]);
  });
});

describe("removals: what users will notice", () => {
  test.each([
    ["okta_app_oauth", "app", "acme/Okta/App", OKTA_APP_REMOVED],
    ["okta_app_group_assignments", "all", "acme/Okta/GroupAssignments", ASSIGNMENTS_REMOVED],
    [IDP, "idp", "acme/Okta/IdentityProvider", IDP_REMOVED],
    [APP, "wiki", "acme/Okta/Wiki", APP_REMOVED],
    [POLICY, "allow", "acme/Okta/Allow", POLICY_REMOVED],
    ["okta_auth_server_claim", "groups", "acme/Okta/Claim", CLAIM_REMOVED],
  ])("%s deleted", (type, name, constructPath, impact) => {
    const head = edited((j) => delete j.resource[type][name]);
    expect(replacementFindings(stack(), head)).toEqual([{ kind: "remove", stack: "main", address: `${type}.${name}`, constructPath, message: `"${type}.${name}" is deleted`, impact }]);
    expect(removalImpact(type)).toBe(impact);
  });

  test.each([
    ["cloudflare_access_identity_provider", "idp", IDP_REMOVED],
    ["cloudflare_access_application", "wiki", APP_REMOVED],
    ["cloudflare_access_policy", "allow", POLICY_REMOVED],
  ])("v4 names: %s deleted", (type, name, impact) => {
    const head = edited((j) => delete j.resource[type][name], v4Stack);
    expect(replacementFindings(v4Stack(), head)).toEqual([{ kind: "remove", stack: "main", address: `${type}.${name}`, message: `"${type}.${name}" is deleted`, impact }]);
  });

  test.each([GROUP, "cloudflare_access_group", "okta_group"])("%s deleted: no removal finding (nothing users notice by itself)", (type) => {
    expect(removalImpact(type)).toBeUndefined();
  });

  test("a whole stack no longer synthesized: one removal for the stack, none per resource", () => {
    const result = review(writeStackFile(stack(), "other.tf.json"), { base: writeStackFile(stack()) });
    const removals = result.warnings.filter((w) => w.kind === "remove").map(({ id: _id, ...w }) => ({ ...w, message: quoted(w.message) }));
    expect(removals).toEqual([
      {
        kind: "remove",
        stack: "main",
        message: 'stack "main" is no longer synthesized',
        impact: "Its resources stay deployed, unmanaged by this code, until someone runs `cdktf destroy` for that stack.",
      },
    ]);
  });
});

describe("replacement impact of a type the review does not know", () => {
  test("a generic sentence", () => {
    expect(replacementImpact("random_thing")).toBe("Terraform deletes the resource and creates a new one.");
  });
});

/** The hint of a likely rename, as the review must word it. */
const moveHint = (constructPath: string, from: string) =>
  `Keep the old construct id, or declare the move on the resource at "${constructPath}": "moveFromId("${from}")" (its construct's "node.findChild("${constructPath.split("/").pop()}")" reaches it when no attribute exposes it), which writes a Terraform moved block. Do it for every resource the rename affects: each has its own warning.`;

const renameMessage = (from: string, fromPath: string, to: string, toPath: string) =>
  `"${from}" ("${fromPath}") is removed and "${to}" ("${toPath}") is added with the same content: most likely a renamed construct id. Terraform does not follow renames: it replaces the resource`;

describe("renamed construct ids: every affected resource, with the move that fixes it", () => {
  // [type, base name, construct path below Okta/Sso, impact]: in the order the review lists them (what hurts most first).
  const renamed: [string, string, string, string][] = [
    ["okta_app_oauth", "app", "App", OKTA_APP_REPLACED],
    [IDP, "idp", "IdentityProvider", IDP_REPLACED],
    [APP, "wiki", "Wiki", APP_REPLACED],
    [GROUP, "eng", "EngGroup", GROUP_REPLACED],
    [POLICY, "allow", "Allow", POLICY_REPLACED],
    ["okta_app_group_assignment", "eng", "GroupAssignment", ASSIGNMENT_REPLACED],
    ["okta_app_group_assignments", "all", "GroupAssignments", ASSIGNMENT_REPLACED],
    ["okta_auth_server_claim", "groups", "Claim", CLAIM_REPLACED],
  ];

  test("GIVEN every construct id renamed (Okta → Sso, new addresses) THEN each resource is a likely rename with its own moveFromId", () => {
    const found = replacementFindings(stack(), stack("Sso", "_sso"));
    expect(found).toEqual(
      renamed.map(([type, name, child, impact]) => ({
        kind: "replace",
        stack: "main",
        address: `${type}.${name}_sso`,
        constructPath: `acme/Sso/${child}`,
        message: renameMessage(`${type}.${name}`, `acme/Okta/${child}`, `${type}.${name}_sso`, `acme/Sso/${child}`),
        impact,
        hint: moveHint(`acme/Sso/${child}`, `${type}.${name}`),
      })),
    );
  });

  test("WHEN every suggested move is applied (the moved blocks moveFromId writes) THEN those warnings go away and no new one appears", () => {
    const before = allFindings(stack(), stack("Sso", "_sso"));
    const head = stack("Sso", "_sso");
    head.moved = before
      .filter((w) => w.hint !== undefined)
      .map((w) => ({ from: /moveFromId\("([^"]+)"\)/.exec(w.hint!)![1], to: w.address }));
    expect(head.moved).toHaveLength(renamed.length);
    const after = allFindings(stack(), head);
    expect(after).toEqual(before.filter((w) => w.hint === undefined));
    expect(after.filter((w) => w.kind === "replace" || w.kind === "remove")).toEqual([]);
    const result = review(writeStackFile(head), { base: writeStackFile(stack()) });
    expect(result.diff?.counts).toEqual({ create: 0, import: 0, update: 0, replace: 0, move: renamed.length, delete: 0 });
  });

  test("GIVEN only the Okta app renamed THEN the app is a rename and the additive assignment, whose force-new app_id now names it, is replaced", () => {
    const head = edited((j) => {
      const app = j.resource.okta_app_oauth.app;
      app["//"] = at("Sso/App")["//"];
      j.resource.okta_app_oauth = { sso_app: app };
      j.resource.okta_app_group_assignments.all.app_id = "${okta_app_oauth.sso_app.id}";
      j.resource.okta_app_group_assignment.eng.app_id = "${okta_app_oauth.sso_app.id}";
      j.resource[IDP].idp.config.client_id = "${okta_app_oauth.sso_app.client_id}";
      j.resource[IDP].idp.config.client_secret = "${okta_app_oauth.sso_app.client_secret}";
    });
    expect(replacementFindings(stack(), head)).toEqual([
      {
        kind: "replace",
        stack: "main",
        address: "okta_app_oauth.sso_app",
        constructPath: "acme/Sso/App",
        message: renameMessage("okta_app_oauth.app", "acme/Okta/App", "okta_app_oauth.sso_app", "acme/Sso/App"),
        impact: OKTA_APP_REPLACED,
        hint: moveHint("acme/Sso/App", "okta_app_oauth.app"),
      },
      {
        kind: "replace",
        stack: "main",
        address: "okta_app_group_assignment.eng",
        constructPath: "acme/Okta/GroupAssignment",
        message: '"okta_app_group_assignment.eng" is replaced: "app_id (refers to okta_app_oauth.sso_app, which is re-created)"',
        impact: ASSIGNMENT_REPLACED,
      },
    ]);
  });

  test("GIVEN a renamed resource without construct path (written by hand) THEN the hint is a Terraform moved block, not moveFromId", () => {
    const base = handWritten({ okta_app_oauth: { a: { label: "Access", type: "web" } } });
    const head = handWritten({ okta_app_oauth: { b: { label: "Access", type: "web" } } });
    expect(replacementFindings(base, head)).toEqual([
      {
        kind: "replace",
        stack: "main",
        address: "okta_app_oauth.b",
        message:
          '"okta_app_oauth.a" is removed and "okta_app_oauth.b" is added with the same content: most likely a renamed construct id. Terraform does not follow renames: it replaces the resource',
        impact: OKTA_APP_REPLACED,
        hint: 'Keep the old resource name, or declare the move with a Terraform moved block from "okta_app_oauth.a" to "okta_app_oauth.b" (in Terraform JSON, an entry of the top-level "moved" list). Do it for every resource the rename affects: each has its own warning.',
      },
    ]);
  });
});

describe("the hand-written hint, applied", () => {
  test("GIVEN the moved block the hint asks for THEN the warning goes away and no new one appears", () => {
    const base = handWritten({ okta_app_oauth: { a: { label: "Access", type: "web" } } });
    const head = handWritten({ okta_app_oauth: { b: { label: "Access", type: "web" } } });
    (head as any).moved = [{ from: "okta_app_oauth.a", to: "okta_app_oauth.b" }];
    expect(replacementFindings(base, head)).toEqual([]);
  });
});

describe("findRenames: which removed and added resources are the same one", () => {
  const res = (address: string, body: JsonObject, constructPath?: string): TfResource => {
    const parts = address.split(".");
    const data = parts[0] === "data";
    return { address, type: data ? parts[1] : parts[0], name: parts[parts.length - 1], mode: data ? "data" : "managed", constructPath, body };
  };
  const summary = (pairs: ReturnType<typeof findRenames>) => pairs.map((p) => [p.from.address, p.to.address, p.similarity]);

  test("identical content pairs with similarity 1; different content or another type or mode does not", () => {
    const a = res("okta_group.a", { name: "Eng" });
    expect(summary(findRenames([a], [res("okta_group.b", { name: "Eng" })]))).toEqual([["okta_group.a", "okta_group.b", 1]]);
    expect(findRenames([a], [res("okta_group.b", { name: "Ops" })])).toEqual([]);
    expect(findRenames([a], [res("okta_user.b", { name: "Eng" })])).toEqual([]);
    expect(findRenames([a], [res("data.okta_group.b", { name: "Eng" })])).toEqual([]);
    expect(findRenames([], [res("okta_group.b", { name: "Eng" })])).toEqual([]);
    expect(findRenames([a], [])).toEqual([]);
  });

  test("two identical identity providers are told apart by the Okta apps they refer to, whatever their names say", () => {
    const idp = (address: string, app: string) => res(address, { type: "okta", config: { client_id: `\${okta_app_oauth.${app}.client_id}` } });
    const removed = [idp(`${IDP}.x1`, "a1"), idp(`${IDP}.x2`, "a2"), res("okta_app_oauth.a1", { label: "One" }), res("okta_app_oauth.a2", { label: "Two" })];
    // y1 refers to the app that was a2, y2 to the one that was a1.
    const added = [idp(`${IDP}.y1`, "b2"), idp(`${IDP}.y2`, "b1"), res("okta_app_oauth.b1", { label: "One" }), res("okta_app_oauth.b2", { label: "Two" })];
    expect(summary(findRenames(removed, added))).toEqual([
      ["okta_app_oauth.a1", "okta_app_oauth.b1", 1],
      ["okta_app_oauth.a2", "okta_app_oauth.b2", 1],
      [`${IDP}.x1`, `${IDP}.y2`, 1],
      [`${IDP}.x2`, `${IDP}.y1`, 1],
    ]);
  });

  test("references are followed down a chain: Access groups told apart by the identity providers they name, themselves told apart by their apps", () => {
    const idp = (address: string, app: string) => res(address, { type: "okta", config: { client_id: `\${okta_app_oauth.${app}.client_id}` } });
    const group = (address: string, to: string) => res(address, { name: "Eng", include: [{ okta: { identity_provider_id: `\${${IDP}.${to}.id}` } }] });
    // Two assignments of one app stay identical once the app is paired: nothing more to wait for, they pair by name at once.
    const assignments = (prefix: string, app: string) => [1, 2].map((i) => res(`okta_app_group_assignments.${prefix}${i}_A`, { app_id: `\${okta_app_oauth.${app}.id}` }));
    const removed = [
      group(`${GROUP}.p1`, "x1"),
      group(`${GROUP}.p2`, "x2"),
      idp(`${IDP}.x1`, "a1"),
      idp(`${IDP}.x2`, "a2"),
      res("okta_app_oauth.a1", { label: "One" }),
      res("okta_app_oauth.a2", { label: "Two" }),
      ...assignments("Okta", "a1"),
    ];
    // q2 names y2, which is x1: so q2 is p1, whatever the names say.
    const added = [
      group(`${GROUP}.q1`, "y1"),
      group(`${GROUP}.q2`, "y2"),
      idp(`${IDP}.y1`, "b2"),
      idp(`${IDP}.y2`, "b1"),
      res("okta_app_oauth.b1", { label: "One" }),
      res("okta_app_oauth.b2", { label: "Two" }),
      ...assignments("Sso", "b1"),
    ];
    // In rounds: the apps; then the identity providers and the assignments; then the groups.
    expect(summary(findRenames(removed, added))).toEqual([
      ["okta_app_oauth.a1", "okta_app_oauth.b1", 1],
      ["okta_app_oauth.a2", "okta_app_oauth.b2", 1],
      [`${IDP}.x1`, `${IDP}.y2`, 1],
      [`${IDP}.x2`, `${IDP}.y1`, 1],
      ["okta_app_group_assignments.Okta1_A", "okta_app_group_assignments.Sso1_A", 1],
      ["okta_app_group_assignments.Okta2_A", "okta_app_group_assignments.Sso2_A", 1],
      [`${GROUP}.p1`, `${GROUP}.q2`, 1],
      [`${GROUP}.p2`, `${GROUP}.q1`, 1],
    ]);
  });

  test("a single candidate pairs at once even while what it refers to is not paired yet", () => {
    const removed = [res(`${IDP}.x`, { client_id: "${okta_app_oauth.a.client_id}" }), res("okta_app_oauth.a", { label: "One" })];
    const added = [res(`${IDP}.y`, { client_id: "${okta_app_oauth.b.client_id}" }), res("okta_app_oauth.b", { label: "One" })];
    expect(summary(findRenames(removed, added))).toEqual([
      [`${IDP}.x`, `${IDP}.y`, 1],
      ["okta_app_oauth.a", "okta_app_oauth.b", 1],
    ]);
  });

  test("identical candidates whose references never pair are handed out by name at last", () => {
    // The app is deleted for good: nothing tells the two assignments apart but their names.
    const assignment = (address: string, app: string) => res(address, { app_id: `\${okta_app_oauth.${app}.id}` });
    // A near match of another type, listed first, comes after them: they are paired as identical, not as near matches.
    const near = [res("okta_group.a", { name: "Eng", description: "eng", skip_users: false, custom: "1" }), res("okta_group.b", { name: "Eng", description: "eng", skip_users: false, custom: "2" })];
    const removed = [near[0], assignment("okta_app_group_assignments.Okta5_Assignments", "gone"), assignment("okta_app_group_assignments.Okta6_Assignments", "gone"), res("okta_app_oauth.gone", { label: "Old" })];
    const added = [near[1], assignment("okta_app_group_assignments.Sso6_Assignments", "fresh"), assignment("okta_app_group_assignments.Sso5_Assignments", "fresh"), res("okta_app_oauth.fresh", { label: "New" })];
    expect(summary(findRenames(removed, added))).toEqual([
      ["okta_app_group_assignments.Okta5_Assignments", "okta_app_group_assignments.Sso5_Assignments", 1],
      ["okta_app_group_assignments.Okta6_Assignments", "okta_app_group_assignments.Sso6_Assignments", 1],
      ["okta_group.a", "okta_group.b", 0.6],
    ]);
  });

  test("known: a resource that refers to a moved one (head address) matches one that refers to its base address", () => {
    const removed = [res("okta_app_group_assignments.a", { app_id: "${okta_app_oauth.old.id}" })];
    const added = [res("okta_app_group_assignments.b", { app_id: "${okta_app_oauth.new.id}" })];
    expect(findRenames(removed, added)).toEqual([]);
    const known = new Map([["okta_app_oauth.new", "okta_app_oauth.old"]]);
    expect(summary(findRenames(removed, added, known))).toEqual([["okta_app_group_assignments.a", "okta_app_group_assignments.b", 1]]);
    // A near match too: 3 of 5 values shared, the moved reference one of them.
    const nearFrom = res("okta_app_group_assignment.c", { app_id: "${okta_app_oauth.old.id}", group_id: "00g1", priority: 1, retain_assignment: true });
    const nearTo = res("okta_app_group_assignment.d", { app_id: "${okta_app_oauth.new.id}", group_id: "00g1", priority: 2, retain_assignment: true });
    expect(summary(findRenames([nearFrom], [nearTo], known))).toEqual([["okta_app_group_assignment.c", "okta_app_group_assignment.d", 0.6]]);
    // Found as identical (first pass), not as a near match after the group of the other type.
    expect(summary(findRenames([...removed, res("okta_group.g", { name: "Eng" })], [...added, res("okta_group.h", { name: "Eng" })], known))).toEqual([
      ["okta_app_group_assignments.a", "okta_app_group_assignments.b", 1],
      ["okta_group.g", "okta_group.h", 1],
    ]);
  });

  test("known also counts for a resource that refers to a moved one and to a renamed one", () => {
    const body = (app: string, group: string) => ({ app_id: `\${okta_app_oauth.${app}.id}`, group_id: `\${okta_group.${group}.id}` });
    const removed = [res("okta_app_group_assignment.a", body("old", "g1")), res("okta_group.g1", { name: "Eng" })];
    const added = [res("okta_app_group_assignment.b", body("new", "g2")), res("okta_group.g2", { name: "Eng" })];
    expect(summary(findRenames(removed, added, new Map([["okta_app_oauth.new", "okta_app_oauth.old"]])))).toEqual([
      ["okta_app_group_assignment.a", "okta_app_group_assignment.b", 1],
      ["okta_group.g1", "okta_group.g2", 1],
    ]);
  });

  test("a reference to a data source is not taken for one to a managed resource of the same type", () => {
    const removed = [res("okta_app_group_assignment.a", { group_id: "${data.okta_group.g.id}" }), res("data.okta_group.g", { name: "Eng" })];
    const added = [res("okta_app_group_assignment.b", { group_id: "${okta_group.h.id}" }), res("okta_group.h", { name: "Eng" })];
    expect(findRenames(removed, added)).toEqual([]);
  });

  test("identical candidates go by the longest shared ending of their construct paths, then of their names", () => {
    const same = { name: "Eng" };
    const removed = [res("okta_group.p", same, "acme/Okta/Apps/A/Group"), res("okta_group.q", same, "acme/Okta/Apps/B/Group")];
    const added = [res("okta_group.r", same, "acme/Sso/Apps/B/Group"), res("okta_group.s", same, "acme/Sso/Apps/A/Group")];
    expect(summary(findRenames(removed, added))).toEqual([
      ["okta_group.p", "okta_group.s", 1],
      ["okta_group.q", "okta_group.r", 1],
    ]);
    const byName = findRenames([res("okta_group.Okta5_Group", same), res("okta_group.Okta6_Group", same)], [res("okta_group.Sso6_Group", same), res("okta_group.Sso5_Group", same)]);
    expect(summary(byName)).toEqual([
      ["okta_group.Okta5_Group", "okta_group.Sso5_Group", 1],
      ["okta_group.Okta6_Group", "okta_group.Sso6_Group", 1],
    ]);
  });

  test("each candidate is handed out once: two removed sharing an ending get the two added in turn; names that share nothing still pair", () => {
    const same = { name: "Eng" };
    const removed = [res("okta_group.p", same, "acme/P/Group"), res("okta_group.q", same, "acme/Q/Group")];
    const added = [res("okta_group.x", same, "acme/X/Group"), res("okta_group.y", same, "acme/Y/Group")];
    expect(summary(findRenames(removed, added))).toEqual([
      ["okta_group.p", "okta_group.x", 1],
      ["okta_group.q", "okta_group.y", 1],
    ]);
    expect(summary(findRenames([res("okta_group.abc", same)], [res("okta_group.xyz", same)]))).toEqual([["okta_group.abc", "okta_group.xyz", 1]]);
  });

  test("more removed than added identical ones: one pairs, the rest stays removed", () => {
    // Either pairing is right: the contents are the same. The first removed one asks first.
    const same = { name: "Eng" };
    const pairs = findRenames([res("okta_group.Okta1_Group", same), res("okta_group.Okta2_Group", same)], [res("okta_group.Sso2_Group", same)]);
    expect(summary(pairs)).toEqual([["okta_group.Okta1_Group", "okta_group.Sso2_Group", 1]]);
  });

  test("near matches: from 60% shared values (exactly 3 of 5) on; the most similar first, then the nearest name", () => {
    const from = res("okta_group.a", { name: "Eng", description: "eng", skip_users: false, custom: "1" });
    const at60 = res("okta_group.b", { name: "Eng", description: "eng", skip_users: false, custom: "2" });
    const below = res("okta_group.c", { name: "Eng", description: "eng", skip_users: true, custom: "2" });
    expect(summary(findRenames([from], [at60]))).toEqual([["okta_group.a", "okta_group.b", 0.6]]);
    expect(findRenames([from], [below])).toEqual([]);
    const closer = res("okta_group.d", { name: "Eng", description: "eng", skip_users: false, custom: "1", extra: "x" });
    expect(summary(findRenames([from], [at60, closer]))).toEqual([["okta_group.a", "okta_group.d", 0.8]]);
    // Equal similarity: the shared construct path ending decides, whatever the order.
    const near = (address: string, path: string) => res(address, { name: "Eng", description: "eng", skip_users: false, custom: "2" }, path);
    const fromPath = res("okta_group.a", from.body, "acme/Okta/Wiki/Group");
    expect(summary(findRenames([fromPath], [near("okta_group.x", "acme/Sso/Other/Group"), near("okta_group.y", "acme/Sso/Wiki/Group")]))).toEqual([["okta_group.a", "okta_group.y", 0.6]]);
    expect(summary(findRenames([fromPath], [near("okta_group.y", "acme/Sso/Wiki/Group"), near("okta_group.x", "acme/Sso/Other/Group")]))).toEqual([["okta_group.a", "okta_group.y", 0.6]]);
    // The same construct path (a logical id overridden) is the nearest of all, whatever the order.
    const same = near("okta_group.z", "acme/Okta/Wiki/Group");
    expect(summary(findRenames([fromPath], [near("okta_group.y", "acme/Sso/Wiki/Group"), same]))).toEqual([["okta_group.a", "okta_group.z", 0.6]]);
    expect(summary(findRenames([fromPath], [same, near("okta_group.y", "acme/Sso/Wiki/Group")]))).toEqual([["okta_group.a", "okta_group.z", 0.6]]);
    // Two removed for one added: the better one wins it.
    const better = res("okta_group.better", { ...at60.body, extra: "x" });
    expect(summary(findRenames([from, better], [at60]))).toEqual([["okta_group.better", "okta_group.b", 0.8]]);
  });

  test("near matches compare values by path: lists item by item, nested blocks key by key", () => {
    // 5 values each, 4 shared: 4 / 6.
    const from = res("okta_group.a", { list: ["x", "y"], block: { k: 1, l: 2 }, n: null });
    const to = res("okta_group.b", { list: ["x", "z"], block: { k: 1, l: 2 }, n: null });
    expect(summary(findRenames([from], [to]))).toEqual([["okta_group.a", "okta_group.b", 4 / 6]]);
    const swapped = res("okta_group.c", { list: ["y", "x"], block: { k: 2, l: 1 }, n: null });
    expect(findRenames([from], [swapped])).toEqual([]);
  });

  test("blocks with no values at all count as the same", () => {
    expect(summary(findRenames([res("okta_group.a", { a: {} })], [res("okta_group.b", { b: [] })]))).toEqual([["okta_group.a", "okta_group.b", 1]]);
  });

  test("near matches are tried for up to 250,000 pairs of a type, not beyond", () => {
    const group = (prefix: string, i: number, custom: string) => res(`okta_group.${prefix}${i}`, { name: `g${i}`, description: `d${i}`, skip_users: `s${i}`, custom });
    const removed = Array.from({ length: 500 }, (_, i) => group("a", i, "old"));
    const added = Array.from({ length: 500 }, (_, i) => group("b", i, "new"));
    const pairs = findRenames(removed, added);
    expect(pairs).toHaveLength(500);
    expect(pairs.every((p) => p.from.name.slice(1) === p.to.name.slice(1) && p.similarity === 0.6)).toBe(true);
    expect(findRenames([...removed, group("a", 500, "old")], added)).toEqual([]);
    // Only what is left after the identical pairs counts: 501 × 501 resources, one pair identical, 500 × 500 near matches.
    const twin = (address: string) => res(address, { name: "twin" });
    const withTwin = findRenames([twin("okta_group.t1"), ...removed], [...added, twin("okta_group.t2")]);
    expect(withTwin).toHaveLength(501);
    expect(summary(withTwin.slice(0, 1))).toEqual([["okta_group.t1", "okta_group.t2", 1]]);
  });

  test("a near match counts a reference to a resource not paired as shared when the types agree, and not when they differ", () => {
    // The apps are not alike (nothing shared): they stay unpaired, and the assignments share app, group and retain_assignment: 3 of 5.
    const assignment = (address: string, app: string, priority: number) => res(address, { app_id: `\${okta_app_oauth.${app}.id}`, group_id: "00g1", priority, retain_assignment: true });
    const removed = [assignment("okta_app_group_assignment.a", "x", 1), res("okta_app_oauth.x", { label: "X" })];
    const added = [assignment("okta_app_group_assignment.b", "y", 2), res("okta_app_oauth.y", { label: "Y" })];
    expect(summary(findRenames(removed, added))).toEqual([["okta_app_group_assignment.a", "okta_app_group_assignment.b", 0.6]]);
    // A reference to an unpaired resource of another type, managed or data source, is not the same reference.
    const ref = (address: string, to: string) => res(address, { ref: `\${${to}.id}` });
    const managed = findRenames([ref("okta_app_group_assignment.a", "okta_group.x"), res("okta_group.x", { name: "X" })], [ref("okta_app_group_assignment.b", "okta_user.y"), res("okta_user.y", { login: "y" })]);
    expect(managed).toEqual([]);
    const data = findRenames(
      [ref("okta_app_group_assignment.a", "data.okta_group.x"), res("data.okta_group.x", { name: "X" })],
      [ref("okta_app_group_assignment.b", "data.okta_user.y"), res("data.okta_user.y", { login: "y" })],
    );
    expect(data).toEqual([]);
  });

  test("identical content is paired in 10 rounds at most (a bound on the work): the 11th level of a chain of references pairs as near matches", () => {
    // Levels 0 to 9: two resources each, told apart only by the level below, so level k pairs in round k.
    const chain = (prefix: string) =>
      Array.from({ length: 10 }, (_, k) =>
        ["a", "b"].map((side) => res(`okta_group.${prefix}${k}${side}`, k === 0 ? { name: side } : { name: `L${k}`, ref: `\${okta_group.${prefix}${k - 1}${side}.id}` })),
      ).flat();
    const top = (address: string, prefix: string, path: string) => res(address, { name: "L10", ref: `\${okta_group.${prefix}9a.id}` }, path);
    // Level 10: identical pairs once level 9 is paired. In a round, t1 (asking first) would take c1, the one it shares the ending A with;
    // as near matches, the pair sharing the longest ending (t2 and c1: Q/A) goes first.
    const removed = [...chain("r"), top("okta_group.t1", "r", "acme/P/A"), top("okta_group.t2", "r", "other/Q/A")];
    const added = [...chain("s"), top("okta_group.c1", "s", "acme/Q/A"), top("okta_group.c2", "s", "acme/W")];
    const pairs = summary(findRenames(removed, added));
    expect(pairs).toHaveLength(22);
    for (let k = 0; k < 10; k++) {
      expect(pairs[2 * k]).toEqual([`okta_group.r${k}a`, `okta_group.s${k}a`, 1]);
      expect(pairs[2 * k + 1]).toEqual([`okta_group.r${k}b`, `okta_group.s${k}b`, 1]);
    }
    expect(pairs.slice(20)).toEqual([
      ["okta_group.t2", "okta_group.c1", 1],
      ["okta_group.t1", "okta_group.c2", 1],
    ]);
  });

  test("each added resource pairs once: one removed and two identical added give one pair", () => {
    const same = { name: "Eng" };
    expect(summary(findRenames([res("okta_group.Okta1_Group", same)], [res("okta_group.Sso1_Group", same), res("okta_group.Sso2_Group", same)]))).toEqual([
      ["okta_group.Okta1_Group", "okta_group.Sso1_Group", 1],
    ]);
  });

  test("near matches compare values at their paths: the same values in other list positions or under other keys are not shared", () => {
    // 4 values each, 2 shared: 2 / 6.
    expect(findRenames([res("okta_group.a", { list: ["x", "y"], a: 1, b: 2 })], [res("okta_group.b", { list: ["y", "x"], a: 1, b: 2 })])).toEqual([]);
    // 3 values each, 1 shared: 1 / 5.
    expect(findRenames([res("okta_group.a", { a: 1, b: 2, c: 3 })], [res("okta_group.b", { a: 2, b: 1, c: 3 })])).toEqual([]);
  });

  test("a resource with no values at all is not a near match of one with values, either way", () => {
    expect(findRenames([res("okta_group.a", {})], [res("okta_group.b", { name: "Eng" })])).toEqual([]);
    expect(findRenames([res("okta_group.a", { name: "Eng" })], [res("okta_group.b", { block: {} })])).toEqual([]);
  });

  test("known maps head addresses: the same address written in the base stack is not translated", () => {
    // okta_app_oauth.new is the moved app in head; in base that address names nothing, so the references differ.
    const assignment = (address: string) => res(address, { app_id: "${okta_app_oauth.new.id}" });
    expect(findRenames([assignment("okta_app_group_assignments.a")], [assignment("okta_app_group_assignments.b")], new Map([["okta_app_oauth.new", "okta_app_oauth.old"]]))).toEqual([]);
  });

  test("names compare by whole words, numbers and separators; construct paths by whole segments", () => {
    const same = { name: "Eng" };
    const pairsOf = (removed: string[], added: string[], path: (name: string) => string | undefined = () => undefined) =>
      summary(findRenames(removed.map((n) => res(`okta_group.${n}`, same, path(n))), added.map((n) => res(`okta_group.${n}`, same, path(n))))).map(([from, to]) => [from, to]);
    // "App" is not the end of "WebApp"; 2 is not the end of 12; "_" is not "__".
    expect(pairsOf(["App", "WebApp"], ["Sso_WebApp", "Sso_App"])).toEqual([
      ["okta_group.App", "okta_group.Sso_App"],
      ["okta_group.WebApp", "okta_group.Sso_WebApp"],
    ]);
    expect(pairsOf(["Okta2_App", "Okta12_App"], ["Sso12_App", "Sso2_App"])).toEqual([
      ["okta_group.Okta2_App", "okta_group.Sso2_App"],
      ["okta_group.Okta12_App", "okta_group.Sso12_App"],
    ]);
    expect(pairsOf(["Okta_App", "Okta__App"], ["Sso__App", "Sso_App"])).toEqual([
      ["okta_group.Okta_App", "okta_group.Sso_App"],
      ["okta_group.Okta__App", "okta_group.Sso__App"],
    ]);
    expect(pairsOf(["Okta_Wiki", "Okta_Jira"], ["Sso_Jira", "Sso_Wiki"])).toEqual([
      ["okta_group.Okta_Wiki", "okta_group.Sso_Wiki"],
      ["okta_group.Okta_Jira", "okta_group.Sso_Jira"],
    ]);
    // A prefix dropped: the new name is the whole ending of the old one.
    expect(pairsOf(["Okta_Wiki", "Okta_App"], ["App", "Wiki"])).toEqual([
      ["okta_group.Okta_Wiki", "okta_group.Wiki"],
      ["okta_group.Okta_App", "okta_group.App"],
    ]);
    // Okta/App shares the segment App with both, and no more with MyOkta/App than with Sso/App: the first listed wins.
    const paths: Record<string, string> = { a: "acme/Okta/App", b: "acme/Sso/App", c: "acme/MyOkta/App" };
    expect(pairsOf(["a"], ["b", "c"], (n) => paths[n])).toEqual([["okta_group.a", "okta_group.b"]]);
  });
});

describe("bugs found while pinning the rules", () => {
  const res = (address: string, body: JsonObject): TfResource => ({ address, type: address.split(".")[0], name: address.split(".")[1], mode: "managed", body });

  test("a near match that refers to a resource already paired counts that reference as shared (3 of 5 values)", () => {
    const removed = [res("okta_app_oauth.a", { label: "A" }), res(`${IDP}.i`, { name: "X", type: "okta", account_id: ACCOUNT, client_id: "${okta_app_oauth.a.client_id}" })];
    const added = [res("okta_app_oauth.b", { label: "A" }), res(`${IDP}.j`, { name: "Y", type: "okta", account_id: ACCOUNT, client_id: "${okta_app_oauth.b.client_id}" })];
    expect(findRenames(removed, added).map((p) => [p.from.address, p.to.address, p.similarity])).toEqual([
      ["okta_app_oauth.a", "okta_app_oauth.b", 1],
      [`${IDP}.i`, `${IDP}.j`, 0.6],
    ]);
  });

  test("the same when the resource referred to was itself a near match", () => {
    const removed = [res("okta_app_oauth.a", { label: "A", type: "web", x: 1, y: 2 }), res(`${IDP}.i`, { name: "X", type: "okta", account_id: ACCOUNT, client_id: "${okta_app_oauth.a.client_id}" })];
    const added = [res("okta_app_oauth.b", { label: "B", type: "web", x: 1, y: 2 }), res(`${IDP}.j`, { name: "Y", type: "okta", account_id: ACCOUNT, client_id: "${okta_app_oauth.b.client_id}" })];
    expect(findRenames(removed, added).map((p) => [p.from.address, p.to.address, p.similarity])).toEqual([
      ["okta_app_oauth.a", "okta_app_oauth.b", 0.6],
      [`${IDP}.i`, `${IDP}.j`, 0.6],
    ]);
  });

  test("GIVEN the Okta app renamed with a moved block THEN the additive assignment that refers to it is not replaced (the reference resolves to the same app)", () => {
    const head = edited((j) => {
      const app = j.resource.okta_app_oauth.app;
      app["//"] = at("Sso/App")["//"];
      j.resource.okta_app_oauth = { sso_app: app };
      j.moved = [{ from: "okta_app_oauth.app", to: "okta_app_oauth.sso_app" }];
      j.resource.okta_app_group_assignments.all.app_id = "${okta_app_oauth.sso_app.id}";
      j.resource.okta_app_group_assignment.eng.app_id = "${okta_app_oauth.sso_app.id}";
      j.resource[IDP].idp.config.client_id = "${okta_app_oauth.sso_app.client_id}";
      j.resource[IDP].idp.config.client_secret = "${okta_app_oauth.sso_app.client_secret}";
    });
    expect(replacementFindings(stack(), head)).toEqual([]);
    const result = review(writeStackFile(head), { base: writeStackFile(stack()) });
    expect(result.diff?.counts).toMatchObject({ replace: 0, move: 1 });
  });
});

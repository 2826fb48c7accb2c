import { GroupsClaim } from "../../src";
import { describeGroupsFilter } from "../../src/private/groups-filter";
import { extractStack } from "../../src/review/extract";
import { handWritten, handWrittenIdp, index } from "./helpers";

const IDP = "cloudflare_zero_trust_access_identity_provider";

describe("model extraction from Terraform JSON", () => {
  test("describes groups filters in the same words as GroupsClaim.describe()", () => {
    for (const claim of [
      GroupsClaim.ALL,
      GroupsClaim.matchingRegex("^eng-"),
      GroupsClaim.startingWith("eng-"),
      GroupsClaim.equalTo("Admins"),
      GroupsClaim.containing("ops"),
      GroupsClaim.expression('Groups.startsWith("active_directory", "", 100)'),
    ]) {
      expect(describeGroupsFilter(claim.type, claim.filterType, claim.value)).toBe(claim.describe());
    }
  });

  test("joins a hand-written IdP to its Okta app, claim and Everyone assignment by reference", () => {
    const stack = extractStack(index(handWrittenIdp()));
    expect(stack.identityProviders).toHaveLength(1);
    const idp = stack.identityProviders[0];
    expect(idp).toMatchObject({ name: "Acme Okta", idpType: "okta", scope: { kind: "account" }, oktaOrgUrl: "https://acme.okta.com", claims: ["groups"], pkceEnabled: true });
    expect(idp.constructPath).toBeUndefined();
    expect(idp.oktaApp).toMatchObject({
      address: "okta_app_oauth.cloudflare",
      label: "Access",
      redirectUris: ["https://acme.cloudflareaccess.com/cdn-cgi/access/callback"],
      groupsClaim: { claimName: "groups", filterType: "STARTS_WITH", value: "eng-", description: 'groups starting with "eng-"' },
      assignmentMode: "exclusive",
      assignments: [{ group: "Everyone", everyone: true, additive: false }],
    });
    expect(stack.unlinkedOktaApps).toEqual([]);
  });

  test("additive assignments name okta_group resources, and keep retain_assignment", () => {
    const json = handWrittenIdp((j) => {
      delete j.resource.okta_app_group_assignments;
      j.resource.okta_group = { eng: { name: "Engineering" } };
      j.resource.okta_app_group_assignment = {
        eng: { app_id: "${okta_app_oauth.cloudflare.id}", group_id: "${okta_group.eng.id}", retain_assignment: true },
        lit: { app_id: "${okta_app_oauth.cloudflare.id}", group_id: "00g1abcd" },
      };
    });
    const app = extractStack(index(json)).identityProviders[0].oktaApp!;
    expect(app.assignmentMode).toBe("additive");
    expect(app.assignments).toEqual([
      { group: "Engineering", everyone: false, additive: true, retained: true, address: "okta_app_group_assignment.eng" },
      { group: "00g1abcd", everyone: false, additive: true, retained: false, address: "okta_app_group_assignment.lit" },
    ]);
  });

  test("a dynamic group block (a list token) is shown as its for_each", () => {
    const json = handWrittenIdp((j) => {
      j.resource.okta_app_group_assignments.cloudflare = {
        app_id: "${okta_app_oauth.cloudflare.id}",
        dynamic: { group: { for_each: "${var.group_ids}", content: { id: "${each.value}" } } },
      };
    });
    expect(extractStack(index(json)).identityProviders[0].oktaApp!.assignments).toMatchObject([{ group: "each of ${var.group_ids}" }]);
  });

  test("a custom authorization server brings its GROUPS claims; SCIM settings are read", () => {
    const json = handWrittenIdp((j) => {
      const idp = j.resource[IDP].okta;
      idp.config.authorization_server_id = "${okta_auth_server.cf.id}";
      idp.scim_config = { enabled: true, user_deprovision: true, seat_deprovision: false, identity_update_behavior: "reauth" };
      j.resource.okta_auth_server = { cf: { name: "cf", audiences: ["api://cf"] } };
      j.resource.okta_auth_server_claim = {
        groups: { auth_server_id: "${okta_auth_server.cf.id}", name: "groups", claim_type: "IDENTITY", value_type: "GROUPS", group_filter_type: "REGEX", value: ".*" },
        other: { auth_server_id: "aus-other", name: "groups", claim_type: "IDENTITY", value_type: "GROUPS", group_filter_type: "REGEX", value: ".*" },
      };
    });
    const idp = extractStack(index(json)).identityProviders[0];
    expect(idp.authorizationServerId).toBe("${okta_auth_server.cf.id}");
    expect(idp.authServerClaims).toEqual([
      expect.objectContaining({ address: "okta_auth_server_claim.groups", valueType: "GROUPS", alwaysIncluded: true, description: "all groups (regex .*)" }),
    ]);
    expect(idp.scim).toEqual({ enabled: true, userDeprovision: true, seatDeprovision: false, identityUpdateBehavior: "reauth" });
  });

  test("an IdP whose client id is a literal has no Okta app; an Okta app with no IdP is listed apart", () => {
    const json = handWrittenIdp((j) => {
      j.resource[IDP].okta.config.client_id = "0oa-managed-elsewhere";
    });
    const stack = extractStack(index(json));
    expect(stack.identityProviders[0].oktaApp).toBeUndefined();
    expect(stack.identityProviders[0].clientId).toBe("0oa-managed-elsewhere");
    expect(stack.unlinkedOktaApps.map((a) => a.address)).toEqual(["okta_app_oauth.cloudflare"]);
  });

  test("policies admit Okta groups directly and through Access groups; require and exclude are described", () => {
    const idpRef = "${cloudflare_zero_trust_access_identity_provider.okta.id}";
    const json = handWrittenIdp((j) => {
      Object.assign(j.resource, {
        cloudflare_zero_trust_access_group: {
          eng: { account_id: "a", name: "Engineers", include: [{ okta: { name: "Engineering", identity_provider_id: idpRef } }, { okta: { name: "SRE", identity_provider_id: idpRef } }] },
        },
        cloudflare_zero_trust_access_policy: {
          wiki: {
            account_id: "a",
            name: "Wiki",
            decision: "allow",
            include: [{ group: { id: "${cloudflare_zero_trust_access_group.eng.id}" } }, { okta: { name: "Docs", identity_provider_id: idpRef } }],
            require: [{ email_domain: { domain: "acme.com" } }],
            exclude: [{ geo: { country_code: "XX" } }],
          },
          open: { account_id: "a", name: "Status", decision: "bypass", include: [{ everyone: {} }] },
        },
        cloudflare_zero_trust_access_application: {
          wiki: {
            account_id: "a",
            name: "Wiki",
            domain: "wiki.acme.com",
            type: "self_hosted",
            allowed_idps: [idpRef],
            auto_redirect_to_identity: true,
            policies: [{ id: "${cloudflare_zero_trust_access_policy.open.id}", precedence: 2 }, { id: "${cloudflare_zero_trust_access_policy.wiki.id}", precedence: 1 }],
          },
        },
      });
    });
    const stack = extractStack(index(json));
    const wiki = stack.accessPolicies.find((p) => p.name === "Wiki")!;
    expect(wiki.oktaGroups).toEqual(["Engineering", "SRE", "Docs"]);
    expect(wiki.admits).toBe('Access group "Engineers" ("Engineering", "SRE") or Okta group "Docs"; and must also match email domain acme.com; except country XX');
    expect(stack.accessPolicies.find((p) => p.name === "Status")).toMatchObject({ everyone: true, decision: "bypass", admits: "everyone" });
    const app = stack.accessApplications[0];
    expect(app).toMatchObject({ name: "Wiki", domains: ["wiki.acme.com"], allowedIdps: ["cloudflare_zero_trust_access_identity_provider.okta"], autoRedirect: true });
    expect(app.policies.map((p) => [p.precedence, p.name, p.decision])).toEqual([
      [1, "Wiki", "allow"],
      [2, "Status", "bypass"],
    ]);
    expect(stack.accessGroups[0]).toMatchObject({ name: "Engineers", oktaGroups: ["Engineering", "SRE"] });
  });

  test("inline policies, unknown policies and v4 policies that point at their application", () => {
    const json = handWritten({
      cloudflare_access_application: { app: { zone_id: "z", name: "Old", domain: "old.acme.com", policies: [{ decision: "allow", include: [{ email: { email: "a@acme.com" } }] }, "${var.policy_id}"] } },
      cloudflare_access_policy: { p: { application_id: "${cloudflare_access_application.app.id}", zone_id: "z", name: "v4", decision: "allow", precedence: 3, include: [{ everyone: {} }] } },
    });
    const app = extractStack(index(json)).accessApplications[0];
    expect(app.scope).toEqual({ kind: "zone", id: "z" });
    // The list's entries take their places as precedences 1 and 2 (the provider computes them from the order); the v4 policy says 3.
    expect(app.policies.map((p) => [p.name, p.precedence, p.admits])).toEqual([
      ["inline policy 1", 1, "email a@acme.com"],
      ["${var.policy_id}", 2, "unknown: the policy is not in this stack"],
      ["v4", 3, "everyone"],
    ]);
  });

  test("survives odd shapes without throwing", () => {
    const json = handWritten({
      [IDP]: { weird: { config: "${local.config}", name: 42 } },
      cloudflare_zero_trust_access_policy: { p: { include: "${local.rules}", decision: null } },
      cloudflare_zero_trust_access_application: { a: { policies: "${local.policies}", domain: null } },
      okta_app_oauth: { o: [{ label: "list-form block" }] },
    });
    const stack = extractStack(index(json));
    expect(stack.identityProviders[0]).toMatchObject({ name: "42", claims: [], scope: { kind: "unknown" } });
    expect(stack.accessPolicies[0].admits).toBe("${local.rules}");
    expect(stack.unlinkedOktaApps[0].label).toBe("list-form block");
  });
});

import { Testing, TerraformStack, TerraformVariable } from "cdktf";
import { OktaAccessIdentityProvider, OktaAccessIdentityProviderProps } from "../src";
import { ACCOUNT_ID, BASE_PROPS, newStack, only, synth as synthValidated, warnings } from "./helpers";

/** Synthesized JSON without Terraform validations (one test below runs them). */
function synth(stack: TerraformStack): any {
  return JSON.parse(Testing.synth(stack));
}

const APP_ID = "0oa1b2c3d4e5f6g7h8i9";
const IDP_ID = "0d7c1c8e-3f3a-4c55-9b1e-2f8d6a4b7e10";
const APPLICATION_ID = "1d7c1c8e-3f3a-4c55-9b1e-2f8d6a4b7e10";
const POLICY_ID = "2d7c1c8e-3f3a-4c55-9b1e-2f8d6a4b7e10";
const GROUP_ID = "3d7c1c8e-3f3a-4c55-9b1e-2f8d6a4b7e10";
const ZONE_ID = "fedcba9876543210fedcba9876543210";
const ADOPT = { oktaAppId: APP_ID, identityProviderId: IDP_ID };

function adopted(props: Partial<OktaAccessIdentityProviderProps> = {}) {
  const stack = newStack();
  const okta = new OktaAccessIdentityProvider(stack, "Okta", { ...BASE_PROPS, adopt: ADOPT, ...props });
  return { stack, okta };
}

/** `to` address → import id. */
function imports(json: any): Record<string, string> {
  return Object.fromEntries((json.import ?? []).map((i: { to: string; id: string }) => [i.to.replace(/_[0-9A-F]{8}$/, ""), i.id]));
}

describe("OktaAccessIdentityProvider adopt: import blocks", () => {
  test("account scope: the app and the exclusive assignments by app id, the IdP as accounts/<account>/<id>", () => {
    const json = synthValidated(adopted().stack);
    expect(imports(json)).toEqual({
      "okta_app_oauth.Okta_App": APP_ID,
      "okta_app_group_assignments.Okta_GroupAssignments": APP_ID,
      "cloudflare_zero_trust_access_identity_provider.Okta_IdentityProvider": `accounts/${ACCOUNT_ID}/${IDP_ID}`,
    });
  });

  test("zone scope: the IdP as zones/<zone>/<id>", () => {
    const json = synth(adopted({ accountId: undefined, zoneId: ZONE_ID }).stack);
    expect(imports(json)["cloudflare_zero_trust_access_identity_provider.Okta_IdentityProvider"]).toBe(`zones/${ZONE_ID}/${IDP_ID}`);
  });

  test("additive assignments: one <app id>/<group id> per group", () => {
    const json = synth(adopted({ exclusiveAssignments: false, assignedGroupIds: ["00g1b2c3d4e5f6g7h8i9", "00g9i8h7g6f5e4d3c2b1"] }).stack);
    const ids = Object.entries(imports(json)).filter(([to]) => to.startsWith("okta_app_group_assignment."));
    expect(ids.map(([, id]) => id).sort()).toEqual([`${APP_ID}/00g1b2c3d4e5f6g7h8i9`, `${APP_ID}/00g9i8h7g6f5e4d3c2b1`]);
  });

  test("an existing authorization server claim is imported as <server id>/<claim id>", () => {
    const json = synth(adopted({ authorizationServerId: "aus1b2c3d4e5f6g7h8i9", adopt: { ...ADOPT, authorizationServerClaimId: "ocl1b2c3d4e5f6g7h8i9" } }).stack);
    expect(imports(json)["okta_auth_server_claim.Okta_AuthorizationServerGroupsClaim"]).toBe("aus1b2c3d4e5f6g7h8i9/ocl1b2c3d4e5f6g7h8i9");
  });

  test("a custom authorization server without the claim's id warns that the claim will be created", () => {
    const { stack } = adopted({ authorizationServerId: "aus1b2c3d4e5f6g7h8i9" });
    expect(warnings(stack).join("\n")).toMatch(/without adopt.authorizationServerClaimId/);
  });

  test("without adopt, no import block and no variable", () => {
    const stack = newStack();
    new OktaAccessIdentityProvider(stack, "Okta", BASE_PROPS);
    const json = synth(stack);
    expect(json.import).toBeUndefined();
    expect(json.variable).toBeUndefined();
  });

  test("ids given as tokens pass through unchecked", () => {
    const stack = newStack();
    const appId = new TerraformVariable(stack, "app_id", { type: "string" }).stringValue;
    new OktaAccessIdentityProvider(stack, "Okta", { ...BASE_PROPS, adopt: { oktaAppId: appId, identityProviderId: IDP_ID } });
    expect(imports(synth(stack))["okta_app_oauth.Okta_App"]).toBe("${var.app_id}");
  });
});

describe("OktaAccessIdentityProvider adopt: the client secret", () => {
  test("comes from a sensitive, required, non-empty variable, sent to Okta (client_basic_secret) and to Cloudflare, never a literal", () => {
    const json = synth(adopted().stack);
    expect(json.variable.okta_client_secret).toMatchObject({ type: "string", sensitive: true, nullable: false });
    expect(json.variable.okta_client_secret.validation[0].condition).toBe("${length(var.okta_client_secret) > 0}");
    expect(only(json, "okta_app_oauth").client_basic_secret).toBe("${var.okta_client_secret}");
    expect(only(json, "cloudflare_zero_trust_access_identity_provider").config.client_secret).toBe("${var.okta_client_secret}");
  });

  test("the client id still flows from the Okta app by reference, so it cannot change", () => {
    const json = synth(adopted().stack);
    expect(only(json, "cloudflare_zero_trust_access_identity_provider").config.client_id).toMatch(/^\$\{okta_app_oauth\.Okta_App_[0-9A-F]{8}\.client_id\}$/);
  });

  test("the variable name follows the construct id, or clientSecretVariable", () => {
    const stack = newStack();
    new OktaAccessIdentityProvider(stack, "CorpOkta", { ...BASE_PROPS, adopt: ADOPT });
    new OktaAccessIdentityProvider(stack, "Second", { ...BASE_PROPS, adopt: { ...ADOPT, clientSecretVariable: "second_secret" } });
    expect(Object.keys(synth(stack).variable).sort()).toEqual(["corp_okta_client_secret", "second_secret"]);
  });
});

describe("OktaAccessIdentityProvider adopt: bad ids are refused at construction", () => {
  test.each([
    ["adopt.oktaAppId", { oktaAppId: "00g1b2c3d4e5f6g7h8i9" }, /adopt.oktaAppId must be the id of an existing Okta app: "0oa" and 17 letters or digits.*received "00g1b2c3d4e5f6g7h8i9"/],
    ["adopt.oktaAppId", { oktaAppId: "0oa1" }, /adopt.oktaAppId must be .*received "0oa1"/],
    ["adopt.identityProviderId", { identityProviderId: `accounts/${ACCOUNT_ID}/${IDP_ID}` }, /adopt.identityProviderId must be .*UUID.* without the accounts\/<id>\/ or zones\/<id>\/ prefix/],
    ["adopt.identityProviderId", { identityProviderId: "" }, /adopt.identityProviderId must be .*received ""/],
    ["adopt.clientSecretVariable", { clientSecretVariable: "okta secret" }, /adopt.clientSecretVariable must be a Terraform variable name.*received "okta secret"/],
    ["adopt.authorizationServerClaimId", { authorizationServerClaimId: "aus1b2c3d4e5f6g7h8i9" }, /adopt.authorizationServerClaimId must be .*"ocl"/],
  ])("%s %j", (_property, override, message) => {
    expect(() => adopted({ adopt: { ...ADOPT, ...override } })).toThrow(message);
  });
});

describe("protectApplication and accessGroup adopt", () => {
  test("account scope: application accounts/<account>/<id>, policy <account>/<id>, group accounts/<account>/<id>", () => {
    const { stack, okta } = adopted();
    okta.protectApplication("Wiki", { domain: "wiki.example.com", allowedOktaGroups: ["Engineering"], adopt: { applicationId: APPLICATION_ID, policyId: POLICY_ID } });
    okta.accessGroup("Eng", { oktaGroups: ["Engineering"], adopt: { accessGroupId: GROUP_ID } });
    const ids = imports(synth(stack));
    expect(ids["cloudflare_zero_trust_access_application.Okta_Applications_Wiki_Application"]).toBe(`accounts/${ACCOUNT_ID}/${APPLICATION_ID}`);
    expect(ids["cloudflare_zero_trust_access_policy.Okta_Applications_Wiki_Policy"]).toBe(`${ACCOUNT_ID}/${POLICY_ID}`);
    expect(ids["cloudflare_zero_trust_access_group.Okta_AccessGroups_Eng"]).toBe(`accounts/${ACCOUNT_ID}/${GROUP_ID}`);
  });

  test("zone scope: application and group under zones/<zone>/, the policy under the policy's account", () => {
    const { stack, okta } = adopted({ accountId: undefined, zoneId: ZONE_ID });
    okta.protectApplication("Wiki", { domain: "wiki.example.com", allowedOktaGroups: ["Engineering"], accountId: ACCOUNT_ID, adopt: { applicationId: APPLICATION_ID, policyId: POLICY_ID } });
    okta.accessGroup("Eng", { oktaGroups: ["Engineering"], adopt: { accessGroupId: GROUP_ID } });
    const ids = imports(synth(stack));
    expect(ids["cloudflare_zero_trust_access_application.Okta_Applications_Wiki_Application"]).toBe(`zones/${ZONE_ID}/${APPLICATION_ID}`);
    expect(ids["cloudflare_zero_trust_access_policy.Okta_Applications_Wiki_Policy"]).toBe(`${ACCOUNT_ID}/${POLICY_ID}`);
    expect(ids["cloudflare_zero_trust_access_group.Okta_AccessGroups_Eng"]).toBe(`zones/${ZONE_ID}/${GROUP_ID}`);
  });

  test("bad ids are refused, naming the property", () => {
    const { okta } = adopted();
    expect(() => okta.protectApplication("A", { domain: "a.example.com", allowedOktaGroups: ["E"], adopt: { applicationId: "nope", policyId: POLICY_ID } })).toThrow(/adopt.applicationId must be the id of an existing Access application.*received "nope"/);
    expect(() => okta.protectApplication("B", { domain: "b.example.com", allowedOktaGroups: ["E"], adopt: { applicationId: APPLICATION_ID, policyId: `${ACCOUNT_ID}/${POLICY_ID}` } })).toThrow(/adopt.policyId must be .*received/);
    expect(() => okta.accessGroup("C", { oktaGroups: ["E"], adopt: { accessGroupId: "zones/x/y" } })).toThrow(/adopt.accessGroupId must be .*without the accounts/);
  });
});

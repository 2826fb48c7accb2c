import { App, TerraformStack } from "cdktf";
import { OktaAccessIdentityProvider } from "../../src";
import { propertyName } from "../../src/private/validation";

// jsii's Python runtime starts Node.js with JSII_AGENT=Python/<version>; a
// Python user wrote okta_org_url, so errors name both spellings there.
describe("propertyName: the property in the caller's language", () => {
  test.each([
    ["oktaOrgUrl", "okta_org_url (oktaOrgUrl)"],
    ["assignedGroupIds", "assigned_group_ids (assignedGroupIds)"],
    ["scim.userDeprovision", "scim.user_deprovision (scim.userDeprovision)"],
    ["allowedOktaGroups[1]", "allowed_okta_groups[1] (allowedOktaGroups[1])"],
    ["domain", "domain"],
    ["claims[0]", "claims[0]"],
  ])("under Python, %s is named %s", (property, expected) => {
    expect(propertyName(property, "Python/3.11.7")).toBe(expected);
  });

  test.each([[undefined], ["Java/17.0.2"], ["DotNet/8.0.0"], [""]])("with JSII_AGENT %p, oktaOrgUrl stays oktaOrgUrl", (agent) => {
    expect(propertyName("oktaOrgUrl", agent)).toBe("oktaOrgUrl");
  });
});

describe("construction errors under jsii's Python runtime", () => {
  const saved = process.env.JSII_AGENT;
  afterEach(() => {
    if (saved === undefined) delete process.env.JSII_AGENT;
    else process.env.JSII_AGENT = saved;
  });

  function withAdminUrl(): () => void {
    const stack = new TerraformStack(new App(), "s");
    return () =>
      new OktaAccessIdentityProvider(stack, "Okta", {
        accountId: "0123456789abcdef0123456789abcdef",
        teamDomain: "example",
        oktaOrgUrl: "https://dev-1-admin.okta.com",
      });
  }

  test("GIVEN JSII_AGENT=Python/... WHEN oktaOrgUrl is the admin URL THEN the error says okta_org_url (oktaOrgUrl)", () => {
    process.env.JSII_AGENT = "Python/3.11.7";
    expect(withAdminUrl()).toThrow(/: okta_org_url \(oktaOrgUrl\) must be the Okta org URL, not the admin-console URL/);
  });

  test("GIVEN no JSII_AGENT WHEN the same mistake THEN the error says oktaOrgUrl only", () => {
    delete process.env.JSII_AGENT;
    expect(withAdminUrl()).toThrow(/: oktaOrgUrl must be the Okta org URL/);
    expect(withAdminUrl()).not.toThrow(/okta_org_url/);
  });
});

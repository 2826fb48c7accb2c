import { CloudflareProvider } from "../src/providers/cloudflare/provider";
import { OktaProvider } from "../src/providers/okta/provider";
import { TerraformOutput, TerraformStack, TerraformVariable, Testing } from "cdktf";
import { GroupsClaim, OktaAccessIdentityProvider, OktaAccessIdentityProviderProps } from "../src";
import { ACCOUNT_ID, BASE_PROPS, newStack, only, synth, warnings } from "./helpers";

function build(props: Partial<OktaAccessIdentityProviderProps> = {}) {
  const stack = newStack();
  const okta = new OktaAccessIdentityProvider(stack, "Okta", { ...BASE_PROPS, ...props });
  return { stack, okta, json: synth(stack) };
}

describe("OktaAccessIdentityProvider: what it synthesizes", () => {
  test("the default stack matches the snapshot", () => {
    const stack = newStack();
    new OktaAccessIdentityProvider(stack, "Okta", BASE_PROPS);
    expect(Testing.synth(stack, true)).toMatchSnapshot();
  });

  test("the Okta app is an OIDC web app with Cloudflare's callback as redirect URI", () => {
    const { json } = build();
    const app = only(json, "okta_app_oauth");
    expect(app.type).toBe("web");
    expect(app.label).toBe("Cloudflare Access");
    expect(app.grant_types).toEqual(["authorization_code"]);
    expect(app.response_types).toEqual(["code"]);
    expect(app.redirect_uris).toEqual(["https://example.cloudflareaccess.com/cdn-cgi/access/callback"]);
    expect(app.pkce_required).toBe(true);
  });

  test("the default groups claim sends all groups with Matches regex .*, not the seed's Starts with", () => {
    const { json } = build();
    expect(only(json, "okta_app_oauth").groups_claim).toEqual({ type: "FILTER", filter_type: "REGEX", name: "groups", value: ".*" });
  });

  test("an expression groups claim has no filter_type", () => {
    const { json } = build({ groupsClaim: GroupsClaim.expression('Groups.startsWith("active_directory", "", 100)', "ad_groups") });
    const claim = only(json, "okta_app_oauth").groups_claim;
    expect(claim).toEqual({ type: "EXPRESSION", name: "ad_groups", value: 'Groups.startsWith("active_directory", "", 100)' });
    expect(claim).not.toHaveProperty("filter_type");
  });

  test("by default the app is assigned to the Everyone group, authoritatively", () => {
    const { json } = build();
    const everyone = Object.keys(json.data.okta_everyone_group);
    expect(everyone).toHaveLength(1);
    const assignments = only(json, "okta_app_group_assignments");
    expect(assignments.group).toEqual([{ id: `\${data.okta_everyone_group.${everyone[0]}.id}` }]);
    expect(assignments.app_id).toMatch(/^\$\{okta_app_oauth\.[^.]+\.id\}$/);
  });

  test("assignedGroupIds replaces Everyone and assigns exactly those groups", () => {
    const { json, okta } = build({ assignedGroupIds: ["00g1abcdefghijklmnop", "00g2abcdefghijklmnop"] });
    expect(json.data?.okta_everyone_group).toBeUndefined();
    expect(okta.everyoneGroup).toBeUndefined();
    expect(only(json, "okta_app_group_assignments").group).toEqual([{ id: "00g1abcdefghijklmnop" }, { id: "00g2abcdefghijklmnop" }]);
  });

  test("the Cloudflare IdP is of type okta and takes the client id and secret by reference", () => {
    const { json } = build();
    const idp = only(json, "cloudflare_zero_trust_access_identity_provider");
    const appKey = Object.keys(json.resource.okta_app_oauth)[0];
    expect(idp.type).toBe("okta");
    expect(idp.name).toBe("Okta");
    expect(idp.account_id).toBe(ACCOUNT_ID);
    expect(idp).not.toHaveProperty("zone_id");
    expect(idp.config.client_id).toBe(`\${okta_app_oauth.${appKey}.client_id}`);
    expect(idp.config.client_secret).toBe(`\${okta_app_oauth.${appKey}.client_secret}`);
    expect(idp.config.okta_account).toBe("https://dev-123456.okta.com");
    expect(idp.config.claims).toEqual(["groups"]);
    expect(idp.config.pkce_enabled).toBe(true);
    expect(idp.config).not.toHaveProperty("authorization_server_id");
    expect(idp.config).not.toHaveProperty("email_claim_name");
  });

  test("zoneId scopes the IdP to a zone", () => {
    const { json, okta } = build({ accountId: undefined, zoneId: "fedcba9876543210fedcba9876543210" });
    const idp = only(json, "cloudflare_zero_trust_access_identity_provider");
    expect(idp.zone_id).toBe("fedcba9876543210fedcba9876543210");
    expect(idp).not.toHaveProperty("account_id");
    expect(okta.zoneId).toBe("fedcba9876543210fedcba9876543210");
    expect(okta.accountId).toBeUndefined();
  });

  test("name, appLabel, authorizationServerId and emailClaimName reach the resources", () => {
    const { json } = build({ name: "Okta SSO", appLabel: "Access (prod)", authorizationServerId: "aus1abc", emailClaimName: "upn" });
    const idp = only(json, "cloudflare_zero_trust_access_identity_provider");
    expect(idp.name).toBe("Okta SSO");
    expect(idp.config.authorization_server_id).toBe("aus1abc");
    expect(idp.config.email_claim_name).toBe("upn");
    expect(only(json, "okta_app_oauth").label).toBe("Access (prod)");
  });

  test("pkce: false turns PKCE off on both sides together", () => {
    const { json } = build({ pkce: false });
    expect(only(json, "okta_app_oauth").pkce_required).toBe(false);
    expect(only(json, "cloudflare_zero_trust_access_identity_provider").config.pkce_enabled).toBe(false);
  });

  test("claims always include the groups claim's name first, without duplicates", () => {
    const { json } = build({ groupsClaim: GroupsClaim.startingWith("eng-", "okta_groups"), claims: ["department", "okta_groups", "locale"] });
    expect(only(json, "cloudflare_zero_trust_access_identity_provider").config.claims).toEqual(["okta_groups", "department", "locale"]);
    expect(only(json, "okta_app_oauth").groups_claim).toEqual({ type: "FILTER", filter_type: "STARTS_WITH", name: "okta_groups", value: "eng-" });
  });

  test("the attributes expose the resources and normalized values", () => {
    const stack = newStack();
    const okta = new OktaAccessIdentityProvider(stack, "Okta", { ...BASE_PROPS, teamDomain: "Example", oktaOrgUrl: "https://dev-123456.okta.com/" });
    new TerraformOutput(stack, "client_id", { value: okta.clientId });
    new TerraformOutput(stack, "idp_id", { value: okta.identityProviderId });
    const json = synth(stack);
    expect(okta.teamDomain).toBe("example.cloudflareaccess.com");
    expect(okta.oktaOrgUrl).toBe("https://dev-123456.okta.com");
    expect(okta.redirectUri).toBe("https://example.cloudflareaccess.com/cdn-cgi/access/callback");
    expect(json.output.client_id.value).toBe(`\${okta_app_oauth.${okta.oktaApp.friendlyUniqueId}.client_id}`);
    expect(json.output.idp_id.value).toBe(`\${cloudflare_zero_trust_access_identity_provider.${okta.identityProvider.friendlyUniqueId}.id}`);
    expect(okta.groupAssignments).toHaveLength(1);
    expect(okta.groupAssignments[0].terraformResourceType).toBe("okta_app_group_assignments");
    expect(okta.groupsClaim).toBe(GroupsClaim.ALL);
  });

  test("aliased providers are used by every resource and data source", () => {
    const stack = newStack();
    const second = new OktaProvider(stack, "okta-eu", { alias: "eu", orgName: "acme-eu", baseUrl: "okta-emea.com" });
    const cf = new CloudflareProvider(stack, "cloudflare-b", { alias: "b" });
    new OktaAccessIdentityProvider(stack, "Okta", { ...BASE_PROPS, oktaProvider: second, cloudflareProvider: cf });
    const json = synth(stack);
    expect(only(json, "okta_app_oauth").provider).toBe("okta.eu");
    expect(only(json, "okta_app_group_assignments").provider).toBe("okta.eu");
    expect(only(json, "okta_everyone_group", "data").provider).toBe("okta.eu");
    expect(only(json, "cloudflare_zero_trust_access_identity_provider").provider).toBe("cloudflare.b");
  });

  test("two constructs in one stack do not collide", () => {
    const stack = newStack();
    new OktaAccessIdentityProvider(stack, "Prod", BASE_PROPS);
    new OktaAccessIdentityProvider(stack, "Staging", { ...BASE_PROPS, teamDomain: "staging" });
    const json = synth(stack);
    expect(Object.keys(json.resource.okta_app_oauth)).toHaveLength(2);
    expect(Object.keys(json.resource.cloudflare_zero_trust_access_identity_provider)).toHaveLength(2);
  });

  test("unresolved tokens pass through unchecked", () => {
    const stack = newStack();
    const team = new TerraformVariable(stack, "team", { type: "string" });
    const org = new TerraformVariable(stack, "org", { type: "string" });
    const account = new TerraformVariable(stack, "account", { type: "string" });
    const groups = new TerraformVariable(stack, "groups", { type: "list(string)" });
    const okta = new OktaAccessIdentityProvider(stack, "Okta", {
      accountId: account.stringValue,
      teamDomain: team.stringValue,
      oktaOrgUrl: org.stringValue,
      assignedGroupIds: groups.listValue,
    });
    const json = synth(stack);
    expect(only(json, "okta_app_oauth").redirect_uris).toEqual(["https://${var.team}/cdn-cgi/access/callback"]);
    expect(only(json, "cloudflare_zero_trust_access_identity_provider").config.okta_account).toBe("${var.org}");
    expect(only(json, "cloudflare_zero_trust_access_identity_provider").account_id).toBe("${var.account}");
    expect(only(json, "okta_app_group_assignments").dynamic.group.for_each).toBe("${toset(var.groups)}");
    expect(okta.everyoneGroup).toBeUndefined();
  });
});

describe("OktaAccessIdentityProvider: secrets", () => {
  test("no literal secret appears in the synthesized JSON", () => {
    const { json } = build();
    const text = JSON.stringify(json);
    const secrets = [...text.matchAll(/"(client_secret|secret|api_token|private_key|access_token)"\s*:\s*"([^"]*)"/g)];
    expect(secrets.length).toBeGreaterThan(0);
    for (const [, key, value] of secrets) {
      expect({ key, value }).toEqual({ key, value: expect.stringMatching(/^\$\{[^}]+\}$/) });
    }
  });
});

describe("OktaAccessIdentityProvider: bad input", () => {
  const cases: Array<[string, Partial<OktaAccessIdentityProviderProps>, RegExp]> = [
    ["neither accountId nor zoneId", { accountId: undefined }, /accountId \/ zoneId must be exactly one of accountId .* and zoneId .*; received "neither"/],
    ["both accountId and zoneId", { zoneId: "fedcba9876543210fedcba9876543210" }, /accountId \/ zoneId must be exactly one .*received \{"accountId":"0123/],
    ["an empty accountId", { accountId: "" }, /accountId must be a non-empty string; received ""/],
    ["an empty zoneId", { accountId: undefined, zoneId: " " }, /zoneId must be a non-empty string; received " "/],
    ["an http:// org URL", { oktaOrgUrl: "http://dev-123456.okta.com" }, /oktaOrgUrl must be an https:\/\/ URL .*; received "http:\/\/dev-123456.okta.com"/],
    ["an org URL with a path", { oktaOrgUrl: "https://dev-123456.okta.com/app/UserHome" }, /oktaOrgUrl must be an https:\/\/ URL of the Okta org with no path, query or fragment.*received "https:\/\/dev-123456.okta.com\/app\/UserHome"/],
    ["an org URL with a query", { oktaOrgUrl: "https://dev-123456.okta.com?x=1" }, /oktaOrgUrl must be .*no path, query or fragment/],
    ["an org URL with a fragment", { oktaOrgUrl: "https://dev-123456.okta.com#top" }, /oktaOrgUrl must be .*no path, query or fragment/],
    ["an org URL without scheme", { oktaOrgUrl: "dev-123456.okta.com" }, /oktaOrgUrl must be an https:\/\/ URL.*received "dev-123456.okta.com"/],
    ["the -admin console URL", { oktaOrgUrl: "https://dev-123456-admin.okta.com" }, /oktaOrgUrl must be the Okta org URL, not the admin-console URL .*use "https:\/\/dev-123456.okta.com".*received "https:\/\/dev-123456-admin.okta.com"/],
    ["a team domain with a scheme", { teamDomain: "https://example.cloudflareaccess.com" }, /teamDomain must be a bare host name .*received "https:\/\/example.cloudflareaccess.com"/],
    ["a team domain with a path", { teamDomain: "example.cloudflareaccess.com/cdn-cgi" }, /teamDomain must be a bare host name.*received "example.cloudflareaccess.com\/cdn-cgi"/],
    ["a team domain with bad characters", { teamDomain: "exa_mple.cloudflareaccess.com" }, /teamDomain must be a bare host name.*received "exa_mple/],
    ["an empty team domain", { teamDomain: "" }, /teamDomain must be a bare host name.*received ""/],
    ["an empty assignedGroupIds", { assignedGroupIds: [] }, /assignedGroupIds must be a non-empty list of Okta group ids; omit the property to assign the Everyone group; received \[\]/],
    ["an empty group id", { assignedGroupIds: ["00g1abcdefghijklmnop", ""] }, /assignedGroupIds\[1\] must be a non-empty Okta group id; received ""/],
    ["a duplicate group id", { assignedGroupIds: ["00g1", "00g1"] }, /assignedGroupIds must be a list without duplicates; received \["00g1","00g1"\]/],
    ["an empty name", { name: "" }, /name must be a non-empty string; received ""/],
    ["an empty appLabel", { appLabel: "  " }, /appLabel must be a non-empty string; received " {2}"/],
    ["an empty claim", { claims: ["email", ""] }, /claims\[1\] must be a non-empty claim name; received ""/],
  ];

  test.each(cases)("%s is refused at construction", (_, props, message) => {
    const make = () => new OktaAccessIdentityProvider(newStack(), "Okta", { ...BASE_PROPS, ...props });
    expect(make).toThrow(message);
    expect(make).toThrow(/^OktaAccessIdentityProvider "test\/Okta": /);
  });
});

describe("OktaAccessIdentityProvider: warnings", () => {
  test("the default configuration warns about nothing", () => {
    const stack = newStack();
    new OktaAccessIdentityProvider(stack, "Okta", BASE_PROPS);
    expect(warnings(stack)).toEqual([]);
  });

  test("an Okta provider on OAuth 2.0 private-key auth warns that groups_claim is skipped", () => {
    const stack = newStack();
    const oauth = new OktaProvider(stack, "okta-oauth", { alias: "oauth", orgName: "dev-123456", baseUrl: "okta.com", clientId: "0oa1", privateKey: "${var.key}", scopes: ["okta.apps.manage"] });
    new OktaAccessIdentityProvider(stack, "Okta", { ...BASE_PROPS, oktaProvider: oauth });
    expect(warnings(stack)).toEqual([expect.stringMatching(/OAuth 2\.0 .*silently skips groups_claim.*SSWS API token \(OKTA_API_TOKEN\)/)]);
  });

  test("the stack's default Okta provider on OAuth 2.0 is checked too, even when declared after the construct", () => {
    const stack = new TerraformStack(Testing.app(), "late");
    new OktaAccessIdentityProvider(stack, "Okta", BASE_PROPS);
    new OktaProvider(stack, "okta", { orgName: "dev-123456", baseUrl: "okta.com", accessToken: "${var.token}" });
    expect(warnings(stack)).toEqual([expect.stringMatching(/silently skips groups_claim/)]);
  });

  test("a regex that cannot be fully checked against Java's syntax is accepted with a warning saying so", () => {
    const stack = newStack();
    new OktaAccessIdentityProvider(stack, "Okta", { ...BASE_PROPS, groupsClaim: GroupsClaim.matchingRegex("\\p{IsLatin}+") });
    expect(warnings(stack)).toEqual([
      expect.stringMatching(/groupsClaim's regex "\\\\p\{IsLatin\}\+" could not be fully checked against Java's java.util.regex syntax, which Okta uses \(the Unicode property \\p\{IsLatin\} is not checked here\); it is accepted as is/),
    ]);
  });

  test("a regex checked completely gets no such warning", () => {
    const stack = newStack();
    new OktaAccessIdentityProvider(stack, "Okta", { ...BASE_PROPS, groupsClaim: GroupsClaim.matchingRegex("(?i)^eng-\\p{Lu}.*") });
    expect(warnings(stack)).toEqual([]);
  });

  test("an SSWS token provider does not warn", () => {
    const stack = newStack();
    const ssws = new OktaProvider(stack, "okta-ssws", { alias: "ssws", orgName: "dev-123456", baseUrl: "okta.com", apiToken: "${var.token}" });
    new OktaAccessIdentityProvider(stack, "Okta", { ...BASE_PROPS, oktaProvider: ssws });
    expect(warnings(stack)).toEqual([]);
  });

  test('a "Starts with" filter that looks like a pattern warns about the seed\'s mistake', () => {
    const stack = newStack();
    new OktaAccessIdentityProvider(stack, "Okta", { ...BASE_PROPS, groupsClaim: GroupsClaim.startingWith(".*") });
    expect(warnings(stack)).toEqual([expect.stringMatching(/"Starts with" ".\*", a literal prefix, not a pattern.*GroupsClaim.ALL/)]);
  });

  test("an account id that is not 32 hex characters warns", () => {
    const stack = newStack();
    new OktaAccessIdentityProvider(stack, "Okta", { ...BASE_PROPS, accountId: "my-account" });
    expect(warnings(stack)).toEqual([expect.stringMatching(/accountId "my-account" does not look like a Cloudflare id/)]);
  });
});

describe("OktaAccessIdentityProvider: custom authorization server", () => {
  test("without authorizationServerId there is no auth server claim", () => {
    const { json, okta } = build();
    expect(json.resource.okta_auth_server_claim).toBeUndefined();
    expect(okta.authorizationServerClaim).toBeUndefined();
  });

  test("authorizationServerId adds the same groups claim to the server's ID tokens, always included, with no scope", () => {
    const { json, okta } = build({ authorizationServerId: "aus1abcdefghijklmnop" });
    const claim = only(json, "okta_auth_server_claim");
    expect(claim).toEqual({
      auth_server_id: "aus1abcdefghijklmnop",
      name: "groups",
      claim_type: "IDENTITY",
      value_type: "GROUPS",
      group_filter_type: "REGEX",
      value: ".*",
      always_include_in_token: true,
    });
    expect(claim).not.toHaveProperty("scopes");
    expect(okta.authorizationServerClaim?.terraformResourceType).toBe("okta_auth_server_claim");
    expect(only(json, "cloudflare_zero_trust_access_identity_provider").config.authorization_server_id).toBe("aus1abcdefghijklmnop");
  });

  test.each([
    [GroupsClaim.startingWith("eng-", "okta_groups"), "okta_groups", "STARTS_WITH", "eng-"],
    [GroupsClaim.equalTo("Engineering"), "groups", "EQUALS", "Engineering"],
    [GroupsClaim.containing("eng"), "groups", "CONTAINS", "eng"],
    [GroupsClaim.matchingRegex("^app-.*"), "groups", "REGEX", "^app-.*"],
  ])("the server claim mirrors the app's filter (%#)", (groupsClaim, name, filterType, value) => {
    const { json } = build({ authorizationServerId: "aus1", groupsClaim });
    const claim = only(json, "okta_auth_server_claim");
    expect(claim).toEqual(expect.objectContaining({ name, value_type: "GROUPS", group_filter_type: filterType, value }));
    expect(only(json, "okta_app_oauth").groups_claim).toEqual(expect.objectContaining({ name, filter_type: filterType, value }));
  });

  test("an expression groups claim becomes an EXPRESSION claim with no filter type", () => {
    const expression = 'Groups.startsWith("active_directory", "", 100)';
    const { json } = build({ authorizationServerId: "aus1", groupsClaim: GroupsClaim.expression(expression) });
    const claim = only(json, "okta_auth_server_claim");
    expect(claim).toEqual(expect.objectContaining({ claim_type: "IDENTITY", value_type: "EXPRESSION", value: expression, always_include_in_token: true }));
    expect(claim).not.toHaveProperty("group_filter_type");
  });

  test("the claim uses the construct's Okta provider", () => {
    const stack = newStack();
    const second = new OktaProvider(stack, "okta-eu", { alias: "eu", orgName: "acme-eu", baseUrl: "okta-emea.com" });
    new OktaAccessIdentityProvider(stack, "Okta", { ...BASE_PROPS, oktaProvider: second, authorizationServerId: "aus1" });
    expect(only(synth(stack), "okta_auth_server_claim").provider).toBe("okta.eu");
  });

  test("an empty authorizationServerId is refused", () => {
    expect(() => build({ authorizationServerId: "" })).toThrow(/authorizationServerId must be a non-empty string; received ""/);
  });
});

describe("OktaAccessIdentityProvider: exclusiveAssignments", () => {
  test("by default (true) one authoritative okta_app_group_assignments and no additive ones", () => {
    const { json, okta } = build();
    expect(only(json, "okta_app_group_assignments")).toBeDefined();
    expect(json.resource.okta_app_group_assignment).toBeUndefined();
    expect(okta.exclusiveAssignments).toBe(true);
  });

  test("false assigns each group with its own additive okta_app_group_assignment that retains the assignment", () => {
    const { json, okta } = build({ exclusiveAssignments: false, assignedGroupIds: ["00g1abcdefghijklmnop", "00g2abcdefghijklmnop"] });
    expect(json.resource.okta_app_group_assignments).toBeUndefined();
    const assignments = Object.values<any>(json.resource.okta_app_group_assignment);
    const appId = `\${okta_app_oauth.${okta.oktaApp.friendlyUniqueId}.id}`;
    expect(assignments).toEqual([
      { app_id: appId, group_id: "00g1abcdefghijklmnop", retain_assignment: true },
      { app_id: appId, group_id: "00g2abcdefghijklmnop", retain_assignment: true },
    ]);
    expect(okta.groupAssignments.map((a) => a.terraformResourceType)).toEqual(["okta_app_group_assignment", "okta_app_group_assignment"]);
    expect(okta.exclusiveAssignments).toBe(false);
  });

  test("false without assignedGroupIds assigns the Everyone group additively", () => {
    const { json } = build({ exclusiveAssignments: false });
    const everyone = Object.keys(json.data.okta_everyone_group)[0];
    expect(only(json, "okta_app_group_assignment")).toEqual(
      expect.objectContaining({ group_id: `\${data.okta_everyone_group.${everyone}.id}`, retain_assignment: true }),
    );
  });

  test("additive assignments are named after the group id, so reordering the list keeps every address", () => {
    const paths = (ids: string[]) => build({ exclusiveAssignments: false, assignedGroupIds: ids }).okta.groupAssignments.map((a) => a.node.path).sort();
    expect(paths(["00g1", "00g2"])).toEqual(paths(["00g2", "00g1"]));
    expect(paths(["00g1", "00g2"])).toEqual(["test/Okta/GroupAssignment_00g1", "test/Okta/GroupAssignment_00g2"]);
  });

  test("a list token of group ids becomes one additive resource with for_each", () => {
    const stack = newStack();
    const groups = new TerraformVariable(stack, "groups", { type: "list(string)" });
    new OktaAccessIdentityProvider(stack, "Okta", { ...BASE_PROPS, exclusiveAssignments: false, assignedGroupIds: groups.listValue });
    const assignment = only(synth(stack), "okta_app_group_assignment");
    expect(assignment.for_each).toBe("${toset(var.groups)}");
    expect(assignment.group_id).toBe("${each.value}");
    expect(assignment.retain_assignment).toBe(true);
  });

  test("aliased Okta providers are used by additive assignments", () => {
    const stack = newStack();
    const second = new OktaProvider(stack, "okta-eu", { alias: "eu", orgName: "acme-eu", baseUrl: "okta-emea.com" });
    new OktaAccessIdentityProvider(stack, "Okta", { ...BASE_PROPS, oktaProvider: second, exclusiveAssignments: false });
    expect(only(synth(stack), "okta_app_group_assignment").provider).toBe("okta.eu");
  });

  test("a non-boolean exclusiveAssignments is refused", () => {
    expect(() => build({ exclusiveAssignments: "no" as any })).toThrow(/exclusiveAssignments must be true or false; received "no"/);
  });
});

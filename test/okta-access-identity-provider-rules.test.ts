/**
 * Every branch of src/okta-access-identity-provider.ts, pinned exactly (issue
 * 17, item 7): whole synthesized resources, import blocks and variables, the
 * exact text of each error and warning, where each warning is attached, and
 * each public attribute. Expected values come from Cloudflare's Okta guide and
 * PROVIDER-FACTS.md: the Okta app is an OIDC web app (authorization code,
 * `code`, callback https://<team domain>/cdn-cgi/access/callback) and the
 * Access IdP of type okta takes its client id and secret by reference.
 */
import { CloudflareProvider } from "../src/providers/cloudflare/provider";
import { OktaProvider } from "../src/providers/okta/provider";
import { DefaultTokenResolver, StringConcat, TerraformOutput, TerraformStack, TerraformVariable, Testing, Token, Tokenization } from "cdktf";
import { Construct, IConstruct } from "constructs";
import { GroupsClaim, OktaAccessIdentityProvider, OktaAccessIdentityProviderProps } from "../src";
import { ACCOUNT_ID, BASE_PROPS, newStack, synth } from "./helpers";

const ZONE_ID = "fedcba9876543210fedcba9876543210";
const APP_ID = "0oa1b2c3d4e5f6g7h8i9";
const IDP_ID = "0d7c1c8e-3f3a-4c55-9b1e-2f8d6a4b7e10";
const GROUP_UUID = "3d7c1c8e-3f3a-4c55-9b1e-2f8d6a4b7e10";
const ADOPT = { oktaAppId: APP_ID, identityProviderId: IDP_ID };
const CALLBACK = "https://example.cloudflareaccess.com/cdn-cgi/access/callback";
const WHERE = 'OktaAccessIdentityProvider "test/Okta"';

/** Synthesized JSON without validations (they need Terraform-side references resolved). */
function json(stack: TerraformStack): any {
  return JSON.parse(Testing.synth(stack));
}

function build(props: Partial<OktaAccessIdentityProviderProps> = {}, stack: TerraformStack = newStack()) {
  const okta = new OktaAccessIdentityProvider(stack, "Okta", { ...BASE_PROPS, ...props });
  return { stack, okta };
}

/** `${type.name.attribute}` of a resource or data source of the construct. */
function ref(resource: { terraformResourceType: string; friendlyUniqueId: string }, attribute: string, data = false): string {
  return `\${${data ? "data." : ""}${resource.terraformResourceType}.${resource.friendlyUniqueId}.${attribute}}`;
}

/** A value as Terraform would see it: `${...}` expressions for tokens. */
function resolve(stack: TerraformStack, value: unknown): unknown {
  return Tokenization.resolve(value, { scope: stack, resolver: new DefaultTokenResolver(new StringConcat()) });
}

/** The warnings attached to this very node (not its children), after a synth. */
function warningsOn(stack: TerraformStack, node: IConstruct): string[] {
  Testing.synth(stack);
  return node.node.metadata.filter((m) => m.type === "@cdktf/warn").map((m) => String(m.data));
}

/** Every warning of the stack's tree, after a synth. */
function allWarnings(stack: TerraformStack): string[] {
  Testing.synth(stack);
  return stack.node
    .findAll()
    .flatMap((c) => c.node.metadata)
    .filter((m) => m.type === "@cdktf/warn")
    .map((m) => String(m.data));
}

/** The message of what `make` throws, failing when it does not throw. */
function errorOf(make: () => unknown): string {
  try {
    make();
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error("expected an error, none was thrown");
}

function oauthApp(overrides: Record<string, unknown> = {}) {
  return {
    label: "Cloudflare Access",
    type: "web",
    grant_types: ["authorization_code"],
    response_types: ["code"],
    redirect_uris: [CALLBACK],
    pkce_required: true,
    groups_claim: { type: "FILTER", filter_type: "REGEX", name: "groups", value: ".*" },
    ...overrides,
  };
}

describe("the default construct, whole", () => {
  test("exactly an OIDC web app, its Everyone assignment and an account-scoped okta IdP wired by reference; nothing else", () => {
    const { stack, okta } = build();
    const out = json(stack);
    const app = `okta_app_oauth.${okta.oktaApp.friendlyUniqueId}`;
    expect(Object.keys(out.resource).sort()).toEqual(["cloudflare_zero_trust_access_identity_provider", "okta_app_group_assignments", "okta_app_oauth"]);
    expect(out.resource.okta_app_oauth).toEqual({ [okta.oktaApp.friendlyUniqueId]: oauthApp() });
    expect(out.data).toEqual({ okta_everyone_group: { [okta.everyoneGroup!.friendlyUniqueId]: {} } });
    expect(out.resource.okta_app_group_assignments).toEqual({
      [okta.groupAssignments[0].friendlyUniqueId]: { app_id: `\${${app}.id}`, group: [{ id: ref(okta.everyoneGroup!, "id", true) }] },
    });
    expect(out.resource.cloudflare_zero_trust_access_identity_provider).toEqual({
      [okta.identityProvider.friendlyUniqueId]: {
        name: "Okta",
        type: "okta",
        account_id: ACCOUNT_ID,
        config: {
          client_id: `\${${app}.client_id}`,
          client_secret: `\${${app}.client_secret}`,
          okta_account: "https://dev-123456.okta.com",
          claims: ["groups"],
          pkce_enabled: true,
        },
      },
    });
    expect(out.import).toBeUndefined();
    expect(out.variable).toBeUndefined();
    expect(out.output).toBeUndefined();
    expect(allWarnings(stack)).toEqual([]);
  });

  test("the construct's public attributes", () => {
    const { stack, okta } = build();
    expect(okta.node.path).toBe("test/Okta");
    expect(okta.oktaApp.terraformResourceType).toBe("okta_app_oauth");
    expect(okta.oktaApp.node.path).toBe("test/Okta/App");
    expect(okta.identityProvider.terraformResourceType).toBe("cloudflare_zero_trust_access_identity_provider");
    expect(okta.identityProvider.node.path).toBe("test/Okta/IdentityProvider");
    expect(okta.everyoneGroup?.terraformResourceType).toBe("okta_everyone_group");
    expect(okta.everyoneGroup?.node.path).toBe("test/Okta/EveryoneGroup");
    expect(okta.groupAssignments.map((a) => a.node.path)).toEqual(["test/Okta/GroupAssignments"]);
    expect(okta.groupAssignments[0].terraformResourceType).toBe("okta_app_group_assignments");
    expect(okta.exclusiveAssignments).toBe(true);
    expect(okta.teamDomain).toBe("example.cloudflareaccess.com");
    expect(okta.oktaOrgUrl).toBe("https://dev-123456.okta.com");
    expect(okta.redirectUri).toBe(CALLBACK);
    expect(okta.groupsClaim).toBe(GroupsClaim.ALL);
    expect(okta.accountId).toBe(ACCOUNT_ID);
    expect(okta.zoneId).toBeUndefined();
    expect(okta.oktaProvider).toBeUndefined();
    expect(okta.cloudflareProvider).toBeUndefined();
    expect(okta.authorizationServerClaim).toBeUndefined();
    expect(okta.scimBaseUrl).toBeUndefined();
    expect(okta.scimSecret).toBeUndefined();
    expect(okta.clientSecretVariable).toBeUndefined();
    expect(resolve(stack, okta.clientId)).toBe(ref(okta.oktaApp, "client_id"));
  });

  test("identityProviderId is the IdP's id, made once: the same token on every read", () => {
    const { stack, okta } = build();
    const first = okta.identityProviderId;
    expect(Token.isUnresolved(first)).toBe(true);
    expect(okta.identityProviderId).toBe(first);
    expect(resolve(stack, first)).toBe(ref(okta.identityProvider, "id"));
    new TerraformOutput(stack, "idp_id", { value: okta.identityProviderId });
    expect(synth(stack).output.idp_id).toEqual({ value: ref(okta.identityProvider, "id") });
  });
});

describe("the Okta app", () => {
  test("every prop that reaches it, and pkce: false on both sides", () => {
    const { stack, okta } = build({
      teamDomain: "corp",
      appLabel: "Access (prod)",
      pkce: false,
      groupsClaim: GroupsClaim.startingWith("eng-", "okta_groups"),
    });
    const out = json(stack);
    expect(out.resource.okta_app_oauth[okta.oktaApp.friendlyUniqueId]).toEqual(
      oauthApp({
        label: "Access (prod)",
        redirect_uris: ["https://corp.cloudflareaccess.com/cdn-cgi/access/callback"],
        pkce_required: false,
        groups_claim: { type: "FILTER", filter_type: "STARTS_WITH", name: "okta_groups", value: "eng-" },
      }),
    );
    expect(out.resource.cloudflare_zero_trust_access_identity_provider[okta.identityProvider.friendlyUniqueId].config.pkce_enabled).toBe(false);
    expect(okta.redirectUri).toBe("https://corp.cloudflareaccess.com/cdn-cgi/access/callback");
  });

  test("an expression claim has no filter_type", () => {
    const expression = 'Groups.startsWith("active_directory", "", 100)';
    const { stack, okta } = build({ groupsClaim: GroupsClaim.expression(expression, "ad_groups") });
    expect(json(stack).resource.okta_app_oauth[okta.oktaApp.friendlyUniqueId].groups_claim).toEqual({ type: "EXPRESSION", name: "ad_groups", value: expression });
  });
});

describe("group assignments", () => {
  test("assignedGroupIds: no Everyone lookup, one authoritative resource with exactly those groups", () => {
    const { stack, okta } = build({ assignedGroupIds: ["00g1abcdefghijklmnop", "00g2abcdefghijklmnop"] });
    const out = json(stack);
    expect(out.data).toBeUndefined();
    expect(okta.everyoneGroup).toBeUndefined();
    expect(out.resource.okta_app_group_assignments).toEqual({
      [okta.groupAssignments[0].friendlyUniqueId]: { app_id: ref(okta.oktaApp, "id"), group: [{ id: "00g1abcdefghijklmnop" }, { id: "00g2abcdefghijklmnop" }] },
    });
  });

  test("additive Everyone: one resource named GroupAssignment_Everyone, not after the lookup's expression", () => {
    const { stack, okta } = build({ exclusiveAssignments: false });
    expect(okta.exclusiveAssignments).toBe(false);
    expect(okta.groupAssignments.map((a) => a.node.path)).toEqual(["test/Okta/GroupAssignment_Everyone"]);
    expect(json(stack).resource.okta_app_group_assignment).toEqual({
      [okta.groupAssignments[0].friendlyUniqueId]: { app_id: ref(okta.oktaApp, "id"), group_id: ref(okta.everyoneGroup!, "id", true), retain_assignment: true },
    });
  });

  test("additive literal ids: one resource per group, named after it", () => {
    const { okta } = build({ exclusiveAssignments: false, assignedGroupIds: ["00g1abcdefghijklmnop", "00g2abcdefghijklmnop"] });
    expect(okta.groupAssignments.map((a) => a.node.path)).toEqual(["test/Okta/GroupAssignment_00g1abcdefghijklmnop", "test/Okta/GroupAssignment_00g2abcdefghijklmnop"]);
  });
});

describe("scope: account or zone", () => {
  test("zoneId: the IdP has zone_id and no account_id; the attributes say so", () => {
    const { stack, okta } = build({ accountId: undefined, zoneId: ZONE_ID });
    const idp = json(stack).resource.cloudflare_zero_trust_access_identity_provider[okta.identityProvider.friendlyUniqueId];
    expect(idp).toEqual({
      name: "Okta",
      type: "okta",
      zone_id: ZONE_ID,
      config: {
        client_id: ref(okta.oktaApp, "client_id"),
        client_secret: ref(okta.oktaApp, "client_secret"),
        okta_account: "https://dev-123456.okta.com",
        claims: ["groups"],
        pkce_enabled: true,
      },
    });
    expect(okta.zoneId).toBe(ZONE_ID);
    expect(okta.accountId).toBeUndefined();
  });

  test("name, claims, emailClaimName and authorizationServerId reach the IdP config", () => {
    const { stack, okta } = build({ name: "Okta SSO", claims: ["department"], emailClaimName: "upn", authorizationServerId: "aus1abcdefghijklmnop" });
    const idp = json(stack).resource.cloudflare_zero_trust_access_identity_provider[okta.identityProvider.friendlyUniqueId];
    expect(idp.name).toBe("Okta SSO");
    expect(idp.config).toEqual({
      client_id: ref(okta.oktaApp, "client_id"),
      client_secret: ref(okta.oktaApp, "client_secret"),
      okta_account: "https://dev-123456.okta.com",
      claims: ["groups", "department"],
      pkce_enabled: true,
      authorization_server_id: "aus1abcdefghijklmnop",
      email_claim_name: "upn",
    });
  });
});

describe("custom authorization server claim", () => {
  test("a filter claim: a GROUPS ID-token claim, always included, with the app's filter, on the server", () => {
    const { stack, okta } = build({ authorizationServerId: "aus1abcdefghijklmnop", groupsClaim: GroupsClaim.equalTo("Engineering", "teams") });
    expect(okta.authorizationServerClaim?.node.path).toBe("test/Okta/AuthorizationServerGroupsClaim");
    expect(json(stack).resource.okta_auth_server_claim).toEqual({
      [okta.authorizationServerClaim!.friendlyUniqueId]: {
        auth_server_id: "aus1abcdefghijklmnop",
        name: "teams",
        claim_type: "IDENTITY",
        value_type: "GROUPS",
        group_filter_type: "EQUALS",
        value: "Engineering",
        always_include_in_token: true,
      },
    });
  });

  test("an expression claim: an EXPRESSION claim with no group filter", () => {
    const expression = 'Groups.startsWith("OKTA", "eng-", 50)';
    const { stack, okta } = build({ authorizationServerId: "aus1abcdefghijklmnop", groupsClaim: GroupsClaim.expression(expression) });
    expect(json(stack).resource.okta_auth_server_claim).toEqual({
      [okta.authorizationServerClaim!.friendlyUniqueId]: {
        auth_server_id: "aus1abcdefghijklmnop",
        name: "groups",
        claim_type: "IDENTITY",
        value_type: "EXPRESSION",
        value: expression,
        always_include_in_token: true,
      },
    });
  });
});

describe("providers", () => {
  test("aliased providers: every Okta resource and data source on the Okta one, the IdP and Access groups on the Cloudflare one", () => {
    const stack = newStack();
    const eu = new OktaProvider(stack, "okta-eu", { alias: "eu", orgName: "dev-123456", baseUrl: "okta.com" });
    const b = new CloudflareProvider(stack, "cloudflare-b", { alias: "b" });
    const { okta } = build({ oktaProvider: eu, cloudflareProvider: b, authorizationServerId: "aus1abcdefghijklmnop", exclusiveAssignments: false }, stack);
    okta.accessGroup("Eng", { oktaGroups: ["Engineering"] });
    expect(okta.oktaProvider).toBe(eu);
    expect(okta.cloudflareProvider).toBe(b);
    const out = json(stack);
    const providers = (block: any) => Object.fromEntries(Object.entries<any>(block).flatMap(([type, all]) => Object.values<any>(all).map((r) => [type, r.provider])));
    expect(providers(out.resource)).toEqual({
      okta_app_oauth: "okta.eu",
      okta_app_group_assignment: "okta.eu",
      okta_auth_server_claim: "okta.eu",
      cloudflare_zero_trust_access_identity_provider: "cloudflare.b",
      cloudflare_zero_trust_access_group: "cloudflare.b",
    });
    expect(providers(out.data)).toEqual({ okta_everyone_group: "okta.eu" });
    expect(allWarnings(stack)).toEqual([]);
  });

  test("default providers declared in any order, before or after the construct, are used without warnings", () => {
    for (const order of [["cloudflare", "okta", "construct"], ["construct", "okta", "cloudflare"], ["okta", "construct", "cloudflare"]]) {
      const stack = new TerraformStack(Testing.app(), "test");
      let okta: OktaAccessIdentityProvider | undefined;
      for (const what of order) {
        if (what === "okta") new OktaProvider(stack, "okta", { orgName: "dev-123456", baseUrl: "okta.com" });
        if (what === "cloudflare") new CloudflareProvider(stack, "cloudflare", {});
        if (what === "construct") okta = new OktaAccessIdentityProvider(stack, "Okta", BASE_PROPS);
      }
      const out = json(stack);
      expect(out.resource.okta_app_oauth[okta!.oktaApp.friendlyUniqueId]).not.toHaveProperty("provider");
      expect(out.resource.cloudflare_zero_trust_access_identity_provider[okta!.identityProvider.friendlyUniqueId]).not.toHaveProperty("provider");
      expect(allWarnings(stack)).toEqual([]);
    }
  });

  test.each([
    ["Cloudflare, then Okta on OAuth, then the construct", ["cloudflare", "okta", "construct"]],
    ["the construct, then Cloudflare, then Okta on OAuth", ["construct", "cloudflare", "okta"]],
    ["Okta on OAuth, the construct, then Cloudflare", ["okta", "construct", "cloudflare"]],
  ])("a default Okta provider on OAuth 2.0 warns on the construct whatever the order: %s", (_, order) => {
    const stack = new TerraformStack(Testing.app(), "test");
    let okta: OktaAccessIdentityProvider | undefined;
    for (const what of order) {
      if (what === "okta") new OktaProvider(stack, "okta", { orgName: "dev-123456", baseUrl: "okta.com", privateKey: "${var.key}", clientId: "0oa1", scopes: ["okta.apps.manage"] });
      if (what === "cloudflare") new CloudflareProvider(stack, "cloudflare", {});
      if (what === "construct") okta = new OktaAccessIdentityProvider(stack, "Okta", BASE_PROPS);
    }
    const expected = `${WHERE}: the Okta provider test/okta authenticates with OAuth 2.0 (privateKey/accessToken). The Okta provider then silently skips groups_claim, so no groups reach Cloudflare. Authenticate with an SSWS API token (OKTA_API_TOKEN) instead, or use a custom authorization server (authorizationServerId), whose groups claim the provider sets under OAuth 2.0 too (scope okta.authorizationServers.manage).`;
    expect(warningsOn(stack, okta!)).toEqual([expected]);
    expect(allWarnings(stack)).toEqual([expected]);
  });

  test("a provider of another stack is refused, naming both stacks", () => {
    const app = Testing.app();
    const other = new TerraformStack(app, "other");
    const foreign = new CloudflareProvider(other, "cloudflare", {});
    const stack = new TerraformStack(app, "test");
    new OktaProvider(stack, "okta", { orgName: "dev-123456", baseUrl: "okta.com" });
    expect(errorOf(() => new OktaAccessIdentityProvider(stack, "Okta", { ...BASE_PROPS, cloudflareProvider: foreign }))).toBe(
      `${WHERE}: cloudflareProvider must be a CloudflareProvider (Terraform provider "cloudflare") declared in this construct's stack ("test"); declare the provider in this stack; received CloudflareProvider "other/cloudflare" of stack "other"`,
    );
  });
});

describe("warnings of the props land on the construct itself", () => {
  test("each warning of the resolved props is added once, in order, to the construct's node", () => {
    const { stack, okta } = build({ teamDomain: "access.example.com", accountId: "my-account" });
    const found = warningsOn(stack, okta);
    expect(found).toEqual([
      `${WHERE}: accountId "my-account" does not look like a Cloudflare id (32 lowercase hexadecimal characters). Copy it from the dashboard's Overview page.`,
      `${WHERE}: teamDomain "access.example.com" is not a Cloudflare team domain (<team>.cloudflareaccess.com), so Okta would redirect to https://access.example.com/cdn-cgi/access/callback, where Access does not answer. Use your team domain as Zero Trust > Settings shows it, or just the team name (e.g. "example").`,
    ]);
    expect(allWarnings(stack)).toEqual(found);
  });
});

describe("errors of the constructor", () => {
  test("a resolve error names the construct's path", () => {
    expect(errorOf(() => build({ name: "" }))).toBe(`${WHERE}: name must be a non-empty string; received ""`);
  });

  test("an empty construct id is refused, naming the construct kind", () => {
    expect(errorOf(() => new OktaAccessIdentityProvider(newStack(), "", BASE_PROPS))).toBe(
      'OktaAccessIdentityProvider "test/": id must be a non-empty string, such as "Okta" (it is part of the Terraform addresses); received ""',
    );
  });

  test("a scope that is not a construct is refused, naming the construct kind", () => {
    expect(errorOf(() => new OktaAccessIdentityProvider({} as any, "Okta", BASE_PROPS))).toBe(
      'OktaAccessIdentityProvider "Okta": scope must be a construct (a TerraformStack or a construct inside one); received {}',
    );
  });
});

describe("unresolved tokens pass through unchecked", () => {
  test("team domain, org URL, account, label, name, server id and group ids", () => {
    const stack = newStack();
    const v = (name: string, type = "string") => new TerraformVariable(stack, name, { type });
    const { okta } = build(
      {
        teamDomain: v("team").stringValue,
        oktaOrgUrl: v("org").stringValue,
        accountId: v("account").stringValue,
        appLabel: v("label").stringValue,
        name: v("name").stringValue,
        authorizationServerId: v("server").stringValue,
        assignedGroupIds: v("groups", "list(string)").listValue,
      },
      stack,
    );
    const out = json(stack);
    expect(out.resource.okta_app_oauth[okta.oktaApp.friendlyUniqueId]).toEqual(
      oauthApp({ label: "${var.label}", redirect_uris: ["https://${var.team}/cdn-cgi/access/callback"] }),
    );
    const idp = out.resource.cloudflare_zero_trust_access_identity_provider[okta.identityProvider.friendlyUniqueId];
    expect(idp).toEqual(
      expect.objectContaining({ name: "${var.name}", account_id: "${var.account}", config: expect.objectContaining({ okta_account: "${var.org}", authorization_server_id: "${var.server}" }) }),
    );
    expect(out.resource.okta_auth_server_claim[okta.authorizationServerClaim!.friendlyUniqueId].auth_server_id).toBe("${var.server}");
    expect(out.data).toBeUndefined();
    expect(allWarnings(stack)).toEqual([]);
  });
});

describe("adopt", () => {
  test("the secret variable, whole: sensitive, required, non-empty, named in its own description", () => {
    const { stack, okta } = build({ adopt: ADOPT });
    const out = json(stack);
    expect(out.variable).toEqual({
      okta_client_secret: {
        type: "string",
        sensitive: true,
        nullable: false,
        description: `The current client secret of Okta app ${APP_ID} (set TF_VAR_okta_client_secret; never commit it)`,
        validation: [{ condition: "${length(var.okta_client_secret) > 0}", error_message: "okta_client_secret must be the Okta app's current client secret, not empty." }],
      },
    });
    expect(okta.clientSecretVariable?.node.path).toBe("test/Okta/ClientSecret");
    expect(resolve(stack, okta.clientSecretVariable!.stringValue)).toBe("${var.okta_client_secret}");
  });

  test("the secret goes to Okta (client_basic_secret) and to Cloudflare from the variable; the client id still from the app", () => {
    const { stack, okta } = build({ adopt: { ...ADOPT, clientSecretVariable: "corp_secret" } });
    const out = json(stack);
    expect(out.resource.okta_app_oauth[okta.oktaApp.friendlyUniqueId]).toEqual(oauthApp({ client_basic_secret: "${var.corp_secret}" }));
    expect(out.resource.cloudflare_zero_trust_access_identity_provider[okta.identityProvider.friendlyUniqueId].config).toEqual({
      client_id: ref(okta.oktaApp, "client_id"),
      client_secret: "${var.corp_secret}",
      okta_account: "https://dev-123456.okta.com",
      claims: ["groups"],
      pkce_enabled: true,
    });
    expect(Object.keys(out.variable)).toEqual(["corp_secret"]);
  });

  test("account scope, exclusive: the app and its assignments by app id, the IdP as accounts/<account>/<id>; nothing else", () => {
    const { stack, okta } = build({ adopt: ADOPT });
    expect(json(stack).import).toEqual([
      { to: `okta_app_oauth.${okta.oktaApp.friendlyUniqueId}`, id: APP_ID },
      { to: `okta_app_group_assignments.${okta.groupAssignments[0].friendlyUniqueId}`, id: APP_ID },
      { to: `cloudflare_zero_trust_access_identity_provider.${okta.identityProvider.friendlyUniqueId}`, id: `accounts/${ACCOUNT_ID}/${IDP_ID}` },
    ]);
    expect(allWarnings(stack)).toEqual([]);
  });

  test("zone scope and aliased providers: zones/<zone>/<id>, each import through the resource's provider", () => {
    const stack = newStack();
    const eu = new OktaProvider(stack, "okta-eu", { alias: "eu", orgName: "dev-123456", baseUrl: "okta.com" });
    const b = new CloudflareProvider(stack, "cloudflare-b", { alias: "b" });
    const { okta } = build({ accountId: undefined, zoneId: ZONE_ID, oktaProvider: eu, cloudflareProvider: b, assignedGroupIds: ["00g1abcdefghijklmnop"], adopt: ADOPT }, stack);
    expect(json(stack).import).toEqual([
      { to: `okta_app_oauth.${okta.oktaApp.friendlyUniqueId}`, id: APP_ID, provider: "okta.eu" },
      { to: `okta_app_group_assignments.${okta.groupAssignments[0].friendlyUniqueId}`, id: APP_ID, provider: "okta.eu" },
      { to: `cloudflare_zero_trust_access_identity_provider.${okta.identityProvider.friendlyUniqueId}`, id: `zones/${ZONE_ID}/${IDP_ID}`, provider: "cloudflare.b" },
    ]);
  });

  test("exclusive with a list token of groups: still one import by app id, no warning", () => {
    const stack = newStack();
    const groups = new TerraformVariable(stack, "groups", { type: "list(string)" });
    const { okta } = build({ assignedGroupIds: groups.listValue, adopt: ADOPT }, stack);
    const imports = json(stack).import.filter((i: any) => i.to.startsWith("okta_app_group_assignments."));
    expect(imports).toEqual([{ to: `okta_app_group_assignments.${okta.groupAssignments[0].friendlyUniqueId}`, id: APP_ID }]);
    expect(allWarnings(stack)).toEqual([]);
  });

  test("additive literal ids: one <app id>/<group id> import per group, in order, and no warning", () => {
    const { stack, okta } = build({ exclusiveAssignments: false, assignedGroupIds: ["00g1abcdefghijklmnop", "00g2abcdefghijklmnop"], adopt: ADOPT });
    const imports = json(stack).import.filter((i: any) => i.to.startsWith("okta_app_group_assignment"));
    expect(imports).toEqual([
      { to: `okta_app_group_assignment.${okta.groupAssignments[0].friendlyUniqueId}`, id: `${APP_ID}/00g1abcdefghijklmnop` },
      { to: `okta_app_group_assignment.${okta.groupAssignments[1].friendlyUniqueId}`, id: `${APP_ID}/00g2abcdefghijklmnop` },
    ]);
    expect(okta.groupAssignments[1].node.path).toBe("test/Okta/GroupAssignment_00g2abcdefghijklmnop");
    expect(allWarnings(stack)).toEqual([]);
  });

  test("additive Everyone: imported as <app id>/<the Everyone group's id>", () => {
    const { stack, okta } = build({ exclusiveAssignments: false, adopt: ADOPT });
    const imports = json(stack).import.filter((i: any) => i.to.startsWith("okta_app_group_assignment"));
    expect(imports).toEqual([{ to: `okta_app_group_assignment.${okta.groupAssignments[0].friendlyUniqueId}`, id: `${APP_ID}/${ref(okta.everyoneGroup!, "id", true)}` }]);
  });

  test("additive with a list token of groups: no assignment import, and a warning on the construct saying so", () => {
    const stack = newStack();
    const groups = new TerraformVariable(stack, "groups", { type: "list(string)" });
    const { okta } = build({ exclusiveAssignments: false, assignedGroupIds: groups.listValue, adopt: ADOPT }, stack);
    const out = json(stack);
    expect(out.import.map((i: any) => i.to)).toEqual([`okta_app_oauth.${okta.oktaApp.friendlyUniqueId}`, `cloudflare_zero_trust_access_identity_provider.${okta.identityProvider.friendlyUniqueId}`]);
    expect(warningsOn(stack, okta)).toEqual([
      `${WHERE}: adopting with additive assignments whose group list is known only at plan time: their existing assignments are not imported, and creating one that exists fails. Pass the group ids as a literal list.`,
    ]);
  });

  test("additive with a list token but no adopt: no import and no warning", () => {
    const stack = newStack();
    const groups = new TerraformVariable(stack, "groups", { type: "list(string)" });
    build({ exclusiveAssignments: false, assignedGroupIds: groups.listValue }, stack);
    expect(json(stack).import).toBeUndefined();
    expect(allWarnings(stack)).toEqual([]);
  });

  test("an authorization server claim is imported as <server id>/<claim id> when its id is given, and only then", () => {
    const withId = build({ authorizationServerId: "aus1abcdefghijklmnop", adopt: { ...ADOPT, authorizationServerClaimId: "ocl1b2c3d4e5f6g7h8i9" } });
    const claimImports = (stack: TerraformStack) => json(stack).import.filter((i: any) => i.to.startsWith("okta_auth_server_claim."));
    expect(claimImports(withId.stack)).toEqual([
      { to: `okta_auth_server_claim.${withId.okta.authorizationServerClaim!.friendlyUniqueId}`, id: "aus1abcdefghijklmnop/ocl1b2c3d4e5f6g7h8i9" },
    ]);
    const without = build({ authorizationServerId: "aus1abcdefghijklmnop", adopt: ADOPT });
    expect(claimImports(without.stack)).toEqual([]);
    expect(json(without.stack).import).toHaveLength(3);
  });
});

describe("scim", () => {
  test("scimBaseUrl and scimSecret reference the IdP's scim_config", () => {
    const { stack, okta } = build({ scim: {} });
    expect(resolve(stack, okta.scimBaseUrl)).toBe(ref(okta.identityProvider, "scim_config.scim_base_url"));
    expect(resolve(stack, okta.scimSecret)).toBe(ref(okta.identityProvider, "scim_config.secret"));
  });

  test("a non-sensitive output of scimSecret fails validation with exactly one error naming it; other outputs pass", () => {
    const { stack, okta } = build({ scim: {} });
    new TerraformOutput(stack, "base_url", { value: okta.scimBaseUrl });
    new TerraformOutput(stack, "client_id", { value: okta.clientId });
    new TerraformOutput(stack, "idp", { value: okta.identityProvider.id });
    new TerraformOutput(stack, "secret_ok", { value: okta.scimSecret, sensitive: true });
    expect(() => Testing.synth(stack, true)).not.toThrow();
    new TerraformOutput(stack, "secret_bad", { value: okta.scimSecret });
    expect(errorOf(() => Testing.synth(stack, true))).toBe(
      "Validation failed with the following errors:\n" +
        `  [test] ${WHERE}: output "secret_bad" (test/secret_bad) exposes scimSecret; set sensitive: true on it (Terraform refuses unmarked outputs of a sensitive value)\n\n` +
        "If you wish to ignore these validations, pass 'skipValidation: true' to your App configuration.\n",
    );
  });

  test("without scim, no guard: outputs of the IdP are not checked", () => {
    const { stack, okta } = build();
    new TerraformOutput(stack, "raw", { value: okta.identityProvider.scimConfig.secret });
    expect(() => Testing.synth(stack, true)).not.toThrow();
  });
});

describe("accessGroup", () => {
  const EG = `${WHERE}.accessGroup("Eng")`;

  test("the whole group: named after the id, one okta rule per group naming this IdP, in the IdP's account", () => {
    const { stack, okta } = build();
    const group = okta.accessGroup("Eng", { oktaGroups: ["Engineering", "SRE"] });
    expect(group.node.path).toBe("test/Okta/AccessGroups/Eng");
    expect(json(stack).resource.cloudflare_zero_trust_access_group).toEqual({
      [group.friendlyUniqueId]: {
        account_id: ACCOUNT_ID,
        name: "Eng",
        include: [
          { okta: { name: "Engineering", identity_provider_id: ref(okta.identityProvider, "id") } },
          { okta: { name: "SRE", identity_provider_id: ref(okta.identityProvider, "id") } },
        ],
      },
    });
    expect(json(stack).import).toBeUndefined();
    expect(allWarnings(stack)).toEqual([]);
  });

  test("every known option: name, and adopt imported in the IdP's zone", () => {
    const { stack, okta } = build({ accountId: undefined, zoneId: ZONE_ID });
    const group = okta.accessGroup("Eng", { oktaGroups: ["Engineering"], name: "Engineers", adopt: { accessGroupId: GROUP_UUID } });
    const out = json(stack);
    expect(out.resource.cloudflare_zero_trust_access_group[group.friendlyUniqueId]).toEqual({
      zone_id: ZONE_ID,
      name: "Engineers",
      include: [{ okta: { name: "Engineering", identity_provider_id: ref(okta.identityProvider, "id") } }],
    });
    expect(out.import).toEqual([{ to: `cloudflare_zero_trust_access_group.${group.friendlyUniqueId}`, id: `zones/${ZONE_ID}/${GROUP_UUID}` }]);
  });

  test("a group the claim never sends warns on the AccessGroups container, naming oktaGroups", () => {
    const { stack, okta } = build({ groupsClaim: GroupsClaim.startingWith("eng-") });
    okta.accessGroup("Eng", { oktaGroups: ["sre"] });
    const container = okta.node.findChild("AccessGroups");
    expect(warningsOn(stack, container)).toEqual([
      `${EG}: oktaGroups ["sre"] is not sent by the identity provider's groups claim (${GroupsClaim.startingWith("eng-").describe()}), so this rule never matches. Widen groupsClaim (e.g. GroupsClaim.ALL) or fix the group names.`,
    ]);
  });

  test.each<[string, () => [string, any], string]>([
    ["an empty id", () => ["", { oktaGroups: ["E"] }], `${WHERE}.accessGroup(""): id must be a non-empty string (it is part of the Terraform addresses); received ""`],
    ["no options", () => ["Eng", undefined], `${EG}: options must be an object with oktaGroups; received undefined`],
    ["an unknown option", () => ["Eng", { oktaGroups: ["E"], nmae: "x" }], `${EG}: options must be an object with only the keys oktaGroups, name, adopt; unknown: "nmae" (did you mean "name"?); received {"nmae": <a string>}`],
    ["no oktaGroups", () => ["Eng", {}], `${EG}: oktaGroups must be a non-empty list of Okta group names; received undefined`],
    ["an empty name", () => ["Eng", { oktaGroups: ["E"], name: " " }], `${EG}: name must be a non-empty string; received " "`],
    ["a non-object adopt", () => ["Eng", { oktaGroups: ["E"], adopt: GROUP_UUID }], `${EG}: adopt must be an object with accessGroupId; received "${GROUP_UUID}"`],
    [
      "an adopt id that is not a UUID",
      () => ["Eng", { oktaGroups: ["E"], adopt: { accessGroupId: "nope" } }],
      `${EG}: adopt.accessGroupId must be the id of an existing Access group, a UUID such as "0d7c1c8e-3f3a-4c55-9b1e-2f8d6a4b7e10"; received "nope"`,
    ],
  ])("%s is refused with exactly our error", (_, args, message) => {
    const { okta } = build();
    const [id, options] = args();
    expect(errorOf(() => okta.accessGroup(id, options))).toBe(message);
  });

  test("a second group of the same id is refused; an application of that id is not", () => {
    const { okta } = build();
    okta.accessGroup("Eng", { oktaGroups: ["E"] });
    expect(errorOf(() => okta.accessGroup("Eng", { oktaGroups: ["F"] }))).toBe(`${EG}: id must be unique among this identity provider's access groups; received "Eng"`);
    expect(() => okta.protectApplication("Eng", { domain: "eng.example.com", allowedOktaGroups: ["E"] })).not.toThrow();
    expect(okta.accessGroup("Other", { oktaGroups: ["E"] }).node.path).toBe("test/Okta/AccessGroups/Other");
  });
});

describe("protectApplication", () => {
  const PW = `${WHERE}.protectApplication("Wiki")`;

  test("builds under the Applications container, for this IdP", () => {
    const { stack, okta } = build();
    const app = okta.protectApplication("Wiki", { domain: "wiki.example.com", allowedOktaGroups: ["Engineering"] });
    expect(app.node.path).toBe("test/Okta/Applications/Wiki");
    expect(app.node.scope).toBe(okta.node.findChild("Applications"));
    const access = Object.values<any>(json(stack).resource.cloudflare_zero_trust_access_application);
    expect(access).toEqual([expect.objectContaining({ domain: "wiki.example.com", allowed_idps: [ref(okta.identityProvider, "id")], account_id: ACCOUNT_ID })]);
  });

  test.each<[string, () => [string, any], string]>([
    ["an empty id", () => [" ", { domain: "a.example.com", allowedOktaGroups: ["E"] }], `${WHERE}.protectApplication(" "): id must be a non-empty string (it is part of the Terraform addresses); received " "`],
    ["no options", () => ["Wiki", null], `${PW}: options must be an object with domain and allowedOktaGroups; received null`],
  ])("%s is refused with exactly our error", (_, args, message) => {
    const { okta } = build();
    const [id, options] = args();
    expect(errorOf(() => okta.protectApplication(id, options))).toBe(message);
  });

  test("an unknown option is refused, naming options", () => {
    const { okta } = build();
    expect(errorOf(() => okta.protectApplication("Wiki", { domain: "a.example.com", allowedOktaGroups: ["E"], bogus: 1 } as any))).toMatch(
      new RegExp(`^${PW.replace(/[.()]/g, "\\$&")}: options must be an object with only the keys .*; unknown: "bogus"; received \\{"bogus": <a number>\\}$`),
    );
  });

  test("a second application of the same id is refused; an access group of that id is not", () => {
    const { okta } = build();
    okta.protectApplication("Wiki", { domain: "wiki.example.com", allowedOktaGroups: ["E"] });
    expect(errorOf(() => okta.protectApplication("Wiki", { domain: "wiki2.example.com", allowedOktaGroups: ["E"] }))).toBe(
      `${PW}: id must be unique among this identity provider's applications; received "Wiki"`,
    );
    expect(() => okta.accessGroup("Wiki", { oktaGroups: ["E"] })).not.toThrow();
  });

  test("the containers exist only once used", () => {
    const { okta } = build();
    expect(okta.node.tryFindChild("AccessGroups")).toBeUndefined();
    expect(okta.node.tryFindChild("Applications")).toBeUndefined();
    okta.protectApplication("Wiki", { domain: "wiki.example.com", allowedOktaGroups: ["E"] });
    expect(okta.node.tryFindChild("Applications")).toBeInstanceOf(Construct);
    expect(okta.node.tryFindChild("AccessGroups")).toBeUndefined();
  });
});

/**
 * The construct's side of the groups claim's mechanism (issue 22 item 4,
 * docs/groups-claim-mechanisms.md): `appGroupsClaim`, the attributes, the
 * synthesized groups_claim and depends_on, the errors, the phase-1 note and
 * the OAuth 2.0 warning, on synthesized JSON and annotations.
 */
import { OktaProvider } from "../src/providers/okta/provider";
import { CloudflareProvider } from "../src/providers/cloudflare/provider";
import { TerraformStack, TerraformVariable, Testing } from "cdktf";
import { AppGroupsClaim, GroupsClaim, OktaAccessIdentityProvider, OktaAccessIdentityProviderProps } from "../src";
import { SUPPORTED } from "../src/private/provider-versions";
import { BASE_PROPS, newStack, only, synth, warnings } from "./helpers";

const WHERE = 'OktaAccessIdentityProvider "test/Okta"';
const AUS = "aus1b2c3d4e5f6g7h8i9";
const ADOPT = { oktaAppId: "0oa1b2c3d4e5f6g7h8i9", identityProviderId: "0d7c1c8e-3f3a-4c55-9b1e-2f8d6a4b7e10", authorizationServerClaimId: "ocl1b2c3d4e5f6g7h8i9" };
const NEW_ONLY = ">= 6.6.0, <= 6.12.0";
const APP_CLAIM = { type: "FILTER", filter_type: "REGEX", name: "groups", value: ".*" };

/** A stack with our providers and, when given, an okta constraint set before the construct. */
function stackWith(oktaConstraint?: string): TerraformStack {
  const stack = newStack();
  if (oktaConstraint !== undefined) stack.addOverride("terraform.required_providers.okta.version", oktaConstraint);
  return stack;
}

function build(props: Partial<OktaAccessIdentityProviderProps> = {}, stack: TerraformStack = stackWith()) {
  const okta = new OktaAccessIdentityProvider(stack, "Okta", { ...BASE_PROPS, ...props });
  return { stack, okta, json: synth(stack) };
}

function errorOf(make: () => unknown): string {
  try {
    make();
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error("did not throw");
}

/** Info messages of the tree, after a synth. */
function infos(stack: TerraformStack): string[] {
  Testing.synth(stack);
  return stack.node
    .findAll()
    .flatMap((c) => c.node.metadata)
    .filter((m) => m.type === "@cdktf/info")
    .map((m) => String(m.data));
}

describe("AppGroupsClaim", () => {
  test("three named instances, distinct", () => {
    expect([AppGroupsClaim.AUTO.name, AppGroupsClaim.KEEP.name, AppGroupsClaim.REMOVE.name]).toEqual(["AUTO", "KEEP", "REMOVE"]);
    expect(new Set([AppGroupsClaim.AUTO, AppGroupsClaim.KEEP, AppGroupsClaim.REMOVE]).size).toBe(3);
    expect(String(AppGroupsClaim.REMOVE)).toBe("AppGroupsClaim.REMOVE");
  });
});

describe("the org authorization server", () => {
  test.each([[undefined], [AppGroupsClaim.AUTO], [AppGroupsClaim.KEEP]])("appGroupsClaim %s: the app's claim, no server claim, no depends_on", (choice) => {
    const { okta, json } = build({ appGroupsClaim: choice }, stackWith(NEW_ONLY));
    expect(only(json, "okta_app_oauth").groups_claim).toEqual(APP_CLAIM);
    expect(json.resource.okta_auth_server_claim).toBeUndefined();
    expect(only(json, "cloudflare_zero_trust_access_identity_provider").depends_on).toBeUndefined();
    expect(okta.appGroupsClaimIssued).toBe(true);
    expect(okta.groupsClaimSource).toBe("app");
    expect(okta.appGroupsClaim).toBe(choice ?? AppGroupsClaim.AUTO);
  });

  test("REMOVE is refused, naming the property, the expected form and what was received", () => {
    const stack = stackWith(NEW_ONLY);
    expect(errorOf(() => new OktaAccessIdentityProvider(stack, "Okta", { ...BASE_PROPS, appGroupsClaim: AppGroupsClaim.REMOVE }))).toBe(
      `${WHERE}: appGroupsClaim must be AppGroupsClaim.AUTO or AppGroupsClaim.KEEP without authorizationServerId: on the org authorization server the app's groups_claim is the only mechanism that carries groups to Cloudflare (REMOVE needs authorizationServerId); received AppGroupsClaim.REMOVE without authorizationServerId`,
    );
    // The refused construct left the tree: the id can be used again.
    expect(() => new OktaAccessIdentityProvider(stack, "Okta", BASE_PROPS)).not.toThrow();
  });
});

describe("a custom authorization server", () => {
  test("the default range keeps the app's claim (4.20.0 cannot remove it); Cloudflare depends on the server claim", () => {
    const { okta, json } = build({ authorizationServerId: AUS });
    expect(only(json, "okta_app_oauth").groups_claim).toEqual(APP_CLAIM);
    const claim = only(json, "okta_auth_server_claim");
    expect(claim).toMatchObject({ auth_server_id: AUS, name: "groups", claim_type: "IDENTITY", value_type: "GROUPS", group_filter_type: "REGEX", value: ".*", always_include_in_token: true });
    const idp = only(json, "cloudflare_zero_trust_access_identity_provider");
    expect(idp.depends_on).toEqual([`okta_auth_server_claim.${okta.authorizationServerClaim!.friendlyUniqueId}`]);
    expect(idp.config.authorization_server_id).toBe(AUS);
    expect(okta.appGroupsClaimIssued).toBe(true);
    expect(okta.groupsClaimSource).toBe("authorization-server");
  });

  test("AUTO with only okta >= 6.6.0 allowed removes the app's claim; the construct ids stay", () => {
    const { okta, json } = build({ authorizationServerId: AUS }, stackWith(NEW_ONLY));
    const app = only(json, "okta_app_oauth");
    expect("groups_claim" in app).toBe(false);
    expect(okta.appGroupsClaimIssued).toBe(false);
    expect(okta.oktaApp.node.id).toBe("App");
    expect(okta.authorizationServerClaim!.node.id).toBe("AuthorizationServerGroupsClaim");
    expect(okta.identityProvider.node.id).toBe("IdentityProvider");
    expect(only(json, "cloudflare_zero_trust_access_identity_provider").depends_on).toEqual([`okta_auth_server_claim.${okta.authorizationServerClaim!.friendlyUniqueId}`]);
  });

  test("AUTO reads the constraint of any bindings: an exact version from another provider class", () => {
    const stack = new TerraformStack(Testing.app(), "test");
    new OktaProvider(stack, "okta", { orgName: "dev-123456", baseUrl: "okta.com" });
    new CloudflareProvider(stack, "cloudflare", {});
    stack.addOverride("terraform.required_providers.okta.version", "6.12.0");
    expect(build({ authorizationServerId: AUS }, stack).okta.appGroupsClaimIssued).toBe(false);
  });

  test("KEEP keeps the app's claim even when only okta >= 6.6.0 is allowed", () => {
    const { okta, json } = build({ authorizationServerId: AUS, appGroupsClaim: AppGroupsClaim.KEEP }, stackWith(NEW_ONLY));
    expect(only(json, "okta_app_oauth").groups_claim).toEqual(APP_CLAIM);
    expect(okta.appGroupsClaimIssued).toBe(true);
  });

  test("REMOVE with only okta >= 6.6.0 allowed removes it, also with an expression claim on the server", () => {
    const claim = GroupsClaim.expression('Groups.startsWith("OKTA", "eng-", 100)');
    const { okta, json } = build({ authorizationServerId: AUS, appGroupsClaim: AppGroupsClaim.REMOVE, groupsClaim: claim }, stackWith(NEW_ONLY));
    expect("groups_claim" in only(json, "okta_app_oauth")).toBe(false);
    expect(only(json, "okta_auth_server_claim")).toMatchObject({ value_type: "EXPRESSION", value: 'Groups.startsWith("OKTA", "eng-", 100)' });
    expect(okta.appGroupsClaimIssued).toBe(false);
  });

  test("REMOVE when the constraint allows okta < 6.6.0 is refused, naming both versions", () => {
    const stack = stackWith();
    expect(errorOf(() => new OktaAccessIdentityProvider(stack, "Okta", { ...BASE_PROPS, authorizationServerId: AUS, appGroupsClaim: AppGroupsClaim.REMOVE }))).toBe(
      `${WHERE}: appGroupsClaim must be AppGroupsClaim.KEEP or AUTO unless the stack allows only okta >= 6.6.0, the first release that removes a claim dropped from groups_claim (older ones leave it in Okta and plan its removal on every run); received AppGroupsClaim.REMOVE with the okta version constraint ${JSON.stringify(SUPPORTED.okta.constraint)} (the okta provider "test/okta" (OktaProvider)), which allows okta 4.20.0: 4.20.0 up to <= 6.12.0. Require okta >= 6.6.0`,
    );
  });

  test("REMOVE with a token constraint passes unchecked", () => {
    const stack = newStack();
    const v = new TerraformVariable(stack, "okta_version", { type: "string" });
    stack.addOverride("terraform.required_providers.okta.version", v.stringValue);
    const okta = new OktaAccessIdentityProvider(stack, "Okta", { ...BASE_PROPS, authorizationServerId: AUS, appGroupsClaim: AppGroupsClaim.REMOVE });
    expect(okta.appGroupsClaimIssued).toBe(false);
  });

  test.each([["REMOVE"], [{ name: "REMOVE" }], [null], [1]])("appGroupsClaim %j (not an AppGroupsClaim) is refused", (value) => {
    const stack = stackWith(NEW_ONLY);
    expect(errorOf(() => new OktaAccessIdentityProvider(stack, "Okta", { ...BASE_PROPS, authorizationServerId: AUS, appGroupsClaim: value as never }))).toBe(
      `${WHERE}: appGroupsClaim must be AppGroupsClaim.AUTO, AppGroupsClaim.KEEP or AppGroupsClaim.REMOVE; received ${JSON.stringify(value)}`,
    );
  });
});

describe("adopting with a custom authorization server: phase 1 of 2", () => {
  test("AUTO keeps the app's claim and says what comes next; the server claim and the app are imported", () => {
    const { okta, json, stack } = build({ authorizationServerId: AUS, adopt: ADOPT }, stackWith(NEW_ONLY));
    expect(only(json, "okta_app_oauth").groups_claim).toEqual(APP_CLAIM);
    expect(okta.appGroupsClaimIssued).toBe(true);
    expect(infos(stack)).toEqual([
      `${WHERE}: adopting with authorizationServerId: the app's groups_claim is kept for this apply (phase 1 of 2), so sign-ins keep their groups while Cloudflare switches to the authorization server. After this apply succeeds, set appGroupsClaim: AppGroupsClaim.REMOVE (phase 2; needs okta >= 6.6.0), or KEEP to keep the claim and silence this note. See docs/groups-claim-mechanisms.md.`,
    ]);
    expect(only(json, "cloudflare_zero_trust_access_identity_provider").depends_on).toEqual([`okta_auth_server_claim.${okta.authorizationServerClaim!.friendlyUniqueId}`]);
    expect(json.import.map((i: { id: string }) => i.id)).toEqual(expect.arrayContaining([ADOPT.oktaAppId, `${AUS}/${ADOPT.authorizationServerClaimId}`]));
  });

  test("phase 2: REMOVE drops the app's claim, with no note", () => {
    const { okta, json, stack } = build({ authorizationServerId: AUS, adopt: ADOPT, appGroupsClaim: AppGroupsClaim.REMOVE }, stackWith(NEW_ONLY));
    expect("groups_claim" in only(json, "okta_app_oauth")).toBe(false);
    expect(okta.appGroupsClaimIssued).toBe(false);
    expect(infos(stack)).toEqual([]);
  });

  test("KEEP: no note", () => {
    expect(infos(build({ authorizationServerId: AUS, adopt: ADOPT, appGroupsClaim: AppGroupsClaim.KEEP }, stackWith(NEW_ONLY)).stack)).toEqual([]);
  });

  test("adopting without a custom server: no note", () => {
    expect(infos(build({ adopt: ADOPT }).stack)).toEqual([]);
  });
});

describe("the constraint as it stands at synth", () => {
  function synthError(stack: TerraformStack): string {
    return errorOf(() => Testing.synth(stack, true));
  }

  test("an override added after the construct that changes what AUTO decided refuses the stack", () => {
    const stack = stackWith();
    new OktaAccessIdentityProvider(stack, "Okta", { ...BASE_PROPS, authorizationServerId: AUS });
    stack.addOverride("terraform.required_providers.okta.version", NEW_ONLY);
    expect(synthError(stack)).toContain(
      `${WHERE}: the okta version constraint changed after the construct was built (now ">= 6.6.0, <= 6.12.0", from the stack override terraform.required_providers.okta.version), and with it whether appGroupsClaim AUTO issues the app's groups_claim (issued at construction; now every okta version the constraint allows (from 6.6.0) clears a removed groups_claim). Create the okta provider and any required_providers override before the construct, or set appGroupsClaim to AppGroupsClaim.KEEP or AppGroupsClaim.REMOVE.`,
    );
  });

  test("an override added after the construct that allows okta < 6.6.0 refuses REMOVE", () => {
    const stack = stackWith(NEW_ONLY);
    new OktaAccessIdentityProvider(stack, "Okta", { ...BASE_PROPS, authorizationServerId: AUS, appGroupsClaim: AppGroupsClaim.REMOVE });
    stack.addOverride("terraform.required_providers.okta.version", ">= 6.5.5, <= 6.12.0");
    expect(synthError(stack)).toContain(`${WHERE}: appGroupsClaim must be AppGroupsClaim.KEEP or AUTO unless the stack allows only okta >= 6.6.0`);
    expect(synthError(stack)).toContain("which allows okta 6.5.5");
  });

  test("a provider created after the construct that keeps the decision synthesizes", () => {
    const stack = new TerraformStack(Testing.app(), "test");
    const okta = new OktaAccessIdentityProvider(stack, "Okta", { ...BASE_PROPS, authorizationServerId: AUS });
    new OktaProvider(stack, "okta", { orgName: "dev-123456", baseUrl: "okta.com" });
    new CloudflareProvider(stack, "cloudflare", {});
    expect(okta.appGroupsClaimIssued).toBe(true);
    expect(only(synth(stack), "okta_app_oauth").groups_claim).toEqual(APP_CLAIM);
  });

  test("REMOVE before the provider and its override: decided at synth, where the final constraint allows it", () => {
    const stack = new TerraformStack(Testing.app(), "test");
    const okta = new OktaAccessIdentityProvider(stack, "Okta", { ...BASE_PROPS, authorizationServerId: AUS, appGroupsClaim: AppGroupsClaim.REMOVE });
    new OktaProvider(stack, "okta", { orgName: "dev-123456", baseUrl: "okta.com" });
    new CloudflareProvider(stack, "cloudflare", {});
    stack.addOverride("terraform.required_providers.okta.version", NEW_ONLY);
    expect(okta.appGroupsClaimIssued).toBe(false);
    expect("groups_claim" in only(synth(stack), "okta_app_oauth")).toBe(false);
  });

  test("REMOVE in a stack that never gets an okta constraint is refused at synth", () => {
    const stack = new TerraformStack(Testing.app(), "test");
    new OktaAccessIdentityProvider(stack, "Okta", { ...BASE_PROPS, authorizationServerId: AUS, appGroupsClaim: AppGroupsClaim.REMOVE });
    expect(synthError(stack)).toContain(`${WHERE}: appGroupsClaim must be AppGroupsClaim.KEEP or AUTO unless the stack allows only okta >= 6.6.0`);
    expect(synthError(stack)).toContain('received AppGroupsClaim.REMOVE with no okta version constraint (no okta provider in stack "test"), which allows any version, such as 4.20.0');
  });

  test("a later provider is seen by the next construct: the walk is repeated while none was found", () => {
    const stack = new TerraformStack(Testing.app(), "test");
    new OktaAccessIdentityProvider(stack, "First", { ...BASE_PROPS, authorizationServerId: AUS, appGroupsClaim: AppGroupsClaim.KEEP });
    new OktaProvider(stack, "okta", { orgName: "dev-123456", baseUrl: "okta.com" });
    new CloudflareProvider(stack, "cloudflare", {});
    stack.addOverride("terraform.required_providers.okta.version", NEW_ONLY);
    const second = new OktaAccessIdentityProvider(stack, "Second", { ...BASE_PROPS, authorizationServerId: AUS });
    expect(second.appGroupsClaimIssued).toBe(false);
    expect(() => synth(stack)).not.toThrow();
  });
});

describe("the OAuth 2.0 warning", () => {
  function oauthStack(oktaConstraint?: string): TerraformStack {
    const stack = new TerraformStack(Testing.app(), "test");
    new OktaProvider(stack, "okta", { orgName: "dev-123456", baseUrl: "okta.com", privateKey: "${var.key}", clientId: "0oa1", scopes: ["okta.apps.manage"] });
    new CloudflareProvider(stack, "cloudflare", {});
    if (oktaConstraint !== undefined) stack.addOverride("terraform.required_providers.okta.version", oktaConstraint);
    return stack;
  }

  test("stays for the org authorization server, with the way out", () => {
    const { stack } = build({}, oauthStack());
    expect(warnings(stack)).toEqual([
      `${WHERE}: the Okta provider test/okta authenticates with OAuth 2.0 (privateKey/accessToken). The Okta provider then silently skips groups_claim, so no groups reach Cloudflare. Authenticate with an SSWS API token (OKTA_API_TOKEN) instead, or use a custom authorization server (authorizationServerId), whose groups claim the provider sets under OAuth 2.0 too (scope okta.authorizationServers.manage).`,
    ]);
  });

  test.each([[undefined], [NEW_ONLY]])("is dropped with a custom authorization server (constraint %s)", (constraint) => {
    expect(warnings(build({ authorizationServerId: AUS }, oauthStack(constraint)).stack)).toEqual([]);
  });
});

describe("escape hatches that leave Cloudflare on the org server without the app's claim", () => {
  const REFUSAL =
    `${WHERE}: the Okta app "test/Okta/App" issues no groups_claim, and the Cloudflare identity provider "test/Okta/IdentityProvider" signs in through the Okta org authorization server (its config has no authorization_server_id), where the app's groups_claim is the only mechanism that carries groups: no groups would reach Cloudflare`;
  const FIX = "Keep authorization_server_id in the identity provider's config (pass authorizationServerId to putConfig, or drop the override), or sign in through the org server by leaving out authorizationServerId";

  function synthError(stack: TerraformStack): string {
    return errorOf(() => Testing.synth(stack, true));
  }

  /** A custom server with okta >= 6.6.0: AUTO removes the app's claim. */
  function custom() {
    const stack = stackWith(NEW_ONLY);
    const okta = new OktaAccessIdentityProvider(stack, "Okta", { ...BASE_PROPS, authorizationServerId: AUS });
    expect(okta.appGroupsClaimIssued).toBe(false);
    return { stack, okta };
  }

  test("putConfig without authorizationServerId refuses the stack, naming both resources and the fix", () => {
    const { stack, okta } = custom();
    okta.identityProvider.putConfig({ clientId: okta.clientId, clientSecret: okta.oktaApp.clientSecret, oktaAccount: okta.oktaOrgUrl, claims: ["groups"], emailClaimName: "email" });
    const error = synthError(stack);
    expect(error).toContain(REFUSAL);
    expect(error).toContain(FIX);
  });

  test.each([
    ["null", null],
    ["an empty string", ""],
  ])("an override of config.authorization_server_id to %s refuses the stack", (_, value) => {
    const { stack, okta } = custom();
    okta.identityProvider.addOverride("config.authorization_server_id", value);
    expect(synthError(stack)).toContain(REFUSAL);
  });

  test("on the org server, an override that drops the app's groups_claim refuses the stack; resetGroupsClaim too", () => {
    const overridden = newStack();
    new OktaAccessIdentityProvider(overridden, "Okta", BASE_PROPS).oktaApp.addOverride("groups_claim", null);
    expect(synthError(overridden)).toContain(REFUSAL);
    const reset = newStack();
    new OktaAccessIdentityProvider(reset, "Okta", BASE_PROPS).oktaApp.resetGroupsClaim();
    expect(synthError(reset)).toContain(REFUSAL);
  });

  test("what keeps groups flowing synthesizes: the server kept, another server, the app's claim back, or a token", () => {
    const kept = custom();
    kept.okta.identityProvider.putConfig({ clientId: kept.okta.clientId, clientSecret: kept.okta.oktaApp.clientSecret, oktaAccount: kept.okta.oktaOrgUrl, authorizationServerId: AUS });
    expect(only(synth(kept.stack), "cloudflare_zero_trust_access_identity_provider").config.authorization_server_id).toBe(AUS);

    const other = custom();
    other.okta.identityProvider.addOverride("config.authorization_server_id", "aus9z8y7x6w5v4u3t2s1");
    expect(() => synth(other.stack)).not.toThrow();

    const claimBack = custom();
    claimBack.okta.identityProvider.addOverride("config.authorization_server_id", null);
    claimBack.okta.oktaApp.addOverride("groups_claim", APP_CLAIM);
    expect(only(synth(claimBack.stack), "okta_app_oauth").groups_claim).toEqual(APP_CLAIM);

    // Known only to Terraform: passes.
    const token = custom();
    const server = new TerraformVariable(token.stack, "server", { type: "string" });
    token.okta.identityProvider.addOverride("config.authorization_server_id", server.stringValue);
    expect(() => synth(token.stack)).not.toThrow();
    const config = custom();
    config.okta.identityProvider.addOverride("config", new TerraformVariable(config.stack, "config", { type: "any" }).value);
    expect(() => synth(config.stack)).not.toThrow();
  });

  test("the stacks the props build synthesize: org server with the app's claim, custom server without it", () => {
    expect(() => build()).not.toThrow();
    expect(() => synth(custom().stack)).not.toThrow();
    expect(() => build({ authorizationServerId: AUS, appGroupsClaim: AppGroupsClaim.KEEP }, stackWith(NEW_ONLY))).not.toThrow();
  });
});

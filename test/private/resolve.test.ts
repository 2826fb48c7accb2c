/** The pure props resolution (issue 10, item 7): validated, normalized, defaulted, warnings collected, nothing added to the tree. */
import { TerraformVariable, Token } from "cdktf";
import { Construct } from "constructs";
import { AppGroupsClaim, GroupsClaim, OktaAccessIdentityProvider } from "../../src";
import { mergeClaims, resolveIdentityProviderProps } from "../../src/private/resolve-identity-provider";
import { resolveProtectedApplicationProps } from "../../src/private/resolve-protected-application";
import { isAdminHost, normalizeOktaOrgUrl, trimOwnFrames, withoutAdmin } from "../../src/private/validation";
import { BASE_PROPS, newStack } from "../helpers";

describe("resolveIdentityProviderProps", () => {
  test("applies every default and normalizes, without touching the tree", () => {
    const stack = newStack();
    const before = stack.node.findAll().length;
    const r = resolveIdentityProviderProps("w", stack, { ...BASE_PROPS, teamDomain: "Example", oktaOrgUrl: "https://DEV-123456.okta.com/" });
    expect(r).toEqual({
      accountId: BASE_PROPS.accountId,
      zoneId: undefined,
      teamDomain: "example.cloudflareaccess.com",
      oktaOrgUrl: "https://dev-123456.okta.com",
      redirectUri: "https://example.cloudflareaccess.com/cdn-cgi/access/callback",
      name: "Okta",
      appLabel: "Cloudflare Access",
      groupsClaim: GroupsClaim.ALL,
      assignedGroupIds: undefined,
      exclusiveAssignments: true,
      pkce: true,
      authorizationServerId: undefined,
      appGroupsClaim: AppGroupsClaim.AUTO,
      emailClaimName: undefined,
      claims: ["groups"],
      scim: undefined,
      oktaProvider: undefined,
      cloudflareProvider: undefined,
      warnings: [],
    });
    expect(stack.node.findAll().length).toBe(before);
  });

  test("collects the warnings in order instead of emitting them", () => {
    const stack = newStack();
    const r = resolveIdentityProviderProps("w", stack, {
      ...BASE_PROPS,
      accountId: "acct",
      teamDomain: "example.com",
      scim: { userDeprovision: false },
      groupsClaim: GroupsClaim.startingWith(".*", "email"),
    });
    expect(r.warnings.map((w) => w.slice(0, 40))).toEqual([
      'w: accountId "acct" does not look like a',
      'w: teamDomain "example.com" is not a Clo',
      "w: scim.userDeprovision is false: a user",
      'w: groupsClaim is "Starts with" ".*", a ',
      `w: groupsClaim's claimName "email" is a `,
    ]);
    expect(r.scim).toEqual({ enabled: true, userDeprovision: false, seatDeprovision: false, identityUpdateBehavior: "automatic" });
    expect(new Construct(stack, "probe").node.metadata).toEqual([]);
  });

  test("explicit values win over the defaults", () => {
    const r = resolveIdentityProviderProps("w", newStack(), {
      ...BASE_PROPS,
      name: "SSO",
      appLabel: "CF",
      pkce: false,
      exclusiveAssignments: false,
      assignedGroupIds: ["00g1"],
      claims: ["email"],
    });
    expect([r.name, r.appLabel, r.pkce, r.exclusiveAssignments, r.assignedGroupIds, r.claims]).toEqual(["SSO", "CF", false, false, ["00g1"], ["groups", "email"]]);
  });
});

describe("resolveProtectedApplicationProps", () => {
  test("defaults: the id as name, 24h on the application and the policy, auto-redirect, the IdP's account", () => {
    const stack = newStack();
    const idp = new OktaAccessIdentityProvider(stack, "Okta", BASE_PROPS);
    const r = resolveProtectedApplicationProps("w", "Wiki", { identityProvider: idp, domain: "wiki.example.com", allowedOktaGroups: ["SRE"] });
    expect(r).toEqual({
      identityProviderId: idp.identityProviderId,
      cloudflareProvider: undefined,
      accountId: BASE_PROPS.accountId,
      zoneId: undefined,
      policyAccountId: BASE_PROPS.accountId,
      domain: "wiki.example.com",
      allowedOktaGroups: ["SRE"],
      name: "Wiki",
      sessionDuration: "24h",
      policySessionDuration: "24h",
      autoRedirect: true,
      warnings: [],
    });
  });

  test("works with any IOktaAccessIdentityProvider, not only the concrete class", () => {
    const stack = newStack();
    const fake = Object.assign(new Construct(stack, "Fake"), {
      identityProviderId: "idp-1",
      groupsClaim: GroupsClaim.startingWith("eng-"),
      zoneId: "z",
    });
    const r = resolveProtectedApplicationProps("w", "Wiki", { identityProvider: fake, domain: "wiki.example.com", allowedOktaGroups: ["Marketing"], accountId: "a" });
    expect([r.identityProviderId, r.zoneId, r.policyAccountId]).toEqual(["idp-1", "z", "a"]);
    expect(r.warnings).toEqual([expect.stringMatching(/allowedOktaGroups \["Marketing"\] is not sent/)]);
  });
});

describe("mergeClaims", () => {
  test("the groups claim first, each claim once", () => {
    expect(mergeClaims("groups", ["email", "groups"])).toEqual(["groups", "email"]);
    expect(mergeClaims("groups", undefined)).toEqual(["groups"]);
  });

  test("a list token becomes a token (distinct over concat), resolved at synth", () => {
    const stack = newStack();
    const v = new TerraformVariable(stack, "c", { type: "list(string)" });
    expect(Token.isUnresolved(mergeClaims("groups", v.listValue))).toBe(true);
  });
});

describe("the -admin rule (one place: isAdminHost)", () => {
  test.each([
    ["dev-1-admin.okta.com", true],
    ["login.acme-admin.example.com", true],
    ["acme.okta-admin.com", true],
    ["ACME-ADMIN.okta.com", true],
    ["administration.example.com", false],
    ["admin.example.com", false],
    ["dev-1.okta.com", false],
  ])("isAdminHost(%s) is %s", (host, admin) => {
    expect(isAdminHost(host)).toBe(admin);
  });

  test("every label is checked, and the suggested org URL drops -admin from each", () => {
    expect(() => normalizeOktaOrgUrl("w", "https://login.acme-admin.example.com")).toThrow(/not the admin-console URL .*use "https:\/\/login.acme.example.com"/);
    expect(withoutAdmin("a-admin.b-admin.com")).toBe("a.b.com");
  });
});

describe("error stacks point at the caller", () => {
  test("a construction error's first frame is the caller's file, not the package's", () => {
    let error: Error | undefined;
    try {
      new OktaAccessIdentityProvider(newStack(), "Okta", { ...BASE_PROPS, teamDomain: "https://x" });
    } catch (e) {
      error = e as Error;
    }
    const frames = (error?.stack ?? "").split("\n").filter((line) => /^\s+at /.test(line));
    expect(frames.length).toBeGreaterThan(0);
    expect(frames[0]).toContain("resolve.test.ts");
    expect(frames.some((line) => /[/\\]src[/\\]/.test(line) && !line.includes("node_modules"))).toBe(false);
  });

  test("trimOwnFrames keeps the message and foreign frames", () => {
    const error = new Error("boom\nsecond line");
    error.stack = `Error: boom\nsecond line\n    at f (${__dirname.replace(/test[/\\]private$/, "src")}/private/x.ts:1:1)\n    at g (/home/user/main.ts:3:4)`;
    expect(trimOwnFrames(error).stack).toBe("Error: boom\nsecond line\n    at g (/home/user/main.ts:3:4)");
  });
});

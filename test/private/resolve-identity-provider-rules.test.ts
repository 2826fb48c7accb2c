/**
 * src/private/resolve-identity-provider.ts rule by rule: whole messages and
 * warnings, each with the close case that must not fire. Written against the
 * mutants a Stryker run left alive (npm run test:mutation).
 */
import { Token } from "cdktf";
import { AppGroupsClaim, GroupsClaim } from "../../src";
import type { OktaAccessIdentityProviderProps } from "../../src";
import { mergeClaims, resolveAdoption, resolveIdentityProviderProps } from "../../src/private/resolve-identity-provider";
import { ACCOUNT_ID, BASE_PROPS, newStack } from "../helpers";

const APP_ID = "0oa1b2c3d4e5f6g7h8i9";
const IDP_ID = "0d7c1c8e-3f3a-4c55-9b1e-2f8d6a4b7e10";
const CLAIM_ID = "ocl1b2c3d4e5f6g7h8i9";

const resolve = (props: Partial<OktaAccessIdentityProviderProps>) => resolveIdentityProviderProps("w", newStack(), { ...BASE_PROPS, ...props });
const warningsOf = (props: Partial<OktaAccessIdentityProviderProps>) => resolve(props).warnings;
const adoption = (constructId: string, adopt: object) => resolveAdoption("w", constructId, adopt as never);

describe("resolveAdoption", () => {
  test("adopt that is not an object: the message names adopt and what it needs", () => {
    expect(() => adoption("Okta", "0oa1" as never)).toThrow('w: adopt must be an object with oktaAppId and identityProviderId; received "0oa1"');
  });

  test("an unknown adopt key is refused with every key adopt knows", () => {
    expect(() => adoption("Okta", { oktaAppId: APP_ID, identityProviderId: IDP_ID, clientSecret: "s" })).toThrow(
      'w: adopt must be an object with only the keys oktaAppId, identityProviderId, clientSecretVariable, authorizationServerClaimId; unknown: "clientSecret"; received {"clientSecret": <a string>}',
    );
  });

  test("each adopt key is known", () => {
    expect(adoption("Okta", { oktaAppId: APP_ID, identityProviderId: IDP_ID, clientSecretVariable: "s", authorizationServerClaimId: CLAIM_ID })).toStrictEqual({
      oktaAppId: APP_ID,
      identityProviderId: IDP_ID,
      clientSecretVariable: "s",
      authorizationServerClaimId: CLAIM_ID,
    });
  });

  test("without authorizationServerClaimId the result has no such key (not one set to undefined)", () => {
    expect(adoption("Okta", { oktaAppId: APP_ID, identityProviderId: IDP_ID })).toStrictEqual({ oktaAppId: APP_ID, identityProviderId: IDP_ID, clientSecretVariable: "okta_client_secret" });
  });

  test("the messages for a wrong identity provider id and a wrong claim id name what the id is of", () => {
    expect(() => adoption("Okta", { oktaAppId: APP_ID, identityProviderId: "nope" })).toThrow(
      'w: adopt.identityProviderId must be the id of an existing Cloudflare identity provider, a UUID such as "0d7c1c8e-3f3a-4c55-9b1e-2f8d6a4b7e10"; received "nope"',
    );
    expect(() => adoption("Okta", { oktaAppId: APP_ID, identityProviderId: IDP_ID, authorizationServerClaimId: "0oa1b2c3d4e5f6g7h8i9" })).toThrow(
      'w: adopt.authorizationServerClaimId must be the id of an existing authorization server claim: "ocl" and 17 letters or digits, such as "ocl1b2c3d4e5f6g7h8i9"; received "0oa1b2c3d4e5f6g7h8i9"',
    );
  });

  test.each([
    ["Okta", "okta_client_secret"],
    ["OktaMain", "okta_main_client_secret"],
    ["Okta-Main", "okta_main_client_secret"],
    ["Okta--Main", "okta_main_client_secret"],
    ["__Okta", "okta_client_secret"],
    ["Okta__", "okta_client_secret"],
    ["--", "okta_client_secret"],
    ["1Okta", "okta_1_okta_client_secret"],
    ["_1", "okta_1_client_secret"],
  ])("the secret variable of construct %j defaults to %j", (id, variable) => {
    expect(adoption(id, { oktaAppId: APP_ID, identityProviderId: IDP_ID }).clientSecretVariable).toBe(variable);
  });

  test.each([["1abc"], ["okta-secret"], [""]])("clientSecretVariable %j is refused", (name) => {
    expect(() => adoption("Okta", { oktaAppId: APP_ID, identityProviderId: IDP_ID, clientSecretVariable: name })).toThrow(
      `w: adopt.clientSecretVariable must be a Terraform variable name (letters, digits and underscores, not starting with a digit), such as "okta_client_secret"; received ${JSON.stringify(name)}`,
    );
  });

  test("a clientSecretVariable that is not a string is refused, even one that reads as a name once turned into text", () => {
    expect(() => adoption("Okta", { oktaAppId: APP_ID, identityProviderId: IDP_ID, clientSecretVariable: ["okta_secret"] })).toThrow(
      'w: adopt.clientSecretVariable must be a Terraform variable name (letters, digits and underscores, not starting with a digit), such as "okta_client_secret"; received ["okta_secret"]',
    );
  });
});

describe("resolveIdentityProviderProps", () => {
  test("every documented props key is known", () => {
    const stack = newStack();
    const all: Required<Omit<OktaAccessIdentityProviderProps, "zoneId" | "oktaProvider" | "cloudflareProvider" | "adopt" | "scim">> = {
      ...BASE_PROPS,
      accountId: ACCOUNT_ID,
      name: "n",
      appLabel: "l",
      groupsClaim: GroupsClaim.ALL,
      assignedGroupIds: ["00g1b2c3d4e5f6g7h8i9"],
      exclusiveAssignments: false,
      pkce: false,
      authorizationServerId: "aus1b2c3d4e5f6g7h8i9",
      appGroupsClaim: AppGroupsClaim.KEEP,
      emailClaimName: "email",
      claims: ["name"],
    };
    expect(() => resolveIdentityProviderProps("w", stack, { ...all, scim: { userDeprovision: true } })).not.toThrow();
    expect(() => resolveIdentityProviderProps("w", stack, { ...all, accountId: undefined, zoneId: ACCOUNT_ID })).not.toThrow();
    expect(() => resolveIdentityProviderProps("w", stack, { ...all, oktaProvider: undefined, cloudflareProvider: undefined, adopt: undefined })).not.toThrow();
  });

  test.each([
    ["oktaProvider"],
    ["cloudflareProvider"],
  ])("%s is a known key: a wrong value gets that key's own message, not the unknown-key one", (key) => {
    expect(() => resolve({ [key]: "p" })).toThrow(`w: ${key} must be`);
    expect(() => resolve({ [key]: "p" })).not.toThrow("unknown");
  });

  test("the result has no adopt key without adopt (not one set to undefined)", () => {
    expect("adopt" in resolve({})).toBe(false);
    expect(resolve({ adopt: { oktaAppId: APP_ID, identityProviderId: IDP_ID } }).adopt).toStrictEqual({ oktaAppId: APP_ID, identityProviderId: IDP_ID, clientSecretVariable: "test_client_secret" });
  });

  describe("the account or zone id warning", () => {
    const hex = "0123456789abcdef0123456789abcdef";
    const warning = (property: string, value: string) =>
      `w: ${property} ${JSON.stringify(value)} does not look like a Cloudflare id (32 lowercase hexadecimal characters). Copy it from the dashboard's Overview page.`;

    test.each([[`${hex}0`], [`x${hex}`], [hex.toUpperCase()], ["acct"]])("accountId %j warns", (value) => {
      expect(warningsOf({ accountId: value })).toEqual([warning("accountId", value)]);
    });

    test("a zoneId is checked the same way and named as zoneId", () => {
      expect(warningsOf({ accountId: undefined, zoneId: `${hex}0` })).toEqual([warning("zoneId", `${hex}0`)]);
      expect(warningsOf({ accountId: undefined, zoneId: hex })).toEqual([]);
    });

    test("32 lowercase hexadecimal characters, or a token, do not warn", () => {
      expect(warningsOf({ accountId: hex })).toEqual([]);
      expect(warningsOf({ accountId: Token.asString({ Ref: "account" }) })).toEqual([]);
    });
  });

  describe("assignedGroupIds", () => {
    const message = (received: string) => `w: assignedGroupIds must be a non-empty list of Okta group ids; omit the property to assign the Everyone group; received ${received}`;

    test.each([
      [null, "null"],
      ["00g1b2c3d4e5f6g7h8i9", '"00g1b2c3d4e5f6g7h8i9"'],
      [{ id: "00g1" }, '{"id":"00g1"}'],
      [[], "[]"],
    ])("%j is refused, with the hint to omit the property", (value, received) => {
      expect(() => resolve({ assignedGroupIds: value as never })).toThrow(message(received));
    });

    test("tokens pass through unchecked: a list token, and a string token", () => {
      expect(resolve({ assignedGroupIds: Token.asList({ Ref: "groups" }) }).assignedGroupIds).toHaveLength(1);
      expect(() => resolve({ assignedGroupIds: Token.asString({ Ref: "groups" }) as never })).not.toThrow();
    });

    test("a list with an empty id is refused by the list rule, naming the entry", () => {
      expect(() => resolve({ assignedGroupIds: ["00g1", " "] })).toThrow('w: assignedGroupIds[1] must be a non-empty Okta group id; received " "');
    });
  });

  describe("claims", () => {
    test.each([
      [null, "null"],
      ["email", '"email"'],
    ])("%j is refused: a list is expected", (value, received) => {
      expect(() => resolve({ claims: value as never })).toThrow(`w: claims must be a list of claim names, such as ["email", "name"]; received ${received}`);
    });

    test("an empty list is allowed: no extra claims", () => {
      expect(resolve({ claims: [] }).claims).toEqual(["groups"]);
    });

    test("a list with an empty or duplicate name is refused", () => {
      expect(() => resolve({ claims: ["email", ""] })).toThrow('w: claims[1] must be a non-empty claim name; received ""');
      expect(() => resolve({ claims: ["email", "email"] })).toThrow('w: claims must be a list without duplicates; received ["email","email"]');
    });
  });

  describe("the groups claim's regex check", () => {
    const undecided = "could not be fully checked against Java's java.util.regex syntax";

    test("a regex the checker cannot fully decide warns", () => {
      expect(warningsOf({ groupsClaim: GroupsClaim.matchingRegex("(?x)eng") }).join("\n")).toContain(undecided);
    });

    test("a Starts with value is not a regex: the same characters do not get the regex warning", () => {
      const warnings = warningsOf({ groupsClaim: GroupsClaim.startingWith("(?x)eng") });
      expect(warnings.join("\n")).not.toContain(undecided);
      expect(warnings).toHaveLength(1); // the literal-prefix warning only
    });
  });

  test("a groups claim name that is not a plain claim name warns, naming groupsClaim's claimName", () => {
    expect(warningsOf({ groupsClaim: GroupsClaim.matchingRegex(".*", "gr\u00f6ups") })).toEqual([
      `w: groupsClaim's claimName "gr\\u{F6}ups" is not a plain claim name (ASCII letters, digits, _ - . : /): spaces, invisible or non-ASCII characters never match a claim Okta issues. Retype it.`,
    ]);
  });

  test("adopting with authorizationServerId warns only without adopt.authorizationServerClaimId", () => {
    const adopt = { oktaAppId: APP_ID, identityProviderId: IDP_ID };
    const warning = "w: adopting with authorizationServerId but without adopt.authorizationServerClaimId";
    expect(warningsOf({ authorizationServerId: "aus1b2c3d4e5f6g7h8i9", adopt }).join("\n")).toContain(warning);
    expect(warningsOf({ authorizationServerId: "aus1b2c3d4e5f6g7h8i9", adopt: { ...adopt, authorizationServerClaimId: CLAIM_ID } })).toEqual([]);
    expect(warningsOf({ adopt })).toEqual([]);
  });
});

describe("mergeClaims", () => {
  test("no extra claims: the groups claim alone, as a literal list", () => {
    expect(mergeClaims("groups", undefined)).toEqual(["groups"]);
  });
});

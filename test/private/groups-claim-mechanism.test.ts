/**
 * The groups claim's decision rule (src/private/groups-claim-mechanism.ts,
 * docs/groups-claim-mechanisms.md "The decision rule"), every branch, on
 * the pure function: no cdktf.
 */
import {
  adoptionCanRemoveAppClaim,
  AppGroupsClaimChoice,
  constraintClearsAppClaim,
  GROUPS_CLAIM_CLEARED_FROM,
  groupsClaimMechanism,
  lowestOktaAllowed,
  OktaConstraintInput,
  removalConstraint,
} from "../../src/private/groups-claim-mechanism";
import { SUPPORTED } from "../../src/private/provider-versions";

const FROM = "the okta provider \"test/okta\" (OktaProvider)";
const c = (text?: string, unresolved = false): OktaConstraintInput => ({ text, unresolved, from: FROM });
const DEFAULT = c(SUPPORTED.okta.constraint);
const NEW_ONLY = c(">= 6.6.0, <= 6.12.0");
const decide = (authorizationServer: boolean, adopting: boolean, appGroupsClaim: AppGroupsClaimChoice, oktaConstraint: OktaConstraintInput) =>
  groupsClaimMechanism({ authorizationServer, adopting, appGroupsClaim, oktaConstraint });

test("6.6.0 is the first version that clears a removed claim", () => {
  expect(GROUPS_CLAIM_CLEARED_FROM).toBe("6.6.0");
});

describe("lowestOktaAllowed and constraintClearsAppClaim", () => {
  test.each([
    [">= 6.6.0, <= 6.12.0", "6.6.0", true],
    ["~> 6.6", "6.6.0", true],
    ["6.12.0", "6.12.0", true],
    ["> 6.5.5", "6.5.6", false],
    [">= 6.5.5", "6.5.5", false],
    [">= 4.20.0, <= 6.12.0", "4.20.0", false],
    ["< 6.0.0", "0.0.1", false],
    ["= 6.6.0-beta1", "6.6.0-beta1", false],
  ])("%j allows %j first: clears = %j", (text, lowest, clears) => {
    expect(lowestOktaAllowed(c(text))).toBe(lowest);
    expect(constraintClearsAppClaim(c(text))).toBe(clears);
  });

  test("the default range of our provider classes starts at 4.20.0 and does not clear", () => {
    expect(lowestOktaAllowed(DEFAULT)).toBe("4.20.0");
    expect(constraintClearsAppClaim(DEFAULT)).toBe(false);
  });

  test.each([
    ["no constraint", c(undefined)],
    ["a token", c("${TfToken[TOKEN.1]}", true)],
    ["a malformed constraint", c("=> 6.6")],
    ["a constraint that allows nothing", c(">= 6.7.0, < 6.6.0")],
  ])("%s cannot be read: no lowest version, treated as older than 6.6.0", (_, constraint) => {
    expect(lowestOktaAllowed(constraint)).toBeUndefined();
    expect(constraintClearsAppClaim(constraint)).toBe(false);
  });
});

describe("the org authorization server: the app's claim, always", () => {
  test.each([["AUTO"], ["KEEP"]] as const)("%s issues it, whatever the constraint and adoption", (choice) => {
    for (const constraint of [DEFAULT, NEW_ONLY, c(undefined)]) {
      for (const adopting of [false, true]) {
        const m = decide(false, adopting, choice, constraint);
        expect(m).toEqual({ appClaimIssued: true, source: "app", serverClaim: false, reason: expect.stringContaining("org authorization server") });
      }
    }
  });

  test("REMOVE is refused: nothing else carries groups there", () => {
    const m = decide(false, false, "REMOVE", NEW_ONLY);
    expect(m.appClaimIssued).toBe(true);
    expect(m.refusal).toEqual({
      expected: expect.stringMatching(/^AppGroupsClaim\.AUTO or AppGroupsClaim\.KEEP without authorizationServerId: .*only mechanism.*REMOVE needs authorizationServerId/),
      received: "AppGroupsClaim.REMOVE without authorizationServerId",
    });
  });
});

describe("a custom authorization server: the server's claim, and the app's claim by choice", () => {
  test("AUTO, not adopting, every allowed version >= 6.6.0: removed", () => {
    const m = decide(true, false, "AUTO", NEW_ONLY);
    expect(m).toEqual({ appClaimIssued: false, source: "authorization-server", serverClaim: true, reason: expect.stringContaining("from 6.6.0") });
    expect(m.refusal).toBeUndefined();
    expect(m.info).toBeUndefined();
  });

  test.each([
    ["the default range", DEFAULT],
    ["6.5.5 and later", c(">= 6.5.5")],
    ["no constraint", c(undefined)],
    ["a token", c("${TfToken[TOKEN.1]}", true)],
  ])("AUTO, not adopting, %s: kept (an older version cannot remove it)", (_, constraint) => {
    const m = decide(true, false, "AUTO", constraint);
    expect(m).toEqual({ appClaimIssued: true, source: "authorization-server", serverClaim: true, reason: expect.stringContaining("older than 6.6.0") });
  });

  test.each([["the default range", DEFAULT], ["6.6.0 and later", NEW_ONLY]])("AUTO, adopting, %s: kept for phase 1, with the note", (_, constraint) => {
    const m = decide(true, true, "AUTO", constraint);
    expect(m.appClaimIssued).toBe(true);
    expect(m.source).toBe("authorization-server");
    expect(m.info).toMatch(/^adopting with authorizationServerId: the app's groups_claim is kept for this apply \(phase 1 of 2\).*set appGroupsClaim: AppGroupsClaim\.REMOVE \(phase 2; needs okta >= 6\.6\.0\)/);
  });

  test.each([[false], [true]])("KEEP (adopting: %j): kept, without a note", (adopting) => {
    for (const constraint of [DEFAULT, NEW_ONLY]) {
      const m = decide(true, adopting, "KEEP", constraint);
      expect(m).toEqual({ appClaimIssued: true, source: "authorization-server", serverClaim: true, reason: "appGroupsClaim is KEEP" });
    }
  });

  test.each([[false], [true]])("REMOVE with 6.6.0 and later (adopting: %j): removed", (adopting) => {
    expect(decide(true, adopting, "REMOVE", NEW_ONLY)).toEqual({ appClaimIssued: false, source: "authorization-server", serverClaim: true, reason: "appGroupsClaim is REMOVE" });
  });

  test("REMOVE with a token constraint passes unchecked", () => {
    expect(decide(true, false, "REMOVE", c("${TfToken[TOKEN.1]}", true)).refusal).toBeUndefined();
  });

  test("REMOVE when the constraint allows an older version is refused, naming both versions and the constraint", () => {
    const m = decide(true, false, "REMOVE", DEFAULT);
    expect(m.refusal?.expected).toBe(
      "AppGroupsClaim.KEEP or AUTO unless the stack allows only okta >= 6.6.0, the first release that removes a claim dropped from groups_claim (older ones leave it in Okta and plan its removal on every run)",
    );
    expect(m.refusal?.received).toBe(
      `AppGroupsClaim.REMOVE with the okta version constraint ${JSON.stringify(SUPPORTED.okta.constraint)} (${FROM}), which allows okta 4.20.0: 4.20.0 up to <= 6.12.0. Require okta >= 6.6.0`,
    );
  });

  test("REMOVE with 6.5.5 and later names 6.5.5", () => {
    expect(decide(true, false, "REMOVE", c(">= 6.5.5, <= 6.12.0")).refusal?.received).toContain("which allows okta 6.5.5: 6.5.5 up to <= 6.12.0");
  });

  test("REMOVE without any constraint is refused: any version may be installed", () => {
    expect(decide(true, false, "REMOVE", c(undefined)).refusal?.received).toBe(
      `AppGroupsClaim.REMOVE with no okta version constraint (${FROM}), which allows any version, such as 4.20.0`,
    );
  });

  test("REMOVE with a malformed constraint is refused without throwing", () => {
    expect(decide(true, false, "REMOVE", c("=> 6.6")).refusal?.received).toContain("an invalid constraint");
  });
});

describe("adoption: when the first apply may remove the app's claim", () => {
  test.each([
    [true, true, true],
    [true, false, true],
    [false, false, true],
    [false, true, false],
  ])("identity provider on the server %j, app has a claim %j: %j", (identityProviderUsesServer, appHasClaim, removes) => {
    expect(adoptionCanRemoveAppClaim({ identityProviderUsesServer, appHasClaim })).toBe(removes);
  });

  test("the constraint a program writes for REMOVE is one the rule accepts", () => {
    const text = removalConstraint(SUPPORTED.okta.newest);
    expect(text).toBe(">= 6.6.0, <= 6.12.0");
    expect(decide(true, true, "REMOVE", c(text)).refusal).toBeUndefined();
  });
});

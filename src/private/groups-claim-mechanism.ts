/**
 * Which mechanism carries the groups claim to Cloudflare, and whether the Okta
 * app's own `groups_claim` is issued: the decision rule of
 * docs/groups-claim-mechanisms.md ("The decision rule"), in one place for the
 * construct, `review` and `discover`.
 *
 * - Org authorization server (no `authorizationServerId`): the app-level
 *   `groups_claim` is the only mechanism that puts a claim named `groups` into
 *   the org server's tokens, in every supported okta version. Always issued.
 * - Custom authorization server: an `okta_auth_server_claim` on that server
 *   carries the groups, and the Cloudflare identity provider is ordered after
 *   it. The app-level claim serves no sign-in any more:
 *   - AUTO removes it when every okta version the stack's constraint allows
 *     clears a removed claim (>= {@link GROUPS_CLAIM_CLEARED_FROM}) and the
 *     construct is not adopting; adopting keeps it for phase 1 of the
 *     gap-free migration; older versions keep it (they leave it in Okta and
 *     plan its removal again on every run).
 *   - KEEP keeps it; REMOVE removes it, refused when the constraint allows an
 *     older version.
 * - A constraint that cannot be read (none at all, or a token) allows every
 *   version: AUTO keeps the claim; REMOVE is refused without a constraint and
 *   passes unchecked with a token.
 *
 * Imports nothing but the version rules: no cdktf (the review must not load it).
 */
import { allows, ConstraintSyntaxError, describeAllowed, lowestAllowed, parseConstraint } from "./provider-versions";

/**
 * The first okta release that clears an app-level claim dropped from
 * `groups_claim` (it POSTs `{"issuerMode":…}` to the claim's endpoint).
 * 4.20.0 to 6.5.5 send nothing: the claim stays in Okta and every plan shows
 * its removal again. okta/terraform-provider-okta CHANGELOG 6.6.0 "Fix issue
 * in removing existing groups_claim" (#2643); setAppOauthGroupsClaim in
 * okta/services/idaas/resource_okta_app_oauth.go returns without a request at
 * v6.5.5 and POSTs the clear at v6.6.0.
 */
export const GROUPS_CLAIM_CLEARED_FROM = "6.6.0";

/** The choices of `appGroupsClaim`, by the `AppGroupsClaim` instance's name. */
export type AppGroupsClaimChoice = "AUTO" | "KEEP" | "REMOVE";

/** Where a sign-in's groups come from: the app's claim on the org server, or the custom server's claim. */
export type GroupsClaimSource = "app" | "authorization-server";

/** The okta version constraint of the stack, as the construct found it. */
export interface OktaConstraintInput {
  /** The constraint text; undefined when the stack sets none. */
  readonly text?: string;
  /** True when the constraint is a token, known only to Terraform. */
  readonly unresolved?: boolean;
  /** Where it is set, for messages ("the okta provider \"test/okta\" (OktaProvider)"). */
  readonly from: string;
}

export interface GroupsClaimMechanismInput {
  /** Whether `authorizationServerId` is set. */
  readonly authorizationServer: boolean;
  /** Whether the construct adopts an existing app and identity provider. */
  readonly adopting: boolean;
  readonly appGroupsClaim: AppGroupsClaimChoice;
  readonly oktaConstraint: OktaConstraintInput;
}

/** A choice the rule refuses: the parts of the construct's error message. */
export interface GroupsClaimRefusal {
  /** What `appGroupsClaim` must be instead, with the reason. */
  readonly expected: string;
  /** What was received, described (the choice and, where it matters, the constraint). */
  readonly received: string;
}

export interface GroupsClaimMechanism {
  /** Whether `okta_app_oauth.groups_claim` is in the configuration. */
  readonly appClaimIssued: boolean;
  /** Where Cloudflare's sign-ins get their groups from. */
  readonly source: GroupsClaimSource;
  /** Whether the construct creates an `okta_auth_server_claim`, and orders the identity provider after it. */
  readonly serverClaim: boolean;
  /** Why the app-level claim is (not) issued, in a sentence. */
  readonly reason: string;
  /** Set when the choice is refused. */
  readonly refusal?: GroupsClaimRefusal;
  /** An informational message for the user (phase 1 of a migration). */
  readonly info?: string;
}

/** The lowest okta version the constraint allows; undefined when it cannot be read or allows none. */
export function lowestOktaAllowed(constraint: OktaConstraintInput): string | undefined {
  if (constraint.text === undefined || constraint.unresolved) return undefined;
  try {
    return lowestAllowed(parseConstraint(constraint.text));
  } catch (e) {
    // A malformed constraint is refused by the version check (provider-version-check.ts).
    if (e instanceof ConstraintSyntaxError) return undefined;
    throw e;
  }
}

/** Whether every okta version the constraint allows clears a removed app-level claim. */
export function constraintClearsAppClaim(constraint: OktaConstraintInput): boolean {
  const lowest = lowestOktaAllowed(constraint);
  return lowest !== undefined && allows(lowest, parseConstraint(`>= ${GROUPS_CLAIM_CLEARED_FROM}`));
}

/** Decides the groups claim's mechanism (see the module comment). */
export function groupsClaimMechanism(input: GroupsClaimMechanismInput): GroupsClaimMechanism {
  const { authorizationServer, adopting, appGroupsClaim, oktaConstraint } = input;
  if (!authorizationServer) {
    const mechanism: GroupsClaimMechanism = {
      appClaimIssued: true,
      source: "app",
      serverClaim: false,
      reason: "the org authorization server gets its groups claim from the app's groups_claim only",
    };
    if (appGroupsClaim !== "REMOVE") return mechanism;
    return {
      ...mechanism,
      refusal: {
        expected:
          "AppGroupsClaim.AUTO or AppGroupsClaim.KEEP without authorizationServerId: on the org authorization server the app's groups_claim is the only mechanism that carries groups to Cloudflare (REMOVE needs authorizationServerId)",
        received: "AppGroupsClaim.REMOVE without authorizationServerId",
      },
    };
  }
  const base = { source: "authorization-server" as const, serverClaim: true };
  const clears = constraintClearsAppClaim(oktaConstraint);
  switch (appGroupsClaim) {
    case "KEEP":
      return { ...base, appClaimIssued: true, reason: "appGroupsClaim is KEEP" };
    case "REMOVE": {
      if (clears || (oktaConstraint.text !== undefined && oktaConstraint.unresolved)) {
        return { ...base, appClaimIssued: false, reason: "appGroupsClaim is REMOVE" };
      }
      return { ...base, appClaimIssued: false, reason: "appGroupsClaim is REMOVE", refusal: removalRefusal(oktaConstraint) };
    }
    default: {
      if (adopting) {
        return {
          ...base,
          appClaimIssued: true,
          reason: "adopting: the app's groups_claim stays for phase 1 of the migration",
          info:
            "adopting with authorizationServerId: the app's groups_claim is kept for this apply (phase 1 of 2), so sign-ins keep their groups while Cloudflare switches to the authorization server. After this apply succeeds, set appGroupsClaim: AppGroupsClaim.REMOVE (phase 2; needs okta >= 6.6.0), or KEEP to keep the claim and silence this note. See docs/groups-claim-mechanisms.md.",
        };
      }
      if (clears) return { ...base, appClaimIssued: false, reason: `every okta version the constraint allows (from ${lowestOktaAllowed(oktaConstraint)}) clears a removed groups_claim` };
      return { ...base, appClaimIssued: true, reason: `the okta constraint allows versions older than ${GROUPS_CLAIM_CLEARED_FROM}, which cannot remove the app's groups_claim` };
    }
  }
}

function removalRefusal(constraint: OktaConstraintInput): GroupsClaimRefusal {
  const expected = `AppGroupsClaim.KEEP or AUTO unless the stack allows only okta >= ${GROUPS_CLAIM_CLEARED_FROM}, the first release that removes a claim dropped from groups_claim (older ones leave it in Okta and plan its removal on every run)`;
  if (constraint.text === undefined) {
    return { expected, received: `AppGroupsClaim.REMOVE with no okta version constraint (${constraint.from}), which allows any version, such as 4.20.0` };
  }
  let allowed: string;
  try {
    allowed = describeAllowed(parseConstraint(constraint.text));
  } catch (e) {
    if (!(e instanceof ConstraintSyntaxError)) throw e;
    allowed = "an invalid constraint";
  }
  const lowest = lowestOktaAllowed(constraint);
  return {
    expected,
    received: `AppGroupsClaim.REMOVE with the okta version constraint ${JSON.stringify(constraint.text)} (${constraint.from}), which allows okta ${lowest ?? "(none)"}: ${allowed}. Require okta >= ${GROUPS_CLAIM_CLEARED_FROM}`,
  };
}

/** What `discover` sees of an adopted pairing that uses a custom authorization server. */
export interface AdoptedGroupsClaim {
  /** Whether the live Cloudflare identity provider already signs in through the custom server. */
  readonly identityProviderUsesServer: boolean;
  /** Whether the live Okta app has an app-level groups claim. */
  readonly appHasClaim: boolean;
}

/**
 * Whether an adoption with `authorizationServerId` can remove the app-level
 * claim in its first apply (`appGroupsClaim: REMOVE`) instead of keeping it
 * for phase 1: when no sign-in depends on it, because Cloudflare already uses
 * the custom server, or because the app has no claim to lose.
 */
export function adoptionCanRemoveAppClaim(adopted: AdoptedGroupsClaim): boolean {
  return adopted.identityProviderUsesServer || !adopted.appHasClaim;
}

/** The okta constraint a program needs for `appGroupsClaim: REMOVE`: from 6.6.0 to the newest supported version. */
export function removalConstraint(newest: string): string {
  return `>= ${GROUPS_CLAIM_CLEARED_FROM}, <= ${newest}`;
}

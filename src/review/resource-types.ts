/**
 * The one registry of resource types the review understands: for each, its
 * family (what it is in the review model), the attributes the provider cannot
 * change in place, what replacing or deleting it does to the people who sign
 * in, and how much that hurts (for ordering warnings).
 *
 * Force-new attributes were checked in the providers' schemas: okta/okta
 * 4.20.0 `ForceNew`, cloudflare/cloudflare 5.14.0 `RequiresReplace`, and
 * against the plans of the real providers at both ends of the supported
 * range (okta 4.20.0 and 6.12.0, cloudflare 5.14.0 and 5.22.0) by
 * e2e/suite/force-new.e2e.ts. v4 names of the Cloudflare types are kept for
 * stacks written by hand.
 *
 * Completeness is checked by the compiler: every name of
 * {@link ResourceTypeName} needs an entry, and every {@link Family} at least
 * one type (see `EVERY_FAMILY_HAS_A_TYPE`).
 */

/** What a resource is in the review model. */
export type Family =
  | "oktaApp"
  | "oktaAssignments"
  | "oktaAssignment"
  | "oktaAuthServerClaim"
  | "cloudflareIdp"
  | "accessGroup"
  | "accessPolicy"
  | "accessApplication";

/** Every resource type with a rule in the review. */
export type ResourceTypeName =
  | "okta_app_oauth"
  | "okta_app_group_assignments"
  | "okta_app_group_assignment"
  | "okta_auth_server_claim"
  | "cloudflare_zero_trust_access_identity_provider"
  | "cloudflare_access_identity_provider"
  | "cloudflare_zero_trust_access_group"
  | "cloudflare_access_group"
  | "cloudflare_zero_trust_access_policy"
  | "cloudflare_access_policy"
  | "cloudflare_zero_trust_access_application"
  | "cloudflare_access_application";

/** What the review knows about a resource type. */
export interface ResourceTypeInfo {
  readonly family: Family;
  /** Attributes whose change makes the provider destroy and re-create the resource. */
  readonly forceNew: readonly string[];
  /** What replacing a resource of this type does to users. */
  readonly replacementImpact: string;
  /** What deleting one does to users, when it matters. */
  readonly removalImpact?: string;
  /** How much a replacement or removal hurts, for ordering: 0 most. */
  readonly severity: number;
  /** What it is, in a sentence: "the Access application". */
  readonly noun: string;
  /** What a replacement means in a few words, for the one-line summary of a replacement. */
  readonly replacedInShort: string;
}

const IDP_REPLACED =
  "Terraform deletes the Cloudflare identity provider and creates a new one with a new id: every Access session issued through it ends (everybody signs in again), Access groups, policies and applications that name it are updated, and with SCIM on, its base URL and secret change (update the Okta SCIM app).";
const IDP_REMOVED = "Terraform deletes the Cloudflare identity provider: its users can no longer sign in to Access with it.";
const APP_REPLACED =
  "Terraform deletes the Access application and creates a new one with a new AUD tag: users sign in again, and origins that validate Access JWTs against the old AUD reject every request until they are updated.";
const APP_REMOVED =
  "Terraform deletes the Access application: the hostname is no longer protected by Access, and is open to anyone who can reach the origin.";
const POLICY_REPLACED = "Terraform deletes the policy and creates a new one with a new id; between the two steps the applications that use it may deny access.";
const POLICY_REMOVED = "Terraform deletes the policy: the applications that used it no longer apply its rules (a deny policy removed lets its people in).";
const GROUP_REPLACED =
  "Terraform deletes the Access group and creates a new one with a new id; policies that use it are updated, and may deny access in between.";
const ASSIGNMENT_REPLACED = "Terraform removes the group assignment and adds it again: its members cannot sign in through the Okta app in between.";
const SCOPE = ["account_id", "zone_id"] as const;

const REGISTRY = {
  okta_app_oauth: {
    family: "oktaApp",
    forceNew: ["type", "client_id"],
    replacementImpact:
      "Terraform deletes the Okta app and creates a new one: a new client ID and a new client secret (Cloudflare's identity provider is updated with them), everybody who signed in through it is signed out and must sign in again, and anything set on the old app by hand in the Okta admin console (assignments, sign-on policy) is lost.",
    removalImpact: "Terraform deletes the Okta app: nobody can sign in through it any more.",
    severity: 0, noun: "the Okta app", replacedInShort: "new client id and secret; everybody signs in again",
  },
  okta_app_group_assignments: {
    family: "oktaAssignments",
    forceNew: [],
    replacementImpact: ASSIGNMENT_REPLACED,
    removalImpact: "Terraform deletes the exclusive assignment: the groups are unassigned from the Okta app and cannot sign in through it.",
    severity: 4, noun: "the group assignments", replacedInShort: "members cannot sign in until re-assigned",
  },
  okta_app_group_assignment: {
    family: "oktaAssignment",
    forceNew: ["app_id", "group_id"],
    replacementImpact: ASSIGNMENT_REPLACED,
    severity: 4, noun: "a group assignment", replacedInShort: "members cannot sign in until re-assigned",
  },
  okta_auth_server_claim: {
    family: "oktaAuthServerClaim",
    forceNew: [],
    replacementImpact: "Terraform deletes the claim and creates it again: tokens issued in between carry no groups, so Access rules on Okta groups deny.",
    removalImpact: "Terraform deletes the claim: the authorization server's tokens no longer carry it, so Access rules on Okta groups deny the people who sign in through that server.",
    severity: 4, noun: "the authorization server claim", replacedInShort: "tokens carry no groups in between",
  },
  cloudflare_zero_trust_access_identity_provider: { family: "cloudflareIdp", forceNew: ["type", ...SCOPE], replacementImpact: IDP_REPLACED, removalImpact: IDP_REMOVED, severity: 1, noun: "the Cloudflare identity provider", replacedInShort: "new id; everybody signs in again" },
  cloudflare_access_identity_provider: { family: "cloudflareIdp", forceNew: ["type", ...SCOPE], replacementImpact: IDP_REPLACED, removalImpact: IDP_REMOVED, severity: 1, noun: "the Cloudflare identity provider", replacedInShort: "new id; everybody signs in again" },
  cloudflare_zero_trust_access_application: { family: "accessApplication", forceNew: SCOPE, replacementImpact: APP_REPLACED, removalImpact: APP_REMOVED, severity: 2, noun: "the Access application", replacedInShort: "new AUD tag; users sign in again" },
  cloudflare_access_application: { family: "accessApplication", forceNew: SCOPE, replacementImpact: APP_REPLACED, removalImpact: APP_REMOVED, severity: 2, noun: "the Access application", replacedInShort: "new AUD tag; users sign in again" },
  // A reusable policy belongs to an account: v5 has no zone_id for it.
  cloudflare_zero_trust_access_policy: { family: "accessPolicy", forceNew: ["account_id"], replacementImpact: POLICY_REPLACED, removalImpact: POLICY_REMOVED, severity: 3, noun: "the Access policy", replacedInShort: "new id; access may be denied in between" },
  cloudflare_access_policy: { family: "accessPolicy", forceNew: [...SCOPE, "application_id"], replacementImpact: POLICY_REPLACED, removalImpact: POLICY_REMOVED, severity: 3, noun: "the Access policy", replacedInShort: "new id; access may be denied in between" },
  cloudflare_zero_trust_access_group: { family: "accessGroup", forceNew: SCOPE, replacementImpact: GROUP_REPLACED, severity: 3, noun: "the Access group", replacedInShort: "new id; access may be denied in between" },
  cloudflare_access_group: { family: "accessGroup", forceNew: SCOPE, replacementImpact: GROUP_REPLACED, severity: 3, noun: "the Access group", replacedInShort: "new id; access may be denied in between" },
} as const satisfies { readonly [T in ResourceTypeName]: ResourceTypeInfo };

/** A family no type belongs to makes this `never`, and the line below fails to compile. */
type UncoveredFamily = Exclude<Family, (typeof REGISTRY)[ResourceTypeName]["family"]>;
const EVERY_FAMILY_HAS_A_TYPE: [UncoveredFamily] extends [never] ? true : never = true;
void EVERY_FAMILY_HAS_A_TYPE;

const BY_NAME: ReadonlyMap<string, ResourceTypeInfo> = new Map(Object.entries(REGISTRY));

/** Every resource type the review has a rule for, v5 and v4 names. */
export function resourceTypeNames(): readonly string[] {
  return [...BY_NAME.keys()];
}

/** What the review knows about a type, or undefined for a type it has no rule for. */
export function resourceType(type: string): ResourceTypeInfo | undefined {
  return BY_NAME.get(type);
}

/** The family of a type, or undefined. */
export function familyOf(type: string): Family | undefined {
  return BY_NAME.get(type)?.family;
}

const FAMILY_TYPES = new Map<Family, string[]>();
for (const [name, info] of BY_NAME) {
  const types = FAMILY_TYPES.get(info.family) ?? [];
  types.push(name);
  FAMILY_TYPES.set(info.family, types);
}

/** The types of a family, current (v5) names first. */
export function typesOf(family: Family): readonly string[] {
  return FAMILY_TYPES.get(family) ?? [];
}

/** Force-new attributes of a type (none for a type the review does not know). */
export function forceNewAttributes(type: string): readonly string[] {
  return BY_NAME.get(type)?.forceNew ?? [];
}

/** What replacing a resource of this type does to users. */
export function replacementImpact(type: string): string {
  return BY_NAME.get(type)?.replacementImpact ?? "Terraform deletes the resource and creates a new one.";
}

/** What deleting a resource of this type does to users, when it matters. */
export function removalImpact(type: string): string | undefined {
  return BY_NAME.get(type)?.removalImpact;
}

/** What a resource of this type is, in a sentence ("the Access application"). */
export function nounOf(type: string): string {
  return BY_NAME.get(type)?.noun ?? `the ${type} resource`;
}

/** A replacement's meaning in a few words, or undefined for a type the review does not know. */
export function replacedInShort(type: string): string | undefined {
  return BY_NAME.get(type)?.replacedInShort;
}

/** How much a replacement or removal of this type hurts, for ordering warnings: 0 most. */
export function severity(type: string): number {
  return BY_NAME.get(type)?.severity ?? 5;
}

/**
 * What `discover` found, as plain data: the layer between reading the APIs
 * (collect.ts), diagnosing (findings.ts) and rendering (program.ts, json).
 * Every string here came from an API and is untrusted.
 */

/** Where a Cloudflare object lives. */
export interface CloudflareScope {
  readonly kind: "account" | "zone";
  readonly id: string;
}

export interface OktaGroupRef {
  readonly id: string;
  /** The group's name, when Okta returned it. */
  readonly name?: string;
  /** True for Okta's built-in Everyone group. */
  readonly everyone?: boolean;
}

/** The groups claim as Okta's ID token settings hold it. */
export interface OktaGroupsClaimInfo {
  /** `GROUPS` (a filter) or `EXPRESSION`. */
  readonly valueType: string;
  /** `STARTS_WITH`, `EQUALS`, `CONTAINS` or `REGEX`, for a filter. */
  readonly groupFilterType?: string;
  readonly name: string;
  readonly value: string;
}

export interface OktaAppInfo {
  readonly id: string;
  readonly label: string;
  readonly status: string;
  readonly clientId: string;
  readonly applicationType: string;
  readonly tokenEndpointAuthMethod?: string;
  readonly pkceRequired: boolean;
  readonly redirectUris: string[];
  readonly groupsClaim?: OktaGroupsClaimInfo;
  readonly assignments: OktaGroupRef[];
  /** Whether the groups claim and assignments were read (only for apps that matter). */
  readonly detailed: boolean;
}

export interface IdentityProviderInfo {
  readonly id: string;
  readonly name: string;
  readonly scope: CloudflareScope;
  readonly clientId: string;
  readonly oktaAccount: string;
  readonly claims: string[];
  readonly pkceEnabled: boolean;
  readonly authorizationServerId?: string;
  readonly emailClaimName?: string;
  /** Cloudflare's callback, `https://<team>.cloudflareaccess.com/cdn-cgi/access/callback`. */
  readonly redirectUrl?: string;
  /** The team domain, from `redirectUrl`. */
  readonly teamDomain?: string;
  readonly scimEnabled: boolean;
}

/** One Access rule (`include`, `exclude` or `require` entry) as the API returned it. */
export type AccessRule = Record<string, unknown>;

export interface AccessPolicyInfo {
  readonly id: string;
  readonly name: string;
  readonly decision: string;
  readonly include: AccessRule[];
  readonly exclude: AccessRule[];
  readonly require: AccessRule[];
  readonly sessionDuration?: string;
}

export interface AccessApplicationInfo {
  readonly id: string;
  readonly name: string;
  readonly type: string;
  readonly domain: string;
  readonly scope: CloudflareScope;
  readonly allowedIdps: string[];
  readonly autoRedirectToIdentity: boolean;
  readonly sessionDuration?: string;
  readonly policies: { readonly id: string; readonly precedence: number }[];
}

export interface AccessGroupInfo {
  readonly id: string;
  readonly name: string;
  readonly scope: CloudflareScope;
  readonly include: AccessRule[];
  readonly exclude: AccessRule[];
  readonly require: AccessRule[];
}

/** An Access application our `protectApplication` can reproduce exactly, with its one policy. */
export interface AdoptableApplication {
  readonly application: AccessApplicationInfo;
  readonly policy: AccessPolicyInfo;
  /** The Okta group names of the policy's include rules. */
  readonly allowedOktaGroups: string[];
}

/** An Access group our `accessGroup` can reproduce exactly. */
export interface AdoptableGroup {
  readonly group: AccessGroupInfo;
  readonly oktaGroups: string[];
}

/** One Cloudflare okta identity provider, the Okta app it uses, and what refers to it. */
/** A groups claim on a custom authorization server (`GET /api/v1/authorizationServers/{id}/claims`). */
export interface OktaServerClaimInfo extends OktaGroupsClaimInfo {
  readonly id: string;
}

export interface Pairing {
  readonly identityProvider: IdentityProviderInfo;
  readonly oktaApp?: OktaAppInfo;
  /**
   * The groups claim Cloudflare reads on the identity provider's custom
   * authorization server (an IDENTITY claim of the groups claim's name), when
   * the server has one: the program adopts it instead of creating a second
   * claim of the same name, which Okta refuses.
   */
  readonly authorizationServerClaim?: OktaServerClaimInfo;
  /** Why the custom authorization server's claims could not be read (a 403 or 404), when they could not. */
  readonly authorizationServerClaimsUnread?: string;
  readonly applications: AdoptableApplication[];
  readonly groups: AdoptableGroup[];
  /** Applications, policies and groups that refer to the IdP but that our constructs cannot reproduce. */
  readonly otherReferences: { readonly kind: "application" | "policy" | "group"; readonly id: string; readonly name: string; readonly reason: string }[];
}

export type Severity = "error" | "warning" | "info";

/** A known mistake or risk, with what to do about it. */
export interface Finding {
  /** A stable code, e.g. `groups-filter-starts-with-pattern`. */
  readonly code: string;
  readonly severity: Severity;
  /** What it is about, e.g. `identity provider "Okta" (<id>)`. */
  readonly subject: string;
  readonly message: string;
  /** What to do. */
  readonly fix: string;
  /** The identity provider the finding belongs to, if any. */
  readonly identityProviderId?: string;
}

export interface Discovery {
  readonly oktaOrgUrl: string;
  readonly accountId: string;
  readonly zoneIds: string[];
  readonly pairings: Pairing[];
  /** Okta apps that look like Cloudflare Access apps but whose client id no identity provider uses. */
  readonly unpairedOktaApps: OktaAppInfo[];
  readonly findings: Finding[];
  readonly stats: { readonly oktaRequests: number; readonly cloudflareRequests: number; readonly rateLimited: number; readonly oktaAppsScanned: number };
}

/**
 * The review model: what a reviewer reads about one stack (identity providers
 * with their Okta app, Access groups, policies and applications). These
 * interfaces are the `stacks` of the `--format json` contract: change them
 * only with the format version (json.ts).
 */

/** A groups filter in Okta's terms and in words. */
export interface GroupsFilterReview {
  /** The claim's name in the token, e.g. `groups`. */
  readonly claimName: string;
  /** `FILTER` or `EXPRESSION`. */
  readonly type: string;
  /** `REGEX`, `STARTS_WITH`, `EQUALS`, `CONTAINS`; absent for an expression. */
  readonly filterType?: string;
  readonly value: string;
  /** In words, e.g. `all groups (regex .*)`. */
  readonly description: string;
}

/** A group the Okta app is assigned to. */
export interface AssignedGroupReview {
  /** `Everyone`, the group's name when the stack knows it, else its id or reference. */
  readonly group: string;
  readonly everyone: boolean;
  /** True for `okta_app_group_assignment` (additive), false for `okta_app_group_assignments` (exclusive). */
  readonly additive: boolean;
  /** `retain_assignment` of an additive assignment. */
  readonly retained?: boolean;
  readonly address: string;
}

/** The Okta OIDC app behind an identity provider. */
export interface OktaAppReview {
  readonly address: string;
  readonly constructPath?: string;
  readonly label?: string;
  /** Okta's app type, `web` for Cloudflare. */
  readonly appType?: string;
  readonly redirectUris: string[];
  readonly pkceRequired?: boolean;
  readonly groupsClaim?: GroupsFilterReview;
  readonly implicitAssignment?: boolean;
  /** `exclusive` (okta_app_group_assignments), `additive` (okta_app_group_assignment), both, or none. */
  readonly assignmentMode: "exclusive" | "additive" | "mixed" | "none";
  readonly assignments: AssignedGroupReview[];
}

/** A claim on a custom Okta authorization server. */
export interface AuthServerClaimReview {
  readonly address: string;
  readonly constructPath?: string;
  readonly name: string;
  /** `IDENTITY` (ID token) or `RESOURCE` (access token). */
  readonly claimType?: string;
  /** `GROUPS` or `EXPRESSION`. */
  readonly valueType?: string;
  readonly groupFilterType?: string;
  readonly value?: string;
  readonly alwaysIncluded: boolean;
  readonly description: string;
}

/** A Cloudflare account or zone. */
export interface ScopeReview {
  readonly kind: "account" | "zone" | "unknown";
  readonly id: string;
}

/** SCIM provisioning on the Cloudflare identity provider. */
export interface ScimReview {
  readonly enabled: boolean;
  readonly userDeprovision?: boolean;
  readonly seatDeprovision?: boolean;
  readonly identityUpdateBehavior?: string;
}

/** A Cloudflare Access identity provider and the Okta side wired to it. */
export interface IdentityProviderReview {
  readonly address: string;
  readonly constructPath?: string;
  readonly name: string;
  /** Cloudflare's IdP type, `okta` for ours. */
  readonly idpType: string;
  readonly scope: ScopeReview;
  readonly oktaOrgUrl?: string;
  readonly claims: string[];
  readonly emailClaimName?: string;
  readonly pkceEnabled?: boolean;
  /** The custom authorization server's id or reference; absent for the org server. */
  readonly authorizationServerId?: string;
  readonly authServerClaims: AuthServerClaimReview[];
  readonly scim?: ScimReview;
  /** `config.client_id`: a reference to the Okta app, or a literal client id. */
  readonly clientId?: string;
  readonly oktaApp?: OktaAppReview;
}

/** One include / exclude / require rule of an Access group or policy. */
export interface RuleReview {
  /** Cloudflare's rule kind: `okta`, `group`, `everyone`, `email_domain`... */
  readonly kind: string;
  /** In words, e.g. `Okta group "Engineering"`. */
  readonly text: string;
  /** The Okta group name of an `okta` rule. */
  readonly oktaGroup?: string;
  /** The identity provider an `okta` rule names (address or literal id). */
  readonly identityProvider?: string;
  /** The Access group a `group` rule names (address or literal id). */
  readonly accessGroup?: string;
}

/** Include, exclude and require rules, and who they admit. */
export interface RulesReview {
  readonly include: RuleReview[];
  readonly exclude: RuleReview[];
  readonly require: RuleReview[];
  /** Okta groups admitted through `include`, directly or through Access groups. */
  readonly oktaGroups: string[];
  readonly everyone: boolean;
  /** In words, e.g. `Okta group "Engineering" or Okta group "SRE"`. */
  readonly admits: string;
}

/** A Cloudflare Access group. */
export interface AccessGroupReview extends RulesReview {
  readonly address: string;
  readonly constructPath?: string;
  readonly name: string;
  readonly scope: ScopeReview;
}

/** A Cloudflare Access policy. */
export interface AccessPolicyReview extends RulesReview {
  readonly address: string;
  readonly constructPath?: string;
  readonly name: string;
  /** `allow`, `deny`, `bypass`, `non_identity`. */
  readonly decision: string;
  readonly sessionDuration?: string;
}

/** A policy as an application uses it. */
export interface ApplicationPolicyReview {
  /** The policy's address (reusable policy), or absent for an inline policy. */
  readonly policy?: string;
  readonly name: string;
  readonly precedence?: number;
  readonly decision: string;
  readonly admits: string;
  readonly oktaGroups: string[];
  readonly everyone: boolean;
  /** The session a user gets through this policy (see {@link EffectiveSession}). */
  readonly session: EffectiveSession;
}

/**
 * How long an Access session lasts: the policy's session duration when set;
 * for a reusable `cloudflare_zero_trust_access_policy` without one, the
 * provider's default of 24h (cloudflare provider 5.14.0 sends it on every
 * apply); otherwise the application's (Cloudflare's session-management docs:
 * the policy's duration wins when set).
 */
export interface EffectiveSession {
  readonly duration: string;
  readonly source: "policy" | "provider default" | "application";
}

/** A Cloudflare Access application. */
export interface AccessApplicationReview {
  readonly address: string;
  readonly constructPath?: string;
  readonly name: string;
  readonly appType?: string;
  readonly domains: string[];
  readonly scope: ScopeReview;
  /** Identity providers users may pick (addresses or literal ids); empty means all of the account's. */
  readonly allowedIdps: string[];
  readonly autoRedirect?: boolean;
  readonly sessionDuration?: string;
  /** The longest session any non-deny policy gives, or the application's when it has none. */
  readonly effectiveSession: EffectiveSession;
  readonly policies: ApplicationPolicyReview[];
}

/** Everything reviewed in one stack. */
export interface StackReview {
  readonly name: string;
  readonly resourceCount: number;
  readonly identityProviders: IdentityProviderReview[];
  /** Okta OIDC apps that no Cloudflare identity provider of the stack uses. */
  readonly unlinkedOktaApps: OktaAppReview[];
  readonly accessGroups: AccessGroupReview[];
  readonly accessPolicies: AccessPolicyReview[];
  readonly accessApplications: AccessApplicationReview[];
}

import type { ZeroTrustAccessIdentityProviderScimConfig } from "../providers/cloudflare/zero-trust-access-identity-provider";
import { looksLikePattern } from "./groups-filter";
import { Fn, TerraformProvider, Token } from "cdktf";
import { IConstruct } from "constructs";
import type { IdentityProviderAdoption } from "../adoption";
import { AppGroupsClaim } from "../app-groups-claim";
import { GroupsClaim } from "../groups-claim";
import { requireCloudflareUuid, requireOktaId } from "./import-ids";
import type { OktaAccessIdentityProviderProps } from "../okta-access-identity-provider";
import { checkJavaRegex } from "./java-regex";
import { resolveScim } from "./scim-config";
import {
  claimNameWarning,
  groupsClaimNameWarning,
  oktaOrgUrlWarnings,
  oktaProviderOrgWarning,
  teamDomainWarning,
} from "./settings-warnings";
import {
  invalid,
  isLiteral,
  normalizeOktaOrgUrl,
  normalizeTeamDomain,
  refuseUnknownKeys,
  requireBoolean,
  requireNonEmpty,
  requireNonEmptyList,
  requireObject,
  requireProvider,
} from "./validation";

/**
 * Every key of {@link OktaAccessIdentityProviderProps}, for the unknown-key
 * check. Built per call, like the other key lists, so a test that passes a key
 * covers its entry (see protectApplicationKeys).
 */
function identityProviderKeys(): readonly (keyof OktaAccessIdentityProviderProps)[] {
  return [
    "accountId",
    "zoneId",
    "teamDomain",
    "oktaOrgUrl",
    "name",
    "appLabel",
    "groupsClaim",
    "assignedGroupIds",
    "exclusiveAssignments",
    "pkce",
    "authorizationServerId",
    "appGroupsClaim",
    "emailClaimName",
    "claims",
    "scim",
    "oktaProvider",
    "cloudflareProvider",
    "adopt",
  ];
}

/** `adopt` validated, with the secret variable's name. */
export interface ResolvedAdoption {
  readonly oktaAppId: string;
  readonly identityProviderId: string;
  readonly clientSecretVariable: string;
  readonly authorizationServerClaimId?: string;
}

function adoptionKeys(): readonly (keyof IdentityProviderAdoption)[] {
  return ["oktaAppId", "identityProviderId", "clientSecretVariable", "authorizationServerClaimId"];
}

/** Validates `adopt`; the variable name defaults to the construct id in snake_case plus `_client_secret`. */
export function resolveAdoption(where: string, constructId: string, adopt: IdentityProviderAdoption): ResolvedAdoption {
  requireObject(where, "adopt", adopt, "an object with oktaAppId and identityProviderId");
  refuseUnknownKeys(where, "adopt", adopt, adoptionKeys());
  requireOktaId(where, "adopt.oktaAppId", adopt.oktaAppId, "0oa", "Okta app");
  requireCloudflareUuid(where, "adopt.identityProviderId", adopt.identityProviderId, "Cloudflare identity provider");
  if (adopt.authorizationServerClaimId !== undefined) requireOktaId(where, "adopt.authorizationServerClaimId", adopt.authorizationServerClaimId, "ocl", "authorization server claim");
  const snake = constructId.replace(/([a-z0-9])([A-Z])/g, "$1_$2").replace(/[^A-Za-z0-9_]+/g, "_").replace(/^_+|_+$/g, "").toLowerCase() || "okta";
  const fallback = `${/^[a-z_]/.test(snake) ? snake : `okta_${snake}`}_client_secret`;
  const name = adopt.clientSecretVariable ?? fallback;
  if (typeof name !== "string" || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
    throw invalid(where, "adopt.clientSecretVariable", 'a Terraform variable name (letters, digits and underscores, not starting with a digit), such as "okta_client_secret"', name);
  }
  return {
    oktaAppId: adopt.oktaAppId,
    identityProviderId: adopt.identityProviderId,
    clientSecretVariable: name,
    ...(adopt.authorizationServerClaimId !== undefined ? { authorizationServerClaimId: adopt.authorizationServerClaimId } : {}),
  };
}

/**
 * {@link OktaAccessIdentityProviderProps} validated, normalized and with the
 * defaults applied: everything the construct builds from, and nothing else.
 */
export interface ResolvedIdentityProviderProps {
  readonly accountId?: string;
  readonly zoneId?: string;
  /** Normalized: `<team>.cloudflareaccess.com` for a bare team name, lowercased. */
  readonly teamDomain: string;
  /** Normalized: `https://<host>`. */
  readonly oktaOrgUrl: string;
  readonly redirectUri: string;
  readonly name: string;
  readonly appLabel: string;
  readonly groupsClaim: GroupsClaim;
  /** The groups to assign; undefined for the Everyone group. */
  readonly assignedGroupIds?: string[];
  readonly exclusiveAssignments: boolean;
  readonly pkce: boolean;
  readonly authorizationServerId?: string;
  readonly appGroupsClaim: AppGroupsClaim;
  readonly emailClaimName?: string;
  /** Cloudflare's `config.claims`: the groups claim exactly once, then the extra claims (a Terraform expression for a list token). */
  readonly claims: string[];
  /** Cloudflare's `scim_config`, when SCIM is on. */
  readonly scim?: ZeroTrustAccessIdentityProviderScimConfig;
  readonly oktaProvider?: TerraformProvider;
  readonly cloudflareProvider?: TerraformProvider;
  /** What to adopt, when `adopt` is set. */
  readonly adopt?: ResolvedAdoption;
  /** The warnings to emit on the construct, in order. */
  readonly warnings: string[];
}

/**
 * Resolves the props in one pure step: validates every prop (throwing our
 * error, which names the property, the expected form and what was received),
 * normalizes, applies the defaults and collects the warnings. `scope` is the
 * construct being built, used only to compare the providers' stack with its
 * own; nothing is added to the tree.
 */
export function resolveIdentityProviderProps(where: string, scope: IConstruct, props: OktaAccessIdentityProviderProps): ResolvedIdentityProviderProps {
  requireObject(where, "props", props, "an object with accountId or zoneId, teamDomain and oktaOrgUrl");
  refuseUnknownKeys(where, "props", props, identityProviderKeys());
  const warnings: string[] = [];

  // Scope: exactly one of account and zone.
  const hasAccount = props.accountId !== undefined;
  const hasZone = props.zoneId !== undefined;
  if (hasAccount === hasZone) {
    throw invalid(
      where,
      "accountId / zoneId",
      "exactly one of accountId (account-scoped identity provider) and zoneId (zone-scoped)",
      hasAccount ? { accountId: props.accountId, zoneId: props.zoneId } : "neither",
    );
  }
  const [scopeProperty, scopeId] = hasAccount ? ["accountId", props.accountId] : ["zoneId", props.zoneId];
  requireNonEmpty(where, scopeProperty, scopeId);
  if (isLiteral(scopeId) && !/^[0-9a-f]{32}$/.test(String(scopeId))) {
    warnings.push(
      `${where}: ${scopeProperty} ${JSON.stringify(scopeId)} does not look like a Cloudflare id (32 lowercase hexadecimal characters). Copy it from the dashboard's Overview page.`,
    );
  }

  const teamDomain = normalizeTeamDomain(where, props.teamDomain);
  const oktaOrgUrl = normalizeOktaOrgUrl(where, props.oktaOrgUrl);
  pushDefined(warnings, teamDomainWarning(where, teamDomain));
  warnings.push(...oktaOrgUrlWarnings(where, oktaOrgUrl));

  requireNonEmpty(where, "name", props.name);
  requireNonEmpty(where, "appLabel", props.appLabel);
  requireNonEmpty(where, "authorizationServerId", props.authorizationServerId);
  requireNonEmpty(where, "emailClaimName", props.emailClaimName);
  pushDefined(warnings, claimNameWarning(where, "emailClaimName", props.emailClaimName));

  // null, a string, an object, or an empty list (a list token is never empty).
  const groupIds: unknown = props.assignedGroupIds;
  if (groupIds !== undefined && !Token.isUnresolved(groupIds) && (!Array.isArray(groupIds) || groupIds.length === 0)) {
    throw invalid(where, "assignedGroupIds", "a non-empty list of Okta group ids; omit the property to assign the Everyone group", groupIds);
  }
  requireNonEmptyList(where, "assignedGroupIds", props.assignedGroupIds, "Okta group ids");

  const claims: unknown = props.claims;
  if (claims !== undefined && !Token.isUnresolved(claims) && !Array.isArray(claims)) {
    throw invalid(where, "claims", "a list of claim names, such as [\"email\", \"name\"]", claims);
  }
  // An empty list is allowed: no extra claims.
  if (Array.isArray(claims) && claims.length > 0) requireNonEmptyList(where, "claims", props.claims, "claim names");
  requireBoolean(where, "pkce", props.pkce);
  requireBoolean(where, "exclusiveAssignments", props.exclusiveAssignments);
  const scim = props.scim === undefined ? undefined : resolveScim(where, props.scim);
  if (scim !== undefined) warnings.push(...scim.warnings);
  if (props.groupsClaim !== undefined && !(props.groupsClaim instanceof GroupsClaim)) {
    throw invalid(where, "groupsClaim", "a GroupsClaim, such as GroupsClaim.ALL or GroupsClaim.matchingRegex(\"^eng-\")", props.groupsClaim);
  }
  if (props.appGroupsClaim !== undefined && !(props.appGroupsClaim instanceof AppGroupsClaim)) {
    throw invalid(where, "appGroupsClaim", "AppGroupsClaim.AUTO, AppGroupsClaim.KEEP or AppGroupsClaim.REMOVE", props.appGroupsClaim);
  }
  requireProvider(where, "oktaProvider", props.oktaProvider, "okta", "OktaProvider", scope);
  requireProvider(where, "cloudflareProvider", props.cloudflareProvider, "cloudflare", "CloudflareProvider", scope);

  const groupsClaim = props.groupsClaim ?? GroupsClaim.ALL;
  if (isLiteral(groupsClaim.value) && looksLikePattern(groupsClaim)) {
    warnings.push(
      `${where}: groupsClaim is "Starts with" ${JSON.stringify(groupsClaim.value)}, a literal prefix, not a pattern: it only matches group names that begin with those characters. To send all groups use GroupsClaim.ALL (Matches regex .*).`,
    );
  }
  if (groupsClaim.filterType === "REGEX" && isLiteral(groupsClaim.value)) {
    const undecided = checkJavaRegex(groupsClaim.value).undecided;
    if (undecided !== undefined) {
      warnings.push(
        `${where}: groupsClaim's regex ${JSON.stringify(groupsClaim.value)} could not be fully checked against Java's java.util.regex syntax, which Okta uses (${undecided}); it is accepted as is. If Okta refuses it at apply, fix the pattern.`,
      );
    }
  }
  pushDefined(warnings, groupsClaimNameWarning(where, groupsClaim.claimName));
  pushDefined(warnings, claimNameWarning(where, "groupsClaim's claimName", groupsClaim.claimName));
  if (props.claims !== undefined && !Token.isUnresolved(props.claims)) {
    props.claims.forEach((claim, index) => pushDefined(warnings, claimNameWarning(where, `claims[${index}]`, claim)));
  }
  if (props.oktaProvider !== undefined) pushDefined(warnings, oktaProviderOrgWarning(where, props.oktaProvider, oktaOrgUrl));
  const adopt = props.adopt === undefined ? undefined : resolveAdoption(where, scope.node.id, props.adopt);
  if (adopt !== undefined && props.authorizationServerId !== undefined && adopt.authorizationServerClaimId === undefined) {
    warnings.push(
      `${where}: adopting with authorizationServerId but without adopt.authorizationServerClaimId: the groups claim on the authorization server will be created, and Okta refuses it if a claim of that name exists. Pass the existing claim's id to import it.`,
    );
  }

  return {
    accountId: props.accountId,
    zoneId: props.zoneId,
    teamDomain,
    oktaOrgUrl,
    redirectUri: `https://${teamDomain}/cdn-cgi/access/callback`,
    name: props.name ?? "Okta",
    appLabel: props.appLabel ?? "Cloudflare Access",
    groupsClaim,
    assignedGroupIds: props.assignedGroupIds,
    exclusiveAssignments: props.exclusiveAssignments ?? true,
    pkce: props.pkce ?? true,
    authorizationServerId: props.authorizationServerId,
    appGroupsClaim: props.appGroupsClaim ?? AppGroupsClaim.AUTO,
    emailClaimName: props.emailClaimName,
    claims: mergeClaims(groupsClaim.claimName, props.claims),
    scim: scim?.config,
    oktaProvider: props.oktaProvider,
    cloudflareProvider: props.cloudflareProvider,
    ...(adopt !== undefined ? { adopt } : {}),
    warnings,
  };
}

/**
 * The groups claim's name first, then the extra claims, each once. A list
 * token becomes the Terraform expression `distinct(concat([<groups>], <list>))`,
 * which also holds the groups claim exactly once.
 */
export function mergeClaims(groupsClaimName: string, extra: string[] | undefined): string[] {
  if (Token.isUnresolved(extra)) {
    return Fn.distinct(Fn.concat([[groupsClaimName], extra]) as unknown[]);
  }
  const claims = [groupsClaimName];
  if (extra !== undefined) {
    for (const claim of extra) {
      if (!claims.includes(claim)) claims.push(claim);
    }
  }
  return claims;
}

function pushDefined(warnings: string[], warning: string | undefined): void {
  if (warning !== undefined) warnings.push(warning);
}

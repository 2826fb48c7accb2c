import { TerraformProvider } from "cdktf";
import { Construct } from "constructs";
import { IOktaAccessIdentityProvider } from "../okta-access-identity-provider-interface";
import type { ProtectApplicationOptions, ProtectedApplicationProps } from "../protected-application";
import { requireCloudflareUuid } from "./import-ids";
import { oktaGroupsWarnings, requireOktaGroups } from "./okta-groups";
import {
  checkAccessDomain,
  HOUR_NS,
  invalid,
  isLiteral,
  refuseUnknownKeys,
  requireBoolean,
  requireDuration,
  requireNonEmpty,
  requireObject,
  sessionDurationWarning,
} from "./validation";

/** Sessions longer than a week get a warning: a revoked user keeps access that long. */
const LONG_SESSION_HOURS = 168;

/**
 * Every key of {@link ProtectApplicationOptions}, for the unknown-key check.
 * A function, not a module constant, so the list is built where it is checked:
 * a test that passes a key then covers that key's entry (a module constant is
 * built once per test file, and the mutation run could not tell which tests
 * depend on which entry).
 */
export function protectApplicationKeys(): readonly (keyof ProtectApplicationOptions)[] {
  return ["domain", "allowedOktaGroups", "name", "sessionDuration", "policySessionDuration", "autoRedirect", "accountId", "adopt"];
}

/** {@link ProtectedApplicationProps} validated, with the defaults: what the construct builds from. */
export interface ResolvedProtectedApplicationProps {
  readonly identityProviderId: string;
  readonly cloudflareProvider?: TerraformProvider;
  /** The application's scope: the identity provider's account or zone. */
  readonly accountId?: string;
  readonly zoneId?: string;
  /** The account of the allow policy (policies always live in an account). */
  readonly policyAccountId: string;
  readonly domain: string;
  readonly allowedOktaGroups: string[];
  readonly name: string;
  readonly sessionDuration: string;
  /** The allow policy's session: `policySessionDuration`, else `sessionDuration`. */
  readonly policySessionDuration: string;
  readonly autoRedirect: boolean;
  /** What to adopt, when `adopt` is set. */
  readonly adopt?: { readonly applicationId: string; readonly policyId: string };
  readonly warnings: string[];
}

/**
 * Resolves the props in one pure step: validates (throwing our error),
 * applies the defaults and collects the warnings. `id` is the construct id,
 * the default name.
 */
export function resolveProtectedApplicationProps(where: string, id: string, props: ProtectedApplicationProps): ResolvedProtectedApplicationProps {
  requireObject(where, "props", props, "an object with identityProvider, domain and allowedOktaGroups");
  refuseUnknownKeys(where, "props", props, ["identityProvider", ...protectApplicationKeys()]);
  const idp = props.identityProvider;
  if (!Construct.isConstruct(idp) || typeof idp.identityProviderId !== "string") {
    throw invalid(where, "identityProvider", "an OktaAccessIdentityProvider (an IOktaAccessIdentityProvider)", idp);
  }
  if (props.domain === undefined) throw invalid(where, "domain", 'a host name such as "wiki.example.com"', undefined);
  const domain = checkAccessDomain(where, "domain", props.domain);
  requireOktaGroups(where, "allowedOktaGroups", props.allowedOktaGroups);
  requireNonEmpty(where, "name", props.name);
  requireBoolean(where, "autoRedirect", props.autoRedirect);
  if (props.sessionDuration === null) throw invalid(where, "sessionDuration", 'a duration such as "8h"; omit it for 24h', null);
  if (props.policySessionDuration === null) throw invalid(where, "policySessionDuration", 'a duration such as "8h"; omit it for sessionDuration', null);
  const sessionDuration = props.sessionDuration ?? "24h";
  const sessionNs = requireDuration(where, "sessionDuration", sessionDuration);
  const policySessionDuration = props.policySessionDuration ?? sessionDuration;
  const policySessionNs =
    props.policySessionDuration === undefined ? sessionNs : requireDuration(where, "policySessionDuration", props.policySessionDuration);
  const policyAccountId = policyAccount(where, idp, props.accountId);
  if (props.adopt !== undefined) {
    requireObject(where, "adopt", props.adopt, "an object with applicationId and policyId");
    refuseUnknownKeys(where, "adopt", props.adopt, ["applicationId", "policyId"]);
    requireCloudflareUuid(where, "adopt.applicationId", props.adopt.applicationId, "Access application");
    requireCloudflareUuid(where, "adopt.policyId", props.adopt.policyId, "Access policy");
  }

  const warnings: string[] = [];
  for (const [property, value, ns] of [
    ["sessionDuration", sessionDuration, sessionNs],
    ["policySessionDuration", props.policySessionDuration, policySessionNs],
  ] as const) {
    if (value === undefined) continue;
    const warning = sessionDurationWarning(where, property, value, ns);
    if (warning !== undefined) warnings.push(warning);
  }
  if (policySessionNs !== undefined && policySessionNs > LONG_SESSION_HOURS * HOUR_NS) {
    const property = props.policySessionDuration === undefined ? "sessionDuration" : "policySessionDuration";
    warnings.push(
      `${where}: ${property} ${JSON.stringify(policySessionDuration)} is longer than a week (${LONG_SESSION_HOURS}h): a user removed from the Okta groups, or deactivated in Okta, keeps access that long unless SCIM deprovisioning revokes the session. Prefer 24h or less.`,
    );
  }
  if (policySessionNs !== undefined && sessionNs !== undefined && policySessionNs > sessionNs) {
    warnings.push(
      `${where}: policySessionDuration ${JSON.stringify(policySessionDuration)} is longer than the application's sessionDuration ${JSON.stringify(sessionDuration)}. Cloudflare uses the policy's session, so users stay signed in ${JSON.stringify(policySessionDuration)}, not ${JSON.stringify(sessionDuration)}. Omit policySessionDuration (it then equals sessionDuration) or shorten it.`,
    );
  }
  warnings.push(...oktaGroupsWarnings(where, "allowedOktaGroups", idp.groupsClaim, props.allowedOktaGroups));

  return {
    identityProviderId: idp.identityProviderId,
    cloudflareProvider: idp.cloudflareProvider,
    accountId: idp.accountId,
    zoneId: idp.zoneId,
    policyAccountId,
    domain,
    allowedOktaGroups: props.allowedOktaGroups,
    name: props.name ?? id,
    sessionDuration,
    policySessionDuration,
    autoRedirect: props.autoRedirect ?? true,
    ...(props.adopt !== undefined ? { adopt: { applicationId: props.adopt.applicationId, policyId: props.adopt.policyId } } : {}),
    warnings,
  };
}

/**
 * The account of the allow policy: Cloudflare keeps policies in accounts, so a
 * zone-scoped identity provider needs `accountId` here.
 */
function policyAccount(where: string, idp: IOktaAccessIdentityProvider, accountId: string | undefined): string {
  requireNonEmpty(where, "accountId", accountId);
  if (idp.accountId === undefined) {
    if (accountId === undefined) {
      throw invalid(
        where,
        "accountId",
        `the Cloudflare account id for the allow policy, because the identity provider is zone-scoped (zoneId ${JSON.stringify(idp.zoneId)}) and Access policies always belong to an account`,
        undefined,
      );
    }
    return accountId;
  }
  if (isLiteral(accountId) && isLiteral(idp.accountId) && accountId !== idp.accountId) {
    throw invalid(
      where,
      "accountId",
      `omitted or equal to the identity provider's account ${JSON.stringify(idp.accountId)}, because the policy must live in the identity provider's account`,
      accountId,
    );
  }
  return idp.accountId;
}

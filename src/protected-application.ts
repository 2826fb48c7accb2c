import type { ZeroTrustAccessApplication } from "@cdktf/provider-cloudflare/lib/zero-trust-access-application";
import type { ZeroTrustAccessPolicy } from "@cdktf/provider-cloudflare/lib/zero-trust-access-policy";
import { Annotations } from "cdktf";
import { Construct } from "constructs";
import { ApplicationAdoption } from "./adoption";
import type { OktaAccessIdentityProvider } from "./okta-access-identity-provider";
import { policyImportId, requireCloudflareUuid, scopedImportId } from "./private/import-ids";
import { accessApplicationModule, accessPolicyModule } from "./private/lazy-providers";
import { oktaIncludeRules, requireOktaGroups, warnAboutOktaGroups } from "./private/okta-groups";
import { checkAccessDomain, HOUR_NS, invalid, isLiteral, requireBoolean, requireDuration, requireNonEmpty } from "./private/validation";

/** Sessions longer than a week get a warning: a revoked user keeps access that long. */
const LONG_SESSION_HOURS = 168;

/** Options of {@link OktaAccessIdentityProvider.protectApplication}. */
export interface ProtectApplicationOptions {
  /**
   * The host name, with an optional path, that Access protects: no scheme and
   * no port, e.g. `wiki.example.com` or `example.com/wiki`. Cloudflare's `*`
   * wildcards are allowed in subdomain labels and in the path
   * (`*.example.com`, `example.com/docs/*`); a wildcard subdomain does not
   * cover the apex. The zone must be on Cloudflare.
   */
  readonly domain: string;

  /**
   * The Okta groups allowed in, by name as Okta sends them in the groups claim
   * (e.g. `"Engineering"`). The allow policy gets one `okta` include rule per
   * group; a user in any of them gets in.
   */
  readonly allowedOktaGroups: string[];

  /**
   * The application's name in the Cloudflare dashboard and App Launcher.
   * @default - the id given to `protectApplication`
   */
  readonly name?: string;

  /**
   * The application's session duration (`session_duration` of the Access
   * application), in Cloudflare's duration format (`30m`, `8h`, `1h30m`;
   * units h, m, s, ms, us, ns).
   *
   * Cloudflare issues the application token for the session duration of the
   * policy that let the user in, if that policy sets one, and otherwise for
   * the application's
   * (https://developers.cloudflare.com/cloudflare-one/identity/users/session-management).
   * The Cloudflare provider sends `24h` for a policy without one, so the
   * construct always sets the allow policy's session too: to
   * `policySessionDuration`, which defaults to this value. This is therefore
   * how long a user stays signed in to this application before Access
   * re-evaluates them (unless you set `policySessionDuration`). The team's
   * global session timeout is a separate, account-wide setting: when it has
   * not expired, Access renews an expired application token without a new
   * Okta sign-in, as long as the user still passes the policy.
   * @default "24h"
   */
  readonly sessionDuration?: string;

  /**
   * The allow policy's session duration (`session_duration` of the Access
   * policy): the session length that governs users let in by this policy,
   * since Cloudflare prefers a policy's session over the application's.
   * A value longer than `sessionDuration` gets a warning, because it
   * lengthens the session the application says it has.
   * @default - the application's `sessionDuration`
   */
  readonly policySessionDuration?: string;

  /**
   * Send users straight to Okta instead of showing Cloudflare's login page
   * with its identity provider picker. The application allows only this
   * identity provider, as Cloudflare requires for the redirect.
   * @default true
   */
  readonly autoRedirect?: boolean;

  /**
   * The Cloudflare account for the allow policy. Access policies always live
   * in an account: required when the identity provider is zone-scoped, and
   * must be omitted (or equal the identity provider's) when it is
   * account-scoped.
   * @default - the identity provider's account
   */
  readonly accountId?: string;

  /**
   * Adopt an existing Access application and its allow policy instead of
   * creating them (`import` blocks: the application in the identity
   * provider's account or zone, the policy in `accountId`'s account).
   * @default - create new ones
   */
  readonly adopt?: ApplicationAdoption;
}

/** Properties of {@link ProtectedApplication}. */
export interface ProtectedApplicationProps extends ProtectApplicationOptions {
  /** The Okta identity provider users sign in with. */
  readonly identityProvider: OktaAccessIdentityProvider;
}

/**
 * A self-hosted Cloudflare Access application that only members of some Okta
 * groups can open, signing in through one Okta identity provider.
 *
 * It synthesizes the application (`cloudflare_zero_trust_access_application`,
 * in the identity provider's account or zone, allowing only that identity
 * provider) and a reusable allow policy (`cloudflare_zero_trust_access_policy`)
 * with one Okta rule per allowed group, attached at precedence 1.
 *
 * Usually created with {@link OktaAccessIdentityProvider.protectApplication}.
 */
export class ProtectedApplication extends Construct {
  /** The Access application (`cloudflare_zero_trust_access_application`). */
  public readonly application: ZeroTrustAccessApplication;
  /** The allow policy (`cloudflare_zero_trust_access_policy`). */
  public readonly policy: ZeroTrustAccessPolicy;
  /**
   * The application's audience tag (AUD). Origins need it to validate the
   * `Cf-Access-Jwt-Assertion` JWT that Access adds to every request.
   */
  public readonly aud: string;
  /** The protected domain, as given. */
  public readonly domain: string;
  /** The Okta groups allowed in. */
  public readonly allowedOktaGroups: string[];

  constructor(scope: Construct, id: string, props: ProtectedApplicationProps) {
    super(scope, id);
    const where = `ProtectedApplication "${this.node.path}"`;
    if (props === undefined || props === null) {
      throw invalid(where, "props", "an object with identityProvider, domain and allowedOktaGroups", props);
    }
    const idp = props.identityProvider;
    if (idp === undefined || idp === null || typeof idp.identityProviderId !== "string") {
      throw invalid(where, "identityProvider", "an OktaAccessIdentityProvider", idp);
    }
    if (props.domain === undefined) throw invalid(where, "domain", 'a host name such as "wiki.example.com"', undefined);
    this.domain = checkAccessDomain(where, "domain", props.domain);
    requireOktaGroups(where, "allowedOktaGroups", props.allowedOktaGroups);
    this.allowedOktaGroups = props.allowedOktaGroups;
    requireNonEmpty(where, "name", props.name);
    requireBoolean(where, "autoRedirect", props.autoRedirect);
    const sessionDuration = props.sessionDuration ?? "24h";
    const sessionNs = requireDuration(where, "sessionDuration", sessionDuration);
    // The policy's session wins over the application's, and the provider
    // sends 24h when the policy has none: always set it.
    const policySessionDuration = props.policySessionDuration ?? sessionDuration;
    const policySessionNs =
      props.policySessionDuration === undefined ? sessionNs : requireDuration(where, "policySessionDuration", props.policySessionDuration);
    const accountId = policyAccount(where, idp, props.accountId);
    if (props.adopt !== undefined) {
      if (typeof props.adopt !== "object" || props.adopt === null) throw invalid(where, "adopt", "an object with applicationId and policyId", props.adopt);
      requireCloudflareUuid(where, "adopt.applicationId", props.adopt.applicationId, "Access application");
      requireCloudflareUuid(where, "adopt.policyId", props.adopt.policyId, "Access policy");
    }

    if (policySessionNs !== undefined && policySessionNs > LONG_SESSION_HOURS * HOUR_NS) {
      const property = props.policySessionDuration === undefined ? "sessionDuration" : "policySessionDuration";
      Annotations.of(this).addWarning(
        `${where}: ${property} ${JSON.stringify(policySessionDuration)} is longer than a week (${LONG_SESSION_HOURS}h): a user removed from the Okta groups, or deactivated in Okta, keeps access that long unless SCIM deprovisioning revokes the session. Prefer 24h or less.`,
      );
    }
    if (policySessionNs !== undefined && sessionNs !== undefined && policySessionNs > sessionNs) {
      Annotations.of(this).addWarning(
        `${where}: policySessionDuration ${JSON.stringify(policySessionDuration)} is longer than the application's sessionDuration ${JSON.stringify(sessionDuration)}. Cloudflare uses the policy's session, so users stay signed in ${JSON.stringify(policySessionDuration)}, not ${JSON.stringify(sessionDuration)}. Omit policySessionDuration (it then equals sessionDuration) or shorten it.`,
      );
    }
    warnAboutOktaGroups(this, where, "allowedOktaGroups", idp.groupsClaim, props.allowedOktaGroups);

    const name = props.name ?? id;
    const { ZeroTrustAccessPolicy } = accessPolicyModule();
    const { ZeroTrustAccessApplication } = accessApplicationModule();
    this.policy = new ZeroTrustAccessPolicy(this, "Policy", {
      provider: idp.cloudflareProvider,
      accountId,
      name: `${name}: allow Okta groups`,
      decision: "allow",
      include: oktaIncludeRules(props.allowedOktaGroups, idp.identityProviderId),
      sessionDuration: policySessionDuration,
    });

    this.application = new ZeroTrustAccessApplication(this, "Application", {
      provider: idp.cloudflareProvider,
      accountId: idp.accountId,
      zoneId: idp.zoneId,
      type: "self_hosted",
      name,
      domain: this.domain,
      sessionDuration,
      allowedIdps: [idp.identityProviderId],
      // Cloudflare only redirects when exactly one identity provider is
      // allowed, which is always the case here.
      autoRedirectToIdentity: props.autoRedirect ?? true,
      policies: [{ id: this.policy.id, precedence: 1 }],
    });
    this.aud = this.application.aud;
    if (props.adopt !== undefined) {
      this.policy.importFrom(policyImportId(accountId, props.adopt.policyId), idp.cloudflareProvider);
      this.application.importFrom(scopedImportId(idp.accountId, idp.zoneId, props.adopt.applicationId), idp.cloudflareProvider);
    }
  }
}

/**
 * The account of the allow policy: Cloudflare keeps policies in accounts, so a
 * zone-scoped identity provider needs `accountId` here.
 */
function policyAccount(where: string, idp: OktaAccessIdentityProvider, accountId: string | undefined): string {
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
  if (accountId !== undefined && isLiteral(accountId) && isLiteral(idp.accountId) && accountId !== idp.accountId) {
    throw invalid(
      where,
      "accountId",
      `omitted or equal to the identity provider's account ${JSON.stringify(idp.accountId)}, because the policy must live in the identity provider's account`,
      accountId,
    );
  }
  return idp.accountId;
}

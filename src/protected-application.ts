import type { ZeroTrustAccessApplication } from "./providers/cloudflare/zero-trust-access-application";
import type { ZeroTrustAccessPolicy } from "./providers/cloudflare/zero-trust-access-policy";
import { Annotations } from "cdktf";
import { Construct } from "constructs";
import { ApplicationAdoption } from "./adoption";
import { IOktaAccessIdentityProvider } from "./okta-access-identity-provider-interface";
import { policyImportId, scopedImportId } from "./private/import-ids";
import { accessApplicationModule, accessPolicyModule } from "./private/lazy-providers";
import { oktaIncludeRules } from "./private/okta-groups";
import { resolveProtectedApplicationProps } from "./private/resolve-protected-application";
import { constructId, validatedOrDetached } from "./private/validation";

/** Options of `OktaAccessIdentityProvider.protectApplication`. */
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
  /** The Okta identity provider users sign in with (an `OktaAccessIdentityProvider`). */
  readonly identityProvider: IOktaAccessIdentityProvider;
}

/**
 * A self-hosted Cloudflare Access application that only members of some Okta
 * groups can open, signing in through one Okta identity provider.
 *
 * It synthesizes the application (`cloudflare_zero_trust_access_application`,
 * in the identity provider's account or zone, allowing only that identity
 * provider) and a reusable allow policy (`cloudflare_zero_trust_access_policy`)
 * with one Okta rule per allowed group and the session duration, attached at
 * precedence 1.
 *
 * Usually created with `OktaAccessIdentityProvider.protectApplication`.
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
    super(scope, constructId("ProtectedApplication", scope, id));
    const where = `ProtectedApplication "${this.node.path}"`;
    // One pure step validates, normalizes, applies the defaults and collects
    // the warnings; everything below builds from its result only.
    const r = validatedOrDetached(this, () => resolveProtectedApplicationProps(where, id, props));
    for (const warning of r.warnings) Annotations.of(this).addWarning(warning);
    this.domain = r.domain;
    this.allowedOktaGroups = r.allowedOktaGroups;

    const { ZeroTrustAccessPolicy } = accessPolicyModule();
    const { ZeroTrustAccessApplication } = accessApplicationModule();
    this.policy = new ZeroTrustAccessPolicy(this, "Policy", {
      provider: r.cloudflareProvider,
      accountId: r.policyAccountId,
      name: `${r.name}: allow Okta groups`,
      decision: "allow",
      include: oktaIncludeRules(r.allowedOktaGroups, r.identityProviderId),
      // The policy's session wins over the application's, and the provider
      // sends 24h when the policy has none: always set it.
      sessionDuration: r.policySessionDuration,
    });

    this.application = new ZeroTrustAccessApplication(this, "Application", {
      provider: r.cloudflareProvider,
      accountId: r.accountId,
      zoneId: r.zoneId,
      type: "self_hosted",
      name: r.name,
      domain: r.domain,
      sessionDuration: r.sessionDuration,
      allowedIdps: [r.identityProviderId],
      // Cloudflare only redirects when exactly one identity provider is
      // allowed, which is always the case here.
      autoRedirectToIdentity: r.autoRedirect,
      policies: [{ id: this.policy.id, precedence: 1 }],
    });
    this.aud = this.application.aud;
    if (r.adopt !== undefined) {
      this.policy.importFrom(policyImportId(r.policyAccountId, r.adopt.policyId), r.cloudflareProvider);
      this.application.importFrom(scopedImportId(r.accountId, r.zoneId, r.adopt.applicationId), r.cloudflareProvider);
    }
  }
}

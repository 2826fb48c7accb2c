import type { ZeroTrustAccessGroup } from "@cdktf/provider-cloudflare/lib/zero-trust-access-group";
import { ZeroTrustAccessIdentityProvider } from "@cdktf/provider-cloudflare/lib/zero-trust-access-identity-provider";
import { AppOauth } from "@cdktf/provider-okta/lib/app-oauth";
import type { AuthServerClaim } from "@cdktf/provider-okta/lib/auth-server-claim";
import { DataOktaEveryoneGroup } from "@cdktf/provider-okta/lib/data-okta-everyone-group";
import {
  Annotations,
  IAspect,
  TerraformProvider, TerraformResource, TerraformStack } from "cdktf";
import { Construct, IConstruct } from "constructs";
import { AccessGroupOptions } from "./access-group";

const ACCESS_GROUP_KEYS: readonly (keyof AccessGroupOptions)[] = ["oktaGroups", "name"];
import { GroupsClaim } from "./groups-claim";
import { IOktaAccessIdentityProvider } from "./okta-access-identity-provider-interface";
import { groupAssignments } from "./private/group-assignments";
import { addAspectToStack } from "./private/core";
import { accessGroupModule, authServerClaimModule } from "./private/lazy-providers";
import { oktaIncludeRules, requireOktaGroups, warnAboutOktaGroups } from "./private/okta-groups";
import { resolveIdentityProviderProps } from "./private/resolve-identity-provider";
import { PROTECT_APPLICATION_KEYS } from "./private/resolve-protected-application";
import { refuseNonSensitiveOutputsOf } from "./private/sensitive-outputs";
import { oktaProviderOrgWarning } from "./private/settings-warnings";
import { constructId, describe, invalid, refuseUnknownKeys, requireId, requireNonEmpty, requireObject } from "./private/validation";
import { ProtectApplicationOptions, ProtectedApplication } from "./protected-application";
import { ScimOptions } from "./scim";

/** Properties of {@link OktaAccessIdentityProvider}. */
export interface OktaAccessIdentityProviderProps {
  /**
   * The Cloudflare account that owns the identity provider. Exactly one of
   * `accountId` and `zoneId` must be set.
   * @default - none; set `zoneId` instead
   */
  readonly accountId?: string;

  /**
   * The Cloudflare zone, for an identity provider scoped to one zone instead of
   * the account. Exactly one of `accountId` and `zoneId` must be set.
   * @default - none; set `accountId` instead
   */
  readonly zoneId?: string;

  /**
   * Your Cloudflare Zero Trust team domain, `<team>.cloudflareaccess.com`, or
   * just the team name. Okta redirects back to
   * `https://<teamDomain>/cdn-cgi/access/callback`.
   */
  readonly teamDomain: string;

  /**
   * Your Okta org URL, such as `https://dev-123456.okta.com` (never the
   * `-admin` console URL). A trailing slash is removed.
   */
  readonly oktaOrgUrl: string;

  /**
   * The identity provider's name on the Access login page.
   * @default "Okta"
   */
  readonly name?: string;

  /**
   * The Okta application's label, shown to Okta admins and on the Okta dashboard.
   * @default "Cloudflare Access"
   */
  readonly appLabel?: string;

  /**
   * Which Okta groups the ID token carries.
   * @default GroupsClaim.ALL - claim `groups`, filter REGEX `.*`
   */
  readonly groupsClaim?: GroupsClaim;

  /**
   * Okta group ids (`00g...`) to assign the application to. An empty list is
   * refused; omit the property to assign the Everyone group.
   * @default - the Everyone group, looked up with `data "okta_everyone_group"`
   */
  readonly assignedGroupIds?: string[];

  /**
   * Whether this construct owns the application's group assignments.
   *
   * `true`: one authoritative `okta_app_group_assignments`; assignments made
   * elsewhere (the Okta console, another team's Terraform) are removed at the
   * next apply. `false`: one additive `okta_app_group_assignment` per group,
   * with `retain_assignment`, which leaves other assignments alone; removing a
   * group from `assignedGroupIds` then does **not** unassign it in Okta.
   * @default true
   */
  readonly exclusiveAssignments?: boolean;

  /**
   * Proof Key for Code Exchange. Sets Okta's `pkce_required` and Cloudflare's
   * `pkce_enabled` together, since one without the other fails sign-in.
   * @default true
   */
  readonly pkce?: boolean;

  /**
   * The id of a custom Okta authorization server for Cloudflare to use. The
   * application's groups claim only reaches tokens of the org authorization
   * server, so the construct also creates the same groups claim on this server
   * (`okta_auth_server_claim`, ID token, always included). The server needs
   * an access policy that allows this application and a `groups` scope
   * (see the README).
   * @default - the org authorization server
   */
  readonly authorizationServerId?: string;

  /**
   * The claim Cloudflare reads the user's email from.
   * @default - Cloudflare's default, `email`
   */
  readonly emailClaimName?: string;

  /**
   * Extra claims Cloudflare should read from the ID token. The groups claim's
   * name is always included, and duplicates are removed.
   * @default - only the groups claim
   */
  readonly claims?: string[];

  /**
   * SCIM provisioning from Okta: enables `scim_config` on the Cloudflare
   * identity provider and exposes `scimBaseUrl` and `scimSecret` for the Okta
   * SCIM app, which must be set up by hand (see the README).
   * @default - SCIM off
   */
  readonly scim?: ScimOptions;

  /**
   * The Okta provider for every Okta resource and data source of this
   * construct, for example an aliased provider of a second Okta org.
   * @default - the stack's default Okta provider
   */
  readonly oktaProvider?: TerraformProvider;

  /**
   * The Cloudflare provider for the identity provider, for example an aliased
   * provider of a second Cloudflare account.
   * @default - the stack's default Cloudflare provider
   */
  readonly cloudflareProvider?: TerraformProvider;
}

/**
 * Signs people in to Cloudflare Access with their Okta account: the whole of
 * Cloudflare's Okta integration procedure as one construct.
 *
 * It synthesizes the Okta OIDC web application (with Cloudflare's callback as
 * its redirect URI and a groups claim), the application's group assignments,
 * and the Cloudflare Access identity provider of type `okta`, wired to the
 * application's client id and secret by Terraform reference.
 */
export class OktaAccessIdentityProvider extends Construct implements IOktaAccessIdentityProvider {
  /** The Okta OIDC web application (`okta_app_oauth`). */
  public readonly oktaApp: AppOauth;
  /** The resources that assign the Okta application to groups. */
  public readonly groupAssignments: TerraformResource[];
  /** The Everyone group lookup, when no `assignedGroupIds` were given. */
  public readonly everyoneGroup?: DataOktaEveryoneGroup;
  /** Whether the group assignments are authoritative (see `exclusiveAssignments`). */
  public readonly exclusiveAssignments: boolean;
  /** The groups claim on the custom authorization server, when `authorizationServerId` is set. */
  public readonly authorizationServerClaim?: AuthServerClaim;
  /**
   * Cloudflare's SCIM endpoint for Okta's SCIM app ("Base URL"), when `scim` is set.
   */
  public readonly scimBaseUrl?: string;
  /**
   * Cloudflare's SCIM secret for Okta's SCIM app (the header auth token), when
   * `scim` is set. Sensitive: an output of it must set `sensitive: true`, or
   * synthesis fails.
   */
  public readonly scimSecret?: string;
  /** The Cloudflare Access identity provider (`cloudflare_zero_trust_access_identity_provider`). */
  public readonly identityProvider: ZeroTrustAccessIdentityProvider;
  /** The Okta application's client id. */
  public readonly clientId: string;
  /** Okta's sign-in redirect URI: `https://<teamDomain>/cdn-cgi/access/callback`. */
  public readonly redirectUri: string;
  /** The normalized team domain, such as `example.cloudflareaccess.com`. */
  public readonly teamDomain: string;
  /** The normalized Okta org URL, such as `https://dev-123456.okta.com`. */
  public readonly oktaOrgUrl: string;
  /** The groups claim the Okta application issues. */
  public readonly groupsClaim: GroupsClaim;
  /** The Cloudflare account id, when the identity provider is account-scoped. */
  public readonly accountId?: string;
  /** The Cloudflare zone id, when the identity provider is zone-scoped. */
  public readonly zoneId?: string;
  /** The Okta provider the construct's Okta resources use, if one was given. */
  public readonly oktaProvider?: TerraformProvider;
  /** The Cloudflare provider the construct's Cloudflare resources use, if one was given. */
  public readonly cloudflareProvider?: TerraformProvider;

  private identityProviderIdToken?: string;

  /** The Cloudflare identity provider's id, for Access groups, policies and `allowed_idps`. */
  public get identityProviderId(): string {
    // Made on first use: every attribute reference is a token that records a
    // stack trace, the main cost of a construct at scale (see `npm run bench`).
    this.identityProviderIdToken ??= this.identityProvider.id;
    return this.identityProviderIdToken;
  }

  constructor(scope: Construct, id: string, props: OktaAccessIdentityProviderProps) {
    super(scope, constructId("OktaAccessIdentityProvider", scope, id));
    const where = `OktaAccessIdentityProvider "${this.node.path}"`;
    // One pure step validates, normalizes, applies the defaults and collects
    // the warnings; everything below builds from its result only.
    const r = resolveIdentityProviderProps(where, this, props);
    for (const warning of r.warnings) Annotations.of(this).addWarning(warning);

    this.teamDomain = r.teamDomain;
    this.oktaOrgUrl = r.oktaOrgUrl;
    this.redirectUri = r.redirectUri;
    this.groupsClaim = r.groupsClaim;
    this.accountId = r.accountId;
    this.zoneId = r.zoneId;
    this.oktaProvider = r.oktaProvider;
    this.cloudflareProvider = r.cloudflareProvider;
    this.exclusiveAssignments = r.exclusiveAssignments;

    this.oktaApp = new AppOauth(this, "App", {
      provider: r.oktaProvider,
      label: r.appLabel,
      type: "web",
      grantTypes: ["authorization_code"],
      responseTypes: ["code"],
      redirectUris: [r.redirectUri],
      pkceRequired: r.pkce,
      groupsClaim: {
        type: r.groupsClaim.type,
        filterType: r.groupsClaim.filterType,
        name: r.groupsClaim.claimName,
        value: r.groupsClaim.value,
      },
    });
    this.clientId = this.oktaApp.clientId;

    let groupIds: string[];
    if (r.assignedGroupIds === undefined) {
      this.everyoneGroup = new DataOktaEveryoneGroup(this, "EveryoneGroup", { provider: r.oktaProvider });
      groupIds = [this.everyoneGroup.id];
    } else {
      groupIds = r.assignedGroupIds;
    }
    this.groupAssignments = groupAssignments(
      this,
      this.oktaApp.id,
      groupIds,
      r.exclusiveAssignments,
      r.oktaProvider,
      this.everyoneGroup !== undefined,
    );

    if (r.authorizationServerId !== undefined) {
      // The app-level groups claim only reaches the org authorization server's
      // tokens; a custom server needs its own claim. No `scopes`: the claim
      // then applies to any scope Cloudflare requests (the provider does not
      // require one).
      const { AuthServerClaim } = authServerClaimModule();
      this.authorizationServerClaim = new AuthServerClaim(this, "AuthorizationServerGroupsClaim", {
        provider: r.oktaProvider,
        authServerId: r.authorizationServerId,
        name: r.groupsClaim.claimName,
        claimType: "IDENTITY",
        // An expression claim is evaluated as an expression on the server too.
        valueType: r.groupsClaim.filterType === undefined ? "EXPRESSION" : "GROUPS",
        groupFilterType: r.groupsClaim.filterType,
        value: r.groupsClaim.value,
        alwaysIncludeInToken: true,
      });
    }

    this.identityProvider = new ZeroTrustAccessIdentityProvider(this, "IdentityProvider", {
      provider: r.cloudflareProvider,
      name: r.name,
      type: "okta",
      accountId: r.accountId,
      zoneId: r.zoneId,
      config: {
        // References, never literals: the secret flows from Okta's state to
        // Cloudflare's inside Terraform and never passes through our code.
        clientId: this.clientId,
        clientSecret: this.oktaApp.clientSecret,
        oktaAccount: r.oktaOrgUrl,
        claims: r.claims,
        pkceEnabled: r.pkce,
        authorizationServerId: r.authorizationServerId,
        emailClaimName: r.emailClaimName,
      },
      scimConfig: r.scim,
    });
    if (r.scim !== undefined) {
      this.scimBaseUrl = this.identityProvider.scimConfig.scimBaseUrl;
      this.scimSecret = this.identityProvider.scimConfig.secret;
      const secretRef = `${this.identityProvider.terraformResourceType}.${this.identityProvider.friendlyUniqueId}.scim_config.secret`;
      refuseNonSensitiveOutputsOf(
        this,
        secretRef,
        (output) =>
          `${where}: output "${output.friendlyUniqueId}" (${output.node.path}) exposes scimSecret; set sensitive: true on it (Terraform refuses unmarked outputs of a sensitive value)`,
      );
    }

    GroupsClaimAuthCheck.register(this, where);
  }

  /**
   * A Cloudflare Access group (`cloudflare_zero_trust_access_group`) of Okta
   * groups, in this identity provider's account or zone, with one `okta`
   * include rule per group. Use it in Access policies of your own.
   *
   * @param id the construct id, unique among this identity provider's access
   * groups; part of the Terraform address, so keep it stable.
   * @returns the Access group resource.
   */
  public accessGroup(id: string, options: AccessGroupOptions): ZeroTrustAccessGroup {
    const where = `OktaAccessIdentityProvider "${this.node.path}".accessGroup(${describe(id)})`;
    requireId(where, id);
    requireObject(where, "options", options, "an object with oktaGroups");
    refuseUnknownKeys(where, "options", options, ACCESS_GROUP_KEYS);
    requireOktaGroups(where, "oktaGroups", options.oktaGroups);
    requireNonEmpty(where, "name", options.name);
    const scope = this.container("AccessGroups", where, id, "access groups");
    warnAboutOktaGroups(scope, where, "oktaGroups", this.groupsClaim, options.oktaGroups);
    const { ZeroTrustAccessGroup } = accessGroupModule();
    return new ZeroTrustAccessGroup(scope, id, {
      provider: this.cloudflareProvider,
      accountId: this.accountId,
      zoneId: this.zoneId,
      name: options.name ?? id,
      include: oktaIncludeRules(options.oktaGroups, this.identityProviderId),
    });
  }

  /**
   * Protects a self-hosted application with this identity provider: only
   * members of the allowed Okta groups get in. Synthesizes the Access
   * application and its allow policy.
   *
   * @param id the construct id, unique among this identity provider's
   * applications; part of the Terraform addresses, so keep it stable.
   */
  public protectApplication(id: string, options: ProtectApplicationOptions): ProtectedApplication {
    const where = `OktaAccessIdentityProvider "${this.node.path}".protectApplication(${describe(id)})`;
    requireId(where, id);
    requireObject(where, "options", options, "an object with domain and allowedOktaGroups");
    refuseUnknownKeys(where, "options", options, PROTECT_APPLICATION_KEYS);
    const scope = this.container("Applications", where, id, "applications");
    return new ProtectedApplication(scope, id, { ...options, identityProvider: this });
  }

  /**
   * The child that holds access groups or applications, created on first use
   * so that their ids never collide with the construct's own children.
   */
  private container(name: string, where: string, id: string, what: string): Construct {
    const scope: Construct = this.node.tryFindChild(name) ?? new Construct(this, name);
    if (scope.node.tryFindChild(id) !== undefined) {
      throw invalid(where, "id", `unique among this identity provider's ${what}`, id);
    }
    return scope;
  }
}

/**
 * The Okta provider sets `groups_claim` only when it authenticates with an SSWS
 * API token; with OAuth 2.0 (private key or access token) it logs a line and
 * skips it, so groups never reach Cloudflare. Checked at synth, once the
 * stack's providers exist.
 *
 * One aspect per stack, not per construct: finding the default provider walks
 * the whole tree, so a lookup per construct made synth quadratic: 5.7 s
 * instead of 2.9 s for 1000 identity providers (`npm run bench`).
 * The stack is visited before its children, so each synth looks it up once.
 */
class GroupsClaimAuthCheck implements IAspect {
  private static readonly byStack = new WeakMap<TerraformStack, GroupsClaimAuthCheck>();

  /** Checks `idp` at the next synth of its stack. */
  public static register(idp: OktaAccessIdentityProvider, where: string): void {
    const stack = TerraformStack.of(idp);
    let check = GroupsClaimAuthCheck.byStack.get(stack);
    if (check === undefined) {
      check = new GroupsClaimAuthCheck(stack);
      GroupsClaimAuthCheck.byStack.set(stack, check);
      addAspectToStack(stack, check);
    }
    check.pending.set(idp, where);
  }

  /** The identity providers not checked yet, with their message prefix. */
  private readonly pending = new Map<IConstruct, string>();
  private defaultOktaProvider?: { readonly provider?: TerraformProvider };

  private constructor(private readonly stack: TerraformStack) {}

  public visit(node: IConstruct): void {
    if (node === this.stack) {
      this.defaultOktaProvider = undefined; // a new synth: providers may have been added since
      return;
    }
    const where = this.pending.get(node);
    if (where === undefined || !(node instanceof OktaAccessIdentityProvider)) return;
    this.pending.delete(node);
    this.defaultOktaProvider ??= { provider: findDefaultOktaProvider(this.stack) };
    const provider = node.oktaProvider ?? this.defaultOktaProvider.provider;
    if (provider === undefined || provider.terraformResourceType !== "okta") return;
    if (node.oktaProvider === undefined) {
      // An explicit provider was compared at construction; the default one exists only now.
      const mismatch = oktaProviderOrgWarning(where, provider, node.oktaOrgUrl);
      if (mismatch !== undefined) Annotations.of(node).addWarning(mismatch);
    }
    const config = provider as unknown as { apiToken?: string; privateKey?: string; accessToken?: string };
    if ((config.privateKey !== undefined || config.accessToken !== undefined) && config.apiToken === undefined) {
      Annotations.of(node).addWarning(
        `${where}: the Okta provider ${provider.node.path} authenticates with OAuth 2.0 (privateKey/accessToken). The Okta provider then silently skips groups_claim, so no groups reach Cloudflare. Authenticate with an SSWS API token (OKTA_API_TOKEN) instead.`,
      );
    }
  }
}

function findDefaultOktaProvider(stack: TerraformStack): TerraformProvider | undefined {
  return stack.node
    .findAll()
    .find(
      (c): c is TerraformProvider =>
        TerraformProvider.isTerraformProvider(c) && c.terraformResourceType === "okta" && c.alias === undefined,
    );
}

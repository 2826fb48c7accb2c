import type { ZeroTrustAccessGroup } from "./providers/cloudflare/zero-trust-access-group";
import { ZeroTrustAccessIdentityProvider } from "./providers/cloudflare/zero-trust-access-identity-provider";
import { AppOauth } from "./providers/okta/app-oauth";
import type { AuthServerClaim } from "./providers/okta/auth-server-claim";
import { DataOktaEveryoneGroup } from "./providers/okta/data-okta-everyone-group";
import { Annotations, TerraformProvider, TerraformResource, TerraformVariable, Token } from "cdktf";
import { Construct } from "constructs";
import { AccessGroupOptions } from "./access-group";
import { IdentityProviderAdoption } from "./adoption";
import { AppGroupsClaim } from "./app-groups-claim";

const ACCESS_GROUP_KEYS: readonly (keyof AccessGroupOptions)[] = ["oktaGroups", "name", "adopt"];
import { GroupsClaim } from "./groups-claim";
import { IOktaAccessIdentityProvider } from "./okta-access-identity-provider-interface";
import { groupAssignments } from "./private/group-assignments";
import { registerGroupsClaimAuthCheck } from "./private/groups-claim-auth-check";
import { registerGroupsReachCheck } from "./private/groups-reach-check";
import { assignmentImportId, claimImportId, requireCloudflareUuid, scopedImportId } from "./private/import-ids";
import { accessGroupModule, authServerClaimModule } from "./private/lazy-providers";
import { oktaIncludeRules, requireOktaGroups, warnAboutOktaGroups } from "./private/okta-groups";
import { AppGroupsClaimChoice, groupsClaimMechanism, GroupsClaimMechanism, GroupsClaimMechanismInput, OktaConstraintInput } from "./private/groups-claim-mechanism";
import { checkProviderVersions, confirmAtSynth, constraintNow, StackConstraint } from "./private/provider-version-check";
import { resolveIdentityProviderProps } from "./private/resolve-identity-provider";
import { protectApplicationKeys } from "./private/resolve-protected-application";
import { refuseNonSensitiveOutputsOf } from "./private/sensitive-outputs";
import { constructId, describe, Described, invalid, refuseUnknownKeys, requireId, requireNonEmpty, requireObject, validatedOrDetached } from "./private/validation";
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
   * `https://<teamDomain>/cdn-cgi/access/callback`; another host gets a
   * warning, since Access answers only on the team domain.
   */
  readonly teamDomain: string;

  /**
   * Your Okta org URL, such as `https://dev-123456.okta.com`, or your custom
   * Okta domain (never the `-admin` console URL). A trailing slash is
   * removed. Use `OktaOrg.fromUrl` to derive the Okta provider's
   * `orgName` and `baseUrl` from the same value.
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
   * (see the README). Cloudflare is ordered after that claim, so an identity
   * provider switched to the server never signs people in without groups.
   * Whether the app's own groups claim stays is `appGroupsClaim`'s choice.
   * @default - the org authorization server
   */
  readonly authorizationServerId?: string;

  /**
   * What happens to the Okta app's own groups claim (`groups_claim`) when
   * Cloudflare uses a custom authorization server (`authorizationServerId`);
   * on the org authorization server it is the only mechanism and is always
   * issued. `AUTO` removes it when every okta version the stack's constraint
   * allows is 6.6.0 or later and the construct is not adopting. When a
   * deployed stack gains `authorizationServerId`, set `KEEP` for that apply
   * and remove the claim in a later one (see docs/groups-claim-mechanisms.md).
   * @default AppGroupsClaim.AUTO
   */
  readonly appGroupsClaim?: AppGroupsClaim;

  /**
   * The claim Cloudflare reads the user's email from.
   * @default - Cloudflare's default, `email`
   */
  readonly emailClaimName?: string;

  /**
   * Extra claims Cloudflare should read from the ID token. The groups claim's
   * name always comes first and appears once (listing it here too is allowed);
   * a claim listed twice here is refused. A list token becomes the Terraform
   * expression `distinct(concat(["<groups claim>"], <list>))`.
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
   * construct, for example an aliased provider of a second Okta org. It must
   * be an `OktaProvider` of this construct's stack.
   * @default - the stack's default Okta provider
   */
  readonly oktaProvider?: TerraformProvider;

  /**
   * The Cloudflare provider for the identity provider, its Access groups and
   * applications, for example an aliased provider of a second Cloudflare
   * account. It must be a `CloudflareProvider` of this construct's stack.
   * @default - the stack's default Cloudflare provider
   */
  readonly cloudflareProvider?: TerraformProvider;

  /**
   * Adopt an existing Okta app and Cloudflare identity provider instead of
   * creating them: each resource gets an `import` block, and the client secret
   * comes from a sensitive Terraform variable (see
   * {@link IdentityProviderAdoption.clientSecretVariable}), so the client id,
   * the secret and the identity provider's id stay what they are.
   * `npx cdktf-okta-access discover` writes these values for you.
   * @default - create new ones
   */
  readonly adopt?: IdentityProviderAdoption;
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
  /** The groups claim: its name and filter, on the app or on the custom authorization server. */
  public readonly groupsClaim: GroupsClaim;
  /** The choice for the app's own groups claim (see `appGroupsClaim`). */
  public readonly appGroupsClaim: AppGroupsClaim;
  /**
   * Whether the Okta app's own groups claim (`okta_app_oauth.groups_claim`)
   * is in the configuration.
   */
  public readonly appGroupsClaimIssued: boolean;
  /**
   * Where Cloudflare's sign-ins get the groups claim from: `app` (the app's
   * groups claim, on the org authorization server) or `authorization-server`
   * (the custom server's claim).
   */
  public readonly groupsClaimSource: string;
  /** The Cloudflare account id, when the identity provider is account-scoped. */
  public readonly accountId?: string;
  /** The Cloudflare zone id, when the identity provider is zone-scoped. */
  public readonly zoneId?: string;
  /** The Okta provider the construct's Okta resources use, if one was given. */
  public readonly oktaProvider?: TerraformProvider;
  /** The Cloudflare provider the construct's Cloudflare resources use, if one was given. */
  public readonly cloudflareProvider?: TerraformProvider;
  /** The sensitive variable that carries the current client secret, when adopting. */
  public readonly clientSecretVariable?: TerraformVariable;

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
    const r = validatedOrDetached(this, () => resolveIdentityProviderProps(where, this, props));
    // The stack's provider version constraints against what these props need
    // (src/private/provider-versions.ts): refused now, or at synth when a
    // provider or override comes later; known-bad versions warn at synth.
    validatedOrDetached(this, () =>
      checkProviderVersions(this, where, {
        okta: {},
        cloudflare: { conditions: r.scim !== undefined && r.adopt !== undefined ? ["scim-on-existing-identity-provider"] : [] },
      }),
    );
    for (const warning of r.warnings) Annotations.of(this).addWarning(warning);
    // Which mechanism carries the groups (src/private/groups-claim-mechanism.ts),
    // decided from the okta constraint as the stack stands, and confirmed at
    // synth against the final one.
    const mechanismInput = {
      authorizationServer: r.authorizationServerId !== undefined,
      adopting: r.adopt !== undefined,
      appGroupsClaim: r.appGroupsClaim.name as AppGroupsClaimChoice,
    };
    const mechanism = validatedOrDetached(this, () => decideMechanism(where, { ...mechanismInput, oktaConstraint: oktaConstraintOf(constraintNow(this, "okta")) }));
    confirmAtSynth(this, (constraints) => confirmMechanism(where, mechanism, { ...mechanismInput, oktaConstraint: oktaConstraintOf(constraints.okta) }));
    if (mechanism.info !== undefined) Annotations.of(this).addInfo(`${where}: ${mechanism.info}`);
    this.appGroupsClaim = r.appGroupsClaim;
    this.appGroupsClaimIssued = mechanism.appClaimIssued;
    this.groupsClaimSource = mechanism.source;

    this.teamDomain = r.teamDomain;
    this.oktaOrgUrl = r.oktaOrgUrl;
    this.redirectUri = r.redirectUri;
    this.groupsClaim = r.groupsClaim;
    this.accountId = r.accountId;
    this.zoneId = r.zoneId;
    this.oktaProvider = r.oktaProvider;
    this.cloudflareProvider = r.cloudflareProvider;
    this.exclusiveAssignments = r.exclusiveAssignments;

    const adopt = r.adopt;
    if (adopt !== undefined) {
      // Neither API returns the secret to a read, so after an import Terraform
      // would hold none and send none (or an empty one) to Cloudflare. The
      // current secret comes in once per plan from the environment instead.
      this.clientSecretVariable = new TerraformVariable(this, "ClientSecret", {
        type: "string",
        sensitive: true,
        nullable: false,
        description: `The current client secret of Okta app ${adopt.oktaAppId} (set TF_VAR_${adopt.clientSecretVariable}; never commit it)`,
        validation: [{ condition: `\${length(var.${adopt.clientSecretVariable}) > 0}`, errorMessage: `${adopt.clientSecretVariable} must be the Okta app's current client secret, not empty.` }],
      });
      this.clientSecretVariable.overrideLogicalId(adopt.clientSecretVariable);
    }

    this.oktaApp = new AppOauth(this, "App", {
      provider: r.oktaProvider,
      label: r.appLabel,
      type: "web",
      grantTypes: ["authorization_code"],
      responseTypes: ["code"],
      redirectUris: [r.redirectUri],
      pkceRequired: r.pkce,
      // Adopting: sends the current secret on every update, so Okta keeps it
      // and Terraform learns it (Okta's answer to a PUT may not carry it).
      clientBasicSecret: this.clientSecretVariable?.stringValue,
      groupsClaim: mechanism.appClaimIssued
        ? {
            type: r.groupsClaim.type,
            filterType: r.groupsClaim.filterType,
            name: r.groupsClaim.claimName,
            value: r.groupsClaim.value,
          }
        : undefined,
    });
    this.clientId = this.oktaApp.clientId;
    if (adopt !== undefined) this.oktaApp.importFrom(adopt.oktaAppId, r.oktaProvider);

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
    if (adopt !== undefined) importAssignments(this, where, adopt.oktaAppId, groupIds, this.groupAssignments, r.exclusiveAssignments, r.oktaProvider);

    if (r.authorizationServerId !== undefined) {
      // The app-level groups claim only reaches the org authorization server's
      // tokens; a custom server needs its own claim, which is public API, is
      // not skipped when the Okta provider authenticates with OAuth 2.0, and
      // exists in every supported version. No `scopes`: the claim then applies
      // to any scope Cloudflare requests (the provider does not require one).
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
      if (adopt?.authorizationServerClaimId !== undefined) {
        this.authorizationServerClaim.importFrom(claimImportId(r.authorizationServerId, adopt.authorizationServerClaimId), r.oktaProvider);
      }
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
        clientSecret: this.clientSecretVariable?.stringValue ?? this.oktaApp.clientSecret,
        oktaAccount: r.oktaOrgUrl,
        claims: r.claims,
        pkceEnabled: r.pkce,
        authorizationServerId: r.authorizationServerId,
        emailClaimName: r.emailClaimName,
      },
      scimConfig: r.scim,
      // Switched to the custom server only once its claim exists: otherwise
      // Terraform may update the identity provider first, and sign-ins in
      // between get tokens without groups.
      dependsOn: this.authorizationServerClaim !== undefined ? [this.authorizationServerClaim] : undefined,
    });
    if (adopt !== undefined) this.identityProvider.importFrom(scopedImportId(r.accountId, r.zoneId, adopt.identityProviderId), r.cloudflareProvider);
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

    registerGroupsClaimAuthCheck(this, where);
    // Escape hatches may still move Cloudflare to the org server without the app's claim: checked at synth.
    registerGroupsReachCheck(this, where, this.oktaApp, this.identityProvider);
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
    if (options.adopt !== undefined) {
      requireObject(where, "adopt", options.adopt, "an object with accessGroupId");
      requireCloudflareUuid(where, "adopt.accessGroupId", options.adopt.accessGroupId, "Access group");
    }
    const { ZeroTrustAccessGroup } = accessGroupModule();
    const group = new ZeroTrustAccessGroup(scope, id, {
      provider: this.cloudflareProvider,
      accountId: this.accountId,
      zoneId: this.zoneId,
      name: options.name ?? id,
      include: oktaIncludeRules(options.oktaGroups, this.identityProviderId),
    });
    if (options.adopt !== undefined) group.importFrom(scopedImportId(this.accountId, this.zoneId, options.adopt.accessGroupId), this.cloudflareProvider);
    return group;
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
    refuseUnknownKeys(where, "options", options, protectApplicationKeys());
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

/** The okta constraint as the rule reads it. */
function oktaConstraintOf(found: StackConstraint): OktaConstraintInput {
  return { text: found.constraint, unresolved: found.constraint !== undefined && Token.isUnresolved(found.constraint), from: found.from };
}

/**
 * The groups claim's mechanism, or the error that refuses the choice. A
 * refusal for want of any okta constraint waits for synth (confirmMechanism):
 * the provider or override may come after the construct.
 */
function decideMechanism(where: string, input: GroupsClaimMechanismInput): GroupsClaimMechanism {
  const mechanism = groupsClaimMechanism(input);
  if (mechanism.refusal !== undefined && !(input.authorizationServer && input.oktaConstraint.text === undefined)) {
    throw invalid(where, "appGroupsClaim", mechanism.refusal.expected, new Described(mechanism.refusal.received));
  }
  return mechanism;
}

/**
 * At synth: the decision taken at construction, against the stack's final
 * okta constraint. A provider or override added after the construct can make
 * REMOVE unsafe, or change what AUTO decides; both refuse the stack.
 */
function confirmMechanism(where: string, decided: GroupsClaimMechanism, input: GroupsClaimMechanismInput): string[] {
  const now = groupsClaimMechanism(input);
  if (now.refusal !== undefined) return [`${where}: appGroupsClaim must be ${now.refusal.expected}; received ${now.refusal.received}`];
  if (now.appClaimIssued === decided.appClaimIssued) return [];
  return [
    `${where}: the okta version constraint changed after the construct was built (now ${input.oktaConstraint.text === undefined ? "none" : JSON.stringify(input.oktaConstraint.text)}, from ${input.oktaConstraint.from}), and with it whether appGroupsClaim AUTO issues the app's groups_claim (${decided.appClaimIssued ? "issued" : "removed"} at construction; now ${now.reason}). Create the okta provider and any required_providers override before the construct, or set appGroupsClaim to AppGroupsClaim.KEEP or AppGroupsClaim.REMOVE.`,
  ];
}

/** Import blocks for the assignments the construct would create: their ids differ by kind. */
function importAssignments(
  scope: Construct,
  where: string,
  appId: string,
  groupIds: string[],
  resources: TerraformResource[],
  exclusive: boolean,
  provider: TerraformProvider | undefined,
): void {
  if (exclusive) {
    resources[0].importFrom(appId, provider);
    return;
  }
  if (Token.isUnresolved(groupIds)) {
    Annotations.of(scope).addWarning(
      `${where}: adopting with additive assignments whose group list is known only at plan time: their existing assignments are not imported, and creating one that exists fails. Pass the group ids as a literal list.`,
    );
    return;
  }
  // One resource per group, in the order of groupIds (see group-assignments.ts).
  resources.forEach((resource, i) => resource.importFrom(assignmentImportId(appId, groupIds[i]), provider));
}

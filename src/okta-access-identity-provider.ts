import { ZeroTrustAccessIdentityProvider } from "@cdktf/provider-cloudflare/lib/zero-trust-access-identity-provider";
import { AppGroupAssignments, AppGroupAssignmentsGroup } from "@cdktf/provider-okta/lib/app-group-assignments";
import { AppOauth } from "@cdktf/provider-okta/lib/app-oauth";
import { DataOktaEveryoneGroup } from "@cdktf/provider-okta/lib/data-okta-everyone-group";
import {
  Annotations,
  Aspects,
  IAspect,
  IResolvable,
  TerraformIterator,
  TerraformProvider, TerraformResource, TerraformStack, Token } from "cdktf";
import { Construct, IConstruct } from "constructs";
import { GroupsClaim } from "./groups-claim";
import {
  invalid,
  isLiteral,
  normalizeOktaOrgUrl,
  normalizeTeamDomain,
  requireNonEmpty,
  requireNonEmptyList,
} from "./private/validation";

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
   * Proof Key for Code Exchange. Sets Okta's `pkce_required` and Cloudflare's
   * `pkce_enabled` together, since one without the other fails sign-in.
   * @default true
   */
  readonly pkce?: boolean;

  /**
   * The id of a custom Okta authorization server for Cloudflare to use.
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
export class OktaAccessIdentityProvider extends Construct {
  /** The Okta OIDC web application (`okta_app_oauth`). */
  public readonly oktaApp: AppOauth;
  /** The resources that assign the Okta application to groups. */
  public readonly groupAssignments: TerraformResource[];
  /** The Everyone group lookup, when no `assignedGroupIds` were given. */
  public readonly everyoneGroup?: DataOktaEveryoneGroup;
  /** The Cloudflare Access identity provider (`cloudflare_zero_trust_access_identity_provider`). */
  public readonly identityProvider: ZeroTrustAccessIdentityProvider;
  /** The Cloudflare identity provider's id, for Access groups, policies and `allowed_idps`. */
  public readonly identityProviderId: string;
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

  constructor(scope: Construct, id: string, props: OktaAccessIdentityProviderProps) {
    super(scope, id);
    const where = `OktaAccessIdentityProvider "${this.node.path}"`;
    if (props === undefined || props === null) {
      throw invalid(where, "props", "an object with accountId or zoneId, teamDomain and oktaOrgUrl", props);
    }

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
    requireNonEmpty(where, hasAccount ? "accountId" : "zoneId", hasAccount ? props.accountId : props.zoneId);
    for (const [property, value] of [["accountId", props.accountId], ["zoneId", props.zoneId]] as const) {
      if (value !== undefined && isLiteral(value) && !/^[0-9a-f]{32}$/.test(value)) {
        Annotations.of(this).addWarning(
          `${where}: ${property} ${JSON.stringify(value)} does not look like a Cloudflare id (32 lowercase hexadecimal characters). Copy it from the dashboard's Overview page.`,
        );
      }
    }

    if (props.teamDomain === undefined) throw invalid(where, "teamDomain", "a team domain such as \"example.cloudflareaccess.com\"", undefined);
    if (props.oktaOrgUrl === undefined) throw invalid(where, "oktaOrgUrl", "an Okta org URL such as \"https://dev-123456.okta.com\"", undefined);
    this.teamDomain = normalizeTeamDomain(where, props.teamDomain);
    this.oktaOrgUrl = normalizeOktaOrgUrl(where, props.oktaOrgUrl);
    this.redirectUri = `https://${this.teamDomain}/cdn-cgi/access/callback`;

    requireNonEmpty(where, "name", props.name);
    requireNonEmpty(where, "appLabel", props.appLabel);
    requireNonEmpty(where, "authorizationServerId", props.authorizationServerId);
    requireNonEmpty(where, "emailClaimName", props.emailClaimName);
    if (props.assignedGroupIds !== undefined && isLiteral(props.assignedGroupIds) && props.assignedGroupIds.length === 0) {
      throw invalid(where, "assignedGroupIds", "a non-empty list of Okta group ids; omit the property to assign the Everyone group", []);
    }
    requireNonEmptyList(where, "assignedGroupIds", props.assignedGroupIds, "Okta group ids");
    if (props.claims !== undefined && !Token.isUnresolved(props.claims) && props.claims.length > 0) {
      requireNonEmptyList(where, "claims", props.claims, "claim names");
    }
    if (props.pkce !== undefined && typeof props.pkce !== "boolean" && !Token.isUnresolved(props.pkce)) {
      throw invalid(where, "pkce", "true or false", props.pkce);
    }
    if (props.groupsClaim !== undefined && !(props.groupsClaim instanceof GroupsClaim)) {
      throw invalid(where, "groupsClaim", "a GroupsClaim, such as GroupsClaim.ALL or GroupsClaim.matchingRegex(\"^eng-\")", props.groupsClaim);
    }

    const groupsClaim = props.groupsClaim ?? GroupsClaim.ALL;
    const pkce = props.pkce ?? true;
    this.groupsClaim = groupsClaim;
    this.accountId = props.accountId;
    this.zoneId = props.zoneId;
    this.oktaProvider = props.oktaProvider;
    this.cloudflareProvider = props.cloudflareProvider;

    if (groupsClaim.filterType === "STARTS_WITH" && isLiteral(groupsClaim.value) && /[.*+?^$()[\]{}|\\]/.test(groupsClaim.value)) {
      Annotations.of(this).addWarning(
        `${where}: groupsClaim is "Starts with" ${JSON.stringify(groupsClaim.value)}, a literal prefix, not a pattern: it only matches group names that begin with those characters. To send all groups use GroupsClaim.ALL (Matches regex .*).`,
      );
    }

    this.oktaApp = new AppOauth(this, "App", {
      provider: props.oktaProvider,
      label: props.appLabel ?? "Cloudflare Access",
      type: "web",
      grantTypes: ["authorization_code"],
      responseTypes: ["code"],
      redirectUris: [this.redirectUri],
      pkceRequired: pkce,
      groupsClaim: {
        type: groupsClaim.type,
        filterType: groupsClaim.filterType,
        name: groupsClaim.claimName,
        value: groupsClaim.value,
      },
    });
    this.clientId = this.oktaApp.clientId;

    let groupIds: string[];
    if (props.assignedGroupIds === undefined) {
      this.everyoneGroup = new DataOktaEveryoneGroup(this, "EveryoneGroup", { provider: props.oktaProvider });
      groupIds = [this.everyoneGroup.id];
    } else {
      groupIds = props.assignedGroupIds;
    }
    // Authoritative: the app is assigned to exactly these groups.
    const assignments = new AppGroupAssignments(this, "GroupAssignments", {
      provider: props.oktaProvider,
      appId: this.oktaApp.id,
      group: groupBlocks(groupIds),
    });
    this.groupAssignments = [assignments];

    const claims = mergeClaims(groupsClaim.claimName, props.claims);
    this.identityProvider = new ZeroTrustAccessIdentityProvider(this, "IdentityProvider", {
      provider: props.cloudflareProvider,
      name: props.name ?? "Okta",
      type: "okta",
      accountId: props.accountId,
      zoneId: props.zoneId,
      config: {
        // References, never literals: the secret flows from Okta's state to
        // Cloudflare's inside Terraform and never passes through our code.
        clientId: this.oktaApp.clientId,
        clientSecret: this.oktaApp.clientSecret,
        oktaAccount: this.oktaOrgUrl,
        claims,
        pkceEnabled: pkce,
        authorizationServerId: props.authorizationServerId,
        emailClaimName: props.emailClaimName,
      },
    });
    this.identityProviderId = this.identityProvider.id;

    Aspects.of(this).add(new GroupsClaimAuthCheck(this, where));
  }
}

/** One `group` block per id; a list token becomes a dynamic block. */
function groupBlocks(groupIds: string[]): AppGroupAssignmentsGroup[] | IResolvable {
  if (Token.isUnresolved(groupIds)) {
    const iterator = TerraformIterator.fromList(groupIds);
    return iterator.dynamic({ id: iterator.value as string });
  }
  return groupIds.map((id) => ({ id }));
}

/** The groups claim's name first, then the extra claims, without duplicates. */
function mergeClaims(groupsClaimName: string, extra: string[] | undefined): string[] {
  const claims = [groupsClaimName];
  if (extra !== undefined) {
    for (const claim of extra) {
      if (!claims.includes(claim)) claims.push(claim);
    }
  }
  return claims;
}

/**
 * The Okta provider sets `groups_claim` only when it authenticates with an SSWS
 * API token; with OAuth 2.0 (private key or access token) it logs a line and
 * skips it, so groups never reach Cloudflare. Checked at synth, once the
 * stack's providers exist.
 */
class GroupsClaimAuthCheck implements IAspect {
  private done = false;
  constructor(private readonly owner: OktaAccessIdentityProvider, private readonly where: string) {}

  public visit(node: IConstruct): void {
    if (this.done || node !== this.owner) return;
    this.done = true;
    const provider = this.owner.oktaProvider ?? findDefaultOktaProvider(this.owner);
    if (provider === undefined || provider.terraformResourceType !== "okta") return;
    const config = provider as unknown as { apiToken?: string; privateKey?: string; accessToken?: string };
    if ((config.privateKey !== undefined || config.accessToken !== undefined) && config.apiToken === undefined) {
      Annotations.of(this.owner).addWarning(
        `${this.where}: the Okta provider ${provider.node.path} authenticates with OAuth 2.0 (privateKey/accessToken). The Okta provider then silently skips groups_claim, so no groups reach Cloudflare. Authenticate with an SSWS API token (OKTA_API_TOKEN) instead.`,
      );
    }
  }
}

function findDefaultOktaProvider(scope: Construct): TerraformProvider | undefined {
  const stack = TerraformStack.of(scope);
  return stack.node
    .findAll()
    .find(
      (c): c is TerraformProvider =>
        c instanceof TerraformProvider && c.terraformResourceType === "okta" && c.alias === undefined,
    );
}

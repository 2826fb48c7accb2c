import { Annotations, IAspect, TerraformProvider, TerraformStack } from "cdktf";
import { IConstruct } from "constructs";
import { addAspectToStack } from "./core";
import { oktaProviderOrgWarning } from "./settings-warnings";

/** What the check reads of an identity provider. */
export interface CheckedIdentityProvider extends IConstruct {
  readonly oktaProvider?: TerraformProvider;
  readonly oktaOrgUrl: string;
  /** `app` when Cloudflare reads the app's groups claim (org authorization server), `authorization-server` otherwise. */
  readonly groupsClaimSource: string;
}

/** Checks `idp`'s Okta provider at the next synth of its stack (see {@link GroupsClaimAuthCheck}). */
export function registerGroupsClaimAuthCheck(idp: CheckedIdentityProvider, where: string): void {
  GroupsClaimAuthCheck.register(idp, where);
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
  public static register(idp: CheckedIdentityProvider, where: string): void {
    const stack = TerraformStack.of(idp);
    let check = GroupsClaimAuthCheck.byStack.get(stack);
    if (check === undefined) {
      check = new GroupsClaimAuthCheck(stack);
      GroupsClaimAuthCheck.byStack.set(stack, check);
      addAspectToStack(stack, check);
    }
    check.pending.set(idp, { idp, where });
  }

  /** The identity providers not checked yet, with their message prefix. */
  private readonly pending = new Map<IConstruct, { readonly idp: CheckedIdentityProvider; readonly where: string }>();
  private defaultOktaProvider?: { readonly provider?: TerraformProvider };

  private constructor(private readonly stack: TerraformStack) {}

  public visit(node: IConstruct): void {
    if (node === this.stack) {
      this.defaultOktaProvider = undefined; // a new synth: providers may have been added since
      return;
    }
    const entry = this.pending.get(node);
    if (entry === undefined) return;
    this.pending.delete(node);
    const { idp, where } = entry;
    this.defaultOktaProvider ??= { provider: findDefaultOktaProvider(this.stack) };
    const provider = idp.oktaProvider ?? this.defaultOktaProvider.provider;
    if (provider === undefined || provider.terraformResourceType !== "okta") return;
    if (idp.oktaProvider === undefined) {
      // An explicit provider was compared at construction; the default one exists only now.
      const mismatch = oktaProviderOrgWarning(where, provider, idp.oktaOrgUrl);
      if (mismatch !== undefined) Annotations.of(node).addWarning(mismatch);
    }
    const config = provider as unknown as { apiToken?: string; privateKey?: string; accessToken?: string };
    // With a custom authorization server Cloudflare reads that server's claim,
    // which the provider sets under OAuth 2.0 too: the app's claim is not used.
    if (idp.groupsClaimSource !== "app") return;
    if ((config.privateKey !== undefined || config.accessToken !== undefined) && config.apiToken === undefined) {
      Annotations.of(node).addWarning(
        `${where}: the Okta provider ${provider.node.path} authenticates with OAuth 2.0 (privateKey/accessToken). The Okta provider then silently skips groups_claim, so no groups reach Cloudflare. Authenticate with an SSWS API token (OKTA_API_TOKEN) instead, or use a custom authorization server (authorizationServerId), whose groups claim the provider sets under OAuth 2.0 too (scope okta.authorizationServers.manage).`,
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

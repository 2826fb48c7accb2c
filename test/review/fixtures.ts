/**
 * Fixture stacks for the review's tests, synthesized for real with the
 * construct and the provider classes into temporary cdktf.out directories.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { ZeroTrustAccessApplication } from "../../src/providers/cloudflare/zero-trust-access-application";
import { ZeroTrustAccessGroup } from "../../src/providers/cloudflare/zero-trust-access-group";
import { ZeroTrustAccessPolicy } from "../../src/providers/cloudflare/zero-trust-access-policy";
import { CloudflareProvider } from "../../src/providers/cloudflare/provider";
import { AppGroupAssignment } from "../../src/providers/okta/app-group-assignment";
import { AuthServerClaim } from "../../src/providers/okta/auth-server-claim";
import { Group } from "../../src/providers/okta/group";
import { OktaProvider } from "../../src/providers/okta/provider";
import { App, LocalBackend, TerraformOutput, TerraformResource, TerraformStack } from "cdktf";
import { GroupsClaim, OktaAccessIdentityProvider } from "../../src";

export const ACCOUNT_ID = "0123456789abcdef0123456789abcdef";
export const OTHER_ACCOUNT_ID = "fedcba9876543210fedcba9876543210";

const created: string[] = [];

/** A fresh temporary directory, removed when the test file that made it ends. */
export function tempDir(prefix = "review-"): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  created.push(dir);
  return dir;
}

// jest loads this module once per test file: each file removes its own directories.
afterAll(() => {
  for (const dir of created.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** Synthesizes the stacks `build` adds into a new temporary cdktf.out directory. */
export function synthApp(build: (app: App) => void): string {
  const dir = tempDir();
  const app = new App({ outdir: dir, stackTraces: false });
  build(app);
  app.synth();
  return dir;
}

/** Synthesizes one of our examples (under examples/) with its placeholder settings. */
export function synthExample(name: string): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const example = require(path.join(__dirname, "..", "..", "examples", name, "main.ts")) as { build(app: App, env: NodeJS.ProcessEnv): void };
  return synthApp((app) => example.build(app, {}));
}

/** Ways to modify the basic example's stack. */
export interface BasicVariant {
  /** The construct id, "Okta" in the example. */
  readonly constructId?: string;
  readonly groupsClaim?: GroupsClaim;
  readonly accountId?: string;
  readonly assignedGroupIds?: string[];
  /** Puts a literal where the client secret reference belongs. */
  readonly literalClientSecret?: string;
  /** `moveFromId` calls to make: construct path → the base's address. */
  readonly moveFrom?: ReadonlyMap<string, string>;
  /** Sets `authorizationServerId` on the construct. */
  readonly authorizationServerId?: string;
}

/** The stack of examples/basic, rebuilt with the same construct and providers, with changes. */
export function basicStack(app: App, variant: BasicVariant = {}): TerraformStack {
  const id = "okta-access-basic";
  const stack = new TerraformStack(app, id);
  new OktaProvider(stack, "okta", { orgName: "dev-123456", baseUrl: "okta.com" });
  new CloudflareProvider(stack, "cloudflare", {});
  new LocalBackend(stack, { path: `terraform.${id}.tfstate` });
  const okta = new OktaAccessIdentityProvider(stack, variant.constructId ?? "Okta", {
    accountId: variant.accountId ?? ACCOUNT_ID,
    teamDomain: "example.cloudflareaccess.com",
    oktaOrgUrl: "https://dev-123456.okta.com",
    groupsClaim: variant.groupsClaim ?? GroupsClaim.ALL,
    assignedGroupIds: variant.assignedGroupIds,
    authorizationServerId: variant.authorizationServerId,
  });
  applyMoves(stack, variant.moveFrom);
  if (variant.literalClientSecret !== undefined) {
    okta.identityProvider.addOverride("config.client_secret", variant.literalClientSecret);
  }
  new TerraformOutput(stack, "identity_provider_id", { value: okta.identityProviderId });
  new TerraformOutput(stack, "okta_client_id", { value: okta.clientId });
  new TerraformOutput(stack, "redirect_uri", { value: okta.redirectUri });
  return stack;
}

/** Calls `moveFromId` on the resources of a stack named by construct path. */
export function applyMoves(stack: TerraformStack, moves: ReadonlyMap<string, string> | undefined): void {
  if (moves === undefined) return;
  const left = new Map(moves);
  for (const c of stack.node.findAll()) {
    const from = left.get(c.node.path);
    if (from !== undefined && c instanceof TerraformResource) {
      c.moveFromId(from);
      left.delete(c.node.path);
    }
  }
  if (left.size > 0) throw new Error(`no resource at ${[...left.keys()].join(", ")}`);
}

/** Ways to modify the Access fixture. */
export interface AccessVariant {
  /** Okta groups of the wiki's policy. @default ["Engineering"] */
  readonly wikiGroups?: string[];
  /** Adds a "Contractors" policy to Grafana. */
  readonly contractorsPolicy?: boolean;
  /** Assigns the Okta app to Everyone instead of the "Cloudflare users" group. */
  readonly everyone?: boolean;
  /** Adds an additive assignment of the "Support" group. */
  readonly additiveSupport?: boolean;
  /** The custom authorization server's groups filter (REGEX). @default "^(eng|sre)-.*" */
  readonly authServerRegex?: string;
  /** Outputs the SCIM secret without `sensitive`. */
  readonly leakScimSecret?: boolean;
}

/**
 * A stack that protects two applications, written with the provider classes
 * (as a user would without `protectApplication`): an IdP on a custom
 * authorization server with SCIM, an Access group, two reusable policies
 * (one through the Access group) and two applications.
 */
export function accessStack(app: App, variant: AccessVariant = {}): TerraformStack {
  const id = "okta-access-protected";
  const stack = new TerraformStack(app, id);
  new OktaProvider(stack, "okta", { orgName: "dev-123456", baseUrl: "okta.com" });
  new CloudflareProvider(stack, "cloudflare", {});
  new LocalBackend(stack, { path: `terraform.${id}.tfstate` });

  const users = new Group(stack, "CloudflareUsers", { name: "Cloudflare users" });
  const serverId = "aus1a2b3c4d5e6f7g8h9";
  const okta = new OktaAccessIdentityProvider(stack, "Okta", {
    accountId: ACCOUNT_ID,
    teamDomain: "example",
    oktaOrgUrl: "https://dev-123456.okta.com",
    groupsClaim: GroupsClaim.matchingRegex("^(eng|sre)-.*"),
    assignedGroupIds: variant.everyone ? undefined : [users.id],
  });
  // The server is set on the IdP directly, so the claim below is the only one
  // whatever the construct synthesizes for authorizationServerId.
  okta.identityProvider.addOverride("config.authorization_server_id", serverId);
  new AuthServerClaim(stack, "GroupsClaim", {
    authServerId: serverId,
    name: "groups",
    claimType: "IDENTITY",
    valueType: "GROUPS",
    groupFilterType: "REGEX",
    value: variant.authServerRegex ?? "^(eng|sre)-.*",
    alwaysIncludeInToken: true,
  });
  okta.identityProvider.putScimConfig({ enabled: true, userDeprovision: true, seatDeprovision: false, identityUpdateBehavior: "automatic" });
  if (variant.additiveSupport) {
    const support = new Group(stack, "Support", { name: "Support" });
    new AppGroupAssignment(stack, "SupportAssignment", { appId: okta.oktaApp.id, groupId: support.id, retainAssignment: true });
  }

  const oktaRule = (name: string) => ({ okta: { name, identityProviderId: okta.identityProviderId } });
  const engineers = new ZeroTrustAccessGroup(stack, "Engineers", {
    accountId: ACCOUNT_ID,
    name: "Engineers",
    include: [oktaRule("eng-platform"), oktaRule("sre-oncall")],
  });
  const wikiPolicy = new ZeroTrustAccessPolicy(stack, "WikiPolicy", {
    accountId: ACCOUNT_ID,
    name: "Wiki readers",
    decision: "allow",
    include: (variant.wikiGroups ?? ["eng-all"]).map(oktaRule),
  });
  const grafanaPolicy = new ZeroTrustAccessPolicy(stack, "GrafanaPolicy", {
    accountId: ACCOUNT_ID,
    name: "On-call engineers",
    decision: "allow",
    include: [{ group: { id: engineers.id } }],
    require: [{ emailDomain: { domain: "example.com" } }],
    sessionDuration: "4h",
  });
  const policies = [{ id: grafanaPolicy.id, precedence: 1 }];
  if (variant.contractorsPolicy) {
    const contractors = new ZeroTrustAccessPolicy(stack, "ContractorsPolicy", {
      accountId: ACCOUNT_ID,
      name: "Contractors",
      decision: "allow",
      include: [oktaRule("contractors")],
    });
    policies.push({ id: contractors.id, precedence: 2 });
  }
  for (const [appId, name, domain, appPolicies] of [
    ["Wiki", "Team wiki", "wiki.example.com", [{ id: wikiPolicy.id, precedence: 1 }]],
    ["Grafana", "Grafana", "grafana.example.com/dashboards", policies],
  ] as const) {
    new ZeroTrustAccessApplication(stack, appId, {
      accountId: ACCOUNT_ID,
      name,
      type: "self_hosted",
      domain,
      allowedIdps: [okta.identityProviderId],
      autoRedirectToIdentity: true,
      sessionDuration: "8h",
      policies: [...appPolicies],
    });
  }
  new TerraformOutput(stack, "scim_secret", { value: okta.identityProvider.scimConfig.secret, sensitive: !variant.leakScimSecret });
  return stack;
}

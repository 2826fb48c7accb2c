import { TerraformResource, Token } from "cdktf";
import { IConstruct } from "constructs";

/**
 * At synth, from what the stack will really deploy: the Okta app and the
 * Cloudflare identity provider as synthesized, escape hatches included
 * (`putConfig`, `resetGroupsClaim`, `addOverride`). The construct decides the
 * groups claim's mechanism from its props (groups-claim-mechanism.ts); an
 * escape hatch can still move Cloudflare to the org authorization server (no
 * `authorization_server_id`) while the app issues no `groups_claim`, which on
 * the org server is the only mechanism that carries groups. Then no groups
 * reach Cloudflare, and every Okta group rule denies everyone. Refused.
 *
 * What cannot be known before Terraform runs (a token for the whole block)
 * passes.
 */
export function registerGroupsReachCheck(scope: IConstruct, where: string, app: TerraformResource, identityProvider: TerraformResource): void {
  scope.node.addValidation({ validate: () => groupsReachErrors(where, app, identityProvider) });
}

/** The errors of {@link registerGroupsReachCheck}: none, or the one refusal. */
export function groupsReachErrors(where: string, app: TerraformResource, identityProvider: TerraformResource): string[] {
  // The app first: when it issues a groups claim (most stacks), the identity provider need not be read.
  const appBody = synthesized(app);
  if (appBody === undefined) return [];
  const claim = appBody.groups_claim;
  if (Token.isUnresolved(claim) || !isAbsent(claim)) return [];
  const idpBody = synthesized(identityProvider);
  if (idpBody === undefined) return [];
  const config = idpBody.config;
  if (Token.isUnresolved(config) || !isObject(config)) return [];
  const server = config.authorization_server_id;
  if (Token.isUnresolved(server) || !(isAbsent(server) || server === "")) return [];
  return [
    `${where}: the Okta app ${JSON.stringify(app.node.path)} issues no groups_claim, and the Cloudflare identity provider ${JSON.stringify(identityProvider.node.path)} signs in through the Okta org authorization server (its config has no authorization_server_id), where the app's groups_claim is the only mechanism that carries groups: no groups would reach Cloudflare, and every Okta group rule would deny everyone. An escape hatch changed one of them (putConfig without authorizationServerId, an override of config.authorization_server_id or groups_claim, resetGroupsClaim). Keep authorization_server_id in the identity provider's config (pass authorizationServerId to putConfig, or drop the override), or sign in through the org server by leaving out authorizationServerId, so that the app issues its groups_claim.`,
  ];
}

/** A resource's body as synthesized, overrides included; undefined when it is not there (moved, or not an object). */
function synthesized(resource: TerraformResource): Record<string, unknown> | undefined {
  const json = resource.toTerraform() as { resource?: Record<string, Record<string, unknown> | undefined> };
  const body = json.resource?.[resource.terraformResourceType]?.[resource.friendlyUniqueId];
  return isObject(body) ? body : undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Not set: undefined, null, or an empty list (a block written as an empty list). */
function isAbsent(value: unknown): boolean {
  return value === undefined || value === null || (Array.isArray(value) && value.length === 0);
}

import { ZeroTrustAccessIdentityProviderScimConfig } from "@cdktf/provider-cloudflare/lib/zero-trust-access-identity-provider";
import { Annotations } from "cdktf";
import { IConstruct } from "constructs";
import { ScimIdentityUpdateBehavior, ScimOptions } from "../scim";
import { invalid, requireBoolean } from "./validation";

/**
 * Cloudflare's `scim_config` for {@link ScimOptions}, validated. Warns when
 * user deprovisioning is turned off, since that is what SCIM is for.
 */
export function scimConfig(scope: IConstruct, where: string, scim: ScimOptions): ZeroTrustAccessIdentityProviderScimConfig {
  if (scim === null || typeof scim !== "object") {
    throw invalid(where, "scim", "an object such as { userDeprovision: true } (or {} for the defaults)", scim);
  }
  requireBoolean(where, "scim.userDeprovision", scim.userDeprovision);
  requireBoolean(where, "scim.seatDeprovision", scim.seatDeprovision);
  if (scim.identityUpdateBehavior !== undefined && !(scim.identityUpdateBehavior instanceof ScimIdentityUpdateBehavior)) {
    throw invalid(
      where,
      "scim.identityUpdateBehavior",
      "a ScimIdentityUpdateBehavior: AUTOMATIC, REAUTH or NO_ACTION",
      scim.identityUpdateBehavior,
    );
  }
  const userDeprovision = scim.userDeprovision ?? true;
  const seatDeprovision = scim.seatDeprovision ?? false;
  if (seatDeprovision === true && userDeprovision === false) {
    throw invalid(
      where,
      "scim.seatDeprovision",
      "false when scim.userDeprovision is false (Cloudflare only removes seats of deprovisioned users)",
      seatDeprovision,
    );
  }
  if (userDeprovision === false) {
    Annotations.of(scope).addWarning(
      `${where}: scim.userDeprovision is false: a user deactivated in Okta keeps their Access sessions until they expire. Revoking them is the main reason to enable SCIM.`,
    );
  }
  return {
    enabled: true,
    userDeprovision,
    seatDeprovision,
    identityUpdateBehavior: (scim.identityUpdateBehavior ?? ScimIdentityUpdateBehavior.AUTOMATIC).value,
  };
}

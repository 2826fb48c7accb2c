import type { ZeroTrustAccessIdentityProviderScimConfig } from "../providers/cloudflare/zero-trust-access-identity-provider";
import { Token } from "cdktf";
import { ScimIdentityUpdateBehavior, ScimOptions } from "../scim";
import { invalid, refuseUnknownKeys, requireBoolean } from "./validation";

/** Every key of {@link ScimOptions}, for the unknown-key check. */
const SCIM_KEYS: readonly (keyof ScimOptions)[] = ["userDeprovision", "seatDeprovision", "identityUpdateBehavior"];

/** Cloudflare's `scim_config` for some {@link ScimOptions}, and the warnings to emit. */
export interface ResolvedScim {
  readonly config: ZeroTrustAccessIdentityProviderScimConfig;
  readonly warnings: string[];
}

/**
 * Cloudflare's `scim_config` for {@link ScimOptions}, validated, with the
 * defaults. Warns when user deprovisioning is turned off, since that is what
 * SCIM is for. A token (an object known only at plan time) passes through as
 * the whole `scim_config`.
 */
export function resolveScim(where: string, scim: ScimOptions): ResolvedScim {
  if (scim !== null && typeof scim === "object" && Token.isUnresolved(scim)) {
    return { config: scim as ZeroTrustAccessIdentityProviderScimConfig, warnings: [] };
  }
  if (scim === null || typeof scim !== "object" || Array.isArray(scim)) {
    throw invalid(where, "scim", "an object such as { userDeprovision: true } (or {} for the defaults)", scim);
  }
  refuseUnknownKeys(where, "scim", scim, SCIM_KEYS);
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
  const warnings: string[] = [];
  if (userDeprovision === false) {
    warnings.push(
      `${where}: scim.userDeprovision is false: a user deactivated in Okta keeps their Access sessions until they expire. Revoking them is the main reason to enable SCIM.`,
    );
  }
  return {
    config: {
      enabled: true,
      userDeprovision,
      seatDeprovision,
      identityUpdateBehavior: (scim.identityUpdateBehavior ?? ScimIdentityUpdateBehavior.AUTOMATIC).value,
    },
    warnings,
  };
}

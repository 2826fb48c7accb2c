/**
 * Provider modules that only optional features need, loaded on first use.
 *
 * Some generated binding modules are large (Cloudflare's Access application
 * alone is about 2 MB of JavaScript): loading them with the package costs
 * time and memory (`npm run bench`) that a stack with only identity providers
 * should not pay. The types are imported for the public API; the classes are
 * required when a feature first creates a resource. The package's `okta` and
 * `cloudflare` submodules are lazy too (scripts/lazy-exports.js).
 */
import type * as AccessApplicationModule from "../providers/cloudflare/zero-trust-access-application";
import type * as AccessGroupModule from "../providers/cloudflare/zero-trust-access-group";
import type * as AccessPolicyModule from "../providers/cloudflare/zero-trust-access-policy";
import type * as AppGroupAssignmentModule from "../providers/okta/app-group-assignment";
import type * as AuthServerClaimModule from "../providers/okta/auth-server-claim";

/* eslint-disable @typescript-eslint/no-require-imports -- lazy loading is the point of this file */

/** `cloudflare_zero_trust_access_application`, for `protectApplication`. */
export function accessApplicationModule(): typeof AccessApplicationModule {
  return require("../providers/cloudflare/zero-trust-access-application") as typeof AccessApplicationModule;
}

/** `cloudflare_zero_trust_access_group`, for `accessGroup`. */
export function accessGroupModule(): typeof AccessGroupModule {
  return require("../providers/cloudflare/zero-trust-access-group") as typeof AccessGroupModule;
}

/** `cloudflare_zero_trust_access_policy`, for `protectApplication`. */
export function accessPolicyModule(): typeof AccessPolicyModule {
  return require("../providers/cloudflare/zero-trust-access-policy") as typeof AccessPolicyModule;
}

/** `okta_app_group_assignment`, for `exclusiveAssignments: false`. */
export function appGroupAssignmentModule(): typeof AppGroupAssignmentModule {
  return require("../providers/okta/app-group-assignment") as typeof AppGroupAssignmentModule;
}

/** `okta_auth_server_claim`, for `authorizationServerId`. */
export function authServerClaimModule(): typeof AuthServerClaimModule {
  return require("../providers/okta/auth-server-claim") as typeof AuthServerClaimModule;
}

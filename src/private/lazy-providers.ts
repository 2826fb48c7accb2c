/**
 * Provider modules that only optional features need, loaded on first use.
 *
 * Each module of the prebuilt provider packages is large (Cloudflare's Access
 * application alone is 2 MB of JavaScript): these five cost about 75 ms and
 * 14 MB when the package is loaded (`npm run bench`), which a stack with only
 * identity providers should not pay. The types are imported for the public
 * API; the classes are required when a feature first creates a resource.
 */
import type * as AccessApplicationModule from "@cdktf/provider-cloudflare/lib/zero-trust-access-application";
import type * as AccessGroupModule from "@cdktf/provider-cloudflare/lib/zero-trust-access-group";
import type * as AccessPolicyModule from "@cdktf/provider-cloudflare/lib/zero-trust-access-policy";
import type * as AppGroupAssignmentModule from "@cdktf/provider-okta/lib/app-group-assignment";
import type * as AuthServerClaimModule from "@cdktf/provider-okta/lib/auth-server-claim";

/* eslint-disable @typescript-eslint/no-require-imports -- lazy loading is the point of this file */

/** `cloudflare_zero_trust_access_application`, for `protectApplication`. */
export function accessApplicationModule(): typeof AccessApplicationModule {
  return require("@cdktf/provider-cloudflare/lib/zero-trust-access-application") as typeof AccessApplicationModule;
}

/** `cloudflare_zero_trust_access_group`, for `accessGroup`. */
export function accessGroupModule(): typeof AccessGroupModule {
  return require("@cdktf/provider-cloudflare/lib/zero-trust-access-group") as typeof AccessGroupModule;
}

/** `cloudflare_zero_trust_access_policy`, for `protectApplication`. */
export function accessPolicyModule(): typeof AccessPolicyModule {
  return require("@cdktf/provider-cloudflare/lib/zero-trust-access-policy") as typeof AccessPolicyModule;
}

/** `okta_app_group_assignment`, for `exclusiveAssignments: false`. */
export function appGroupAssignmentModule(): typeof AppGroupAssignmentModule {
  return require("@cdktf/provider-okta/lib/app-group-assignment") as typeof AppGroupAssignmentModule;
}

/** `okta_auth_server_claim`, for `authorizationServerId`. */
export function authServerClaimModule(): typeof AuthServerClaimModule {
  return require("@cdktf/provider-okta/lib/auth-server-claim") as typeof AuthServerClaimModule;
}

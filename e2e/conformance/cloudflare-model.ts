/**
 * What Cloudflare's API returns for the Access objects our providers manage,
 * as field names (facts, not code) from the SDKs generated from, or written
 * against, that API. The Cloudflare emulator is held to it by
 * cloudflare-model.test.ts: it answers no field outside this model, and
 * always answers the fields Cloudflare fills in itself.
 *
 * Sources:
 * - cloudflare-go v6.4.0 (Stainless-generated; what provider 5.14.0 depends
 *   on), zero_trust/identityprovider.go, accessapplication.go,
 *   accesspolicy.go, accessgroup.go: the `json:"..."` names of the response
 *   types named below;
 * - cloudflare-go v7.7.0 (what provider 5.22.0 depends on), the same files:
 *   fields added since v6.4.0, listed in each model's `newer` (the newer
 *   provider sends them only when a configuration sets them);
 * - cloudflare-go v0.116.0 (hand-written): access_identity_provider.go,
 *   access_application.go, access_group.go, for fields v6.4.0's types leave
 *   out that the API is known to return;
 * - a real list answer quoted in terraform-provider-cloudflare#2317.
 */

export interface ObjectModel {
  /** Where the field list comes from. */
  readonly source: string;
  /** Every field the API may return (the SDK type's fields plus evidenced extras). */
  readonly fields: readonly string[];
  /** Fields the API fills in whatever the request said (computed, or server-side defaults). */
  readonly alwaysReturned: readonly string[];
  /** Fields outside the v6.4.0 type, each with the evidence that the API returns it. */
  readonly extras: Readonly<Record<string, string>>;
  /** Fields the v7.7.0 type (provider 5.22.0) added to the v6.4.0 one, with the type that has them. */
  readonly newer: Readonly<Record<string, string>>;
}

export const IDENTITY_PROVIDER: ObjectModel = {
  source: "cloudflare-go v6.4.0 IdentityProviderAccessOkta",
  fields: ["config", "name", "type", "id", "scim_config", "uid", "read_only", "saml_certificate_set", "saml_certificate_set_id"],
  alwaysReturned: ["config", "name", "type", "id", "scim_config"],
  extras: { uid: "a real answer in terraform-provider-cloudflare#2317 carries uid beside id" },
  newer: { read_only: "cloudflare-go v7.7.0 IdentityProviderAccessOkta", saml_certificate_set: "cloudflare-go v7.7.0 IdentityProviderAccessOkta", saml_certificate_set_id: "cloudflare-go v7.7.0 IdentityProviderAccessOkta" },
};

export const OKTA_CONFIG: ObjectModel = {
  source: "cloudflare-go v6.4.0 IdentityProviderAccessOktaConfig",
  // client_secret is an input only: the API never returns it (docs/end-to-end-tests.md: the provider keeps it from state).
  fields: ["authorization_server_id", "claims", "client_id", "email_claim_name", "okta_account", "pkce_enabled", "redirect_url"],
  alwaysReturned: ["client_id", "okta_account", "redirect_url"],
  extras: {
    pkce_enabled: "cloudflare-go v0.116.0 AccessIdentityProviderConfiguration.PKCEEnabled; #2317 returns it for azureAD, whose v6.4.0 type lacks it too",
    redirect_url: "computed: provider 5.14.0 schema config.redirect_url Computed; v0.116.0 RedirectURL; #2317",
  },
  // v7.7.0 IdentityProviderAccessOktaConfig has the same fields.
  newer: {},
};

export const SCIM_CONFIG: ObjectModel = {
  source: "cloudflare-go v6.4.0 IdentityProviderSCIMConfig",
  // secret: only in the answer that turns SCIM on ("generated when the SCIM integration is enabled for the first time").
  fields: ["enabled", "identity_update_behavior", "scim_base_url", "seat_deprovision", "secret", "user_deprovision"],
  alwaysReturned: ["enabled", "identity_update_behavior", "scim_base_url", "seat_deprovision", "user_deprovision"],
  extras: {},
  newer: {},
};

export const SELF_HOSTED_APPLICATION: ObjectModel = {
  source: "cloudflare-go v6.4.0 AccessApplicationGetResponseSelfHostedApplication",
  fields: [
    "domain", "type", "id", "allow_authenticate_via_warp", "allow_iframe", "allowed_idps", "app_launcher_visible", "aud", "auto_redirect_to_identity",
    "cors_headers", "custom_deny_message", "custom_deny_url", "custom_non_identity_deny_url", "custom_pages", "destinations", "enable_binding_cookie",
    "http_only_cookie_attribute", "logo_url", "name", "options_preflight_bypass", "path_cookie_attribute", "policies", "read_service_tokens_from_header",
    "same_site_cookie_attribute", "scim_config", "self_hosted_domains", "service_auth_401_redirect", "session_duration", "skip_interstitial", "tags",
    "uid", "created_at", "updated_at", "eager_redirect_cookie_setting", "mfa_config", "oauth_configuration", "use_clientless_isolation_app_launcher_url",
  ],
  alwaysReturned: [
    "domain", "type", "id", "aud", "name", "allowed_idps", "app_launcher_visible", "auto_redirect_to_identity", "http_only_cookie_attribute",
    "session_duration", "self_hosted_domains", "destinations", "tags", "policies", "uid", "created_at", "updated_at",
  ],
  extras: {
    uid: "issue 15's probe with the real provider against the real shape: uid beside id",
    created_at: "cloudflare-go v0.116.0 AccessApplication.CreatedAt",
    updated_at: "cloudflare-go v0.116.0 AccessApplication.UpdatedAt",
  },
  newer: { eager_redirect_cookie_setting: "cloudflare-go v7.7.0 AccessApplicationGetResponseSelfHostedApplication", mfa_config: "cloudflare-go v7.7.0 AccessApplicationGetResponseSelfHostedApplication", oauth_configuration: "cloudflare-go v7.7.0 AccessApplicationGetResponseSelfHostedApplication", use_clientless_isolation_app_launcher_url: "cloudflare-go v7.7.0 AccessApplicationGetResponseSelfHostedApplication" },
};

export const APPLICATION_POLICY: ObjectModel = {
  source: "cloudflare-go v6.4.0 AccessApplicationGetResponseSelfHostedApplicationPolicy (an application's expanded policies)",
  fields: [
    "id", "approval_groups", "approval_required", "created_at", "decision", "exclude", "include", "isolation_required", "name", "precedence",
    "purpose_justification_prompt", "purpose_justification_required", "require", "session_duration", "updated_at", "reusable", "connection_rules", "mfa_config",
  ],
  alwaysReturned: ["id", "decision", "include", "exclude", "require", "name", "precedence", "created_at", "updated_at"],
  extras: { reusable: "the expansion of a reusable policy: AccessPolicyGetResponse.Reusable, the policy it expands" },
  newer: { connection_rules: "cloudflare-go v7.7.0 AccessApplicationGetResponseSelfHostedApplicationPolicy", mfa_config: "cloudflare-go v7.7.0 AccessApplicationGetResponseSelfHostedApplicationPolicy" },
};

export const POLICY: ObjectModel = {
  source: "cloudflare-go v6.4.0 AccessPolicyGetResponse",
  fields: [
    "id", "app_count", "approval_groups", "approval_required", "created_at", "decision", "exclude", "include", "isolation_required", "name",
    "purpose_justification_prompt", "purpose_justification_required", "require", "reusable", "session_duration", "updated_at", "connection_rules", "mfa_config",
  ],
  alwaysReturned: ["id", "app_count", "created_at", "decision", "exclude", "include", "name", "require", "reusable", "updated_at"],
  extras: {},
  newer: { connection_rules: "cloudflare-go v7.7.0 AccessPolicyGetResponse", mfa_config: "cloudflare-go v7.7.0 AccessPolicyGetResponse" },
};

export const GROUP: ObjectModel = {
  source: "cloudflare-go v6.4.0 AccessGroupGetResponse",
  fields: ["id", "exclude", "include", "is_default", "name", "require", "created_at", "updated_at"],
  alwaysReturned: ["id", "include", "name", "created_at", "updated_at"],
  extras: { created_at: "cloudflare-go v0.116.0 AccessGroup.CreatedAt", updated_at: "cloudflare-go v0.116.0 AccessGroup.UpdatedAt" },
  // v7.7.0 AccessGroupGetResponse has the same fields.
  newer: {},
};

/** Fields of `object` outside `model`, and `alwaysReturned` fields it lacks. */
export function checkAgainstModel(object: Record<string, unknown>, model: ObjectModel): { unknown: string[]; missing: string[] } {
  const keys = Object.keys(object);
  return { unknown: keys.filter((k) => !model.fields.includes(k)), missing: model.alwaysReturned.filter((k) => !(k in object)) };
}

/**
 * The table of secret positions: where the providers' schemas, Terraform's
 * backends and the provider blocks hold a credential, and the few attributes
 * named like a credential that hold none. Data only; the rules that read it
 * are in `secrets.ts`.
 *
 * Kept complete against the providers' own schemas in both directions, for
 * every supported version pair (okta 4.20.0 + cloudflare 5.14.0, okta 6.12.0
 * + cloudflare 5.22.0): every attribute a schema marks `sensitive` is a
 * position here, and every position here is an attribute of a schema.
 * test/review/secret-positions.test.ts checks both against
 * test/fixtures/provider-schemas/<pair>.json, which
 * `npm run fixtures:sensitive-attributes` derives from `terraform providers
 * schema -json` and the end-to-end suite recomputes from the real binaries
 * (e2e/suite/schema.e2e.ts).
 */

/**
 * Attributes the providers' schemas mark sensitive (`Sensitive: true`), as
 * dotted paths without list indexes, by block kind (`okta_app_oauth`,
 * `data.okta_app_oauth`, a list data source's `result.*`): the union over the
 * supported version pairs, each entry exactly as a schema has it (a data
 * source does not always repeat its resource's secrets). An entry only one
 * pair has says which.
 */
export const RESOURCE_SECRETS: ReadonlyMap<string, readonly string[]> = new Map<string, readonly string[]>([
  // okta 4.20.0 and 6.12.0
  ["okta_app_oauth", ["client_secret", "client_basic_secret", "client_basic_secret_wo"]],
  ["data.okta_app_oauth", ["client_secret"]],
  ["okta_idp_oidc", ["client_secret", "client_secret_wo"]],
  ["data.okta_idp_oidc", ["client_secret"]],
  ["okta_idp_social", ["client_secret", "client_secret_wo", "apple_private_key"]],
  ["data.okta_idp_social", ["client_secret"]],
  ["okta_authenticator", ["provider_shared_secret"]],
  ["okta_user", ["password", "old_password", "recovery_answer"]],
  ["okta_app_user", ["password"]],
  ["okta_user_factor_question", ["answer"]],
  ["okta_captcha", ["secret_key"]],
  ["okta_log_stream", ["settings.token"]],
  // okta 6.12.0 only
  ["okta_app_connection", ["profile.token", "profile.settings.admin_password"]],
  ["okta_push_provider", ["configuration.apns_configuration.token_signing_key", "configuration.fcm_configuration.service_account_json.private_key"]],
  // cloudflare 5.14.0 and 5.22.0 (each type's resource, data source and list data source together)
  ["cloudflare_account_token", ["value"]],
  ["cloudflare_ai_search_token", ["cf_api_key"]], // 5.22 only
  ["cloudflare_api_token", ["value"]],
  ["cloudflare_authenticated_origin_pulls", ["private_key"]],
  ["cloudflare_authenticated_origin_pulls_certificate", ["private_key"]],
  ["data.cloudflare_authenticated_origin_pulls_certificate", ["private_key"]], // 5.14 only
  ["data.cloudflare_authenticated_origin_pulls_certificates", ["result.private_key"]], // 5.14 only
  ["cloudflare_authenticated_origin_pulls_hostname_certificate", ["private_key"]], // 5.22 only
  ["cloudflare_calls_sfu_app", ["secret"]],
  ["cloudflare_calls_turn_app", ["key"]],
  ["cloudflare_custom_hostname", ["ssl.custom_cert_bundle.custom_key", "ssl.custom_key"]],
  ["data.cloudflare_custom_hostname", ["ssl.custom_key"]],
  ["data.cloudflare_custom_hostnames", ["result.ssl.custom_key"]],
  ["cloudflare_custom_ssl", ["private_key"]],
  ["cloudflare_dns_zone_transfers_tsig", ["secret"]],
  ["data.cloudflare_dns_zone_transfers_tsig", ["secret"]],
  ["data.cloudflare_dns_zone_transfers_tsigs", ["result.secret"]],
  ["cloudflare_hyperdrive_config", ["origin.access_client_secret", "origin.password"]],
  ["data.cloudflare_hyperdrive_config", ["origin.access_client_secret", "origin.password"]],
  ["data.cloudflare_hyperdrive_configs", ["result.origin.access_client_secret", "result.origin.password"]],
  ["data.cloudflare_logpush_dataset_job", ["destination_conf"]], // 5.22 only
  ["cloudflare_logpush_job", ["destination_conf", "ownership_challenge"]], // destination_conf: 5.22 only
  ["data.cloudflare_logpush_job", ["destination_conf"]], // 5.22 only
  ["data.cloudflare_logpush_jobs", ["result.destination_conf"]], // 5.22 only
  ["cloudflare_logpush_ownership_challenge", ["destination_conf"]], // 5.22 only
  ["cloudflare_magic_transit_connector", ["license_key"]],
  ["cloudflare_magic_wan_ipsec_tunnel", ["psk"]],
  ["cloudflare_moq_relay", ["token_publish_subscribe", "token_subscribe"]], // 5.22 only
  ["cloudflare_mtls_certificate", ["private_key"]],
  ["cloudflare_notification_policy_webhooks", ["secret"]],
  ["data.cloudflare_notification_policy_webhooks", ["secret"]],
  ["data.cloudflare_notification_policy_webhooks_list", ["result.secret"]],
  ["cloudflare_oauth_client", ["client_secret"]], // 5.22 only
  ["cloudflare_pages_project", ["build_config.web_analytics_token", "canonical_deployment.build_config.web_analytics_token", "canonical_deployment.env_vars.value", "deployment_configs.preview.env_vars.value", "deployment_configs.production.env_vars.value", "latest_deployment.build_config.web_analytics_token", "latest_deployment.env_vars.value"]],
  ["data.cloudflare_pages_project", ["build_config.web_analytics_token", "canonical_deployment.build_config.web_analytics_token", "canonical_deployment.env_vars.value", "deployment_configs.preview.env_vars.value", "deployment_configs.production.env_vars.value", "latest_deployment.build_config.web_analytics_token", "latest_deployment.env_vars.value"]],
  ["data.cloudflare_pages_projects", ["result.build_config.web_analytics_token", "result.canonical_deployment.build_config.web_analytics_token", "result.canonical_deployment.env_vars.value", "result.deployment_configs.preview.env_vars.value", "result.deployment_configs.production.env_vars.value", "result.latest_deployment.build_config.web_analytics_token", "result.latest_deployment.env_vars.value"]],
  ["cloudflare_pipeline_sink", ["config.credentials.secret_access_key", "config.token"]], // 5.22 only
  ["cloudflare_r2_bucket_sippy", ["destination.secret_access_key", "source.private_key", "source.secret_access_key"]],
  ["cloudflare_secrets_store_secret", ["value"]], // 5.22 only
  ["cloudflare_stream_key", ["jwk", "pem"]],
  ["cloudflare_stream_live_input", ["rtmps.stream_key", "rtmps.url", "rtmps_playback.stream_key", "rtmps_playback.url", "srt.passphrase", "srt.url", "srt_playback.passphrase", "srt_playback.url", "web_rtc.url", "web_rtc_playback.url"]],
  ["data.cloudflare_stream_live_input", ["rtmps.stream_key", "rtmps.url", "rtmps_playback.stream_key", "rtmps_playback.url", "srt.passphrase", "srt.url", "srt_playback.passphrase", "srt_playback.url", "web_rtc.url", "web_rtc_playback.url"]],
  ["cloudflare_stream_webhook", ["secret"]], // 5.22 only
  ["data.cloudflare_stream_webhook", ["secret"]], // 5.22 only
  ["cloudflare_turnstile_widget", ["secret"]],
  ["data.cloudflare_turnstile_widget", ["secret"]],
  ["cloudflare_vulnerability_scanner_credential", ["value"]], // 5.22 only
  ["cloudflare_worker_version", ["assets.jwt", "bindings.key_base64", "bindings.key_jwk", "bindings.text"]],
  ["data.cloudflare_worker_version", ["assets.jwt", "bindings.key_base64", "bindings.key_jwk", "bindings.text"]],
  ["data.cloudflare_worker_versions", ["result.assets.jwt", "result.bindings.key_base64", "result.bindings.key_jwk", "result.bindings.text"]],
  ["cloudflare_workers_script", ["assets.jwt", "bindings.key_base64", "bindings.key_jwk", "bindings.text"]],
  ["cloudflare_zero_trust_access_ai_controls_mcp_server", ["auth_credentials"]], // 5.22 only
  ["cloudflare_zero_trust_access_application", ["saas_app.client_secret", "scim_config.authentication.client_secret", "scim_config.authentication.password", "scim_config.authentication.token"]],
  ["data.cloudflare_zero_trust_access_application", ["saas_app.client_secret", "scim_config.authentication.client_secret", "scim_config.authentication.token"]],
  ["data.cloudflare_zero_trust_access_applications", ["result.saas_app.client_secret", "result.scim_config.authentication.client_secret", "result.scim_config.authentication.token"]],
  ["cloudflare_zero_trust_access_identity_provider", ["config.client_secret", "scim_config.secret"]],
  ["data.cloudflare_zero_trust_access_identity_provider", ["config.client_secret", "scim_config.secret"]],
  ["data.cloudflare_zero_trust_access_identity_providers", ["result.config.client_secret", "result.scim_config.secret"]],
  ["cloudflare_zero_trust_access_service_token", ["client_secret"]],
  ["cloudflare_zero_trust_device_posture_integration", ["config.access_client_secret", "config.client_key", "config.client_secret"]], // config.client_key: 5.22 only
  ["cloudflare_zero_trust_tunnel_cloudflared", ["tunnel_secret"]],
  ["data.cloudflare_zero_trust_tunnel_cloudflared_token", ["token"]], // 5.22 only
  ["cloudflare_zero_trust_tunnel_warp_connector", ["tunnel_secret"]],
  ["data.cloudflare_zero_trust_tunnel_warp_connector_token", ["token"]], // 5.22 only
]);

/**
 * Provider credentials: Okta `api_token`, `access_token`, `private_key` (the
 * OAuth 2.0 service app's key), which no okta schema marks `sensitive`;
 * Cloudflare `api_token`, `api_key`, `api_user_service_key`, which 5.22.0
 * marks `sensitive` and 5.14.0 does not. Each is a credential by its
 * description, and named like one.
 */
export const PROVIDER_SECRETS: ReadonlyMap<string, readonly string[]> = new Map([
  ["okta", ["api_token", "access_token", "private_key"]],
  ["cloudflare", ["api_token", "api_key", "api_user_service_key"]],
]);

/**
 * Backend credentials (`terraform.backend.<type>`, `terraform.cloud`, and
 * `data.terraform_remote_state`'s `config`), from Terraform 1.11's backend
 * documentation. Arguments that name a file or a key rather than hold one
 * (`client_secret_file_path`, `key_file`, gcs's `kms_encryption_key`) are not
 * positions: a literal path there is what the documentation recommends.
 */
export const BACKEND_SECRETS: ReadonlyMap<string, readonly string[]> = new Map([
  ["s3", ["access_key", "secret_key", "token", "sse_customer_key", "assume_role.external_id", "assume_role_with_web_identity.web_identity_token"]],
  ["remote", ["token"]],
  ["cloud", ["token"]],
  ["azurerm", ["access_key", "sas_token", "client_secret", "client_certificate_password", "client_certificate", "oidc_token", "oidc_request_token"]],
  ["gcs", ["credentials", "access_token", "encryption_key"]],
  ["http", ["password", "client_private_key_pem"]],
  ["pg", ["conn_str"]],
  ["consul", ["access_token", "http_auth"]],
  ["cos", ["secret_id", "secret_key", "security_token"]],
  ["oss", ["access_key", "secret_key", "security_token"]],
  ["kubernetes", ["token", "password", "client_key"]],
]);

/** Every backend's credential paths: `data.terraform_remote_state`'s `config` holds those of its `backend`, and masking does not know which. */
export const ANY_BACKEND_SECRET: ReadonlySet<string> = new Set([...BACKEND_SECRETS.values()].flat());

/**
 * Attributes named like a credential that hold none, by the providers'
 * schemas: `[block kinds, names, what they hold]`. Only in those block kinds:
 * a local or a variable of the same name is still a credential.
 */
export const NOT_CREDENTIALS: readonly { readonly kinds: RegExp; readonly names: readonly string[]; readonly holds: string }[] = [
  {
    kinds: /^(data\.)?cloudflare_(zero_trust_)?access_(policy|policies|group|groups|application|applications)$/,
    names: ["service_token", "any_valid_service_token", "linked_app_token"],
    holds: "an Access rule that admits a service token or an OIDC SaaS application's token by its id, or any valid service token",
  },
  {
    kinds: /^(data\.)?cloudflare_zero_trust_access_applications?$/,
    names: ["allow_credentials", "allow_pkce_without_client_secret"],
    holds: "a CORS or SaaS-app setting (a boolean)",
  },
  {
    kinds: /^(data\.)?cloudflare_zero_trust_device_posture_rules?$/,
    names: ["check_private_key"],
    holds: "whether a certificate posture check requires the private key (a boolean)",
  },
  {
    kinds: /^(data\.)?cloudflare_oauth_clients?$/,
    names: ["has_rotated_secret"],
    holds: "whether the client's secret was rotated (a boolean)",
  },
  {
    kinds: /^(data\.)?cloudflare_zero_trust_dns_locations?$/,
    names: ["require_token"],
    holds: "whether a DNS endpoint requires a token (a boolean)",
  },
  {
    kinds: /^(data\.)?cloudflare_token_validation_configs?$/,
    names: ["credentials"],
    holds: "the public keys that validate a JWT",
  },
  {
    kinds: /^(data\.)?cloudflare_custom_pages(_list)?$/,
    names: ["required_tokens"],
    holds: "the placeholders a custom page must contain (::CAPTCHA_BOX::...)",
  },
  {
    kinds: /^(data\.)?cloudflare_web_analytics_sites?$/,
    names: ["site_token"],
    holds: "the public token of the Web Analytics beacon in every page",
  },
  {
    kinds: /^(data\.)?cloudflare_byo_ip_prefix(es)?$/,
    names: ["ownership_validation_token"],
    holds: "the token Cloudflare gives to publish as proof of owning the prefix",
  },
  {
    kinds: /^(data\.)?cloudflare_organizations?$/,
    names: ["page_token"],
    holds: "a list's pagination cursor",
  },
  {
    kinds: /^(data\.)?cloudflare_zero_trust_dlp_[a-z_]+$/,
    names: ["secret"],
    holds: "whether a DLP entry or dataset is secret (a boolean)",
  },
  {
    kinds: /^(data\.)?cloudflare_cloudforce_one_request(s|_priority)?$/,
    names: ["tokens", "message_tokens"],
    holds: "a request's token counts (numbers)",
  },
  {
    kinds: /^(data\.)?cloudflare_api_shield_operations?$/,
    names: ["auth_id_tokens"],
    holds: "how many auth ids were seen (a number)",
  },
  {
    kinds: /^(data\.)?cloudflare_leaked_credential_check_rules?$/,
    names: ["password"],
    holds: "the ruleset expression that finds the password in a request",
  },
  {
    kinds: /^(data\.)?okta_policy_mfa(_default)?$/,
    names: ["okta_password", "rsa_token", "yubikey_token"],
    holds: "an MFA policy's factor setting (enroll = REQUIRED, OPTIONAL or NOT_ALLOWED)",
  },
  {
    kinds: /^(data\.)?okta_policy_password(_default)?$/,
    names: ["recovery_email_token"],
    holds: "the lifetime of a recovery email, in minutes",
  },
  {
    kinds: /^(data\.)?okta_app_(auto_login|basic_auth|secure_password_store|three_field)$/,
    names: ["reveal_password"],
    holds: "whether users may reveal the password (a boolean)",
  },
  {
    kinds: /^(data\.)?okta_app_oauth$/,
    names: ["omit_secret"],
    holds: "whether the provider keeps the client secret out of the state (a boolean)",
  },
  {
    kinds: /^(data\.)?okta_auth_server_claim(_default)?$/,
    names: ["always_include_in_token"],
    holds: "whether the claim is always in the token (a boolean)",
  },
];

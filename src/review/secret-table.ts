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
 * `data.okta_app_oauth`): the union over the supported version pairs.
 * Cloudflare types are `cloudflare_<name>` with the helper below; a type's
 * data source (`data.cloudflare_<name>`) and plural list data source
 * (`data.cloudflare_<name>s`, under `result`) repeat its secrets where the
 * schemas say so.
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
  // cloudflare 5.14.0 and 5.22.0
  ...cloudflare("account_token", ["value"], { data: false }),
  ...cloudflare("api_token", ["value"], { data: false }),
  ...cloudflare("authenticated_origin_pulls", ["private_key"], { data: false, list: false }),
  ...cloudflare("authenticated_origin_pulls_certificate", ["private_key"]),
  ...cloudflare("calls_sfu_app", ["secret"], { data: false, list: false }),
  ...cloudflare("calls_turn_app", ["key"], { data: false, list: false }),
  ...cloudflare("custom_hostname", ["ssl.custom_key", "ssl.custom_cert_bundle.custom_key"]),
  ...cloudflare("custom_ssl", ["private_key"], { data: false, list: false }),
  ...cloudflare("dns_zone_transfers_tsig", ["secret"]),
  ...cloudflare("hyperdrive_config", ["origin.password", "origin.access_client_secret"]),
  ...cloudflare("logpush_job", ["ownership_challenge"], { data: false, list: false }),
  ...cloudflare("magic_transit_connector", ["license_key"], { data: false, list: false }),
  ...cloudflare("magic_wan_ipsec_tunnel", ["psk"], { data: false, list: false }),
  ...cloudflare("mtls_certificate", ["private_key"], { data: false, list: false }),
  ...cloudflare("notification_policy_webhooks", ["secret"], { listName: "cloudflare_notification_policy_webhooks_list" }),
  ...cloudflare("pages_project", pagesProjectSecrets()),
  ...cloudflare("r2_bucket_sippy", ["source.private_key", "source.secret_access_key", "destination.secret_access_key"], { data: false, list: false }),
  ...cloudflare("stream_key", ["jwk", "pem"], { data: false, list: false }),
  ...cloudflare("stream_live_input", streamLiveInputSecrets(), { list: false }),
  ...cloudflare("turnstile_widget", ["secret"], { list: false }),
  ...cloudflare("worker_version", ["assets.jwt", "bindings.text", "bindings.key_base64", "bindings.key_jwk"]),
  ...cloudflare("workers_script", ["assets.jwt", "bindings.text", "bindings.key_base64", "bindings.key_jwk"], { data: false, list: false }),
  ...cloudflare("zero_trust_access_application", [
    "saas_app.client_secret",
    "scim_config.authentication.password",
    "scim_config.authentication.token",
    "scim_config.authentication.client_secret",
  ]),
  ...cloudflare("zero_trust_access_identity_provider", ["config.client_secret", "scim_config.secret"]),
  ...cloudflare("zero_trust_access_service_token", ["client_secret"], { data: false, list: false }),
  ...cloudflare("zero_trust_device_posture_integration", ["config.client_secret", "config.access_client_secret"], { data: false, list: false }),
  ...cloudflare("zero_trust_tunnel_cloudflared", ["tunnel_secret"], { data: false, list: false }),
  ...cloudflare("zero_trust_tunnel_warp_connector", ["tunnel_secret"], { data: false, list: false }),
]);

/**
 * `cloudflare_<name>` with `paths`, and unless told otherwise its data source
 * with the same paths and its list data source with them under `result`.
 */
function cloudflare(name: string, paths: readonly string[], options: { data?: boolean; list?: boolean; listName?: string } = {}): [string, readonly string[]][] {
  const type = `cloudflare_${name}`;
  const entries: [string, readonly string[]][] = [[type, paths]];
  if (options.data !== false) entries.push([`data.${type}`, paths]);
  if (options.list !== false && options.data !== false) entries.push([`data.${options.listName ?? `${type}s`}`, paths.map((p) => `result.${p}`)]);
  return entries;
}

function pagesProjectSecrets(): string[] {
  const deployments = ["canonical_deployment", "latest_deployment"];
  return [
    "build_config.web_analytics_token",
    ...deployments.flatMap((d) => [`${d}.build_config.web_analytics_token`, `${d}.env_vars.value`]),
    "deployment_configs.preview.env_vars.value",
    "deployment_configs.production.env_vars.value",
  ];
}

function streamLiveInputSecrets(): string[] {
  return ["rtmps", "rtmps_playback", "srt", "srt_playback", "web_rtc", "web_rtc_playback"].flatMap((k) => [
    `${k}.url`,
    ...(k.startsWith("rtmps") ? [`${k}.stream_key`] : k.startsWith("srt") ? [`${k}.passphrase`] : []),
  ]);
}

/**
 * Provider credentials. Neither provider marks them `sensitive` in its
 * schema, but each is a credential by its description: Okta `api_token`,
 * `access_token`, `private_key` (the OAuth 2.0 service app's key); Cloudflare
 * `api_token`, `api_key`, `api_user_service_key`. All are named like
 * credentials too; the table says so for the schema checks.
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
    names: ["service_token", "any_valid_service_token"],
    holds: "an Access rule that admits a service token by its id, or any valid one",
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
    kinds: /^(data\.)?okta_app_(auto_login|basic_auth|secure_password_store)$/,
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

/**
 * A stack, as Terraform JSON, with one or more instances of every resource
 * type the review's table (src/review/resource-types.ts) names that the v5
 * Cloudflare provider has: two Okta apps (one with exclusive assignments, one
 * with a single additive assignment), an authorization server claim, okta
 * identity providers in an account and in a zone (the account's with SCIM
 * on), a github one, Access groups in both scopes, a reusable policy and
 * self-hosted applications in both scopes. Written here rather than with
 * provider bindings, so it does not depend on where provider classes come
 * from. Used by the force-new check and the upgrade test.
 */

/** The table's types for stacks written for cloudflare v4; v5 has none of them. */
export const V4_TYPES: readonly string[] = ["cloudflare_access_application", "cloudflare_access_group", "cloudflare_access_identity_provider", "cloudflare_access_policy"];

/** What the stack needs from the emulators: two accounts, two zones of the first, two Okta groups, an authorization server. */
export interface EveryTypeIds {
  readonly account: string;
  readonly otherAccount: string;
  readonly zone: string;
  readonly otherZone: string;
  readonly engineering: string;
  readonly sre: string;
  readonly authServer: string;
}

export const EVERY_TYPE_TEAM_DOMAIN = "forcenew.cloudflareaccess.com";

const CALLBACK = `https://${EVERY_TYPE_TEAM_DOMAIN}/cdn-cgi/access/callback`;

function oktaApp(label: string): any {
  return {
    label,
    type: "web",
    grant_types: ["authorization_code"],
    response_types: ["code"],
    redirect_uris: [CALLBACK],
    pkce_required: true,
    groups_claim: { type: "FILTER", filter_type: "REGEX", name: "groups", value: ".*" },
  };
}

function oktaIdp(scope: Record<string, string>, app: string): any {
  return {
    ...scope,
    name: "Okta",
    type: "okta",
    config: { client_id: `\${okta_app_oauth.${app}.client_id}`, client_secret: `\${okta_app_oauth.${app}.client_secret}`, okta_account: "https://forcenew.okta.com", claims: ["groups"], pkce_enabled: true },
  };
}

/** The stack with these provider versions (a pair's, or a range). */
export function everyTypeStack(ids: EveryTypeIds, versions: { okta: string; cloudflare: string }): any {
  const oktaRule = (idp: string, name: string) => ({ okta: { name, identity_provider_id: `\${cloudflare_zero_trust_access_identity_provider.${idp}.id}` } });
  return {
    terraform: {
      required_providers: { okta: { source: "okta/okta", version: versions.okta }, cloudflare: { source: "cloudflare/cloudflare", version: versions.cloudflare } },
      backend: { local: { path: "terraform.tfstate" } },
    },
    provider: { okta: [{ org_name: "forcenew", base_url: "okta.com" }], cloudflare: [{}] },
    resource: {
      okta_app_oauth: { a: oktaApp("Force-new check A"), b: oktaApp("Force-new check B") },
      okta_app_group_assignments: { a: { app_id: "${okta_app_oauth.a.id}", group: [{ id: ids.engineering }] } },
      okta_app_group_assignment: { b: { app_id: "${okta_app_oauth.b.id}", group_id: ids.engineering } },
      okta_auth_server_claim: { c: { auth_server_id: ids.authServer, name: "groups", claim_type: "IDENTITY", value_type: "GROUPS", group_filter_type: "REGEX", value: ".*" } },
      cloudflare_zero_trust_access_identity_provider: {
        account: { ...oktaIdp({ account_id: ids.account }, "a"), scim_config: { enabled: true, user_deprovision: true, seat_deprovision: true, identity_update_behavior: "automatic" } },
        zone: oktaIdp({ zone_id: ids.zone }, "b"),
        typed: { account_id: ids.account, name: "GitHub", type: "github", config: { client_id: "forcenew-github-client", client_secret: "${okta_app_oauth.a.client_secret}" } },
      },
      cloudflare_zero_trust_access_group: {
        account: { account_id: ids.account, name: "Engineers", include: [oktaRule("account", "Engineering")] },
        zone: { zone_id: ids.zone, name: "Engineers", include: [oktaRule("zone", "Engineering")] },
      },
      cloudflare_zero_trust_access_policy: {
        account: { account_id: ids.account, name: "Allow engineers", decision: "allow", include: [oktaRule("account", "Engineering")], session_duration: "24h" },
      },
      cloudflare_zero_trust_access_application: {
        account: {
          account_id: ids.account,
          type: "self_hosted",
          name: "Wiki",
          domain: "wiki.forcenew.example.com",
          session_duration: "24h",
          allowed_idps: ["${cloudflare_zero_trust_access_identity_provider.account.id}"],
          policies: [{ id: "${cloudflare_zero_trust_access_policy.account.id}", precedence: 1 }],
        },
        zone: {
          zone_id: ids.zone,
          type: "self_hosted",
          name: "Grafana",
          domain: "grafana.forcenew.example.com",
          session_duration: "24h",
          allowed_idps: ["${cloudflare_zero_trust_access_identity_provider.zone.id}"],
          policies: [{ id: "${cloudflare_zero_trust_access_policy.account.id}", precedence: 1 }],
        },
      },
    },
  };
}

/**
 * The rename benchmark's inputs (issue 9.5): a base stack of N resources and
 * a head where every one of them is renamed (a construct id changed), as
 * Terraform JSON written straight to disk. The resources come in groups of
 * four that refer to each other (Okta app, its exclusive assignment, the
 * Cloudflare IdP that uses the app, an Access policy on that IdP), and every
 * group has the same content apart from its references: the hardest case for
 * rename matching, which must tell identical resources apart by what they
 * point at.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const IDP = "cloudflare_zero_trust_access_identity_provider";

function stack(groups: number, prefix: string): unknown {
  const resource: Record<string, Record<string, unknown>> = {
    okta_app_oauth: {},
    okta_app_group_assignments: {},
    [IDP]: {},
    cloudflare_zero_trust_access_policy: {},
  };
  for (let i = 0; i < groups; i++) {
    const id = `${prefix}${i}`;
    resource.okta_app_oauth[`${id}_App`] = {
      label: "Cloudflare Access",
      type: "web",
      grant_types: ["authorization_code"],
      redirect_uris: ["https://acme.cloudflareaccess.com/cdn-cgi/access/callback"],
      pkce_required: true,
      groups_claim: { type: "FILTER", filter_type: "REGEX", name: "groups", value: ".*" },
    };
    resource.okta_app_group_assignments[`${id}_Assignments`] = { app_id: `\${okta_app_oauth.${id}_App.id}`, group: [{ id: "00geveryone" }] };
    resource[IDP][`${id}_IdentityProvider`] = {
      account_id: "0123456789abcdef0123456789abcdef",
      name: "Okta",
      type: "okta",
      config: {
        client_id: `\${okta_app_oauth.${id}_App.client_id}`,
        client_secret: `\${okta_app_oauth.${id}_App.client_secret}`,
        okta_account: "https://dev-123456.okta.com",
        claims: ["groups"],
        pkce_enabled: true,
      },
    };
    resource.cloudflare_zero_trust_access_policy[`${id}_Policy`] = {
      account_id: "0123456789abcdef0123456789abcdef",
      name: "Engineering",
      decision: "allow",
      session_duration: "8h",
      include: [{ okta: { name: "Engineering", identity_provider_id: `\${${IDP}.${id}_IdentityProvider.id}` } }],
    };
  }
  return { terraform: { required_providers: {} }, resource };
}

/** Writes `base.tf.json` and `head.tf.json` (N resources, all renamed) into `dir`. */
export function writeRenames(dir: string, resources: number): { base: string; head: string } {
  mkdirSync(dir, { recursive: true });
  const groups = Math.ceil(resources / 4);
  const base = join(dir, "base", "bench.tf.json");
  const head = join(dir, "head", "bench.tf.json");
  mkdirSync(join(dir, "base"), { recursive: true });
  mkdirSync(join(dir, "head"), { recursive: true });
  writeFileSync(base, JSON.stringify(stack(groups, "Okta")));
  writeFileSync(head, JSON.stringify(stack(groups, "Sso")));
  return { base, head };
}

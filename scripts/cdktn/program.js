// The program synthesized under both cores by scripts/cdktn-check.js: one app,
// run with `node program.js <core module> <outdir> [leak]` in a folder whose
// node_modules has that core, the providers and the packed package.
// Plain CommonJS, so it runs with node alone (no cdktn CLI, which needs Node 22).
"use strict";
process.env.CHECKPOINT_DISABLE = "1";
const [coreName, outdir, mode] = process.argv.slice(2);
const core = require(coreName);
const { CloudflareProvider } = require("@cdktf/provider-cloudflare/lib/provider");
const { OktaProvider } = require("@cdktf/provider-okta/lib/provider");
const { GroupsClaim, OktaAccessIdentityProvider, ScimIdentityUpdateBehavior } = require("cdktf-okta-cloudflare-access");

const PROPS = {
  accountId: "0123456789abcdef0123456789abcdef",
  teamDomain: "example",
  oktaOrgUrl: "https://dev-123456.okta.com",
};

const app = new core.App({ outdir });

// The construct, protectApplication, an access group and SCIM.
const stack = new core.TerraformStack(app, "access");
new OktaProvider(stack, "okta", { orgName: "dev-123456", baseUrl: "okta.com" });
new CloudflareProvider(stack, "cloudflare", {});
const okta = new OktaAccessIdentityProvider(stack, "Okta", {
  ...PROPS,
  groupsClaim: GroupsClaim.matchingRegex("^(Engineering|SRE)$"),
  scim: { seatDeprovision: true, identityUpdateBehavior: ScimIdentityUpdateBehavior.REAUTH },
});
const wiki = okta.protectApplication("Wiki", { domain: "wiki.example.com", allowedOktaGroups: ["Engineering"], sessionDuration: "8h" });
okta.accessGroup("Engineers", { oktaGroups: ["Engineering", "SRE"] });
new core.TerraformOutput(stack, "wiki_aud", { value: wiki.aud });
new core.TerraformOutput(stack, "scim_base_url", { value: okta.scimBaseUrl });
new core.TerraformOutput(stack, "scim_secret", { value: okta.scimSecret, sensitive: true });
if (mode === "leak") {
  // Must fail synthesis: a non-sensitive output of the SCIM secret.
  new core.TerraformOutput(stack, "scim_secret_leak", { value: okta.scimSecret });
}

// An Okta provider on OAuth 2.0: must get the groups-claim warning.
const oauth = new core.TerraformStack(app, "access-oauth");
const key = new core.TerraformVariable(oauth, "okta_private_key", { type: "string", sensitive: true });
new OktaProvider(oauth, "okta", { orgName: "dev-123456", baseUrl: "okta.com", clientId: "0oa1", privateKey: key.stringValue, scopes: ["okta.apps.manage"] });
new CloudflareProvider(oauth, "cloudflare", {});
new OktaAccessIdentityProvider(oauth, "Okta", PROPS);

app.synth();

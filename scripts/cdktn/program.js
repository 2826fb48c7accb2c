// The program that scripts/cdktn-check.js synthesizes in each temporary app:
//
//   node program.js <core> <package> <providers> [leak]
//
// <core> is "cdktf" or "cdktn", <package> the construct package
// (cdktf-okta-cloudflare-access or cdktn-okta-cloudflare-access), <providers>
// where the provider classes come from: "own" (the package's `okta` and
// `cloudflare` bindings), "prebuilt" (@cdktf/provider-okta and
// @cdktf/provider-cloudflare) or "generated:<dir>" (bindings generated the
// way `cdktn get` does, in <dir>/providers/<name>/). The output directory is
// CDKTF_OUTDIR, as the cdktf and cdktn CLIs set it. Plain CommonJS.
"use strict";
process.env.CHECKPOINT_DISABLE = "1";
const path = require("node:path");
const [coreName, packageName, providers, mode] = process.argv.slice(2);
const core = require(coreName);
const { GroupsClaim, OktaAccessIdentityProvider, ScimIdentityUpdateBehavior, ...lib } = require(packageName);

/** The provider classes, from the bindings asked for. */
function providerClasses() {
  if (providers === "own") return { OktaProvider: lib.okta.OktaProvider, CloudflareProvider: lib.cloudflare.CloudflareProvider };
  if (providers === "prebuilt") {
    // Installed in the temporary app only (never in this repository).
    const prebuilt = (/** @type {string} */ name) => require(`@cdktf/provider-${name}/lib/provider`);
    return { OktaProvider: prebuilt("okta").OktaProvider, CloudflareProvider: prebuilt("cloudflare").CloudflareProvider };
  }
  if (providers.startsWith("generated:")) {
    const dir = providers.slice("generated:".length);
    return {
      OktaProvider: require(path.join(dir, "providers", "okta", "provider")).OktaProvider,
      CloudflareProvider: require(path.join(dir, "providers", "cloudflare", "provider")).CloudflareProvider,
    };
  }
  throw new Error(`unknown providers ${providers}`);
}
const { OktaProvider, CloudflareProvider } = providerClasses();

const PROPS = {
  accountId: "0123456789abcdef0123456789abcdef",
  teamDomain: "example",
  oktaOrgUrl: "https://dev-123456.okta.com",
};

const app = new core.App();

// A relative state path: the default is absolute (the working directory),
// which differs between the temporary apps.
/** @param {import("cdktf").TerraformStack} s */
const backend = (s) => new core.LocalBackend(s, { path: `terraform.${s.node.id}.tfstate` });

// The construct, protectApplication, an access group and SCIM.
const stack = new core.TerraformStack(app, "access");
backend(stack);
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
backend(oauth);
const key = new core.TerraformVariable(oauth, "okta_private_key", { type: "string", sensitive: true });
new OktaProvider(oauth, "okta", { orgName: "dev-123456", baseUrl: "okta.com", clientId: "0oa1", privateKey: key.stringValue, scopes: ["okta.apps.manage"] });
new CloudflareProvider(oauth, "cloudflare", {});
new OktaAccessIdentityProvider(oauth, "Okta", PROPS);

app.synth();

#!/usr/bin/env node
// Checks the Terraform JSON of the README's smallest working stack, as
// synthesized by the cdktf CLI in scripts/newcomer.sh.
"use strict";
const fs = require("node:fs");
const path = require("node:path");

const out = process.argv[2] || "cdktf.out";
const file = path.join(out, "stacks", "access", "cdk.tf.json");
/** @param {string} message @returns {never} */
const fail = (message) => {
  console.error(`[check-newcomer] FAIL: ${message}`);
  process.exit(1);
};
if (!fs.existsSync(file)) fail(`${file} was not written`);
const json = JSON.parse(fs.readFileSync(file, "utf8"));
/** @param {string} type @returns {any} */
const only = (type) => {
  const all = Object.values((json.resource || {})[type] || {});
  if (all.length !== 1) fail(`expected one ${type}, found ${all.length}`);
  return all[0];
};
const app = only("okta_app_oauth");
if (JSON.stringify(app.redirect_uris) !== JSON.stringify(["https://example.cloudflareaccess.com/cdn-cgi/access/callback"])) fail(`redirect_uris ${JSON.stringify(app.redirect_uris)}`);
if (app.groups_claim?.filter_type !== "REGEX" || app.groups_claim?.value !== ".*") fail(`groups_claim ${JSON.stringify(app.groups_claim)}`);
const idp = only("cloudflare_zero_trust_access_identity_provider");
if (idp.type !== "okta" || idp.config?.okta_account !== "https://dev-123456.okta.com") fail(`identity provider ${JSON.stringify(idp)}`);
if (!/^\$\{okta_app_oauth\.[^.]+\.client_secret\}$/.test(idp.config?.client_secret ?? "")) fail("client_secret is not a Terraform reference");
only("okta_app_group_assignments");
const okta = (json.provider?.okta || [])[0];
if (okta?.org_name !== "dev-123456" || okta?.base_url !== "okta.com") fail(`okta provider ${JSON.stringify(okta)}`);
if (!json.output?.idp_id) fail("no idp_id output");
console.log(`[check-newcomer] OK: ${file} has the Okta app, its assignments and the Cloudflare identity provider, wired by reference`);

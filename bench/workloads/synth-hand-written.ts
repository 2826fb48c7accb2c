/**
 * The same identity providers written by hand with the provider classes (the
 * package's bindings, from lib/): what a user writes without our construct. Each one sits in a plain Construct with
 * the construct's id and child ids, so the Terraform JSON is byte-identical to
 * the construct's (the driver checks this); the difference in time is the
 * construct's own work (validation, defaults, the synth-time aspect).
 */
import { Construct } from "constructs";
import { runSynthWorkload } from "./harness";
import { ACCOUNT_ID, OKTA_ORG_URL } from "./idps";
import { lib } from "./library";

const { AppGroupAssignments, AppOauth, DataOktaEveryoneGroup } = lib.okta;
const { ZeroTrustAccessIdentityProvider } = lib.cloudflare;

runSynthWorkload((stack, specs) => {
  for (const spec of specs) {
    const scope = new Construct(stack, spec.id);
    const app = new AppOauth(scope, "App", {
      label: spec.appLabel,
      type: "web",
      grantTypes: ["authorization_code"],
      responseTypes: ["code"],
      redirectUris: [`https://${spec.teamDomain}/cdn-cgi/access/callback`],
      pkceRequired: true,
      groupsClaim: { type: "FILTER", filterType: "REGEX", name: "groups", value: spec.groupsRegex },
    });
    const groupIds = spec.assignedGroupIds ?? [new DataOktaEveryoneGroup(scope, "EveryoneGroup", {}).id];
    new AppGroupAssignments(scope, "GroupAssignments", {
      appId: app.id,
      group: groupIds.map((id) => ({ id })),
    });
    new ZeroTrustAccessIdentityProvider(scope, "IdentityProvider", {
      name: spec.name,
      type: "okta",
      accountId: ACCOUNT_ID,
      config: {
        clientId: app.clientId,
        clientSecret: app.clientSecret,
        oktaAccount: OKTA_ORG_URL,
        claims: ["groups"],
        pkceEnabled: true,
      },
    });
  }
});

/** N identity providers with our construct, loaded from the compiled package (lib/), as users load it. */
import { runSynthWorkload } from "./harness";
import { ACCOUNT_ID, OKTA_ORG_URL } from "./idps";
import { lib } from "./library";

runSynthWorkload((stack, specs) => {
  for (const spec of specs) {
    new lib.OktaAccessIdentityProvider(stack, spec.id, {
      accountId: ACCOUNT_ID,
      teamDomain: spec.teamDomain,
      oktaOrgUrl: OKTA_ORG_URL,
      name: spec.name,
      appLabel: spec.appLabel,
      assignedGroupIds: spec.assignedGroupIds,
      groupsClaim: spec.groupsRegex === ".*" ? lib.GroupsClaim.ALL : lib.GroupsClaim.matchingRegex(spec.groupsRegex),
    });
  }
});

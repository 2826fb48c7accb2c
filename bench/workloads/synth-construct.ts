/** N identity providers with our construct, loaded from the compiled package (lib/), as users load it. */
import { createRequire } from "node:module";
import { runSynthWorkload } from "./harness";
import { ACCOUNT_ID, OKTA_ORG_URL } from "./idps";

type Library = typeof import("../../src");

const libPath = process.env.BENCH_LIB;
if (!libPath) throw new Error("BENCH_LIB must be the path of the compiled package's lib/index.js");
const lib = createRequire(__filename)(libPath) as Library;

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

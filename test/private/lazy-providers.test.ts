import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import {
  accessApplicationModule,
  accessGroupModule,
  accessPolicyModule,
  appGroupAssignmentModule,
  authServerClaimModule,
} from "../../src/private/lazy-providers";

const SRC = join(__dirname, "..", "..", "src");

// Loading the library must not load the provider modules of optional
// features: Cloudflare's Access application alone is about 2 MB of JavaScript
// (`npm run bench`). Here: every module src/index.ts re-exports except the
// binding submodules (`okta`, `cloudflare`), whose compiled indexes are lazy
// (scripts/lazy-exports.js, tested in test/scripts/lazy-exports.test.ts).
test("loading the library requires only the provider modules of the identity provider itself", () => {
  const modules = [...readFileSync(join(SRC, "index.ts"), "utf8").matchAll(/^export \* from "(\.\/[^"]+)";$/gm)].map((m) => join(SRC, m[1]));
  expect(modules.length).toBeGreaterThan(5);
  const script = `
    require("esbuild-register/dist/node").register({ target: "node20" });
    for (const m of ${JSON.stringify(modules)}) require(m);
    const loaded = Object.keys(require.cache)
      .map((file) => /src\\/providers\\/([^/]+\\/[^/]+)\\//.exec(file))
      .filter(Boolean)
      .map((m) => m[1]);
    console.log(JSON.stringify([...new Set(loaded)].sort()));`;
  const loaded = JSON.parse(execFileSync(process.execPath, ["-e", script], { encoding: "utf8" })) as string[];
  expect(loaded).toEqual([
    "cloudflare/zero-trust-access-identity-provider",
    "okta/app-group-assignments",
    "okta/app-oauth",
    "okta/data-okta-everyone-group",
  ]);
});

test("each optional feature's provider module loads on first use", () => {
  expect(accessApplicationModule().ZeroTrustAccessApplication.tfResourceType).toBe("cloudflare_zero_trust_access_application");
  expect(accessGroupModule().ZeroTrustAccessGroup.tfResourceType).toBe("cloudflare_zero_trust_access_group");
  expect(accessPolicyModule().ZeroTrustAccessPolicy.tfResourceType).toBe("cloudflare_zero_trust_access_policy");
  expect(appGroupAssignmentModule().AppGroupAssignment.tfResourceType).toBe("okta_app_group_assignment");
  expect(authServerClaimModule().AuthServerClaim.tfResourceType).toBe("okta_auth_server_claim");
});

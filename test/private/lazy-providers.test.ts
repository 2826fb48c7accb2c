import { execFileSync } from "node:child_process";
import { join } from "node:path";
import {
  accessApplicationModule,
  accessGroupModule,
  accessPolicyModule,
  appGroupAssignmentModule,
  authServerClaimModule,
} from "../../src/private/lazy-providers";

// Loading the package must not load the provider modules of optional
// features: they cost about 75 ms and 14 MB (`npm run bench`).
test("loading the package requires only the provider modules of the identity provider itself", () => {
  const script = `
    require("esbuild-register/dist/node").register({ target: "node20" });
    require(${JSON.stringify(join(__dirname, "..", "..", "src"))});
    const loaded = Object.keys(require.cache)
      .map((file) => /@cdktf\\/(provider-[^/]+)\\/lib\\/([^/]+)\\//.exec(file))
      .filter(Boolean)
      .map((m) => m[1] + "/" + m[2]);
    console.log(JSON.stringify([...new Set(loaded)].sort()));`;
  const loaded = JSON.parse(execFileSync(process.execPath, ["-e", script], { encoding: "utf8" })) as string[];
  expect(loaded).toEqual([
    "provider-cloudflare/zero-trust-access-identity-provider",
    "provider-okta/app-group-assignments",
    "provider-okta/app-oauth",
    "provider-okta/data-okta-everyone-group",
  ]);
});

test("each optional feature's provider module loads on first use", () => {
  expect(accessApplicationModule().ZeroTrustAccessApplication.tfResourceType).toBe("cloudflare_zero_trust_access_application");
  expect(accessGroupModule().ZeroTrustAccessGroup.tfResourceType).toBe("cloudflare_zero_trust_access_group");
  expect(accessPolicyModule().ZeroTrustAccessPolicy.tfResourceType).toBe("cloudflare_zero_trust_access_policy");
  expect(appGroupAssignmentModule().AppGroupAssignment.tfResourceType).toBe("okta_app_group_assignment");
  expect(authServerClaimModule().AuthServerClaim.tfResourceType).toBe("okta_auth_server_claim");
});

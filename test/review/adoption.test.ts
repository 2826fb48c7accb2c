import { CloudflareProvider } from "../../src/providers/cloudflare/provider";
import { OktaProvider } from "../../src/providers/okta/provider";
import { Testing, TerraformStack } from "cdktf";
import { OktaAccessIdentityProvider } from "../../src";
import { adoptedObjects, planAdoptionWarnings, planImports, staticAdoptionWarnings } from "../../src/review/adoption";
import { BASE_PROPS, newStack } from "../helpers";

const ADOPT = { oktaAppId: "0oa1b2c3d4e5f6g7h8i9", identityProviderId: "0d7c1c8e-3f3a-4c55-9b1e-2f8d6a4b7e10" };

function synthesized(stack: TerraformStack): any {
  return JSON.parse(Testing.synth(stack));
}

describe("review adoption checks on synthesized stacks", () => {
  test("lists each import as 'adopts existing <type> <id>'", () => {
    const stack = newStack();
    new OktaAccessIdentityProvider(stack, "Okta", { ...BASE_PROPS, adopt: ADOPT });
    const adopted = adoptedObjects(synthesized(stack));
    expect(adopted.map((a) => a.text)).toEqual([
      "adopts existing okta_app_oauth 0oa1b2c3d4e5f6g7h8i9",
      "adopts existing okta_app_group_assignments 0oa1b2c3d4e5f6g7h8i9",
      `adopts existing cloudflare_zero_trust_access_identity_provider accounts/${BASE_PROPS.accountId}/${ADOPT.identityProviderId}`,
    ]);
  });

  test("the construct's adopt option passes; a naive importFrom of the app and IdP is flagged", () => {
    const adoptedStack = newStack();
    new OktaAccessIdentityProvider(adoptedStack, "Okta", { ...BASE_PROPS, adopt: ADOPT });
    expect(staticAdoptionWarnings(synthesized(adoptedStack))).toEqual([]);

    const naive = newStack();
    const okta = new OktaAccessIdentityProvider(naive, "Okta", BASE_PROPS);
    okta.oktaApp.importFrom(ADOPT.oktaAppId);
    okta.identityProvider.importFrom(`accounts/${BASE_PROPS.accountId}/${ADOPT.identityProviderId}`);
    const warnings = staticAdoptionWarnings(synthesized(naive));
    expect(warnings.map((w) => w.code)).toEqual(["blank-secret-after-import"]);
    expect(warnings[0].message).toMatch(/takes its client secret from okta_app_oauth\.Okta_App_[0-9A-F]{8}\.client_secret/);
  });

  test("hostile input: no import list, odd entries, prototype keys", () => {
    expect(adoptedObjects({})).toEqual([]);
    expect(adoptedObjects({ import: [{ to: 1 }, null, "x", { id: "a" }] })).toEqual([]);
    expect(staticAdoptionWarnings({ resource: { constructor: {}, __proto__: {} } })).toEqual([]);
  });
});

describe("review adoption checks on plans", () => {
  const rc = (type: string, actions: string[], extra: Record<string, unknown> = {}) => ({ address: `${type}.x`, type, change: { actions, ...extra } });

  test("flags an import that is also replaced, a replaced IdP or app, and an IdP update with an empty secret", () => {
    const plan = {
      resource_changes: [
        rc("okta_app_oauth", ["delete", "create"], { importing: { id: "0oa1" } }),
        rc("cloudflare_zero_trust_access_identity_provider", ["delete", "create"]),
        rc("cloudflare_zero_trust_access_identity_provider", ["update"], { after: { config: { client_secret: null } }, after_unknown: {} }),
      ],
    };
    expect(planAdoptionWarnings(plan).map((w) => w.code)).toEqual(["import-replaced", "identity-provider-replaced", "secret-blanked"]);
  });

  test("an import with an in-place update and a known secret passes; the secret is never in a message", () => {
    const secret = "s3cr3t-value-0123456789";
    const plan = {
      resource_changes: [
        rc("okta_app_oauth", ["update"], { importing: { id: "0oa1" } }),
        rc("cloudflare_zero_trust_access_identity_provider", ["update"], { importing: { id: "accounts/a/b" }, after: { config: { client_secret: secret } }, after_unknown: {} }),
        rc("cloudflare_zero_trust_access_identity_provider", ["create"], { after: { config: {} }, after_unknown: { config: { client_secret: true } } }),
      ],
    };
    expect(planAdoptionWarnings(plan)).toEqual([]);
    expect(planImports(plan)).toEqual([
      { address: "okta_app_oauth.x", importId: "0oa1" },
      { address: "cloudflare_zero_trust_access_identity_provider.x", importId: "accounts/a/b" },
    ]);
    const blank = { resource_changes: [rc("cloudflare_zero_trust_access_identity_provider", ["update"], { before: { config: { client_secret: secret } }, after: { config: { client_secret: "" } } })] };
    expect(JSON.stringify(planAdoptionWarnings(blank))).not.toContain(secret);
  });

  test("a changed secret (values compared, never shown) on either side", () => {
    const plan = {
      resource_changes: [
        rc("okta_app_oauth", ["update"], { before: { client_basic_secret: "old-1" }, after: { client_basic_secret: "new-1" } }),
        rc("cloudflare_zero_trust_access_identity_provider", ["update"], { before: { config: { client_secret: "old-2" } }, after: { config: { client_secret: "new-2" } }, after_unknown: {} }),
        rc("okta_app_oauth", ["update"], { before: { client_basic_secret: null }, after: { client_basic_secret: "first" } }),
      ],
    };
    const warnings = planAdoptionWarnings(plan);
    expect(warnings.map((w) => w.code)).toEqual(["secret-replaced", "secret-replaced"]);
    expect(JSON.stringify(warnings)).not.toMatch(/old-|new-|first/);
  });
});

describe("the review shows adoptions and their risks", () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { review } = require("../../src/review/review") as typeof import("../../src/review/review");
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { renderMarkdown } = require("../../src/review/markdown") as typeof import("../../src/review/markdown");
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { synthApp, tempDir } = require("./fixtures") as typeof import("./fixtures");
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const fs = require("node:fs") as typeof import("node:fs");
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const path = require("node:path") as typeof import("node:path");

  const adoptingStack = () =>
    synthApp((app) => {
      const stack = new TerraformStack(app, "adopt");
      new OktaProvider(stack, "okta", { orgName: "dev-123456", baseUrl: "okta.com" });
      new CloudflareProvider(stack, "cloudflare", {});
      new OktaAccessIdentityProvider(stack, "Okta", { ...BASE_PROPS, adopt: ADOPT });
    });

  test("the summary lists what the head adopts (import blocks), and the JSON carries them", () => {
    const result = review(adoptingStack());
    expect(result.adopted.map((a) => a.importId)).toEqual([ADOPT.oktaAppId, ADOPT.oktaAppId, `accounts/${BASE_PROPS.accountId}/${ADOPT.identityProviderId}`]);
    const md = renderMarkdown(result);
    expect(md).toContain("### 📥 Adopts existing objects (3)");
    expect(md).toMatch(/- `okta_app_oauth\.Okta_App_[0-9A-F]{8}`: adopts existing `okta_app_oauth` `0oa1b2c3d4e5f6g7h8i9`/);
  });

  test("a plan that imports a resource and also replaces it, or blanks the IdP secret, is an adoption risk (--fail-on adoption exits 3)", () => {
    const dir = tempDir("adopt-plan-");
    const file = path.join(dir, "plan.json");
    fs.writeFileSync(
      file,
      JSON.stringify({
        format_version: "1.2",
        resource_changes: [
          { address: "okta_app_oauth.x", type: "okta_app_oauth", change: { actions: ["delete", "create"], importing: { id: "0oa1" }, before: {}, after: {} } },
          { address: "cloudflare_zero_trust_access_identity_provider.y", type: "cloudflare_zero_trust_access_identity_provider", change: { actions: ["update"], before: {}, after: { config: { client_secret: null } }, after_unknown: {} } },
        ],
      }),
    );
    const result = review(adoptingStack(), { plan: file, failOn: ["adoption"] });
    const risks = result.warnings.filter((w) => w.kind === "adoption");
    expect(risks.map((w) => /\((\S+)\)$/.exec(w.message)?.[1])).toEqual(["import-replaced", "secret-blanked"]);
    expect(result.exitCode).toBe(3);
    expect(renderMarkdown(result)).toContain("### ⚠️ Adoption risks (2)");
  });
});

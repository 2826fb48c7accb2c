import * as fs from "node:fs";
import * as path from "node:path";
import { Testing } from "cdktf";
import { build, PYTHON_EXAMPLE_DEFAULTS } from "../examples/python/twin";
import { only } from "./helpers";

// examples/python/twin.ts is the TypeScript twin of examples/python/main.py;
// scripts/test-python.sh (in .ci/run) compares their synths byte for byte.
// These tests need no Python: they check the twin itself, and that the two
// files still declare the same outputs and construct ids.
const MAIN_PY = fs.readFileSync(path.join(__dirname, "..", "examples", "python", "main.py"), "utf8");
const TWIN_TS = fs.readFileSync(path.join(__dirname, "..", "examples", "python", "twin.ts"), "utf8");

describe("examples/python (the TypeScript twin of main.py)", () => {
  test("synthesizes offline: SCIM, a groups-claim regex, a protected wiki and an Access group", () => {
    const stack = build(Testing.app(), {});
    const json = JSON.parse(Testing.synth(stack, true));
    expect(stack.node.id).toBe("okta-access-python");
    const idp = only(json, "cloudflare_zero_trust_access_identity_provider");
    expect(idp.account_id).toBe(PYTHON_EXAMPLE_DEFAULTS.CLOUDFLARE_ACCOUNT_ID);
    expect(idp.scim_config).toEqual({ enabled: true, user_deprovision: true, seat_deprovision: true, identity_update_behavior: "reauth" });
    expect(only(json, "okta_app_oauth").groups_claim).toEqual({ type: "FILTER", filter_type: "REGEX", name: "groups", value: "^(Engineering|SRE)$" });
    expect(only(json, "cloudflare_zero_trust_access_application").domain).toBe("wiki.example.com");
    expect(Object.keys(json.resource.cloudflare_zero_trust_access_group)).toHaveLength(1);
    expect(json.output.scim_secret.sensitive).toBe(true);
    expect(json.terraform.backend.local).toEqual({ path: "terraform.okta-access-python.tfstate" });
  });

  test("main.py and twin.ts declare the same outputs in the same order", () => {
    const pyOutputs = [...MAIN_PY.matchAll(/TerraformOutput\(self, "([^"]+)"/g)].map((m) => m[1]);
    const tsOutputs = [...TWIN_TS.matchAll(/new TerraformOutput\(this, "([^"]+)"/g)].map((m) => m[1]);
    expect(pyOutputs.length).toBeGreaterThan(0);
    expect(pyOutputs).toEqual(tsOutputs);
    // Terraform JSON lists outputs by name.
    expect(Object.keys(JSON.parse(Testing.synth(build(Testing.app(), {}))).output)).toEqual([...tsOutputs].sort());
  });

  test("main.py and twin.ts use the same placeholder defaults", () => {
    for (const [name, value] of Object.entries(PYTHON_EXAMPLE_DEFAULTS)) {
      expect(MAIN_PY).toContain(`"${name}": "${value}"`);
    }
  });
});

import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { CloudflareProvider } from "../../src/providers/cloudflare/provider";
import { OktaProvider } from "../../src/providers/okta/provider";
import * as cdktf from "cdktf";
import { OktaAccessIdentityProvider } from "../../src";
import { BASE_PROPS } from "../helpers";

/**
 * A second copy of the core, as an app gets when it imports `cdktn` while this
 * package's `cdktf` import resolves to another copy (the npm override installs
 * cdktn under both names). Its classes share the `Symbol.for("cdktf/*")`
 * markers with ours but fail `instanceof` and keep their own aspects.
 */
let other: typeof cdktf;
let dir: string;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "second-core-"));
  const real = path.dirname(require.resolve("cdktf/package.json"));
  const copy = path.join(dir, "node_modules", "cdktf-second-copy");
  fs.mkdirSync(copy, { recursive: true });
  fs.cpSync(path.join(real, "lib"), path.join(copy, "lib"), { recursive: true });
  fs.copyFileSync(path.join(real, "package.json"), path.join(copy, "package.json"));
  // The copy's own dependencies, and the app's single constructs.
  fs.symlinkSync(path.join(real, "node_modules"), path.join(copy, "node_modules"));
  fs.symlinkSync(path.dirname(require.resolve("constructs/package.json")), path.join(dir, "node_modules", "constructs"));
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  other = require(copy);
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function otherStack(): cdktf.TerraformStack {
  const stack = new other.TerraformStack(other.Testing.app(), "other-core");
  new CloudflareProvider(stack, "cloudflare", {});
  return stack;
}

function warningsOf(stack: cdktf.TerraformStack): string[] {
  other.Testing.synth(stack);
  return stack.node.findAll().flatMap((c) => c.node.metadata).filter((m) => m.type === "@cdktf/warn").map((m) => String(m.data));
}

test("the copy really is a second core: its stack fails instanceof against ours", () => {
  const stack = otherStack();
  expect(stack instanceof cdktf.TerraformStack).toBe(false);
  expect(cdktf.TerraformStack.isStack(stack)).toBe(true);
});

test("the OAuth 2.0 groups-claim warning fires on a stack of another copy of the core", () => {
  const stack = otherStack();
  new OktaProvider(stack, "okta", { orgName: "dev-123456", baseUrl: "okta.com", clientId: "0oa1", privateKey: "${var.key}", scopes: ["okta.apps.manage"] });
  new OktaAccessIdentityProvider(stack, "Okta", BASE_PROPS);
  expect(warningsOf(stack)).toEqual([expect.stringMatching(/OktaAccessIdentityProvider "other-core\/Okta": .*silently skips groups_claim/)]);
});

test("the non-sensitive scimSecret output error fires for an output of another copy of the core", () => {
  const stack = otherStack();
  new OktaProvider(stack, "okta", { orgName: "dev-123456", baseUrl: "okta.com" });
  const okta = new OktaAccessIdentityProvider(stack, "Okta", { ...BASE_PROPS, scim: {} });
  new other.TerraformOutput(stack, "scim_secret", { value: okta.scimSecret });
  expect(() => other.Testing.synth(stack, true)).toThrow(/output "scim_secret" \(other-core\/scim_secret\) exposes scimSecret; set sensitive: true/);
});

test("a sensitive output of another copy of the core passes", () => {
  const stack = otherStack();
  new OktaProvider(stack, "okta", { orgName: "dev-123456", baseUrl: "okta.com" });
  const okta = new OktaAccessIdentityProvider(stack, "Okta", { ...BASE_PROPS, scim: {} });
  new other.TerraformOutput(stack, "scim_secret", { value: okta.scimSecret, sensitive: true });
  expect(JSON.parse(other.Testing.synth(stack, true)).output.scim_secret.sensitive).toBe(true);
});

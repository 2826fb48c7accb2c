/**
 * Issue 22, item 2: the construct reads the provider version constraints of
 * its stack, from any bindings and from overrides, refuses what a feature
 * cannot get, and warns about known-bad versions.
 */
import { TerraformProvider, TerraformStack, Testing, Token } from "cdktf";
import { Construct } from "constructs";
import { cloudflare, okta, OktaAccessIdentityProvider, OktaAccessIdentityProviderProps } from "../src";
import { stackConstraint } from "../src/private/provider-version-check";
import { SUPPORTED } from "../src/private/provider-versions";
import { BASE_PROPS, newStack, synth, warnings } from "./helpers";

/**
 * A provider as other bindings write it: prebuilt packages and `cdktf get`
 * record the exact version they were generated for (`providerVersion`), which
 * the core writes into required_providers; none of our classes is involved.
 */
class OtherBindingsProvider extends TerraformProvider {
  constructor(scope: Construct, id: string, type: "okta" | "cloudflare", version: string | undefined, constraint?: string) {
    super(scope, id, {
      terraformResourceType: type,
      terraformGeneratorMetadata: { providerName: type, providerVersion: version, providerVersionConstraint: constraint },
      terraformProviderSource: `${type}/${type}`,
    });
  }
}

const ADOPT_WITH_SCIM: Partial<OktaAccessIdentityProviderProps> = {
  adopt: { oktaAppId: "0oa1b2c3d4e5f6g7h8i9", identityProviderId: "0d7c1c8e-3f3a-4c55-9b1e-2f8d6a4b7e10" },
  scim: {},
};

function stackWith(oktaVersion?: string, cloudflareVersion?: string): TerraformStack {
  const stack = new TerraformStack(Testing.app(), "test");
  if (oktaVersion === undefined) new okta.OktaProvider(stack, "okta", { orgName: "dev-123456", baseUrl: "okta.com" });
  else new OtherBindingsProvider(stack, "okta", "okta", oktaVersion);
  if (cloudflareVersion === undefined) new cloudflare.CloudflareProvider(stack, "cloudflare", {});
  else new OtherBindingsProvider(stack, "cloudflare", "cloudflare", cloudflareVersion);
  return stack;
}

function synthError(stack: TerraformStack): string {
  try {
    Testing.synth(stack, true);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error("synth did not fail");
}

describe("our provider classes", () => {
  test("write the supported range into required_providers", () => {
    const json = synth(newStack());
    expect(json.terraform.required_providers).toEqual({
      okta: { source: "okta/okta", version: SUPPORTED.okta.constraint },
      cloudflare: { source: "cloudflare/cloudflare", version: SUPPORTED.cloudflare.constraint },
    });
  });

  test("give no version warning", () => {
    const stack = newStack();
    new OktaAccessIdentityProvider(stack, "Okta", { ...BASE_PROPS });
    expect(warnings(stack)).toEqual([]);
  });
});

describe("stackConstraint: the constraint Terraform sees", () => {
  test("from any bindings (the exact version of prebuilt and cdktf get bindings, else the constraint), the last provider of the type winning", () => {
    const stack = new TerraformStack(Testing.app(), "test");
    expect(stackConstraint(stack, "okta")).toEqual({ from: 'no okta provider in stack "test"' });
    new OtherBindingsProvider(stack, "a", "okta", "4.20.0", "~> 4.0");
    expect(stackConstraint(stack, "okta")).toEqual({ constraint: "4.20.0", from: 'the okta provider "test/a" (OtherBindingsProvider)' });
    new OtherBindingsProvider(stack, "b", "okta", undefined, "~> 6.0");
    expect(stackConstraint(stack, "okta")).toEqual({ constraint: "~> 6.0", from: 'the okta provider "test/b" (OtherBindingsProvider)' });
    expect(synth(stack).terraform.required_providers.okta.version).toBe("~> 6.0");
  });

  test("a stack override wins, as in the synthesized JSON", () => {
    const stack = newStack();
    stack.addOverride("terraform.required_providers.okta.version", ">= 6.6.0, <= 6.12.0");
    expect(stackConstraint(stack, "okta")).toEqual({ constraint: ">= 6.6.0, <= 6.12.0", from: "the stack override terraform.required_providers.okta.version" });
    expect(synth(stack).terraform.required_providers.okta.version).toBe(">= 6.6.0, <= 6.12.0");
  });
});

describe("a feature the constraint rules out is refused", () => {
  test("at construction, naming both versions and where the constraint comes from", () => {
    const stack = stackWith(undefined, "4.52.7");
    expect(() => new OktaAccessIdentityProvider(stack, "Okta", { ...BASE_PROPS })).toThrow(
      'OktaAccessIdentityProvider "test/Okta": the v5 schema of cloudflare_zero_trust_access_* (attributes, not blocks; standalone policies with account_id; okta rule names as strings) needs cloudflare >= 5.0.0, but the cloudflare version constraint "4.52.7" allows only 4.52.7. Allow cloudflare 5.0.0 or later (supported: >= 5.14.0, <= 5.22.0). (The constraint comes from the cloudflare provider "test/cloudflare" (OtherBindingsProvider).)',
    );
    // The refused construct is not left half-built in the tree.
    expect(stack.node.tryFindChild("Okta")).toBeUndefined();
  });

  test("at synth, when the constraint comes later: a stack override", () => {
    const stack = newStack();
    new OktaAccessIdentityProvider(stack, "Okta", { ...BASE_PROPS });
    stack.addOverride("terraform.required_providers.cloudflare.version", "~> 4.52");
    expect(synthError(stack)).toMatch(
      /OktaAccessIdentityProvider "test\/Okta": .* needs cloudflare >= 5\.0\.0, but the cloudflare version constraint "~> 4\.52" allows 4\.52\.0 up to < 5\.0\.0\. .*\(The constraint comes from the stack override terraform\.required_providers\.cloudflare\.version\.\)/,
    );
  });

  test("at synth, when the constraint comes later: a provider added after the construct", () => {
    const stack = new TerraformStack(Testing.app(), "test");
    new okta.OktaProvider(stack, "okta", {});
    new OktaAccessIdentityProvider(stack, "Okta", { ...BASE_PROPS });
    new OtherBindingsProvider(stack, "cloudflare", "cloudflare", "4.52.7");
    expect(synthError(stack)).toMatch(/needs cloudflare >= 5\.0\.0, but the cloudflare version constraint "4\.52\.7" allows only 4\.52\.7/);
  });

  test("app.synth() refuses too", () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, "test");
    new okta.OktaProvider(stack, "okta", {});
    new cloudflare.CloudflareProvider(stack, "cloudflare", {});
    new OktaAccessIdentityProvider(stack, "Okta", { ...BASE_PROPS });
    stack.addOverride("terraform.required_providers.cloudflare.version", "4.52.7");
    expect(() => app.synth()).toThrow(/needs cloudflare >= 5\.0\.0/);
  });

  test("a malformed constraint is refused with Terraform's reason", () => {
    const stack = newStack();
    stack.addOverride("terraform.required_providers.okta.version", "=> 6.0");
    expect(() => new OktaAccessIdentityProvider(stack, "Okta", { ...BASE_PROPS })).toThrow(
      'OktaAccessIdentityProvider "test/Okta": the okta version constraint "=> 6.0" is not valid Terraform (invalid operator "=>"; did you mean ">="?); terraform init would refuse it. (The constraint comes from the stack override terraform.required_providers.okta.version.)',
    );
  });

  test("an unresolved token passes unchecked", () => {
    const stack = newStack();
    stack.addOverride("terraform.required_providers.cloudflare.version", Token.asString({ resolve: () => "4.52.7" }));
    expect(() => new OktaAccessIdentityProvider(stack, "Okta", { ...BASE_PROPS })).not.toThrow();
  });
});

describe("known-bad versions inside the range warn", () => {
  test("okta 6.5.1-6.5.4: once per stack, whichever bindings the provider comes from", () => {
    const stack = stackWith("6.5.2");
    new OktaAccessIdentityProvider(stack, "Okta", { ...BASE_PROPS });
    new OktaAccessIdentityProvider(stack, "Second", { ...BASE_PROPS, teamDomain: "second" });
    expect(warnings(stack)).toEqual([
      'OktaAccessIdentityProvider "test/Okta": the okta version constraint "6.5.2" allows okta 6.5.2, one of the versions >= 6.5.1, <= 6.5.4 in which okta_app_oauth.consent_method drifts: the read writes Okta\'s empty answer over the schema default TRUSTED, so every plan shows a change for an org without the Early Access consent feature. Require okta >= 6.5.5 (for example ">= 6.5.5, <= 6.12.0"). (The constraint comes from the okta provider "test/okta" (OtherBindingsProvider).)',
    ]);
  });

  test("a stack override that allows them, added after the construct", () => {
    const stack = newStack();
    new OktaAccessIdentityProvider(stack, "Okta", { ...BASE_PROPS });
    stack.addOverride("terraform.required_providers.okta.version", "~> 6.5.0");
    expect(warnings(stack)).toEqual([expect.stringContaining('the okta version constraint "~> 6.5.0" allows okta 6.5.1')]);
  });

  test("SCIM on an adopted identity provider with cloudflare below 5.20.0", () => {
    const stack = newStack();
    new OktaAccessIdentityProvider(stack, "Okta", { ...BASE_PROPS, ...ADOPT_WITH_SCIM });
    expect(warnings(stack).filter((w) => w.includes("scim_config"))).toEqual([
      `OktaAccessIdentityProvider "test/Okta": the cloudflare version constraint "${SUPPORTED.cloudflare.constraint}" allows cloudflare 5.14.0, one of the versions < 5.20.0 in which turning scim_config on for an existing identity provider fails with "Provider produced inconsistent result after apply" (a second apply succeeds). Require cloudflare >= 5.20.0 (for example "${SUPPORTED.cloudflare.constraint}, >= 5.20.0"). (The constraint comes from the cloudflare provider "test/cloudflare" (CloudflareProvider).)`,
    ]);
  });

  test("SCIM on a new identity provider, or with cloudflare >= 5.20.0, does not warn", () => {
    const fresh = newStack();
    new OktaAccessIdentityProvider(fresh, "Okta", { ...BASE_PROPS, scim: {} });
    expect(warnings(fresh).filter((w) => w.includes("scim_config"))).toEqual([]);
    const fixed = stackWith(undefined, "5.20.0");
    new OktaAccessIdentityProvider(fixed, "Okta", { ...BASE_PROPS, ...ADOPT_WITH_SCIM });
    expect(warnings(fixed).filter((w) => w.includes("scim_config"))).toEqual([]);
  });

  test("a constraint outside the tested range warns", () => {
    const stack = stackWith("6.13.0");
    new OktaAccessIdentityProvider(stack, "Okta", { ...BASE_PROPS });
    expect(warnings(stack)).toEqual([expect.stringContaining('the okta version constraint "6.13.0" allows only 6.13.0, none of the versions this library is tested with (4.20.0 to 6.12.0)')]);
  });
});

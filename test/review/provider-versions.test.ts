/**
 * Issue 24.8: the review's Terraform version-constraint evaluator (the
 * project's shared module, src/private/provider-versions.ts) and what follows
 * from it.
 */
import { admittedReleases, mayUseBelow, TERRAFORM_CONSTRAINTS } from "../../src/review/provider-versions";
import { index } from "./helpers";

describe("Terraform version constraints", () => {
  test.each([
    ["5.14.0", "5.14.0", true],
    ["5.14.0", "5.14.1", false],
    ["= 5.14.0", "5.14.0", true],
    ["!= 5.14.0", "5.14.0", false],
    ["!= 5.14.0", "5.15.0", true],
    ["> 5.14.0", "5.14.0", false],
    [">= 5.14.0", "5.14.0", true],
    ["< 5.20.0", "5.19.1", true],
    ["<= 5.20.0", "5.20.0", true],
    ["~> 5.14", "5.22.0", true],
    ["~> 5.14", "6.0.0", false],
    ["~> 5.14", "5.13.0", false],
    ["~> 5.14.0", "5.14.9", true],
    ["~> 5.14.0", "5.15.0", false],
    ["~> 5", "5.99.0", true],
    [">= 5.14.0, < 5.20.0", "5.19.1", true],
    [">= 5.14.0, < 5.20.0", "5.20.0", false],
    [">=5.14,<6", "5.22.0", true],
    ["5.19.0-beta.1", "5.19.0-beta.1", true],
    [">= 5.18.0", "5.19.0-beta.1", false],
    // As Terraform (go-versions) reads them: a trailing comma is fine.
    ["5.14.0,", "5.14.0", true],
  ])("%j admits %s: %s", (constraint, version, expected) => {
    expect(TERRAFORM_CONSTRAINTS.allows(constraint, version)).toBe(expected);
  });

  // Terraform refuses a "v" prefix too.
  test.each([["~> five"], [">>= 5"], [""], ["v5.14.0"]])("%j cannot be read", (constraint) => {
    expect(TERRAFORM_CONSTRAINTS.allows(constraint, "5.14.0")).toBeUndefined();
  });
});

describe("what a stack may install", () => {
  const stack = (required: unknown) => index({ terraform: { required_providers: required } as any });

  test("the known releases a constraint admits; every one without a constraint; undefined when it cannot be read", () => {
    expect(admittedReleases(stack({ cloudflare: { source: "cloudflare/cloudflare", version: "~> 5.19.0" } }), "cloudflare/cloudflare")).toEqual(["5.19.0", "5.19.1"]);
    expect(admittedReleases(stack({}), "cloudflare/cloudflare")?.length).toBeGreaterThan(20);
    expect(admittedReleases(stack({ cloudflare: { source: "cloudflare/cloudflare", version: "~> banana" } }), "cloudflare/cloudflare")).toBeUndefined();
  });

  test("the source as Terraform reads it: registry host and case dropped; the older string form is a version", () => {
    expect(mayUseBelow(stack({ cf: { source: "registry.terraform.io/Cloudflare/Cloudflare", version: "5.22.0" } }), "cloudflare/cloudflare", "5.20.0")).toBe(false);
    expect(mayUseBelow(stack({ cloudflare: "5.22.0" }), "hashicorp/cloudflare", "5.20.0")).toBe(false);
    // A constraint that cannot be read may admit anything: the advice stays.
    expect(mayUseBelow(stack({ cloudflare: { source: "cloudflare/cloudflare", version: "what" } }), "cloudflare/cloudflare", "5.20.0")).toBe(true);
  });

  test("required_providers written as a list of blocks (HCL's JSON form)", () => {
    const s = index({ terraform: [{ required_providers: [{ okta: { source: "okta/okta", version: "6.12.0" } }] }] });
    expect(s.requiredProviders.get("okta")).toEqual({ source: "okta/okta", version: "6.12.0" });
  });
});

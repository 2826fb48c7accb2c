import { CloudflareProvider } from "../src/providers/cloudflare/provider";
import { ZeroTrustAccessPolicy } from "../src/providers/cloudflare/zero-trust-access-policy";
import { TerraformVariable } from "cdktf";
import { GroupsClaim, OktaAccessIdentityProvider } from "../src";
import { ACCOUNT_ID, BASE_PROPS, newStack, only, synth, warnings, newIdentityProvider as idp } from "./helpers";


describe("OktaAccessIdentityProvider.accessGroup", () => {
  test("creates an Access group with one okta rule per Okta group, naming this IdP", () => {
    const { stack, okta } = idp();
    const group = okta.accessGroup("Engineers", { oktaGroups: ["Engineering", "SRE"] });
    const json = synth(stack);
    const resource = only(json, "cloudflare_zero_trust_access_group");
    const idpId = `\${cloudflare_zero_trust_access_identity_provider.${okta.identityProvider.friendlyUniqueId}.id}`;
    expect(resource.include).toEqual([
      { okta: { name: "Engineering", identity_provider_id: idpId } },
      { okta: { name: "SRE", identity_provider_id: idpId } },
    ]);
    expect(resource.account_id).toBe(ACCOUNT_ID);
    expect(resource).not.toHaveProperty("zone_id");
    expect(group.terraformResourceType).toBe("cloudflare_zero_trust_access_group");
    expect(Object.keys(json.resource.cloudflare_zero_trust_access_group)).toEqual([group.friendlyUniqueId]);
  });

  test("the name defaults to the id and can be set", () => {
    const { stack, okta } = idp();
    okta.accessGroup("Engineers", { oktaGroups: ["Engineering"] });
    okta.accessGroup("Admins", { oktaGroups: ["IT"], name: "Administrators" });
    const names = Object.values(synth(stack).resource.cloudflare_zero_trust_access_group).map((g: any) => g.name);
    expect(names.sort()).toEqual(["Administrators", "Engineers"]);
  });

  test("a zone-scoped IdP puts the group in its zone", () => {
    const { stack, okta } = idp({ accountId: undefined, zoneId: "fedcba9876543210fedcba9876543210" });
    okta.accessGroup("Engineers", { oktaGroups: ["Engineering"] });
    const resource = only(synth(stack), "cloudflare_zero_trust_access_group");
    expect(resource.zone_id).toBe("fedcba9876543210fedcba9876543210");
    expect(resource).not.toHaveProperty("account_id");
  });

  test("the group uses the construct's Cloudflare provider", () => {
    const stack = newStack();
    const cf = new CloudflareProvider(stack, "cloudflare-b", { alias: "b" });
    const okta = new OktaAccessIdentityProvider(stack, "Okta", { ...BASE_PROPS, cloudflareProvider: cf });
    okta.accessGroup("Engineers", { oktaGroups: ["Engineering"] });
    expect(only(synth(stack), "cloudflare_zero_trust_access_group").provider).toBe("cloudflare.b");
  });

  test("ids are scoped under the IdP's AccessGroups child and never collide with applications or the IdP's own children", () => {
    const { stack, okta } = idp();
    const group = okta.accessGroup("App", { oktaGroups: ["Engineering"] });
    const app = okta.protectApplication("App", { domain: "app.example.com", allowedOktaGroups: ["Engineering"] });
    expect(group.node.path).toBe("test/Okta/AccessGroups/App");
    expect(app.node.path).toBe("test/Okta/Applications/App");
    expect(okta.oktaApp.node.path).toBe("test/Okta/App");
    expect(() => synth(stack)).not.toThrow();
  });

  test("a list token becomes a for expression over the list", () => {
    const { stack, okta } = idp();
    const groups = new TerraformVariable(stack, "groups", { type: "list(string)" });
    okta.accessGroup("Engineers", { oktaGroups: groups.listValue });
    const include = only(synth(stack), "cloudflare_zero_trust_access_group").include;
    expect(include).toMatch(/^\$\{\[ for key, val in toset\(var\.groups\): \{ okta = \{ name = val, identity_provider_id = cloudflare_zero_trust_access_identity_provider\.[^.]+\.id \} \}\]\}$/);
  });

  test("the returned group can be referenced from a policy of the user's own", () => {
    const { stack, okta } = idp();
    const group = okta.accessGroup("Engineers", { oktaGroups: ["Engineering"] });
    new ZeroTrustAccessPolicy(stack, "Mine", { accountId: ACCOUNT_ID, name: "mine", decision: "allow", include: [{ group: { id: group.id } }] });
    const policy = only(synth(stack), "cloudflare_zero_trust_access_policy");
    expect(policy.include).toEqual([{ group: { id: `\${cloudflare_zero_trust_access_group.${group.friendlyUniqueId}.id}` } }]);
  });
});

describe("OktaAccessIdentityProvider.accessGroup: bad input", () => {
  test.each([
    ["an empty list", { oktaGroups: [] }, /accessGroup\("Engineers"\): oktaGroups must be a non-empty list of Okta group names; received \[\]/],
    ["an empty group name", { oktaGroups: ["Engineering", ""] }, /accessGroup\("Engineers"\): oktaGroups\[1\] must be a non-empty Okta group name; received ""/],
    ["a blank group name", { oktaGroups: ["  "] }, /oktaGroups\[0\] must be a non-empty Okta group name; received " {2}"/],
    ["a duplicate group", { oktaGroups: ["SRE", "SRE"] }, /oktaGroups must be a list without duplicates; received \["SRE","SRE"\]/],
    ["no oktaGroups", {}, /oktaGroups must be a non-empty list of Okta group names; received undefined/],
    ["an empty name", { oktaGroups: ["SRE"], name: "" }, /accessGroup\("Engineers"\): name must be a non-empty string; received ""/],
  ])("%s is refused", (_, options, message) => {
    const { okta } = idp();
    const make = () => okta.accessGroup("Engineers", options as any);
    expect(make).toThrow(message);
    expect(make).toThrow(/^OktaAccessIdentityProvider "test\/Okta"\.accessGroup\("Engineers"\): /);
  });

  test("a second group with the same id is refused, naming the id", () => {
    const { okta } = idp();
    okta.accessGroup("Engineers", { oktaGroups: ["Engineering"] });
    expect(() => okta.accessGroup("Engineers", { oktaGroups: ["SRE"] })).toThrow(
      /accessGroup\("Engineers"\): id must be unique among this identity provider's access groups; received "Engineers"/,
    );
  });
});

describe("OktaAccessIdentityProvider.accessGroup: warnings", () => {
  test("a group the groups claim never sends warns that the rule never matches", () => {
    const { stack, okta } = idp({ groupsClaim: GroupsClaim.startingWith("eng-") });
    okta.accessGroup("Mixed", { oktaGroups: ["eng-platform", "Marketing"] });
    expect(warnings(stack)).toEqual([
      expect.stringMatching(/accessGroup\("Mixed"\): oktaGroups \["Marketing"\] is not sent by the identity provider's groups claim \(groups starting with "eng-"\), so this rule never matches/),
    ]);
  });

  test("the Everyone group warns that every Okta user matches", () => {
    const { stack, okta } = idp();
    okta.accessGroup("All", { oktaGroups: ["Everyone"] });
    expect(warnings(stack)).toEqual([expect.stringMatching(/oktaGroups includes Okta's "Everyone" group: every user who can sign in/)]);
  });

  test("a Java regex is evaluated with Java's semantics: \\Aeng-.* sends eng-x, so no false \"never matches\" (issue 10)", () => {
    const { stack, okta } = idp({ groupsClaim: GroupsClaim.matchingRegex("\\Aeng-.*") });
    okta.accessGroup("Engineers", { oktaGroups: ["eng-x"] });
    expect(warnings(stack)).toEqual([]);
  });

  test("with Java's semantics a group the regex does not send still warns", () => {
    const { stack, okta } = idp({ groupsClaim: GroupsClaim.matchingRegex("(?i)^eng-.*") });
    okta.accessGroup("Mixed", { oktaGroups: ["ENG-x", "Marketing"] });
    expect(warnings(stack)).toEqual([expect.stringMatching(/oktaGroups \["Marketing"\] is not sent by the identity provider's groups claim/)]);
  });

  test("a regex that cannot be evaluated here stays silent rather than guess", () => {
    const { stack, okta } = idp({ groupsClaim: GroupsClaim.matchingRegex("(?iu)straße") });
    okta.accessGroup("Street", { oktaGroups: ["STRASSE"] });
    expect(warnings(stack)).toEqual([]);
  });

  test("named groups with the default groups claim warn about nothing", () => {
    const { stack, okta } = idp();
    okta.accessGroup("Engineers", { oktaGroups: ["Engineering", "SRE"] });
    expect(warnings(stack)).toEqual([]);
  });
});

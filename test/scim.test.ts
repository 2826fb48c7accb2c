import { TerraformOutput, Testing } from "cdktf";
import { OktaAccessIdentityProvider, OktaAccessIdentityProviderProps, ScimIdentityUpdateBehavior, ScimOptions } from "../src";
import { BASE_PROPS, newStack, only, synth, warnings } from "./helpers";

function build(scim: ScimOptions | undefined, props: Partial<OktaAccessIdentityProviderProps> = {}) {
  const stack = newStack();
  const okta = new OktaAccessIdentityProvider(stack, "Okta", { ...BASE_PROPS, ...props, scim });
  return { stack, okta };
}

describe("ScimIdentityUpdateBehavior", () => {
  test.each([
    ["AUTOMATIC", ScimIdentityUpdateBehavior.AUTOMATIC, "automatic"],
    ["REAUTH", ScimIdentityUpdateBehavior.REAUTH, "reauth"],
    ["NO_ACTION", ScimIdentityUpdateBehavior.NO_ACTION, "no_action"],
  ])("%s is Cloudflare's %s", (_, behavior, value) => {
    expect(behavior.value).toBe(value);
    expect(behavior.toString()).toBe(value);
  });
});

describe("scim: what it synthesizes", () => {
  test("without scim the IdP has no scim_config and no SCIM attributes", () => {
    const { stack, okta } = build(undefined);
    expect(only(synth(stack), "cloudflare_zero_trust_access_identity_provider")).not.toHaveProperty("scim_config");
    expect(okta.scimBaseUrl).toBeUndefined();
    expect(okta.scimSecret).toBeUndefined();
  });

  test("scim: {} enables SCIM with user deprovisioning and automatic identity updates", () => {
    const { stack } = build({});
    expect(only(synth(stack), "cloudflare_zero_trust_access_identity_provider").scim_config).toEqual({
      enabled: true,
      user_deprovision: true,
      seat_deprovision: false,
      identity_update_behavior: "automatic",
    });
  });

  test("every option reaches scim_config", () => {
    const { stack } = build({ userDeprovision: true, seatDeprovision: true, identityUpdateBehavior: ScimIdentityUpdateBehavior.REAUTH });
    expect(only(synth(stack), "cloudflare_zero_trust_access_identity_provider").scim_config).toEqual({
      enabled: true,
      user_deprovision: true,
      seat_deprovision: true,
      identity_update_behavior: "reauth",
    });
  });

  test("scimBaseUrl and scimSecret reference the IdP's computed scim_config values", () => {
    const { stack, okta } = build({ identityUpdateBehavior: ScimIdentityUpdateBehavior.NO_ACTION });
    new TerraformOutput(stack, "scim_base_url", { value: okta.scimBaseUrl });
    new TerraformOutput(stack, "scim_secret", { value: okta.scimSecret, sensitive: true });
    const json = synth(stack);
    const idp = `cloudflare_zero_trust_access_identity_provider.${okta.identityProvider.friendlyUniqueId}`;
    expect(json.output.scim_base_url).toEqual({ value: `\${${idp}.scim_config.scim_base_url}` });
    expect(json.output.scim_secret).toEqual({ value: `\${${idp}.scim_config.secret}`, sensitive: true });
  });

  test("the secret never appears as a literal: only the reference, in a sensitive output", () => {
    const { stack, okta } = build({});
    new TerraformOutput(stack, "scim_secret", { value: okta.scimSecret, sensitive: true });
    const json = synth(stack);
    expect(only(json, "cloudflare_zero_trust_access_identity_provider").scim_config).not.toHaveProperty("secret");
    expect(json.output.scim_secret.value).toMatch(/^\$\{cloudflare_zero_trust_access_identity_provider\.[^.}]+\.scim_config\.secret\}$/);
  });
});

describe("scim: an output of scimSecret must be sensitive", () => {
  test("a non-sensitive output of scimSecret fails synthesis, naming the output and the fix", () => {
    const { stack, okta } = build({});
    new TerraformOutput(stack, "scim_secret", { value: okta.scimSecret });
    expect(() => Testing.synth(stack, true)).toThrow(
      /OktaAccessIdentityProvider "test\/Okta": output "scim_secret" \(test\/scim_secret\) exposes scimSecret; set sensitive: true on it/,
    );
  });

  test("the secret wrapped in a larger value is caught too", () => {
    const { stack, okta } = build({});
    new TerraformOutput(stack, "okta_scim_app", { value: { url: okta.scimBaseUrl, header: `Bearer ${okta.scimSecret}` } });
    expect(() => Testing.synth(stack, true)).toThrow(/output "okta_scim_app" .*exposes scimSecret/);
  });

  test("a reference straight to the provider attribute is caught too", () => {
    const { stack, okta } = build({});
    new TerraformOutput(stack, "raw", { value: okta.identityProvider.scimConfig.secret });
    expect(() => Testing.synth(stack, true)).toThrow(/output "raw" .*exposes scimSecret/);
  });

  test("outputs of other values are not affected", () => {
    const { stack, okta } = build({});
    new TerraformOutput(stack, "scim_base_url", { value: okta.scimBaseUrl });
    new TerraformOutput(stack, "idp_id", { value: okta.identityProviderId });
    expect(() => Testing.synth(stack, true)).not.toThrow();
  });
});

describe("scim: bad input", () => {
  test.each([
    ["seatDeprovision without userDeprovision", { userDeprovision: false, seatDeprovision: true }, /scim.seatDeprovision must be false when scim.userDeprovision is false .*; received true/],
    ["a string identityUpdateBehavior", { identityUpdateBehavior: "automatic" as any }, /scim.identityUpdateBehavior must be a ScimIdentityUpdateBehavior: AUTOMATIC, REAUTH or NO_ACTION; received "automatic"/],
    ["a string userDeprovision", { userDeprovision: "yes" as any }, /scim.userDeprovision must be true or false; received "yes"/],
    ["a number seatDeprovision", { seatDeprovision: 1 as any }, /scim.seatDeprovision must be true or false; received 1/],
  ])("%s is refused", (_, scim, message) => {
    const make = () => build(scim);
    expect(make).toThrow(message);
    expect(make).toThrow(/^OktaAccessIdentityProvider "test\/Okta": /);
  });

  test("a non-object scim is refused", () => {
    expect(() => build(true as any)).toThrow(/scim must be an object such as \{ userDeprovision: true \}.*; received true/);
  });
});

describe("scim: warnings", () => {
  test("the defaults warn about nothing", () => {
    expect(warnings(build({}).stack)).toEqual([]);
  });

  test("turning user deprovisioning off warns that deactivated users keep their sessions", () => {
    expect(warnings(build({ userDeprovision: false }).stack)).toEqual([
      expect.stringMatching(/scim.userDeprovision is false: a user deactivated in Okta keeps their Access sessions until they expire/),
    ]);
  });
});

import { Lazy } from "cdktf";
import { ScimIdentityUpdateBehavior } from "../../src";
import { resolveScim } from "../../src/private/scim-config";

describe("resolveScim", () => {
  test("defaults: enabled, user deprovisioning on, seats kept, automatic identity updates, no warning", () => {
    expect(resolveScim("w", {})).toEqual({
      config: { enabled: true, userDeprovision: true, seatDeprovision: false, identityUpdateBehavior: "automatic" },
      warnings: [],
    });
  });

  test("explicit values win", () => {
    expect(resolveScim("w", { userDeprovision: false, identityUpdateBehavior: ScimIdentityUpdateBehavior.NO_ACTION }).config).toEqual({
      enabled: true,
      userDeprovision: false,
      seatDeprovision: false,
      identityUpdateBehavior: "no_action",
    });
  });

  test("seat deprovisioning needs user deprovisioning", () => {
    expect(() => resolveScim("w", { userDeprovision: false, seatDeprovision: true })).toThrow(/^w: scim.seatDeprovision must be false when scim.userDeprovision is false/);
    expect(() => resolveScim("w", { seatDeprovision: true })).not.toThrow();
  });

  test("turning user deprovisioning off is returned as a warning", () => {
    expect(resolveScim("w", { userDeprovision: false }).warnings).toEqual([expect.stringMatching(/^w: scim.userDeprovision is false/)]);
  });

  test.each([
    ["a list", [], /^w: scim must be an object such as \{ userDeprovision: true \} \(or \{\} for the defaults\); received \[\]$/],
    ["null", null, /scim must be an object .*; received null$/],
    ["a string", "on", /scim must be an object .*; received "on"$/],
    ["true", true, /scim must be an object .*; received true$/],
  ])("%s is refused", (_, scim, message) => {
    expect(() => resolveScim("w", scim as any)).toThrow(message);
  });

  test("a misspelt key is refused with a suggestion", () => {
    expect(() => resolveScim("w", { userDeprovison: false } as any)).toThrow(
      /^w: scim must be an object with only the keys userDeprovision, seatDeprovision, identityUpdateBehavior; unknown: "userDeprovison" \(did you mean "userDeprovision"\?\); received \{"userDeprovison": <a boolean>\}$/,
    );
  });

  test("a token passes through as the whole scim_config instead of being replaced by the defaults", () => {
    const token = Lazy.anyValue({ produce: () => ({ enabled: true }) }) as any;
    expect(resolveScim("w", token)).toEqual({ config: token, warnings: [] });
  });
});

import { ScimIdentityUpdateBehavior } from "../../src";
import { scimConfig } from "../../src/private/scim-config";
import { newStack, warnings } from "../helpers";

describe("scimConfig", () => {
  test("defaults: enabled, user deprovisioning on, seats kept, automatic identity updates", () => {
    expect(scimConfig(newStack(), "w", {})).toEqual({ enabled: true, userDeprovision: true, seatDeprovision: false, identityUpdateBehavior: "automatic" });
  });

  test("explicit values win", () => {
    expect(scimConfig(newStack(), "w", { userDeprovision: false, identityUpdateBehavior: ScimIdentityUpdateBehavior.NO_ACTION })).toEqual({
      enabled: true,
      userDeprovision: false,
      seatDeprovision: false,
      identityUpdateBehavior: "no_action",
    });
  });

  test("seat deprovisioning needs user deprovisioning", () => {
    expect(() => scimConfig(newStack(), "w", { userDeprovision: false, seatDeprovision: true })).toThrow(/^w: scim.seatDeprovision must be false when scim.userDeprovision is false/);
    expect(() => scimConfig(newStack(), "w", { seatDeprovision: true })).not.toThrow();
  });

  test("turning user deprovisioning off warns on the given scope", () => {
    const stack = newStack();
    scimConfig(stack, "w", { userDeprovision: false });
    expect(warnings(stack)).toEqual([expect.stringMatching(/^w: scim.userDeprovision is false/)]);
  });
});

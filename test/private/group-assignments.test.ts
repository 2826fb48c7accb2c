import { Token } from "cdktf";
import { groupAssignments, groupBlocks } from "../../src/private/group-assignments";
import { newStack } from "../helpers";

describe("groupAssignments", () => {
  test("exclusive: a single okta_app_group_assignments with one group block per id", () => {
    const stack = newStack();
    const resources = groupAssignments(stack, "app", ["g1", "g2"], true, undefined, false);
    expect(resources.map((r) => [r.node.id, r.terraformResourceType])).toEqual([["GroupAssignments", "okta_app_group_assignments"]]);
  });

  test("additive: one okta_app_group_assignment per id, named after the id", () => {
    const stack = newStack();
    const resources = groupAssignments(stack, "app", ["00g1", "00g-2"], false, undefined, false);
    expect(resources.map((r) => [r.node.id, r.terraformResourceType])).toEqual([
      ["GroupAssignment_00g1", "okta_app_group_assignment"],
      ["GroupAssignment_00g-2", "okta_app_group_assignment"],
    ]);
  });

  test("additive: the Everyone group and ids that are tokens or odd strings get stable fallback names", () => {
    const everyone = groupAssignments(newStack(), "app", [Token.asString({ ref: "data.everyone.id" })], false, undefined, true);
    expect(everyone.map((r) => r.node.id)).toEqual(["GroupAssignment_Everyone"]);
    const odd = groupAssignments(newStack(), "app", ["00g1", Token.asString({ ref: "var.g" }), "a/b"], false, undefined, false);
    expect(odd.map((r) => r.node.id)).toEqual(["GroupAssignment_00g1", "GroupAssignment1", "GroupAssignment2"]);
  });

  test("groupBlocks: literal ids become blocks, a list token a dynamic block", () => {
    expect(groupBlocks(["a", "b"])).toEqual([{ id: "a" }, { id: "b" }]);
    expect(Token.isUnresolved(groupBlocks(Token.asList({ ref: "var.groups" })))).toBe(true);
  });
});

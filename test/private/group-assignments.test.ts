import { TerraformVariable, Token } from "cdktf";
import { Construct } from "constructs";
import { assignmentId, groupAssignments, groupBlocks } from "../../src/private/group-assignments";
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

  test("additive: the Everyone group is named GroupAssignment_Everyone", () => {
    const everyone = groupAssignments(newStack(), "app", [Token.asString({ ref: "data.everyone.id" })], false, undefined, true);
    expect(everyone.map((r) => r.node.id)).toEqual(["GroupAssignment_Everyone"]);
  });

  test("additive: token and unusual ids get names derived from the id itself, not its position", () => {
    const stack = newStack();
    const variable = new TerraformVariable(stack, "g", { type: "string" });
    let n = 0;
    const ids = (list: string[]) => groupAssignments(new Construct(stack, `scope${n++}`), "app", list, false, undefined, false).map((r) => r.node.id);
    const first = ids(["00g1", variable.stringValue, "a/b"]);
    expect(first[0]).toBe("GroupAssignment_00g1");
    expect(first[1]).toMatch(/^GroupAssignment_var_g_[0-9a-f]{8}$/);
    expect(first[2]).toMatch(/^GroupAssignment_a_b_[0-9a-f]{8}$/);
    // Reordered and with one removed: the same id keeps the same name.
    expect(ids(["a/b", variable.stringValue])).toEqual([first[2], first[1]]);
    // Ids that differ only in unsafe characters still get different names.
    const [slash, dot] = ids(["a/b", "a.b"]);
    expect(slash).not.toBe(dot);
  });

  test("additive: a reference to a resource is named after its expression", () => {
    const stack = newStack();
    const ref = Token.asString({ ref: "okta_group.eng.id" });
    const [resource] = groupAssignments(stack, "app", [ref], false, undefined, false);
    expect(resource.node.id).toBe(assignmentId(stack, ref));
    expect(resource.node.id).toMatch(/^GroupAssignment_[A-Za-z0-9_]*_[0-9a-f]{8}$/);
  });

  test("groupBlocks: literal ids become blocks, a list token a dynamic block", () => {
    expect(groupBlocks(["a", "b"])).toEqual([{ id: "a" }, { id: "b" }]);
    expect(Token.isUnresolved(groupBlocks(Token.asList({ ref: "var.groups" })))).toBe(true);
  });
});

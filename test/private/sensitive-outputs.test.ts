import { TerraformOutput, TerraformVariable } from "cdktf";
import { nonSensitiveOutputsOf } from "../../src/private/sensitive-outputs";
import { newStack } from "../helpers";

describe("nonSensitiveOutputsOf", () => {
  test("finds the outputs that refer to the expression and are not sensitive", () => {
    const stack = newStack();
    const secret = new TerraformVariable(stack, "secret", { type: "string" });
    const other = new TerraformVariable(stack, "other", { type: "string" });
    new TerraformOutput(stack, "plain", { value: secret.stringValue });
    new TerraformOutput(stack, "nested", { value: { a: [`x-${secret.stringValue}`] } });
    new TerraformOutput(stack, "marked", { value: secret.stringValue, sensitive: true });
    new TerraformOutput(stack, "unrelated", { value: other.stringValue });
    const longer = new TerraformVariable(stack, "secret_name", { type: "string" });
    new TerraformOutput(stack, "longer_name", { value: longer.stringValue });
    new TerraformOutput(stack, "literal", { value: "var.secret is not a reference" });
    expect(nonSensitiveOutputsOf(stack, "var.secret").map((o) => o.friendlyUniqueId)).toEqual(["plain", "nested"]);
  });

  test("a stack without outputs has none", () => {
    expect(nonSensitiveOutputsOf(newStack(), "var.secret")).toEqual([]);
  });
});

import { Testing, TerraformOutput, TerraformVariable, Tokenization } from "cdktf";
import { nonSensitiveOutputsOf, refuseNonSensitiveOutputsOf } from "../../src/private/sensitive-outputs";
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

describe("refuseNonSensitiveOutputsOf", () => {
  afterEach(() => jest.restoreAllMocks());

  test("fails synthesis with each guard's message for each unmarked output of its reference", () => {
    const stack = newStack();
    const a = new TerraformVariable(stack, "a", { type: "string" });
    const b = new TerraformVariable(stack, "b", { type: "string" });
    new TerraformOutput(stack, "a_plain", { value: a.stringValue });
    new TerraformOutput(stack, "a_marked", { value: a.stringValue, sensitive: true });
    new TerraformOutput(stack, "both", { value: `${a.stringValue}-${b.stringValue}` });
    refuseNonSensitiveOutputsOf(stack, "var.a", (o) => `A exposed by ${o.friendlyUniqueId}`);
    refuseNonSensitiveOutputsOf(stack, "var.b", (o) => `B exposed by ${o.friendlyUniqueId}`);
    expect(stack.node.validate()).toEqual(["A exposed by a_plain", "A exposed by both", "B exposed by both"]);
    expect(() => Testing.synth(stack, true)).toThrow(/A exposed by a_plain/);
  });

  test("resolves each output once per synth, however many references are guarded", () => {
    const stack = newStack();
    const secret = new TerraformVariable(stack, "secret", { type: "string" });
    for (let i = 0; i < 3; i++) new TerraformOutput(stack, `out${i}`, { value: `${secret.stringValue}-${i}`, sensitive: true });
    for (let i = 0; i < 10; i++) refuseNonSensitiveOutputsOf(stack, `var.guarded${i}`, () => "never");
    const resolve = jest.spyOn(Tokenization, "resolve");
    new TerraformOutput(stack, "plain", { value: secret.stringValue });
    expect(stack.node.validate()).toEqual([]);
    // One resolve of the one unmarked output, not one per guard.
    expect(resolve).toHaveBeenCalledTimes(1);
  });
});

import { Annotations, TerraformStack, Testing } from "cdktf";
import { OktaAccessIdentityProvider } from "../../src";
import { BASE_PROPS, newStack } from "../helpers";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { collectAnnotations, printAnnotations } = require("../../scripts/annotations") as {
  collectAnnotations: (scope: unknown) => { level: string; path: string; message: string }[];
  printAnnotations: (scope: unknown, out: { log: (s: string) => void; warn: (s: string) => void; error: (s: string) => void }) => number;
};

describe("scripts/annotations.js (npm run synth prints every warning and error)", () => {
  test("collects the construct's warnings and any error annotation, with paths", () => {
    const stack = newStack();
    new OktaAccessIdentityProvider(stack, "Okta", { ...BASE_PROPS, teamDomain: "example.com" });
    Annotations.of(stack).addError("broken");
    Annotations.of(stack).addInfo("fyi");
    Testing.synth(stack);
    expect(collectAnnotations(stack.node.scope!).map((a) => [a.level, a.path, a.message.slice(0, 30)])).toEqual([
      ["ERROR", "test", "broken"],
      ["INFO", "test", "fyi"],
      ["WARNING", "test/Okta", 'OktaAccessIdentityProvider "te'],
    ]);
  });

  test("prints each one and returns the error count", () => {
    const stack = new TerraformStack(Testing.app(), "s");
    Annotations.of(stack).addWarning("careful");
    Annotations.of(stack).addError("bad");
    const lines: string[] = [];
    const out = { log: (s: string) => lines.push(`log ${s}`), warn: (s: string) => lines.push(`warn ${s}`), error: (s: string) => lines.push(`error ${s}`) };
    expect(printAnnotations(stack, out)).toBe(1);
    expect(lines).toEqual(["warn [WARNING] s: careful", "error [ERROR] s: bad", "log 1 error(s), 1 warning(s)"]);
  });
});

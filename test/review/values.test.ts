/**
 * Issue 24.3: values as Terraform reads them. The conversions follow go-cty
 * (cty/convert/conversion_primitive.go, cty.ParseNumberVal): one table of
 * cases for each, including the strings Terraform refuses.
 */
import { evaluate, stackScope } from "../../src/review/expressions";
import { display, tfBool, tfNumber } from "../../src/review/values";

describe("tfBool: a string Terraform converts to a bool is that bool", () => {
  test.each([
    [true, true],
    [false, false],
    ["true", true],
    ["1", true],
    ["false", false],
    ["0", false],
  ])("%j is %j", (value, expected) => expect(tfBool(value)).toBe(expected));

  test.each([["True"], ["TRUE"], ["yes"], [" true"], ["true "], ["01"], [""], [1], [0], [null], [undefined], [["true"]], [{ v: true }]])("%j is no bool (Terraform refuses it, or it is not a string)", (value) =>
    expect(tfBool(value)).toBeUndefined(),
  );
});

describe("tfNumber: a string Terraform converts to a number is that number", () => {
  test.each([
    [2, 2],
    ["2", 2],
    ["+2", 2],
    ["-2", -2],
    ["2.5", 2.5],
    ["2.", 2],
    [".5", 0.5],
    ["1e3", 1000],
    ["1E-2", 0.01],
    ["1p3", 8],
    ["Inf", Infinity],
    ["-inf", -Infinity],
    ["007", 7],
  ])("%j is %j", (value, expected) => expect(tfNumber(value)).toBe(expected));

  test.each([[""], [" 2"], ["2 "], ["0x10"], ["1_000"], ["two"], ["INF"], ["NaN"], ["1e"], ["."], [true], [null], [undefined], [[2]]])("%j is no number", (value) =>
    expect(tfNumber(value)).toBeUndefined(),
  );
});

describe("display shows numbers and bools the way Terraform converts them to strings", () => {
  test("values", () => {
    expect([display(2), display(true), display("x"), display(null), display({ b: 1, a: 2 })]).toEqual(["2", "true", "x", undefined, '{"a":2,"b":1}']);
  });
});

describe("the expression evaluator uses the same conversions", () => {
  const scope = stackScope({ locals: { yes: "1", two: "2" } });
  test.each([
    ['${local.yes ? "on" : "off"}', "on"],
    ["${local.two + 1}", 3],
    ['${tobool("1")}', true],
    ['${tonumber("2.5")}', 2.5],
  ])("%s is %j", (text, expected) => expect(evaluate(text, scope)).toMatchObject({ known: true, value: expected }));

  test("a string Terraform refuses to convert is no constant", () => {
    expect(evaluate('${tobool("yes")}', scope).known).toBe(false);
    expect(evaluate('${tonumber(" 2")}', scope).known).toBe(false);
  });
});

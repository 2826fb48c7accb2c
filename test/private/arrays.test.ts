import { appendAll } from "../../src/private/arrays";

describe("appendAll", () => {
  test("appends in order, also from an iterable", () => {
    const target = [1, 2];
    appendAll(target, [3, 4]);
    appendAll(target, new Set([5]));
    expect(target).toEqual([1, 2, 3, 4, 5]);
  });

  test("appends 500,000 items, where a spread into push overflows the call stack", () => {
    const many = Array.from({ length: 500_000 }, (_, i) => i);
    expect(() => [].push(...(many as never[]))).toThrow(RangeError);
    const target: number[] = [];
    appendAll(target, many);
    expect(target.length).toBe(500_000);
    expect(target[499_999]).toBe(499_999);
  });
});

/**
 * The evaluator's logic (logic.ts): Kleene's three-valued evaluation, the
 * bounded search, its budget, and the least witness.
 */
import fc from "fast-check";
import { Budget, Logic } from "../../src/review/logic";

describe("three-valued evaluation", () => {
  const l = new Logic();
  const a = l.atom("a");
  const b = l.atom("b");
  const va = l.variable("a", ["false", "true"]);
  const vb = l.variable("b", ["false", "true"]);
  const at = (x: number, y: number) => {
    const s = l.unassigned();
    s[va] = x;
    s[vb] = y;
    return s;
  };

  test.each([
    // a, b (-1 unassigned): and, or, not a, atMostOne
    [-1, -1, 2, 2, 2, 2],
    [1, -1, 2, 1, 0, 2],
    [0, -1, 0, 2, 1, 1],
    [1, 1, 1, 1, 0, 0],
    [1, 0, 0, 1, 0, 1],
    [0, 0, 0, 0, 1, 1],
  ])("a=%i b=%i: and %i, or %i, not a %i, at most one %i", (x, y, and, or, not, amo) => {
    expect([l.evaluate(l.and(a, b), at(x, y)), l.evaluate(l.or(a, b), at(x, y)), l.evaluate(l.not(a), at(x, y)), l.evaluate(l.atMostOne([a, b]), at(x, y))]).toEqual([and, or, not, amo]);
  });

  test("constants fold, formulas are shared, a double negation is the formula", () => {
    expect(l.and(a, l.TRUE)).toBe(a);
    expect(l.and(a, l.FALSE)).toBe(l.FALSE);
    expect(l.or(a, l.TRUE)).toBe(l.TRUE);
    expect(l.or(b, a)).toBe(l.or(a, b));
    expect(l.not(l.not(a))).toBe(a);
    expect(l.ite(l.TRUE, a, b)).toBe(a);
    expect(l.ite(a, b, b)).toBe(b);
    expect(l.and(l.and(a, b), a)).toBe(l.and(a, b));
  });
});

describe("search", () => {
  test("the first assignment that makes the formula true, defaults first; none when it cannot be", () => {
    const l = new Logic();
    const f = l.and(l.atom("x"), l.not(l.atom("y")));
    const order = l.variablesOf(f, true);
    const found = l.search(f, order, new Budget(100));
    expect(found.kind).toBe("found");
    if (found.kind === "found") expect([...found.assignment]).toEqual([1, 0]);
    expect(l.search(l.and(l.atom("x"), l.not(l.atom("x"))), order, new Budget(100)).kind).toBe("none");
  });

  test("a search that runs out of its budget says so, never that nothing was found", () => {
    const l = new Logic();
    // Parity of 12 variables, built in two orders: the same function in two shapes no fold relates, so no branch is decided before the last.
    const parityOf = (names: string[]) => names.reduce((p, name) => {
      const x = l.atom(name);
      return l.or(l.and(x, l.not(p)), l.and(l.not(x), p));
    }, l.FALSE);
    const names = Array.from({ length: 12 }, (_, i) => `x${i}`);
    const parity = parityOf(names);
    const f = l.and(parity, l.not(parityOf([...names].reverse())));
    expect(l.search(f, l.variablesOf(f, true), new Budget(50)).kind).toBe("out of budget");
    const run = new Budget(10);
    expect(l.search(parity, l.variablesOf(parity, true), new Budget(1_000_000), run).kind).toBe("out of budget");
    expect(run.spent).toBe(10);
  });

  test("opaque variables left out of a search: the formula must hold whatever they are", () => {
    const l = new Logic();
    const o = l.atom("o", true);
    const x = l.atom("x");
    // x and (o or not o) folds to x: found without o.
    const folds = l.and(x, l.or(o, l.not(o)));
    expect(l.search(folds, l.variablesOf(folds, false), new Budget(100)).kind).toBe("found");
    // (o and p and x) or (not o and x) or (not p and x) is x too, but no fold shows it: without o and p, no definite answer; with them, one.
    const p = l.atom("p", true);
    const f = l.or(l.and(o, p, x), l.and(l.not(o), x), l.and(l.not(p), x));
    expect(l.search(f, l.variablesOf(f, false), new Budget(100)).kind).toBe("none");
    expect(l.search(f, l.variablesOf(f, true), new Budget(100)).kind).toBe("found");
  });

  test("folds: a formula and its negation, two values of one variable", () => {
    const l = new Logic();
    const x = l.atom("x");
    const y = l.atom("y");
    expect(l.and(x, l.not(x))).toBe(l.FALSE);
    expect(l.or(x, l.not(x))).toBe(l.TRUE);
    const login = l.variable("login", ["none", "a", "b"]);
    expect(l.and(l.is(login, 1), l.is(login, 2))).toBe(l.FALSE);
    const base = l.or(x, y);
    const head = l.or(x, y, l.atom("z"));
    // Head admits and base does not: once z is set to false, the two are one formula.
    const f = l.and(head, l.not(base));
    const a = l.unassigned();
    a[l.variable("z", [])] = 0;
    expect(l.restrict(f, a)).toBe(l.FALSE);
  });

  test("with a cap, at most that many variables leave their default", () => {
    const l = new Logic();
    const f = l.or(l.and(l.atom("a"), l.atom("b")), l.atom("c"));
    const order = l.variablesOf(f, true);
    const any = l.search(f, order, new Budget(100));
    const one = l.search(f, order, new Budget(100), undefined, 1);
    expect(any.kind).toBe("found");
    expect(one.kind === "found" ? l.changedCount(one.assignment, order) : -1).toBe(1);
    expect(l.search(f, order, new Budget(100), undefined, 0).kind).toBe("none");
  });

  test("minimize resets what the formula does not need", () => {
    const l = new Logic();
    const f = l.atom("a");
    l.atom("b");
    const order = [0, 1];
    const full = Int32Array.from([1, 1]);
    expect([...l.minimize(f, full, order)]).toEqual([1, 0]);
  });

  test("property: the search finds an assignment exactly when brute force over every assignment does", () => {
    type Expr = { v: number } | { not: Expr } | { and: Expr[] } | { or: Expr[] };
    const expr: fc.Arbitrary<Expr> = fc.letrec<{ e: Expr }>((tie) => ({
      e: fc.oneof({ depthSize: "small", withCrossShrink: true }, fc.record({ v: fc.integer({ min: 0, max: 5 }) }), fc.record({ not: tie("e") }), fc.record({ and: fc.array(tie("e"), { maxLength: 3 }) }), fc.record({ or: fc.array(tie("e"), { maxLength: 3 }) })),
    })).e;
    fc.assert(
      fc.property(expr, (e) => {
        const l = new Logic();
        const vars = Array.from({ length: 6 }, (_, i) => l.variable(`v${i}`, ["false", "true"]));
        const build = (x: Expr): number => ("v" in x ? l.is(vars[x.v], 1) : "not" in x ? l.not(build(x.not)) : "and" in x ? l.and(...x.and.map(build)) : l.or(...x.or.map(build)));
        const value = (x: Expr, bits: number): boolean => ("v" in x ? ((bits >> x.v) & 1) === 1 : "not" in x ? !value(x.not, bits) : "and" in x ? x.and.every((y) => value(y, bits)) : x.or.some((y) => value(y, bits)));
        const f = build(e);
        let brute = false;
        for (let bits = 0; bits < 64 && !brute; bits++) brute = value(e, bits);
        const found = l.search(f, vars, new Budget(10_000));
        expect(found.kind).toBe(brute ? "found" : "none");
        if (found.kind === "found") expect(value(e, vars.reduce((n, v, i) => n | (found.assignment[v] === 1 ? 1 << i : 0), 0))).toBe(true);
      }),
      { numRuns: 300, seed: 7 },
    );
  });
});

/**
 * Formulas over finite variables, three-valued evaluation, and a bounded
 * search for an assignment that makes a formula true. The access comparison
 * (access-compare.ts) asks it "is there an identity that the head admits and
 * the base does not?": the identity is an assignment, the question a formula.
 *
 * - A variable has a finite domain: `false`/`true` for an atom, the identity
 *   provider a person signed in through for the login, what a policy outside
 *   the stack decides. A variable is opaque when the review does not know what
 *   it stands for (an unknown selector, a value known only at plan time).
 * - Formulas are built once and shared (a DAG, hash-consed): an Access group
 *   used by ten policies is one sub-formula.
 * - Evaluation is Kleene's three-valued logic over a partial assignment:
 *   true, false, or unknown when the unassigned variables could go either way.
 *   True means true for every completion; false, false for every completion.
 * - A junction that holds a formula and its negation folds (`x and not x`
 *   is false, `x or not x` true), as does a conjunction of two values of one
 *   variable.
 *   Base and head share every formula they have in common, so once the
 *   variables that tell them apart are set, "the head admits and the base
 *   does not" folds to false at once.
 * - `search` is a depth-first search over the variables (DPLL without
 *   learning): each branch restricts the formula to the value it sets (the
 *   formula rebuilt, folded as above), cuts every branch where it is false and
 *   stops at the first where it is true. Every branch costs the formulas its
 *   restriction visits (at least one step) of a {@link Budget}, and the
 *   formulas it builds count against the logic's limit; a search that runs
 *   out of either says so, and its caller reports "cannot tell". The search tries each variable's default (false, "none")
 *   first, so what it finds is close to the least identity that answers;
 *   `minimize` then resets every variable it can.
 */

/** 0 false, 1 true, 2 unknown. */
export type Tri = 0 | 1 | 2;

/** A formula: an index into its {@link Logic}. */
export type Formula = number;

/** A variable of a {@link Logic}. */
export interface Variable {
  readonly key: string;
  /** Its values; index 0 is the default. */
  readonly values: string[];
  /** True when the review does not know what it stands for. */
  readonly opaque: boolean;
}

type Node =
  | { readonly op: "const"; readonly value: 0 | 1 }
  | { readonly op: "is"; readonly variable: number; readonly value: number }
  | { readonly op: "and" | "or" | "atMostOne"; readonly kids: readonly number[] }
  | { readonly op: "not"; readonly kid: number };

/** Something steps are taken from: a {@link Budget}, or the review's run-wide budget. */
export interface Steps {
  /** Takes `n` steps (default one); false when not that many are left. */
  take(n?: number): boolean;
}

/** Steps a search may take: per comparison and for the whole run. */
export class Budget implements Steps {
  private used = 0;

  constructor(public readonly limit: number) {}

  /** Takes `n` steps (default one); false when not that many are left. */
  public take(n = 1): boolean {
    if (this.used + n > this.limit) {
      this.used = this.limit;
      return false;
    }
    this.used += n;
    return true;
  }

  public get spent(): number {
    return this.used;
  }
}

/** The result of a search. */
export type SearchResult = { readonly kind: "found"; readonly assignment: Int32Array } | { readonly kind: "none" } | { readonly kind: "out of budget" };

/** A set of variables and the formulas over them. */
export class Logic {
  public readonly variables: Variable[] = [];
  private readonly variableIndex = new Map<string, number>();
  private readonly nodes: Node[] = [];
  private readonly interned = new Map<string, number>();
  public readonly TRUE: Formula;
  public readonly FALSE: Formula;
  private stamp = 0;
  private stamps = new Int32Array(0);
  private memo = new Uint8Array(0);

  constructor(private readonly maxNodes = 200_000) {
    this.FALSE = this.intern("0", { op: "const", value: 0 });
    this.TRUE = this.intern("1", { op: "const", value: 1 });
  }

  /** The variable of a key, created with its values on first use (more values may be added later). */
  public variable(key: string, values: readonly string[], opaque = false): number {
    const known = this.variableIndex.get(key);
    if (known !== undefined) return known;
    this.variables.push({ key, values: [...values], opaque });
    this.variableIndex.set(key, this.variables.length - 1);
    return this.variables.length - 1;
  }

  /** A value of a variable, added when new. */
  public valueOf(variable: number, value: string): number {
    const values = this.variables[variable].values;
    const i = values.indexOf(value);
    if (i >= 0) return i;
    values.push(value);
    return values.length - 1;
  }

  public size(): number {
    return this.nodes.length;
  }

  private work = 0;

  /** Counts work that may build nothing new (the same formulas again): it counts against the limit like a new formula. */
  public spend(steps = 1): void {
    this.work += steps;
  }

  /** True when more formulas were built (or work spent) than the limit allows (the caller reports "cannot tell"). */
  public get overflowed(): boolean {
    return this.nodes.length + this.work > this.maxNodes;
  }

  private intern(key: string, node: Node): Formula {
    const known = this.interned.get(key);
    if (known !== undefined) return known;
    this.nodes.push(node);
    this.interned.set(key, this.nodes.length - 1);
    return this.nodes.length - 1;
  }

  /** `variable = value`. */
  public is(variable: number, value: number): Formula {
    return this.intern(`=${variable}:${value}`, { op: "is", variable, value });
  }

  /** A boolean variable is true. */
  public atom(key: string, opaque = false): Formula {
    return this.is(this.variable(key, ["false", "true"], opaque), 1);
  }

  public not(f: Formula): Formula {
    if (f === this.TRUE) return this.FALSE;
    if (f === this.FALSE) return this.TRUE;
    const node = this.nodes[f];
    if (node.op === "not") return node.kid;
    // Kept as a negation of the whole (not pushed down): restricted, base and head meet in one formula and its negation, which folds.
    return this.intern(`!${f}`, { op: "not", kid: f });
  }

  public and(...fs: Formula[]): Formula {
    return this.junction("and", fs, this.TRUE, this.FALSE);
  }

  public or(...fs: Formula[]): Formula {
    return this.junction("or", fs, this.FALSE, this.TRUE);
  }

  /** At most one of the formulas is true. */
  public atMostOne(fs: readonly Formula[]): Formula {
    const kids = [...new Set(fs.filter((f) => f !== this.FALSE))].sort((a, b) => a - b);
    if (kids.length <= 1) return this.TRUE;
    return this.intern(`<=1${kids.join(",")}`, { op: "atMostOne", kids });
  }

  /** `a` implies `b`. */
  public implies(a: Formula, b: Formula): Formula {
    return this.or(this.not(a), b);
  }

  /** If `c` then `a` else `b`. */
  public ite(c: Formula, a: Formula, b: Formula): Formula {
    if (c === this.TRUE) return a;
    if (c === this.FALSE) return b;
    if (a === b) return a;
    return this.or(this.and(c, a), this.and(this.not(c), b));
  }

  private junction(op: "and" | "or", fs: readonly Formula[], unit: Formula, zero: Formula): Formula {
    const kids = new Set<number>();
    for (const f of fs) {
      if (f === zero) return zero;
      if (f === unit) continue;
      const node = this.nodes[f];
      if (node.op === op) for (const k of node.kids) kids.add(k);
      else kids.add(f);
    }
    if (kids.size === 0) return unit;
    if (kids.size === 1) return [...kids][0];
    const values = new Map<number, number>();
    for (const k of kids) {
      const node = this.nodes[k];
      // A formula and its negation: x and not x, x or not x (x flattened into the junction too: a and b and not (a and b)).
      if (node.op === "not") {
        const inner = this.nodes[node.kid];
        if (kids.has(node.kid) || (inner.op === op && inner.kids.every((k) => kids.has(k)))) return zero;
      }
      // Two values of one variable cannot both hold.
      if (op === "and" && node.op === "is") {
        const other = values.get(node.variable);
        if (other !== undefined && other !== node.value) return zero;
        values.set(node.variable, node.value);
      }
    }
    const sorted = [...kids].sort((a, b) => a - b);
    return this.intern(`${op}${sorted.join(",")}`, { op, kids: sorted });
  }

  /** The formula with some variables set (the others free), rebuilt and folded. */
  public restrict(f: Formula, assignment: Int32Array): Formula {
    // Memo by stamp: one array for every walk, no map per walk.
    if (this.restrictStamps.length < this.nodes.length) {
      this.restrictStamps = new Int32Array(this.nodes.length * 2);
      this.restrictMemo = new Int32Array(this.nodes.length * 2);
    }
    const stamp = ++this.restrictStamp;
    const stamps = this.restrictStamps;
    const memo = this.restrictMemo;
    const walk = (n: number): number => {
      if (n < stamps.length && stamps[n] === stamp) return memo[n];
      this.visits++;
      const node = this.nodes[n];
      let result: number;
      switch (node.op) {
        case "const":
          result = n;
          break;
        case "is": {
          const v = assignment[node.variable];
          result = v < 0 ? n : v === node.value ? this.TRUE : this.FALSE;
          break;
        }
        case "not": {
          const kid = walk(node.kid);
          result = kid === node.kid ? n : this.not(kid);
          break;
        }
        default: {
          // A junction none of whose parts changed is itself: rebuilt only when the assignment reaches it.
          const kids = node.kids.map(walk);
          if (kids.every((k, i) => k === node.kids[i])) result = n;
          else result = node.op === "and" ? this.and(...kids) : node.op === "or" ? this.or(...kids) : this.atMostOneOf(kids);
        }
      }
      if (n < stamps.length) {
        stamps[n] = stamp;
        memo[n] = result;
      }
      return result;
    };
    return walk(f);
  }

  /** Formulas visited by every restriction so far: the work a search does. */
  public visits = 0;
  private restrictStamp = 0;
  private restrictStamps = new Int32Array(0);
  private restrictMemo = new Int32Array(0);

  /** At most one holds, folded: with one true, none of the others may be. */
  private atMostOneOf(fs: readonly Formula[]): Formula {
    const trues = fs.filter((f) => f === this.TRUE).length;
    if (trues > 1) return this.FALSE;
    const rest = fs.filter((f) => f !== this.TRUE && f !== this.FALSE);
    if (trues === 1) return this.and(...rest.map((f) => this.not(f)));
    return this.atMostOne(rest);
  }

  /** Kleene evaluation under a partial assignment (-1: unassigned). */
  public evaluate(f: Formula, assignment: Int32Array): Tri {
    if (this.stamps.length < this.nodes.length) {
      this.stamps = new Int32Array(this.nodes.length * 2);
      this.memo = new Uint8Array(this.nodes.length * 2);
      this.stamp = 0;
    }
    this.stamp++;
    return this.eval(f, assignment);
  }

  private eval(f: Formula, a: Int32Array): Tri {
    if (this.stamps[f] === this.stamp) return this.memo[f] as Tri;
    const node = this.nodes[f];
    let result: Tri;
    switch (node.op) {
      case "const":
        result = node.value;
        break;
      case "is": {
        const v = a[node.variable];
        result = v < 0 ? 2 : v === node.value ? 1 : 0;
        break;
      }
      case "not": {
        const k = this.eval(node.kid, a);
        result = k === 2 ? 2 : k === 1 ? 0 : 1;
        break;
      }
      case "and": {
        result = 1;
        for (const kid of node.kids) {
          const k = this.eval(kid, a);
          if (k === 0) {
            result = 0;
            break;
          }
          if (k === 2) result = 2;
        }
        break;
      }
      case "or": {
        result = 0;
        for (const kid of node.kids) {
          const k = this.eval(kid, a);
          if (k === 1) {
            result = 1;
            break;
          }
          if (k === 2) result = 2;
        }
        break;
      }
      case "atMostOne": {
        let trues = 0;
        let unknowns = 0;
        for (const kid of node.kids) {
          const k = this.eval(kid, a);
          if (k === 1) trues++;
          else if (k === 2) unknowns++;
        }
        result = trues > 1 ? 0 : trues + unknowns <= 1 ? 1 : 2;
        break;
      }
    }
    this.stamps[f] = this.stamp;
    this.memo[f] = result;
    return result;
  }

  /** The variables a formula reads, in the order it first reads them. */
  public variablesOf(f: Formula, includeOpaque: boolean): number[] {
    const seen = new Set<number>();
    const order: number[] = [];
    const visited = new Set<number>();
    const stack = [f];
    // Iterative pre-order walk (children in order), so deep formulas do not exhaust the call stack.
    while (stack.length > 0) {
      const n = stack.pop() as number;
      if (visited.has(n)) continue;
      visited.add(n);
      const node = this.nodes[n];
      if (node.op === "is") {
        if (!seen.has(node.variable) && (includeOpaque || !this.variables[node.variable].opaque)) {
          seen.add(node.variable);
          order.push(node.variable);
        }
      } else if (node.op === "not") stack.push(node.kid);
      else if (node.op !== "const") for (let i = node.kids.length - 1; i >= 0; i--) stack.push(node.kids[i]);
    }
    return order;
  }

  /** A fresh assignment: every variable unassigned. */
  public unassigned(): Int32Array {
    return new Int32Array(this.variables.length).fill(-1);
  }

  /**
   * An assignment of `order`'s variables that makes `f` true whatever the
   * other variables are; variables of `order` it leaves free get their
   * default. With `cap`, at most that many variables take a value other than
   * their default.
   */
  public search(f: Formula, order: readonly number[], budget: Steps, runBudget?: Steps, cap = Infinity): SearchResult {
    const a = this.unassigned();
    let out = false;
    let changed = 0;
    const one = new Int32Array(this.variables.length).fill(-1);
    // Each branch costs the formulas its restriction visited (at least one): the work, not just the count of branches.
    let charged = this.visits;
    const step = (g: Formula, i: number): boolean => {
      const cost = Math.max(1, this.visits - charged);
      charged = this.visits;
      if (!budget.take(cost) || (runBudget !== undefined && !runBudget.take(cost)) || this.overflowed) {
        out = true;
        return false;
      }
      if (g === this.FALSE) return false;
      if (g === this.TRUE) {
        for (let j = i; j < order.length; j++) a[order[j]] = 0;
        return true;
      }
      if (i >= order.length) return false;
      const v = order[i];
      const values = changed < cap ? this.variables[v].values.length : 1;
      for (let x = 0; x < values; x++) {
        a[v] = x;
        one[v] = x;
        const restricted = this.restrict(g, one);
        one[v] = -1;
        // A variable the formula no longer reads: its default, and no branch.
        if (x === 0 && restricted === g) return step(g, i + 1);
        if (x > 0) changed++;
        const found = step(restricted, i + 1);
        if (x > 0 && !found) changed--;
        if (found) return true;
        if (out) return false;
      }
      a[v] = -1;
      return false;
    };
    if (step(f, 0)) return { kind: "found", assignment: a };
    return out ? { kind: "out of budget" } : { kind: "none" };
  }

  /** How many variables of `order` an assignment sets to something else than their default. */
  public changedCount(assignment: Int32Array, order: readonly number[]): number {
    return order.reduce((n, v) => n + (assignment[v] > 0 ? 1 : 0), 0);
  }

  /** Resets every variable of `order` that `f` does not need to its default (greedy, last first). */
  public minimize(f: Formula, assignment: Int32Array, order: readonly number[]): Int32Array {
    const a = assignment.slice();
    for (let i = order.length - 1; i >= 0; i--) {
      const v = order[i];
      if (a[v] <= 0) continue;
      const was = a[v];
      a[v] = 0;
      if (this.evaluate(f, a) !== 1) a[v] = was;
    }
    return a;
  }
}

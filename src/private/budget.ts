/**
 * Work budgets: how much regex matching and expression evaluation one review
 * may do on its (untrusted) input, so that a hostile input costs bounded time
 * and memory instead of a CI job's timeout or the machine's memory.
 *
 * A review run creates ONE {@link Budget} and runs under it
 * ({@link withBudget}); every regex match (`java-regex.ts`) and every
 * expression evaluation (`review/expressions.ts`) in that run spends from it,
 * whichever module calls them. Outside a run (the construct at synth time, a
 * unit test), each call gets a fresh budget with the default limits.
 *
 * A budget that runs out never gives an answer that looks like a result:
 * the regex match is "unknown", the expression's value is unknown (so the
 * review shows it as written and rules treat it as a value known only at plan
 * time), and the budget remembers that it ran out ({@link Budget.exhausted}).
 * The review turns that into a finding of kind `undecided` ("cannot tell"),
 * which `--fail-on widen` fails on: a budget that runs out never passes the
 * gate.
 *
 * Limits grow with the size of the input (a constant plus so much per input
 * byte), so the work stays proportional to the input: a legitimate large
 * stack is reviewed in full, a small hostile one is stopped early.
 *
 * Imports nothing: the construct and the review CLI both use it.
 */

/** The meters of a budget. */
export type Meter = "regexSteps" | "evaluationSteps" | "computedCharacters" | "accessSteps";

/** The limits of a budget. */
export interface BudgetLimits {
  /** Regex matching steps of the whole run: backtracking steps, plus the characters of every pattern and input matched. */
  readonly regexSteps: number;
  /** Regex matching steps of one match (a pathological pattern is "unknown" without starving the others). */
  readonly regexStepsPerMatch: number;
  /**
   * Nesting of one regex match: the matcher keeps its backtracking state on
   * the call stack, one level per atom of the pattern and per iteration of a
   * repeated group (a repeated single character is a loop). Past it the
   * match is "unknown", not a stack overflow.
   */
  readonly regexDepth: number;
  /** Expression evaluation steps of the whole run: expressions evaluated, loop iterations, items of lists and maps built. */
  readonly evaluationSteps: number;
  /** Characters of every value computed, or substituted into a resource, in the whole run. */
  readonly computedCharacters: number;
  /** Characters of one computed value (strings, and lists and maps as their JSON). */
  readonly valueCharacters: number;
  /** Nesting of one computed value (lists and maps inside each other). */
  readonly valueDepth: number;
  /** Locals whose value needs another local's, and so on: how deep. */
  readonly localsDepth: number;
  /** Steps of the access comparison (review/access-compare.ts) in the whole run: formulas its searches visit. */
  readonly accessSteps: number;
  /** Steps of one search of the comparison (one application or identity provider, one direction). */
  readonly accessStepsPerComparison: number;
  /** Formulas one comparison may build (Access groups expanded, restricted while it searches). */
  readonly accessFormulas: number;
}

/** The fixed part of the limits: what a review of any input may spend. */
export const BASE_LIMITS: BudgetLimits = {
  regexSteps: 2_000_000,
  regexStepsPerMatch: 200_000,
  regexDepth: 1_000,
  evaluationSteps: 1_000_000,
  computedCharacters: 2_000_000,
  valueCharacters: 1_000_000,
  valueDepth: 256,
  localsDepth: 64,
  accessSteps: 10_000_000,
  accessStepsPerComparison: 2_000_000,
  accessFormulas: 200_000,
};

/** What each byte of input adds to the run-wide limits. */
export const LIMITS_PER_INPUT_BYTE: Readonly<Pick<BudgetLimits, "regexSteps" | "evaluationSteps" | "computedCharacters" | "accessSteps">> = {
  regexSteps: 20,
  evaluationSteps: 10,
  computedCharacters: 4,
  accessSteps: 30,
};

/** The limits for an input of `bytes` bytes. */
export function limitsFor(bytes: number, overrides: Partial<BudgetLimits> = {}): BudgetLimits {
  const grow = (meter: keyof typeof LIMITS_PER_INPUT_BYTE) => BASE_LIMITS[meter] + Math.max(0, Math.floor(bytes)) * LIMITS_PER_INPUT_BYTE[meter];
  return {
    ...BASE_LIMITS,
    regexSteps: grow("regexSteps"),
    evaluationSteps: grow("evaluationSteps"),
    computedCharacters: grow("computedCharacters"),
    accessSteps: grow("accessSteps"),
    ...overrides,
  };
}

/** A limit reached: what, its value, and where it was first reached (positions and names, never values). */
export interface Exhaustion {
  /** A meter, or a cap on one value: `valueCharacters`, `valueDepth`, `regexStepsPerMatch`, `regexDepth`. */
  readonly limit: keyof BudgetLimits;
  readonly value: number;
  /** Where it was first reached, when known: the local being evaluated (`local.x`). */
  readonly where?: string;
  /** How many times it was reached. */
  readonly count: number;
}

/** The work one run may still do; see the module's comment. */
export class Budget {
  public readonly limits: BudgetLimits;
  private readonly spent: Record<Meter, number> = { regexSteps: 0, evaluationSteps: 0, computedCharacters: 0, accessSteps: 0 };
  private readonly reached = new Map<keyof BudgetLimits, { where?: string; count: number }>();

  constructor(limits: Partial<BudgetLimits> = {}) {
    this.limits = { ...BASE_LIMITS, ...limits };
  }

  /**
   * Spends `amount` of a meter. False when the meter is (or now is) spent:
   * the caller must stop and answer "unknown"; the run is then undecided.
   */
  public spend(meter: Meter, amount: number, where?: string): boolean {
    const total = this.spent[meter] + amount;
    if (total > this.limits[meter]) {
      this.spent[meter] = this.limits[meter] + 1;
      this.reach(meter, where);
      return false;
    }
    this.spent[meter] = total;
    return true;
  }

  /** Gives back what was spent in advance and not used. */
  public refund(meter: Meter, amount: number): void {
    if (amount > 0 && this.spent[meter] <= this.limits[meter]) this.spent[meter] = Math.max(0, this.spent[meter] - amount);
  }

  /** True while the meter has something left. */
  public has(meter: Meter): boolean {
    return this.spent[meter] <= this.limits[meter];
  }

  /** How much of a meter is spent. */
  public used(meter: Meter): number {
    return Math.min(this.spent[meter], this.limits[meter]);
  }

  /** Records a cap on one value or one match reached (the value was cut: it is unknown, never shorter). */
  public reach(limit: keyof BudgetLimits, where?: string): void {
    const seen = this.reached.get(limit);
    if (seen === undefined) this.reached.set(limit, { where, count: 1 });
    else seen.count++;
  }

  /** Every limit reached in this run, in the order of {@link BudgetLimits}; empty when the run decided everything. */
  public get exhausted(): Exhaustion[] {
    return (Object.keys(this.limits) as (keyof BudgetLimits)[])
      .filter((limit) => this.reached.has(limit))
      .map((limit) => {
        const r = this.reached.get(limit)!;
        return { limit, value: this.limits[limit], count: r.count, ...(r.where !== undefined ? { where: r.where } : {}) };
      });
  }
}

let active: Budget | undefined;

/**
 * Runs `fn` with `budget` as the budget of every regex match and expression
 * evaluation it does (synchronously): one review run. Nested runs restore
 * the outer budget when they end.
 */
export function withBudget<T>(budget: Budget, fn: () => T): T {
  const outer = active;
  active = budget;
  try {
    return fn();
  } finally {
    active = outer;
  }
}

/** The budget of the run in progress, or a fresh one with the default limits outside a run. */
export function activeBudget(): Budget {
  return active ?? new Budget();
}

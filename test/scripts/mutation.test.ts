import { scoreFile, type EquivalentMutant, type ReportMutant } from "../../scripts/mutation";

const SOURCE = ["export function f(a: number): number {", "  return a > 0 ? a : -a;", "}"].join("\n");
const at = (line: number, column: number) => ({ start: { line, column }, end: { line, column: column + 1 } });
const mutant = (id: string, status: string, mutatorName: string, replacement: string, line = 2): ReportMutant => ({ id, status, mutatorName, replacement, location: at(line, 10) });

describe("scoreFile: the score of one file", () => {
  const mutants = [
    mutant("1", "Killed", "ConditionalExpression", "true"),
    mutant("2", "Timeout", "ConditionalExpression", "false"),
    mutant("3", "Survived", "EqualityOperator", "a >= 0"),
    mutant("4", "NoCoverage", "UnaryOperator", "+a"),
    mutant("5", "CompileError", "BlockStatement", "{}", 1),
  ];

  test("killed and timed-out mutants count as killed; compile errors do not count", () => {
    const score = scoreFile("src/f.ts", SOURCE, mutants, [], new Set());
    expect(score).toMatchObject({ killed: 2, survived: 1, noCoverage: 1, equivalent: 0, score: 50 });
    expect(score.alive).toEqual(['src/f.ts:2:10 Survived EqualityOperator → "a >= 0"', 'src/f.ts:2:10 NoCoverage UnaryOperator → "+a"']);
  });

  test("a listed equivalent mutant is left out, matched by file, mutator, replacement and its line's text", () => {
    const equivalent: EquivalentMutant = { file: "src/f.ts", mutator: "EqualityOperator", replacement: "a >= 0", code: "return a > 0 ? a : -a;", reason: "for 0, a and -a are both 0" };
    const elsewhere: EquivalentMutant = { ...equivalent, file: "src/g.ts" };
    const otherLine: EquivalentMutant = { ...equivalent, code: "return a;" };
    const used = new Set<EquivalentMutant>();
    const score = scoreFile("src/f.ts", SOURCE, mutants, [elsewhere, otherLine, equivalent], used);
    expect(score).toMatchObject({ killed: 2, survived: 0, noCoverage: 1, equivalent: 1 });
    expect(score.score).toBeCloseTo(66.67, 1);
    expect([...used]).toEqual([equivalent]);
  });

  test("static mutants left out by ignoreStatic are counted apart and do not change the score", () => {
    const ignoredStatic: ReportMutant = { ...mutant("6", "Ignored", "StringLiteral", '""', 1), statusReason: 'Static mutant (and "ignoreStatic" was enabled)' };
    const ignoredOther: ReportMutant = { ...mutant("7", "Ignored", "StringLiteral", '""', 1), statusReason: "Ignored because of excluded mutation" };
    const score = scoreFile("src/f.ts", SOURCE, [...mutants, ignoredStatic, ignoredOther], [], new Set());
    expect(score).toMatchObject({ killed: 2, survived: 1, noCoverage: 1, staticNotRun: 1, score: 50 });
  });

  test("an equivalent entry for a static mutant the run left out counts as used (not stale), and not as equivalent", () => {
    const ignoredStatic: ReportMutant = { ...mutant("6", "Ignored", "StringLiteral", '""', 1), statusReason: 'Static mutant (and "ignoreStatic" was enabled)' };
    const entry: EquivalentMutant = { file: "src/f.ts", mutator: "StringLiteral", replacement: '""', code: "export function f(a: number): number {", reason: "r" };
    const used = new Set<EquivalentMutant>();
    const score = scoreFile("src/f.ts", SOURCE, [ignoredStatic], [entry], used);
    expect(score).toMatchObject({ equivalent: 0, staticNotRun: 1, score: 100 });
    expect([...used]).toEqual([entry]);
    // A mutant ignored for another reason does not use the entry.
    const other = new Set<EquivalentMutant>();
    scoreFile("src/f.ts", SOURCE, [{ ...ignoredStatic, statusReason: "excluded" }], [entry], other);
    expect(other.size).toBe(0);
  });

  test("a file without mutants scores 100", () => {
    expect(scoreFile("src/f.ts", SOURCE, [], [], new Set()).score).toBe(100);
  });
});

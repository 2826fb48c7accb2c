/**
 * `npm run test:mutation`: StrykerJS (jest runner, stryker.config.json) over
 * the security-critical modules, one file at a time, then a score per file.
 *
 *   npm run test:mutation                                  every file of stryker.config.json "mutate"
 *   npm run test:mutation -- src/groups-claim.ts           only these files
 *   npm run test:mutation -- --report                      no run: the scores of the last runs
 *   npm run test:mutation -- --with-static src/x.ts        also the static mutants
 *
 * Static mutants (in code that runs while a module loads: tables, constants)
 * have no per-test coverage, so each one runs against every related test
 * (scripts/mutation-jest-runner.js stops at the first failing file; a
 * survivor still costs them all): 383 of src/review/secrets.ts's mutants,
 * about 40 minutes here. They are left out
 * by default ("ignoreStatic") and counted in the table's "static, not run"
 * column; `--with-static` runs them too.
 *
 * Each file keeps its own incremental result (reports/mutation/<file>.incremental.json),
 * so a re-run tests only mutants whose code or tests changed. The run is niced
 * and uses one test runner: the development machine has two shared cores.
 *
 * Score = killed (incl. timeouts) / (all mutants − equivalent ones − compile errors).
 * Equivalent mutants, which no test can kill because the program behaves the
 * same, are listed with the reason in test/mutation/equivalent-mutants.json,
 * matched by file, mutator, replacement and the source line's text (so they
 * survive line shifts). Exit 1 when a file scores under 90%, or when an entry
 * of that list matches no surviving mutant (it went stale).
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import * as path from "node:path";

const ROOT = path.resolve(__dirname, "..");
const REPORTS = path.join(ROOT, "reports", "mutation");
const EQUIVALENT_FILE = path.join(ROOT, "test", "mutation", "equivalent-mutants.json");
export const MINIMUM_SCORE = 90;

interface Position {
  readonly line: number;
  readonly column: number;
}
export interface ReportMutant {
  readonly id: string;
  readonly mutatorName: string;
  readonly replacement?: string;
  readonly status: string;
  readonly statusReason?: string;
  readonly location: { readonly start: Position; readonly end: Position };
}
export interface EquivalentMutant {
  readonly file: string;
  readonly mutator: string;
  readonly replacement: string;
  /** The trimmed text of the mutant's first source line. */
  readonly code: string;
  readonly reason: string;
}
export interface FileScore {
  readonly file: string;
  readonly killed: number;
  readonly survived: number;
  readonly noCoverage: number;
  readonly equivalent: number;
  /** Static mutants left out of the run (ignoreStatic): not in the score. */
  readonly staticNotRun: number;
  readonly score: number;
  /** Mutants that count against the score: file:line:col mutator → replacement. */
  readonly alive: string[];
}

const KILLED = new Set(["Killed", "Timeout"]);
const IGNORED = new Set(["CompileError", "RuntimeError", "Ignored"]);

export function equivalentKey(e: Pick<EquivalentMutant, "file" | "mutator" | "replacement" | "code">): string {
  return JSON.stringify([e.file, e.mutator, e.replacement, e.code]);
}

/** The score of one file from Stryker's JSON report, with the listed equivalent mutants left out. */
export function scoreFile(file: string, source: string, mutants: readonly ReportMutant[], equivalents: readonly EquivalentMutant[], used: Set<EquivalentMutant>): FileScore {
  const lines = source.split("\n");
  let killed = 0;
  let survived = 0;
  let noCoverage = 0;
  let equivalent = 0;
  let staticNotRun = 0;
  const alive: string[] = [];
  for (const m of mutants) {
    const key = equivalentKey({ file, mutator: m.mutatorName, replacement: m.replacement ?? "", code: (lines[m.location.start.line - 1] ?? "").trim() });
    const listed = equivalents.find((e) => equivalentKey(e) === key);
    if (m.status === "Ignored" && /static/i.test(m.statusReason ?? "")) {
      staticNotRun++;
      // A listed static mutant that this run left out is not a stale entry.
      if (listed) used.add(listed);
    }
    if (IGNORED.has(m.status)) continue;
    if (KILLED.has(m.status)) {
      killed++;
      continue;
    }
    if (listed) {
      used.add(listed);
      equivalent++;
      continue;
    }
    if (m.status === "NoCoverage") noCoverage++;
    else survived++;
    alive.push(`${file}:${m.location.start.line}:${m.location.start.column} ${m.status} ${m.mutatorName} → ${JSON.stringify(m.replacement ?? "")}`);
  }
  const valid = killed + survived + noCoverage;
  return { file, killed, survived, noCoverage, equivalent, staticNotRun, score: valid === 0 ? 100 : (100 * killed) / valid, alive };
}

function reportFile(file: string): string {
  return path.join(REPORTS, `${file.replace(/[\\/]/g, "__")}.json`);
}

function runStryker(file: string, withStatic: boolean): number {
  const base = path.join(REPORTS, file.replace(/[\\/]/g, "__"));
  // stryker.config.json with this file's own mutate list, incremental file and report.
  const config: Record<string, unknown> = {
    ...(JSON.parse(readFileSync(path.join(ROOT, "stryker.config.json"), "utf8")) as Record<string, unknown>),
    mutate: [file],
    ...(withStatic ? { ignoreStatic: false } : {}),
    incrementalFile: path.relative(ROOT, `${base}.incremental.json`),
    reporters: ["clear-text", "progress-append-only", "json"],
    jsonReporter: { fileName: path.relative(ROOT, `${base}.json`) },
  };
  delete config.$schema;
  writeFileSync(`${base}.config.json`, JSON.stringify(config, null, 2));
  const stryker = path.join(ROOT, "node_modules", "@stryker-mutator", "core", "bin", "stryker.js"); // not in its package "exports"
  console.log(`\n== mutation: ${file}`);
  // Which test file holds which tests, recorded by Stryker's first run: lets
  // scripts/mutation-jest-runner.js load only the files a mutant's tests are in.
  const testIndex = `${base}.tests.json`;
  rmSync(testIndex, { force: true });
  // The runner stops at the first failing test file unless Stryker is told not to bail.
  const env = { ...process.env, MUTATION_TEST_INDEX: testIndex, MUTATION_BAIL: config.disableBail === true ? "0" : "1" };
  return spawnSync("nice", ["-n", "10", process.execPath, stryker, "run", `${base}.config.json`], { cwd: ROOT, stdio: "inherit", env }).status ?? 1;
}

function configuredFiles(): string[] {
  const config = JSON.parse(readFileSync(path.join(ROOT, "stryker.config.json"), "utf8")) as { mutate: string[] };
  return config.mutate;
}

function main(argv: readonly string[]): number {
  const reportOnly = argv.includes("--report");
  const withStatic = argv.includes("--with-static");
  const files = argv.filter((a) => !a.startsWith("--"));
  const targets = files.length > 0 ? files : configuredFiles();
  const known = new Set(configuredFiles());
  for (const f of targets) {
    if (!known.has(f)) {
      console.error(`test:mutation: ${f} is not in stryker.config.json "mutate" (${[...known].join(", ")})`);
      return 1;
    }
  }
  mkdirSync(REPORTS, { recursive: true });
  if (!reportOnly) {
    for (const f of targets) {
      const status = runStryker(f, withStatic);
      if (status !== 0) {
        console.error(`test:mutation: stryker failed on ${f} (exit ${status})`);
        return 1;
      }
    }
  }
  const equivalents = JSON.parse(readFileSync(EQUIVALENT_FILE, "utf8")) as EquivalentMutant[];
  const used = new Set<EquivalentMutant>();
  const scores: FileScore[] = [];
  const missing: string[] = [];
  const stale: string[] = [];
  for (const f of targets) {
    if (!existsSync(reportFile(f))) {
      missing.push(f);
      continue;
    }
    const report = JSON.parse(readFileSync(reportFile(f), "utf8")) as { files: Record<string, { source: string; mutants: ReportMutant[] }> };
    const entry = report.files[f];
    // Scored against the source that was mutated; a report older than the file is flagged.
    if (readFileSync(path.join(ROOT, f), "utf8") !== entry.source) stale.push(f);
    scores.push(scoreFile(f, entry.source, entry.mutants, equivalents, used));
  }
  console.log("\n| file | score | killed | survived | no coverage | equivalent | static, not run |\n| :-- | --: | --: | --: | --: | --: | --: |");
  for (const s of scores) console.log(`| \`${s.file}\` | ${s.score.toFixed(1)}% | ${s.killed} | ${s.survived} | ${s.noCoverage} | ${s.equivalent} | ${s.staticNotRun} |`);
  for (const f of missing) console.log(`| \`${f}\` | not run | | | | | |`);
  const problems: string[] = [];
  for (const s of scores) {
    if (s.score < MINIMUM_SCORE) problems.push(`${s.file}: ${s.score.toFixed(1)}% is under ${MINIMUM_SCORE}%; kill these mutants or list them as equivalent (with the reason) in ${path.relative(ROOT, EQUIVALENT_FILE)}:\n  ${s.alive.join("\n  ")}`);
  }
  for (const e of equivalents) {
    if (targets.includes(e.file) && !missing.includes(e.file) && !used.has(e)) problems.push(`${path.relative(ROOT, EQUIVALENT_FILE)}: no surviving mutant matches ${equivalentKey(e)}: remove the entry (killed, or the code changed)`);
  }
  if (stale.length > 0) problems.push(`the report of ${stale.join(", ")} is older than the file: run npm run test:mutation -- ${stale.join(" ")}`);
  if (missing.length > 0) problems.push(`no report for ${missing.join(", ")}: run npm run test:mutation -- ${missing.join(" ")}`);
  for (const p of problems) console.error(`\ntest:mutation: ${p}`);
  return problems.length > 0 ? 1 : 0;
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));

import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { checkJavaRegex, javaRegexMatches } from "../../src/private/java-regex";
import { HAND_PICKED, ISSUE_EXAMPLES, SUBJECTS, generatedPatterns, generatedSubjects } from "./corpus";

/**
 * Differential test of src/private/java-regex.ts against Java's own
 * java.util.regex.Pattern (RegexOracle.java, compiled into a temporary folder
 * with javac): on every pattern of the corpus, the same accept/refuse verdict
 * wherever ours is decided, and the same `matches()` outcome on every subject
 * wherever ours is not "unknown".
 */

interface JavaVerdict {
  readonly valid: boolean;
  readonly error?: string;
  readonly matches: string; // one of 1/0/S/E per subject
}

const PATTERNS = [...new Set([...HAND_PICKED, ...generatedPatterns(Number(process.env.JAVA_REGEX_GENERATED ?? 1500), Number(process.env.JAVA_REGEX_SEED ?? 20261201))])];
const SUBJECTS_ALL = [...new Set([...SUBJECTS, ...generatedSubjects(25)])];
const b64 = (s: string): string => Buffer.from(s, "utf8").toString("base64");

let java: Map<string, JavaVerdict>;
let javaMs = 0;

beforeAll(() => {
  const version = spawnSync("java", ["-version"], { encoding: "utf8" });
  if (version.status !== 0) throw new Error("npm run test:regex needs Java 11 or later (`java` and `javac` on PATH)");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "java-regex-oracle-"));
  try {
    execFileSync("javac", ["-d", dir, path.join(__dirname, "RegexOracle.java")]);
    const input = PATTERNS.map((p) => `${b64(p)}\t${SUBJECTS_ALL.map(b64).join(",")}\n`).join("");
    const started = Date.now();
    const out = execFileSync("java", ["-Xss16m", "-cp", dir, "RegexOracle"], { input, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
    javaMs = Date.now() - started;
    const lines = out.trimEnd().split("\n");
    expect(lines).toHaveLength(PATTERNS.length);
    java = new Map(
      lines.map((line, i) => {
        const [kind, rest] = line.split("\t");
        return [
          PATTERNS[i],
          kind === "OK" ? { valid: true, matches: rest ?? "" } : { valid: false, error: Buffer.from(rest, "base64").toString("utf8"), matches: "" },
        ];
      }),
    );
    console.log(`java ${version.stderr.split("\n")[0]}: ${PATTERNS.length} patterns x ${SUBJECTS_ALL.length} subjects in ${javaMs} ms (JVM start included)`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("the corpus has at least 200 patterns, hand-picked and generated, and holds every example of issue 10", () => {
  expect(PATTERNS.length).toBeGreaterThanOrEqual(200);
  expect(HAND_PICKED.length).toBeGreaterThanOrEqual(200);
  for (const p of [...ISSUE_EXAMPLES.refused, ...ISSUE_EXAMPLES.accepted, ...ISSUE_EXAMPLES.matches.map(([p]) => p)]) {
    expect(PATTERNS).toContain(p);
  }
});

test("Java itself decides the issue's examples as the issue says (the oracle is sound)", () => {
  for (const p of ISSUE_EXAMPLES.refused) expect([p, java.get(p)!.valid]).toEqual([p, false]);
  for (const p of ISSUE_EXAMPLES.accepted) expect([p, java.get(p)!.valid]).toEqual([p, true]);
});

test("the issue's examples: refused, accepted, and \\Aeng-.* matches eng-x", () => {
  for (const p of ISSUE_EXAMPLES.refused) expect([p, checkJavaRegex(p).valid]).toEqual([p, false]);
  for (const p of ISSUE_EXAMPLES.accepted) expect([p, checkJavaRegex(p)]).toEqual([p, { valid: true }]);
  for (const [p, s] of ISSUE_EXAMPLES.matches) expect([p, s, javaRegexMatches(p, s)]).toEqual([p, s, true]);
});

test("acceptance: every decided verdict equals Java's; undecided ones are accepted", () => {
  const started = Date.now();
  const ours = new Map(PATTERNS.map((p) => [p, checkJavaRegex(p)]));
  const ms = Date.now() - started;
  const disagreements: string[] = [];
  let undecided = 0;
  let undecidedJavaRefused = 0;
  let sameDescription = 0;
  let refusedByBoth = 0;
  for (const p of PATTERNS) {
    const o = ours.get(p)!;
    const j = java.get(p)!;
    if (o.undecided !== undefined) {
      undecided++;
      expect(o.valid).toBe(true);
      if (!j.valid) undecidedJavaRefused++;
      continue;
    }
    if (o.valid !== j.valid) disagreements.push(`${JSON.stringify(p)}: Java ${j.valid ? "accepts" : `refuses (${j.error})`}, ours ${o.valid ? "accepts" : `refuses (${o.error})`}`);
    if (!o.valid && !j.valid) {
      refusedByBoth++;
      if (o.error === j.error) sameDescription++;
    }
  }
  const javaRefused = PATTERNS.filter((p) => !java.get(p)!.valid).length;
  console.log(
    [
      `acceptance: ${PATTERNS.length} patterns (${HAND_PICKED.length} hand-picked, ${PATTERNS.length - HAND_PICKED.length} generated), Java refuses ${javaRefused}`,
      `  decided ${PATTERNS.length - undecided}, agreeing with Java ${PATTERNS.length - undecided - disagreements.length}, disagreeing ${disagreements.length}`,
      `  undecided (accepted with a warning) ${undecided}, of which Java refuses ${undecidedJavaRefused}`,
      `  refused by both: ${refusedByBoth}, with Java's own description ${sameDescription}`,
      `  ours: ${ms} ms for the whole corpus`,
    ].join("\n"),
  );
  expect(disagreements).toEqual([]);
});

test("matching: every decided matches() outcome equals Java's", () => {
  const started = Date.now();
  const disagreements: string[] = [];
  let compared = 0;
  let unknown = 0;
  for (const p of PATTERNS) {
    const j = java.get(p)!;
    if (!j.valid || checkJavaRegex(p).undecided !== undefined) continue;
    SUBJECTS_ALL.forEach((s, i) => {
      const expected = j.matches[i];
      if (expected === "S" || expected === "E") return; // Java's own stack overflow or exception
      const actual = javaRegexMatches(p, s);
      if (actual === "unknown") {
        unknown++;
        return;
      }
      compared++;
      if (actual !== (expected === "1")) disagreements.push(`${JSON.stringify(p)} on ${JSON.stringify(s)}: Java ${expected === "1"}, ours ${actual}`);
    });
  }
  const ms = Date.now() - started;
  console.log(`matching: ${compared + unknown} (pattern, subject) pairs; decided ${compared}, agreeing ${compared - disagreements.length}, disagreeing ${disagreements.length}; unknown ${unknown}; ours ${ms} ms`);
  expect(disagreements.slice(0, 30)).toEqual([]);
});

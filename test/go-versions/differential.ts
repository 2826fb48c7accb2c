/**
 * `npm run test:constraints` (in .ci/run): src/private/provider-versions.ts
 * against Terraform's own constraint library, apparentlymart/go-versions
 * (test/go-versions/main.go, run with `go run`; needs Go and the Go module
 * proxy). Thousands of generated constraints, valid and not, each judged by
 * both on a universe of versions with pre-releases: the same constraints must
 * be refused, the same versions allowed, and lowestAllowed must be the
 * smallest allowed member of the universe.
 *
 *   npm run test:constraints            (CONSTRAINT_CASES=<n>, default 3000)
 */
import { execFileSync } from "node:child_process";
import * as fc from "fast-check";
import { allows, ConstraintSyntaxError, lowestAllowed, parseConstraint } from "../../src/private/provider-versions";

const CASES = Number(process.env.CONSTRAINT_CASES ?? 3000);
const N = ["0", "1", "2", "3"];
const PRE = ["", "-alpha", "-beta.2", "-rc.1", "-0"];
// The universe reaches one number past the constraints, so every lowest allowed version is in it.
const UNIVERSE = ["0", "1", "2", "3", "4"]
  .flatMap((a) => ["0", "1", "2", "3", "4"].flatMap((b) => ["0", "1", "2", "3", "4"].flatMap((c) => PRE.map((p) => `${a}.${b}.${c}${p}`))))
  .sort((x, y) => compare(x, y));

/** Semantic-version precedence, for sorting the universe (independent of the module under test). */
function compare(a: string, b: string): number {
  const [ma, pa = ""] = a.split(/-(.*)/s);
  const [mb, pb = ""] = b.split(/-(.*)/s);
  const na = ma.split(".").map(Number);
  const nb = mb.split(".").map(Number);
  for (let i = 0; i < 3; i++) if (na[i] !== nb[i]) return na[i] - nb[i];
  if (pa === pb) return 0;
  if (pa === "") return 1;
  if (pb === "") return -1;
  const xa = pa.split(".");
  const xb = pb.split(".");
  for (let i = 0; i < Math.max(xa.length, xb.length); i++) {
    if (xa[i] === undefined) return -1;
    if (xb[i] === undefined) return 1;
    const da = /^\d+$/.test(xa[i]);
    const db = /^\d+$/.test(xb[i]);
    if (da && db && Number(xa[i]) !== Number(xb[i])) return Number(xa[i]) - Number(xb[i]);
    if (da !== db) return da ? -1 : 1;
    if (xa[i] !== xb[i]) return xa[i] < xb[i] ? -1 : 1;
  }
  return 0;
}

/** A clause as users write them. */
const valid = fc
  .tuple(
    fc.constantFrom("", "=", "!=", ">", ">=", "<", "<=", "~>"),
    fc.boolean(),
    fc.integer({ min: 1, max: 3 }),
    fc.tuple(fc.constantFrom(...N), fc.constantFrom(...N), fc.constantFrom(...N)),
    fc.constantFrom(...PRE, "", "", "+build.1", "-rc.1+meta", "-beta.01"),
  )
  .map(([op, space, count, nums, pre]) => `${op}${op !== "" && space ? " " : ""}${nums.slice(0, count).join(".")}${pre}`);
/** A clause wrong in the ways users get it wrong (or right by luck). */
const junk = fc
  .tuple(
    fc.constantFrom("", "=", "!=", ">", ">=", "<", "<=", "~>", "=>", "=<", "^", "~", "=="),
    fc.constantFrom("", " ", "  ", "v", " v"),
    fc.integer({ min: 1, max: 4 }),
    fc.tuple(fc.constantFrom(...N, "*", "x", "01"), fc.constantFrom(...N, "*"), fc.constantFrom(...N), fc.constantFrom(...N)),
    fc.constantFrom(...PRE, "-beta.01", "-", "+build.1", "-rc.1+meta"),
  )
  .map(([op, sep, count, nums, pre]) => `${op}${sep}${nums.slice(0, count).join(".")}${pre}`);
const clause = fc.oneof({ arbitrary: valid, weight: 5 }, { arbitrary: junk, weight: 1 });
const constraint = fc
  .tuple(
    fc.array(clause, { minLength: 1, maxLength: 4 }),
    fc.oneof({ arbitrary: fc.constant(", "), weight: 8 }, { arbitrary: fc.constantFrom(",", " , ", " ", ",, "), weight: 1 }),
    fc.oneof({ arbitrary: fc.constant(""), weight: 8 }, { arbitrary: fc.constantFrom(" ", ","), weight: 1 }),
  )
  .map(([clauses, sep, tail]) => `${clauses.join(sep)}${tail}`);

function main(): number {
  const cases = fc.sample(constraint, { numRuns: CASES, seed: Number(process.env.CONSTRAINT_SEED ?? 22) });
  // Each case's universe, plus our lowestAllowed answer when it is not in it
  // (a version with build metadata, or a pre-release of an = clause).
  const lowest = cases.map((text) => {
    try {
      return lowestAllowed(parseConstraint(text));
    } catch {
      return undefined;
    }
  });
  const versionsOf = (i: number) => (lowest[i] === undefined || UNIVERSE.includes(lowest[i]) ? UNIVERSE : [...UNIVERSE, lowest[i]]);
  const input = cases.map((c, i) => JSON.stringify({ constraint: c, versions: versionsOf(i) })).join("\n");
  const started = Date.now();
  const output = execFileSync("go", ["run", "."], { cwd: __dirname, input, encoding: "utf8", maxBuffer: 1 << 28, stdio: ["pipe", "pipe", "inherit"] });
  const answers = output.trim().split("\n").map((l) => JSON.parse(l) as { error?: string; allowed?: boolean[] });
  const problems: string[] = [];
  let refused = 0;
  cases.forEach((text, i) => {
    const go = answers[i];
    let ours: ReturnType<typeof parseConstraint> | undefined;
    let ourError: string | undefined;
    try {
      ours = parseConstraint(text);
    } catch (e) {
      if (!(e instanceof ConstraintSyntaxError)) throw e;
      ourError = e.reason;
    }
    if ((go.error !== undefined) !== (ourError !== undefined)) {
      problems.push(`${JSON.stringify(text)}: Terraform ${go.error !== undefined ? `refuses it (${go.error})` : "accepts it"}, we ${ourError !== undefined ? `refuse it (${ourError})` : "accept it"}`);
      return;
    }
    if (ours === undefined) {
      refused++;
      return;
    }
    const allowed = go.allowed ?? [];
    const versions = versionsOf(i);
    const wrong = versions.filter((v, j) => allows(v, ours) !== allowed[j]);
    if (wrong.length > 0) problems.push(`${JSON.stringify(text)}: we and Terraform disagree on ${wrong.slice(0, 5).join(", ")}${wrong.length > 5 ? ", ..." : ""}`);
    // lowestAllowed: Terraform allows it, and nothing of the universe below it.
    const ourLowest = lowest[i];
    const terraformAllowed = versions.filter((_, j) => allowed[j]);
    const below = terraformAllowed.filter((v) => ourLowest === undefined || compare(v, ourLowest) < 0);
    if (ourLowest !== undefined && !terraformAllowed.includes(ourLowest)) problems.push(`${JSON.stringify(text)}: lowestAllowed gives ${ourLowest}, which Terraform does not allow`);
    if (below.length > 0) problems.push(`${JSON.stringify(text)}: lowestAllowed gives ${ourLowest}, but Terraform allows ${below[0]}`);
  });
  for (const p of problems.slice(0, 40)) console.error(`  ${p}`);
  const summary = `${cases.length} constraints (${refused} refused by both), ${UNIVERSE.length} versions each, against go-versions in ${Date.now() - started} ms`;
  if (problems.length > 0) {
    console.error(`test:constraints: ${problems.length} disagreement(s) with Terraform's go-versions; ${summary}`);
    return 1;
  }
  console.log(`test:constraints: no disagreement with Terraform's go-versions: ${summary}`);
  return 0;
}

process.exitCode = main();

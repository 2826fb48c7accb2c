/**
 * `npm run bench`: the performance benchmark. Prints one Markdown table.
 *
 * Every figure is the median over fresh processes (default 5, after one
 * discarded warm-up); the two variants of a pair alternate in the same run
 * (A B, B A, A B, ...), so a noisy neighbour on the machine hurts both alike.
 *
 *   npm run bench                   full run, about 5 minutes on 2 cores
 *   npm run bench -- --runs 9       more samples per figure
 *   npm run bench -- --strict       exit 1 when a budget fails
 *   npm run bench -- --only synth   some rows: install, load, synth, main, review, renames, hostile, test
 *   npm run bench:ci                smoke: one sample each, no npm test
 *   npm run bench -- --profile      where the time goes (node --cpu-prof)
 *   npm run bench -- --write-docs   full run, then the table into docs/performance.md (only if every budget passed)
 *   npm run bench -- --profile --write-docs   the profile table into docs/performance.md
 *
 * Budgets are reported, not enforced, unless --strict: the machine is shared
 * and a timing budget must not make CI flaky. Correctness checks (both
 * variants synthesize identical JSON, every command succeeds) always fail the
 * run. The workloads are compiled with esbuild into node_modules/.cache and run
 * on plain node, against the compiled package in lib/ (built if stale).
 */
import { spawnSync, SpawnSyncOptions } from "node:child_process";
import { createHash } from "node:crypto";
import { deepStrictEqual } from "node:assert";
import { cpus, loadavg, tmpdir, totalmem } from "node:os";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { parseArgs } from "node:util";
import { buildSync } from "esbuild";
import markdownTable from "markdown-table";
import { categorize } from "./profile";
import { DOCS_PAGE, EXAMPLE_RUN, exampleRunIntro, PROFILE, profileIntro, replaceFigures } from "./docs-figures";
import { writeRenames } from "./workloads/renames";
import type { SynthSample } from "./workloads/harness";
import type { HostileSample } from "./workloads/review-hostile";
import { HOSTILE_CASES } from "../test/hostile/corpus";

const ROOT = join(__dirname, "..");
const LIB = join(ROOT, "lib", "index.js");
const WORK = join(ROOT, "node_modules", ".cache", "cdktf-okta-cloudflare-access-bench");
const RESULTS = join(ROOT, "bench", "results");
const SIZES = [1, 10, 100, 1000];
const ROWS = ["install", "load", "synth", "main", "review", "renames", "hostile", "test"] as const;
type RowName = (typeof ROWS)[number];

const BUDGET = {
  synthOverhead: 1.1, // construct / hand-written at N = 1000
  moduleLoad: 1.25, // our package / cdktf + the deep provider modules
  scaling: 11, // time(N = 1000) / time(N = 100)
  absoluteMs: 2500, // construct + synth at N = 1000
  rssMb: 300, // peak RSS at N = 1000
  mainJobMs: 1500, // `npm run synth` of the basic example, wall
  mainJobVsTsNode: 0.5, // ... against the default ts-node path
  reviewMs: 2000, // the review CLI on a 1000-IdP stack (issue 5)
  renamesMs: 2000, // the review CLI with --base, 10,000 renamed resources (issue 9)
  hostileMs: 5000, // the review of an adversarial input of 100 KB (issue 24)
  hostileRssMb: 512, // ... its peak RSS
  testMs: 60_000, // `npm test`
};

// ---------------------------------------------------------------- options

const { values: opts } = parseArgs({
  options: {
    runs: { type: "string", default: "5" },
    quick: { type: "boolean", default: false },
    strict: { type: "boolean", default: false },
    only: { type: "string" },
    "skip-test": { type: "boolean", default: false },
    profile: { type: "boolean", default: false },
    "write-docs": { type: "boolean", default: false },
    help: { type: "boolean", short: "h", default: false },
  },
});
if (opts.help) {
  console.log(readFileSync(__filename, "utf8").split("*/")[0].replace(/^\/\*\*\n|^ \* ?/gm, ""));
  process.exit(0);
}
const RUNS = opts.quick ? 1 : Number(opts.runs);
if (!Number.isInteger(RUNS) || RUNS < 1) fatal(`--runs must be a whole number of at least 1; received ${opts.runs}`);
const WARMUP = !opts.quick;
const only = new Set<RowName>(
  (opts.only?.split(",") ?? [...ROWS]).map((r) => {
    if (!(ROWS as readonly string[]).includes(r)) fatal(`--only takes ${ROWS.join(", ")}; received ${r}`);
    return r as RowName;
  }),
);
if (opts.quick || opts["skip-test"]) only.delete("test");
// The documented example run is a full one: every row, the default samples.
// The documented profile is one of the default samples too.
if (opts["write-docs"] && (opts.quick || opts["skip-test"] || opts.only !== undefined || RUNS !== 5)) {
  fatal("--write-docs needs a full run: no --quick, --skip-test, --only or --runs");
}

// ---------------------------------------------------------------- helpers

function fatal(message: string): never {
  console.error(`bench: ${message}`);
  process.exit(1);
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** The environment a user's shell has: no npm_* variables from `npm run bench`. */
function userEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^npm_/i.test(k)) env[k] = v;
  return { ...env, CHECKPOINT_DISABLE: "1", ...extra };
}

/** One measured sample: wall time, and CPU time (user + system) where known. */
interface Sample {
  readonly ms: number;
  readonly cpuMs?: number;
}

interface Run extends Sample {
  readonly stdout: string;
}

/**
 * CPU time of this process's finished children (Linux: cutime + cstime in
 * /proc/self/stat, in 1/100 s), or undefined elsewhere. On a shared machine
 * wall time includes waiting for a core; CPU time does not.
 */
function childrenCpuMs(): number | undefined {
  try {
    const stat = readFileSync("/proc/self/stat", "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[13]) + Number(fields[14])) * 10; // fields 16 and 17 of proc(5)
  } catch {
    return undefined;
  }
}

/** Runs a command to completion, timing its wall clock and CPU; throws with its output when it fails. */
function run(command: string, args: string[], options: SpawnSyncOptions = {}): Run {
  const cpu0 = childrenCpuMs();
  const t0 = process.hrtime.bigint();
  const r = spawnSync(command, args, { encoding: "utf8", maxBuffer: 64 << 20, ...options, env: options.env ?? userEnv() });
  const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
  const cpu1 = childrenCpuMs();
  const cpuMs = cpu0 === undefined || cpu1 === undefined ? undefined : cpu1 - cpu0;
  if (r.error || r.status !== 0) {
    const out = `${String(r.stdout ?? "")}${String(r.stderr ?? "")}`.trim().split("\n").slice(-30).join("\n");
    throw new Error(`\`${command} ${args.join(" ")}\` failed (${r.error?.message ?? `exit ${r.status ?? r.signal}`}):\n${out}`);
  }
  return { ms: wallMs, cpuMs, stdout: String(r.stdout) };
}

/** Runs a compiled workload on plain node and parses the JSON line it prints. */
function workload<T>(name: string, args: string[]): T {
  const out = run(process.execPath, [join(WORK, `${name}.js`), ...args], { cwd: ROOT, env: userEnv({ BENCH_LIB: LIB }) });
  const last = out.stdout.trim().split("\n").pop() ?? "";
  return JSON.parse(last) as T;
}

function tempDir(label: string): string {
  return mkdtempSync(join(tmpdir(), `okta-bench-${label}-`));
}

/** Progress on stderr: one updating line on a terminal, one line per measurement otherwise. */
function progress(label: string, done: number, of: number): void {
  if (process.stderr.isTTY) process.stderr.write(`\r  ${label}: ${done}/${of}   ${done === of ? "\n" : ""}`);
  else if (done === of) process.stderr.write(`  ${label}: ${of} run(s)\n`);
}

/**
 * Samples A and B alternately in fresh processes: one discarded warm-up pair,
 * then RUNS pairs in the order AB, BA, AB, ... Returns every kept sample.
 */
function pair<A, B>(label: string, a: () => A, b: () => B): { a: A[]; b: B[] } {
  const as: A[] = [];
  const bs: B[] = [];
  if (WARMUP) {
    a();
    b();
  }
  for (let i = 0; i < RUNS; i++) {
    if (i % 2 === 0) {
      as.push(a());
      bs.push(b());
    } else {
      bs.push(b());
      as.push(a());
    }
    progress(label, i + 1, RUNS);
  }
  return { a: as, b: bs };
}

function single<T>(label: string, f: () => T, runs = RUNS, warmup = WARMUP): T[] {
  if (warmup) f();
  const out: T[] = [];
  for (let i = 0; i < runs; i++) {
    out.push(f());
    progress(label, i + 1, runs);
  }
  return out;
}

const ms = (x: number) => (x >= 10_000 ? `${(x / 1000).toFixed(1)} s` : `${Math.round(x)} ms`);
const mb = (kb: number) => `${Math.round((kb * 1024) / 1e6)} MB`;
const times = (x: number) => `${x.toFixed(2)}×`;
/** "ours / peer" median CPU times, when every sample has one. */
function cpuCell(ours: Sample[], peer?: Sample[]): string {
  const med = (xs: Sample[]) => (xs.every((x) => x.cpuMs !== undefined) ? median(xs.map((x) => x.cpuMs!)) : undefined);
  const a = med(ours);
  const b = peer && med(peer);
  if (a === undefined) return "";
  return b === undefined ? ms(a) : `${ms(a)} / ${ms(b)}`;
}

// ---------------------------------------------------------------- setup

/** lib/ is what users load: build it when it is missing or older than src/. */
function ensureBuilt(): void {
  const newest = (dir: string): number =>
    readdirSync(dir, { withFileTypes: true }).reduce((t, e) => {
      const p = join(dir, e.name);
      return Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
    }, 0);
  if (existsSync(LIB) && statSync(LIB).mtimeMs >= newest(join(ROOT, "src"))) return;
  console.error("bench: lib/ is missing or older than src/: npm run build");
  run("npm", ["run", "build"], { cwd: ROOT, stdio: ["ignore", "inherit", "inherit"] });
}

/**
 * The provider modules of the package (lib/providers/) that the hand-written
 * resources use: what a user writing them by hand with our bindings loads
 * (the stack's own providers are the user's, in both variants).
 */
const HAND_WRITTEN_MODULES = ["okta/app-oauth", "okta/app-group-assignments", "okta/data-okta-everyone-group", "cloudflare/zero-trust-access-identity-provider"].map(
  (m) => join(ROOT, "lib", "providers", m, "index.js"),
);

/** Compiles the workloads to plain CommonJS next to node_modules, so they resolve its packages. */
function compileWorkloads(): void {
  rmSync(WORK, { recursive: true, force: true });
  mkdirSync(WORK, { recursive: true });
  buildSync({
    entryPoints: ["module-load", "synth-construct", "synth-hand-written", "review-hostile"].map((n) => join(__dirname, "workloads", `${n}.ts`)),
    outdir: WORK,
    bundle: true,
    packages: "external",
    platform: "node",
    target: "node20",
    format: "cjs",
    logLevel: "warning",
  });
}

// ---------------------------------------------------------------- rows

interface Row {
  measure: string;
  ours: string;
  peer: string;
  ratio: string;
  cpu: string;
  budget: string;
  result: string;
}
const rows: Row[] = [];
const failures: string[] = [];
const errors: string[] = [];
const notes: string[] = [];

function judge(pass: boolean, what: string): string {
  if (!pass) failures.push(what);
  return pass ? "PASS" : "**FAIL**";
}

function row(r: Partial<Row> & { measure: string }): void {
  rows.push({ ours: "", peer: "", ratio: "", cpu: "", budget: "", result: "", ...r });
}

function moduleLoad(): void {
  // The baseline: what a user who writes the same resources by hand loads,
  // cdktf, constructs and the deep provider modules of those resources. Any
  // other module our package requires when loaded (a provider module of an
  // optional feature, a barrel) is our cost, and is named below the table.
  const baseline = ["cdktf", "constructs", ...HAND_WRITTEN_MODULES];
  const discovered = workload<{ modules: string[] }>("module-load", ["--discover", LIB]).modules;
  const extra = discovered.filter((m) => !baseline.includes(m));
  if (extra.length) notes.push(`Module load: our package also requires ${extra.map((m) => `\`${m}\``).join(", ")} when loaded (not in the baseline).`);
  const deep = HAND_WRITTEN_MODULES;
  const s = pair(
    "module load",
    () => workload<Sample>("module-load", [LIB]),
    () => workload<Sample>("module-load", baseline),
  );
  const ours = median(s.a.map((x) => x.ms));
  const peer = median(s.b.map((x) => x.ms));
  row({
    measure: "Module load: `require` the package (lib/)",
    ours: ms(ours),
    peer: `${ms(peer)}: \`cdktf\` + \`constructs\` + ${deep.length} provider modules of lib/providers/`,
    ratio: times(ours / peer),
    cpu: cpuCell(s.a, s.b),
    budget: `≤ ${BUDGET.moduleLoad.toFixed(2)}×`,
    result: judge(ours / peer <= BUDGET.moduleLoad, "module load"),
  });
  // The difference, measured directly: our own files once the baseline is loaded.
  const own = single("module load, own files", () => workload<Sample>("module-load", [...baseline, "--then", LIB]));
  row({
    measure: "… of which the package's own files (baseline already loaded)",
    ours: ms(median(own.map((x) => x.ms))),
    cpu: cpuCell(own),
  });
  notes.push(`Module load baseline: ${baseline.map((m) => `\`${m.startsWith(ROOT) ? relative(ROOT, m) : m}\``).join(", ")}.`);
}

/** The prebuilt bindings the package needed before it had its own (README: Versions). */
const PREBUILT: Readonly<Record<string, string>> = { "@cdktf/provider-okta": "14.1.1", "@cdktf/provider-cloudflare": "13.9.1" };
/** What a stack with one identity provider loaded of them: both providers and the construct's deep modules. */
const PREBUILT_MODULES = [
  "@cdktf/provider-okta/lib/provider",
  "@cdktf/provider-cloudflare/lib/provider",
  "@cdktf/provider-okta/lib/app-oauth",
  "@cdktf/provider-okta/lib/app-group-assignments",
  "@cdktf/provider-okta/lib/data-okta-everyone-group",
  "@cdktf/provider-cloudflare/lib/zero-trust-access-identity-provider",
];

/** Bytes of every file under `dir` (apparent sizes, as `du -sb`), and the file count. */
function treeSize(dir: string): { bytes: number; files: number } {
  let bytes = 0;
  let files = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) {
      const sub = treeSize(p);
      bytes += sub.bytes;
      files += sub.files;
    } else if (entry.isFile()) {
      bytes += statSync(p).size;
      files += 1;
    }
  }
  return { bytes, files };
}

/**
 * A consumer's install, before (the prebuilt provider packages from the
 * registry) and after (the packed package, which brings its own bindings),
 * each in a fresh project with cdktf and constructs and nothing else at run
 * time; then the modules a stack with one identity provider loads in each.
 * "Before" leaves out the construct package itself (its earlier releases
 * needed the prebuilt packages next to it), so it favours "before".
 */
function consumerInstall(): void {
  const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { devDependencies: Record<string, string> };
  const core = [`cdktf@${pkg.devDependencies.cdktf}`, `constructs@${pkg.devDependencies.constructs}`];
  const dir = tempDir("install");
  try {
    const tarball = run("bash", [join(ROOT, "scripts", "pack.sh"), dir], { cwd: ROOT }).stdout.trim().split("\n").pop() ?? "";
    const install = (name: string, specs: string[]): string => {
      const project = join(dir, name);
      mkdirSync(project);
      writeFileSync(join(project, "package.json"), `${JSON.stringify({ name: `bench-${name}`, private: true })}\n`);
      run("npm", ["install", "--no-audit", "--no-fund", "--ignore-scripts", "--omit=dev", "--loglevel=error", ...specs], { cwd: project });
      return project;
    };
    const before = install("before", [...core, ...Object.entries(PREBUILT).map(([name, version]) => `${name}@${version}`)]);
    const after = install("after", [...core, tarball]);
    const size = (project: string, ...names: string[]) => {
      const parts = names.length === 0 ? [join(project, "node_modules")] : names.map((n) => join(project, "node_modules", n));
      return parts.map(treeSize).reduce((a, b) => ({ bytes: a.bytes + b.bytes, files: a.files + b.files }));
    };
    const MB = (x: { bytes: number; files: number }) => `${(x.bytes / 1e6).toFixed(1)} MB (${x.files.toLocaleString("en-US")} files)`;
    const allBefore = size(before);
    const allAfter = size(after);
    row({
      measure: "Consumer install: `node_modules` of a project with cdktf, constructs and the provider classes",
      ours: MB(allAfter),
      peer: `${MB(allBefore)}: prebuilt ${Object.entries(PREBUILT).map(([n, v]) => `${n} ${v}`).join(" + ")}`,
      ratio: times(allAfter.bytes / allBefore.bytes),
    });
    const bindingsBefore = size(before, ...Object.keys(PREBUILT));
    const packageAfter = size(after, "cdktf-okta-cloudflare-access");
    row({
      measure: "… of which the provider classes: this package (construct + its bindings) / the prebuilt packages",
      ours: MB(packageAfter),
      peer: MB(bindingsBefore),
      ratio: times(packageAfter.bytes / bindingsBefore.bytes),
    });

    const resolveIn = (project: string, id: string) => require.resolve(id, { paths: [project] });
    // By path: require.resolve of our own name from inside this repository
    // resolves to the repository itself (a package may import itself by name
    // when it has an "exports" map), which would load a second cdktf.
    const installed = join(after, "node_modules", "cdktf-okta-cloudflare-access");
    const lib = join(installed, (JSON.parse(readFileSync(join(installed, "package.json"), "utf8")) as { main: string }).main);
    const afterModules = [
      resolveIn(after, "cdktf"),
      resolveIn(after, "constructs"),
      lib,
      join(dirname(lib), "providers", "okta", "provider", "index.js"),
      join(dirname(lib), "providers", "cloudflare", "provider", "index.js"),
    ];
    const beforeModules = ["cdktf", "constructs", ...PREBUILT_MODULES].map((m) => resolveIn(before, m));
    const s = pair(
      "module load, before/after",
      () => workload<Sample>("module-load", afterModules),
      () => workload<Sample>("module-load", beforeModules),
    );
    const ours = median(s.a.map((x) => x.ms));
    const peer = median(s.b.map((x) => x.ms));
    row({
      measure: "Module load, installed: cdktf, constructs, the package and both provider classes",
      ours: ms(ours),
      peer: `${ms(peer)}: cdktf, constructs and the ${PREBUILT_MODULES.length} prebuilt modules a stack with one identity provider loaded`,
      ratio: times(ours / peer),
      cpu: cpuCell(s.a, s.b),
    });
    const rss = (xs: Sample[]) => median(xs.map((x) => (x as Sample & { maxRssKb: number }).maxRssKb));
    row({ measure: "… peak RSS of that process", ours: mb(rss(s.a)), peer: mb(rss(s.b)), ratio: times(rss(s.a) / rss(s.b)) });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs one synth workload into a fresh outdir; keeps the outdir only when asked. */
function synthOnce(variant: "construct" | "hand-written", n: number, keep = false): SynthSample & { outdir: string } {
  const outdir = tempDir(`${variant}-${n}`);
  try {
    return { ...workload<SynthSample>(`synth-${variant}`, [String(n), outdir]), outdir };
  } finally {
    if (!keep) rmSync(outdir, { recursive: true, force: true });
  }
}

/** Both variants must synthesize the same JSON, or the comparison is not fair. */
function assertSameOutput(n: number, samples: SynthSample[]): void {
  if (samples.every((s) => s.sha256 === samples[0].sha256)) return;
  const a = synthOnce("construct", n, true);
  const b = synthOnce("hand-written", n, true);
  const file = (d: string) => JSON.parse(readFileSync(join(d, "stacks", "bench", "cdk.tf.json"), "utf8")) as unknown;
  let diff = "";
  try {
    deepStrictEqual(file(a.outdir), file(b.outdir));
    diff = "(the outputs differ between runs of the same variant: the synth is not deterministic)";
  } catch (e) {
    diff = (e as Error).message.split("\n").slice(0, 60).join("\n");
  }
  rmSync(a.outdir, { recursive: true, force: true });
  rmSync(b.outdir, { recursive: true, force: true });
  throw new Error(
    `N = ${n}: the construct and the hand-written resources synthesize different Terraform JSON, so the ` +
      `comparison would not be fair. Update bench/workloads/synth-hand-written.ts to match the construct.\n` +
      `construct counts:    ${JSON.stringify(a.counts)}\nhand-written counts: ${JSON.stringify(b.counts)}\n${diff}`,
  );
}

function synth(): void {
  const timeOf = (s: SynthSample) => s.buildMs + s.synthMs;
  const at = new Map<number, { construct: SynthSample[]; hand: SynthSample[] }>();
  for (const n of SIZES) {
    const s = pair(`construct + synth, N = ${n}`, () => synthOnce("construct", n), () => synthOnce("hand-written", n));
    assertSameOutput(n, [...s.a, ...s.b]);
    at.set(n, { construct: s.a, hand: s.b });
    const ours = median(s.a.map(timeOf));
    const peer = median(s.b.map(timeOf));
    const resources = Object.values(s.a[0].counts).reduce((x, y) => x + y, 0);
    const last = n === SIZES[SIZES.length - 1];
    const pass = ours / peer <= BUDGET.synthOverhead && ours <= BUDGET.absoluteMs;
    row({
      measure: `Construct + \`app.synth()\`, N = ${n} (${resources} resources and data sources)`,
      ours: ms(ours),
      peer: `${ms(peer)}: hand-written, identical JSON`,
      ratio: times(ours / peer),
      cpu: cpuCell(s.a.map((x) => ({ ms: timeOf(x), cpuMs: x.cpuMs })), s.b.map((x) => ({ ms: timeOf(x), cpuMs: x.cpuMs }))),
      budget: last ? `≤ ${BUDGET.synthOverhead.toFixed(2)}× and ≤ ${BUDGET.absoluteMs / 1000} s` : "",
      result: last ? judge(pass, `synth at N = ${n}: ratio ≤ ${BUDGET.synthOverhead}× and ≤ ${BUDGET.absoluteMs} ms`) : "",
    });
  }
  const big = at.get(1000)!;
  const mid = at.get(100)!;
  const scale = (xs: SynthSample[], ys: SynthSample[]) => median(xs.map(timeOf)) / median(ys.map(timeOf));
  const ourScale = scale(big.construct, mid.construct);
  row({
    measure: "Scaling: time(N = 1000) / time(N = 100)",
    ours: times(ourScale),
    peer: `${times(scale(big.hand, mid.hand))}: hand-written`,
    budget: `≤ ${BUDGET.scaling}×`,
    result: judge(ourScale <= BUDGET.scaling, "scaling"),
  });
  const processMs = median(big.construct.map((s) => s.processMs));
  const peerProcessMs = median(big.hand.map((s) => s.processMs));
  row({
    measure: "N = 1000, whole process: node start, module load, construct, synth",
    ours: ms(processMs),
    peer: `${ms(peerProcessMs)}: hand-written`,
    ratio: times(processMs / peerProcessMs),
  });
  const rss = median(big.construct.map((s) => s.maxRssKb));
  const peerRss = median(big.hand.map((s) => s.maxRssKb));
  row({
    measure: "Peak RSS, N = 1000",
    ours: mb(rss),
    peer: `${mb(peerRss)}: hand-written`,
    ratio: times(rss / peerRss),
    budget: `≤ ${BUDGET.rssMb} MB`,
    result: judge((rss * 1024) / 1e6 <= BUDGET.rssMb, "peak RSS at N = 1000"),
  });
}

function fileHash(file: string): string {
  return createHash("sha256").update(readFileSync(file)).digest("hex");
}

function mainJob(): void {
  const basic = join(ROOT, "examples", "basic");
  const hashes = new Set<string>();
  // Our path, as the README tells users to run it.
  const npmSynth = () => {
    const outdir = tempDir("npm-synth");
    try {
      const r = run("npm", ["run", "synth", "--", "basic"], { cwd: ROOT, env: userEnv({ CDKTF_OUTDIR: outdir }) });
      hashes.add(fileHash(join(outdir, "stacks", "okta-access-basic", "cdk.tf.json")));
      return r;
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  };
  // cdktf's default TypeScript path: its template's cdktf.json runs `npx ts-node main.ts`
  // with the template's tsconfig.json (copied to bench/tsconfig.ts-node.json).
  // `cdktf synth` adds its own CLI start-up on top, which is not counted here.
  const tsNode = () => {
    const outdir = tempDir("ts-node");
    try {
      const env = userEnv({ CDKTF_OUTDIR: outdir, TS_NODE_PROJECT: join(__dirname, "tsconfig.ts-node.json") });
      const r = run("npx", ["ts-node", "main.ts"], { cwd: basic, env });
      hashes.add(fileHash(join(outdir, "stacks", "okta-access-basic", "cdk.tf.json")));
      return r;
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  };
  const s = pair("main job", npmSynth, tsNode);
  if (hashes.size !== 1) throw new Error("`npm run synth -- basic` and `npx ts-node main.ts` synthesized different JSON for the basic example");
  const ours = median(s.a.map((x) => x.ms));
  const peer = median(s.b.map((x) => x.ms));
  row({
    measure: "Main job: `npm run synth -- basic`, wall",
    ours: ms(ours),
    peer: `${ms(peer)}: \`npx ts-node main.ts\` (cdktf's default)`,
    ratio: times(ours / peer),
    cpu: cpuCell(s.a, s.b),
    budget: `< ${BUDGET.mainJobMs / 1000} s and ≤ ${BUDGET.mainJobVsTsNode.toFixed(2)}×`,
    result: judge(ours < BUDGET.mainJobMs && ours / peer <= BUDGET.mainJobVsTsNode, "main job"),
  });
}

/** A row for a command timed on its own against an absolute wall-time budget: the median, its CPU, PASS or FAIL. */
function wallRow(measure: string, label: string, samples: Sample[], budgetMs: number): void {
  const ours = median(samples.map((x) => x.ms));
  row({ measure, ours: ms(ours), cpu: cpuCell(samples), budget: `< ${budgetMs / 1000} s`, result: judge(ours < budgetMs, label) });
}

/** The review CLI of issue 5 (package bin `cdktf-okta-access`), when it exists. */
function reviewCli(): void {
  const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { bin?: Record<string, string> };
  const bin = pkg.bin?.["cdktf-okta-access"];
  const measure = "Review CLI: `cdktf-okta-access review` of a 1000-IdP stack, wall";
  if (!bin || !existsSync(join(ROOT, bin))) {
    row({ measure, ours: "not measured", peer: "the review CLI has not landed yet", budget: `< ${BUDGET.reviewMs / 1000} s` });
    return;
  }
  const stack = synthOnce("construct", 1000, true);
  try {
    const samples = single("review CLI", () => {
      const output = join(stack.outdir, "review.md");
      const r = run(process.execPath, [join(ROOT, bin), "review", stack.outdir, "--format", "markdown", "--output", output], { cwd: ROOT });
      if (!existsSync(output) || statSync(output).size === 0) throw new Error(`the review CLI wrote no review to ${output}`);
      return r;
    });
    wallRow(measure, "review CLI", samples, BUDGET.reviewMs);
  } finally {
    rmSync(stack.outdir, { recursive: true, force: true });
  }
}

/** The review CLI with --base on 10,000 renamed resources (issue 9.5: rename matching must be near-linear). */
function reviewRenames(): void {
  const n = 10_000;
  const measure = `Review CLI: \`cdktf-okta-access review --base\` with ${n.toLocaleString("en-US")} renamed resources, wall`;
  const dir = tempDir(`renames-${n}`);
  try {
    const { base, head } = writeRenames(dir, n);
    const output = join(dir, "review.json");
    const samples = single("review CLI, renames", () => {
      const r = run(process.execPath, [join(ROOT, "bin", "cdktf-okta-access.js"), "review", head, "--base", base, "--format", "json", "--output", output], { cwd: ROOT });
      const counts = (JSON.parse(readFileSync(output, "utf8")) as { diff?: { counts?: { replace?: number } } }).diff?.counts;
      if (counts?.replace !== n) throw new Error(`the review found ${counts?.replace ?? 0} renamed resources, expected ${n}`);
      return r;
    });
    wallRow(measure, "review CLI, renames", samples, BUDGET.renamesMs);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The review on adversarial inputs (issue 24): issue 24's 3 KB of nested
 * replace() locals, and the slowest of the hostile corpus at 100 KB (each
 * case once, then the slowest one sampled), with their peak RSS.
 */
function reviewHostile(): void {
  const sample = (name: string, bytes: number): HostileSample => {
    const dir = tempDir(`hostile-${name}`);
    try {
      return workload<HostileSample>("review-hostile", [name, String(bytes), dir]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
  const hostileRow = (measure: string, label: string, samples: HostileSample[]) => {
    const reviewMs = median(samples.map((x) => x.ms));
    const rssMb = (median(samples.map((x) => x.maxRssKb)) * 1024) / 1e6;
    const outputKb = Math.round(median(samples.map((x) => x.outputBytes)) / 1024);
    row({
      measure,
      ours: `${ms(reviewMs)}, ${Math.round(rssMb)} MB`,
      peer: `review ${outputKb} KB, exit ${samples[0].exitCode}`,
      budget: `< ${BUDGET.hostileMs / 1000} s, < ${BUDGET.hostileRssMb} MB`,
      result: judge(reviewMs < BUDGET.hostileMs && rssMb < BUDGET.hostileRssMb, label),
    });
  };
  hostileRow("Review CLI: issue 24's 3 KB of nested `replace()` locals (460 MB of review, 2.7 GB before the bounds)", "hostile review, 3 KB", single("hostile review, 3 KB", () => sample("replace-3kb", 3 * 1024)));
  const bytes = 100 * 1024;
  const once = HOSTILE_CASES.map((c) => ({ name: c.name, ms: sample(c.name, bytes).ms }));
  progress("hostile corpus, once each", once.length, once.length);
  const slowest = once.reduce((a, b) => (b.ms > a.ms ? b : a));
  hostileRow(`Review CLI: the slowest of ${once.length} adversarial 100 KB inputs (\`${slowest.name}\`)`, "hostile review, 100 KB", single(`hostile review, ${slowest.name}`, () => sample(slowest.name, bytes)));
}

function npmTest(): void {
  // No warm-up: a test run is long enough that a cold file cache does not matter.
  const samples = single("npm test", () => run("npm", ["test"], { cwd: ROOT }), RUNS, false);
  const ours = median(samples.map((x) => x.ms));
  row({
    measure: "`npm test` (lint + typecheck + jest), wall",
    ours: ms(ours),
    cpu: cpuCell(samples),
    budget: `< ${BUDGET.testMs / 1000} s`,
    result: judge(ours < BUDGET.testMs, "npm test"),
  });
}

// ---------------------------------------------------------------- profile

/** `--profile`: the same workloads under `node --cpu-prof`, summed per category. */
function profile(): void {
  const dir = join(RESULTS, "profiles");
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const prof = (name: string) => ["--cpu-prof", "--cpu-prof-interval", "250", "--cpu-prof-dir", dir, "--cpu-prof-name", `${name}.cpuprofile`];
  const columns: [string, string][] = [];
  for (const variant of ["construct", "hand-written"]) {
    withTemp((outdir) =>
      run(process.execPath, [...prof(variant), join(WORK, `synth-${variant}.js`), "1000", outdir], { cwd: ROOT, env: userEnv({ BENCH_LIB: LIB }) }),
    );
    columns.push([`${variant}, N = 1000 (whole process)`, variant]);
  }
  run(process.execPath, [...prof("module-load"), join(WORK, "module-load.js"), LIB], { cwd: ROOT });
  columns.push(["module load (whole process)", "module-load"]);
  withTemp((outdir) =>
    run(process.execPath, [...prof("main-job"), join(ROOT, "scripts", "synth.js"), "basic"], { cwd: ROOT, env: userEnv({ CDKTF_OUTDIR: outdir }) }),
  );
  columns.push(["`node scripts/synth.js basic`", "main-job"]);
  withTemp((outdir) =>
    run(process.execPath, [...prof("ts-node"), "-r", "ts-node/register", "main.ts"], {
      cwd: join(ROOT, "examples", "basic"),
      env: userEnv({ CDKTF_OUTDIR: outdir, TS_NODE_PROJECT: join(__dirname, "tsconfig.ts-node.json") }),
    }),
  );
  columns.push(["`node -r ts-node/register main.ts`", "ts-node"]);

  const results = columns.map(([, file]) => categorize(join(dir, `${file}.cpuprofile`)));
  const categories = [...results[0].byCategory.keys()];
  const cell = (r: (typeof results)[number], c: string) => {
    const v = r.byCategory.get(c) ?? 0;
    return v < 0.5 ? "" : `${Math.round(v)} ms (${Math.round((100 * v) / r.total)}%)`;
  };
  const table = markdownTable(
    [
      ["Where the time goes (CPU samples)", ...columns.map(([title]) => title)],
      ...categories.filter((c) => results.some((r) => (r.byCategory.get(c) ?? 0) >= 0.5)).map((c) => [c, ...results.map((r) => cell(r, c))]),
      ["total sampled", ...results.map((r) => `${Math.round(r.total)} ms`)],
    ],
    { align: ["l", ...columns.map((): "r" => "r")] },
  );
  // npm's own start-up, which `npm run synth` pays on top of node.
  const npmRun = pair(
    "npm run vs node",
    () => withTemp((o) => run("npm", ["run", "synth", "--", "basic"], { cwd: ROOT, env: userEnv({ CDKTF_OUTDIR: o }) }).ms),
    () => withTemp((o) => run(process.execPath, [join(ROOT, "scripts", "synth.js"), "basic"], { cwd: ROOT, env: userEnv({ CDKTF_OUTDIR: o }) }).ms),
  );
  const npmMs = median(npmRun.a) - median(npmRun.b);
  const figures = [
    table,
    "",
    `\`npm run\` itself adds ${ms(npmMs)} of wall time to \`node scripts/synth.js basic\` (median of ${RUNS} alternated pairs).`,
    `Machine: ${machineLine()}.`,
  ].join("\n");
  const text = `${figures}\nProfiles: ${relative(process.cwd(), dir)}/*.cpuprofile (open in Chrome DevTools or speedscope).`;
  console.log(`\n${text}\n`);
  writeFileSync(join(RESULTS, "profile.md"), `${text}\n`);
  if (opts["write-docs"]) {
    const page = join(ROOT, DOCS_PAGE);
    writeFileSync(page, replaceFigures(readFileSync(page, "utf8"), PROFILE, profileIntro(new Date()), figures));
    console.error(`bench: profile written to ${DOCS_PAGE}`);
  }
}

function withTemp<T>(f: (dir: string) => T): T {
  const dir = tempDir("tmp");
  try {
    return f(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function machineLine(): string {
  const cpu = cpus()[0]?.model.trim() ?? "unknown CPU";
  return `${cpus().length} cores (${cpu}), ${Math.round(totalmem() / 2 ** 30)} GiB, Node.js ${process.version}, ${process.platform}; load average ${loadavg()[0].toFixed(1)}`;
}

// ---------------------------------------------------------------- main

function main(): void {
  ensureBuilt();
  compileWorkloads();
  mkdirSync(RESULTS, { recursive: true });
  if (opts.profile) {
    profile();
    return;
  }
  const started = Date.now();
  const loadBefore = loadavg()[0];
  const sections: [RowName, string, () => void][] = [
    ["install", "Consumer install", consumerInstall],
    ["load", "Module load", moduleLoad],
    ["synth", "Construct + `app.synth()`", synth],
    ["main", "Main job", mainJob],
    ["review", "Review CLI", reviewCli],
    ["renames", "Review CLI, renames", reviewRenames],
    ["hostile", "Review CLI, hostile inputs", reviewHostile],
    ["test", "`npm test`", npmTest],
  ];
  for (const [name, title, measure] of sections) {
    if (!only.has(name)) continue;
    try {
      measure();
    } catch (e) {
      // A broken measurement fails the run (after the table), whatever --strict says.
      process.stderr.write("\n");
      errors.push(`${title}: ${(e as Error).message}`);
      row({ measure: title, ours: "error", result: "**ERROR**" });
    }
  }

  const header = ["Measure", "Ours", "Peer (same run)", "Ratio", "CPU: ours / peer", "Budget", "Result"];
  const table = markdownTable([header, ...rows.map((r) => [r.measure, r.ours, r.peer, r.ratio, r.cpu, r.budget, r.result])], {
    align: ["l", "r", "l", "r", "r", "l", "l"],
  });
  const how = opts.quick
    ? "Smoke run (`--quick`): one sample per figure, no warm-up; the figures are not medians."
    : `Median of ${RUNS} fresh processes per figure after one warm-up; pairs alternate in the same run.`;
  // The load average says how busy the (shared) machine was: above the core
  // count, other processes competed for the CPU and the absolute times grew.
  const machine = `${machineLine()} at the end (${loadBefore.toFixed(1)} at the start)`;
  const took = `Took ${Math.round((Date.now() - started) / 1000)} s`;
  const text = [table, "", how, `Machine: ${machine}. ${took}.`, ...notes.map((n) => `- ${n}`)].join("\n");
  console.log(`\n${text}\n`);

  writeFileSync(join(RESULTS, "latest.md"), `${text}\n`);
  console.error(`bench: table written to ${relative(process.cwd(), join(RESULTS, "latest.md"))}`);
  for (const e of errors) console.error(`bench: ERROR ${e}`);
  if (errors.length) process.exit(1);
  if (opts["write-docs"]) {
    // A run that missed a budget is not an example to show: fix the miss, or
    // run again when the machine is quieter.
    if (failures.length) fatal(`not written to ${DOCS_PAGE}: ${failures.length} budget(s) missed (${failures.join("; ")})`);
    const page = join(ROOT, DOCS_PAGE);
    writeFileSync(page, replaceFigures(readFileSync(page, "utf8"), EXAMPLE_RUN, exampleRunIntro(new Date()), text));
    console.error(`bench: example run written to ${DOCS_PAGE}`);
  }
  if (failures.length) {
    console.error(`bench: ${failures.length} budget(s) missed: ${failures.join("; ")}${opts.strict ? "" : " (reported only; --strict makes this fail)"}`);
    if (opts.strict) process.exit(1);
  }
}

main();

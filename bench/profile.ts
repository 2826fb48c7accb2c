/**
 * `npm run bench -- --profile`: where the time goes, measured with node's
 * sampling profiler (`node --cpu-prof`). Each sample is put in the first
 * category whose rule matches its call stack, so the shares add up to 100%.
 * The .cpuprofile files stay in bench/results/profiles/ for Chrome DevTools
 * or speedscope.
 */
import { readFileSync } from "node:fs";

interface CallFrame {
  functionName: string;
  url: string;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** A call stack, leaf first. */
type Stack = CallFrame[];

const pkg = (f: CallFrame): string => /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(f.url)?.[1] ?? "";
const inPkg = (name: string | RegExp) => (f: CallFrame) => (typeof name === "string" ? pkg(f) === name : name.test(pkg(f)));
const any = (s: Stack, p: (f: CallFrame) => boolean) => s.some(p);

/** The categories, tried in order; the first whose rule matches a sample gets it. */
const RULES: [string, (s: Stack) => boolean][] = [
  ["garbage collection", (s) => s[0]?.functionName === "(garbage collector)"],
  // cdktf records a full stack trace for every token (attribute references,
  // complex attributes of the provider classes) and for every construct.
  ["stack traces of cdktf tokens", (s) => any(s, (f) => f.functionName === "captureStackTrace" && pkg(f) === "cdktf")],
  // esbuild's own API runs only to transpile a .ts file (esbuild-register
  // wraps every module's compile, so its frames alone say nothing).
  ["TypeScript transpile (esbuild)", (s) => any(s, inPkg("esbuild"))],
  ["ts-node (type check, transpile)", (s) => any(s, (f) => inPkg(/^(ts-node|typescript)$/)(f))],
  // Inside a require() below the main module's own load: reading, compiling
  // and running the top level of the modules (class definitions).
  ["module loading (resolve, read, compile, run)", (s) => s.filter((f) => f.functionName === "Module._load").length >= 2],
  ["cdktf: synth (aspects, resolve, toTerraform)", (s) => any(s, (f) => f.functionName === "synth" && pkg(f) === "cdktf")],
  ["this package (lib/ or src/)", (s) => /\/(lib|src)\/[^/]+\.(js|ts)$/.test(s[0]?.url ?? "") && !pkg(s[0])],
  ["provider classes", (s) => inPkg(/^@cdktf\/provider-/)(s[0] ?? { functionName: "", url: "" })],
  ["cdktf and constructs: building the tree", (s) => ["cdktf", "constructs"].includes(pkg(s[0] ?? { functionName: "", url: "" }))],
  ["node internals and other", () => true],
];

/** Milliseconds per category for one .cpuprofile file. */
export function categorize(file: string): { total: number; byCategory: Map<string, number> } {
  const profile = JSON.parse(readFileSync(file, "utf8")) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const stackOf = (id: number): Stack => {
    const s: Stack = [];
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) s.push(byId.get(cur)!.callFrame);
    return s;
  };
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const byCategory = new Map<string, number>(RULES.map(([label]) => [label, 0]));
  let total = 0;
  for (const [id, us] of selfUs) {
    const frames = stackOf(id);
    if (["(idle)", "(root)"].includes(frames[0].functionName)) continue;
    const [label] = RULES.find(([, rule]) => rule(frames))!;
    byCategory.set(label, byCategory.get(label)! + us / 1000);
    total += us / 1000;
  }
  return { total, byCategory };
}

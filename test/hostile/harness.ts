/**
 * Runs the review on a hostile input in a child process with a heap limit,
 * and reports its time and peak memory. Used by the hostile suite
 * (`npm run test:hostile`) and by `measure.ts`.
 */
import { spawnSync } from "node:child_process";
import { buildSync } from "esbuild";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { HostileInput } from "./corpus";

const ROOT = path.join(__dirname, "..", "..");

let bundled: string | undefined;

/**
 * The child's script, bundled once per process with esbuild next to
 * node_modules (so it resolves the review's dependencies): the child starts
 * in a fraction of a second, and what it measures is the review.
 */
export function childScript(): string {
  if (bundled !== undefined) return bundled;
  const dir = path.join(ROOT, "node_modules", ".cache", "cdktf-okta-cloudflare-access-hostile");
  fs.mkdirSync(dir, { recursive: true });
  const out = path.join(dir, `run-review-${process.pid}.js`);
  buildSync({ entryPoints: [path.join(__dirname, "run-review.ts")], outfile: out, bundle: true, packages: "external", platform: "node", target: "node20", format: "cjs", logLevel: "warning" });
  bundled = out;
  process.once("exit", () => fs.rmSync(out, { force: true }));
  return out;
}

/** What one run measured. */
export interface Measured {
  /** The review's wall time in the child, in milliseconds (node start and module loading excluded). */
  readonly ms?: number;
  /** The child's peak resident set size, in MiB. */
  readonly maxRssMb?: number;
  /** The review's exit code; undefined when the child did not finish (killed, out of memory, over the wall limit). */
  readonly exitCode?: number;
  /** Bytes the review wrote (its --output file). */
  readonly outputBytes?: number;
  /** The review's findings by kind (JSON format only). */
  readonly kinds?: Readonly<Record<string, number>>;
  /** Wall time of the whole child process, in milliseconds. */
  readonly wallMs: number;
  /** How the child ended when it did not report: a signal, a status, a timeout. */
  readonly failure?: string;
  readonly stderr: string;
  /** The input's size, each stack, in bytes. */
  readonly inputBytes: number;
}

export interface RunOptions {
  /** V8's old-space limit for the child, in MiB (--max-old-space-size). */
  readonly maxOldSpaceMb: number;
  /** The child is killed after this many milliseconds. */
  readonly killAfterMs: number;
  /** More review arguments, e.g. ["--fail-on", "widen"]. */
  readonly args?: readonly string[];
  /** The review's format. @default "markdown" */
  readonly format?: "markdown" | "json";
}

/** Writes an input as cdktf would (a cdktf.out directory per side) and returns the directories. */
export function writeInput(input: HostileInput, dir = fs.mkdtempSync(path.join(os.tmpdir(), "hostile-"))): { dir: string; head: string; base?: string; bytes: number } {
  const write = (name: string, json: unknown): [string, number] => {
    const out = path.join(dir, name);
    fs.mkdirSync(path.join(out, "stacks", "main"), { recursive: true });
    const text = JSON.stringify(json);
    fs.writeFileSync(path.join(out, "stacks", "main", "cdk.tf.json"), text);
    fs.writeFileSync(path.join(out, "manifest.json"), JSON.stringify({ version: "0.21.0", stacks: { main: { name: "main", synthesizedStackPath: "stacks/main/cdk.tf.json" } } }));
    return [out, text.length];
  };
  const [head, headBytes] = write("head", input.head);
  const base = input.base !== undefined ? write("base", input.base) : undefined;
  return { dir, head, base: base?.[0], bytes: Math.max(headBytes, base?.[1] ?? 0) };
}

/** Runs the review CLI on `input` in a child process and measures it. */
export function measure(input: HostileInput, options: RunOptions): Measured {
  const { dir, head, base, bytes } = writeInput(input);
  try {
    const result = path.join(dir, "result.json");
    const output = path.join(dir, `review.${options.format === "json" ? "json" : "md"}`);
    const args = [
      `--max-old-space-size=${options.maxOldSpaceMb}`,
      childScript(),
      result,
      "review",
      head,
      ...(base !== undefined ? ["--base", base] : []),
      "--format",
      options.format ?? "markdown",
      "--output",
      output,
      ...(options.args ?? []),
    ];
    const t0 = process.hrtime.bigint();
    const child = spawnSync(process.execPath, args, { cwd: ROOT, encoding: "utf8", timeout: options.killAfterMs, killSignal: "SIGKILL", maxBuffer: 1 << 20 });
    const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
    const stderr = `${child.stderr ?? ""}`.slice(-4000);
    if (!fs.existsSync(result)) {
      const failure = child.error !== undefined && /ETIMEDOUT/.test(child.error.message) ? `killed after ${options.killAfterMs} ms` : child.signal ? `killed by ${child.signal}` : `exit ${child.status}`;
      return { wallMs, failure, stderr, inputBytes: bytes };
    }
    const r = JSON.parse(fs.readFileSync(result, "utf8")) as { ms: number; maxRssKb: number; exitCode: number; outputBytes: number; kinds: Record<string, number>; stderr: string };
    return { ms: r.ms, maxRssMb: r.maxRssKb / 1024, exitCode: r.exitCode, outputBytes: r.outputBytes, kinds: r.kinds, wallMs, stderr: r.stderr, inputBytes: bytes };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Running terraform, cdktf and node as child processes, asynchronously (the
 * test process must stay responsive), with every output kept in a log file
 * and per-step timings.
 */
import { spawn } from "node:child_process";
import { appendFileSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { E2E_DIR } from "./env";
import { currentProject } from "./pairs";

export interface RunResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly ms: number;
  /** The log file holding the command, its output and its exit code. */
  readonly log: string;
}

export interface RunOptions {
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  /** Exit codes that are not failures. @default [0] */
  readonly okCodes?: number[];
  /** Where the log goes. */
  readonly log: string;
  /** Kill the process after this long. @default 300000 */
  readonly timeoutMs?: number;
}

let counter = 0;

/** Runs a command; throws with the tail of its output when the exit code is not ok. */
export function run(command: string, args: string[], options: RunOptions): Promise<RunResult> {
  const started = Date.now();
  mkdirSync(join(options.log, ".."), { recursive: true });
  writeFileSync(options.log, `$ (cd ${options.cwd} && ${command} ${args.join(" ")})\n`);
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => {
      stdout += d.toString();
      appendFileSync(options.log, d);
    });
    child.stderr.on("data", (d: Buffer) => {
      stderr += d.toString();
      appendFileSync(options.log, d);
    });
    const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? 300_000);
    child.on("error", (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      const result: RunResult = { code: code ?? -1, stdout, stderr, ms: Date.now() - started, log: options.log };
      appendFileSync(options.log, `\n[exit ${code ?? signal}] after ${result.ms} ms\n`);
      if (!(options.okCodes ?? [0]).includes(result.code)) {
        const tail = (stdout + "\n" + stderr).trim().split("\n").slice(-40).join("\n");
        reject(new Error(`${command} ${args.join(" ")} exited with ${code ?? signal} (cwd ${options.cwd}; full log ${options.log}):\n${tail}`));
        return;
      }
      resolve(result);
    });
  });
}

/** A suite's log folder: .e2e/logs/<jest project, i.e. the pair>/<suite>. */
export function logDir(suite: string): string {
  return join(E2E_DIR, "logs", currentProject() || "none", suite);
}

/** A numbered log path for one suite. */
export function logPath(suite: string, step: string): string {
  counter++;
  return join(logDir(suite), `${String(counter).padStart(2, "0")}-${step.replace(/[^A-Za-z0-9_-]+/g, "_")}.log`);
}

export interface Timing {
  /** The jest project (the provider pair). */
  readonly project: string;
  readonly suite: string;
  readonly step: string;
  readonly ms: number;
  readonly ok: boolean;
}

export const TIMINGS_FILE = join(E2E_DIR, "timings.jsonl");

/** Runs one named step, prints and records how long it took. */
export async function step<T>(suite: string, name: string, fn: () => T | Promise<T>): Promise<T> {
  const started = Date.now();
  let ok = false;
  try {
    const value = await fn();
    ok = true;
    return value;
  } finally {
    const ms = Date.now() - started;
    const project = currentProject();
    const timing: Timing = { project, suite, step: name, ms, ok };
    mkdirSync(E2E_DIR, { recursive: true });
    appendFileSync(TIMINGS_FILE, JSON.stringify(timing) + "\n");
    process.stdout.write(`[e2e] ${project ? `${project}/` : ""}${suite}: ${name} ${ok ? "ok" : "FAILED"} in ${(ms / 1000).toFixed(1)} s\n`);
  }
}

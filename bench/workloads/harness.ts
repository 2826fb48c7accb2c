/**
 * The synth workloads' shared harness: builds N identity providers with the
 * given function, synthesizes, and prints one JSON line with the timings, the
 * peak RSS and a fingerprint of the output (so the driver can check that both
 * variants produce the same Terraform JSON).
 *
 * Usage: node <workload>.js <n> <outdir>
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { TerraformStack } from "cdktf";
import { IdpSpec, idpSpecs, newStack, STACK_NAME } from "./idps";

/** What a synth workload reports to the driver. */
export interface SynthSample {
  /** Building the construct tree, ms. */
  readonly buildMs: number;
  /** app.synth(), ms. */
  readonly synthMs: number;
  /** CPU time (user + system, all threads) of building and synth, ms. */
  readonly cpuMs: number;
  /** Process start (node bootstrap, module load, build, synth) to synth done, ms. */
  readonly processMs: number;
  /** Peak resident set size of the process, kB. */
  readonly maxRssKb: number;
  /** Resource and data source counts per Terraform type. */
  readonly counts: Record<string, number>;
  /** SHA-256 of the synthesized cdk.tf.json. */
  readonly sha256: string;
}

export function runSynthWorkload(addIdps: (stack: TerraformStack, specs: IdpSpec[]) => void): void {
  const [nArg, outdir] = process.argv.slice(2);
  const n = Number(nArg);
  if (!Number.isInteger(n) || n < 1 || !outdir) {
    throw new Error(`usage: node ${process.argv[1]} <n >= 1> <outdir>; received ${JSON.stringify(process.argv.slice(2))}`);
  }
  const specs = idpSpecs(n);

  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const { app, stack } = newStack(outdir);
  addIdps(stack, specs);
  const t1 = performance.now();
  app.synth();
  const t2 = performance.now();
  const cpu = process.cpuUsage(cpu0);
  const maxRssKb = process.resourceUsage().maxRSS;

  const text = readFileSync(join(outdir, "stacks", STACK_NAME, "cdk.tf.json"), "utf8");
  const json = JSON.parse(text) as { resource?: Record<string, object>; data?: Record<string, object> };
  const counts: Record<string, number> = {};
  for (const block of [json.resource ?? {}, json.data ?? {}]) {
    for (const [type, byName] of Object.entries(block)) counts[type] = Object.keys(byName).length;
  }
  const sample: SynthSample = {
    buildMs: t1 - t0,
    synthMs: t2 - t1,
    cpuMs: (cpu.user + cpu.system) / 1000,
    processMs: t2,
    maxRssKb,
    counts,
    sha256: createHash("sha256").update(text).digest("hex"),
  };
  process.stdout.write(`${JSON.stringify(sample)}\n`);
}

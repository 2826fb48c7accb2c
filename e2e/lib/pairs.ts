/**
 * The pairs of provider versions the suite runs against: both ends of the
 * supported range (scripts/providers.sh names them and their commits and
 * makes them ready; .e2e/providers.env says which are). e2e/jest.config.js
 * has a project per ready pair, named after it, which runs every suite that
 * exercises the providers; its `globals.__E2E_PROJECT__` is that name.
 */
import type { TerraformStack } from "cdktf";
import type { NotRunPair, ProviderPair, ProvidersEnv } from "./providers-env";
import { readProvidersEnv } from "./providers-env";

export type { NotRunPair, ProviderPair, ProvidersEnv };
export { readProvidersEnv };

/** The ready pair of this name; throws naming the ready ones, or why it is not ready. */
export function readyPair(name: string, env: ProvidersEnv = readProvidersEnv()): ProviderPair {
  const pair = env.ready.find((p) => p.name === name);
  if (pair) return pair;
  const notRun = env.notRun.find((p) => p.name === name);
  if (notRun) throw new Error(`provider pair ${name} is not ready: ${notRun.reason}`);
  throw new Error(`no provider pair ${JSON.stringify(name)} in .e2e/providers.env (ready: ${env.ready.map((p) => p.name).join(", ") || "none"})`);
}

/**
 * The jest project this test file runs in (`globals.__E2E_PROJECT__`): a
 * pair's name, or another project of e2e/jest.config.js ("upgrade",
 * "static"); "" outside jest.
 */
export function currentProject(): string {
  const name: unknown = (globalThis as { __E2E_PROJECT__?: unknown }).__E2E_PROJECT__;
  return typeof name === "string" ? name : "";
}

/** The pair this test file runs with: its jest project's. */
export function currentPair(): ProviderPair {
  const name = currentProject();
  if (name === "") throw new Error("no provider pair: run the suite through e2e/jest.config.js, whose projects set globals.__E2E_PROJECT__");
  return readyPair(name);
}

/** "okta 6.12.0 + cloudflare 5.22.0" */
export function pairLabel(pair: { okta: string; cloudflare: string }): string {
  return `okta ${pair.okta} + cloudflare ${pair.cloudflare}`;
}

/** The `--pin` argument of e2e/lib/synth-example.ts for a pair. */
export function pinArgument(pair: { okta: string; cloudflare: string }): string {
  return `okta=${pair.okta},cloudflare=${pair.cloudflare}`;
}

/** Parses a `--pin okta=<v>,cloudflare=<v>` value. */
export function parsePin(value: string): { okta: string; cloudflare: string } {
  const m = /^okta=(\d+\.\d+\.\d+),cloudflare=(\d+\.\d+\.\d+)$/.exec(value);
  if (!m) throw new Error(`--pin: expected okta=<x.y.z>,cloudflare=<x.y.z>, got ${JSON.stringify(value)}`);
  return { okta: m[1], cloudflare: m[2] };
}

/**
 * Pins the stack's providers to exactly these versions, the way a user pins
 * a provider version that differs from the one the bindings were generated
 * for: an override of `terraform.required_providers.<name>.version`. Works
 * on the synthesized JSON, whatever bindings made the providers.
 */
export function pinProviderVersions(stack: TerraformStack, versions: { okta: string; cloudflare: string }): void {
  stack.addOverride("terraform.required_providers.okta.version", versions.okta);
  stack.addOverride("terraform.required_providers.cloudflare.version", versions.cloudflare);
}

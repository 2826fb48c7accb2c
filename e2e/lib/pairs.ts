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

/** Whether `version` (x.y.z) is at least `minimum` (x.y.z). */
export function atLeast(version: string, minimum: string): boolean {
  const a = version.split(".").map(Number);
  const b = minimum.split(".").map(Number);
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i] > b[i];
  return true;
}

/** "okta 6.12.0 + cloudflare 5.22.0" */
export function pairLabel(pair: { okta: string; cloudflare: string }): string {
  return `okta ${pair.okta} + cloudflare ${pair.cloudflare}`;
}

/** Provider version constraints, one per provider: exact versions ("6.12.0") or a range (">= 4.20.0, <= 6.12.0"). */
export interface ProviderVersions {
  readonly okta: string;
  readonly cloudflare: string;
}

/** The arguments of e2e/lib/synth-example.ts that set the providers' versions. */
export function versionArguments(versions: ProviderVersions): string[] {
  return ["--okta", versions.okta, "--cloudflare", versions.cloudflare];
}

/** A constraint as Terraform writes them: versions, operators, commas and spaces only. */
const CONSTRAINT = /^(?:(?:=|!=|>|>=|<|<=|~>)? *\d+\.\d+\.\d+)(?:, *(?:=|!=|>|>=|<|<=|~>)? *\d+\.\d+\.\d+)*$/;

/** Reads `--okta <constraint> --cloudflare <constraint>` out of a command line; returns the versions and the other arguments. */
export function parseVersionArguments(args: readonly string[]): { versions: ProviderVersions; rest: string[] } {
  const found: Record<string, string> = {};
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const name = /^--(okta|cloudflare)$/.exec(args[i])?.[1];
    if (name === undefined) {
      rest.push(args[i]);
      continue;
    }
    const value = args[++i];
    if (value === undefined || !CONSTRAINT.test(value)) throw new Error(`--${name}: expected a version constraint such as 6.12.0 or ">= 4.20.0, <= 6.12.0", got ${JSON.stringify(value)}`);
    found[name] = value;
  }
  if (found.okta === undefined || found.cloudflare === undefined) throw new Error("expected --okta <constraint> and --cloudflare <constraint>");
  return { versions: { okta: found.okta, cloudflare: found.cloudflare }, rest };
}

/** The range from one pair's versions to another's, as a user allowing both writes it. */
export function rangeBetween(from: ProviderVersions, to: ProviderVersions): ProviderVersions {
  return { okta: `>= ${from.okta}, <= ${to.okta}`, cloudflare: `>= ${from.cloudflare}, <= ${to.cloudflare}` };
}

/**
 * Sets the stack's provider version constraints (a pair's exact versions, or
 * a range), the way a user pins versions other than the ones the bindings
 * were generated for: an override of `terraform.required_providers.<name>.version`.
 * Works on the synthesized JSON, whatever bindings made the providers.
 */
export function pinProviderVersions(stack: TerraformStack, versions: ProviderVersions): void {
  stack.addOverride("terraform.required_providers.okta.version", versions.okta);
  stack.addOverride("terraform.required_providers.cloudflare.version", versions.cloudflare);
}

/**
 * Terraform (or OpenTofu) in one synthesized stack directory.
 */
import { join } from "node:path";
import { logPath, run, RunResult } from "./run";

export class TerraformDir {
  constructor(
    public readonly dir: string,
    private readonly binary: string,
    private readonly env: NodeJS.ProcessEnv,
    private readonly suite: string,
  ) {}

  private tf(args: string[], okCodes: number[] = [0]): Promise<RunResult> {
    return run(this.binary, args, { cwd: this.dir, env: this.env, okCodes, log: logPath(this.suite, `${this.binary}-${args[0]}`) });
  }

  /** Offline when the CLI config names only the mirror: any registry access fails. */
  public init(extraArgs: string[] = []): Promise<RunResult> {
    return this.tf(["init", "-input=false", "-no-color", ...extraArgs]);
  }

  public async validate(): Promise<any> {
    const r = await this.tf(["validate", "-json", "-no-color"], [0, 1]);
    return JSON.parse(r.stdout);
  }

  /** Plans into a file; returns the exit code of -detailed-exitcode (0 no changes, 2 changes) and the plan as JSON. */
  public async plan(name = "plan.tfplan", extraArgs: string[] = []): Promise<{ exitCode: number; plan: any; file: string }> {
    const file = join(this.dir, name);
    const r = await this.tf(["plan", "-input=false", "-no-color", "-detailed-exitcode", ...extraArgs, `-out=${file}`], [0, 2]);
    const shown = await this.tf(["show", "-json", "-no-color", file]);
    return { exitCode: r.code, plan: JSON.parse(shown.stdout), file };
  }

  /** Any other command, e.g. `["apply", "-refresh-only", "-auto-approve"]`. */
  public command(args: string[], okCodes: number[] = [0]): Promise<RunResult> {
    return this.tf(args, okCodes);
  }

  public apply(planFile?: string, okCodes: number[] = [0]): Promise<RunResult> {
    return this.tf(planFile ? ["apply", "-input=false", "-no-color", planFile] : ["apply", "-input=false", "-no-color", "-auto-approve"], okCodes);
  }

  public destroy(okCodes: number[] = [0]): Promise<RunResult> {
    return this.tf(["destroy", "-input=false", "-no-color", "-auto-approve"], okCodes);
  }

  /** Outputs, sensitive ones included (the test reads the secret to compare it). */
  public async outputs(): Promise<Record<string, { value: unknown; sensitive: boolean }>> {
    const r = await this.tf(["output", "-json", "-no-color"]);
    return JSON.parse(r.stdout);
  }

  /** The providers' schemas as JSON (terraform providers schema -json), after init. */
  public async providerSchemas(): Promise<any> {
    const r = await this.tf(["providers", "schema", "-json", "-no-color"]);
    return JSON.parse(r.stdout);
  }

  /** The provider versions `terraform init` selected here, by name: `{ okta: "6.12.0", cloudflare: "5.22.0" }` (terraform version -json). */
  public async providerSelections(): Promise<Record<string, string>> {
    const r = await this.tf(["version", "-json"]);
    const selections: Record<string, string> = JSON.parse(r.stdout).provider_selections ?? {};
    return Object.fromEntries(Object.entries(selections).map(([source, version]) => [source.split("/").pop() ?? source, version]));
  }

  /** The state as JSON (terraform show -json). */
  public async state(): Promise<any> {
    const r = await this.tf(["show", "-json", "-no-color"]);
    return JSON.parse(r.stdout);
  }
}

/** `address -> actions` of a plan's resource changes, without no-ops and reads. */
export function changes(plan: any): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const rc of plan.resource_changes ?? []) {
    const actions: string[] = rc.change.actions;
    if (actions.length === 1 && (actions[0] === "no-op" || actions[0] === "read")) continue;
    out[rc.address] = actions;
  }
  return out;
}

/** All resources in a `terraform show -json` state, with their attributes. */
export function stateResources(state: any): { address: string; type: string; values: any }[] {
  const out: { address: string; type: string; values: any }[] = [];
  const walk = (module: any) => {
    for (const r of module?.resources ?? []) out.push({ address: r.address, type: r.type, values: r.values });
    for (const child of module?.child_modules ?? []) walk(child);
  };
  walk(state.values?.root_module);
  return out;
}

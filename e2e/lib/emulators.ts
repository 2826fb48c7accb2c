/**
 * Starts the emulators in a child process (see e2e/emulators/serve.ts) and
 * talks to their control API.
 */
import { ChildProcess, spawn } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { CloudflareEmulatorOptions } from "../emulators/cloudflare";
import type { FaultConfig, RecordedRequest, UnknownRequest } from "../emulators/http-emulator";
import type { OktaEmulatorOptions } from "../emulators/okta";
import type { Journal, SignIn, WorldOptions } from "../emulators/world";
import { ROOT } from "./env";

export interface EmulatorSeed {
  readonly everyoneGroupId: string;
  readonly groups: Record<string, string>;
  readonly authorizationServers: Record<string, string>;
  readonly oktaRoutes: string[];
  readonly cloudflareRoutes: string[];
}

export interface EmulatorStates {
  readonly okta: any;
  readonly cloudflare: any;
  readonly oktaEmpty: boolean;
  readonly cloudflareEmpty: boolean;
}

export class Emulators {
  private constructor(
    private readonly child: ChildProcess,
    /** The Okta emulator's URL, for `http_proxy` / OKTA_HTTP_PROXY. */
    public readonly oktaUrl: string,
    /** The Cloudflare API base, for `base_url` / CLOUDFLARE_BASE_URL. */
    public readonly cloudflareApiUrl: string,
    private readonly cloudflareRoot: string,
    public readonly seed: EmulatorSeed,
    private readonly stderr: () => string,
  ) {}

  public static async start(config: { okta: OktaEmulatorOptions; cloudflare: CloudflareEmulatorOptions; world?: WorldOptions }): Promise<Emulators> {
    const child = spawn(process.execPath, ["-r", "esbuild-register", join(ROOT, "e2e", "emulators", "serve.ts"), JSON.stringify(config)], {
      cwd: ROOT,
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => {
      stderr += d.toString();
      // Unknown endpoints and internal errors must be visible as they happen.
      process.stderr.write(d);
    });
    const line = await new Promise<string>((resolve, reject) => {
      let out = "";
      const timer = setTimeout(() => reject(new Error(`emulators did not start within 20 s: ${stderr}`)), 20_000);
      child.stdout.on("data", (d: Buffer) => {
        out += d.toString();
        const nl = out.indexOf("\n");
        if (nl >= 0) {
          clearTimeout(timer);
          resolve(out.slice(0, nl));
        }
      });
      child.on("exit", (code) => {
        clearTimeout(timer);
        reject(new Error(`emulators exited with ${code} before starting: ${stderr}`));
      });
    });
    const ready = JSON.parse(line) as { okta: string; cloudflare: string; cloudflareRoot: string; seed: EmulatorSeed };
    return new Emulators(child, ready.okta, ready.cloudflare, ready.cloudflareRoot, ready.seed, () => stderr);
  }

  private async control(root: string, method: string, path: string, body?: unknown): Promise<any> {
    const res = await fetch(`${root}/__emulator${path}`, { method, body: body === undefined ? undefined : JSON.stringify(body) });
    if (!res.ok) throw new Error(`emulator control ${method} ${path}: HTTP ${res.status}`);
    return res.json();
  }

  public async states(): Promise<EmulatorStates> {
    const [o, c] = await Promise.all([this.control(this.oktaUrl, "GET", "/state"), this.control(this.cloudflareRoot, "GET", "/state")]);
    return { okta: o.state, cloudflare: c.state, oktaEmpty: o.empty, cloudflareEmpty: c.empty };
  }

  public async requests(): Promise<{ okta: RecordedRequest[]; cloudflare: RecordedRequest[] }> {
    const [okta, cloudflare] = await Promise.all([this.control(this.oktaUrl, "GET", "/requests"), this.control(this.cloudflareRoot, "GET", "/requests")]);
    return { okta, cloudflare };
  }

  /** The sign-in journal (started with `world`): one entry per successful write to either emulator. */
  public async journal(): Promise<Journal> {
    return this.control(this.oktaUrl, "GET", "/journal");
  }

  /** Empties the sign-in journal. */
  public async resetJournal(): Promise<void> {
    await this.control(this.oktaUrl, "DELETE", "/journal");
  }

  /** Every seeded user's sign-ins now (started with `world`). */
  public async signIns(): Promise<SignIn[]> {
    return this.control(this.oktaUrl, "GET", "/sign-ins");
  }

  /** Requests no route knew. Every suite asserts this stays empty. */
  public async unknownRequests(): Promise<UnknownRequest[]> {
    const [okta, cloudflare] = await Promise.all([this.control(this.oktaUrl, "GET", "/unknown"), this.control(this.cloudflareRoot, "GET", "/unknown")]);
    return [...(okta as UnknownRequest[]).map((u) => ({ ...u, path: `okta ${u.path}` })), ...(cloudflare as UnknownRequest[]).map((u) => ({ ...u, path: `cloudflare ${u.path}` }))];
  }

  public async setFaults(faults: { okta?: FaultConfig; cloudflare?: FaultConfig }): Promise<void> {
    await Promise.all([this.control(this.oktaUrl, "PUT", "/faults", faults.okta ?? {}), this.control(this.cloudflareRoot, "PUT", "/faults", faults.cloudflare ?? {})]);
  }

  /** Seeds objects that exist before the run (POST /__emulator/seed on each emulator given). */
  public async seedObjects(seed: { okta?: unknown; cloudflare?: unknown }): Promise<{ okta?: any; cloudflare?: any }> {
    const [okta, cloudflare] = await Promise.all([
      seed.okta === undefined ? undefined : this.control(this.oktaUrl, "POST", "/seed", seed.okta),
      seed.cloudflare === undefined ? undefined : this.control(this.cloudflareRoot, "POST", "/seed", seed.cloudflare),
    ]);
    return { okta: okta?.seeded, cloudflare: cloudflare?.seeded };
  }

  /** Changes behaviour options mid-run (PUT /__emulator/behaviour). */
  public async setBehaviour(behaviour: { okta?: unknown; cloudflare?: unknown }): Promise<void> {
    await Promise.all([
      behaviour.okta === undefined ? undefined : this.control(this.oktaUrl, "PUT", "/behaviour", behaviour.okta),
      behaviour.cloudflare === undefined ? undefined : this.control(this.cloudflareRoot, "PUT", "/behaviour", behaviour.cloudflare),
    ]);
  }

  /** Writes both request logs and the final state to `<dir>/emulators.json`, for reading after a run. */
  public async saveLog(dir: string): Promise<string> {
    const file = join(dir, "emulators.json");
    mkdirSync(dir, { recursive: true });
    writeFileSync(file, JSON.stringify({ requests: await this.requests(), states: await this.states(), unknown: await this.unknownRequests() }, null, 2));
    return file;
  }

  /** What the emulators wrote to stderr (unknown endpoints, internal errors). */
  public get log(): string {
    return this.stderr();
  }

  public async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        this.child.kill("SIGKILL");
      }, 5000);
      this.child.once("exit", () => {
        clearTimeout(timer);
        resolve();
      });
      this.child.kill("SIGTERM");
    });
  }
}

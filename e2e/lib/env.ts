/**
 * Where things are and which environment terraform, cdktf and the examples
 * run with. `scripts/providers.sh` writes .e2e/providers.env; this reads it.
 */
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { delimiter, join, resolve } from "node:path";

export const ROOT = resolve(__dirname, "..", "..");
export const E2E_DIR = join(ROOT, ".e2e");
export const PROVIDERS_ENV = join(E2E_DIR, "providers.env");

export interface ToolSetup {
  /** `terraform` or `tofu`. */
  readonly binary: string;
  /** Prepended to PATH (where a cached OpenTofu lives), or "". */
  readonly extraPath: string;
  /** The mirror-only CLI config, or undefined with E2E_USE_REGISTRY=1. */
  readonly cliConfigFile?: string;
}

/** Reads .e2e/providers.env; throws a message that says what to run. */
export function toolSetup(): ToolSetup {
  if (!existsSync(PROVIDERS_ENV)) {
    throw new Error(`${PROVIDERS_ENV} is missing: run \`bash scripts/providers.sh\` first (npm run test:e2e does).`);
  }
  const values: Record<string, string> = {};
  for (const line of readFileSync(PROVIDERS_ENV, "utf8").split("\n")) {
    const m = /^([A-Z0-9_]+)=(.*)$/.exec(line.trim());
    if (m) values[m[1]] = m[2];
  }
  const cliConfigFile = values.E2E_TF_CLI_CONFIG_FILE || undefined;
  if (process.env.E2E_USE_REGISTRY !== "1" && cliConfigFile === undefined) {
    throw new Error(`${PROVIDERS_ENV} has no mirror (it was written with E2E_USE_REGISTRY=1): rerun \`bash scripts/providers.sh\` without it, or set E2E_USE_REGISTRY=1.`);
  }
  return { binary: values.TERRAFORM_BINARY_NAME || "terraform", extraPath: values.E2E_EXTRA_PATH ?? "", cliConfigFile: process.env.E2E_USE_REGISTRY === "1" ? undefined : cliConfigFile };
}

/** Random credentials for one run: dummies the emulators accept, never real. */
export interface RunCredentials {
  /** Okta SSWS token (any non-empty string works for the provider). */
  readonly oktaApiToken: string;
  /** 40 characters of [A-Za-z0-9_-], the form the Cloudflare provider requires. */
  readonly cloudflareApiToken: string;
}

export function newCredentials(): RunCredentials {
  return {
    oktaApiToken: "00" + randomBytes(30).toString("base64url").slice(0, 40),
    cloudflareApiToken: randomBytes(30).toString("base64url").slice(0, 40),
  };
}

/** A Cloudflare-style id: 32 lowercase hexadecimal characters. */
export function cloudflareId(): string {
  return randomBytes(16).toString("hex");
}

/**
 * An environment for terraform / cdktf with the mirror's providers and no
 * developer credentials or endpoints (nothing can reach a real API).
 */
export function terraformEnv(tools: ToolSetup): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  // Never let a developer's real credentials or endpoints leak into a run.
  for (const key of Object.keys(env)) {
    if (/^(OKTA_|CLOUDFLARE_|TF_VAR_|TF_CLI_ARGS)/.test(key)) delete env[key];
  }
  Object.assign(env, {
    CHECKPOINT_DISABLE: "1",
    TF_IN_AUTOMATION: "1",
    TF_INPUT: "0",
    TERRAFORM_BINARY_NAME: tools.binary,
    PATH: tools.extraPath ? `${tools.extraPath}${delimiter}${process.env.PATH ?? ""}` : process.env.PATH,
  });
  if (tools.cliConfigFile !== undefined) env.TF_CLI_CONFIG_FILE = tools.cliConfigFile;
  return env;
}

/** An environment for terraform / cdktf pointed at the emulators. */
export function toolEnv(
  tools: ToolSetup,
  emulators: { oktaUrl: string; cloudflareApiUrl: string },
  credentials: RunCredentials,
  extra: Record<string, string> = {},
): NodeJS.ProcessEnv {
  const env = terraformEnv(tools);
  Object.assign(env, {
    // The Okta provider reads these itself: an http:// proxy URL makes it
    // talk plain HTTP to the emulator instead of https://<org_name>.<base_url>.
    OKTA_HTTP_PROXY: emulators.oktaUrl,
    OKTA_API_TOKEN: credentials.oktaApiToken,
    // The Cloudflare provider reads these itself.
    CLOUDFLARE_BASE_URL: emulators.cloudflareApiUrl,
    CLOUDFLARE_API_TOKEN: credentials.cloudflareApiToken,
    ...extra,
  });
  return env;
}

/** A fresh work directory under .e2e/work. */
export function workDir(name: string): string {
  const dir = join(E2E_DIR, "work", `${name}-${Date.now().toString(36)}`);
  mkdirSync(dir, { recursive: true });
  return dir;
}

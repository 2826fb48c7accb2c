/**
 * Where things are and which environment terraform, cdktf and the examples
 * run with, for one pair of provider versions. `scripts/providers.sh` writes
 * .e2e/providers.env; ./providers-env.js reads it.
 */
import { randomBytes } from "node:crypto";
import { mkdirSync } from "node:fs";
import { delimiter, join, resolve } from "node:path";
import { currentPair, currentProject, readProvidersEnv, type ProviderPair } from "./pairs";

export const ROOT = resolve(__dirname, "..", "..");
export const E2E_DIR = join(ROOT, ".e2e");

export interface ToolSetup {
  /** `terraform` or `tofu`. */
  readonly binary: string;
  /** Prepended to PATH (where a cached OpenTofu lives), or "". */
  readonly extraPath: string;
  /** The CLI config naming only the pair's mirror, or undefined with E2E_USE_REGISTRY=1. */
  readonly cliConfigFile?: string;
  /** The provider versions this setup runs; the programs pin exactly these. */
  readonly pair: ProviderPair;
}

/**
 * The tools for one pair of provider versions (default: the pair of this
 * test file's jest project), from .e2e/providers.env; throws a message that
 * says what to run.
 */
export function toolSetup(pair: ProviderPair = currentPair()): ToolSetup {
  const env = readProvidersEnv();
  return { binary: env.binary, extraPath: env.extraPath, cliConfigFile: env.registry ? undefined : pair.cliConfigFile, pair };
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

/** A fresh work directory under .e2e/work/<jest project, i.e. the pair>. */
export function workDir(name: string): string {
  const dir = join(E2E_DIR, "work", currentProject() || "none", `${name}-${Date.now().toString(36)}`);
  mkdirSync(dir, { recursive: true });
  return dir;
}

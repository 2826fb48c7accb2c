/**
 * Runs the Okta and Cloudflare emulators in their own process.
 *
 *   node -r esbuild-register e2e/emulators/serve.ts '<json config>'
 *
 * The config is `{ okta: OktaEmulatorOptions, cloudflare: CloudflareEmulatorOptions, world?: WorldOptions }`
 * (world: the sign-in journal of e2e/emulators/world.ts).
 * Once both listen on ephemeral ports, one JSON line goes to stdout:
 * `{"okta": "<url>", "cloudflare": "<api base url>", "seed": {...}}`.
 * SIGTERM, SIGINT or the end of stdin stops both cleanly.
 *
 * A separate process matters: cdktf's Testing matchers run terraform with
 * execSync, which blocks the test process's event loop; emulators living in
 * that loop could never answer the providers.
 */
import { fstatSync } from "node:fs";
import { CloudflareEmulator, CloudflareEmulatorOptions } from "./cloudflare";
import { OktaEmulator, OktaEmulatorOptions } from "./okta";
import { SignInWorld, WorldOptions } from "./world";

interface ServeConfig {
  readonly okta: OktaEmulatorOptions;
  readonly cloudflare: CloudflareEmulatorOptions;
  /** Users whose sign-ins the world journals (GET /__emulator/journal on the Okta emulator); none without it. */
  readonly world?: WorldOptions;
}

async function main(): Promise<void> {
  const config = JSON.parse(process.argv[2] ?? "") as ServeConfig;
  const okta = new OktaEmulator(config.okta);
  const cloudflare = new CloudflareEmulator(config.cloudflare);
  if (config.world !== undefined) new SignInWorld(okta, cloudflare, config.world);
  await okta.start();
  await cloudflare.start();

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await Promise.all([okta.stop(), cloudflare.stop()]);
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop());
  process.on("SIGINT", () => void stop());
  // Started by a harness through a pipe: stop when the harness goes away.
  if (fstatSync(0).isFIFO()) {
    process.stdin.on("end", () => void stop());
    process.stdin.resume();
  }

  const groups: Record<string, string> = {};
  for (const g of okta.groups.values()) groups[g.name] = g.id;
  const authorizationServers: Record<string, string> = {};
  for (const s of okta.authorizationServers.values()) authorizationServers[s.name] = s.id;
  process.stdout.write(
    JSON.stringify({
      okta: okta.url,
      cloudflare: cloudflare.apiBaseUrl,
      cloudflareRoot: cloudflare.url,
      seed: { everyoneGroupId: okta.everyoneGroupId, groups, authorizationServers, oktaRoutes: okta.describeRoutes(), cloudflareRoutes: cloudflare.describeRoutes() },
    }) + "\n",
  );
}

main().catch((err: unknown) => {
  process.stderr.write(`emulators failed to start: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});

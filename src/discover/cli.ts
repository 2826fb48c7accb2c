/**
 * `cdktf-okta-access discover`: reads a hand-made Okta + Cloudflare Access
 * setup (read-only) and writes the cdktf program that adopts it.
 *
 * Exit codes: 0 done (findings or not); 1 bad input, an API refused, or
 * unreachable (one line on stderr, never a stack trace or a secret).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { Command, CommanderError, Option } from "commander";
import { CLOUDFLARE_API_URL, discover } from "./collect";
import { DiscoverError } from "./http";
import { Discovery } from "./model";
import { generateProgram, secretVariables } from "./program";

import { CliIo, joinLines, PROCESS_IO } from "../private/cli-io";
import { escapeControls, plainLine } from "../private/controls";
import { DISTRIBUTION } from "../private/distribution";

/** Where discover writes (the same as the review CLI's). */
export type DiscoverIo = CliIo;

const NAME = "cdktf-okta-access discover";

/** What `discover` does, in one sentence (its help, and the list of commands). */
export const DISCOVER_SUMMARY = "Read a hand-made Okta + Cloudflare Access setup (read-only) and write the cdktf program that adopts it.";

interface Options {
  oktaOrgUrl?: string;
  oktaApiUrl?: string;
  accountId?: string;
  zoneId: string[];
  cloudflareApiUrl?: string;
  format: "typescript" | "json";
  output?: string;
  fix: boolean;
  module: string;
  quiet: boolean;
}

/** Runs `discover` with its arguments (after `discover`) and resolves to the exit code. */
export async function main(argv: readonly string[], io: DiscoverIo = PROCESS_IO, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  let options: Options | undefined;
  const output = {
    writeOut: (text: string) => io.stdout(text),
    writeErr: (text: string) => io.stderr(text),
    outputError: (text: string, write: (text: string) => void) => write(`${NAME}: ${joinLines(text.replace(/^error: /, "").trim())}\n`),
  };
  const program = new Command("cdktf-okta-access discover")
    .description(
      `${DISCOVER_SUMMARY} Tokens come only from the environment: OKTA_API_TOKEN (SSWS, read-only admin) and CLOUDFLARE_API_TOKEN (Access read permissions).`,
    )
    .option("--okta-org-url <url>", "the Okta org URL, https://<org>.okta.com (env OKTA_ORG_URL)")
    .option("--account-id <id>", "the Cloudflare account id (env CLOUDFLARE_ACCOUNT_ID)")
    .option("--zone-id <id>", "a Cloudflare zone id to read too (repeatable; env CLOUDFLARE_ZONE_IDS, comma-separated)", (v: string, all: string[]) => [...all, v], [])
    .addOption(new Option("--format <format>", "typescript: the program; json: findings and what was found").choices(["typescript", "json"]).default("typescript"))
    .option("--output <file>", "write to a file instead of stdout")
    .option("--fix", "write the suggested fixes into the program instead of as comments", false)
    .option("--module <name>", "the package the program imports the constructs from", DISTRIBUTION.packageName)
    .option("--okta-api-url <url>", "send Okta API requests here instead of the org URL (a proxy; env OKTA_API_URL)")
    .option("--cloudflare-api-url <url>", `the Cloudflare API base (env CLOUDFLARE_BASE_URL, default ${CLOUDFLARE_API_URL})`)
    .option("-q, --quiet", "no progress on stderr", false)
    .configureOutput(output)
    .exitOverride()
    .action((o: Options) => {
      options = o;
    });
  try {
    program.parse([...argv], { from: "user" });
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode;
    throw e;
  }
  if (options === undefined) return 1;
  const o = options;
  const progress = o.quiet ? undefined : (text: string) => io.stderr(`${NAME}: ${plainLine(text)}\n`);
  try {
    const zoneIds = o.zoneId.length > 0 ? o.zoneId : (env.CLOUDFLARE_ZONE_IDS ?? "").split(",").map((z) => z.trim()).filter(Boolean);
    const discovery = await discover({
      oktaOrgUrl: o.oktaOrgUrl ?? env.OKTA_ORG_URL ?? "",
      oktaApiUrl: o.oktaApiUrl ?? (env.OKTA_API_URL || undefined),
      oktaApiToken: env.OKTA_API_TOKEN ?? "",
      cloudflareApiToken: env.CLOUDFLARE_API_TOKEN ?? "",
      accountId: o.accountId ?? env.CLOUDFLARE_ACCOUNT_ID ?? "",
      zoneIds,
      cloudflareApiUrl: o.cloudflareApiUrl ?? (env.CLOUDFLARE_BASE_URL || undefined),
      http: { progress },
    });
    const text = o.format === "json" ? renderJson(discovery, o.fix) : generateProgram(discovery, { fix: o.fix, moduleName: o.module });
    if (o.output !== undefined) {
      try {
        fs.mkdirSync(path.dirname(path.resolve(o.output)), { recursive: true });
        fs.writeFileSync(o.output, text);
      } catch (e) {
        throw new DiscoverError(`--output: cannot write ${o.output} (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
      }
    } else {
      io.stdout(text);
    }
    progress?.(summary(discovery));
    return 0;
  } catch (e) {
    if (e instanceof DiscoverError) {
      io.stderr(`${NAME}: ${plainLine(joinLines(e.message))}\n`);
      return 1;
    }
    const message = e instanceof Error ? e.message : String(e);
    io.stderr(`${NAME}: internal error: ${plainLine(joinLines(message))} (set CDKTF_OKTA_ACCESS_DEBUG=1 for details)\n`);
    if (env.CDKTF_OKTA_ACCESS_DEBUG && e instanceof Error && e.stack) io.stderr(`${e.stack}\n`);
    return 1;
  }
}

function summary(d: Discovery): string {
  const count = (s: string) => d.findings.filter((f) => f.severity === s).length;
  return `${d.pairings.length} okta identity provider(s), ${d.unpairedOktaApps.length} unpaired Okta app(s); findings: ${count("error")} error(s), ${count("warning")} warning(s), ${count("info")} note(s); ${d.stats.oktaRequests} Okta and ${d.stats.cloudflareRequests} Cloudflare requests${d.stats.rateLimited ? `, ${d.stats.rateLimited} rate-limited` : ""}`;
}

/** The machine-readable form: what was found, the findings, and the variables the program needs. */
export function renderJson(d: Discovery, fix = false): string {
  // JSON.stringify escapes C0 controls; DEL, C1 and bidi controls from the APIs are escaped too (the same values).
  return escapeControls(JSON.stringify({ ...d, fix, secretVariables: secretVariables(d) }, null, 2)) + "\n";
}

if (require.main === module) {
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}

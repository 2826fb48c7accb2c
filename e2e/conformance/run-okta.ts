/**
 * `npm run test:conformance`: the Okta emulator against recorded Okta traffic
 * (see okta-vcr.ts). Prints the fidelity figure and every difference not in
 * okta-allowlist.json; exits 1 on any such difference, on an allow-list entry
 * nothing matched (so the list stays short), or when the recordings are missing.
 *
 * The recordings are read where they are: `../shared/fixtures/okta-vcr/` beside
 * the project (CI has a read-only copy there), or OKTA_VCR_DIR.
 */
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { applyAllowList, Difference, loadCassettes, parseAllowList, replayAll } from "./okta-vcr";

const ROOT = resolve(__dirname, "..", "..");
const ALLOW_LIST = join(__dirname, "okta-allowlist.json");

function line(d: Difference, count: number): string {
  return `  ${d.kind.padEnd(13)} ${d.route}  ${d.key || "-"}  recorded ${d.recorded}, emulator ${d.emulator}  (${count}x, first ${d.cassette} #${d.index})`;
}

function grouped(list: Difference[]): string[] {
  const by = new Map<string, { d: Difference; n: number }>();
  for (const d of list) {
    const k = `${d.kind}|${d.route}|${d.key}|${d.recorded}|${d.emulator}`;
    const g = by.get(k);
    if (g) g.n++;
    else by.set(k, { d, n: 1 });
  }
  return [...by.values()].map((g) => line(g.d, g.n));
}

async function main(): Promise<number> {
  const dir = process.env.OKTA_VCR_DIR ? resolve(process.env.OKTA_VCR_DIR) : resolve(ROOT, "..", "shared", "fixtures", "okta-vcr");
  if (!existsSync(dir)) {
    process.stderr.write(
      `\n################################################################################\n` +
        `OKTA CONFORMANCE FAILED: the recorded Okta traffic is missing at ${dir}\n` +
        `(CI has a read-only copy of shared/ beside the clone; elsewhere set OKTA_VCR_DIR).\n` +
        `################################################################################\n`,
    );
    return 1;
  }
  const cassettes = loadCassettes(dir);
  if (cassettes.length === 0) {
    process.stderr.write(`OKTA CONFORMANCE FAILED: no cassettes under ${dir}\n`);
    return 1;
  }
  const entries = parseAllowList(readFileSync(ALLOW_LIST, "utf8"));
  const result = await replayAll(cassettes);
  const { failing, allowed, unused } = applyAllowList(result.differences, entries);

  const share = result.keys.union === 0 ? 0 : result.keys.agree / result.keys.union;
  const notCovered = Object.entries(result.notCovered).sort((a, b) => b[1] - a[1]);
  const out: string[] = [];
  out.push(`Okta conformance against recorded traffic (${dir})`);
  out.push(`  cassettes: ${cassettes.length}; interactions: ${result.interactions}; replayed: ${result.replayed} (${((100 * result.replayed) / result.interactions).toFixed(1)}%)`);
  out.push(`  endpoints covered: ${result.covered.length} (${result.covered.join("; ")})`);
  out.push(`  not emulated (not replayed): ${notCovered.map(([k, n]) => `${k} ${n}x`).join("; ") || "none"}`);
  out.push(`  keys that agree (name and JSON type): ${result.keys.agree} of ${result.keys.union} = ${(100 * share).toFixed(1)}%`);
  out.push(`  behaviours checked: client_secret presence on ${result.behaviours.clientSecret} app answers, Link rels on ${result.behaviours.link}, error bodies on ${result.behaviours.errorBody}`);
  out.push(`  differences: ${result.differences.length} (${allowed.length} allowed by ${entries.length - unused.length} allow-list entries, ${failing.length} failing)`);
  if (failing.length > 0) {
    out.push("FAILING differences (fix the emulator, or add an entry with a reason to e2e/conformance/okta-allowlist.json):");
    out.push(...grouped(failing));
  }
  if (unused.length > 0) {
    out.push("UNUSED allow-list entries (remove them):");
    for (const e of unused) out.push(`  ${e.kind} ${e.route} ${e.key}`);
  }
  if (process.env.CONFORMANCE_VERBOSE === "1" && allowed.length > 0) {
    out.push("allowed differences:");
    out.push(...grouped(allowed));
  }
  const ok = failing.length === 0 && unused.length === 0;
  out.push(ok ? "OKTA CONFORMANCE PASSED" : "OKTA CONFORMANCE FAILED");
  (ok ? process.stdout : process.stderr).write(out.join("\n") + "\n");
  return ok ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`OKTA CONFORMANCE FAILED: ${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
  },
);

// A jest reporter: per project of e2e/jest.config.js (a provider pair, the
// upgrade, the static checks), the test files, tests passed and failed, and
// the seconds its files ran; then every pair scripts/providers.sh could not
// make ready, as NOT RUN with the reason. Jest interleaves the projects' files
// on its one worker, so a project's seconds are the sum of its files' run times.
const { readProvidersEnv } = require("../lib/providers-env");

class PairReporter {
  constructor() {
    /** @type {Map<string, { files: number; passed: number; failed: number; ms: number }>} */
    this.projects = new Map();
  }

  /**
   * @param {{ context: { config: { displayName?: { name: string } } } }} test
   * @param {{ numPassingTests: number; numFailingTests: number; testExecError?: unknown; perfStats: { start: number; end: number } }} result
   */
  onTestResult(test, result) {
    const name = test.context.config.displayName?.name ?? "(no project)";
    const row = this.projects.get(name) ?? { files: 0, passed: 0, failed: 0, ms: 0 };
    row.files += 1;
    row.passed += result.numPassingTests;
    row.failed += result.numFailingTests + (result.testExecError ? 1 : 0);
    row.ms += result.perfStats.end - result.perfStats.start;
    this.projects.set(name, row);
  }

  onRunComplete() {
    const lines = ["", "[e2e] per project (provider pair):"];
    for (const [name, r] of this.projects) {
      lines.push(`  ${name}: ${r.files} files, ${r.passed} tests passed, ${r.failed} failed, ${(r.ms / 1000).toFixed(1)} s`);
    }
    let notRun = [];
    try {
      notRun = readProvidersEnv().notRun;
    } catch {
      // the config already failed on a missing providers.env
    }
    for (const p of notRun) lines.push(`  NOT RUN: ${p.name}: okta ${p.okta} + cloudflare ${p.cloudflare}: ${p.reason}`);
    if (notRun.length > 0) lines.push("  NOT RUN: upgrade: it needs both pairs");
    process.stdout.write(lines.join("\n") + "\n");
  }
}

module.exports = PairReporter;

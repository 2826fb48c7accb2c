import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import * as yaml from "js-yaml";
import { isFindingKind } from "../../src/review/findings";
import { tempDir } from "./fixtures";

// The example workflow is YAML for GitHub; these checks keep it in step with the CLI.
describe("examples/github-actions/review.yml", () => {
  const workflow = fs.readFileSync(path.join(__dirname, "..", "..", "examples", "github-actions", "review.yml"), "utf8");

  test("synthesizes base and head with the checkpoint disabled", () => {
    expect(workflow).toMatch(/CHECKPOINT_DISABLE: "1"/);
    expect(workflow).toMatch(/ref: \$\{\{ github\.event\.pull_request\.base\.sha \}\}/);
    expect(workflow.match(/npx cdktf synth/g)).toHaveLength(2);
  });

  test("runs the package's bin with --base and writes the review to a file", () => {
    expect(workflow).toMatch(/npx cdktf-okta-access review cdktf\.out "\$\{base_args\[@\]\}" --fail-on "\$FAIL_ON" --format markdown --output \.\.\/review\.md/);
    expect(workflow).toContain("base_args=(--base ../base/cdktf.out)");
  });

  test("creates or updates one comment found by a hidden marker", () => {
    expect(workflow).toContain('const marker = "<!-- cdktf-okta-access-review -->";');
    expect(workflow).toContain("github.rest.issues.updateComment");
    expect(workflow).toContain("github.rest.issues.createComment");
    expect(workflow).toMatch(/pull-requests: write/);
  });

  test("the FAIL_ON kinds are kinds the CLI knows", () => {
    const kinds = /FAIL_ON: "([^"]+)"/.exec(workflow)?.[1].split(",") ?? [];
    expect(kinds.length).toBeGreaterThan(0);
    for (const kind of kinds) expect(isFindingKind(kind)).toBe(true);
  });
});

/**
 * The workflow's job, run step by step as GitHub Actions runs it (issue 24,
 * "Fail closed"): `run` steps in bash with `-eo pipefail`, `if:` conditions
 * with the implicit `success()`, `continue-on-error`, step outputs through
 * $GITHUB_OUTPUT. `npm` and `npx` are stand-ins on the PATH: `npx cdktf
 * synth` succeeds or fails as the scenario says, and `npx cdktf-okta-access
 * review` ends as the scenario says (an exit code, or killed by a signal).
 * `uses:` steps (checkout, setup-node, the comment) are recorded, not run.
 * An `if:` or `${{ }}` the simulation does not know fails the test: it never
 * guesses.
 */
describe("examples/github-actions/review.yml fails closed: the job passes only when the review exits 0", () => {
  const workflow = yaml.load(fs.readFileSync(path.join(__dirname, "..", "..", "examples", "github-actions", "review.yml"), "utf8")) as any;
  const job = workflow.jobs.review;

  interface Scenario {
    /** Shell code for the review command: `exit 3`, `kill -KILL $$`... */
    readonly review: string;
    readonly synthFails?: boolean;
    /** A pull request from a fork: the comment step is skipped. */
    readonly fork?: boolean;
  }

  function simulate(scenario: Scenario): { passed: boolean; ran: string[]; reviewCode?: string } {
    const work = tempDir("workflow-");
    const bin = path.join(work, "bin");
    fs.mkdirSync(bin);
    for (const dir of ["head", "base"]) fs.mkdirSync(path.join(work, dir));
    fs.writeFileSync(path.join(bin, "npm"), "#!/usr/bin/env bash\nexit 0\n", { mode: 0o755 });
    fs.writeFileSync(
      path.join(bin, "npx"),
      [
        "#!/usr/bin/env bash",
        'if [ "$1" = cdktf ]; then',
        '  [ "$SIM_SYNTH" = fail ] && exit 1',
        "  mkdir -p cdktf.out && echo '{}' > cdktf.out/manifest.json && exit 0",
        "fi",
        'if [ "$1" = cdktf-okta-access ]; then',
        // Like the CLI: a review that ends on its own with 0, 2 or 3 wrote its --output file.
        '  out=""; prev=""; for a in "$@"; do [ "$prev" = --output ] && out="$a"; prev="$a"; done',
        '  case "$SIM_REVIEW" in "exit 0"|"exit 2"|"exit 3") echo "## review" > "$out";; esac',
        '  eval "$SIM_REVIEW"',
        "fi",
        "exit 99",
      ].join("\n"),
      { mode: 0o755 },
    );
    const outputs = new Map<string, Map<string, string>>();
    const expression = (text: string): string => {
      const m = /^steps\.([\w-]+)\.outputs\.([\w-]+)$/.exec(text.trim());
      if (!m) throw new Error(`the simulation does not know the expression \${{ ${text} }}`);
      return outputs.get(m[1])?.get(m[2]) ?? "";
    };
    const condition = (text: string | undefined, failed: boolean): boolean => {
      const t = (text ?? "").replace(/^\$\{\{(.*)\}\}$/s, "$1").trim();
      if (t === "") return !failed;
      if (t === "always()") return true;
      if (t === "github.event.pull_request.head.repo.full_name == github.repository") return !failed && !scenario.fork;
      const eq = /^steps\.([\w-]+)\.outputs\.([\w-]+) == '([^']*)'$/.exec(t);
      if (eq) return !failed && expression(`steps.${eq[1]}.outputs.${eq[2]}`) === eq[3];
      throw new Error(`the simulation does not know the condition ${t}`);
    };
    let failed = false;
    const ran: string[] = [];
    for (const step of job.steps as any[]) {
      const name: string = step.name ?? step.uses;
      if (!condition(step.if, failed)) continue;
      ran.push(name);
      if (step.run === undefined) continue;
      const env: NodeJS.ProcessEnv = { PATH: `${bin}:${process.env.PATH}`, HOME: work, GITHUB_OUTPUT: path.join(work, `output-${ran.length}`), GITHUB_STEP_SUMMARY: path.join(work, "summary.md"), SIM_REVIEW: scenario.review, SIM_SYNTH: scenario.synthFails ? "fail" : "ok" };
      for (const [k, v] of Object.entries({ ...workflow.env, ...step.env } as Record<string, string>)) env[k] = String(v).replace(/\$\{\{(.*?)\}\}/g, (_m, e: string) => expression(e));
      const script = path.join(work, `step-${ran.length}.sh`);
      fs.writeFileSync(script, step.run);
      const r = spawnSync("bash", ["--noprofile", "--norc", "-eo", "pipefail", script], { cwd: path.join(work, step["working-directory"] ?? ""), env, encoding: "utf8" });
      if (fs.existsSync(env.GITHUB_OUTPUT!) && step.id !== undefined) {
        const values = new Map(fs.readFileSync(env.GITHUB_OUTPUT!, "utf8").split("\n").filter(Boolean).map((l) => l.split("=", 2) as [string, string]));
        outputs.set(step.id, values);
      }
      if (r.status !== 0 && step["continue-on-error"] !== true) failed = true;
    }
    return { passed: !failed, ran, reviewCode: outputs.get("review")?.get("exit_code") };
  }

  test("exit 0 passes, after the comment", () => {
    const r = simulate({ review: "exit 0" });
    expect(r.passed).toBe(true);
    expect(r.ran).toContain("Comment on the pull request");
  });

  test.each([
    ["bad input", "exit 1", "1"],
    ["a literal secret", "exit 2", "2"],
    ["a --fail-on finding (or cannot tell)", "exit 3", "3"],
    ["killed by the runner for memory (SIGKILL)", "kill -KILL $$", "137"],
    ["an exit code of 137", "exit 137", "137"],
    ["a crash (SIGSEGV)", "kill -SEGV $$", "139"],
    ["terminated (SIGTERM)", "kill -TERM $$", "143"],
    ["an unknown code", "exit 4", "4"],
    ["node missing", "exit 127", "127"],
    ["255", "exit 255", "255"],
  ])("%s fails the job", (_what, review, code) => {
    const r = simulate({ review });
    expect(r.reviewCode).toBe(code);
    expect(r.passed).toBe(false);
    expect(r.ran[r.ran.length - 1]).toBe("Pass only when the review exited 0");
  });

  test("2 and 3 still comment before the job fails; a review that did not finish does not", () => {
    expect(simulate({ review: "exit 3" }).ran).toContain("Comment on the pull request");
    expect(simulate({ review: "exit 2" }).ran).toContain("Comment on the pull request");
    expect(simulate({ review: "kill -KILL $$" }).ran).not.toContain("Comment on the pull request");
  });

  test("a head that does not synthesize, so no review at all, fails the job", () => {
    const r = simulate({ review: "exit 0", synthFails: true });
    expect(r.reviewCode).toBeUndefined();
    expect(r.passed).toBe(false);
  });

  test("a pull request from a fork: no comment, the same gate", () => {
    expect(simulate({ review: "exit 0", fork: true })).toMatchObject({ passed: true, ran: expect.not.arrayContaining(["Comment on the pull request"]) });
    expect(simulate({ review: "kill -KILL $$", fork: true }).passed).toBe(false);
  });
});

import * as fs from "node:fs";
import * as path from "node:path";
import { isFindingKind } from "../../src/review/findings";

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

  test("creates or updates one comment found by a hidden marker, and fails on a literal secret", () => {
    expect(workflow).toContain('const marker = "<!-- cdktf-okta-access-review -->";');
    expect(workflow).toContain("github.rest.issues.updateComment");
    expect(workflow).toContain("github.rest.issues.createComment");
    expect(workflow).toMatch(/if: steps\.review\.outputs\.exit_code == '2'/);
    expect(workflow).toMatch(/pull-requests: write/);
  });

  test("fails on the FAIL_ON kinds (exit 3), each of them a kind the CLI knows", () => {
    const kinds = /FAIL_ON: "([^"]+)"/.exec(workflow)?.[1].split(",") ?? [];
    expect(kinds.length).toBeGreaterThan(0);
    for (const kind of kinds) expect(isFindingKind(kind)).toBe(true);
    expect(workflow).toMatch(/if: steps\.review\.outputs\.exit_code == '3'/);
  });
});

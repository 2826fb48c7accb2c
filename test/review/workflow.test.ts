import * as fs from "node:fs";
import * as path from "node:path";

// The example workflow is YAML for GitHub; these checks keep it in step with the CLI.
describe("examples/github-actions/review.yml", () => {
  const workflow = fs.readFileSync(path.join(__dirname, "..", "..", "examples", "github-actions", "review.yml"), "utf8");

  test("synthesizes base and head with the checkpoint disabled", () => {
    expect(workflow).toMatch(/CHECKPOINT_DISABLE: "1"/);
    expect(workflow).toMatch(/ref: \$\{\{ github\.event\.pull_request\.base\.sha \}\}/);
    expect(workflow.match(/npx cdktf synth/g)).toHaveLength(2);
  });

  test("runs the package's bin with --base and writes the review to a file", () => {
    expect(workflow).toMatch(/npx cdktf-okta-access review cdktf\.out "\$\{base_args\[@\]\}" --format markdown --output \.\.\/review\.md/);
    expect(workflow).toContain("base_args=(--base ../base/cdktf.out)");
  });

  test("creates or updates one comment found by a hidden marker, and fails on a literal secret", () => {
    expect(workflow).toContain('const marker = "<!-- cdktf-okta-access-review -->";');
    expect(workflow).toContain("github.rest.issues.updateComment");
    expect(workflow).toContain("github.rest.issues.createComment");
    expect(workflow).toMatch(/if: steps\.review\.outputs\.exit_code == '2'/);
    expect(workflow).toMatch(/pull-requests: write/);
  });
});

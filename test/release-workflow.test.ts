/**
 * The GitHub Actions workflows: CI runs .ci/run, and the release workflow
 * publishes what the steps .ci/run already exercises on every change built
 * (the same commands, the same paths), with the permissions each registry's
 * keyless publishing needs and no more. actionlint checks their syntax in
 * .ci/run; this test checks what they do.
 */
import { readFileSync } from "node:fs";
import * as path from "node:path";
import * as yaml from "js-yaml";

const ROOT = path.join(__dirname, "..");
interface Step {
  name?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
  "working-directory"?: string;
}
interface Job {
  needs?: string | string[];
  permissions?: Record<string, string>;
  environment?: { name: string };
  steps: Step[];
}
interface Workflow {
  on: Record<string, unknown>;
  permissions?: Record<string, string>;
  jobs: Record<string, Job>;
}
const read = (file: string) => readFileSync(path.join(ROOT, file), "utf8");
const workflow = (file: string) => yaml.load(read(file)) as Workflow;
const ci = workflow(".github/workflows/ci.yml");
const release = workflow(".github/workflows/release.yml");
const CI_RUN = read(".ci/run");
const runs = (job: Job) => job.steps.map((s) => s.run).filter((r): r is string => r !== undefined);

describe("ci.yml", () => {
  test("runs .ci/run on pushes to main and on pull requests, read-only", () => {
    expect(Object.keys(ci.on).sort()).toEqual(["pull_request", "push"]);
    expect(ci.permissions).toEqual({ contents: "read" });
    const steps = Object.values(ci.jobs).flatMap((j) => j.steps);
    expect(steps.filter((s) => s.run !== undefined).map((s) => s.run!.trim())).toEqual(["bash .ci/run"]);
  });
});

describe("release.yml publishes what .ci/run builds and checks", () => {
  const build = release.jobs.build;

  test("runs on a version tag, with no permission by default", () => {
    expect(release.on).toEqual({ push: { tags: ["v[0-9]+.[0-9]+.[0-9]+*"] } });
    expect(release.permissions).toEqual({});
  });

  test("builds and tests as CI does, then makes the artefacts and the notes with .ci/run's own commands", () => {
    const commands = runs(build);
    expect(commands).toEqual([
      "npm ci --no-audit --no-fund",
      'node scripts/release.js check-tag "$GITHUB_REF_NAME"',
      "npm run build",
      "npm test",
      "bash scripts/release-artefacts.sh dist/release",
      'node scripts/changelog.js notes "${GITHUB_REF_NAME#v}" > dist/release/notes.md',
    ]);
    // The same commands run in .ci/run (or in the rehearsal it runs): nothing here is first tried on a tag.
    const rehearsal = read("scripts/release-rehearsal.sh");
    for (const c of ["npm ci --no-audit --no-fund", "npm run build", "npm test", "bash scripts/release-artefacts.sh dist/release"]) {
      expect([c, CI_RUN.includes(c)]).toEqual([c, true]);
    }
    expect(CI_RUN).toContain("bash scripts/release-rehearsal.sh");
    expect(rehearsal).toContain('node scripts/release.js check-tag "$tag"');
    expect(rehearsal).toContain('node scripts/changelog.js notes "$released"');
    expect(build.permissions).toEqual({ contents: "read" });
  });

  test("the artefacts script packs with scripts/pack.sh and proves the tarball with npm publish --dry-run, the Python files with twine check", () => {
    const script = read("scripts/release-artefacts.sh");
    expect(script).toContain('tarball="$(bash scripts/pack.sh "$out")"');
    expect(script).toContain('twine check --strict "$wheel" "$sdist" "$cdktn_wheel" "$cdktn_sdist"');
    expect(script).toContain('node scripts/release.js versions "$tarball" "$wheel" "$sdist"');
    expect(script).toContain('node scripts/release.js versions "$cdktn_tarball" "$cdktn_wheel" "$cdktn_sdist"');
    // The CDK Terrain package too: built by npm run build:cdktn, checked and dry-run published like the cdktf one.
    expect(script).toContain("npm run --silent build:cdktn");
    expect(script).toMatch(/for t in "\$tarball" "\$cdktn_tarball"; do\n[^]*node scripts\/check-package.js "\$t"\n\s*npm publish --dry-run "\$t"/);
    // The newcomer's install packs with the same script.
    expect(read("scripts/newcomer.sh")).toContain("scripts/pack.sh");
  });

  test("npm: both built tarballs, with provenance, by OIDC or the NPM_TOKEN secret", () => {
    const npm = release.jobs.npm;
    expect(npm.needs).toBe("build");
    expect(npm.permissions).toEqual({ contents: "read", "id-token": "write" });
    expect(npm.environment?.name).toBe("npm");
    const publish = npm.steps.find((s) => s.run?.includes("npm publish"))!;
    // Every tarball the build made: both packages, one npm publish each.
    expect(publish.run).toBe('for tarball in dist/release/*.tgz; do npm publish --provenance --access public "$tarball"; done');
    expect(publish.env).toEqual({ NODE_AUTH_TOKEN: "${{ secrets.NPM_TOKEN }}" });
    // Trusted publishing needs npm 11.5.1 or later.
    const npmVersion = /npm install --global npm@(\d+)\.(\d+)\.(\d+)/.exec(runs(npm).join("\n"))!;
    expect(Number(npmVersion[1]) * 1000 + Number(npmVersion[2])).toBeGreaterThanOrEqual(11005);
  });

  test("PyPI: trusted publishing of the built wheel and sdist, no password or token", () => {
    const pypi = release.jobs.pypi;
    expect(pypi.needs).toBe("build");
    expect(pypi.permissions).toEqual({ "id-token": "write" });
    expect(pypi.environment?.name).toBe("pypi");
    const publish = pypi.steps.find((s) => s.uses?.startsWith("pypa/gh-action-pypi-publish@"))!;
    expect(publish.with).toEqual({ "packages-dir": "dist/release/python/" });
    expect(JSON.stringify(pypi)).not.toMatch(/password|secrets\./);
  });

  test("the GitHub release carries the changelog section and the artefacts, after both registries", () => {
    const gh = release.jobs["github-release"];
    expect(gh.needs).toEqual(["npm", "pypi"]);
    expect(gh.permissions).toEqual({ contents: "write" });
    expect(runs(gh)).toEqual([
      'gh release create "$GITHUB_REF_NAME" --verify-tag --title "$GITHUB_REF_NAME" --notes-file dist/release/notes.md dist/release/*.tgz dist/release/python/*',
    ]);
  });
});

describe("every action is pinned", () => {
  // pypa/gh-action-pypi-publish: its repository could not be read to verify a SHA (see its step).
  const TAG_PINNED = new Set(["pypa/gh-action-pypi-publish"]);
  const files = [".github/workflows/ci.yml", ".github/workflows/release.yml"];

  test.each(files)("%s: by full commit SHA with its version in a comment (or, where noted, by release tag)", (file) => {
    const uses = [...read(file).matchAll(/uses: ([\w.-]+\/[\w.-]+)@(\S+)(.*)$/gm)];
    expect(uses.length).toBeGreaterThan(0);
    for (const [, action, ref, rest] of uses) {
      if (TAG_PINNED.has(action)) expect([action, ref]).toEqual([action, expect.stringMatching(/^v\d+\.\d+\.\d+$/)]);
      else expect([action, ref, rest]).toEqual([action, expect.stringMatching(/^[0-9a-f]{40}$/), expect.stringMatching(/^ # v\d+\.\d+\.\d+$/)]);
    }
  });

  test("one action, one version, across the workflows", () => {
    const refs = new Map<string, Set<string>>();
    for (const file of files) {
      for (const [, action, ref] of read(file).matchAll(/uses: ([\w.-]+\/[\w.-]+)@(\S+)/g)) refs.set(action, new Set([...(refs.get(action) ?? []), ref]));
    }
    expect([...refs].filter(([, r]) => r.size > 1).map(([a]) => a)).toEqual([]);
  });
});

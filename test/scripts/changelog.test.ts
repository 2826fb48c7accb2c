import { readFileSync } from "node:fs";
import * as path from "node:path";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const changelog = require("../../scripts/changelog") as {
  check(text: string, version: string): string[];
  notes(text: string, version: string): string;
  parse(text: string): { sections: { version: string; date?: string; body: string }[]; links: string[] };
  release(text: string, version: string, date: string, repo: string): string;
};
// eslint-disable-next-line @typescript-eslint/no-require-imports
const release = require("../../scripts/release") as { checkTag(tag: string, version: string, changelog: string): string[]; pythonVersion(v: string): string };

const ROOT = path.join(__dirname, "..", "..");
const REPO = "https://github.com/o/r";
const HEAD = "# Changelog\n\nAll notable changes. The format is [Keep a Changelog](https://keepachangelog.com/en/1.1.0/).\n";

function file(...sections: string[]): string {
  const versions = sections.map((s) => /^## \[([^\]]+)\]/.exec(s)![1]);
  return `${HEAD}\n${sections.join("\n")}\n${versions.map((v) => `[${v}]: ${REPO}/x/${v}`).join("\n")}\n`;
}

describe("the project's CHANGELOG.md", () => {
  const text = readFileSync(path.join(ROOT, "CHANGELOG.md"), "utf8");
  const { version } = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as { version: string };

  test("is in Keep a Changelog form, with an [Unreleased] section on top and one for package.json's version", () => {
    expect(changelog.check(text, version)).toEqual([]);
    const sections = changelog.parse(text).sections;
    expect(sections[0].version).toBe("Unreleased");
    expect(sections.map((s) => s.version)).toContain(version);
  });

  test("its first release says what the release offers, under Added", () => {
    const first = changelog.parse(text).sections.at(-1)!;
    expect(first.version).toBe("0.1.0");
    expect(first.body).toMatch(/^### Added$/m);
    expect(first.body).toContain("OktaAccessIdentityProvider");
    expect(first.body).toContain("cdktf-okta-access review");
    expect(first.body).toContain("discover");
  });
});

describe("check", () => {
  const ok = file("## [Unreleased]\n", "## [0.2.0] - 2027-02-01\n\n### Fixed\n\n- b\n", "## [0.1.0] - 2027-01-15\n\n### Added\n\n- a\n");

  test("a well-formed file has no problems", () => {
    expect(changelog.check(ok, "0.2.0")).toEqual([]);
  });

  test.each([
    ["no [Unreleased] on top", ok.replace("## [Unreleased]\n", ""), "0.2.0", /the first section must be ## \[Unreleased\]/],
    ["a group Keep a Changelog does not have", ok.replace("### Fixed", "### Bugs"), "0.2.0", /"### Bugs" is not one of Keep a Changelog's groups/],
    ["versions out of order", ok.replace("[0.2.0] - 2027-02-01", "[0.0.9] - 2027-02-01").replace("[0.2.0]: ", "[0.0.9]: "), "0.1.0", /\[0\.1\.0\] comes after \[0\.0\.9\]: newest first/],
    ["a release without a date", ok.replace("[0.1.0] - 2027-01-15", "[0.1.0]"), "0.2.0", /\[0\.1\.0\] has no date/],
    ["an older version marked Unreleased", ok.replace("[0.1.0] - 2027-01-15", "[0.1.0] - Unreleased"), "0.2.0", /\[0\.1\.0\] is marked Unreleased but is not the newest/],
    ["no section for package.json's version", ok, "0.3.0", /no section for package\.json's version 0\.3\.0/],
    ["a section without its link", ok.replace(/\[0\.1\.0\]: .*\n/, ""), "0.2.0", /no link reference "\[0\.1\.0\]: <url>"/],
    ["a heading that is not a version", ok.replace("## [0.2.0] - 2027-02-01", "## 0.2.0 (soon)"), "0.2.0", /a section heading must be/],
  ])("reports %s", (_what, text, version, problem) => {
    expect(changelog.check(text, version)).toContainEqual(expect.stringMatching(problem));
  });
});

describe("release: [Unreleased] becomes the version's dated section", () => {
  test("a new version gets the entries, a fresh [Unreleased] and the link references", () => {
    const before = file("## [Unreleased]\n\n### Fixed\n\n- b\n\n### Added\n\n- c\n", "## [0.1.0] - 2027-01-15\n\n### Added\n\n- a\n");
    const after = changelog.release(before, "0.2.0", "2027-02-01", REPO);
    const sections = changelog.parse(after).sections;
    expect(sections.map((s) => [s.version, s.date])).toEqual([
      ["Unreleased", undefined],
      ["0.2.0", "2027-02-01"],
      ["0.1.0", "2027-01-15"],
    ]);
    // Groups in Keep a Changelog's order.
    expect(sections[1].body).toBe("### Added\n\n- c\n\n### Fixed\n\n- b");
    expect(sections[0].body).toBe("");
    expect(changelog.parse(after).links.slice(0, 2)).toEqual([`[Unreleased]: ${REPO}/compare/v0.2.0...HEAD`, `[0.2.0]: ${REPO}/compare/v0.1.0...v0.2.0`]);
    expect(changelog.check(after, "0.2.0")).toEqual([]);
    expect(changelog.notes(after, "0.2.0")).toBe("### Added\n\n- c\n\n### Fixed\n\n- b\n");
  });

  test("a version prepared as Unreleased takes the [Unreleased] entries into its own groups, keeping its summary", () => {
    const before = file("## [Unreleased]\n\n### Added\n\n- late\n\n### Security\n\n- s\n", "## [0.1.0] - Unreleased\n\nThe first release.\n\n### Added\n\n- early\n");
    const after = changelog.release(before, "0.1.0", "2027-01-15", REPO);
    expect(changelog.notes(after, "0.1.0")).toBe("The first release.\n\n### Added\n\n- early\n- late\n\n### Security\n\n- s\n");
    expect(changelog.parse(after).links).toContain(`[0.1.0]: ${REPO}/releases/tag/v0.1.0`);
    expect(changelog.check(after, "0.1.0")).toEqual([]);
  });

  test.each([
    ["nothing to release", file("## [Unreleased]\n", "## [0.1.0] - 2027-01-15\n\n### Added\n\n- a\n"), "0.2.0", /nothing to release in 0\.2\.0/],
    ["a version already released", file("## [Unreleased]\n\n### Fixed\n\n- b\n", "## [0.1.0] - 2027-01-15\n\n### Added\n\n- a\n"), "0.1.0", /\[0\.1\.0\] is already released \(2027-01-15\)/],
    ["a version that is not semver", file("## [Unreleased]\n\n### Fixed\n\n- b\n"), "1.2", /1\.2 is not a semantic version/],
  ])("refuses %s", (_what, text, version, error) => {
    expect(() => changelog.release(text, version, "2027-02-01", REPO)).toThrow(error);
  });
});

describe("notes and the tag check (the release workflow's first step)", () => {
  const released = file("## [Unreleased]\n", "## [0.1.0] - 2027-01-15\n\n### Added\n\n- a\n");
  const prepared = file("## [Unreleased]\n", "## [0.1.0] - Unreleased\n\n### Added\n\n- a\n");

  test("the notes of a released version are its section's text", () => {
    expect(changelog.notes(released, "0.1.0")).toBe("### Added\n\n- a\n");
  });

  test("an unreleased or missing version has no notes", () => {
    expect(() => changelog.notes(prepared, "0.1.0")).toThrow(/\[0\.1\.0\] is not released \(no date\)/);
    expect(() => changelog.notes(released, "0.2.0")).toThrow(/no section for 0\.2\.0/);
  });

  test("a tag must be v<package.json's version>, with a dated section", () => {
    expect(release.checkTag("v0.1.0", "0.1.0", released)).toEqual([]);
    expect(release.checkTag("0.1.0", "0.1.0", released)).toEqual(['the tag "0.1.0" is not v0.1.0, package.json\'s version']);
    expect(release.checkTag("v0.1.0", "0.1.0", prepared)).toEqual([expect.stringMatching(/\[0\.1\.0\] is not released/)]);
  });

  test("the Python version is jsii-pacmak's form of the npm version", () => {
    expect(release.pythonVersion("0.1.0")).toBe("0.1.0");
    expect(release.pythonVersion("1.2.0-rc.1")).toBe("1.2.0.rc1");
  });
});

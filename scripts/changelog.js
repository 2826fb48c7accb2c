#!/usr/bin/env node
// CHANGELOG.md in Keep a Changelog form (https://keepachangelog.com/en/1.1.0/):
//
//   node scripts/changelog.js check              the file's structure, and a section for package.json's version
//   node scripts/changelog.js notes <version>    the section of a released version (the GitHub release's text)
//   node scripts/changelog.js release [<version>] [--date YYYY-MM-DD]
//       moves the [Unreleased] entries into <version> (default: package.json's),
//       dated, and starts an empty [Unreleased]: commit-and-tag-version runs it
//       after the bump (.versionrc.json, CONTRIBUTING.md: Cutting a release).
//
// The structure: a title and an introduction; `## [Unreleased]` first; then
// one `## [x.y.z] - YYYY-MM-DD` per release, newest first, of which the
// newest may instead say `- Unreleased` (a version prepared, not yet tagged);
// inside each, only Keep a Changelog's `### Added|Changed|Deprecated|Removed|
// Fixed|Security` groups; a link reference for every section at the end.
"use strict";
const fs = require("node:fs");
const path = require("node:path");

const KINDS = ["Added", "Changed", "Deprecated", "Removed", "Fixed", "Security"];
const VERSION = /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$/;
const HEADING = /^## \[([^\]]+)\](?: - (\d{4}-\d{2}-\d{2}|Unreleased))?[ \t]*$/;

/**
 * @typedef {{ version: string, date: string | undefined, body: string }} Section
 * @typedef {{ head: string, sections: Section[], links: string[] }} Changelog
 */

/** @param {string} message */
function fail(message) {
  return new Error(`CHANGELOG.md: ${message}`);
}

/**
 * @param {string} text
 * @returns {Changelog}
 */
function parse(text) {
  const lines = text.replace(/\r\n/g, "\n").split("\n");
  const first = lines.findIndex((l) => l.startsWith("## "));
  if (first < 0) throw fail("no `## [Unreleased]` section");
  const linkAt = lines.findIndex((l, i) => i > first && /^\[[^\]]+\]: \S+/.test(l));
  const end = linkAt < 0 ? lines.length : linkAt;
  /** @type {Section[]} */
  const sections = [];
  for (let i = first; i < end; i++) {
    const line = lines[i];
    if (line.startsWith("## ")) {
      const m = HEADING.exec(line);
      if (m === null) throw fail(`line ${i + 1}: a section heading must be "## [x.y.z] - YYYY-MM-DD" (or "## [Unreleased]"); found ${JSON.stringify(line)}`);
      sections.push({ version: m[1], date: m[2], body: "" });
    } else {
      sections[sections.length - 1].body += `${line}\n`;
    }
  }
  for (const s of sections) s.body = s.body.trim();
  const links = lines.slice(end).filter((l) => l.trim() !== "");
  return { head: lines.slice(0, first).join("\n").trimEnd(), sections, links };
}

/**
 * @param {Changelog} c
 * @returns {string}
 */
function format(c) {
  const parts = [c.head, ""];
  for (const s of c.sections) {
    parts.push(s.version === "Unreleased" ? "## [Unreleased]" : `## [${s.version}] - ${s.date ?? "Unreleased"}`, "");
    if (s.body !== "") parts.push(s.body, "");
  }
  if (c.links.length > 0) parts.push(...c.links, "");
  return parts.join("\n");
}

/** The key of a section's summary: the text before its first group. */
const SUMMARY = "";

/**
 * The groups of a section body: `### Kind` → its text, and SUMMARY → the text
 * before the first group (a short summary of the release, optional).
 * @param {string} body
 * @param {string} where
 * @returns {Map<string, string>}
 */
function groups(body, where) {
  /** @type {Map<string, string>} */
  const out = new Map([[SUMMARY, ""]]);
  let current = SUMMARY;
  for (const line of body.split("\n")) {
    const m = /^### (.+)$/.exec(line);
    if (m !== null) {
      if (!KINDS.includes(m[1])) throw fail(`${where}: "### ${m[1]}" is not one of Keep a Changelog's groups (${KINDS.join(", ")})`);
      if (out.has(m[1])) throw fail(`${where}: "### ${m[1]}" appears twice`);
      current = m[1];
      out.set(current, "");
    } else {
      out.set(current, `${out.get(current)}${line}\n`);
    }
  }
  for (const [k, v] of out) out.set(k, v.trim());
  return out;
}

/** @param {Map<string, string>} g */
function joinGroups(g) {
  const summary = g.get(SUMMARY) ?? "";
  const kinds = KINDS.filter((k) => (g.get(k) ?? "") !== "").map((k) => `### ${k}\n\n${g.get(k)}`);
  return [...(summary === "" ? [] : [summary]), ...kinds].join("\n\n");
}

/**
 * @param {string} a
 * @param {string} b
 */
function compareVersions(a, b) {
  const pa = a.split(/[.-]/);
  const pb = b.split(/[.-]/);
  for (let i = 0; i < 3; i++) {
    const d = Number(pa[i]) - Number(pb[i]);
    if (d !== 0) return d;
  }
  // A prerelease sorts before its release.
  if (pa.length !== pb.length) return pa.length > pb.length ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Problems with the changelog's structure, for package.json's `version`.
 * @param {string} text
 * @param {string} version
 * @returns {string[]}
 */
function check(text, version) {
  const problems = [];
  let c;
  try {
    c = parse(text);
  } catch (e) {
    return [/** @type {Error} */ (e).message];
  }
  if (!/^# Changelog\n/.test(c.head)) problems.push('CHANGELOG.md: it must start with "# Changelog" and an introduction');
  if (!c.head.includes("https://keepachangelog.com/")) problems.push("CHANGELOG.md: the introduction must name Keep a Changelog");
  if (c.sections[0]?.version !== "Unreleased") problems.push("CHANGELOG.md: the first section must be ## [Unreleased]");
  const releases = c.sections.slice(1);
  for (const [i, s] of releases.entries()) {
    if (s.version === "Unreleased") problems.push("CHANGELOG.md: ## [Unreleased] appears twice");
    else if (!VERSION.test(s.version)) problems.push(`CHANGELOG.md: [${s.version}] is not a semantic version`);
    if (s.date === undefined) problems.push(`CHANGELOG.md: [${s.version}] has no date (write "- YYYY-MM-DD", or "- Unreleased" for the version being prepared)`);
    if (s.date === "Unreleased" && i > 0) problems.push(`CHANGELOG.md: [${s.version}] is marked Unreleased but is not the newest version`);
    if (s.body === "") problems.push(`CHANGELOG.md: [${s.version}] is empty`);
    if (i > 0 && VERSION.test(s.version) && VERSION.test(releases[i - 1].version) && compareVersions(releases[i - 1].version, s.version) <= 0) {
      problems.push(`CHANGELOG.md: [${s.version}] comes after [${releases[i - 1].version}]: newest first`);
    }
  }
  for (const s of c.sections) {
    try {
      groups(s.body, `[${s.version}]`);
    } catch (e) {
      problems.push(/** @type {Error} */ (e).message);
    }
    if (!c.links.some((l) => l.startsWith(`[${s.version}]: `))) problems.push(`CHANGELOG.md: no link reference "[${s.version}]: <url>" at the end`);
  }
  if (!releases.some((s) => s.version === version)) {
    problems.push(`CHANGELOG.md: no section for package.json's version ${version}`);
  }
  return problems;
}

/**
 * The text of a released version's section, for its GitHub release.
 * @param {string} text
 * @param {string} version
 * @returns {string}
 */
function notes(text, version) {
  const s = parse(text).sections.find((x) => x.version === version);
  if (s === undefined) throw fail(`no section for ${version}`);
  if (s.date === undefined || s.date === "Unreleased") throw fail(`[${version}] is not released (no date): run the release (CONTRIBUTING.md: Cutting a release)`);
  if (s.body === "") throw fail(`[${version}] is empty`);
  return `${s.body}\n`;
}

/**
 * Moves the [Unreleased] entries into `version`, dated `date`.
 * @param {string} text
 * @param {string} version
 * @param {string} date YYYY-MM-DD
 * @param {string} repo the repository's URL, for the link references
 * @returns {string}
 */
function release(text, version, date, repo) {
  if (!VERSION.test(version)) throw fail(`${version} is not a semantic version`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw fail(`${date} is not a date (YYYY-MM-DD)`);
  const c = parse(text);
  const unreleased = c.sections[0];
  if (unreleased?.version !== "Unreleased") throw fail("the first section must be ## [Unreleased]");
  const incoming = groups(unreleased.body, "[Unreleased]");
  const existing = c.sections.find((s) => s.version === version);
  if (existing !== undefined && existing.date !== "Unreleased") throw fail(`[${version}] is already released (${existing.date})`);
  const merged = existing === undefined ? new Map() : groups(existing.body, `[${version}]`);
  for (const [kind, items] of incoming) merged.set(kind, [merged.get(kind), items].filter((x) => x !== undefined && x !== "").join(kind === SUMMARY ? "\n\n" : "\n"));
  const body = joinGroups(merged);
  if (KINDS.every((k) => (merged.get(k) ?? "") === "")) throw fail(`nothing to release in ${version}: no entries under [Unreleased]${existing ? ` or [${version}]` : ""}`);
  const previous = c.sections.slice(1).find((s) => s.version !== version && s.date !== "Unreleased");
  const sections = [
    { version: "Unreleased", date: undefined, body: "" },
    { version, date, body },
    ...c.sections.slice(1).filter((s) => s.version !== version),
  ];
  const links = c.links.filter((l) => !l.startsWith("[Unreleased]: ") && !l.startsWith(`[${version}]: `));
  links.unshift(`[Unreleased]: ${repo}/compare/v${version}...HEAD`, previous === undefined ? `[${version}]: ${repo}/releases/tag/v${version}` : `[${version}]: ${repo}/compare/v${previous.version}...v${version}`);
  return format({ head: c.head, sections, links });
}

module.exports = { KINDS, check, notes, parse, release };

if (require.main === module) {
  const root = path.join(__dirname, "..");
  const file = path.join(root, "CHANGELOG.md");
  const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));
  const repo = String(pkg.repository.url).replace(/^git\+/, "").replace(/\.git$/, "");
  const [command, ...args] = process.argv.slice(2);
  const text = fs.readFileSync(file, "utf8");
  try {
    if (command === "check") {
      const problems = check(text, pkg.version);
      for (const p of problems) console.error(p);
      if (problems.length > 0) process.exit(1);
      console.log(`CHANGELOG.md: Keep a Changelog form, with a section for ${pkg.version}`);
    } else if (command === "notes" && args.length === 1) {
      process.stdout.write(notes(text, args[0]));
    } else if (command === "release") {
      const dateAt = args.indexOf("--date");
      const date = dateAt >= 0 ? args[dateAt + 1] : new Date().toISOString().slice(0, 10);
      const version = args.find((a, i) => !a.startsWith("--") && args[i - 1] !== "--date") ?? pkg.version;
      fs.writeFileSync(file, release(text, version, date, repo));
      console.log(`CHANGELOG.md: [Unreleased] released as ${version} (${date})`);
    } else {
      console.error("usage: node scripts/changelog.js check | notes <version> | release [<version>] [--date YYYY-MM-DD]");
      process.exit(1);
    }
  } catch (e) {
    console.error(/** @type {Error} */ (e).message);
    process.exit(1);
  }
}

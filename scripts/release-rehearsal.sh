#!/usr/bin/env bash
# A release cut in a throwaway clone of this checkout's HEAD, exactly as
# CONTRIBUTING.md (Cutting a release) tells a maintainer to cut one; nothing
# is pushed. It proves that the documented tool works on this tree:
#
# 1. `npm run release` (commit-and-tag-version, configured by .versionrc.json) picks the
#    version: the one package.json names when it has no tag yet (the release
#    being prepared), else the next one from the conventional commits since
#    the last tag. It bumps package.json and package-lock.json, runs
#    `node scripts/changelog.js release` (the [Unreleased] entries become the
#    version's dated section), commits and tags v<version>.
# 2. The tag then passes the release workflow's first check
#    (`node scripts/release.js check-tag`), its release notes are the
#    changelog's section (`node scripts/changelog.js notes`), and the
#    changelog is still in form.
#
#   bash scripts/release-rehearsal.sh
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
git clone --quiet "$repo" "$work/repo"
cd "$work/repo"
git config user.name "release rehearsal"
git config user.email "rehearsal@example.invalid"
git config commit.gpgsign false
git config tag.gpgsign false
# The tools, from this checkout's install (no second npm ci).
ln -s "$repo/node_modules" node_modules

version="$(node -p 'require("./package.json").version')"
if git rev-parse --quiet --verify "refs/tags/v$version" >/dev/null; then
  echo "[rehearsal] v$version is tagged: the next version from the commits since"
  args=()
  # Right after a release nothing is unreleased, and a real release would
  # rightly refuse; the rehearsal gives itself one fix to release.
  if [ -z "$(node -p 'require("./scripts/changelog.js").parse(require("fs").readFileSync("CHANGELOG.md", "utf8")).sections[0].body')" ]; then
    node -e 'const fs = require("fs"); fs.writeFileSync("CHANGELOG.md", fs.readFileSync("CHANGELOG.md", "utf8").replace("## [Unreleased]\n", "## [Unreleased]\n\n### Fixed\n\n- A rehearsal fix.\n"))'
    git commit --quiet -am "fix: a rehearsal fix"
  fi
else
  echo "[rehearsal] v$version is not tagged yet: releasing it"
  args=(--release-as "$version")
fi
npm run --silent release -- "${args[@]}"

released="$(node -p 'require("./package.json").version')"
tag="$(git describe --tags --exact-match HEAD)"
[ "$tag" = "v$released" ] || { echo "[rehearsal] ERROR: HEAD is tagged $tag, not v$released" >&2; exit 1; }
[ "$(node -p 'require("./package-lock.json").version')" = "$released" ] || { echo "[rehearsal] ERROR: package-lock.json does not say $released" >&2; exit 1; }
changed="$(git show --name-only --format= HEAD | sort | tr '\n' ' ')"
case "$changed" in *CHANGELOG.md*) ;; *) echo "[rehearsal] ERROR: the release commit does not hold CHANGELOG.md ($changed)" >&2; exit 1 ;; esac
[ -z "$(git status --porcelain --untracked-files=no)" ] || { echo "[rehearsal] ERROR: the release left changes uncommitted:" >&2; git status --short >&2; exit 1; }
node scripts/release.js check-tag "$tag"
node scripts/changelog.js check
node scripts/changelog.js notes "$released" > "$work/notes.md"
echo "[rehearsal] $tag: commit \"$(git log -1 --format=%s)\" ($changed); release notes: $(wc -l <"$work/notes.md") lines, starting:"
head -3 "$work/notes.md"

#!/usr/bin/env bash
# The release's artefacts, built and proven exactly as the release workflow
# (.github/workflows/release.yml) publishes them; .ci/run runs it on every
# change, so the release's dry run passes before a tag is ever pushed.
#
#   bash scripts/release-artefacts.sh OUT_DIR      (e.g. dist/release)
#
# 1. npm: packs the package (scripts/pack.sh: builds first when lib/ is
#    missing or stale), checks every entry point and the bin of the packed
#    tarball (scripts/check-package.js), and runs `npm publish --dry-run` on
#    that very file: OUT_DIR/<name>-<version>.tgz.
# 2. Python: the wheel and the sdist (npm run package), copied to
#    OUT_DIR/python/, then `twine check --strict` with a current twine in a
#    virtual environment of its own (PyPI's own checks of the metadata and the
#    long description).
# 3. One version: the tarball, the wheel and the sdist say the same version
#    (scripts/release.js versions).
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
out="${1:?usage: bash scripts/release-artefacts.sh OUT_DIR}"
# twine for the check (PyPI's upload action runs its own at publish time).
TWINE_VERSION="7.0.0"
cd "$repo"
rm -rf "$out"
mkdir -p "$out/python"
out="$(cd "$out" && pwd)"

echo "== npm: pack and check the tarball"
tarball="$(bash scripts/pack.sh "$out")"
node scripts/check-package.js "$tarball"
echo "== npm publish --dry-run $(basename "$tarball")"
npm publish --dry-run "$tarball"

echo "== Python: wheel and sdist (npm run package)"
npm run package
cp dist/python/*.whl dist/python/*.tar.gz "$out/python/"
shopt -s nullglob
wheels=("$out"/python/*.whl)
sdists=("$out"/python/*.tar.gz)
if [ "${#wheels[@]}" -ne 1 ] || [ "${#sdists[@]}" -ne 1 ]; then
  echo "release-artefacts: expected one wheel and one sdist, found: $(ls "$out/python")" >&2
  exit 1
fi

echo "== twine check --strict (twine $TWINE_VERSION)"
venv="$(mktemp -d)"
trap 'rm -rf "$venv"' EXIT
python3 -m venv "$venv"
"$venv/bin/python" -m pip install --quiet --no-input --disable-pip-version-check "twine==$TWINE_VERSION"
"$venv/bin/python" -m twine check --strict "${wheels[0]}" "${sdists[0]}"

echo "== one version everywhere"
node scripts/release.js versions "$tarball" "${wheels[0]}" "${sdists[0]}"
echo "release artefacts in ${out#"$repo"/}: $(cd "$out" && ls | tr '\n' ' ')python/: $(cd "$out/python" && ls | tr '\n' ' ')"

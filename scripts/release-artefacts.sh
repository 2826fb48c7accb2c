#!/usr/bin/env bash
# The release's artefacts, built and proven exactly as the release workflow
# (.github/workflows/release.yml) publishes them; .ci/run runs it on every
# change, so the release's dry run passes before a tag is ever pushed.
#
#   bash scripts/release-artefacts.sh OUT_DIR      (e.g. dist/release)
#
# Two packages from one source, each to npm and PyPI (docs/cdk-terrain.md):
#   cdktf-okta-cloudflare-access   for CDK for Terraform (cdktf)
#   cdktn-okta-cloudflare-access   for CDK Terrain (cdktn)
#
# 1. npm: packs the cdktf package (scripts/pack.sh: builds first when lib/ is
#    missing or stale) and builds the cdktn one (npm run build:cdktn), checks
#    every entry point and the bin of each packed tarball
#    (scripts/check-package.js), and runs `npm publish --dry-run` on that very
#    file: OUT_DIR/<name>-<version>.tgz.
# 2. Python: each package's wheel and sdist (scripts/package.js, and
#    scripts/package.js --cdktn), copied to OUT_DIR/python/, then
#    `twine check --strict` with a current twine in a virtual environment of
#    its own (PyPI's own checks of the metadata and the long description).
# 3. One version: each package's tarball, wheel and sdist say the same
#    version (scripts/release.js versions), and both packages say the same.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
out="${1:?usage: bash scripts/release-artefacts.sh OUT_DIR}"
# twine for the check (PyPI's upload action runs its own at publish time).
TWINE_VERSION="7.0.0"
cd "$repo"
rm -rf "$out"
mkdir -p "$out/python"
out="$(cd "$out" && pwd)"

echo "== npm: pack the cdktf package"
tarball="$(bash scripts/pack.sh "$out")"
echo "== npm: build the cdktn package (npm run build:cdktn)"
cdktn_built="$(npm run --silent build:cdktn | tail -n 1)"
cp "$cdktn_built" "$out/"
cdktn_tarball="$out/$(basename "$cdktn_built")"
for t in "$tarball" "$cdktn_tarball"; do
  echo "== npm: check $(basename "$t") and npm publish --dry-run"
  node scripts/check-package.js "$t"
  npm publish --dry-run "$t"
done

# scripts/package.js is `npm run package` without its build: pack.sh and
# build:cdktn have just built both assemblies.
echo "== Python: wheels and sdists (scripts/package.js; scripts/package.js --cdktn)"
node scripts/package.js
node scripts/package.js --cdktn
cp dist/python/*.whl dist/python/*.tar.gz dist/cdktn/python/*.whl dist/cdktn/python/*.tar.gz "$out/python/"

# One wheel and one sdist per package, by their distribution names.
python_files() { # <kind: whl|tar.gz> <distribution: cdktf or cdktn>
  local found
  shopt -s nullglob
  found=("$out"/python/"$2"[-_]okta[-_]cloudflare[-_]access-*."$1")
  shopt -u nullglob
  if [ "${#found[@]}" -ne 1 ] || [ ! -f "${found[0]}" ]; then
    echo "release-artefacts: expected one $2 package .$1 in $out/python, found: $(ls "$out/python")" >&2
    exit 1
  fi
  printf '%s' "${found[0]}"
}
wheel="$(python_files whl cdktf)"
sdist="$(python_files tar.gz cdktf)"
cdktn_wheel="$(python_files whl cdktn)"
cdktn_sdist="$(python_files tar.gz cdktn)"
if [ "$(find "$out/python" -type f | wc -l)" -ne 4 ]; then
  echo "release-artefacts: expected two wheels and two sdists, found: $(ls "$out/python")" >&2
  exit 1
fi

echo "== twine check --strict (twine $TWINE_VERSION)"
venv="$(mktemp -d)"
trap 'rm -rf "$venv"' EXIT
python3 -m venv "$venv"
"$venv/bin/python" -m pip install --quiet --no-input --disable-pip-version-check "twine==$TWINE_VERSION"
"$venv/bin/python" -m twine check --strict "$wheel" "$sdist" "$cdktn_wheel" "$cdktn_sdist"

echo "== one version everywhere"
node scripts/release.js versions "$tarball" "$wheel" "$sdist"
node scripts/release.js versions "$cdktn_tarball" "$cdktn_wheel" "$cdktn_sdist"
[ "$(tar -xzOf "$tarball" package/package.json | node -p 'JSON.parse(require("fs").readFileSync(0)).version')" = \
  "$(tar -xzOf "$cdktn_tarball" package/package.json | node -p 'JSON.parse(require("fs").readFileSync(0)).version')" ] ||
  { echo "release-artefacts: the cdktf and cdktn packages have different versions" >&2; exit 1; }
echo "release artefacts in ${out#"$repo"/}: $(cd "$out" && ls | tr '\n' ' ')python/: $(cd "$out/python" && ls | tr '\n' ' ')"

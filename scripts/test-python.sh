#!/usr/bin/env bash
# npm run test:python: the built Python packages (npm run package and
# npm run package:cdktn first), from Python. In a fresh virtual environment it
# installs the wheel from dist/python/ with the example's pinned requirements,
# synthesizes examples/python/main.py, checks that its cdk.tf.json is
# byte-identical to the TypeScript twin's (examples/python/twin.ts), and runs
# test/python/test_package.py (errors, the review CLI, metadata). Then the same
# for the CDK Terrain distribution (dist/cdktn/python/, cdktn and
# examples/python/requirements-cdktn.txt): main.py, twin.ts and
# test_package.py with the cdktn names; the Python synth must be
# byte-identical to the cdktn TypeScript twin's, and the same JSON as the
# cdktf distribution's apart from the core's version stamp.
# TEST_PYTHON_CDKTN=0 skips that half.
#
# jsii prints a Node.js end-of-life banner on every Python run when Node.js is
# past its end of life; set JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION to
# the major version (e.g. 20) to keep it out of the output, as .ci/run does.
set -euo pipefail
cd "$(dirname "$0")/.."
export CHECKPOINT_DISABLE=1 PYTHONDONTWRITEBYTECODE=1 PIP_DISABLE_PIP_VERSION_CHECK=1

shopt -s nullglob
wheels=(dist/python/*.whl)
if [ "${#wheels[@]}" -ne 1 ]; then
  echo "test:python: expected one wheel in dist/python/, found ${#wheels[@]}: run npm run package first" >&2
  exit 1
fi
wheel="${wheels[0]}"
cdktn_wheels=(dist/cdktn/python/*.whl)
if [ "${TEST_PYTHON_CDKTN:-1}" = "1" ] && [ "${#cdktn_wheels[@]}" -ne 1 ]; then
  echo "test:python: expected one wheel in dist/cdktn/python/, found ${#cdktn_wheels[@]}: run npm run package:cdktn first (or TEST_PYTHON_CDKTN=0)" >&2
  exit 1
fi

seconds() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(seconds)" 'BEGIN { printf "%.1f", b - a }'; }

venv=dist/python-venv
rm -rf "$venv"
python3 -m venv "$venv"
py="$venv/bin/python"
echo "== install $wheel with examples/python/requirements.txt ($("$py" --version))"
t=$(seconds)
"$py" -m pip install --quiet --no-input "$wheel" -r examples/python/requirements.txt
echo "installed in $(elapsed "$t") s"

out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

echo "== synth examples/python/main.py (Python)"
t=$(seconds)
(cd examples/python && CDKTF_OUTDIR="$out/python" "../../$py" main.py)
echo "python synth: $(elapsed "$t") s"

echo "== synth examples/python/twin.ts (TypeScript)"
t=$(seconds)
node -r esbuild-register -e '
  const { App } = require("cdktf");
  const app = new App({ outdir: process.argv[1] });
  require("./examples/python/twin.ts").build(app);
  app.synth();
' "$out/typescript"
echo "typescript synth: $(elapsed "$t") s"

py_json="$out/python/stacks/okta-access-python/cdk.tf.json"
ts_json="$out/typescript/stacks/okta-access-python/cdk.tf.json"
if ! cmp "$py_json" "$ts_json"; then
  echo "test:python: the Python and TypeScript synths differ:" >&2
  diff -u "$ts_json" "$py_json" >&2 || true
  exit 1
fi
node scripts/check-synth.js "$out/python"
echo "byte-identical: $(wc -c <"$py_json") bytes, sha256 $(sha256sum "$py_json" | cut -c1-16)"

echo "== test/python/test_package.py"
"$py" test/python/test_package.py

if [ "${TEST_PYTHON_CDKTN:-1}" != "1" ]; then
  echo "== the cdktn distribution: skipped (TEST_PYTHON_CDKTN=0)"
  exit 0
fi

# The same program and tests with the cdktn names, as a Python user of the
# CDK Terrain distribution writes them.
to_cdktn() {
  sed -e 's/cdktf_okta_cloudflare_access/cdktn_okta_cloudflare_access/g' \
      -e 's/cdktf-okta-cloudflare-access/cdktn-okta-cloudflare-access/g' \
      -e 's/^from cdktf import /from cdktn import /' \
      -e 's/^CORE = "cdktf"$/CORE = "cdktn"/' \
      -e 's#/dist/python/#/dist/cdktn/python/#g' "$1"
}
cdktn_wheel="${cdktn_wheels[0]}"
cdktn_venv=dist/cdktn/python-venv
rm -rf "$cdktn_venv"
python3 -m venv "$cdktn_venv"
cpy="$cdktn_venv/bin/python"
echo "== install $cdktn_wheel with examples/python/requirements-cdktn.txt"
t=$(seconds)
"$cpy" -m pip install --quiet --no-input "$cdktn_wheel" -r examples/python/requirements-cdktn.txt
echo "installed in $(elapsed "$t") s"
mkdir -p "$out/cdktn-example"
to_cdktn examples/python/main.py >"$out/cdktn-example/main.py"
to_cdktn test/python/test_package.py >"$out/cdktn-example/test_package.py"
if grep -n 'cdktf' "$out/cdktn-example/main.py"; then
  echo "test:python: the cdktn copy of main.py still names cdktf (above)" >&2
  exit 1
fi

echo "== synth examples/python/main.py with the cdktn distribution (Python)"
t=$(seconds)
(cd "$out/cdktn-example" && CDKTF_OUTDIR="$out/cdktn" "$OLDPWD/$cpy" main.py)
echo "python (cdktn) synth: $(elapsed "$t") s"
cdktn_json="$out/cdktn/stacks/okta-access-python/cdk.tf.json"

echo "== synth examples/python/twin.ts with the cdktn package (TypeScript)"
# The twin with the cdktn names, against the cdktn package that
# npm run build:cdktn compiled (dist/cdktn/package/lib).
mkdir -p dist/cdktn/twin
sed -e 's#from "cdktf"#from "cdktn"#' -e 's#from "../../src"#from "../package/lib"#' examples/python/twin.ts >dist/cdktn/twin/twin.ts
t=$(seconds)
node -r esbuild-register -e '
  const { App } = require("cdktn");
  const app = new App({ outdir: process.argv[1] });
  require("./dist/cdktn/twin/twin.ts").build(app);
  app.synth();
' "$out/cdktn-typescript"
echo "typescript (cdktn) synth: $(elapsed "$t") s"
cdktn_ts_json="$out/cdktn-typescript/stacks/okta-access-python/cdk.tf.json"
if ! cmp "$cdktn_json" "$cdktn_ts_json"; then
  echo "test:python: the cdktn Python and TypeScript synths differ:" >&2
  diff -u "$cdktn_ts_json" "$cdktn_json" >&2 || true
  exit 1
fi
echo "byte-identical: $(wc -c <"$cdktn_json") bytes, sha256 $(sha256sum "$cdktn_json" | cut -c1-16)"
# And the same Terraform configuration as the cdktf distribution's, apart
# from the core's version stamp (cdktn writes an empty object as {}).
node -e '
  const fs = require("fs");
  const { isDeepStrictEqual } = require("util");
  const [cdktf, cdktn] = process.argv.slice(1).map((f) => JSON.parse(fs.readFileSync(f, "utf8")));
  const stamps = [cdktf, cdktn].map((j) => j["//"].metadata.version);
  for (const j of [cdktf, cdktn]) delete j["//"].metadata.version;
  if (stamps[1] !== "0.24.0" || !isDeepStrictEqual(cdktf, cdktn)) {
    console.error(`test:python: the cdktn synth (${stamps[1]}) is not the cdktf one (${stamps[0]}) apart from the version stamp`);
    process.exit(1);
  }
  console.log(`the same JSON as the cdktf distribution apart from the version stamp (${stamps[0]} -> ${stamps[1]})`);
' "$py_json" "$cdktn_json"

echo "== test/python/test_package.py with the cdktn distribution"
(cd "$out/cdktn-example" && "$OLDPWD/$cpy" test_package.py)


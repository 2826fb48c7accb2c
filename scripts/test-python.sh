#!/usr/bin/env bash
# npm run test:python: the built Python package (npm run package first), from
# Python. In a fresh virtual environment it installs the wheel from
# dist/python/ with the example's pinned requirements, synthesizes
# examples/python/main.py, checks that its cdk.tf.json is byte-identical to
# the TypeScript twin's (examples/python/twin.ts), and runs
# test/python/test_package.py (errors, the review CLI, metadata).
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

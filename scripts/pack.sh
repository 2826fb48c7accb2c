#!/usr/bin/env bash
# Packs the package as a user would install it before it is on the npm
# registry: builds with jsii when the build output is missing or older than
# src/ (or always with PACK_BUILD=1), runs `npm pack` into DEST_DIR (default:
# a new temporary directory), checks the tarball holds the compiled library,
# and prints the tarball's absolute path on stdout (everything else goes to
# stderr). Reusable by any step that needs the packed package:
#   tarball="$(bash scripts/pack.sh /tmp/somewhere)"
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
dest="${1:-$(mktemp -d)}"
mkdir -p "$dest"
dest="$(cd "$dest" && pwd)"
cd "$repo"
export JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION=1

stale=0
if [ ! -f lib/index.js ] || [ ! -f .jsii ]; then
  stale=1
elif [ -n "$(find src -name '*.ts' -newer .jsii -print -quit)" ]; then
  stale=1
fi
if [ "${PACK_BUILD:-0}" = "1" ] || [ "$stale" = "1" ]; then
  echo "[pack] building (npm run build)" >&2
  npm run build >&2
fi

json="$(npm pack --json --pack-destination "$dest" 2>/dev/null)"
file="$(printf '%s' "$json" | node -e 'const r = JSON.parse(require("fs").readFileSync(0, "utf8")); process.stdout.write(r[0].filename)')"
tarball="$dest/$file"
contents="$(tar -tzf "$tarball")"
for needed in package/lib/index.js package/lib/index.d.ts package/.jsii package/bin/cdktf-okta-access.js; do
  if ! printf '%s\n' "$contents" | grep -qx "$needed"; then
    echo "[pack] ERROR: $tarball does not contain $needed" >&2
    exit 1
  fi
done
echo "[pack] $tarball" >&2
printf '%s\n' "$tarball"

#!/usr/bin/env bash
# npm test: lint and typecheck side by side (each runs on one core), then jest
# (which uses every core). Arguments go to jest: `npm test -- test/review`.
set -uo pipefail
cd "$(dirname "$0")/.."
npm run --silent lint &
lint=$!
npm run --silent typecheck &
typecheck=$!
status=0
wait "$lint" || { echo "npm test: lint failed" >&2; status=1; }
wait "$typecheck" || { echo "npm test: typecheck failed" >&2; status=1; }
[ "$status" -eq 0 ] || exit 1
exec npx jest "$@"

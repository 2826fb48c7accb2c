#!/usr/bin/env bash
# npm test: lint, typecheck and jest side by side (jest has a worker per core;
# lint and typecheck each build a TypeScript program on one core). Their output
# is printed after jest's, so it does not interleave. Arguments go to jest:
# `npm test -- test/review`.
set -uo pipefail
cd "$(dirname "$0")/.."
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
npm run --silent lint >"$out/lint" 2>&1 &
lint=$!
npm run --silent typecheck >"$out/typecheck" 2>&1 &
typecheck=$!
npx jest "$@"
status=$?
wait "$lint" || { cat "$out/lint" >&2; echo "npm test: lint failed" >&2; status=1; }
wait "$typecheck" || { cat "$out/typecheck" >&2; echo "npm test: typecheck failed" >&2; status=1; }
[ "$status" -eq 0 ] && cat "$out/typecheck"
exit "$status"
